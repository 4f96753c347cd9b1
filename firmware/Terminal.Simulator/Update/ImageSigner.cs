using System.Security.Cryptography;
using Terminal.Core.Update;

namespace Terminal.Simulator.Update;

/// <summary>
/// The vendor's side of a software update: makes update-signing key pairs (ECDSA P-256) and signs payloads
/// into firmware images (header, payload, signature r||s over SHA-256 of header and payload).
/// </summary>
public static class ImageSigner
{
    /// <summary>A new update-signing key pair.</summary>
    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The 64-byte public key (X||Y) a terminal is given to trust.</summary>
    public static byte[] PublicKey(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return [.. q.X!, .. q.Y!];
    }

    /// <summary>Loads a private key from PEM (PKCS#8 or SEC1 "EC PRIVATE KEY").</summary>
    public static ECDsa LoadPrivateKey(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new FormatException("the update-signing key must be an ECDSA P-256 key");
        }

        return key;
    }

    /// <summary>Signs <paramref name="payload"/> as version <paramref name="version"/> (e.g. 10200 for 1.2.0).</summary>
    public static byte[] Sign(byte[] payload, int version, ECDsa key)
    {
        if (version < 0 || version > FirmwareImage.MaxVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(version), "a version is 0.0.0 to 99.99.99");
        }

        var image = new byte[FirmwareImage.TotalLength(payload.Length)];
        FirmwareImage.WriteHeader(image, 0, version, payload.Length);
        payload.CopyTo(image, FirmwareImage.HeaderLength);
        int signed = FirmwareImage.HeaderLength + payload.Length;
        byte[] digest = SHA256.HashData(image.AsSpan(0, signed));
        byte[] signature = key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        signature.CopyTo(image, signed);
        return image;
    }
}
