using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Screens;
using Terminal.Core.Ui;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Refund (MENU 3, manager): the original sale's reference number (RRN) and date (MMDD), checked, then the amount
    /// to give back, then the refund at the host; the approved refund prints like a sale.
    /// </summary>
    public sealed class RefundFlow : Flow
    {
        private readonly AmountScreen _amount;
        private string _rrn = string.Empty;
        private int _date;
        private bool _askingDate;

        /// <summary>The refund of <paramref name="cashier"/>'s terminal, on the shared amount screen.</summary>
        public RefundFlow(Cashier cashier, AmountScreen amount)
            : base(cashier)
        {
            _amount = amount;
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            _askingDate = false;
            C.Number.Ask(this, C.T(Texts.KindRefund), C.T(Texts.RefundRrnPrompt), 12, 12, false);
        }

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            if (!_askingDate)
            {
                _rrn = text;
                _askingDate = true;
                C.Number.Ask(this, C.T(Texts.KindRefund), C.T(Texts.RefundDatePrompt), 4, 4, false);
                return;
            }

            _date = value;
            string problem = C.Engine.RefundProblem(_rrn, _date, 1);
            if (problem.Length > 0)
            {
                C.ShowMessage(C.T(Texts.KindRefund), problem);
                return;
            }

            _amount.Ask(this, TxnKind.Refund);
        }

        /// <inheritdoc />
        public override void OnConfirmed()
        {
            C.ShowBusy(C.F(Texts.RefundProgress, C.Amount.Display));
            C.Engine.Refund(_rrn, _date, C.Amount.Amount, Observer);
        }
    }
}
