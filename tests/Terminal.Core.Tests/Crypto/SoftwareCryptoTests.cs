using System.Security.Cryptography;
using CsCheck;
using Terminal.Drivers.Crypto;
using Xunit;

namespace Terminal.Core.Tests.Crypto;

public class SoftwareCryptoTests
{
    [Fact]
    public void Des_gives_the_classic_known_answer()
    {
        // Key 133457799BBCDFF1, plaintext 0123456789ABCDEF: the worked example of the DES standard's tutorials.
        byte[] key = Convert.FromHexString("133457799BBCDFF1");
        byte[] plain = Convert.FromHexString("0123456789ABCDEF");
        byte[] output = new byte[8];

        new SoftwareDes().Block(true, key, 0, 8, plain, 0, output, 0);

        Assert.Equal("85E813540F0AB405", Convert.ToHexString(output));
    }

    [Fact]
    public void Des_and_tdes_match_the_platform_implementation_both_ways_for_random_keys()
    {
        Gen.Select(Gen.Byte.Array[24], Gen.Byte.Array[8], Gen.OneOfConst(8, 16, 24)).Sample((key, block, length) =>
        {
            // One per sample: CsCheck runs samples on several threads, and SoftwareDes keeps working state.
            var des = new SoftwareDes();
            byte[] k = key[..length];
            using SymmetricAlgorithm reference = length == 8 ? DES.Create() : TripleDES.Create();
            try
            {
                reference.Key = Terminal.Drivers.Simulated.Crypto.HostCrypto.ExpandTdesKey(k);
            }
            catch (CryptographicException)
            {
                return; // the platform refuses weak keys; nothing to compare against
            }

            byte[] expected = reference.EncryptEcb(block, PaddingMode.None);
            byte[] actual = new byte[8];
            des.Block(true, k, 0, length, block, 0, actual, 0);
            Assert.Equal(expected, actual);

            byte[] back = new byte[8];
            des.Block(false, k, 0, length, actual, 0, back, 0);
            Assert.Equal(block, back);
        }, iter: 300);
    }

    [Fact]
    public void Sha256_matches_the_platform_for_every_length_around_the_block_boundaries()
    {
        var sha = new SoftwareSha256();
        var digest = new byte[32];
        for (int length = 0; length < 200; length++)
        {
            byte[] data = new byte[length];
            new Random(length).NextBytes(data);

            sha.Hash(data, 0, length, digest, 0);

            Assert.Equal(SHA256.HashData(data), digest);
        }
    }

    [Fact]
    public void Sha256_of_abc_is_the_FIPS_example()
    {
        var digest = new byte[32];
        new SoftwareSha256().Hash("abc"u8.ToArray(), 0, 3, digest, 0);

        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", Convert.ToHexString(digest));
    }
}
