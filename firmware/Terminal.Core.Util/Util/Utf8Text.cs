namespace Terminal.Core.Util
{
    /// <summary>
    /// UTF-8 by hand for the Basic Multilingual Plane (nanoFramework has no Encoding class): item names in
    /// Chinese travel and are journaled as UTF-8. Surrogates and 4-byte sequences are refused.
    /// </summary>
    public static class Utf8Text
    {
        /// <summary>Bytes <paramref name="text"/> takes in UTF-8.</summary>
        public static int ByteCount(string text)
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                n += c < (char)0x80 ? 1 : c < (char)0x800 ? 2 : 3;
            }

            return n;
        }

        /// <summary>Writes <paramref name="text"/> as UTF-8 at <paramref name="at"/>; returns the offset after it.</summary>
        public static int Put(byte[] b, int at, string text)
        {
            int p = at;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    b[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    b[p++] = (byte)(0xC0 | (c >> 6));
                    b[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    b[p++] = (byte)(0xE0 | (c >> 12));
                    b[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return p;
        }

        /// <summary>Decodes <paramref name="count"/> bytes of UTF-8; null when they are not well-formed BMP UTF-8 or hold a control character.</summary>
        public static string? Get(byte[] b, int at, int count)
        {
            char[] chars = new char[count];
            int n = 0;
            int p = at;
            int end = at + count;
            while (p < end)
            {
                int c = b[p];
                int need;
                int value;
                if (c < 0x80)
                {
                    need = 0;
                    value = c;
                }
                else if ((c & 0xE0) == 0xC0)
                {
                    need = 1;
                    value = c & 0x1F;
                }
                else if ((c & 0xF0) == 0xE0)
                {
                    need = 2;
                    value = c & 0x0F;
                }
                else
                {
                    return null;
                }

                p++;
                for (int k = 0; k < need; k++)
                {
                    if (p >= end || (b[p] & 0xC0) != 0x80)
                    {
                        return null;
                    }

                    value = (value << 6) | (b[p] & 0x3F);
                    p++;
                }

                bool overlong = (need == 1 && value < 0x80) || (need == 2 && value < 0x800);
                if (overlong || value < 0x20 || value == 0x7F || (value >= 0xD800 && value <= 0xDFFF))
                {
                    return null;
                }

                chars[n++] = (char)value;
            }

            return new string(chars, 0, n);
        }
    }
}
