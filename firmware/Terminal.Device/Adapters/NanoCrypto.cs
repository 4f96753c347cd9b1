using System;
using Terminal.Drivers.Crypto;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// The crypto bus on the ESP32: DES/TDES and SHA-256 in portable software (nanoFramework exposes no DES,
    /// and the MAC and PIN blocks need it). AES and signature verification are not offered by this adapter
    /// yet: they say so loudly rather than pretend.
    /// </summary>
    public sealed class NanoCrypto : Hal.ICrypto
    {
        private readonly SoftwareDes _des = new SoftwareDes();
        private readonly SoftwareSha256 _sha = new SoftwareSha256();

        /// <inheritdoc />
        public void DesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset) =>
            _des.Block(encrypt, key, keyOffset, keyLength, input, inputOffset, output, outputOffset);

        /// <inheritdoc />
        public void AesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset) =>
            throw new NotSupportedException("AES is not available on this board's crypto adapter yet");

        /// <inheritdoc />
        public void Sha256(byte[] data, int offset, int count, byte[] digest, int digestOffset) =>
            _sha.Hash(data, offset, count, digest, digestOffset);

        /// <inheritdoc />
        public bool VerifySignature(Hal.SignatureScheme scheme, byte[] publicKey, byte[] digest, byte[] signature) =>
            throw new NotSupportedException("signature verification is not available on this board's crypto adapter yet");
    }
}
