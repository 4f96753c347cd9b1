using Terminal.Hal;

namespace Terminal.Core.Messages.Mac
{
    /// <summary>
    /// The CUP POS "ECB" MAC (FACTS.md): XOR the MAC input (MTI up to F64) in 8-byte blocks, zero-padding the
    /// last; expand the 8-byte result to 16 uppercase hex characters; encrypt the first 8 with the MAK; XOR
    /// with the last 8; encrypt again; expand to hex; the first 8 characters (ASCII) are F64. An 8-byte MAK
    /// is single DES; a 16- or 24-byte MAK is TDES (as the crypto bus does). Allocation-free: owns its
    /// working blocks, so one instance per loop thread.
    /// </summary>
    public sealed class CupMac
    {
        /// <summary>Bytes of MAC in F64.</summary>
        public const int Length = 8;

        private readonly ICrypto _crypto;
        private readonly byte[] _block = new byte[8];
        private readonly byte[] _hex = new byte[16];
        private readonly byte[] _work = new byte[8];
        private readonly byte[] _mac = new byte[8];

        /// <summary>Creates a MAC calculator over the crypto bus.</summary>
        public CupMac(ICrypto crypto)
        {
            _crypto = crypto;
        }

        /// <summary>The XOR of the input's 8-byte blocks (the intermediate value of the worked example).</summary>
        public void XorBlocks(byte[] data, int offset, int count, byte[] result, int resultOffset)
        {
            for (int i = 0; i < 8; i++)
            {
                result[resultOffset + i] = 0;
            }

            for (int i = 0; i < count; i++)
            {
                result[resultOffset + (i & 7)] ^= data[offset + i];
            }
        }

        /// <summary>Computes the 8 ASCII MAC bytes over <paramref name="count"/> bytes of MAC input into <paramref name="mac"/>.</summary>
        public void Compute(byte[] mak, int makOffset, int makLength, byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            XorBlocks(data, offset, count, _block, 0);
            ToHex(_block, _hex);
            _crypto.DesBlock(true, mak, makOffset, makLength, _hex, 0, _work, 0);
            for (int i = 0; i < 8; i++)
            {
                _work[i] ^= _hex[8 + i];
            }

            _crypto.DesBlock(true, mak, makOffset, makLength, _work, 0, _block, 0);
            ToHex(_block, _hex);
            System.Array.Copy(_hex, 0, mac, macOffset, Length);
        }

        /// <summary>
        /// Fills F64 of a packed message whose last 8 bytes are F64: MAC input from <paramref name="macInputOffset"/>
        /// (the MTI) to the end less 8 bytes. Returns false when the message is too short.
        /// </summary>
        public bool Sign(byte[] mak, int makOffset, int makLength, byte[] message, int macInputOffset, int messageEnd)
        {
            int count = messageEnd - Length - macInputOffset;
            if (count < 0)
            {
                return false;
            }

            Compute(mak, makOffset, makLength, message, macInputOffset, count, message, messageEnd - Length);
            return true;
        }

        /// <summary>
        /// Whether <paramref name="received"/> (8 bytes) is the MAC of the input; compares in constant time so
        /// the time taken does not tell an attacker how many leading bytes matched.
        /// </summary>
        public bool Verify(byte[] mak, int makOffset, int makLength, byte[] data, int offset, int count, byte[] received, int receivedOffset)
        {
            if (count < 0 || receivedOffset < 0 || received.Length - receivedOffset < Length)
            {
                return false;
            }

            Compute(mak, makOffset, makLength, data, offset, count, _mac, 0);
            int diff = 0;
            for (int i = 0; i < Length; i++)
            {
                diff |= _mac[i] ^ received[receivedOffset + i];
            }

            return diff == 0;
        }

        private static void ToHex(byte[] block, byte[] hex)
        {
            for (int i = 0; i < 8; i++)
            {
                hex[2 * i] = (byte)Util.HexText.Digit(block[i] >> 4);
                hex[(2 * i) + 1] = (byte)Util.HexText.Digit(block[i] & 0x0F);
            }
        }
    }
}
