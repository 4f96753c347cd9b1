namespace Terminal.Core.Emv
{
    /// <summary>The cardholder verification method the CVM list (8E) chose, as far as an online-only terminal performs it.</summary>
    public enum CardholderVerification
    {
        /// <summary>Not yet processed, or the card does not support cardholder verification (AIP byte 1 bit 5 clear).</summary>
        NotPerformed,

        /// <summary>Enciphered PIN verified online: the cashier takes the PIN and the request carries it in F52.</summary>
        OnlinePin,

        /// <summary>Signature on the receipt.</summary>
        Signature,

        /// <summary>No CVM required.</summary>
        NoCvmRequired,

        /// <summary>No rule of the list could be satisfied (TVR byte 3 bit 8 set); the transaction still goes online.</summary>
        Failed,
    }
}
