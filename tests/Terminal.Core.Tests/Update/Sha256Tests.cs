using System.Security.Cryptography;
using Terminal.Core.Update;
using Xunit;

namespace Terminal.Core.Tests.Update;

public class Sha256Tests
{
    [Fact]
    public void The_digest_of_abc_is_the_FIPS_180_example()
    {
        var hash = new Sha256();
        var digest = new byte[32];
        hash.Update("abc"u8.ToArray(), 0, 3);
        hash.Finish(digest, 0);

        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", Convert.ToHexString(digest));
    }

    [Fact]
    public void Input_fed_in_random_pieces_hashes_as_dotnet_hashes_it_whole()
    {
        var random = new Random(7);
        var hash = new Sha256();
        var digest = new byte[32];
        foreach (int length in new[] { 0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 4099 })
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            for (int at = 0; at < length;)
            {
                int n = Math.Min(length - at, random.Next(1, 100));
                hash.Update(data, at, n);
                at += n;
            }

            hash.Finish(digest, 0);
            Assert.Equal(SHA256.HashData(data), digest);
        }
    }
}
