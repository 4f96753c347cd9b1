using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The idle screen: the merchant, a welcome, how to start, the batch and operator, and a warning when something
    /// is owed (sign-in, an unfinished settlement, reversals, a nearly full journal). A digit starts a sale, F2 (or
    /// DOT) an item sale, FEED reprints the last receipt, F1 (or ENTER) shows help, MENU opens the menu; a new
    /// terminal goes to set-up.
    /// </summary>
    public sealed class IdleScreen : Screen
    {
        /// <summary>The idle screen of <paramref name="cashier"/>'s terminal.</summary>
        public IdleScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>The sale a digit starts.</summary>
        public SaleFlow? Sale { get; set; }

        /// <summary>The item sale F2 starts.</summary>
        public IFlow? ItemSale { get; set; }

        /// <summary>The reprints (FEED: the last receipt).</summary>
        public ReportsFlow? Reports { get; set; }

        /// <summary>First-boot set-up (a new terminal: MENU or ENTER).</summary>
        public IFlow? Provisioning { get; set; }

        /// <summary>Help: F1, or ENTER on a keypad without F1.</summary>
        public IFlow? Help { get; set; }

        /// <summary>The main menu's rows.</summary>
        public MenuRow[] Menu { get; set; } = new MenuRow[0];

        /// <inheritdoc />
        public override int TimeoutMs => 0;

        /// <inheritdoc />
        public override void Draw()
        {
            C.Field(false);
            PaymentStore store = C.Store;
            IDisplay d = D;
            int cols = d.Columns;
            d.Clear();
            Bar(0, 1, TextBlock.Shorten(C.MerchantName, cols - 1));
            if (!store.Provisioned)
            {
                Line(3, C.T(Texts.NotSetUp), TextStyle.Normal);
                d.Flush();
                return;
            }

            string welcome = C.T(Texts.Welcome);
            d.Write(3, ScreenText.CenterLarge(welcome, cols), welcome, TextStyle.Large);
            d.Write(6, 1, C.T(Texts.IdleHint1), TextStyle.Normal);
            d.Write(7, 1, C.T(Texts.IdleHint2), TextStyle.Normal);
            if (store.Catalog.Count > 0)
            {
                d.Write(8, 1, C.T(Texts.ItemSellHint), TextStyle.Normal);
            }

            d.Write(9, 1, C.F(Texts.IdleBatchOperator, DigitText.Fixed(store.Batch, 6), DigitText.Fixed(store.Operator, 2)), TextStyle.Normal);
            d.Write(10, 1, C.F(Texts.IdleCount, store.Count.ToString()), TextStyle.Normal);
            d.Write(11, 1, C.T(Texts.HelpHint), TextStyle.Normal);
            string warning = Warning(store);
            if (warning.Length > 0)
            {
                Line(12, warning, TextStyle.Bold);
            }
            else if (store.Count == 0 && store.LastSettled.Batch > 0)
            {
                // Until the next transaction, the batch just settled: how it went stays in sight.
                BatchTotals last = store.LastSettled;
                d.Write(12, 1, C.F(Texts.IdleSettledBatch, DigitText.Fixed(last.Batch, 6)), TextStyle.Bold);
                d.Write(13, 1, C.F(Texts.IdleSettledNet, Money.FormatCny(last.Net)), TextStyle.Normal);
                Line(14, store.LastSettledBalanced ? C.T(Texts.IdleSettledBalanced) : C.F(Texts.IdleSettledUploaded, store.LastSettledUploads.ToString()), TextStyle.Normal);
            }

            Footer(C.F(Texts.IdleFooter, TerminalApp.FirmwareVersion));
            d.Flush();
        }

        /// <inheritdoc />
        public override void Timeout()
        {
        }

        /// <inheritdoc />
        public override bool Device(DeviceEvent e)
        {
            if (e.Kind == EventKind.CardSwiped || e.Kind == EventKind.CardPresent || e.Kind == EventKind.ScanComplete || e.Kind == EventKind.CardInserted)
            {
                C.RefuseCard(e, true);
                return true;
            }

            return false;
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (!C.Store.Provisioned)
            {
                if ((key == KeyCode.Menu || key == KeyCode.Enter) && Provisioning != null)
                {
                    Provisioning.Start(0);
                }

                return;
            }

            if (key == KeyCode.Menu)
            {
                C.Menu.Open(Texts.TitleMenu, Menu, 2);
            }
            else if (key == KeyCode.Feed && Reports != null)
            {
                Reports.ReprintLast();
            }
            else if ((key == KeyCode.F2 || key == KeyCode.Dot) && ItemSale != null)
            {
                // DOT for keypads without F2 (the esp32-terminal board).
                ItemSale.Start(0);
            }
            else if ((key == KeyCode.F1 || key == KeyCode.Enter) && Help != null)
            {
                Help.Start(0);
            }
            else if (KeyCode.IsDigit(key) && Sale != null)
            {
                Sale.StartWithDigit(key);
            }
        }

        private string Warning(PaymentStore store)
        {
            if (!C.Engine.SignedIn)
            {
                return C.T(Texts.WarnNotSignedIn);
            }

            if (store.SettlementStage != SettleStage.None)
            {
                return C.T(Texts.WarnSettlementUnfinished);
            }

            if (store.JournalDamaged)
            {
                return C.T(Texts.WarnJournalDamaged);
            }

            int owed = store.UnresolvedCount();
            if (owed > 0)
            {
                return C.F(Texts.WarnReversalsPending, owed.ToString());
            }

            return store.NearlyFull(20) ? C.T(Texts.WarnJournalNearlyFull) : string.Empty;
        }
    }
}
