using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// A settlement's result: the batch settled, its sales, refunds and net, whether the host's totals agreed or the
    /// batch was uploaded, and that the Z report is printing. Any key (or its timeout) goes to the idle screen, which
    /// keeps the settled batch's summary until the next transaction.
    /// </summary>
    public sealed class SettledScreen : Screen
    {
        private string _message = string.Empty;

        /// <summary>The settled screen of <paramref name="cashier"/>'s terminal.</summary>
        public SettledScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.ResultTimeoutMs;

        /// <summary>Shows the batch just settled, with the engine's <paramref name="message"/>.</summary>
        public void Show(string message)
        {
            _message = message;
            C.Nav.LastMessage = message;
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            BatchTotals last = C.Store.LastSettled;
            Title(C.T(Texts.TitleSettled));
            D.Write(2, 1, C.F(Texts.SettleBatch, DigitText.Fixed(last.Batch, 6)), TextStyle.Normal);
            D.Write(4, 1, C.F(Texts.SettleSales, last.DebitCount.ToString(), Money.FormatCny(last.DebitAmount)), TextStyle.Normal);
            D.Write(5, 1, C.F(Texts.SettleRefunds, last.CreditCount.ToString(), Money.FormatCny(last.CreditAmount)), TextStyle.Normal);
            D.Write(7, 1, C.F(Texts.SettleNet, Money.FormatCny(last.Net)), TextStyle.Bold);
            int rows = Lines(9, _message, 3, TextStyle.Normal);
            Line(10 + rows, C.T(Texts.SettledZReport), TextStyle.Normal);
            Footer(C.T(Texts.FooterContinue));
            D.Flush();
        }

        /// <inheritdoc />
        protected override void OnKey(int key) => C.GoIdle();
    }
}
