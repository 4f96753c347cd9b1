using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;
using Xunit;

namespace Terminal.Core.Tests.Security;

/// <summary>Public ANSI X9.24-1:2009 and ISO 9564 vectors (../shared/FACTS.md).</summary>
public class PinAndDukptTests
{
    private static readonly byte[] Bdk = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

    private static byte[] Ascii(string s) => System.Text.Encoding.ASCII.GetBytes(s);

    [Fact]
    public void Format0_block_of_pin_1234_and_pan_4012345678909_is_041274EDCBA9876F()
    {
        byte[] pin = Ascii("1234");
        byte[] pan = Ascii("4012345678909");
        byte[] block = new byte[8];

        Assert.True(PinBlock.Format0(pin, 0, 4, pan, 0, pan.Length, block, 0));

        Assert.Equal("041274EDCBA9876F", Convert.ToHexString(block));
    }

    [Theory]
    [InlineData("123", "4012345678909")]
    [InlineData("1234567890123", "4012345678909")]
    [InlineData("12a4", "4012345678909")]
    [InlineData("1234", "401234567890")]
    public void Format0_refuses_pins_and_pans_of_the_wrong_shape(string pin, string pan)
    {
        Assert.False(PinBlock.Format0(Ascii(pin), 0, pin.Length, Ascii(pan), 0, pan.Length, new byte[8], 0));
    }

    [Fact]
    public void Initial_key_from_the_public_bdk_and_ksn()
    {
        byte[] ksn = Convert.FromHexString("FFFF9876543210E00000");
        byte[] ipek = new byte[16];

        new Dukpt(new HostCrypto()).InitialKey(Bdk, 0, ksn, 0, ipek, 0);

        Assert.Equal("6AC292FAA1315B4D858AB3A3D7D5933A", Convert.ToHexString(ipek));
    }

    [Fact]
    public void First_transaction_key_and_its_pin_block_match_the_public_vectors()
    {
        var crypto = new HostCrypto();
        var dukpt = new Dukpt(crypto);
        byte[] ipek = Convert.FromHexString("6AC292FAA1315B4D858AB3A3D7D5933A");
        byte[] ksn = Convert.FromHexString("FFFF9876543210E00001");
        byte[] key = new byte[16];

        dukpt.TransactionKey(ipek, 0, ksn, 0, key, 0);
        Assert.Equal("042666B49184CFA368DE9628D0397BC9", Convert.ToHexString(key));

        Dukpt.PinVariant(key, 0);
        byte[] clear = new byte[8];
        PinBlock.Format0(Ascii("1234"), 0, 4, Ascii("4012345678909"), 0, 13, clear, 0);
        byte[] encrypted = new byte[8];
        crypto.DesBlock(true, key, 0, 16, clear, 0, encrypted, 0);
        Assert.Equal("1B9C1845EB993A7A", Convert.ToHexString(encrypted));
    }

    [Fact]
    public void Check_value_is_the_key_encrypting_zeros_and_verify_rejects_a_wrong_one()
    {
        var check = new KeyCheck(new HostCrypto());
        byte[] mak = Convert.FromHexString("C24A8FB57AA20123");
        byte[] expected = System.Security.Cryptography.DES.Create() is var des && (des.Key = mak) != null
            ? des.EncryptEcb(new byte[8], System.Security.Cryptography.PaddingMode.None)[..4]
            : [];
        byte[] cv = new byte[4];

        check.Compute(mak, 0, 8, cv, 0);

        Assert.Equal(expected, cv);
        Assert.True(check.Verify(mak, 0, 8, cv, 0));
        cv[3] ^= 1;
        Assert.False(check.Verify(mak, 0, 8, cv, 0));
    }
}
