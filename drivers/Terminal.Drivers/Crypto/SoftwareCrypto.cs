using Terminal.Drivers.Crypto;
using Terminal.Hal;

namespace Terminal.PortableTests.Doubles
{
    /// <summary>
    /// ICrypto from the portable software DES and SHA-256 of Drivers, so the MAC, DUKPT and key-check cases
    /// run the same code on the PC and on a device. AES and signatures are not needed by these cases.
    /// </summary>
    public sealed class SoftwareCrypto : ICrypto
    {
        private readonly SoftwareDes _des = new SoftwareDes();
        private readonly SoftwareSha256 _sha = new SoftwareSha256();

        /// <inheritdoc />
        public void DesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset) =>
            _des.Block(encrypt, key, keyOffset, keyLength, input, inputOffset, output, outputOffset);

        /// <inheritdoc />
        public void AesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset) =>
            throw new System.NotSupportedException("the portable cases use no AES");

        /// <inheritdoc />
        public void Sha256(byte[] data, int offset, int count, byte[] digest, int digestOffset) =>
            _sha.Hash(data, offset, count, digest, digestOffset);

        /// <inheritdoc />
        public bool VerifySignature(SignatureScheme scheme, byte[] publicKey, byte[] digest, byte[] signature) =>
            throw new System.NotSupportedException("the portable cases verify no signatures");
    }
}
