using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>The amount of a sale or a refund, keyed in fen on the shared <see cref="AmountEntry"/>; ENTER hands it to the flow.</summary>
    public sealed class AmountScreen : Screen
    {
        private IFlow? _owner;
        private int _kind;

        /// <summary>The amount entry of <paramref name="cashier"/>'s terminal.</summary>
        public AmountScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>Asks the amount of a <paramref name="kind"/> (<see cref="TxnKind"/>) for <paramref name="owner"/>, from zero.</summary>
        public void Ask(IFlow owner, int kind)
        {
            _owner = owner;
            _kind = kind;
            C.Amount.Reset();
            C.Amount.Language = C.Lang;
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(TxnKind.Text(_kind, C.Lang));
            D.Write(3, 1, C.T(Texts.AmountPrompt), TextStyle.Normal);
            D.Write(5, 1, C.Amount.Display, TextStyle.Large);
            Footer(C.T(Texts.FooterAmount));
            D.Flush();
        }

        /// <summary>A key as if pressed on this screen, without its click (the idle screen's first digit).</summary>
        public void Press(int key) => OnKey(key);

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            AmountEntryResult r = C.Amount.Key(key);
            if (r == AmountEntryResult.Cancelled)
            {
                _owner?.OnCancelled();
            }
            else if (r == AmountEntryResult.Refused)
            {
                C.Beep(BuzzerTone.Attention);
                C.Nav.Redraw();
                C.Status(C.Amount.Problem);
            }
            else if (r == AmountEntryResult.Confirmed)
            {
                _owner?.OnConfirmed();
            }
            else
            {
                C.Nav.Redraw();
            }
        }
    }
}
