using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Screens;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Settlement (MENU 4, manager): the batch's totals shown for confirmation, then the settlement at the host (with
    /// the batch upload when the host's totals differ); the settled screen says how it went and the Z report prints.
    /// </summary>
    public sealed class SettlementFlow : Flow
    {
        private readonly BatchTotals _totals = new BatchTotals();
        private readonly SettledScreen _settled;

        /// <summary>The settlement of <paramref name="cashier"/>'s terminal.</summary>
        public SettlementFlow(Cashier cashier)
            : base(cashier)
        {
            _settled = new SettledScreen(cashier);
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            C.Store.Totals(_totals);
            C.Confirm.Ask(this, C.T(Texts.TitleSettlement), C.T(Texts.FooterSettle));
        }

        /// <inheritdoc />
        public override void DrawConfirmation()
        {
            IDisplay d = C.Display;
            d.Write(2, 1, C.F(Texts.SettleBatch, DigitText.Fixed(C.Store.Batch, 6)), TextStyle.Normal);
            d.Write(4, 1, C.F(Texts.SettleSales, _totals.DebitCount.ToString(), Money.FormatCny(_totals.DebitAmount)), TextStyle.Normal);
            d.Write(5, 1, C.F(Texts.SettleRefunds, _totals.CreditCount.ToString(), Money.FormatCny(_totals.CreditAmount)), TextStyle.Normal);
            d.Write(6, 1, C.F(Texts.SettleVoids, _totals.Count(TxnKind.Void).ToString()), TextStyle.Normal);
            d.Write(8, 1, C.F(Texts.SettleNet, Money.FormatCny(_totals.Net)), TextStyle.Bold);
            d.Write(10, 1, C.T(Texts.SettleConfirm), TextStyle.Bold);
        }

        /// <inheritdoc />
        public override void OnConfirmed()
        {
            C.ShowBusy(C.F(Texts.SettlingBatch, DigitText.Fixed(C.Store.Batch, 6)));
            C.Engine.Settle(Observer);
        }

        /// <inheritdoc />
        public override void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            if (result != PaymentResult.Settled)
            {
                base.OnPaymentDone(result, message, entry);
                return;
            }

            C.Beep(BuzzerTone.Approve);
            C.Spooler.PrintSettlementReport(false);
            _settled.Show(message);
            C.Spooler.PrintOwed(null);
        }
    }
}
