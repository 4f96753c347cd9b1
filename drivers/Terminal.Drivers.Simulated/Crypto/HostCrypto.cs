using System.Security.Cryptography;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Crypto;

/// <summary>The crypto bus of the simulated board, on System.Security.Cryptography.</summary>
public sealed class HostCrypto : ICrypto
{
    // Up to this many bytes a one-shot digest is computed in managed code, by the firmware's own portable
    // SHA-256: the board answers many digests of a few dozen bytes (the password hash iterates a thousand),
    // for which OpenSSL's per-call cost (context, error queue, locks) was several times the work itself.
    // Longer ones (an update image) go to OpenSSL. One instance per thread: the host shares this object.
    private const int ShortMessage = 1024;

    [ThreadStatic]
    private static Terminal.Drivers.Crypto.SoftwareSha256? t_sha256;

    private IncrementalHash? _stream;

    // The last DES/TDES key and its cipher object: a MAC or PIN block is many blocks under one key, and
    // creating and keying the object cost more than encrypting the block. Under a lock: the host shares
    // one instance between its threads.
    private readonly Lock _desGate = new();
    private SymmetricAlgorithm? _des;
    private byte[] _desKey = [];
    private Terminal.Drivers.Crypto.SoftwareDes? _software;

    /// <inheritdoc />
    public void DesBlock(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] input, int inputOffset, byte[] output, int outputOffset)
    {
        lock (_desGate)
        {
            if (IsRefusedByDotNet(key.AsSpan(keyOffset, keyLength)))
            {
                // A weak DES key, or a TDES key whose parts repeat: the device's DES computes with it (as
                // single DES when the parts repeat) and so must the board; .NET refuses such keys.
                (_software ??= new Terminal.Drivers.Crypto.SoftwareDes()).Block(encrypt, key, keyOffset, keyLength, input, inputOffset, output, outputOffset);
                return;
            }

            SymmetricAlgorithm alg = DesFor(key.AsSpan(keyOffset, keyLength));
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
    public void Sha256(byte[] data, int offset, int count, byte[] digest, int digestOffset)
    {
        if (count <= ShortMessage)
        {
            (t_sha256 ??= new Terminal.Drivers.Crypto.SoftwareSha256()).Hash(data, offset, count, digest, digestOffset);
            return;
        }

        SHA256.HashData(data.AsSpan(offset, count), digest.AsSpan(digestOffset, 32));
    }

    /// <inheritdoc />
    public void Sha256Start()
    {
        _stream?.Dispose();
        _stream = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <inheritdoc />
    public void Sha256Update(byte[] data, int offset, int count) =>
        (_stream ?? throw new InvalidOperationException("Sha256Start first")).AppendData(data, offset, count);

    /// <inheritdoc />
    public void Sha256Finish(byte[] digest, int digestOffset)
    {
        IncrementalHash stream = _stream ?? throw new InvalidOperationException("Sha256Start first");
        stream.GetHashAndReset(digest.AsSpan(digestOffset, 32));
        stream.Dispose();
        _stream = null;
    }

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

    private static bool IsRefusedByDotNet(ReadOnlySpan<byte> key)
    {
        if (key.Length == 8)
        {
            return DES.IsWeakKey(key.ToArray()) || DES.IsSemiWeakKey(key.ToArray());
        }

        if (key.Length is 16 or 24)
        {
            return TripleDES.IsWeakKey(ExpandTdesKey(key)); // parts that repeat (parity bits ignored)
        }

        return false;
    }

    private SymmetricAlgorithm DesFor(ReadOnlySpan<byte> key)
    {
        if (_des != null && key.SequenceEqual(_desKey))
        {
            return _des;
        }

        SymmetricAlgorithm alg = key.Length switch
        {
            8 => DES.Create(),
            16 or 24 => TripleDES.Create(),
            _ => throw new ArgumentException("DES key must be 8, 16 or 24 bytes", nameof(key)),
        };
        alg.Key = ExpandTdesKey(key);
        _des?.Dispose();
        _des = alg;
        _desKey = key.ToArray();
        return alg;
    }

    /// <summary>
    /// A 16-byte TDES key as the 24-byte K1K2K1 form: OpenSSL 3, under .NET on Linux, refuses 16-byte keys.
    /// </summary>
    public static byte[] ExpandTdesKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            return key.ToArray();
        }

        byte[] full = new byte[24];
        key.CopyTo(full);
        key[..8].CopyTo(full.AsSpan(16));
        return full;
    }
}
