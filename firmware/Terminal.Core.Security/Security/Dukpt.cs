using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>
    /// TDES DUKPT (ANSI X9.24-1:2009): the initial key from the BDK and KSN, and the transaction key for a
    /// KSN's counter by the non-reversible key generation process, plus the PIN-encryption variant. This
    /// derives keys directly from the initial key (the host's side); the terminal's side, which erases the
    /// initial key and keeps only future keys, is <see cref="DukptRegisters"/>.
    /// </summary>
    public sealed class Dukpt
    {
        /// <summary>Bytes in a key serial number.</summary>
        public const int KsnLength = 10;

        private readonly ICrypto _crypto;
        private readonly byte[] _key = new byte[16];
        private readonly byte[] _reg = new byte[8];
        private readonly byte[] _cr1 = new byte[8];
        private readonly byte[] _cr2 = new byte[8];
        private readonly byte[] _tmp = new byte[16];

        /// <summary>Uses the board's crypto for the DES steps.</summary>
        public Dukpt(ICrypto crypto) => _crypto = crypto;

        /// <summary>Initial PIN encryption key (IPEK) from a 16-byte BDK and a 10-byte KSN, into 16 bytes at <paramref name="destOffset"/>.</summary>
        public void InitialKey(byte[] bdk, int bdkOffset, byte[] ksn, int ksnOffset, byte[] dest, int destOffset)
        {
            // The leftmost 8 bytes of the KSN with the 21-bit counter cleared.
            System.Array.Copy(ksn, ksnOffset, _reg, 0, 8);
            _reg[7] &= 0xE0;
            _crypto.DesBlock(true, bdk, bdkOffset, 16, _reg, 0, _cr1, 0);
            System.Array.Copy(bdk, bdkOffset, _tmp, 0, 16);
            XorMask(_tmp);
            _crypto.DesBlock(true, _tmp, 0, 16, _reg, 0, _cr2, 0);
            System.Array.Copy(_cr1, 0, dest, destOffset, 8);
            System.Array.Copy(_cr2, 0, dest, destOffset + 8, 8);
            WipeAll();
        }

        /// <summary>The transaction key for the KSN's counter, from the initial key, into 16 bytes at <paramref name="destOffset"/>.</summary>
        public void TransactionKey(byte[] ipek, int ipekOffset, byte[] ksn, int ksnOffset, byte[] dest, int destOffset)
        {
            System.Array.Copy(ipek, ipekOffset, _key, 0, 16);

            // The rightmost 8 bytes of the KSN with the counter cleared; counter bits are set one by one.
            System.Array.Copy(ksn, ksnOffset + 2, _reg, 0, 8);
            int counter = ((ksn[ksnOffset + 7] & 0x1F) << 16) | (ksn[ksnOffset + 8] << 8) | ksn[ksnOffset + 9];
            _reg[5] &= 0xE0;
            _reg[6] = 0;
            _reg[7] = 0;
            for (int bit = 1 << 20; bit != 0; bit >>= 1)
            {
                if ((counter & bit) == 0)
                {
                    continue;
                }

                _reg[5] |= (byte)(bit >> 16);
                _reg[6] |= (byte)(bit >> 8);
                _reg[7] |= (byte)bit;
                NonReversibleKeyGeneration();
            }

            System.Array.Copy(_key, 0, dest, destOffset, 16);
            WipeAll();
        }

        /// <summary>
        /// One step of the non-reversible key generation process: the key derived from the 16-byte
        /// <paramref name="key"/> with the 8-byte crypto register 1 <paramref name="register"/> (KSN right 8 bytes
        /// with one more counter bit set), into 16 bytes at <paramref name="destOffset"/>.
        /// </summary>
        public void Derive(byte[] key, int keyOffset, byte[] register, int registerOffset, byte[] dest, int destOffset)
        {
            System.Array.Copy(key, keyOffset, _key, 0, 16);
            System.Array.Copy(register, registerOffset, _reg, 0, 8);
            NonReversibleKeyGeneration();
            System.Array.Copy(_key, 0, dest, destOffset, 16);
            WipeAll();
        }

        /// <summary>Turns a transaction key into its PIN-encryption variant in place (XOR 00..FF 00..FF).</summary>
        public static void PinVariant(byte[] key, int offset)
        {
            key[offset + 7] ^= 0xFF;
            key[offset + 15] ^= 0xFF;
        }

        // X9.24 non-reversible key generation: new key = (left, right) from the key register and crypto register 1.
        private void NonReversibleKeyGeneration()
        {
            Half(_key, _cr2);
            XorMask(_key);
            Half(_key, _cr1);
            System.Array.Copy(_cr1, 0, _key, 0, 8);
            System.Array.Copy(_cr2, 0, _key, 8, 8);
        }

        // out = DES_left(reg XOR right) XOR right, with left/right the halves of the key register.
        private void Half(byte[] keyRegister, byte[] output)
        {
            for (int i = 0; i < 8; i++)
            {
                _tmp[i] = (byte)(_reg[i] ^ keyRegister[8 + i]);
            }

            _crypto.DesBlock(true, keyRegister, 0, 8, _tmp, 0, output, 0);
            for (int i = 0; i < 8; i++)
            {
                output[i] ^= keyRegister[8 + i];
            }
        }

        private static void XorMask(byte[] key16)
        {
            key16[0] ^= 0xC0;
            key16[1] ^= 0xC0;
            key16[2] ^= 0xC0;
            key16[3] ^= 0xC0;
            key16[8] ^= 0xC0;
            key16[9] ^= 0xC0;
            key16[10] ^= 0xC0;
            key16[11] ^= 0xC0;
        }

        private void WipeAll()
        {
            Wipe.Bytes(_key, 0, 16);
            Wipe.Bytes(_cr1, 0, 8);
            Wipe.Bytes(_cr2, 0, 8);
            Wipe.Bytes(_tmp, 0, 16);
            Wipe.Bytes(_reg, 0, 8);
        }
    }
}
