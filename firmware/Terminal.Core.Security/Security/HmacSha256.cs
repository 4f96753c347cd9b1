using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104, FIPS 198-1) over the crypto bus's one-shot SHA-256: H((K ^ opad) || H((K ^ ipad) || m)).
    /// A key longer than the 64-byte block is hashed first. One work buffer, grown to the longest message seen, so
    /// signing the same kind of message again allocates nothing; the key's pads are wiped after every use.
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>SHA-256's block size in bytes.</summary>
        public const int BlockSize = 64;

        /// <summary>The MAC's length in bytes.</summary>
        public const int Length = 32;

        private readonly ICrypto _crypto;
        private readonly byte[] _key = new byte[BlockSize];
        private byte[] _work = new byte[BlockSize + 256];

        /// <summary>HMAC on <paramref name="crypto"/>.</summary>
        public HmacSha256(ICrypto crypto) => _crypto = crypto;

        /// <summary>
        /// The MAC of <paramref name="message"/>[offset..offset+count) under <paramref name="key"/>[keyOffset..+keyLength),
        /// 32 bytes into <paramref name="mac"/> at <paramref name="macOffset"/>.
        /// </summary>
        public void Compute(byte[] key, int keyOffset, int keyLength, byte[] message, int offset, int count, byte[] mac, int macOffset)
        {
            if (_work.Length < BlockSize + (count > Length ? count : Length))
            {
                _work = new byte[BlockSize + count];
            }

            for (int i = 0; i < BlockSize; i++)
            {
                _key[i] = 0;
            }

            if (keyLength > BlockSize)
            {
                _crypto.Sha256(key, keyOffset, keyLength, _key, 0);
            }
            else
            {
                for (int i = 0; i < keyLength; i++)
                {
                    _key[i] = key[keyOffset + i];
                }
            }

            // Inner: H((K ^ ipad) || m).
            for (int i = 0; i < BlockSize; i++)
            {
                _work[i] = (byte)(_key[i] ^ 0x36);
            }

            for (int i = 0; i < count; i++)
            {
                _work[BlockSize + i] = message[offset + i];
            }

            _crypto.Sha256(_work, 0, BlockSize + count, mac, macOffset);

            // Outer: H((K ^ opad) || inner).
            for (int i = 0; i < BlockSize; i++)
            {
                _work[i] = (byte)(_key[i] ^ 0x5C);
            }

            for (int i = 0; i < Length; i++)
            {
                _work[BlockSize + i] = mac[macOffset + i];
            }

            _crypto.Sha256(_work, 0, BlockSize + Length, mac, macOffset);
            for (int i = 0; i < _work.Length; i++)
            {
                _work[i] = 0;
            }

            for (int i = 0; i < BlockSize; i++)
            {
                _key[i] = 0;
            }
        }
    }
}
