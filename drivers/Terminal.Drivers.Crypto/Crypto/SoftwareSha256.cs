namespace Terminal.Drivers.Crypto
{
    /// <summary>SHA-256 (FIPS 180-4) in portable code for boards without a hash engine; no allocation per call.</summary>
    public sealed class SoftwareSha256
    {
        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _h = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _block = new byte[64];
        private int _blockUsed;
        private long _total;

        /// <summary>Hashes a range into 32 bytes at <paramref name="digestOffset"/>.</summary>
        public void Hash(byte[] data, int offset, int count, byte[] digest, int digestOffset)
        {
            Start();
            Update(data, offset, count);
            Finish(digest, digestOffset);
        }

        /// <summary>Starts a new hash.</summary>
        public void Start()
        {
            _h[0] = 0x6a09e667;
            _h[1] = 0xbb67ae85;
            _h[2] = 0x3c6ef372;
            _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f;
            _h[5] = 0x9b05688c;
            _h[6] = 0x1f83d9ab;
            _h[7] = 0x5be0cd19;
            _blockUsed = 0;
            _total = 0;
        }

        /// <summary>Adds bytes.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _total += count;
            while (count > 0)
            {
                int n = 64 - _blockUsed < count ? 64 - _blockUsed : count;
                System.Array.Copy(data, offset, _block, _blockUsed, n);
                _blockUsed += n;
                offset += n;
                count -= n;
                if (_blockUsed == 64)
                {
                    Compress();
                    _blockUsed = 0;
                }
            }
        }

        /// <summary>Pads, finishes and writes the 32-byte digest.</summary>
        public void Finish(byte[] digest, int offset)
        {
            long bits = _total * 8;
            _block[_blockUsed++] = 0x80;
            if (_blockUsed > 56)
            {
                while (_blockUsed < 64)
                {
                    _block[_blockUsed++] = 0;
                }

                Compress();
                _blockUsed = 0;
            }

            while (_blockUsed < 56)
            {
                _block[_blockUsed++] = 0;
            }

            for (int i = 7; i >= 0; i--)
            {
                _block[56 + i] = (byte)bits;
                bits >>= 8;
            }

            Compress();
            for (int i = 0; i < 8; i++)
            {
                digest[offset + (i * 4)] = (byte)(_h[i] >> 24);
                digest[offset + (i * 4) + 1] = (byte)(_h[i] >> 16);
                digest[offset + (i * 4) + 2] = (byte)(_h[i] >> 8);
                digest[offset + (i * 4) + 3] = (byte)_h[i];
            }
        }

        // Locals rather than fields in the rounds: the JIT (and nanoFramework's interpreter) reach a local faster
        // than a field or a static array, and the eight working variables never touch memory.
        private void Compress()
        {
            uint[] w = _w;
            uint[] k = K;
            byte[] block = _block;
            for (int t = 0, i = 0; t < 16; t++, i += 4)
            {
                w[t] = ((uint)block[i] << 24) | ((uint)block[i + 1] << 16) | ((uint)block[i + 2] << 8) | block[i + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint s1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }

            uint[] hh = _h;
            uint a = hh[0], b = hh[1], c = hh[2], d = hh[3], e = hh[4], f = hh[5], g = hh[6], h = hh[7];
            for (int t = 0; t < 64; t++)
            {
                uint t1 = h + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + k[t] + w[t];
                uint t2 = (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c));
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            hh[0] += a;
            hh[1] += b;
            hh[2] += c;
            hh[3] += d;
            hh[4] += e;
            hh[5] += f;
            hh[6] += g;
            hh[7] += h;
        }
    }
}
