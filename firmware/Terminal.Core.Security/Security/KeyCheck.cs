using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>Key check values: the first bytes of the key encrypting eight zero bytes (UnionPay uses 4).</summary>
    public sealed class KeyCheck
    {
        private readonly ICrypto _crypto;
        private readonly byte[] _zero = new byte[8];
        private readonly byte[] _out = new byte[8];

        /// <summary>Uses the board's crypto.</summary>
        public KeyCheck(ICrypto crypto) => _crypto = crypto;

        /// <summary>Writes the 4-byte check value of a DES/TDES key at <paramref name="destOffset"/>.</summary>
        public void Compute(byte[] key, int keyOffset, int keyLength, byte[] dest, int destOffset)
        {
            _crypto.DesBlock(true, key, keyOffset, keyLength, _zero, 0, _out, 0);
            System.Array.Copy(_out, 0, dest, destOffset, 4);
            Wipe.Bytes(_out, 0, 8);
        }

        /// <summary>Whether <paramref name="expected"/> (4 bytes) is the key's check value; constant-time compare.</summary>
        public bool Verify(byte[] key, int keyOffset, int keyLength, byte[] expected, int expectedOffset)
        {
            _crypto.DesBlock(true, key, keyOffset, keyLength, _zero, 0, _out, 0);
            int diff = 0;
            for (int i = 0; i < 4; i++)
            {
                diff |= _out[i] ^ expected[expectedOffset + i];
            }

            Wipe.Bytes(_out, 0, 8);
            return diff == 0;
        }
    }

    /// <summary>Overwrites secrets in place once they are no longer needed.</summary>
    public static class Wipe
    {
        /// <summary>Zeroes a range.</summary>
        public static void Bytes(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = 0;
            }
        }
    }
}
