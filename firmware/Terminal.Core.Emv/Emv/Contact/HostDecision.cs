namespace Terminal.Core.Emv
{
    /// <summary>What the online authorization came to, as the caller read the host's answer (field 39).</summary>
    public enum HostDecision
    {
        /// <summary>The host approved.</summary>
        Approved,

        /// <summary>The host declined.</summary>
        Declined,

        /// <summary>No answer from the host (timeout, link down, unusable answer): EMV's "unable to go online".</summary>
        Unreachable,

        /// <summary>
        /// The host answered a request that moves no money (a balance inquiry, 9C 31), whatever its F39: the card is closed
        /// with an AAC at the second GENERATE AC, as for a decline, so it does not stay mid-transaction; nothing to reverse.
        /// </summary>
        Inquiry,
    }
}
