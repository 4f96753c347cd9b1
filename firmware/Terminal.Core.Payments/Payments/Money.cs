namespace Terminal.Core.Payments
{
    /// <summary>Amounts are integers in fen (minor units of CNY); these helpers only format and parse them.</summary>
    public static class Money
    {
        /// <summary>Largest amount a terminal accepts by default: 999,999.99 yuan.</summary>
        public const long DefaultMaximum = 99999999;

        /// <summary>"1234.56" for 123456 fen; "-1.00" for -100.</summary>
        public static string Format(long fen)
        {
            bool negative = fen < 0;
            long abs = negative ? -fen : fen;
            long yuan = abs / 100;
            int cents = (int)(abs % 100);
            return (negative ? "-" : string.Empty) + yuan.ToString() + "." + (cents < 10 ? "0" : string.Empty) + cents.ToString();
        }

        /// <summary>"CNY 1234.56": the form on screens and receipts (ASCII, so every printer and font has it).</summary>
        public static string FormatCny(long fen) => "CNY " + Format(fen);

        /// <summary>Writes <paramref name="fen"/> as 12 ASCII digits (ISO 8583 F4) at <paramref name="offset"/>.</summary>
        public static void ToField4(long fen, byte[] dest, int offset)
        {
            long v = fen;
            for (int i = 11; i >= 0; i--)
            {
                dest[offset + i] = (byte)('0' + (int)(v % 10));
                v /= 10;
            }
        }
    }
}
