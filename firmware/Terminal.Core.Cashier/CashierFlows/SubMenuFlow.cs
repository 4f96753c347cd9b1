using Terminal.Core.App;
using Terminal.Core.Screens;

namespace Terminal.Core.CashierFlows
{
    /// <summary>A menu row that opens another menu (the pre-authorization and balance menu, MENU F2): its table under its title.</summary>
    public sealed class SubMenuFlow : Flow
    {
        private readonly int _title;
        private readonly MenuRow[] _rows;

        /// <summary>Opens <paramref name="rows"/> under the title <paramref name="title"/> (a text id).</summary>
        public SubMenuFlow(Cashier cashier, int title, MenuRow[] rows)
            : base(cashier)
        {
            _title = title;
            _rows = rows;
        }

        /// <inheritdoc />
        public override void Start(int step) => C.Menu.Open(_title, _rows, 2);
    }
}
