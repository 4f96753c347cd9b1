namespace Terminal.Core.QrCode
{
    /// <summary>Error correction level of a QR code (ISO/IEC 18004 table 12): how much of the symbol may be lost.</summary>
    public enum QrEccLevel
    {
        /// <summary>About 7% of the codewords restorable.</summary>
        L = 0,
        /// <summary>About 15%.</summary>
        M = 1,
        /// <summary>About 25%.</summary>
        Q = 2,
        /// <summary>About 30%.</summary>
        H = 3,
    }

    /// <summary>
    /// A QR code encoder (ISO/IEC 18004 model 2): byte mode, versions 1 to <see cref="MaxVersion"/>, error correction L,
    /// M, Q or H, Reed-Solomon over GF(256) (polynomial 0x11D), the eight data masks scored by the standard's four
    /// penalty rules (or one mask forced), format and version information. Its buffers are allocated once, with the
    /// encoder: encoding allocates nothing.
    /// </summary>
    public sealed class QrEncoder
    {
        /// <summary>Largest version encoded: 57 x 57 modules, 271 bytes at level L, 213 at M.</summary>
        public const int MaxVersion = 10;

        /// <summary>Modules per side of the largest version.</summary>
        public const int MaxSize = 17 + (4 * MaxVersion);

        /// <summary>Mask to choose by the penalty rules (<see cref="Encode"/>).</summary>
        public const int AnyMask = -1;

        /// <summary>Returned by <see cref="Encode"/> when the data does not fit the largest version at that level.</summary>
        public const int TooLong = -1;

        // Per level (L, M, Q, H) and version (1..10): error correction codewords per block, then the number of blocks
        // (ISO/IEC 18004 table 9). Strings, not arrays: they stay in flash on the device.
        private const string EccPerBlock =
            "\u0007\u000A\u000F\u0014\u001A\u0012\u0014\u0018\u001E\u0012"
            + "\u000A\u0010\u001A\u0012\u0018\u0010\u0012\u0016\u0016\u001A"
            + "\u000D\u0016\u0012\u001A\u0012\u0018\u0012\u0016\u0014\u0018"
            + "\u0011\u001C\u0016\u0010\u0016\u001C\u001A\u001A\u0018\u001C";

        private const string Blocks =
            "\u0001\u0001\u0001\u0001\u0001\u0002\u0002\u0002\u0002\u0004"
            + "\u0001\u0001\u0001\u0002\u0002\u0004\u0004\u0004\u0005\u0005"
            + "\u0001\u0001\u0002\u0002\u0004\u0004\u0006\u0006\u0008\u0008"
            + "\u0001\u0001\u0002\u0004\u0004\u0004\u0005\u0006\u0008\u0008";

        // Module flags in the matrix: dark, and part of a function pattern (never masked, never holds data).
        private const byte Dark = 1;
        private const byte Function = 2;

        private const int PenaltyN1 = 3;
        private const int PenaltyN2 = 3;
        private const int PenaltyN3 = 40;
        private const int PenaltyN4 = 10;

        private readonly byte[] _modules = new byte[MaxSize * MaxSize];
        private readonly byte[] _data = new byte[RawCodewords(MaxVersion)];
        private readonly byte[] _codewords = new byte[RawCodewords(MaxVersion)];
        private readonly byte[] _generator = new byte[31];
        private readonly byte[] _remainder = new byte[31];
        private readonly int[] _run = new int[7];
        private int _size;
        private int _version;
        private int _mask;

        /// <summary>Modules per side of the last code (21 for version 1, 4 more per version); 0 before the first.</summary>
        public int Size => _size;

        /// <summary>Version of the last code.</summary>
        public int Version => _version;

        /// <summary>Mask (0..7) of the last code.</summary>
        public int Mask => _mask;

        /// <summary>Whether module (<paramref name="x"/>, <paramref name="y"/>) of the last code is dark; false outside it (the quiet zone).</summary>
        public bool IsDark(int x, int y) => x >= 0 && y >= 0 && x < _size && y < _size && (_modules[(y * _size) + x] & Dark) != 0;

        /// <summary>Bytes that fit in byte mode at <paramref name="version"/> and <paramref name="level"/>.</summary>
        public static int Capacity(int version, QrEccLevel level)
        {
            int dataBits = DataCodewords(version, (int)level) * 8;
            int header = 4 + (version < 10 ? 8 : 16);
            return (dataBits - header) / 8;
        }

        /// <summary>
        /// Encodes <paramref name="count"/> bytes of <paramref name="data"/> in byte mode, in the smallest version from
        /// <paramref name="minVersion"/> that holds them, with <paramref name="mask"/> (0..7) or the mask the penalty
        /// rules choose (<see cref="AnyMask"/>). Returns the version, or <see cref="TooLong"/>.
        /// </summary>
        public int Encode(byte[] data, int offset, int count, QrEccLevel level, int minVersion, int mask)
        {
            int ecl = (int)level;
            if (count < 0 || ecl < 0 || ecl > 3 || mask < AnyMask || mask > 7)
            {
                return TooLong;
            }

            int version = minVersion < 1 ? 1 : minVersion;
            while (version <= MaxVersion && Capacity(version, level) < count)
            {
                version++;
            }

            if (version > MaxVersion)
            {
                return TooLong;
            }

            _version = version;
            _size = 17 + (4 * version);
            int dataLength = WriteData(data, offset, count, version, ecl);
            Interleave(version, ecl, dataLength);
            DrawFunctionPatterns(version);
            PlaceCodewords(RawCodewords(version));
            _mask = mask >= 0 ? mask : ChooseMask(ecl);
            ApplyMask(_mask);
            DrawFormat(ecl, _mask);
            return version;
        }

        // Mode 0100, the count, the bytes, a terminator of up to 4 zero bits, zero bits to a byte, then 0xEC 0x11 pads.
        private int WriteData(byte[] data, int offset, int count, int version, int ecl)
        {
            int capacity = DataCodewords(version, ecl);
            for (int i = 0; i < capacity; i++)
            {
                _data[i] = 0;
            }

            int bit = 0;
            bit = PutBits(bit, 4, 4);
            bit = PutBits(bit, count, version < 10 ? 8 : 16);
            for (int i = 0; i < count; i++)
            {
                bit = PutBits(bit, data[offset + i], 8);
            }

            int terminator = (capacity * 8) - bit;
            bit += terminator < 4 ? terminator : 4;
            int at = (bit + 7) >> 3;
            for (int pad = 0xEC; at < capacity; pad ^= 0xEC ^ 0x11)
            {
                _data[at++] = (byte)pad;
            }

            return capacity;
        }

        private int PutBits(int bit, int value, int bits)
        {
            for (int i = bits - 1; i >= 0; i--)
            {
                if (((value >> i) & 1) != 0)
                {
                    _data[bit >> 3] |= (byte)(0x80 >> (bit & 7));
                }

                bit++;
            }

            return bit;
        }

        // Splits the data into blocks (the short ones first), computes each block's error correction codewords and
        // interleaves: the data codewords column by column, then the error correction codewords likewise.
        private void Interleave(int version, int ecl, int dataLength)
        {
            int blocks = Blocks[(ecl * 10) + version - 1];
            int ecLength = EccPerBlock[(ecl * 10) + version - 1];
            int raw = RawCodewords(version);
            int shortBlocks = blocks - (raw % blocks);
            int shortData = (raw / blocks) - ecLength;
            Generator(ecLength);
            int start = 0;
            for (int b = 0; b < blocks; b++)
            {
                int length = shortData + (b < shortBlocks ? 0 : 1);
                Remainder(start, length, ecLength);
                for (int i = 0; i < length; i++)
                {
                    // Position of data codeword i of block b: column i over all blocks; the long blocks' extra
                    // codeword comes after the last full column.
                    int at = i < shortData ? (i * blocks) + b : (shortData * blocks) + (b - shortBlocks);
                    _codewords[at] = _data[start + i];
                }

                for (int i = 0; i < ecLength; i++)
                {
                    _codewords[dataLength + (i * blocks) + b] = _remainder[i];
                }

                start += length;
            }
        }

        // The generator polynomial of degree n (coefficients highest first, the leading 1 left out): prod (x - a^i).
        private void Generator(int n)
        {
            for (int i = 0; i < n; i++)
            {
                _generator[i] = 0;
            }

            _generator[n - 1] = 1;
            int root = 1;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    _generator[j] = (byte)Multiply(_generator[j], root);
                    if (j + 1 < n)
                    {
                        _generator[j] ^= _generator[j + 1];
                    }
                }

                root = Multiply(root, 2);
            }
        }

        // The remainder of the block's data times x^n divided by the generator: its error correction codewords.
        private void Remainder(int start, int length, int n)
        {
            for (int i = 0; i < n; i++)
            {
                _remainder[i] = 0;
            }

            for (int k = 0; k < length; k++)
            {
                int factor = _data[start + k] ^ _remainder[0];
                for (int i = 0; i < n - 1; i++)
                {
                    _remainder[i] = _remainder[i + 1];
                }

                _remainder[n - 1] = 0;
                for (int i = 0; i < n; i++)
                {
                    _remainder[i] ^= (byte)Multiply(_generator[i], factor);
                }
            }
        }

        // Product in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1 (Russian peasant).
        private static int Multiply(int x, int y)
        {
            int z = 0;
            for (int i = 7; i >= 0; i--)
            {
                z = (z << 1) ^ ((z >> 7) * 0x11D);
                z ^= ((y >> i) & 1) * x;
            }

            return z;
        }

        private void DrawFunctionPatterns(int version)
        {
            int size = _size;
            for (int i = 0; i < size * size; i++)
            {
                _modules[i] = 0;
            }

            for (int i = 0; i < size; i++)
            {
                Set(6, i, i % 2 == 0, true);
                Set(i, 6, i % 2 == 0, true);
            }

            Finder(3, 3);
            Finder(size - 4, 3);
            Finder(3, size - 4);

            if (version >= 2)
            {
                // Alignment patterns at every pair of the positions, except over the three finders.
                int count = (version / 7) + 2;
                int step = (((version * 4) + (count * 2) + 1) / ((count * 2) - 2)) * 2;
                for (int i = 0; i < count; i++)
                {
                    for (int j = 0; j < count; j++)
                    {
                        bool corner = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0);
                        if (!corner)
                        {
                            Alignment(AlignmentPosition(i, count, step, size), AlignmentPosition(j, count, step, size));
                        }
                    }
                }
            }

            // Reserve the format areas (drawn after masking) and the dark module.
            DrawFormatBits(0);
            if (version >= 7)
            {
                DrawVersion(version);
            }
        }

        private static int AlignmentPosition(int i, int count, int step, int size) => i == 0 ? 6 : size - 7 - ((count - 1 - i) * step);

        private void Finder(int cx, int cy)
        {
            for (int dy = -4; dy <= 4; dy++)
            {
                for (int dx = -4; dx <= 4; dx++)
                {
                    int x = cx + dx;
                    int y = cy + dy;
                    if (x >= 0 && y >= 0 && x < _size && y < _size)
                    {
                        int d = Chebyshev(dx, dy);
                        Set(x, y, d != 2 && d != 4, true);
                    }
                }
            }
        }

        private void Alignment(int cx, int cy)
        {
            for (int dy = -2; dy <= 2; dy++)
            {
                for (int dx = -2; dx <= 2; dx++)
                {
                    Set(cx + dx, cy + dy, Chebyshev(dx, dy) != 1, true);
                }
            }
        }

        private static int Chebyshev(int dx, int dy)
        {
            int ax = dx < 0 ? -dx : dx;
            int ay = dy < 0 ? -dy : dy;
            return ax > ay ? ax : ay;
        }

        // The 15 format bits: level and mask, BCH(15,5) remainder, XOR 0x5412; twice, around the finders.
        private void DrawFormat(int ecl, int mask)
        {
            int levelBits = ecl == 0 ? 1 : ecl == 1 ? 0 : ecl == 2 ? 3 : 2;
            int data = (levelBits << 3) | mask;
            int rem = data;
            for (int i = 0; i < 10; i++)
            {
                rem = (rem << 1) ^ ((rem >> 9) * 0x537);
            }

            DrawFormatBits(((data << 10) | rem) ^ 0x5412);
        }

        private void DrawFormatBits(int bits)
        {
            int size = _size;
            for (int i = 0; i <= 5; i++)
            {
                Set(8, i, Bit(bits, i), true);
            }

            Set(8, 7, Bit(bits, 6), true);
            Set(8, 8, Bit(bits, 7), true);
            Set(7, 8, Bit(bits, 8), true);
            for (int i = 9; i < 15; i++)
            {
                Set(14 - i, 8, Bit(bits, i), true);
            }

            for (int i = 0; i < 8; i++)
            {
                Set(size - 1 - i, 8, Bit(bits, i), true);
            }

            for (int i = 8; i < 15; i++)
            {
                Set(8, size - 15 + i, Bit(bits, i), true);
            }

            Set(8, size - 8, true, true);
        }

        // Versions 7 and up: 6 version bits and their BCH(18,6) remainder, in two 6 x 3 blocks.
        private void DrawVersion(int version)
        {
            int rem = version;
            for (int i = 0; i < 12; i++)
            {
                rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
            }

            int bits = (version << 12) | rem;
            for (int i = 0; i < 18; i++)
            {
                bool dark = Bit(bits, i);
                int a = _size - 11 + (i % 3);
                int b = i / 3;
                Set(a, b, dark, true);
                Set(b, a, dark, true);
            }
        }

        private static bool Bit(int value, int i) => ((value >> i) & 1) != 0;

        private void Set(int x, int y, bool dark, bool function)
        {
            _modules[(y * _size) + x] = (byte)((dark ? Dark : 0) | (function ? Function : 0));
        }

        // Codeword bits in the zigzag: pairs of columns from the right, upwards then downwards, skipping column 6.
        private void PlaceCodewords(int count)
        {
            int size = _size;
            int i = 0;
            int total = count * 8;
            for (int right = size - 1; right >= 1; right -= 2)
            {
                if (right == 6)
                {
                    right = 5;
                }

                for (int vert = 0; vert < size; vert++)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        int x = right - j;
                        bool upward = ((right + 1) & 2) == 0;
                        int y = upward ? size - 1 - vert : vert;
                        int at = (y * size) + x;
                        if ((_modules[at] & Function) == 0 && i < total)
                        {
                            if (((_codewords[i >> 3] >> (7 - (i & 7))) & 1) != 0)
                            {
                                _modules[at] = Dark;
                            }

                            i++;
                        }
                    }
                }
            }
        }

        private void ApplyMask(int mask)
        {
            int size = _size;
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    int at = (y * size) + x;
                    if ((_modules[at] & Function) == 0 && MaskBit(mask, x, y))
                    {
                        _modules[at] ^= Dark;
                    }
                }
            }
        }

        private static bool MaskBit(int mask, int x, int y)
        {
            switch (mask)
            {
                case 0: return (x + y) % 2 == 0;
                case 1: return y % 2 == 0;
                case 2: return x % 3 == 0;
                case 3: return (x + y) % 3 == 0;
                case 4: return ((x / 3) + (y / 2)) % 2 == 0;
                case 5: return ((x * y) % 2) + ((x * y) % 3) == 0;
                case 6: return (((x * y) % 2) + ((x * y) % 3)) % 2 == 0;
                default: return (((x + y) % 2) + ((x * y) % 3)) % 2 == 0;
            }
        }

        private int ChooseMask(int ecl)
        {
            int best = 0;
            int bestPenalty = int.MaxValue;
            for (int m = 0; m < 8; m++)
            {
                ApplyMask(m);
                DrawFormat(ecl, m);
                int p = Penalty();
                if (p < bestPenalty)
                {
                    best = m;
                    bestPenalty = p;
                }

                ApplyMask(m); // XOR again: undone
            }

            return best;
        }

        // The four penalty rules of ISO/IEC 18004 7.8.3: runs of five or more, 2 x 2 blocks, finder-like
        // 1:1:3:1:1 patterns with four light modules on a side (the quiet zone counts as light), dark proportion.
        private int Penalty()
        {
            int size = _size;
            int result = 0;
            for (int pass = 0; pass < 2; pass++)
            {
                for (int a = 0; a < size; a++)
                {
                    bool color = false;
                    int runLength = 0;
                    ClearRuns();
                    for (int b = 0; b < size; b++)
                    {
                        bool dark = pass == 0 ? IsDark(b, a) : IsDark(a, b);
                        if (dark == color)
                        {
                            runLength++;
                            if (runLength == 5)
                            {
                                result += PenaltyN1;
                            }
                            else if (runLength > 5)
                            {
                                result++;
                            }
                        }
                        else
                        {
                            AddRun(runLength);
                            if (!color)
                            {
                                result += FinderLikeCount() * PenaltyN3;
                            }

                            color = dark;
                            runLength = 1;
                        }
                    }

                    result += FinderLikeEnd(color, runLength) * PenaltyN3;
                }
            }

            int dark2 = 0;
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    bool d = IsDark(x, y);
                    if (d)
                    {
                        dark2++;
                    }

                    if (x < size - 1 && y < size - 1 && d == IsDark(x + 1, y) && d == IsDark(x, y + 1) && d == IsDark(x + 1, y + 1))
                    {
                        result += PenaltyN2;
                    }
                }
            }

            int total = size * size;
            int deviation = (dark2 * 20) - (total * 10);
            if (deviation < 0)
            {
                deviation = -deviation;
            }

            // k whole steps of 5% away from half dark: |dark / total - 1/2| / 5% = |20 dark - 10 total| / total.
            result += (deviation / total) * PenaltyN4;
            return result;
        }

        private void ClearRuns()
        {
            for (int i = 0; i < _run.Length; i++)
            {
                _run[i] = 0;
            }
        }

        // Pushes a run length; the first run of a line is preceded by the light quiet zone.
        private void AddRun(int length)
        {
            if (_run[0] == 0)
            {
                length += _size;
            }

            for (int i = _run.Length - 1; i > 0; i--)
            {
                _run[i] = _run[i - 1];
            }

            _run[0] = length;
        }

        // After a light run: 0, 1 or 2 finder-like patterns ending there (light 4, dark 1, light 1, dark 3, light 1,
        // dark 1, light 4 in module units, either side).
        private int FinderLikeCount()
        {
            int n = _run[1];
            bool core = n > 0 && _run[2] == n && _run[3] == n * 3 && _run[4] == n && _run[5] == n;
            return (core && _run[0] >= n * 4 && _run[6] >= n ? 1 : 0) + (core && _run[6] >= n * 4 && _run[0] >= n ? 1 : 0);
        }

        // The end of a line: the quiet zone adds a light run after the last one.
        private int FinderLikeEnd(bool color, int runLength)
        {
            if (color)
            {
                AddRun(runLength);
                runLength = 0;
            }

            AddRun(runLength + _size);
            return FinderLikeCount();
        }

        // Codewords (data and error correction) of a version: its modules less the function patterns, in bytes.
        private static int RawCodewords(int version)
        {
            int result = (((16 * version) + 128) * version) + 64;
            if (version >= 2)
            {
                int align = (version / 7) + 2;
                result -= (((25 * align) - 10) * align) - 55;
                if (version >= 7)
                {
                    result -= 36;
                }
            }

            return result / 8;
        }

        private static int DataCodewords(int version, int ecl) =>
            RawCodewords(version) - (EccPerBlock[(ecl * 10) + version - 1] * Blocks[(ecl * 10) + version - 1]);
    }
}
