using System.Text;
using Terminal.Core.Messages.Iso8583;
using Xunit;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>ISO 8583:1987 text: the expected message is plain ASCII, written out by hand.</summary>
public class Ascii87GoldenMessageTests
{
    private static readonly Iso8583Profile Profile = Ascii87Profile.Create();
    private static readonly Iso8583Codec Codec = new(Profile);

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
        m.Set(Field.Pan, CupSamples.Pan);
        m.Set(Field.ProcessingCode, "000000");
        m.SetNumber(Field.Amount, 10000);
        m.Set(Field.TransmissionTime, "1125103000");
        m.SetNumber(Field.Stan, 125);
        m.Set(Field.LocalTime, "103000");
        m.Set(Field.LocalDate, "1125");
        m.Set(Field.Expiry, "2812");
        m.Set(Field.EntryMode, "051");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.Track2, "6225880123456789=2812101123456789");
        m.Set(Field.TerminalId, CupSamples.TerminalId);
        m.Set(Field.MerchantId, CupSamples.MerchantId);
        m.Set(Field.Currency, "156");
        byte[] icc = Convert.FromHexString(CupSamples.Icc);
        m.Set(Field.IccData, icc, 0, icc.Length);
        var buffer = new byte[512];

        int n = Codec.Pack(m, buffer, 0);

        Assert.Equal(Sale, Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public void A_sale_unpacks_with_binary_F55_as_bytes()
    {
        byte[] wire = Encoding.ASCII.GetBytes(Sale);
        var m = new Iso8583Message(Profile);

        Assert.False(Codec.Unpack(m, wire, 0, wire.Length).IsError);

        Assert.Equal(200, m.Mti);
        Assert.Equal("6225880123456789=2812101123456789", m.GetString(Field.Track2));
        Assert.Equal(42, m.GetLength(Field.IccData));
        var icc = new byte[42];
        Assert.Equal(42, m.GetBytes(Field.IccData, icc, 0));
        Assert.Equal(CupSamples.Icc, Convert.ToHexString(icc));
    }

    [Fact]
    public void A_field_above_64_adds_the_secondary_bitmap()
    {
        var m = new Iso8583Message(Profile);
        m.Mti = 800;
        m.SetNumber(Field.Stan, 1);
        m.Set(Field.NetworkCode, "301");
        var buffer = new byte[128];

        int n = Codec.Pack(m, buffer, 0);

        Assert.Equal("0800" + "8020000000000000" + "0400000000000000" + "000001" + "301", Encoding.ASCII.GetString(buffer, 0, n));
    }
}
