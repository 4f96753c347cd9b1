using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>Ringing up items by code and quantity on an <see cref="ItemEntry"/>: each key redraws it; what the entry decides goes to the item sale.</summary>
    public sealed class ItemsScreen : Screen
    {
        private readonly ItemEntry _entry;
        private readonly ItemSaleFlow _flow;

        /// <summary>The item screen of <paramref name="flow"/>.</summary>
        public ItemsScreen(Cashier cashier, ItemSaleFlow flow, ItemEntry entry)
            : base(cashier)
        {
            _flow = flow;
            _entry = entry;
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(C.T(Texts.ItemTitle));
            _entry.Draw(D);
            Footer(C.T(Texts.ItemFooter));
            D.Flush();
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            switch (_entry.Key(key))
            {
                case ItemEntryResult.Cancelled:
                    C.GoIdle();
                    return;
                case ItemEntryResult.Confirmed:
                    _flow.Sell();
                    return;
                case ItemEntryResult.Refused:
                    C.Beep(BuzzerTone.Attention);
                    C.Nav.Redraw();
                    C.Status(_entry.Problem);
                    return;
                case ItemEntryResult.NeedsManager:
                    // Out of stock (or above it): only the manager may allow the line.
                    C.Beep(BuzzerTone.Attention);
                    _flow.AskManager(_entry.Problem);
                    return;
                default:
                    C.Nav.Redraw();
                    return;
            }
        }
    }
}
