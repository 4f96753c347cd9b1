using System.Security.Cryptography;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Update;

/// <summary>The crypto bus's piecewise SHA-256 (what the update hashes a flash slot with), software and host.</summary>
public class Sha256Tests
{
    public static TheoryData<string> Buses => new() { "software", "host" };

    private static ICrypto Bus(string name) => name == "software" ? new SoftwareCrypto() : new HostCrypto();

    [Theory]
    [MemberData(nameof(Buses))]
    public void The_digest_of_abc_is_the_FIPS_180_example(string bus)
    {
        ICrypto crypto = Bus(bus);
        var digest = new byte[32];
        crypto.Sha256Start();
        crypto.Sha256Update("abc"u8.ToArray(), 0, 3);
        crypto.Sha256Finish(digest, 0);

        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", Convert.ToHexString(digest));
    }

    [Theory]
    [MemberData(nameof(Buses))]
    public void Input_fed_in_random_pieces_hashes_as_dotnet_hashes_it_whole(string bus)
    {
        ICrypto crypto = Bus(bus);
        var random = new Random(7);
        var digest = new byte[32];
        var oneShot = new byte[32];
        foreach (int length in new[] { 0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 4099 })
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            crypto.Sha256Start();
            for (int at = 0; at < length;)
            {
                int n = Math.Min(length - at, random.Next(1, 100));
                crypto.Sha256Update(data, at, n);

                // A one-shot digest in the middle does not disturb the piecewise one.
                crypto.Sha256(data, 0, at, oneShot, 0);
                at += n;
            }

            crypto.Sha256Finish(digest, 0);
            Assert.Equal(SHA256.HashData(data), digest);
        }
    }

    [Theory]
    [MemberData(nameof(Buses))]
    public void A_one_shot_digest_of_every_length_around_the_block_edges_is_the_dotnet_digest(string bus)
    {
        ICrypto crypto = Bus(bus);
        var random = new Random(11);
        var digest = new byte[40];
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length + 5];
            random.NextBytes(data);

            crypto.Sha256(data, 3, length, digest, 4);

            Assert.Equal(SHA256.HashData(data.AsSpan(3, length)), digest.AsSpan(4, 32).ToArray());
        }
    }
}
