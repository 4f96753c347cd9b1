namespace Terminal.Core.Util
{
    /// <summary>Hex digits without Encoding or string formatting: nibble to character and back.</summary>
    public static class HexText
    {
        /// <summary>The uppercase hex character of a nibble 0..15.</summary>
        public static char Digit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

        /// <summary>The value of a hex character (either case), or -1 when it is not one.</summary>
        public static int Value(int c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return -1;
        }

        /// <summary>The low <paramref name="digits"/> nibbles of <paramref name="value"/> as uppercase hex, most significant first.</summary>
        public static string Number(int value, int digits)
        {
            var chars = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                chars[i] = Digit(value & 0x0F);
                value >>= 4;
            }

            return new string(chars);
        }

        /// <summary>Uppercase hex of a byte range (allocates a string: for traces and tools, not hot paths).</summary>
        public static string Encode(byte[] data, int offset, int count)
        {
            var chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                chars[2 * i] = Digit(b >> 4);
                chars[(2 * i) + 1] = Digit(b & 0x0F);
            }

            return new string(chars);
        }

        /// <summary>Decodes hex text into <paramref name="dest"/>; returns the byte count, or -1 on an odd length, a bad character or too little room.</summary>
        public static int Decode(string hex, byte[] dest, int offset)
        {
            if ((hex.Length & 1) != 0 || offset < 0 || dest.Length - offset < hex.Length / 2)
            {
                return -1;
            }

            for (int i = 0; i < hex.Length; i += 2)
            {
                int hi = Value(hex[i]);
                int lo = Value(hex[i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return -1;
                }

                dest[offset + (i / 2)] = (byte)((hi << 4) | lo);
            }

            return hex.Length / 2;
        }
    }
}
