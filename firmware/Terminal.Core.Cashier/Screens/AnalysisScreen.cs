using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>The sales analysis on the screen too: sales by channel, the busiest hour, the top item and the last settled batch.</summary>
    public sealed class AnalysisScreen : Screen
    {
        /// <summary>The analysis of <paramref name="cashier"/>'s terminal's screen.</summary>
        public AnalysisScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>The analysis shown (computed by the reports flow).</summary>
        public SalesAnalysis Analysis { get; } = new SalesAnalysis();

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.ResultTimeoutMs;

        /// <inheritdoc />
        public override void Draw()
        {
            SalesAnalysis a = Analysis;
            PaymentStore store = C.Store;
            Title(C.T(Texts.TitleSalesAnalysis));
            Line(2, C.F(Texts.AnalysisBatch, DigitText.Fixed(a.Batch, 6), a.Count.ToString()), TextStyle.Normal);
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                Line(4 + c, TxnChannel.Text(c, C.Lang) + ": " + a.ChannelCount(c).ToString() + "  " + Money.Format(a.ChannelAmount(c)), TextStyle.Normal);
            }

            int busiest = 0;
            for (int h = 1; h < 24; h++)
            {
                if (a.HourCount(h) > a.HourCount(busiest))
                {
                    busiest = h;
                }
            }

            if (a.Count > 0)
            {
                Line(9, C.F(Texts.BusiestHour, DigitText.Fixed(busiest, 2), a.HourCount(busiest).ToString()), TextStyle.Normal);
            }

            Line(10, C.F(Texts.TotalAmount, Money.FormatCny(a.Amount)), TextStyle.Bold);
            int top = a.TopByQuantity(0);
            if (top >= 0)
            {
                int item = store.Catalog.IndexOf(a.ItemCode(top));
                string name = ItemText.Name(store.Catalog, item, a.ItemCode(top), C.Lang);
                Line(11, C.F(Texts.ItemTopOnScreen, name, a.ItemQuantity(top).ToString()), TextStyle.Normal);
            }

            SalesAnalysis last = store.LastSettledAnalysis;
            if (last.Batch > 0)
            {
                Line(13, C.F(Texts.ItemLastBatch, DigitText.Fixed(last.Batch, 6), last.Count.ToString()), TextStyle.Normal);
                Line(14, Money.FormatCny(last.Amount), TextStyle.Normal);
            }

            Footer(C.T(Texts.FooterContinue));
            D.Flush();
        }

        /// <inheritdoc />
        protected override void OnKey(int key) => C.GoIdle();
    }
}
