namespace Terminal.Core.Emv
{
    /// <summary>
    /// Field 55 (ICC system related data) of the CUP messages: the tag list of each message, each tag written as
    /// TLV from the transaction's data store when present, in the list's order. Lists and sources: docs/emv-contact.md.
    /// </summary>
    public static class CupField55
    {
        /// <summary>
        /// Writes the field 55 of <paramref name="message"/> for a contact (<paramref name="contactless"/> false)
        /// or contactless card; returns its length, or -1 when it does not fit <paramref name="capacity"/>.
        /// </summary>
        public static int Build(CupIccMessage message, EmvDataStore store, bool contactless, byte[] destination, int offset, int capacity)
        {
            return -1;
        }
    }
}
