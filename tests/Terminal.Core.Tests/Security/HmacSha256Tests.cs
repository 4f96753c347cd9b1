using System.Text;
using Terminal.Core.Security;
using Terminal.Drivers.Crypto;
using Xunit;

namespace Terminal.Core.Tests.Security;

/// <summary>HMAC-SHA256 over the crypto bus: the RFC 4231 test cases.</summary>
public sealed class HmacSha256Tests
{
    [Theory]
    // RFC 4231 test case 1: a 20-byte key.
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    // Test case 2: a key shorter than the output ("Jefe").
    [InlineData("4a656665", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    // Test case 6: a 131-byte key, longer than the block: hashed first.
    [InlineData("aa*131", "Test Using Larger Than Block-Size Key - Hash Key First", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    // Test case 7: a long key and a message longer than the block (the work buffer grows).
    [InlineData("aa*131", "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")]
    public void The_RFC_4231_test_cases_come_out_as_published(string keyHex, string data, string expected)
    {
        byte[] key = keyHex == "aa*131" ? Enumerable.Repeat((byte)0xAA, 131).ToArray() : Convert.FromHexString(keyHex);
        byte[] message = Encoding.ASCII.GetBytes(data);
        byte[] mac = new byte[HmacSha256.Length + 3];

        new HmacSha256(new SoftwareCrypto()).Compute(key, 0, key.Length, message, 0, message.Length, mac, 3);

        Assert.Equal(expected, Convert.ToHexString(mac, 3, HmacSha256.Length).ToLowerInvariant());
    }

    [Fact]
    public void One_instance_signs_again_with_the_same_result()
    {
        var hmac = new HmacSha256(new SoftwareCrypto());
        byte[] key = Encoding.ASCII.GetBytes("Jefe");
        byte[] message = Encoding.ASCII.GetBytes("what do ya want for nothing?");
        byte[] first = new byte[32];
        byte[] second = new byte[32];

        hmac.Compute(key, 0, key.Length, message, 0, message.Length, first, 0);
        hmac.Compute(key, 0, key.Length, message, 0, message.Length, second, 0);

        Assert.Equal(first, second);
    }
}
