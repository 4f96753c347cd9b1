using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Update
{
    /// <summary>
    /// A key store holding the update-signing public key and nothing else, for the boot loader (which never sees the
    /// terminal's secret keys) and the update installer. An empty or malformed key makes every image fail verification.
    /// </summary>
    public sealed class TrustedKey : IKeyStore
    {
        private readonly byte[] _publicKey;

        /// <summary>Holds <paramref name="publicKey"/> (64 bytes, X||Y).</summary>
        public TrustedKey(byte[] publicKey)
        {
            _publicKey = publicKey;
        }

        /// <summary>A key from its hex text (128 hex digits); empty when the text is not that.</summary>
        public static byte[] FromHex(byte[] hex)
        {
            if (hex.Length % 2 != 0)
            {
                return new byte[0];
            }

            byte[] key = new byte[hex.Length / 2];
            for (int i = 0; i < key.Length; i++)
            {
                int hi = HexText.Value(hex[2 * i]);
                int lo = HexText.Value(hex[(2 * i) + 1]);
                if (hi < 0 || lo < 0)
                {
                    return new byte[0];
                }

                key[i] = (byte)((hi << 4) | lo);
            }

            return key;
        }

        /// <inheritdoc />
        public int Load(int slot, byte[] dest, int offset)
        {
            if (slot != KeySlot.UpdateSigningKey || _publicKey.Length == 0)
            {
                return -1;
            }

            System.Array.Copy(_publicKey, 0, dest, offset, _publicKey.Length);
            return _publicKey.Length;
        }

        /// <inheritdoc />
        public void Store(int slot, byte[] key, int offset, int length) => throw new System.NotSupportedException("the boot loader's key is fixed at the factory");

        /// <inheritdoc />
        public void Erase(int slot) => throw new System.NotSupportedException("the boot loader's key is fixed at the factory");
    }
}
