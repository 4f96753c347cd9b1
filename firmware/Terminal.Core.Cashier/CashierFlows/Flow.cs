using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>The common part of the flows: every callback does nothing or goes back to the idle screen unless a flow says otherwise.</summary>
    public abstract class Flow : IFlow
    {
        /// <summary>The shared parts.</summary>
        protected readonly Cashier C;

        /// <summary>A flow of <paramref name="cashier"/>'s terminal.</summary>
        protected Flow(Cashier cashier)
        {
            C = cashier;
        }

        /// <inheritdoc />
        public virtual string Problem(int step) => string.Empty;

        /// <inheritdoc />
        public abstract void Start(int step);

        /// <inheritdoc />
        public virtual void OnEntered(string text, int value) => C.GoIdle();

        /// <inheritdoc />
        public virtual void OnTyped(byte[] digits, int length) => C.GoIdle();

        /// <inheritdoc />
        public virtual void OnConfirmed() => C.GoIdle();

        /// <inheritdoc />
        public virtual void OnCancelled() => C.GoIdle();

        /// <inheritdoc />
        public virtual void DrawConfirmation()
        {
        }

        /// <inheritdoc />
        public virtual void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            if (result == PaymentResult.Approved && entry != null)
            {
                C.Approved.Show(entry);
            }
            else if (result == PaymentResult.Declined && entry != null)
            {
                C.Declined.Show(entry, message);
            }
            else if (result == PaymentResult.Reversed && entry != null)
            {
                C.Declined.Show(entry, message, Texts.TitleNotCompleted);
            }
            else
            {
                ShowResult(result, message);
            }

            C.Spooler.PrintOwed(C.Approved.Entry);
        }

        /// <summary>The observer to give the payment engine: its result comes back to this flow.</summary>
        protected Terminal.Core.Flows.IPaymentObserver Observer => C.Nav.Await(this);

        /// <summary>The engine's result as a message screen with a beep: approve for good news, decline for the rest.</summary>
        protected void ShowResult(int result, string message)
        {
            bool good = result == PaymentResult.Approved || result == PaymentResult.Settled || result == PaymentResult.SignedIn;
            C.Beep(good ? BuzzerTone.Approve : BuzzerTone.Decline);
            int title = result == PaymentResult.Settled ? Texts.TitleSettled
                : result == PaymentResult.SignedIn ? Texts.TitleSignedIn
                : result == PaymentResult.Declined ? Texts.TitleDeclined
                : result == PaymentResult.Reversed ? Texts.TitleNotCompleted
                : result == PaymentResult.Resolved ? Texts.TitleDone
                : Texts.TitleNotDone;
            C.ShowMessage(C.T(title), message);
        }

        /// <summary>The confirmation of a void: the original's invoice and <paramref name="what"/>, its number, its amount, then <paramref name="question"/>.</summary>
        protected void DrawVoidConfirmation(TxnEntry original, string what, string question)
        {
            IDisplay d = C.Display;
            d.Write(3, 1, C.F(Texts.VoidInvoiceLine, DigitText.Fixed(original.Invoice, 6), what), TextStyle.Normal);
            d.Write(4, 1, original.MaskedPan, TextStyle.Normal);
            d.Write(6, 1, Money.FormatCny(original.Amount), TextStyle.Large);
            d.Write(9, 1, question, TextStyle.Bold);
        }

        /// <summary>An int from decimal digits.</summary>
        protected static int ParseInt(string s)
        {
            int v = 0;
            for (int i = 0; i < s.Length; i++)
            {
                v = (v * 10) + (s[i] - '0');
            }

            return v;
        }
    }
}
