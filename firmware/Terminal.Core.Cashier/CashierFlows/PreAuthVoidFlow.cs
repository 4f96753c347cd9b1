using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Screens;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Pre-auth void or completion void (MENU F2 2 and 4, manager): a pre-auth (or a completion) of this batch found by
    /// its invoice number, checked, shown for confirmation, then voided at the host; the approved void prints like a sale.
    /// A pre-auth of an earlier batch (invoice 0) is keyed as a completion's is: its auth code, its date and its amount.
    /// </summary>
    public sealed class PreAuthVoidFlow : Flow
    {
        private readonly bool _completion;
        private readonly AmountScreen _amount;
        private TxnEntry? _original;
        private int _step; // 0 the invoice; for a pre-auth of an earlier batch 1 its auth code, 2 its date, 3 its amount
        private string _authCode = string.Empty;
        private int _date;

        /// <summary>The pre-auth void (or, with <paramref name="completion"/>, the completion void) of <paramref name="cashier"/>'s terminal.</summary>
        public PreAuthVoidFlow(Cashier cashier, AmountScreen amount, bool completion)
            : base(cashier)
        {
            _amount = amount;
            _completion = completion;
        }

        private string Title => C.T(_completion ? Texts.KindCompletionVoid : Texts.KindPreAuthVoid);

        /// <inheritdoc />
        public override void Start(int step)
        {
            _original = null;
            _step = 0;
            C.Number.Ask(this, Title, C.T(_completion ? Texts.CompletionInvoicePrompt : Texts.PreAuthInvoiceOrEarlier), 1, 6, false);
        }

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            if (!_completion && (_step > 0 || value == 0))
            {
                EnteredEarlier(text, value);
                return;
            }

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
            if (_step == 3)
            {
                _step = 0;
                C.ShowBusy(Title + " " + C.Amount.Display);
                C.Engine.VoidEarlierPreAuth(_authCode, _date, C.Amount.Amount, Observer);
                return;
            }

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

        // A pre-auth of an earlier batch: its auth code, then its date, then its amount (the host checks all three).
        private void EnteredEarlier(string text, int value)
        {
            _step++;
            if (_step == 1)
            {
                C.Number.Ask(this, Title, C.T(Texts.AuthCodePrompt), 6, 6, false);
            }
            else if (_step == 2)
            {
                _authCode = text;
                C.Number.Ask(this, Title, C.T(Texts.PreAuthDatePrompt), 4, 4, false);
            }
            else
            {
                _date = value;
                _amount.Ask(this, TxnKind.PreAuthVoid);
            }
        }
    }
}
