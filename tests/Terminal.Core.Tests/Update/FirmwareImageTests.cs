using System.Security.Cryptography;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Crypto;
using Xunit;

namespace Terminal.Core.Tests.Update;

public class FirmwareImageTests
{
    private static readonly HostCrypto Crypto = new();

    [Fact]
    public void A_signed_image_verifies_and_gives_its_version()
    {
        using var fx = new UpdateFixture();
        byte[] image = fx.Image(FirmwareImage.Version(1, 2, 3));

        var check = FirmwareImage.Verify(image, 0, image.Length, UpdateFixture.PublicKey(fx.Key), Crypto, out int version);

        Assert.Equal(ImageCheck.Valid, check);
        Assert.Equal("1.2.3", FirmwareImage.VersionText(version));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(3000)]
    public void A_tampered_byte_fails_the_check(int at)
    {
        using var fx = new UpdateFixture();
        byte[] image = fx.Image(10200);
        image[FirmwareImage.HeaderLength + at] ^= 0x01;

        var check = FirmwareImage.Verify(image, 0, image.Length, UpdateFixture.PublicKey(fx.Key), Crypto, out _);

        Assert.Equal(ImageCheck.BadSignature, check);
    }

    [Fact]
    public void A_tampered_version_in_the_header_fails_the_signature()
    {
        using var fx = new UpdateFixture();
        byte[] image = fx.Image(10200);
        image[11] = 0xFF; // 1.2.0 -> a higher version

        var check = FirmwareImage.Verify(image, 0, image.Length, UpdateFixture.PublicKey(fx.Key), Crypto, out _);

        Assert.Equal(ImageCheck.BadSignature, check);
    }

    [Fact]
    public void An_image_signed_with_another_key_is_refused()
    {
        using var fx = new UpdateFixture();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] image = UpdateFixture.Sign(UpdateFixture.Payload(2000, 1), 10200, stranger);

        var check = FirmwareImage.Verify(image, 0, image.Length, UpdateFixture.PublicKey(fx.Key), Crypto, out _);

        Assert.Equal(ImageCheck.BadSignature, check);
    }

    [Fact]
    public void A_truncated_image_is_refused()
    {
        using var fx = new UpdateFixture();
        byte[] image = fx.Image(10200);

        var check = FirmwareImage.Verify(image, 0, image.Length - 1, UpdateFixture.PublicKey(fx.Key), Crypto, out _);

        Assert.Equal(ImageCheck.Truncated, check);
    }

    [Fact]
    public void Without_an_update_key_nothing_is_trusted()
    {
        using var fx = new UpdateFixture();
        byte[] image = fx.Image(10200);

        var check = FirmwareImage.Verify(image, 0, image.Length, null!, Crypto, out _);

        Assert.Equal(ImageCheck.NoKey, check);
    }

    [Fact]
    public void A_header_with_a_wrong_magic_is_a_bad_header_and_erased_flash_is_blank()
    {
        var header = new byte[FirmwareImage.HeaderLength];
        FirmwareImage.WriteHeader(header, 0, 10000, 10);
        header[0] = (byte)'X';
        var erased = Enumerable.Repeat((byte)0xFF, FirmwareImage.HeaderLength).ToArray();

        Assert.Equal(ImageCheck.BadHeader, FirmwareImage.ReadHeader(header, 0, out _, out _));
        Assert.Equal(ImageCheck.Blank, FirmwareImage.ReadHeader(erased, 0, out _, out _));
    }

    [Theory]
    [InlineData("1.2.0", 10200)]
    [InlineData("0.0.1", 1)]
    [InlineData("99.99.99", 999999)]
    [InlineData("1.2", -1)]
    [InlineData("1.100.0", -1)]
    [InlineData("1..0", -1)]
    [InlineData("v1.2.0", -1)]
    public void Versions_parse_as_major_minor_patch_with_parts_up_to_99(string text, int expected)
    {
        Assert.Equal(expected, FirmwareImage.ParseVersion(text));
    }
}
