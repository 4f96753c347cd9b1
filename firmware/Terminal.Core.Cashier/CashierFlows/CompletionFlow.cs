using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Screens;
using Terminal.Core.Ui;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Completion (MENU F2 3) or completion advice (MENU F2 5, manager): the pre-auth's auth code and date, checked (a
    /// pre-auth of this batch is found by its code: it must stand, and the amount stay within 115% of it), then the
    /// amount, then the completion request at the host, or the advice approved at once and sent before settlement.
    /// </summary>
    public sealed class CompletionFlow : Flow
    {
        private readonly AmountScreen _amount;
        private readonly bool _advice;
        private string _authCode = string.Empty;
        private int _date;
        private bool _askingDate;

        /// <summary>The completion (or, with <paramref name="advice"/>, the offline completion advice) of <paramref name="cashier"/>'s terminal.</summary>
        public CompletionFlow(Cashier cashier, AmountScreen amount, bool advice)
            : base(cashier)
        {
            _amount = amount;
            _advice = advice;
        }

        private int Kind => _advice ? TxnKind.CompletionAdvice : TxnKind.Completion;

        /// <inheritdoc />
        public override void Start(int step)
        {
            _askingDate = false;
            C.Number.Ask(this, TxnKind.Text(Kind, C.Lang), C.T(Texts.AuthCodePrompt), 6, 6, false);
        }

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            if (!_askingDate)
            {
                _authCode = text;
                _askingDate = true;
                C.Number.Ask(this, TxnKind.Text(Kind, C.Lang), C.T(Texts.PreAuthDatePrompt), 4, 4, false);
                return;
            }

            _date = value;
            TxnEntry? preAuth = PreAuth();
            string problem = preAuth != null ? C.Engine.PreAuthVoidProblem(preAuth) : string.Empty;
            if (problem.Length > 0)
            {
                C.ShowMessage(TxnKind.Text(Kind, C.Lang), problem);
                return;
            }

            _amount.Ask(this, Kind);
        }

        /// <inheritdoc />
        public override void OnConfirmed()
        {
            C.ShowBusy(TxnKind.Text(Kind, C.Lang) + " " + C.Amount.Display);
            C.Engine.Complete(PreAuth(), _authCode, _date, C.Amount.Amount, _advice, Observer);
        }

        // The pre-auth of this batch with the auth code and date keyed, or null (one of an earlier batch: the host finds it).
        private TxnEntry? PreAuth()
        {
            TxnEntry? p = C.Store.FindPreAuth(_authCode);
            return p != null && p.DateMmdd == _date ? p : null;
        }
    }
}
