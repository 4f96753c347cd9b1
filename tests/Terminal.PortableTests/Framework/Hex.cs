namespace Terminal.PortableTests.Framework
{
    /// <summary>Hex text to bytes and back, and ASCII, without System.Text (absent from nanoFramework's mscorlib).</summary>
    public static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>Decodes hex text (either case, even length) to bytes.</summary>
        public static byte[] Decode(string hex)
        {
            if ((hex.Length & 1) != 0)
            {
                throw new CheckFailedException("hex text of odd length: " + hex);
            }

            byte[] result = new byte[hex.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return result;
        }

        /// <summary>Encodes a range as upper-case hex text.</summary>
        public static string Encode(byte[] data, int offset, int count)
        {
            char[] text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                text[2 * i] = Digits[data[offset + i] >> 4];
                text[(2 * i) + 1] = Digits[data[offset + i] & 0x0F];
            }

            return new string(text);
        }

        /// <summary>The ASCII bytes of a string of 7-bit characters.</summary>
        public static byte[] Ascii(string text)
        {
            byte[] result = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                result[i] = (byte)text[i];
            }

            return result;
        }

        /// <summary>A string from ASCII bytes.</summary>
        public static string AsciiText(byte[] data, int offset, int count)
        {
            char[] text = new char[count];
            for (int i = 0; i < count; i++)
            {
                text[i] = (char)data[offset + i];
            }

            return new string(text);
        }

        private static int Nibble(char c)
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

            throw new CheckFailedException("not a hex digit: " + c.ToString());
        }
    }
}
