using Terminal.Hal;

namespace Terminal.Drivers.Crypto
{
    /// <summary>
    /// The crypto bus from the portable <see cref="SoftwareDes"/> and <see cref="SoftwareSha256"/>: the ESP32
    /// board's crypto (nanoFramework exposes no DES) and the portable test cases' (so they run the same code
    /// on the PC and a device). ECDSA P-256 verification is the portable <see cref="P256Verifier"/>. AES is not offered yet: it says so loudly.
    /// </summary>
    public sealed class SoftwareCrypto : ICrypto
    {
        private readonly SoftwareDes _des = new SoftwareDes();
        private readonly SoftwareSha256 _sha = new SoftwareSha256();
        private readonly SoftwareSha256 _stream = new SoftwareSha256(); // the piecewise digest, apart from one-shot calls
        private P256Verifier? _p256;

        /// <inheritdoc />
        public void DesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset) =>
            _des.Block(encrypt, key, keyOffset, keyLength, input, inputOffset, output, outputOffset);

        /// <inheritdoc />
        public void AesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset) =>
            throw new System.NotSupportedException("AES is not available in the software crypto yet");

        /// <inheritdoc />
        public void Sha256(byte[] data, int offset, int count, byte[] digest, int digestOffset) =>
            _sha.Hash(data, offset, count, digest, digestOffset);

        /// <inheritdoc />
        public void Sha256Start() => _stream.Start();

        /// <inheritdoc />
        public void Sha256Update(byte[] data, int offset, int count) => _stream.Update(data, offset, count);

        /// <inheritdoc />
        public void Sha256Finish(byte[] digest, int digestOffset) => _stream.Finish(digest, digestOffset);

        /// <inheritdoc />
        public bool VerifySignature(SignatureScheme scheme, byte[] publicKey, byte[] digest, byte[] signature)
        {
            if (scheme != SignatureScheme.EcdsaP256Sha256)
            {
                return false;
            }

            if (_p256 == null)
            {
                _p256 = new P256Verifier(); // built on first use: its constants cost a few ms on a microcontroller
            }

            return _p256.Verify(publicKey, digest, signature);
        }
    }
}
