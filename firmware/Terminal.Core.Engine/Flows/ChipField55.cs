using Terminal.Core.Payments;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// Field 55 of the messages that follow a chip sale, built from what the journal keeps of it (<see cref="ChipData"/>
    /// and the entry), so that a reversal, a TC upload or a script-result notification sent after a reboot carries the
    /// same data as one sent at once. The request's own field 55 comes from the kernel. Tag lists and their sources:
    /// docs/emv-contact.md.
    /// </summary>
    internal static class ChipField55
    {
        /// <summary>Reversal (0400) of a chip sale (CUP usage 2): 95, 9F1E, 9F10, 9F36, and DF31 when scripts ran.</summary>
        internal const int Reversal = 1;

        /// <summary>TC upload (0320, 60.3 = 203): the second GENERATE AC's TC with the data it covers.</summary>
        internal const int TcUpload = 2;

        /// <summary>Script-result notification (0620, 60.3 = 951): DF31 with the first GENERATE AC's data.</summary>
        internal const int ScriptResult = 3;

        /// <summary>Largest field 55 this builds.</summary>
        internal const int Capacity = 160;

        // Terminal capabilities (9F33: no offline PIN, no ODA) and country/currency (9F1A, 5F2A), as EmvTerminalData sends them.
        private static readonly byte[] Capabilities = new byte[] { 0xE0, 0x68, 0x00 };
        private static readonly byte[] China = new byte[] { 0x01, 0x56 };

        /// <summary>Writes field 55 of <paramref name="message"/> for <paramref name="e"/> into <paramref name="b"/>; returns its length (0 without chip data).</summary>
        internal static int Build(int message, TxnEntry e, string ifdSerial, byte[] b)
        {
            ChipData? c = e.Chip;
            if (c == null)
            {
                return 0;
            }

            int p = 0;
            if (message == TcUpload)
            {
                p = Put(b, p, 0x9F26, c.FinalCryptogram, 8);
                p = PutByte(b, p, 0x9F27, c.FinalCid < 0 ? 0 : c.FinalCid);
                p = Put(b, p, 0x9F10, c.Iad, c.IadLength);
                p = Put(b, p, 0x9F37, c.UnpredictableNumber, 4);
                p = PutNumber(b, p, 0x9F36, c.Atc, 2);
                p = Put(b, p, 0x95, c.Tvr, 5);
                p = PutNumber(b, p, 0x9B, c.Tsi, 2);
                p = PutByte(b, p, 0x9C, e.Kind == TxnKind.PreAuth ? 0x03 : 0x00); // as the card was told: F3's first two digits
                p = PutBcd(b, p, 0x9F02, e.Amount);
                p = Put(b, p, 0x5F2A, China, 2);
                p = PutNumber(b, p, 0x82, c.Aip, 2);
                p = Put(b, p, 0x9F1A, China, 2);
                p = PutBcd(b, p, 0x9F03, 0);
                p = Put(b, p, 0x9F33, Capabilities, 3);
                return Put(b, p, 0x84, c.Aid, c.AidLength);
            }

            if (message == ScriptResult)
            {
                p = Put(b, p, 0x9F33, Capabilities, 3);
                p = Put(b, p, 0x95, c.Tvr, 5);
                p = Put(b, p, 0x9F37, c.UnpredictableNumber, 4);
                p = PutText(b, p, 0x9F1E, ifdSerial);
                p = Put(b, p, 0x9F10, c.Iad, c.IadLength);
                p = Put(b, p, 0x9F26, c.Arqc, 8);
                p = PutNumber(b, p, 0x9F36, c.Atc, 2);
                p = PutNumber(b, p, 0x82, c.Aip, 2);
                p = Put(b, p, 0xDF31, c.ScriptResults, c.ScriptResultsLength);
                return Put(b, p, 0x9F1A, China, 2);
            }

            p = Put(b, p, 0x95, c.Tvr, 5);
            p = PutText(b, p, 0x9F1E, ifdSerial);
            p = Put(b, p, 0x9F10, c.Iad, c.IadLength);
            p = PutNumber(b, p, 0x9F36, c.Atc, 2);
            return c.ScriptResultsLength > 0 ? Put(b, p, 0xDF31, c.ScriptResults, c.ScriptResultsLength) : p;
        }

        private static int Tag(byte[] b, int p, int tag, int length)
        {
            if (tag > 0xFF)
            {
                b[p++] = (byte)(tag >> 8);
            }

            b[p++] = (byte)tag;
            b[p++] = (byte)length;
            return p;
        }

        private static int Put(byte[] b, int p, int tag, byte[] value, int length)
        {
            if (length <= 0)
            {
                return p;
            }

            p = Tag(b, p, tag, length);
            System.Array.Copy(value, 0, b, p, length);
            return p + length;
        }

        private static int PutByte(byte[] b, int p, int tag, int value)
        {
            p = Tag(b, p, tag, 1);
            b[p] = (byte)value;
            return p + 1;
        }

        // A big-endian binary value of n bytes.
        private static int PutNumber(byte[] b, int p, int tag, int value, int n)
        {
            p = Tag(b, p, tag, n);
            for (int i = n - 1; i >= 0; i--)
            {
                b[p + i] = (byte)value;
                value >>= 8;
            }

            return p + n;
        }

        // An amount as n12 (6 bytes of packed BCD).
        private static int PutBcd(byte[] b, int p, int tag, long amount)
        {
            p = Tag(b, p, tag, 6);
            for (int i = 5; i >= 0; i--)
            {
                int low = (int)(amount % 10);
                amount /= 10;
                int high = (int)(amount % 10);
                amount /= 10;
                b[p + i] = (byte)((high << 4) | low);
            }

            return p + 6;
        }

        private static int PutText(byte[] b, int p, int tag, string text)
        {
            int n = text.Length > 8 ? 8 : text.Length;
            if (n == 0)
            {
                return p;
            }

            p = Tag(b, p, tag, n);
            for (int i = 0; i < n; i++)
            {
                b[p + i] = (byte)text[i];
            }

            return p + n;
        }
    }
}
