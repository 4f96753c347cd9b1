using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.WireTrace;

public class WireTracerTests
{
    private readonly LineLog _log = new();

    private static Iso8583Message Decode(Iso8583Profile profile, byte[] masked)
    {
        var m = new Iso8583Message(profile);
        Assert.False(new Iso8583Codec(profile).Unpack(m, masked, 0, masked.Length).IsError, m.LastError.Message);
        return m;
    }

    private static byte[] Mask(Iso8583Profile profile, byte[] wire)
    {
        var tracer = new WireTracer(profile, new LineLog(), 1024);
        var masked = new byte[wire.Length];
        Assert.Equal(wire.Length, tracer.Mask(wire, 0, wire.Length, masked, 0));
        return masked;
    }

    private static byte[] CupCardMessage(string icc)
    {
        var m = NewMessage(200);
        m.Set(Field.Pan, "6217001234567890123");
        m.Set(Field.ProcessingCode, "000000");
        m.SetNumber(Field.Stan, 1);
        m.Set(Field.Track2, Track2);
        m.Set(Field.TerminalId, TerminalId);
        m.Set(Field.PinBlock, "1122334455667788");
        m.Set(Field.IccData, icc);
        var buffer = new byte[512];
        int n = Codec.Pack(m, buffer, 0);
        Assert.True(n > 0);
        return buffer[..n];
    }

    private const string IccWithPan = "9F2701" + "80" + "5A08" + "6225880123456789" + "57" + "11" + "6225880123456789D2812101123456789F" + "9F3602" + "0001";

    [Fact]
    public void F2_keeps_its_first_6_and_last_4_digits()
    {
        var m = Decode(Profile, Mask(Profile, CupCardMessage(IccWithPan)));

        Assert.Equal("6217000000000000123", m.GetString(Field.Pan));
    }

    [Fact]
    public void Track_2_keeps_6_and_4_digits_of_the_PAN_and_blanks_everything_after_the_separator()
    {
        var m = Decode(Profile, Mask(Profile, CupCardMessage(IccWithPan)));

        Assert.Equal("6225880000006789D0000000000000000", m.GetString(Field.Track2));
    }

    private static byte[] QrSale(string f59)
    {
        var m = NewMessage(200);
        m.Set(Field.ProcessingCode, "000000");
        m.SetNumber(Field.Amount, 2300);
        m.SetNumber(Field.Stan, 2);
        m.Set(Field.EntryMode, "032");
        m.Set(Field.TerminalId, TerminalId);
        m.Set(Field.UsageData, f59);
        var buffer = new byte[512];
        int n = Codec.Pack(m, buffer, 0);
        Assert.True(n > 0, m.LastError.Message);
        return buffer[..n];
    }

    [Fact]
    public void The_payment_code_in_F59_keeps_its_first_6_and_last_4_digits_as_on_the_receipt()
    {
        var m = Decode(Profile, Mask(Profile, QrSale("A3" + "018" + "134567890123456789")));

        Assert.Equal("A3018" + "134567" + "00000000" + "6789", m.GetString(Field.UsageData));
    }

    [Fact]
    public void Every_A3_usage_in_F59_is_masked_and_other_usages_are_kept()
    {
        var m = Decode(Profile, Mask(Profile, QrSale("B1" + "004" + "1234" + "A3" + "019" + "6212345678901234567")));

        Assert.Equal("B1004" + "1234" + "A3019" + "621234" + "000000000" + "4567", m.GetString(Field.UsageData));
    }

    [Fact]
    public void An_F59_that_is_not_usages_keeps_only_its_first_6_and_last_4_digits()
    {
        var m = Decode(Profile, Mask(Profile, QrSale("284567890123456789")));

        Assert.Equal("284567" + "00000000" + "6789", m.GetString(Field.UsageData));
    }

    [Fact]
    public void A_wire_trace_line_of_a_QR_sale_holds_no_whole_payment_code()
    {
        var log = new LineLog();
        var tracer = new WireTracer(Profile, log, 1024);
        byte[] wire = QrSale("A3" + "018" + "134567890123456789");

        tracer.Record(WireDirection.Outbound, 1000, wire, 0, wire.Length);

        Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes("134567890123456789")), log.Lines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_PIN_block_is_blanked_whole()
    {
        var m = Decode(Profile, Mask(Profile, CupCardMessage(IccWithPan)));

        Assert.Equal("0000000000000000", m.GetString(Field.PinBlock));
    }

    [Fact]
    public void Sign_in_working_keys_in_F62_are_blanked_whole_keeping_the_length()
    {
        var m = NewMessage(810);
        m.SetNumber(Field.Stan, 7);
        m.Set(Field.ResponseCode, "00");
        m.Set(Field.TerminalId, TerminalId);
        m.Set(Field.PrivateData, "0011223344556677" + "8899AABBCCDDEEFF" + "01020304" + "1122334455667788" + "99AABBCCDDEEFF00" + "05060708");
        var buffer = new byte[512];
        int n = Codec.Pack(m, buffer, 0);

        var masked = Decode(Profile, Mask(Profile, buffer[..n]));

        Assert.Equal(new string('0', 80), masked.GetString(Field.PrivateData));
        Assert.Equal("00", masked.GetString(Field.ResponseCode));
    }

    [Fact]
    public void EMV_tags_5A_and_57_inside_F55_are_blanked_and_other_tags_kept()
    {
        var m = Decode(Profile, Mask(Profile, CupCardMessage(IccWithPan)));

        Assert.Equal("9F2701" + "80" + "5A08" + "6225880000006789" + "57" + "11" + "6225880000006789D0000000000000000F" + "9F3602" + "0001", m.GetString(Field.IccData));
    }

    [Fact]
    public void Masking_keeps_the_length_and_every_other_byte()
    {
        byte[] wire = CupCardMessage(IccWithPan);
        byte[] masked = Mask(Profile, wire);
        var original = Decode(Profile, wire);
        var after = Decode(Profile, masked);

        Assert.Equal(wire.Length, masked.Length);
        Assert.Equal(original.GetString(Field.TerminalId), after.GetString(Field.TerminalId));
        Assert.Equal(original.GetString(Field.ProcessingCode), after.GetString(Field.ProcessingCode));
    }

    [Fact]
    public void Masking_does_not_touch_the_original_bytes()
    {
        byte[] wire = CupCardMessage(IccWithPan);
        byte[] copy = (byte[])wire.Clone();

        Mask(Profile, wire);

        Assert.Equal(copy, wire);
    }

    [Fact]
    public void Malformed_TLV_in_F55_is_blanked_from_where_it_breaks()
    {
        // 5A claims 0x20 bytes but only 8 follow.
        var m = Decode(Profile, Mask(Profile, CupCardMessage("9F2701" + "80" + "5A20" + "6225880123456789")));

        Assert.Equal("9F2701" + "80" + "0000" + "0000000000000000", m.GetString(Field.IccData));
    }

    [Fact]
    public void An_ascii87_message_is_masked_in_its_text()
    {
        var profile = Ascii87Profile.Create();
        var codec = new Iso8583Codec(profile);
        var m = new Iso8583Message(profile) { Mti = 200 };
        m.Set(Field.Pan, Pan);
        m.Set(Field.Track2, "6225880123456789=2812101123456789");
        m.Set(Field.IccData, "5A08" + "6225880123456789");
        var buffer = new byte[256];
        int n = codec.Pack(m, buffer, 0);

        var after = Decode(profile, Mask(profile, buffer[..n]));

        Assert.Equal("6225880000006789", after.GetString(Field.Pan));
        Assert.Equal("6225880000006789=0000000000000000", after.GetString(Field.Track2));
        Assert.Equal("5A08" + "6225880000006789", after.GetString(Field.IccData));
    }

    [Fact]
    public void A_trace_line_has_time_direction_length_and_masked_hex()
    {
        byte[] wire = CupCardMessage(IccWithPan);
        var tracer = new WireTracer(Profile, _log, 1024);

        tracer.Record(WireDirection.Outbound, 12_345, wire, 0, wire.Length);

        string line = Assert.Single(_log.Lines);
        Assert.StartsWith("      12.345 TX  " + wire.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ", line, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(Mask(Profile, wire)), line, StringComparison.Ordinal);
        Assert.DoesNotContain("6217001234567890123", line, StringComparison.Ordinal);
        Assert.DoesNotContain("6225880123456789", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undecodable_message_is_blanked_from_the_bad_field_and_says_why()
    {
        byte[] wire = CupCardMessage(IccWithPan);
        wire[21] = 0x99; // F2's length prefix: 99 digits is above the maximum of 19
        var tracer = new WireTracer(Profile, _log, 1024);

        tracer.Record(WireDirection.Inbound, 0, wire, 0, wire.Length);

        string line = Assert.Single(_log.Lines);
        Assert.Contains(" RX ", line, StringComparison.Ordinal);
        Assert.Contains("undecodable: F2 PAN: bad length at byte 21", line, StringComparison.Ordinal);
        Assert.DoesNotContain("6225880123456789", line, StringComparison.Ordinal);
        Assert.DoesNotContain("62170012345", line, StringComparison.Ordinal);
    }

    private sealed class LineLog : IWireTraceSink
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string line) => Lines.Add(line);
    }
}
