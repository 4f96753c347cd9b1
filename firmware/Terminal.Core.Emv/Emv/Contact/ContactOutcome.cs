namespace Terminal.Core.Emv
{
    /// <summary>Where a step of the <see cref="ContactEmvKernel"/> left the transaction: what the caller does next.</summary>
    public enum ContactOutcome
    {
        /// <summary>The transaction ended without a cryptogram worth sending; <see cref="ContactKernelResult.Reason"/> says why.</summary>
        Failed,

        /// <summary>The card left the slot (or stopped answering as a pulled card does); every buffer is wiped.</summary>
        CardRemoved,

        /// <summary>The cardholder chooses among <see cref="ContactKernelResult.CandidateCount"/> applications; call Select(index).</summary>
        ChooseApplication,

        /// <summary>The card asked to go online (ARQC): send the request with field 55, then call Complete.</summary>
        GoOnline,

        /// <summary>The card declined offline at the first GENERATE AC (AAC): nothing goes to the host.</summary>
        DeclinedOffline,

        /// <summary>The host approved and the card accepted (TC at the second GENERATE AC).</summary>
        Approved,

        /// <summary>The host declined, could not be reached, or answered an inquiry, and the card closed with an AAC.</summary>
        Declined,

        /// <summary>The host approved but the card declined (AAC at the second GENERATE AC): the caller must reverse.</summary>
        DeclinedAfterApproval,
    }
}
