using System.Text;
using CsCheck;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.WireTrace;

/// <summary>The trace of a sale whose F35 is encrypted under the TDK (F53.3 = 1): no PAN digit beyond 6 + 4, no ciphertext.</summary>
public class EncryptedTrackTraceTests
{
    private static (string Sent, string Masked) Trace(string clearTrack, byte[] tdk)
    {
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.Tdk, tdk, 0, 16);
        byte[] track = Encoding.ASCII.GetBytes(clearTrack);
        Assert.True(new TrackCipher(keys, new HostCrypto()).Encrypt(track, 0, track.Length));
        var m = NewMessage(200);
        m.Set(Field.ProcessingCode, "000000");
        m.SetNumber(Field.Stan, 1);
        m.Set(Field.Track2, track, 0, track.Length);
        m.Set(Field.TerminalId, TerminalId);
        m.Set(Field.SecurityControl, "2610000000000000");
        var wire = new byte[512];
        int n = Codec.Pack(m, wire, 0);
        Assert.True(n > 0, m.LastError.Message);
        var masked = new byte[n];
        new WireTracer(Profile, new NoSink(), 1024).Mask(wire, 0, n, masked, 0);
        var decoded = new Iso8583Message(Profile);
        Assert.False(Codec.Unpack(decoded, masked, 0, n).IsError);
        return (Encoding.ASCII.GetString(track), decoded.GetString(Field.Track2)!);
    }

    // What the trace may show: 6 + 4 of the PAN when the separator is clear (before the encrypted block), else 6 alone.
    private static string Expected(string clearTrack)
    {
        int separator = clearTrack.IndexOf('D', StringComparison.Ordinal);
        int blockStart = TrackCipher.BlockStart(clearTrack.Length);
        if (separator < blockStart)
        {
            return clearTrack[..6] + new string('0', separator - 10) + clearTrack[(separator - 4)..separator] + "D" + new string('0', clearTrack.Length - separator - 1);
        }

        int kept = Math.Min(6, blockStart);
        return clearTrack[..kept] + new string('0', clearTrack.Length - kept);
    }

    [Fact]
    public void A_long_track_keeps_6_and_4_of_the_PAN_and_blanks_the_ciphertext()
    {
        var (sent, masked) = Trace("6225880123456789D2812101123456789012", Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));

        Assert.NotEqual("6225880123456789D2812101123456789012", sent);
        Assert.Equal("6225880000006789D0000000000000000000", masked);
    }

    [Fact]
    public void A_short_track_whose_separator_is_encrypted_keeps_only_the_first_6_digits()
    {
        // 24 characters = 12 bytes: the block starts at character 6, so the PAN's last digits and the separator are ciphertext.
        var (_, masked) = Trace("6225880123456789D2812101", Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"));

        Assert.Equal("622588000000000000000000", masked);
    }

    [Fact]
    public void Any_encrypted_track_traces_to_at_most_6_and_4_digits_of_its_PAN_whatever_the_key()
    {
        var tracks = Gen.Select(Gen.String[Gen.Char['0', '9'], 13, 19], Gen.String[Gen.Char['0', '9'], 7, 17])
            .Where(t => t.Item1.Length + 1 + t.Item2.Length <= 37)
            .Select(t => t.Item1 + "D" + t.Item2);
        var keys = Gen.Byte.Array[16].Where(k => !k.AsSpan(0, 8).SequenceEqual(k.AsSpan(8, 8)));

        Gen.Select(tracks, keys).Sample((track, tdk) => Trace(track, tdk).Masked == Expected(track), iter: 500);
    }

    private sealed class NoSink : IWireTraceSink
    {
        public void WriteLine(string line)
        {
        }
    }
}
