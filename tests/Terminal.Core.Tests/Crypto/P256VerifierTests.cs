using System.Security.Cryptography;
using Terminal.Core.Update;
using Terminal.Drivers.Crypto;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Crypto;

public class P256VerifierTests
{
    private static byte[] PublicKey(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return [.. q.X!, .. q.Y!];
    }

    private static byte[] Sign(ECDsa key, byte[] digest) => key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Fact]
    public void Signatures_made_by_dotnet_verify_for_random_keys_and_digests()
    {
        var crypto = new SoftwareCrypto();
        var random = new Random(11);
        for (int i = 0; i < 25; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] digest = new byte[32];
            random.NextBytes(digest);

            Assert.True(crypto.VerifySignature(SignatureScheme.EcdsaP256Sha256, PublicKey(key), digest, Sign(key, digest)), $"key {i}");
        }
    }

    [Fact]
    public void A_digest_above_the_group_order_is_reduced_as_dotnet_reduces_it()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] digest = Enumerable.Repeat((byte)0xFF, 32).ToArray();

        Assert.True(new SoftwareCrypto().VerifySignature(SignatureScheme.EcdsaP256Sha256, PublicKey(key), digest, Sign(key, digest)));
    }

    [Fact]
    public void A_changed_digest_signature_or_key_does_not_verify()
    {
        var crypto = new SoftwareCrypto();
        var random = new Random(12);
        for (int i = 0; i < 10; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] digest = new byte[32];
            random.NextBytes(digest);
            byte[] signature = Sign(key, digest);
            byte[] changedDigest = (byte[])digest.Clone();
            changedDigest[random.Next(32)] ^= (byte)(1 << random.Next(8));
            byte[] changedSignature = (byte[])signature.Clone();
            changedSignature[random.Next(64)] ^= (byte)(1 << random.Next(8));

            Assert.False(crypto.VerifySignature(SignatureScheme.EcdsaP256Sha256, PublicKey(key), changedDigest, signature));
            Assert.False(crypto.VerifySignature(SignatureScheme.EcdsaP256Sha256, PublicKey(key), digest, changedSignature));
            Assert.False(crypto.VerifySignature(SignatureScheme.EcdsaP256Sha256, PublicKey(other), digest, signature));
        }
    }

    [Fact]
    public void A_key_off_the_curve_and_out_of_range_signature_values_are_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] digest = SHA256.HashData("firmware"u8);
        byte[] signature = Sign(key, digest);
        byte[] offCurve = PublicKey(key);
        offCurve[63] ^= 0x01;
        byte[] zeroR = (byte[])signature.Clone();
        Array.Clear(zeroR, 0, 32);
        byte[] bigS = (byte[])signature.Clone();
        Array.Fill(bigS, (byte)0xFF, 32, 32);
        var verifier = new P256Verifier();

        Assert.True(verifier.Verify(PublicKey(key), digest, signature));
        Assert.False(verifier.Verify(offCurve, digest, signature));
        Assert.False(verifier.Verify(PublicKey(key), digest, zeroR));
        Assert.False(verifier.Verify(PublicKey(key), digest, bigS));
    }

    [Fact]
    public void A_signed_firmware_image_verifies_through_the_portable_crypto()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] payload = new byte[2000];
        new Random(3).NextBytes(payload);
        byte[] image = new byte[FirmwareImage.TotalLength(payload.Length)];
        FirmwareImage.WriteHeader(image, 0, 10200, payload.Length);
        payload.CopyTo(image, FirmwareImage.HeaderLength);
        Sign(key, SHA256.HashData(image.AsSpan(0, FirmwareImage.HeaderLength + payload.Length))).CopyTo(image, FirmwareImage.HeaderLength + payload.Length);

        var good = FirmwareImage.Verify(image, 0, image.Length, PublicKey(key), new SoftwareCrypto(), out int version);
        image[100] ^= 0x04;
        var tampered = FirmwareImage.Verify(image, 0, image.Length, PublicKey(key), new SoftwareCrypto(), out _);

        Assert.Equal((ImageCheck.Valid, 10200), (good, version));
        Assert.Equal(ImageCheck.BadSignature, tampered);
    }
}
