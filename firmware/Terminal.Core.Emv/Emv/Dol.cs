namespace Terminal.Core.Emv
{
    /// <summary>
    /// Data object lists (PDOL, CDOL1: EMV Book 3, 5.4): a list of tag + length; the terminal answers with
    /// the values concatenated, each fitted to its length (numeric values keep their right end, others
    /// their left end) and unknown tags as zeros.
    /// </summary>
    public static class Dol
    {
        /// <summary>Writes the DOL's data into <paramref name="destination"/>; returns its length or -1 for a malformed DOL or too little room.</summary>
        public static int Build(byte[] dol, int offset, int length, EmvDataStore store, byte[] destination, int destinationOffset, int capacity)
        {
            int position = offset;
            int end = offset + length;
            int written = 0;
            while (position < end)
            {
                int tag = dol[position++];
                if ((tag & 0x1F) == 0x1F)
                {
                    int more;
                    int count = 1;
                    do
                    {
                        if (position >= end || ++count > 3)
                        {
                            return -1;
                        }

                        more = dol[position++];
                        tag = (tag << 8) | more;
                    }
                    while ((more & 0x80) != 0);
                }

                if (position >= end)
                {
                    return -1;
                }

                int wanted = dol[position++];
                if (written + wanted > capacity)
                {
                    return -1;
                }

                int have = store.Find(tag, out int valueOffset);
                int p = destinationOffset + written;
                for (int i = 0; i < wanted; i++)
                {
                    destination[p + i] = 0;
                }

                if (have > 0)
                {
                    byte[] source = store.Buffer;
                    bool numeric = EmvTag.IsNumeric(tag);
                    int copy = have < wanted ? have : wanted;
                    int from = numeric ? valueOffset + have - copy : valueOffset;
                    int to = numeric ? p + wanted - copy : p;
                    for (int i = 0; i < copy; i++)
                    {
                        destination[to + i] = source[from + i];
                    }
                }

                written += wanted;
            }

            return written;
        }
    }
}
