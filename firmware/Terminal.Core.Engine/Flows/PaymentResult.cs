using Terminal.Core.Payments;

namespace Terminal.Core.Flows
{
    /// <summary>How a payment job (or one of the flows it runs) ended.</summary>
    public static class PaymentResult
    {
        /// <summary>The host approved it.</summary>
        public const int Approved = 1;
        /// <summary>The host declined it (the message says why).</summary>
        public const int Declined = 2;
        /// <summary>No valid answer, and the reversal went through: nothing was charged.</summary>
        public const int Reversed = 3;
        /// <summary>No valid answer and the reversal (or refund resend) is still owed: it goes before the next transaction.</summary>
        public const int Unresolved = 4;
        /// <summary>Not sent: a precondition failed (journal full, link busy, reversal pending, settlement in progress...).</summary>
        public const int NotSent = 5;
        /// <summary>Settlement done (balanced, or balanced after batch upload).</summary>
        public const int Settled = 6;
        /// <summary>Signed in.</summary>
        public const int SignedIn = 7;
        /// <summary>Pending work (reversals, resends, a settlement) resolved; nothing else asked.</summary>
        public const int Resolved = 8;
    }

    /// <summary>Told how a payment job is getting on, on the loop thread.</summary>
    public interface IPaymentObserver
    {
        /// <summary>A step started ("Sending reversal 1/3"): for the screen.</summary>
        void OnProgress(string text);

        /// <summary>The job ended: <see cref="PaymentResult"/>, words for the screen, and the transaction (null for none).</summary>
        void OnPaymentDone(int result, string message, TxnEntry? entry);
    }

    /// <summary>A host conversation of the payment engine: started once, it ends by telling its observer.</summary>
    public interface IPaymentFlow
    {
        /// <summary>Starts; the outcome (and the progress) reaches <paramref name="observer"/>, perhaps before this returns.</summary>
        void Start(IPaymentObserver observer);
    }
}
