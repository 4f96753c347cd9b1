using Terminal.Core.App;
using Terminal.Core.Screens;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// A sale by item code (F2 or DOT at the idle screen): lines keyed on the item screen, a quantity above the stock
    /// allowed only by the manager's password, then the lines' total is paid as a <see cref="SaleFlow"/>.
    /// </summary>
    public sealed class ItemSaleFlow : Flow
    {
        /// <summary>Step: a new item sale.</summary>
        public const int New = 0;

        /// <summary>Step: the manager allowed the quantity above stock.</summary>
        public const int Allowed = 1;

        private readonly SaleFlow _sale;
        private readonly ItemEntry _entry;
        private readonly ItemsScreen _screen;

        /// <summary>The item sale of <paramref name="cashier"/>'s terminal, paid by <paramref name="sale"/>.</summary>
        public ItemSaleFlow(Cashier cashier, SaleFlow sale)
            : base(cashier)
        {
            _sale = sale;
            _entry = new ItemEntry(cashier.Store);
            _screen = new ItemsScreen(cashier, this, _entry);
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            if (step == Allowed)
            {
                _entry.Override();
                C.Nav.Show(_screen);
                C.Status(C.T(Texts.ItemAllowed));
                return;
            }

            if (C.Store.Catalog.Count == 0)
            {
                C.Beep(BuzzerTone.Attention);
                C.Status(C.T(Texts.ItemNoCatalog));
                return;
            }

            _entry.Start(C.Store);
            C.Nav.Show(_screen);
        }

        /// <summary>The manager's password, saying why (<paramref name="why"/>).</summary>
        public void AskManager(string why)
        {
            C.Nav.LastMessage = why;
            C.Password.Check(C.Manager, this, Allowed, why);
        }

        /// <summary>The lines are keyed: pay their total.</summary>
        public void Sell() => _sale.Present(_entry.Lines);

        /// <inheritdoc />
        public override void OnCancelled()
        {
            // Not allowed: back to the items, without the line.
            string why = _entry.Problem;
            _entry.Refused();
            C.Nav.Show(_screen);
            C.Status(why.Length > 0 ? why : C.T(Texts.ItemNotAllowed));
        }
    }
}
