namespace Terminal.Core.Emv
{
    /// <summary>How the card judged the issuer's authentication data (tag 91, the ARPC) in the online answer.</summary>
    public enum IssuerAuthentication
    {
        /// <summary>Not performed: no tag 91 in the answer, or the card does not support it.</summary>
        NotPerformed,

        /// <summary>The card accepted the ARPC (EXTERNAL AUTHENTICATE 9000, or 91 in CDOL2 and a TC).</summary>
        Passed,

        /// <summary>The card refused the ARPC (TVR byte 5 bit 7 set).</summary>
        Failed,
    }
}
