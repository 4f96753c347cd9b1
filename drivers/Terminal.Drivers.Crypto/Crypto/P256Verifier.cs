namespace Terminal.Drivers.Crypto
{
    /// <summary>
    /// ECDSA signature verification over NIST P-256 (FIPS 186-4) in portable integer code: Montgomery arithmetic on
    /// 8 x 32-bit limbs, Jacobian coordinates (a = -3 doubling), and Shamir's trick for u1*G + u2*Q. For verifying
    /// public data (firmware signatures), so it is not constant-time. Working buffers are allocated once.
    /// </summary>
    public sealed class P256Verifier
    {
        private static readonly uint[] P = MontgomeryField.FromHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        private static readonly uint[] N = MontgomeryField.FromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        private static readonly uint[] B = MontgomeryField.FromHex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
        private static readonly uint[] Gx = MontgomeryField.FromHex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
        private static readonly uint[] Gy = MontgomeryField.FromHex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");

        private readonly MontgomeryField _p = new MontgomeryField(P);
        private readonly MontgomeryField _n = new MontgomeryField(N);
        private readonly uint[] _b = new uint[8];
        private readonly uint[][] _t = new uint[12][];
        private readonly uint[] _r = new uint[8];
        private readonly uint[] _s = new uint[8];
        private readonly uint[] _e = new uint[8];
        private readonly uint[] _u1 = new uint[8];
        private readonly uint[] _u2 = new uint[8];
        private readonly uint[] _w = new uint[8];
        private readonly uint[] _x = new uint[8];
        private readonly JacobianPoint _g = new JacobianPoint();
        private readonly JacobianPoint _q = new JacobianPoint();
        private readonly JacobianPoint _gq = new JacobianPoint();
        private readonly JacobianPoint _acc = new JacobianPoint();

        /// <summary>Sets up the curve constants.</summary>
        public P256Verifier()
        {
            for (int i = 0; i < _t.Length; i++)
            {
                _t[i] = new uint[8];
            }

            _p.ToMontgomery(B, _b);
            _p.ToMontgomery(Gx, _g.X);
            _p.ToMontgomery(Gy, _g.Y);
            _p.One(_g.Z);
        }

        /// <summary>
        /// Whether <paramref name="signature"/> (r||s, 64 bytes) is valid over the 32-byte <paramref name="digest"/> for the
        /// public key <paramref name="publicKey"/> (X||Y, 64 bytes, a point on the curve).
        /// </summary>
        public bool Verify(byte[] publicKey, byte[] digest, byte[] signature)
        {
            if (publicKey == null || digest == null || signature == null || publicKey.Length != 64 || digest.Length != 32 || signature.Length != 64)
            {
                return false;
            }

            MontgomeryField.FromBytes(signature, 0, _r);
            MontgomeryField.FromBytes(signature, 32, _s);
            if (MontgomeryField.IsZero(_r) || MontgomeryField.IsZero(_s) || MontgomeryField.Compare(_r, N) >= 0 || MontgomeryField.Compare(_s, N) >= 0)
            {
                return false;
            }

            if (!LoadPublicKey(publicKey))
            {
                return false;
            }

            // e = digest mod n (a 256-bit digest is below 2n, so one subtraction at most).
            MontgomeryField.FromBytes(digest, 0, _e);
            if (MontgomeryField.Compare(_e, N) >= 0)
            {
                _n.Sub(_e, N, _e);
            }

            // w = s^-1, u1 = e*w, u2 = r*w (mod n).
            _n.ToMontgomery(_s, _w);
            _n.Inverse(_w, _w);
            _n.ToMontgomery(_e, _u1);
            _n.Mul(_u1, _w, _u1);
            _n.FromMontgomery(_u1, _u1);
            _n.ToMontgomery(_r, _u2);
            _n.Mul(_u2, _w, _u2);
            _n.FromMontgomery(_u2, _u2);

            // u1*G + u2*Q, both scalars' bits at once.
            Add(_g, _q, _gq);
            _acc.SetInfinity();
            for (int bit = 255; bit >= 0; bit--)
            {
                Double(_acc, _acc);
                uint b1 = (_u1[bit >> 5] >> (bit & 31)) & 1;
                uint b2 = (_u2[bit >> 5] >> (bit & 31)) & 1;
                if (b1 != 0 && b2 != 0)
                {
                    Add(_acc, _gq, _acc);
                }
                else if (b1 != 0)
                {
                    Add(_acc, _g, _acc);
                }
                else if (b2 != 0)
                {
                    Add(_acc, _q, _acc);
                }
            }

            if (_acc.IsInfinity)
            {
                return false;
            }

            // Affine x = X / Z^2, then x mod n must equal r.
            uint[] zInverse = _t[0];
            _p.Inverse(_acc.Z, zInverse);
            _p.Mul(zInverse, zInverse, zInverse);
            _p.Mul(_acc.X, zInverse, _x);
            _p.FromMontgomery(_x, _x);
            if (MontgomeryField.Compare(_x, N) >= 0)
            {
                _n.Sub(_x, N, _x);
            }

            return MontgomeryField.Compare(_x, _r) == 0;
        }

        // Q from X||Y: both coordinates below p and y^2 = x^3 - 3x + b.
        private bool LoadPublicKey(byte[] key)
        {
            uint[] x = _t[0];
            uint[] y = _t[1];
            MontgomeryField.FromBytes(key, 0, x);
            MontgomeryField.FromBytes(key, 32, y);
            if (MontgomeryField.Compare(x, P) >= 0 || MontgomeryField.Compare(y, P) >= 0)
            {
                return false;
            }

            _p.ToMontgomery(x, _q.X);
            _p.ToMontgomery(y, _q.Y);
            _p.One(_q.Z);
            uint[] lhs = _t[2];
            uint[] rhs = _t[3];
            uint[] t = _t[4];
            _p.Mul(_q.Y, _q.Y, lhs);
            _p.Mul(_q.X, _q.X, rhs);
            _p.Mul(rhs, _q.X, rhs);
            _p.Add(_q.X, _q.X, t);
            _p.Add(t, _q.X, t);
            _p.Sub(rhs, t, rhs);
            _p.Add(rhs, _b, rhs);
            return MontgomeryField.Compare(lhs, rhs) == 0;
        }

        // r = 2a (dbl-2001-b, a = -3); r may be a.
        private void Double(JacobianPoint a, JacobianPoint r)
        {
            if (a.IsInfinity)
            {
                r.SetInfinity();
                return;
            }

            uint[] delta = _t[1], gamma = _t[2], beta = _t[3], alpha = _t[4], t5 = _t[5], t6 = _t[6], t7 = _t[7], t8 = _t[8];
            _p.Mul(a.Z, a.Z, delta);
            _p.Mul(a.Y, a.Y, gamma);
            _p.Mul(a.X, gamma, beta);
            _p.Sub(a.X, delta, alpha);
            _p.Add(a.X, delta, t5);
            _p.Mul(alpha, t5, alpha);
            _p.Add(alpha, alpha, t5);
            _p.Add(t5, alpha, alpha); // 3(X - delta)(X + delta)
            _p.Mul(alpha, alpha, t5);
            _p.Add(beta, beta, t6);
            _p.Add(t6, t6, t6); // 4 beta
            _p.Add(t6, t6, t7); // 8 beta
            _p.Sub(t5, t7, t5); // X3
            _p.Add(a.Y, a.Z, t7);
            _p.Mul(t7, t7, t7);
            _p.Sub(t7, gamma, t7);
            _p.Sub(t7, delta, t7); // Z3
            _p.Sub(t6, t5, t6);
            _p.Mul(alpha, t6, t6);
            _p.Mul(gamma, gamma, t8);
            _p.Add(t8, t8, t8);
            _p.Add(t8, t8, t8);
            _p.Add(t8, t8, t8); // 8 gamma^2
            _p.Sub(t6, t8, t6); // Y3
            System.Array.Copy(t5, r.X, 8);
            System.Array.Copy(t6, r.Y, 8);
            System.Array.Copy(t7, r.Z, 8);
        }

        // r = a + b (add-2007-bl); r may be a or b.
        private void Add(JacobianPoint a, JacobianPoint b, JacobianPoint r)
        {
            if (a.IsInfinity)
            {
                r.CopyFrom(b);
                return;
            }

            if (b.IsInfinity)
            {
                r.CopyFrom(a);
                return;
            }

            uint[] z1z1 = _t[1], z2z2 = _t[2], u1 = _t[3], u2 = _t[4], s1 = _t[5], s2 = _t[6], h = _t[7], rr = _t[8], i = _t[9], j = _t[10], v = _t[11];
            _p.Mul(a.Z, a.Z, z1z1);
            _p.Mul(b.Z, b.Z, z2z2);
            _p.Mul(a.X, z2z2, u1);
            _p.Mul(b.X, z1z1, u2);
            _p.Mul(a.Y, b.Z, s1);
            _p.Mul(s1, z2z2, s1);
            _p.Mul(b.Y, a.Z, s2);
            _p.Mul(s2, z1z1, s2);
            _p.Sub(u2, u1, h);
            _p.Sub(s2, s1, rr);
            if (MontgomeryField.IsZero(h))
            {
                if (MontgomeryField.IsZero(rr))
                {
                    Double(a, r); // the same point
                }
                else
                {
                    r.SetInfinity(); // opposite points
                }

                return;
            }

            _p.Add(rr, rr, rr);
            _p.Add(h, h, i);
            _p.Mul(i, i, i);
            _p.Mul(h, i, j);
            _p.Mul(u1, i, v);

            // Z3 first (it needs a.Z and b.Z, which r may overwrite).
            uint[] z3 = u2;
            _p.Add(a.Z, b.Z, z3);
            _p.Mul(z3, z3, z3);
            _p.Sub(z3, z1z1, z3);
            _p.Sub(z3, z2z2, z3);
            _p.Mul(z3, h, z3);

            uint[] x3 = z1z1;
            _p.Mul(rr, rr, x3);
            _p.Sub(x3, j, x3);
            _p.Sub(x3, v, x3);
            _p.Sub(x3, v, x3);

            uint[] y3 = z2z2;
            _p.Sub(v, x3, y3);
            _p.Mul(rr, y3, y3);
            _p.Mul(s1, j, s1);
            _p.Add(s1, s1, s1);
            _p.Sub(y3, s1, y3);

            System.Array.Copy(x3, r.X, 8);
            System.Array.Copy(y3, r.Y, 8);
            System.Array.Copy(z3, r.Z, 8);
        }

        /// <summary>A point in Jacobian coordinates (Montgomery form); Z = 0 is the point at infinity.</summary>
        private sealed class JacobianPoint
        {
            public readonly uint[] X = new uint[8];
            public readonly uint[] Y = new uint[8];
            public readonly uint[] Z = new uint[8];

            public bool IsInfinity => MontgomeryField.IsZero(Z);

            public void SetInfinity()
            {
                for (int i = 0; i < 8; i++)
                {
                    X[i] = 0;
                    Y[i] = 0;
                    Z[i] = 0;
                }

                X[0] = 1;
                Y[0] = 1;
            }

            public void CopyFrom(JacobianPoint other)
            {
                System.Array.Copy(other.X, X, 8);
                System.Array.Copy(other.Y, Y, 8);
                System.Array.Copy(other.Z, Z, 8);
            }
        }
    }
}
