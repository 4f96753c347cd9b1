using Terminal.Core.Messages.Iso8583;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>Malformed bytes give an error naming the field and byte offset (from the TPDU), never an exception.</summary>
public class UnpackErrorTests
{
    // Echo 0820: 11, 41, 42, 60. MTI at byte 11, bitmap at 13, F11 at 21, F41 at 24, F42 at 32, F60 at 47 (content at 49); 55 bytes in all.
    private const string Echo = Preamble + "0820" + "0020000000C00010" + "000131" + TerminalIdHex + MerchantIdHex + "0011" + "000000053010";

    private static Iso8583Error Unpack(string hex)
    {
        byte[] wire = Bytes(hex);
        return Codec.Unpack(new Iso8583Message(Profile), wire, 0, wire.Length);
    }

    [Fact]
    public void A_well_formed_echo_unpacks_without_error()
    {
        Assert.Equal(Iso8583ErrorCode.None, Unpack(Echo).Code);
    }

    [Fact]
    public void A_message_cut_inside_F60_is_truncated_at_F60s_content()
    {
        var e = Unpack(Echo[..^4]);

        Assert.Equal((Iso8583ErrorCode.Truncated, Field.MessageInfo, 49), (e.Code, e.Field, e.Offset));
    }

    [Fact]
    public void A_message_shorter_than_its_header_is_truncated_at_the_message_level()
    {
        var e = Unpack("600003");

        Assert.Equal((Iso8583ErrorCode.Truncated, -1), (e.Code, e.Field));
    }

    [Fact]
    public void A_length_prefix_with_a_non_digit_nibble_is_a_bad_length()
    {
        var e = Unpack(Echo.Replace("0011000000053010", "0A11000000053010", StringComparison.Ordinal));

        Assert.Equal((Iso8583ErrorCode.BadLength, Field.MessageInfo, 47), (e.Code, e.Field, e.Offset));
    }

    [Fact]
    public void A_length_above_the_field_maximum_is_a_bad_length()
    {
        var e = Unpack(Echo.Replace("0011000000053010", "0018000000053010", StringComparison.Ordinal));

        Assert.Equal((Iso8583ErrorCode.BadLength, Field.MessageInfo, 47), (e.Code, e.Field, e.Offset));
    }

    [Fact]
    public void A_non_digit_nibble_in_a_numeric_field_is_a_bad_BCD_nibble_at_its_byte()
    {
        var e = Unpack(Echo.Replace("000131", "0001A1", StringComparison.Ordinal));

        Assert.Equal((Iso8583ErrorCode.BadBcd, Field.Stan, 23), (e.Code, e.Field, e.Offset));
    }

    [Fact]
    public void A_bitmap_naming_a_field_the_profile_lacks_is_an_undefined_field()
    {
        // Bit 5 (amount, cardholder billing) is not in the CUP POS table.
        var e = Unpack(Preamble + "0820" + "0820000000C00010" + "000131");

        Assert.Equal((Iso8583ErrorCode.UndefinedField, 5, 21), (e.Code, e.Field, e.Offset));
    }

    [Fact]
    public void Bytes_after_the_last_field_are_trailing_bytes()
    {
        var e = Unpack(Echo + "00");

        Assert.Equal((Iso8583ErrorCode.TrailingBytes, -1, 55), (e.Code, e.Field, e.Offset));
    }

    [Fact]
    public void A_non_BCD_MTI_is_a_bad_MTI()
    {
        var e = Unpack(Echo.Replace(Preamble + "0820", Preamble + "08F0", StringComparison.Ordinal));

        Assert.Equal((Iso8583ErrorCode.BadMti, 0, 11), (e.Code, e.Field, e.Offset));
    }

    [Fact]
    public void The_error_message_names_the_field_by_number_and_profile_name_and_the_offset()
    {
        var e = Unpack(Echo[..^4]);

        Assert.Equal("F60 Message info: truncated at byte 49", e.Message);
    }

    [Fact]
    public void An_ascii87_error_names_the_field_by_its_ISO_8583_1987_name()
    {
        var profile = Ascii87Profile.Create();
        byte[] wire = System.Text.Encoding.ASCII.GetBytes("0200" + "0000000000200000" + "12345");

        var e = new Iso8583Codec(profile).Unpack(new Iso8583Message(profile), wire, 0, wire.Length);

        Assert.Equal("F43 Acceptor name: truncated at byte 20", e.Message);
    }

    [Fact]
    public void The_MTI_the_bitmap_and_the_whole_message_are_named_as_such()
    {
        Assert.StartsWith("MTI: bad MTI", Unpack(Echo.Replace(Preamble + "0820", Preamble + "08F0", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.StartsWith("bitmap: truncated", Unpack(Preamble + "0820" + "0020").Message, StringComparison.Ordinal);
        Assert.StartsWith("message: trailing bytes", Unpack(Echo + "00").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_of_another_profile_is_refused_by_the_codec()
    {
        var other = new Iso8583Message(CupProfile.Create());

        Assert.Throws<ArgumentException>(() => Codec.Pack(other, new byte[256], 0));
    }

    [Fact]
    public void A_range_outside_the_buffer_is_an_error_not_an_exception()
    {
        var e = Codec.Unpack(new Iso8583Message(Profile), new byte[10], 5, 10);

        Assert.Equal(Iso8583ErrorCode.Truncated, e.Code);
    }

    [Fact]
    public void Packing_a_fixed_field_of_the_wrong_length_names_the_field()
    {
        var m = NewMessage(820);
        m.Set(Field.TerminalId, "1234");
        var buffer = new byte[256];

        int n = Codec.Pack(m, buffer, 0);

        Assert.Equal(-(int)Iso8583ErrorCode.WrongLength, n);
        Assert.Equal(Field.TerminalId, m.LastError.Field);
        Assert.Equal("F41 Terminal id: wrong length for the field at byte 21", m.LastError.Message);
    }

    [Fact]
    public void Packing_a_letter_into_a_numeric_field_is_a_bad_character()
    {
        var m = NewMessage(820);
        m.Set(Field.Stan, "00012X");
        var buffer = new byte[256];

        Assert.Equal(-(int)Iso8583ErrorCode.BadCharacter, Codec.Pack(m, buffer, 0));
    }

    [Fact]
    public void Packing_into_a_buffer_too_small_fails_without_writing_past_it()
    {
        var m = NewMessage(820);
        m.SetNumber(Field.Stan, 1);
        var buffer = new byte[15];

        Assert.Equal(-(int)Iso8583ErrorCode.BufferTooSmall, Codec.Pack(m, buffer, 0));
    }
}
