namespace Terminal.Core.Util
{
    /// <summary>Numbers as fixed-width decimal text for screens, receipts and claim codes ("000042").</summary>
    public static class DigitText
    {
        /// <summary>The last <paramref name="width"/> digits of |<paramref name="value"/>|, zero-padded on the left.</summary>
        public static string Fixed(int value, int width)
        {
            char[] d = new char[width];
            int v = value < 0 ? -value : value;
            for (int i = width - 1; i >= 0; i--)
            {
                d[i] = (char)('0' + (v % 10));
                v /= 10;
            }

            return new string(d);
        }
    }
}
