using System.Security.Cryptography;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Crypto;

/// <summary>The crypto bus of the simulated board, on System.Security.Cryptography.</summary>
public sealed class HostCrypto : ICrypto
{
    /// <inheritdoc />
    public void DesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset)
    {
        using SymmetricAlgorithm alg = keyLength switch
        {
            8 => DES.Create(),
            16 or 24 => TripleDES.Create(),
            _ => throw new ArgumentException("DES key must be 8, 16 or 24 bytes", nameof(keyLength)),
        };
        // OpenSSL refuses a 16-byte TDES key in one-shot ECB; K1 K2 K1 as 24 bytes is the same cipher.
        alg.Key = keyLength == 16
            ? [.. key.AsSpan(keyOffset, 16), .. key.AsSpan(keyOffset, 8)]
            : key.AsSpan(keyOffset, keyLength).ToArray();
        var src = input.AsSpan(inputOffset, 8);
        var dst = output.AsSpan(outputOffset, 8);
        if (encrypt)
        {
            alg.EncryptEcb(src, dst, PaddingMode.None);
        }
        else
        {
            alg.DecryptEcb(src, dst, PaddingMode.None);
        }
    }

    /// <inheritdoc />
    public void AesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset)
    {
        using var aes = Aes.Create();
        aes.Key = key.AsSpan(keyOffset, keyLength).ToArray();
        if (encrypt)
        {
            aes.EncryptEcb(input.AsSpan(inputOffset, 16), output.AsSpan(outputOffset, 16), PaddingMode.None);
        }
        else
        {
            aes.DecryptEcb(input.AsSpan(inputOffset, 16), output.AsSpan(outputOffset, 16), PaddingMode.None);
        }
    }

    /// <inheritdoc />
    public void Sha256(byte[] data, int offset, int count, byte[] digest, int digestOffset) =>
        SHA256.HashData(data.AsSpan(offset, count), digest.AsSpan(digestOffset, 32));

    /// <inheritdoc />
    public bool VerifySignature(SignatureScheme scheme, byte[] publicKey, byte[] digest, byte[] signature)
    {
        if (scheme != SignatureScheme.EcdsaP256Sha256 || publicKey.Length != 64 || signature.Length != 64 || digest.Length != 32)
        {
            return false;
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[..32], Y = publicKey[32..] },
        };
        try
        {
            using var ecdsa = ECDsa.Create(parameters);
            return ecdsa.VerifyHash(digest, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
