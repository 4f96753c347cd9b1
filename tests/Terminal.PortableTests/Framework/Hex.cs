using Terminal.Core.Util;

namespace Terminal.PortableTests.Framework
{
    /// <summary>Hex text to bytes and back, and ASCII, without System.Text (absent from nanoFramework's mscorlib).</summary>
    public static class Hex
    {
        /// <summary>Decodes hex text (either case, even length) to bytes, with Core's <see cref="HexText"/>.</summary>
        public static byte[] Decode(string hex)
        {
            byte[] result = new byte[hex.Length / 2];
            if (HexText.Decode(hex, result, 0) < 0)
            {
                throw new CheckFailedException("not hex text of even length: " + hex);
            }

            return result;
        }

        /// <summary>Encodes a range as upper-case hex text.</summary>
        public static string Encode(byte[] data, int offset, int count) => HexText.Encode(data, offset, count);

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
    }
}
