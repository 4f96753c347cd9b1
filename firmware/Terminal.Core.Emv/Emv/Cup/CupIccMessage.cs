namespace Terminal.Core.Emv
{
    /// <summary>The CUP messages that carry chip data in field 55; each has its own tag list (docs/emv-contact.md).</summary>
    public enum CupIccMessage
    {
        /// <summary>The online request (0100/0200 sale, pre-authorization, balance): the ARQC and its data.</summary>
        Request,

        /// <summary>The reversal (0400) of a chip request: the terminal's and card's state after the attempt.</summary>
        Reversal,

        /// <summary>The script result notification (0620): DF31 with one result per issuer script, and the card's data.</summary>
        ScriptResult,

        /// <summary>The TC upload after an approval (0320 / batch upload): the second GENERATE AC's TC and its data.</summary>
        TcUpload,
    }
}
