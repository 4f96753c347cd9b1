namespace Terminal.Core.Emv
{
    /// <summary>
    /// Field 55 (ICC system related data) of the CUP messages: the tag list of each message, each tag written as
    /// TLV from the transaction's data store when present, in the list's order. Lists and sources: docs/emv-contact.md.
    /// </summary>
    public static class CupField55
    {
        // CUP "usage 1" (sale, pre-authorization, balance inquiry), contact and contactless alike.
        private static readonly int[] RequestTags = new int[]
        {
            EmvTag.Cryptogram, EmvTag.CryptogramInfo, EmvTag.Iad, EmvTag.UnpredictableNumber, EmvTag.Atc,
            EmvTag.Tvr, EmvTag.TransactionDate, EmvTag.TransactionType, EmvTag.AmountAuthorised,
            EmvTag.TransactionCurrency, EmvTag.Aip, EmvTag.TerminalCountry, EmvTag.AmountOther,
            EmvTag.TerminalCapabilities, EmvTag.CvmResults, EmvTag.TerminalType, EmvTag.IfdSerialNumber,
            EmvTag.DfName, EmvTag.TerminalApplicationVersion, EmvTag.TransactionSequenceCounter, EmvTag.CardProductId,
        };

        // CUP "usage 2" (reversal of a sale or pre-authorization).
        private static readonly int[] ReversalTags = new int[]
        {
            EmvTag.Tvr, EmvTag.IfdSerialNumber, EmvTag.Iad, EmvTag.Atc, EmvTag.ScriptResults,
        };

        // The script result notification.
        private static readonly int[] ScriptResultTags = new int[]
        {
            EmvTag.TerminalCapabilities, EmvTag.Tvr, EmvTag.UnpredictableNumber, EmvTag.IfdSerialNumber, EmvTag.Iad,
            EmvTag.Cryptogram, EmvTag.Atc, EmvTag.Aip, EmvTag.ScriptResults, EmvTag.TerminalCountry, EmvTag.TransactionDate,
        };

        /// <summary>
        /// Writes the field 55 of <paramref name="message"/> for a contact (<paramref name="contactless"/> false)
        /// or contactless card; returns its length, or -1 when it does not fit <paramref name="capacity"/>.
        /// The TC upload carries the request's list with the values after the second GENERATE AC, then DF31.
        /// </summary>
        public static int Build(CupIccMessage message, EmvDataStore store, bool contactless, byte[] destination, int offset, int capacity)
        {
            // One list serves both interfaces: the contactless read fills the terminal-side tags (9F34, 9F1E, 9F09, 9F41) itself.
            switch (message)
            {
                case CupIccMessage.Request:
                    return Write(RequestTags, store, destination, offset, capacity);
                case CupIccMessage.Reversal:
                    return Write(ReversalTags, store, destination, offset, capacity);
                case CupIccMessage.ScriptResult:
                    return Write(ScriptResultTags, store, destination, offset, capacity);
                default:
                    int n = Write(RequestTags, store, destination, offset, capacity);
                    if (n < 0)
                    {
                        return -1;
                    }

                    int more = WriteTag(EmvTag.ScriptResults, store, destination, offset + n, capacity - n);
                    return more < 0 ? -1 : n + more;
            }
        }

        private static int Write(int[] tags, EmvDataStore store, byte[] destination, int offset, int capacity)
        {
            int written = 0;
            for (int i = 0; i < tags.Length; i++)
            {
                int n = WriteTag(tags[i], store, destination, offset + written, capacity - written);
                if (n < 0)
                {
                    return -1;
                }

                written += n;
            }

            return written;
        }

        // One tag as TLV when the store holds it: its length (0 when absent), or -1 when it does not fit.
        private static int WriteTag(int tag, EmvDataStore store, byte[] destination, int offset, int capacity)
        {
            int length = store.Find(tag, out int valueOffset);
            return length < 0 ? 0 : BerTlv.Write(destination, offset, capacity, tag, store.Buffer, valueOffset, length);
        }
    }
}
