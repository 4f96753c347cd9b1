using Terminal.Hal;

namespace Terminal.Drivers.Contact
{
    /// <summary>Why an ATR was refused.</summary>
    public enum AtrFault
    {
        /// <summary>Accepted.</summary>
        None = 0,
        /// <summary>TS is not 3B (3F, the inverse convention, reads as 03 on a direct-convention UART and is not supported).</summary>
        BadTs = 1,
        /// <summary>More than 33 bytes, or bytes after the last one the structure announces.</summary>
        TooLong = 2,
        /// <summary>The ATR ended before its structure did.</summary>
        Truncated = 3,
        /// <summary>TCK does not make the XOR of T0..TCK zero.</summary>
        BadTck = 4,
        /// <summary>A protocol other than T=0 and T=1 is offered first.</summary>
        UnsupportedProtocol = 5,
        /// <summary>Specific mode (TA2) with Fi/Di other than 372/1: the UART's speed is fixed.</summary>
        UnsupportedSpeed = 6,
        /// <summary>Extra guard time (TC1) other than 0 or 255: the UART sends 12 etu per character.</summary>
        UnsupportedGuardTime = 7,
        /// <summary>T=1 parameters out of EMV range: IFSC, BWI, CWI, or CRC asked in TC3; or T=0 with WI 0.</summary>
        BadParameters = 8,
    }

    /// <summary>
    /// An answer to reset (ISO/IEC 7816-3 clause 8, EMV Book 1 chapter 8) as the driver uses it: TS, T0, the
    /// interface bytes TAi/TBi/TCi/TDi, the historical bytes and TCK (present when any protocol other than T=0 is
    /// offered). The protocol is the first one offered (TD1; T=0 without it); Fi/Di stay at the default 372/1
    /// (no PPS), which a negotiable-mode card accepts; a specific-mode card at another speed is refused.
    /// </summary>
    public sealed class AnswerToReset
    {
        /// <summary>The longest ATR ISO/IEC 7816-3 allows: TS and 32 more bytes.</summary>
        public const int MaxLength = 33;

        /// <summary>Direct convention.</summary>
        public const byte DirectTs = 0x3B;

        /// <summary>The protocol chosen: 0 or 1.</summary>
        public int Protocol { get; private set; }

        /// <summary>T=1: the card's information field size (TA3, default 32).</summary>
        public int Ifsc { get; private set; }

        /// <summary>T=1: block waiting time integer (TB3 high nibble, default 4).</summary>
        public int Bwi { get; private set; }

        /// <summary>T=1: character waiting time integer (TB3 low nibble, default 13).</summary>
        public int Cwi { get; private set; }

        /// <summary>T=0: waiting time integer (TC2, default 10).</summary>
        public int Wi { get; private set; }

        /// <summary>Extra guard time N (TC1, default 0).</summary>
        public int ExtraGuard { get; private set; }

        /// <summary>Offset of the historical bytes in the ATR.</summary>
        public int HistoricalOffset { get; private set; }

        /// <summary>Number of historical bytes (T0 low nibble).</summary>
        public int HistoricalLength { get; private set; }

        /// <summary>Why the last <see cref="Parse"/> refused the ATR.</summary>
        public AtrFault Fault { get; private set; }

        /// <summary>
        /// Bytes still needed after the first <paramref name="have"/> for the ATR's structure to be complete (0
        /// when it is); the structure is known byte by byte as T0 and each TDi arrive.
        /// </summary>
        public static int MissingBytes(byte[] atr, int offset, int have)
        {
            if (have < 2)
            {
                return 2 - have;
            }

            int p = 2;
            int y = atr[offset + 1] >> 4;
            bool tck = false;
            while (true)
            {
                int count = BitCount(y);
                if (have < p + count)
                {
                    return p + count - have;
                }

                p += count;
                if ((y & 0x8) == 0)
                {
                    break;
                }

                int td = atr[offset + p - 1];
                if ((td & 0x0F) != 0)
                {
                    tck = true;
                }

                y = td >> 4;
            }

            int total = p + (atr[offset + 1] & 0x0F) + (tck ? 1 : 0);
            return total > have ? total - have : 0;
        }

        /// <summary>Checks and reads a whole ATR; returns <see cref="ReaderStatus.Ok"/> or <see cref="ReaderStatus.ProtocolError"/> (see <see cref="Fault"/>).</summary>
        public int Parse(byte[] atr, int offset, int length)
        {
            Protocol = 0;
            Ifsc = 32;
            Bwi = 4;
            Cwi = 13;
            Wi = 10;
            ExtraGuard = 0;
            Fault = AtrFault.None;
            if (length < 1 || atr[offset] != DirectTs)
            {
                return Refuse(AtrFault.BadTs);
            }

            if (length > MaxLength)
            {
                return Refuse(AtrFault.TooLong);
            }

            int missing = MissingBytes(atr, offset, length);
            if (missing > 0)
            {
                return Refuse(AtrFault.Truncated);
            }

            int p = offset + 2;
            int y = atr[offset + 1] >> 4;
            int ta1 = -1, ta2 = -1, ta3 = -1, tb3 = -1, tc2 = -1, tc3 = -1;
            bool firstProtocol = true;
            bool tck = false;
            for (int i = 1; ; i++)
            {
                int ta = (y & 1) != 0 ? atr[p++] : -1;
                if ((y & 2) != 0)
                {
                    if (i == 3)
                    {
                        tb3 = atr[p];
                    }

                    p++;
                }

                int tc = (y & 4) != 0 ? atr[p++] : -1;
                int td = (y & 8) != 0 ? atr[p++] : -1;
                if (i == 1)
                {
                    ta1 = ta;
                    ExtraGuard = tc < 0 ? 0 : tc;
                }
                else if (i == 2)
                {
                    ta2 = ta;
                    tc2 = tc;
                }
                else if (i == 3)
                {
                    ta3 = ta;
                    tc3 = tc;
                }

                if (td < 0)
                {
                    break;
                }

                if (firstProtocol)
                {
                    Protocol = td & 0x0F;
                    firstProtocol = false;
                }

                if ((td & 0x0F) != 0)
                {
                    tck = true;
                }

                y = td >> 4;
            }

            HistoricalOffset = p - offset;
            HistoricalLength = atr[offset + 1] & 0x0F;
            int end = p + HistoricalLength + (tck ? 1 : 0);
            if (end - offset != length)
            {
                return Refuse(AtrFault.TooLong);
            }

            if (tck)
            {
                int x = 0;
                for (int i = offset + 1; i < end; i++)
                {
                    x ^= atr[i];
                }

                if (x != 0)
                {
                    return Refuse(AtrFault.BadTck);
                }
            }

            if (Protocol > 1)
            {
                return Refuse(AtrFault.UnsupportedProtocol);
            }

            if (ta2 >= 0 && ta1 >= 0 && ta1 != 0x11 && (ta2 & 0x10) == 0)
            {
                return Refuse(AtrFault.UnsupportedSpeed);
            }

            if (ta2 >= 0 && (ta2 & 0x0F) != Protocol)
            {
                return Refuse(AtrFault.UnsupportedProtocol);
            }

            if (ExtraGuard != 0 && ExtraGuard != 255)
            {
                return Refuse(AtrFault.UnsupportedGuardTime);
            }

            if (tc2 >= 0)
            {
                Wi = tc2;
            }

            if (ta3 >= 0)
            {
                Ifsc = ta3;
            }

            if (tb3 >= 0)
            {
                Bwi = tb3 >> 4;
                Cwi = tb3 & 0x0F;
            }

            bool badT1 = Protocol == 1 && (Ifsc < 0x10 || Ifsc > 0xFE || Bwi > 4 || Cwi > 5 || (tc3 > 0));
            if (badT1 || (Protocol == 0 && Wi == 0))
            {
                return Refuse(AtrFault.BadParameters);
            }

            return ReaderStatus.Ok;
        }

        private int Refuse(AtrFault fault)
        {
            Fault = fault;
            return ReaderStatus.ProtocolError;
        }

        private static int BitCount(int y) => (y & 1) + ((y >> 1) & 1) + ((y >> 2) & 1) + ((y >> 3) & 1);
    }
}
