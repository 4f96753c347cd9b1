using System.Text;
using Terminal.Core.Messages.Iso8583;
using Xunit;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>ISO 8583:1987 text: the expected message is plain ASCII, written out by hand.</summary>
public class Ascii87GoldenMessageTests
{
    private static readonly Iso8583Profile Profile = Ascii87Profile.Create();

    private const string Sale = "0200"
        + "723C048020C08200"                          // 2, 3, 4, 7, 11, 12, 13, 14, 22, 25, 35, 41, 42, 49, 55 as 16 hex characters
        + "16" + "6225880123456789"                   // F2 LLVAR, ASCII length
        + "000000" + "000000010000" + "1125103000"    // F3, F4, F7 MMDDhhmmss
        + "000125" + "103000" + "1125" + "2812"       // F11, F12, F13, F14
        + "051" + "00"                                // F22, F25
        + "33" + "6225880123456789=2812101123456789"  // F35 track 2 with '='
        + "12345678" + "123456789012345" + "156"      // F41, F42, F49
        + "042" + CupSamples.Icc;                     // F55: LLL counts the 42 bytes, content as hex text

    [Fact]
    public void A_sale_packs_as_the_hand_written_text()
    {
        var m = new Iso8583Message(Profile);
        m.Mti = 200;
        m.Set(2, CupSamples.Pan);
        m.Set(3, "000000");
        m.SetNumber(4, 10000);
        m.Set(7, "1125103000");
        m.SetNumber(11, 125);
        m.Set(12, "103000");
        m.Set(13, "1125");
        m.Set(14, "2812");
        m.Set(22, "051");
        m.Set(25, "00");
        m.Set(35, "6225880123456789=2812101123456789");
        m.Set(41, CupSamples.TerminalId);
        m.Set(42, CupSamples.MerchantId);
        m.Set(49, "156");
        byte[] icc = Convert.FromHexString(CupSamples.Icc);
        m.Set(55, icc, 0, icc.Length);
        var buffer = new byte[512];

        int n = m.Pack(buffer, 0);

        Assert.Equal(Sale, Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public void A_sale_unpacks_with_binary_F55_as_bytes()
    {
        byte[] wire = Encoding.ASCII.GetBytes(Sale);
        var m = new Iso8583Message(Profile);

        Assert.False(m.Unpack(wire, 0, wire.Length).IsError);

        Assert.Equal(200, m.Mti);
        Assert.Equal("6225880123456789=2812101123456789", m.GetString(35));
        Assert.Equal(42, m.GetLength(55));
        var icc = new byte[42];
        Assert.Equal(42, m.GetBytes(55, icc, 0));
        Assert.Equal(CupSamples.Icc, Convert.ToHexString(icc));
    }

    [Fact]
    public void A_field_above_64_adds_the_secondary_bitmap()
    {
        var m = new Iso8583Message(Profile);
        m.Mti = 800;
        m.SetNumber(11, 1);
        m.Set(70, "301");
        var buffer = new byte[128];

        int n = m.Pack(buffer, 0);

        Assert.Equal("0800" + "8020000000000000" + "0400000000000000" + "000001" + "301", Encoding.ASCII.GetString(buffer, 0, n));
    }
}
