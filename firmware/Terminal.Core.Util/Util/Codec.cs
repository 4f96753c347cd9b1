namespace Terminal.Core.Util
{
    /// <summary>
    /// Big-endian integers and short ASCII texts in journal payloads. The Put methods return the offset
    /// after what they wrote; GetText returns -1 when the text runs past <c>end</c>.
    /// </summary>
    public static class Codec
    {
        /// <summary>Writes 16 bits.</summary>
        public static int Put16(byte[] b, int at, int v)
        {
            b[at] = (byte)(v >> 8);
            b[at + 1] = (byte)v;
            return at + 2;
        }

        /// <summary>Writes 24 bits (0..16,777,215).</summary>
        public static int Put24(byte[] b, int at, int v)
        {
            b[at] = (byte)(v >> 16);
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)v;
            return at + 3;
        }

        /// <summary>Writes 32 bits.</summary>
        public static int Put32(byte[] b, int at, int v)
        {
            b[at] = (byte)(v >> 24);
            b[at + 1] = (byte)(v >> 16);
            b[at + 2] = (byte)(v >> 8);
            b[at + 3] = (byte)v;
            return at + 4;
        }

        /// <summary>Writes 40 bits (amounts up to about 10^12 fen).</summary>
        public static int Put40(byte[] b, int at, long v)
        {
            for (int i = 4; i >= 0; i--)
            {
                b[at + i] = (byte)v;
                v >>= 8;
            }

            return at + 5;
        }

        /// <summary>Writes a length byte then up to <paramref name="max"/> ASCII characters.</summary>
        public static int PutText(byte[] b, int at, string text, int max)
        {
            int n = text.Length > max ? max : text.Length;
            b[at] = (byte)n;
            for (int i = 0; i < n; i++)
            {
                char c = text[i];
                b[at + 1 + i] = c < (char)0x80 ? (byte)c : (byte)'?';
            }

            return at + 1 + n;
        }

        /// <summary>Reads 16 bits.</summary>
        public static int Get16(byte[] b, int at) => (b[at] << 8) | b[at + 1];

        /// <summary>Reads 24 bits.</summary>
        public static int Get24(byte[] b, int at) => (b[at] << 16) | (b[at + 1] << 8) | b[at + 2];

        /// <summary>Reads 32 bits.</summary>
        public static int Get32(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];

        /// <summary>Reads 40 bits.</summary>
        public static long Get40(byte[] b, int at)
        {
            long v = 0;
            for (int i = 0; i < 5; i++)
            {
                v = (v << 8) | b[at + i];
            }

            return v;
        }

        /// <summary>Reads what <see cref="PutText"/> wrote; returns the offset after it, or -1 past <paramref name="end"/>.</summary>
        public static int GetText(byte[] b, int at, int end, out string text)
        {
            text = string.Empty;
            if (at >= end)
            {
                return -1;
            }

            int n = b[at];
            if (at + 1 + n > end)
            {
                return -1;
            }

            char[] chars = new char[n];
            for (int i = 0; i < n; i++)
            {
                byte c = b[at + 1 + i];
                chars[i] = c >= 0x20 && c < 0x7F ? (char)c : '?';
            }

            text = new string(chars);
            return at + 1 + n;
        }
    }
}
