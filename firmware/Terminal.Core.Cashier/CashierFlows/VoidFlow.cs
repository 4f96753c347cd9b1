using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Void (MENU 2, manager): a sale of this batch found by its invoice number (or, F1, its trace number), shown
    /// for confirmation, then voided at the host; the approved void prints like a sale.
    /// </summary>
    public sealed class VoidFlow : Flow
    {
        /// <summary>Step: ask the invoice number.</summary>
        public const int ByInvoice = 0;

        /// <summary>Step: ask the trace number.</summary>
        public const int ByTrace = 1;

        private bool _byTrace;
        private TxnEntry? _sale;

        /// <summary>The void of <paramref name="cashier"/>'s terminal.</summary>
        public VoidFlow(Cashier cashier)
            : base(cashier)
        {
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            _byTrace = step == ByTrace;
            _sale = null;
            if (_byTrace)
            {
                C.Number.Ask(this, C.T(Texts.KindVoid), C.T(Texts.TracePrompt), 1, 6, false);
            }
            else
            {
                C.Number.Ask(this, C.T(Texts.KindVoid), C.T(Texts.VoidPrompt), 1, 6, false, ByTrace);
            }
        }

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            PaymentStore store = C.Store;
            TxnEntry? sale = _byTrace ? store.FindStan(store.Batch, value) : store.FindInvoice(value);
            string problem = C.Engine.VoidProblem(sale);
            if (problem.Length > 0)
            {
                C.Beep(BuzzerTone.Decline);
                C.ShowMessage(C.T(Texts.KindVoid), problem);
                return;
            }

            _sale = sale;
            C.Confirm.Ask(this, C.T(Texts.KindVoid), C.T(Texts.FooterVoid));
        }

        /// <inheritdoc />
        public override void DrawConfirmation()
        {
            TxnEntry? sale = _sale;
            if (sale == null)
            {
                return;
            }

            DrawVoidConfirmation(sale, TxnChannel.Text(sale.Channel, C.Lang), C.T(Texts.VoidConfirm));
        }

        /// <inheritdoc />
        public override void OnConfirmed()
        {
            TxnEntry? sale = _sale;
            _sale = null;
            if (sale == null)
            {
                C.GoIdle();
                return;
            }

            C.ShowBusy(C.F(Texts.VoidingInvoice, DigitText.Fixed(sale.Invoice, 6)));
            C.Engine.Void(sale, Observer);
        }

        /// <inheritdoc />
        public override void OnCancelled()
        {
            _sale = null;
            C.GoIdle();
        }
    }
}
