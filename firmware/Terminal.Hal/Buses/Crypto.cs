namespace Terminal.Hal
{
    /// <summary>Signature schemes the crypto bus can verify.</summary>
    public enum SignatureScheme
    {
        /// <summary>ECDSA over P-256 with SHA-256, signature as r||s (64 bytes), key as X||Y (64 bytes).</summary>
        EcdsaP256Sha256 = 1,
    }

    /// <summary>
    /// Block-level crypto primitives, backed by the chip's accelerator (or mbedTLS) on the device and
    /// by System.Security.Cryptography on the PC. One block per call, caller-owned buffers, no allocation.
    /// </summary>
    public interface ICrypto
    {
        /// <summary>DES (8-byte key) or two/three-key TDES (16 or 24 bytes) on one 8-byte block in ECB.</summary>
        void DesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset);

        /// <summary>AES-128/192/256 on one 16-byte block in ECB.</summary>
        void AesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset);

        /// <summary>SHA-256 of the range into 32 bytes at <paramref name="digestOffset"/>.</summary>
        void Sha256(byte[] data, int offset, int count, byte[] digest, int digestOffset);

        /// <summary>
        /// Starts a SHA-256 fed piece by piece (<see cref="Sha256Update"/>, <see cref="Sha256Finish"/>), for input
        /// too large for RAM such as a firmware image read from flash. One such digest at a time per crypto bus;
        /// the one-shot <see cref="Sha256"/> may be used meanwhile.
        /// </summary>
        void Sha256Start();

        /// <summary>Adds a range to the digest in progress.</summary>
        void Sha256Update(byte[] data, int offset, int count);

        /// <summary>Ends the digest in progress: 32 bytes at <paramref name="digestOffset"/>.</summary>
        void Sha256Finish(byte[] digest, int digestOffset);

        /// <summary>Verifies <paramref name="signature"/> over a SHA-256 <paramref name="digest"/> with <paramref name="publicKey"/>.</summary>
        bool VerifySignature(SignatureScheme scheme, byte[] publicKey, byte[] digest, byte[] signature);
    }

    /// <summary>A source of random bytes: a hardware RNG on the device, a seeded generator in the simulator.</summary>
    public interface IRandomSource
    {
        /// <summary>Fills the range with random bytes.</summary>
        void NextBytes(byte[] buffer, int offset, int count);

        /// <summary>A value in [0, maxExclusive).</summary>
        int Next(int maxExclusive);
    }
}
