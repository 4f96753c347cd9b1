namespace Terminal.Drivers.Crypto
{
    /// <summary>
    /// Arithmetic modulo one odd 256-bit number (the P-256 field prime p, or the group order n) in Montgomery form,
    /// with fixed 8 x 32-bit limbs (least significant first) and integer arithmetic only: what a microcontroller
    /// without a big-integer library can run. Operands are below the modulus; results may alias operands.
    /// </summary>
    public sealed class MontgomeryField
    {
        private readonly uint[] _m;
        private readonly uint _mPrime;
        private readonly uint[] _r2 = new uint[8];
        private readonly uint[] _one = new uint[8];
        private readonly uint[] _exponent = new uint[8];
        private readonly uint[] _t = new uint[10];
        private readonly uint[] _acc = new uint[8];
        private readonly uint[] _plainOne = new uint[8];

        /// <summary>Sets up arithmetic modulo <paramref name="modulus"/> (8 limbs, odd).</summary>
        public MontgomeryField(uint[] modulus)
        {
            _m = modulus;
            uint inverse = modulus[0];
            for (int i = 0; i < 5; i++)
            {
                inverse = unchecked(inverse * (2 - (modulus[0] * inverse)));
            }

            _mPrime = unchecked(0 - inverse);

            // R mod m and R^2 mod m (R = 2^256) by doubling 1, so no division is needed.
            _plainOne[0] = 1;
            uint[] x = new uint[8];
            x[0] = 1;
            for (int i = 0; i < 512; i++)
            {
                Add(x, x, x);
                if (i == 255)
                {
                    System.Array.Copy(x, _one, 8);
                }
            }

            System.Array.Copy(x, _r2, 8);

            // m - 2, the exponent of Fermat's inverse.
            uint borrow = 2;
            for (int i = 0; i < 8; i++)
            {
                ulong d = (ulong)modulus[i] - borrow;
                _exponent[i] = (uint)d;
                borrow = (uint)(d >> 63);
            }
        }

        /// <summary>The modulus.</summary>
        public uint[] Modulus => _m;

        /// <summary>r = a + b mod m.</summary>
        public void Add(uint[] a, uint[] b, uint[] r)
        {
            ulong carry = 0;
            for (int i = 0; i < 8; i++)
            {
                carry += (ulong)a[i] + b[i];
                r[i] = (uint)carry;
                carry >>= 32;
            }

            if (carry != 0 || Compare(r, _m) >= 0)
            {
                SubtractModulus(r);
            }
        }

        /// <summary>r = a - b mod m.</summary>
        public void Sub(uint[] a, uint[] b, uint[] r)
        {
            long borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                long d = (long)a[i] - b[i] + borrow;
                r[i] = (uint)d;
                borrow = d >> 32;
            }

            if (borrow != 0)
            {
                ulong carry = 0;
                for (int i = 0; i < 8; i++)
                {
                    carry += (ulong)r[i] + _m[i];
                    r[i] = (uint)carry;
                    carry >>= 32;
                }
            }
        }

        /// <summary>r = a * b / R mod m (the Montgomery product; CIOS).</summary>
        public void Mul(uint[] a, uint[] b, uint[] r)
        {
            uint[] t = _t;
            for (int i = 0; i < 10; i++)
            {
                t[i] = 0;
            }

            for (int i = 0; i < 8; i++)
            {
                ulong c = 0;
                ulong bi = b[i];
                for (int j = 0; j < 8; j++)
                {
                    c = t[j] + (a[j] * bi) + c;
                    t[j] = (uint)c;
                    c >>= 32;
                }

                c += t[8];
                t[8] = (uint)c;
                t[9] = (uint)(c >> 32);

                ulong q = unchecked(t[0] * _mPrime);
                c = t[0] + (q * _m[0]);
                c >>= 32;
                for (int j = 1; j < 8; j++)
                {
                    c = t[j] + (q * _m[j]) + c;
                    t[j - 1] = (uint)c;
                    c >>= 32;
                }

                c += t[8];
                t[7] = (uint)c;
                t[8] = t[9] + (uint)(c >> 32);
            }

            for (int i = 0; i < 8; i++)
            {
                r[i] = t[i];
            }

            if (t[8] != 0 || Compare(r, _m) >= 0)
            {
                SubtractModulus(r);
            }
        }

        /// <summary>r = a in Montgomery form (a below m).</summary>
        public void ToMontgomery(uint[] a, uint[] r) => Mul(a, _r2, r);

        /// <summary>r = a out of Montgomery form.</summary>
        public void FromMontgomery(uint[] a, uint[] r) => Mul(a, _plainOne, r);

        /// <summary>r = 1 in Montgomery form.</summary>
        public void One(uint[] r) => System.Array.Copy(_one, r, 8);

        /// <summary>r = a^-1 (both in Montgomery form) by Fermat: a^(m-2); a must not be 0.</summary>
        public void Inverse(uint[] a, uint[] r)
        {
            uint[] acc = _acc;
            System.Array.Copy(_one, acc, 8);
            for (int bit = 255; bit >= 0; bit--)
            {
                Mul(acc, acc, acc);
                if (((_exponent[bit >> 5] >> (bit & 31)) & 1) != 0)
                {
                    Mul(acc, a, acc);
                }
            }

            System.Array.Copy(acc, r, 8);
        }

        /// <summary>-1, 0 or 1 as a is below, equal to or above b.</summary>
        public static int Compare(uint[] a, uint[] b)
        {
            for (int i = 7; i >= 0; i--)
            {
                if (a[i] != b[i])
                {
                    return a[i] < b[i] ? -1 : 1;
                }
            }

            return 0;
        }

        /// <summary>Whether every limb is 0.</summary>
        public static bool IsZero(uint[] a)
        {
            for (int i = 0; i < 8; i++)
            {
                if (a[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reads 32 big-endian bytes into limbs.</summary>
        public static void FromBytes(byte[] bytes, int offset, uint[] r)
        {
            for (int i = 0; i < 8; i++)
            {
                int at = offset + 28 - (4 * i);
                r[i] = ((uint)bytes[at] << 24) | ((uint)bytes[at + 1] << 16) | ((uint)bytes[at + 2] << 8) | bytes[at + 3];
            }
        }

        /// <summary>Limbs from 64 hex digits (big-endian), for constants.</summary>
        public static uint[] FromHex(string hex)
        {
            uint[] r = new uint[8];
            for (int i = 0; i < 64; i++)
            {
                char c = hex[i];
                uint v = c <= '9' ? (uint)(c - '0') : (uint)((c | 0x20) - 'a' + 10);
                int bit = (63 - i) * 4;
                r[bit >> 5] |= v << (bit & 31);
            }

            return r;
        }

        private void SubtractModulus(uint[] r)
        {
            long borrow = 0;
            for (int i = 0; i < 8; i++)
            {
                long d = (long)r[i] - _m[i] + borrow;
                r[i] = (uint)d;
                borrow = d >> 32;
            }
        }
    }
}
