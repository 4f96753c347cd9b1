using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Pre-auth void or completion void (MENU F2 2 and 4, manager): a pre-auth (or a completion) of this batch found by
    /// its invoice number, checked, shown for confirmation, then voided at the host; the approved void prints like a sale.
    /// </summary>
    public sealed class PreAuthVoidFlow : Flow
    {
        private readonly bool _completion;
        private TxnEntry? _original;

        /// <summary>The pre-auth void (or, with <paramref name="completion"/>, the completion void) of <paramref name="cashier"/>'s terminal.</summary>
        public PreAuthVoidFlow(Cashier cashier, bool completion)
            : base(cashier)
        {
            _completion = completion;
        }

        private string Title => C.T(_completion ? Texts.KindCompletionVoid : Texts.KindPreAuthVoid);

        /// <inheritdoc />
        public override void Start(int step)
        {
            _original = null;
            C.Number.Ask(this, Title, C.T(_completion ? Texts.CompletionInvoicePrompt : Texts.PreAuthInvoicePrompt), 1, 6, false);
        }

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            TxnEntry? original = C.Store.FindInvoice(value);
            string problem = _completion ? C.Engine.CompletionVoidProblem(original) : C.Engine.PreAuthVoidProblem(original);
            if (problem.Length > 0)
            {
                C.Beep(BuzzerTone.Decline);
                C.ShowMessage(Title, problem);
                return;
            }

            _original = original;
            C.Confirm.Ask(this, Title, C.T(Texts.FooterVoid));
        }

        /// <inheritdoc />
        public override void DrawConfirmation()
        {
            TxnEntry? e = _original;
            if (e == null)
            {
                return;
            }

            DrawVoidConfirmation(e, TxnKind.Text(e.Kind, C.Lang), C.T(_completion ? Texts.CompletionConfirmVoid : Texts.PreAuthConfirmVoid));
        }

        /// <inheritdoc />
        public override void OnConfirmed()
        {
            TxnEntry? e = _original;
            _original = null;
            if (e == null)
            {
                C.GoIdle();
                return;
            }

            C.ShowBusy(Title + " " + DigitText.Fixed(e.Invoice, 6));
            C.Engine.VoidPreAuthFamily(e, Observer);
        }

        /// <inheritdoc />
        public override void OnCancelled()
        {
            _original = null;
            C.GoIdle();
        }
    }
}
