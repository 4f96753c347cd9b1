using System.Text;
using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Security;

/// <summary>Track data encryption under the TDK (CUP rule: the 8 BCD bytes before the last byte, TDES in place).</summary>
public class TrackCipherTests
{
    private static readonly byte[] Tdk = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

    private static TrackCipher WithTdk(out MemoryKeyStore keys)
    {
        keys = new MemoryKeyStore();
        keys.Store(KeySlot.Tdk, Tdk, 0, Tdk.Length);
        return new TrackCipher(keys, new HostCrypto());
    }

    private static string Encrypt(TrackCipher cipher, string track, out bool encrypted)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(track);
        encrypted = cipher.Encrypt(bytes, 0, bytes.Length);
        return Encoding.ASCII.GetString(bytes);
    }

    [Fact]
    public void The_public_example_track_encrypts_its_eight_bytes_before_the_last_byte_to_a_hand_computed_block()
    {
        // The example track 2 of a public CUP PIN-pad guide (39 characters). As BCD, left-aligned and padded with one 0:
        //   12 34 56 78 90 12 34 56 78 9D 05 08 20 17 81 99 91 68 30 20
        // The last byte is 20 ('2' and the pad); the 8 bytes before it are the TDB: 08 20 17 81 99 91 68 30, characters
        // 22 to 37 ("0820178199916830"), the guide's own TDB2. Two-key TDES-ECB of that block under the public test key
        // 0123456789ABCDEF FEDCBA9876543210, computed apart with OpenSSL:
        //   echo -n 0820178199916830 | xxd -r -p | openssl enc -des-ede -K 0123456789ABCDEFFEDCBA9876543210 -nopad | xxd -p
        //   -> 4cfc20d6f04568ac
        // so the field keeps "1234567890123456789=05" and "2", with the ciphertext between.
        string encrypted = Encrypt(WithTdk(out _), "1234567890123456789=0508201781999168302", out bool done);

        Assert.True(done);
        Assert.Equal("1234567890123456789=05" + "4CFC20D6F04568AC" + "2", encrypted);
    }

    [Fact]
    public void An_even_length_track_keeps_its_last_two_characters_clear()
    {
        // 34 characters = 17 bytes: the block is characters 16 to 31 (bytes 8 to 15), the separator included.
        string clear = "4761739001010010=28121011234567890";

        string encrypted = Encrypt(WithTdk(out _), clear, out _);

        Assert.Equal(clear[..16], encrypted[..16]);
        Assert.Equal("90", encrypted[32..]);
        Assert.NotEqual(clear[16..32], encrypted[16..32]);
        Assert.Matches("^[0-9A-F]{16}$", encrypted[16..32]);
    }

    [Fact]
    public void Decrypting_the_block_gives_the_clear_track_back_with_the_separator_as_D()
    {
        byte[] track = Encoding.ASCII.GetBytes("4761739001010010=28121011234567890");
        var cipher = WithTdk(out _);
        cipher.Encrypt(track, 0, track.Length);

        Assert.True(cipher.Transform(false, Tdk, 0, 16, track, 0, track.Length));
        Assert.Equal("4761739001010010D28121011234567890", Encoding.ASCII.GetString(track));
    }

    [Fact]
    public void Without_a_track_key_the_track_stays_clear()
    {
        var cipher = new TrackCipher(new MemoryKeyStore(), new HostCrypto());

        string track = Encrypt(cipher, "4761739001010010=28121011234567890", out bool done);

        Assert.False(done);
        Assert.Equal("4761739001010010=28121011234567890", track);
    }

    [Fact]
    public void A_track_shorter_than_nine_bcd_bytes_is_left_clear()
    {
        string track = Encrypt(WithTdk(out _), "1234567890123456", out bool done);

        Assert.False(done);
        Assert.Equal("1234567890123456", track);
        Assert.Equal(0, TrackCipher.BlockStart(17));
        Assert.Equal(-1, TrackCipher.BlockStart(16));
    }

    [Fact]
    public void The_tdk_is_kept_across_a_reboot_of_the_flash_key_store_and_erased_like_the_other_working_keys()
    {
        var flash = new SimulatedFlash(4, 4096, 256);
        var keys = new FlashKeyStore(flash, 1);
        keys.Store(KeySlot.Tdk, Tdk, 0, 16);
        keys.Store(KeySlot.Mak, Tdk, 0, 8);

        var rebooted = new FlashKeyStore(flash, 1);
        byte[] loaded = new byte[24];
        Assert.Equal(16, rebooted.Load(KeySlot.Tdk, loaded, 0));
        Assert.Equal(Tdk, loaded[..16]);

        rebooted.Erase(KeySlot.Tdk);
        Assert.Equal(-1, new FlashKeyStore(flash, 1).Load(KeySlot.Tdk, loaded, 0));
    }
}
