using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>A question with what it is about (drawn by the asking flow): ENTER confirms, CANCEL does not.</summary>
    public sealed class ConfirmScreen : Screen
    {
        private IFlow? _owner;
        private string _title = string.Empty;
        private string _footer = string.Empty;

        /// <summary>The confirm screen of <paramref name="cashier"/>'s terminal.</summary>
        public ConfirmScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>Shows the question of <paramref name="owner"/> (its <see cref="IFlow.DrawConfirmation"/>).</summary>
        public void Ask(IFlow owner, string title, string footer)
        {
            _owner = owner;
            _title = title;
            _footer = footer;
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(_title);
            _owner?.DrawConfirmation();
            Footer(_footer);
            D.Flush();
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                _owner?.OnCancelled();
            }
            else if (key == KeyCode.Enter)
            {
                _owner?.OnConfirmed();
            }
        }
    }
}
