namespace Terminal.Core.Util
{
    /// <summary>CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320): check value of "123456789" is 0xCBF43926.</summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        /// <summary>CRC of a range.</summary>
        public static uint Compute(byte[] data, int offset, int count) => Finish(Update(Start, data, offset, count));

        /// <summary>Initial running value.</summary>
        public const uint Start = 0xFFFFFFFF;

        /// <summary>Adds bytes to a running value.</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                crc = Table[(crc ^ data[offset + i]) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>Final value from a running value.</summary>
        public static uint Finish(uint crc) => crc ^ 0xFFFFFFFF;

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }

    /// <summary>Big-endian integer reads and writes on byte arrays.</summary>
    public static class BigEndian
    {
        /// <summary>Writes a 16-bit value.</summary>
        public static void Put16(byte[] b, int at, int v)
        {
            b[at] = (byte)(v >> 8);
            b[at + 1] = (byte)v;
        }

        /// <summary>Writes a 32-bit value.</summary>
        public static void Put32(byte[] b, int at, uint v)
        {
            b[at] = (byte)(v >> 24);
            b[at + 1] = (byte)(v >> 16);
            b[at + 2] = (byte)(v >> 8);
            b[at + 3] = (byte)v;
        }

        /// <summary>Reads a 16-bit value.</summary>
        public static int Get16(byte[] b, int at) => (b[at] << 8) | b[at + 1];

        /// <summary>Reads a 32-bit value.</summary>
        public static uint Get32(byte[] b, int at) => ((uint)b[at] << 24) | ((uint)b[at + 1] << 16) | ((uint)b[at + 2] << 8) | b[at + 3];
    }
}
