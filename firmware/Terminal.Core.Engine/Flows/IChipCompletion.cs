using Terminal.Core.Payments;

namespace Terminal.Core.Flows
{
    /// <summary>What the host's answer to a chip request came to, as the card is told (EMV's online result).</summary>
    public static class HostAnswer
    {
        /// <summary>The host approved (F39 = 00).</summary>
        public const int Approved = 0;
        /// <summary>The host declined.</summary>
        public const int Declined = 1;
        /// <summary>No usable answer (timeout, bad MAC, incomplete): "unable to go online".</summary>
        public const int Unreachable = 2;
        /// <summary>The host answered a balance inquiry (any F39): no money moved, so the card closes with an AAC.</summary>
        public const int Inquiry = 3;
    }

    /// <summary>How the card finished a chip transaction after the host's answer (the second GENERATE AC).</summary>
    public static class ChipCompletion
    {
        /// <summary>The card approved (TC): the sale stands.</summary>
        public const int Approved = 1;
        /// <summary>The card declined (AAC) after the host declined or could not be reached: nothing to undo.</summary>
        public const int Declined = 2;
        /// <summary>The host approved but the card declined (AAC): the sale is reversed.</summary>
        public const int DeclinedAfterApproval = 3;
        /// <summary>The card left the slot before it finished: after an approval the sale is reversed.</summary>
        public const int CardRemoved = 4;
        /// <summary>The card broke off (an unreadable answer, a wrong status word): after an approval the sale is reversed.</summary>
        public const int Failed = 5;
    }

    /// <summary>
    /// The chip of an inserted card while its sale is online (the contact EMV kernel behind it, wired by the
    /// cashier): the engine hands it the host's answer once the request's outcome is journaled, and journals what it
    /// says before anything else happens. Called at most once per sale, on the event loop.
    /// </summary>
    public interface IChipCompletion
    {
        /// <summary>
        /// Gives the card the host's answer: <paramref name="answer"/> (<see cref="HostAnswer"/>), F39 (empty when
        /// there was none) and the answer's field 55 (91, 71, 72, 8A; <paramref name="length"/> 0 when absent). Runs
        /// issuer authentication, scripts and the second GENERATE AC, and fills <paramref name="result"/>'s completion
        /// part (<see cref="ChipData.FinalCid"/>, <see cref="ChipData.FinalCryptogram"/>, TVR, TSI, script results).
        /// Returns a <see cref="ChipCompletion"/> value; never throws on card input.
        /// </summary>
        int Complete(int answer, string responseCode, byte[] field55, int offset, int length, ChipData result);
    }
}
