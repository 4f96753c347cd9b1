using Terminal.Simulator.Commands;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.Cli;

public class Iso8583CommandTests
{
    private const string Echo = Preamble + "0820" + "0020000000C00010" + "000131" + TerminalIdHex + MerchantIdHex + "0011" + "000000053010";

    [Fact]
    public void Decode_prints_mti_preamble_and_one_key_per_field_with_its_name()
    {
        string json = Iso8583Command.Decode("cup", Echo, mask: false);

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("0820", root.GetProperty("mti").GetString());
        Assert.Equal("6000030000", root.GetProperty("tpdu").GetString());
        Assert.Equal("603100311003", root.GetProperty("header").GetString());
        Assert.Equal("000131", root.GetProperty("F11 STAN").GetString());
        Assert.Equal(TerminalId, root.GetProperty("F41 Terminal id").GetString());
        Assert.Equal("00000005301", root.GetProperty("F60 Message info").GetString());
    }

    [Fact]
    public void Encode_of_decode_gives_back_the_same_hex()
    {
        Assert.Equal(Echo, Iso8583Command.Encode("cup", Iso8583Command.Decode("cup", Echo, mask: false)));
    }

    [Fact]
    public void Encode_takes_track_2_with_D_and_binary_fields_as_hex()
    {
        string hex = Iso8583Command.Encode("cup", """{"mti":"0200","35":"6225880123456789D2812101123456789","52":"1122334455667788"}""");

        Assert.Equal(Preamble + "0200" + "0000000020001000" + "33" + "6225880123456789D28121011234567890" + "1122334455667788", hex);
    }

    [Fact]
    public void Decode_with_mask_blanks_the_PAN()
    {
        string hex = Iso8583Command.Encode("ascii87", """{"mti":"0200","2":"6225880123456789"}""");

        string json = Iso8583Command.Decode("ascii87", hex, mask: true);

        Assert.Contains("\"F2 PAN\": \"6225880000006789\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Mac_prints_the_walk_through_MAC()
    {
        string message = Preamble + "0200302004C020C0981100000000000000005100183402100006324392260009942820D1312101120084393136363838303134303030303030303030303030303031313536ACF46E73838A82F92600000000000000000822000001" + "0000000000000000";

        Assert.Equal("8A9E91B8", Iso8583Command.Mac("C24A8FB57AA20123", message));
    }

    [Theory]
    [InlineData("600003")]
    [InlineData("XYZ")]
    public void Bad_hex_or_a_short_message_is_refused_with_a_reason(string hex)
    {
        var e = Assert.ThrowsAny<Exception>(() => Iso8583Command.Decode("cup", hex, mask: false));

        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Encode_takes_a_field_as_37_F37_or_F37_with_its_name()
    {
        string bare = Iso8583Command.Encode("cup", """{"mti":"0820","11":"000131"}""");

        Assert.Equal(bare, Iso8583Command.Encode("cup", """{"mti":"0820","F11":"000131"}"""));
        Assert.Equal(bare, Iso8583Command.Encode("cup", """{"mti":"0820","F11 STAN":"000131"}"""));
    }

    [Fact]
    public void A_key_whose_name_is_not_the_fields_is_refused()
    {
        var e = Assert.ThrowsAny<Exception>(() => Iso8583Command.Encode("cup", """{"mti":"0820","F11 RRN":"000131"}"""));

        Assert.Equal("key \"F11 RRN\": F11 is STAN in the cup profile", e.Message);
    }

    [Fact]
    public void An_unknown_key_is_refused()
    {
        var e = Assert.ThrowsAny<Exception>(() => Iso8583Command.Encode("cup", """{"mti":"0800","pan":"1"}"""));

        Assert.Contains("unknown key", e.Message, StringComparison.Ordinal);
    }
}
