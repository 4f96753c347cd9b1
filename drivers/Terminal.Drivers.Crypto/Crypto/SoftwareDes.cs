namespace Terminal.Drivers.Crypto
{
    /// <summary>
    /// DES and TDES (FIPS 46-3) in portable code, for boards whose crypto engine has no DES (the ESP32's
    /// has AES and SHA only). Bit-permutation tables are small byte arrays; a call allocates nothing.
    /// Not constant-time: acceptable for MAC and PIN-block work on a terminal, not for a host HSM.
    /// </summary>
    public sealed class SoftwareDes
    {
        private static readonly byte[] Ip =
        {
            58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
            62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
            57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
            61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
        };

        private static readonly byte[] Fp =
        {
            40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
            38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
            36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
            34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25,
        };

        private static readonly byte[] E =
        {
            32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
            16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
        };

        private static readonly byte[] P =
        {
            16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
            2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
        };

        private static readonly byte[] Pc1 =
        {
            57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
            63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
        };

        private static readonly byte[] Pc2 =
        {
            14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
            41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
        };

        private static readonly byte[] Shifts = { 1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1 };

        // S1..S8, 64 entries each, row-major (row = outer bits, column = inner 4 bits).
        private static readonly byte[] S =
        {
            14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
            4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
            15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
            0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
            10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
            13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
            7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
            10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
            2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
            4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
            12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
            9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
            4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
            1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
            13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
            7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
        };

        // The key schedules of the last three single-DES keys (a TDES key is two or three of them, and a MAC or a
        // PIN block is many blocks under one key), 16 subkeys each; the schedule costs as much as a block.
        private const int Cached = 3;
        private readonly ulong[] _subkeys = new ulong[16 * Cached];
        private readonly ulong[] _cachedKeys = new ulong[Cached];
        private readonly bool[] _cachedValid = new bool[Cached];
        private int _nextSlot;
        private readonly byte[] _tmp = new byte[8];

        /// <summary>
        /// Encrypts or decrypts one 8-byte block with DES (8-byte key) or TDES EDE (16-byte K1K2K1 or
        /// 24-byte K1K2K3 key).
        /// </summary>
        public void Block(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            ulong block = Load(input, inputOffset);
            if (keyLength == 8)
            {
                block = Single(encrypt, key, keyOffset, block);
            }
            else if (keyLength == 16 || keyLength == 24)
            {
                int k3 = keyLength == 24 ? keyOffset + 16 : keyOffset;
                if (encrypt)
                {
                    block = Single(true, key, keyOffset, block);
                    block = Single(false, key, keyOffset + 8, block);
                    block = Single(true, key, k3, block);
                }
                else
                {
                    block = Single(false, key, k3, block);
                    block = Single(true, key, keyOffset + 8, block);
                    block = Single(false, key, keyOffset, block);
                }
            }
            else
            {
                throw new System.ArgumentException("DES key must be 8, 16 or 24 bytes", nameof(keyLength));
            }

            Store(block, _tmp, 0);
            System.Array.Copy(_tmp, 0, output, outputOffset, 8);
        }

        private ulong Single(bool encrypt, byte[] key, int keyOffset, ulong block)
        {
            int slot = Slot(Load(key, keyOffset));
            int first = slot * 16;
            ulong ip = Permute(block, Ip, 64);
            uint left = (uint)(ip >> 32);
            uint right = (uint)ip;
            for (int round = 0; round < 16; round++)
            {
                ulong k = _subkeys[first + (encrypt ? round : 15 - round)];
                uint next = left ^ F(right, k);
                left = right;
                right = next;
            }

            ulong preOutput = ((ulong)right << 32) | left;
            return Permute(preOutput, Fp, 64);
        }

        // The cache slot holding the schedule of key, scheduling it into the oldest slot when none does.
        private int Slot(ulong key)
        {
            for (int i = 0; i < Cached; i++)
            {
                if (_cachedValid[i] && _cachedKeys[i] == key)
                {
                    return i;
                }
            }

            int slot = _nextSlot;
            _nextSlot = (_nextSlot + 1) % Cached;
            Schedule(key, slot * 16);
            _cachedKeys[slot] = key;
            _cachedValid[slot] = true;
            return slot;
        }

        private void Schedule(ulong key, int first)
        {
            ulong cd = Permute(key, Pc1, 64); // 56 bits
            uint c = (uint)(cd >> 28) & 0x0FFFFFFF;
            uint d = (uint)cd & 0x0FFFFFFF;
            for (int i = 0; i < 16; i++)
            {
                int s = Shifts[i];
                c = ((c << s) | (c >> (28 - s))) & 0x0FFFFFFF;
                d = ((d << s) | (d >> (28 - s))) & 0x0FFFFFFF;
                _subkeys[first + i] = Permute(((ulong)c << 28) | d, Pc2, 56);
            }
        }

        private static uint F(uint r, ulong subkey)
        {
            ulong e = Permute(r, E, 32) ^ subkey; // 48 bits
            uint output = 0;
            for (int box = 0; box < 8; box++)
            {
                int six = (int)(e >> (42 - (6 * box))) & 0x3F;
                int row = ((six & 0x20) >> 4) | (six & 1);
                int col = (six >> 1) & 0xF;
                output = (output << 4) | S[(box * 64) + (row * 16) + col];
            }

            return (uint)Permute(output, P, 32);
        }

        // Bit i of the result (from the most significant, 1-based as in the standard) is bit table[i] of the input.
        private static ulong Permute(ulong input, byte[] table, int inputBits)
        {
            ulong result = 0;
            for (int i = 0; i < table.Length; i++)
            {
                result = (result << 1) | ((input >> (inputBits - table[i])) & 1);
            }

            return result;
        }

        private static ulong Load(byte[] b, int at)
        {
            ulong v = 0;
            for (int i = 0; i < 8; i++)
            {
                v = (v << 8) | b[at + i];
            }

            return v;
        }

        private static void Store(ulong v, byte[] b, int at)
        {
            for (int i = 7; i >= 0; i--)
            {
                b[at + i] = (byte)v;
                v >>= 8;
            }
        }
    }
}
