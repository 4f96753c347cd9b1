using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Drivers.Simulated.Crypto;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>
/// One message per transaction type of the FACTS.md table, the expected bytes written out by hand from
/// the CUP field table: BCD numerics, left-aligned F2/F22/F35/F60 (pad nibble last), right-aligned F23
/// (pad nibble first), LL/LLL prefixes in BCD counting digits for n/z and bytes for the rest.
/// Bitmaps: byte k holds fields 8k+1..8k+8, most significant bit first.
/// </summary>
public class CupGoldenMessageTests
{
    private static readonly byte[] Mak = Bytes("1C2D3E4F5A6B7C8D");

    private static void Common(Iso8583Message m, int stan)
    {
        m.SetNumber(Field.Stan, stan);
        m.Set(Field.TerminalId, TerminalId);
        m.Set(Field.MerchantId, MerchantId);
    }

    private static void Card(Iso8583Message m, string processingCode, long amount, int stan, string entryMode)
    {
        m.Set(Field.Pan, Pan);
        m.Set(Field.ProcessingCode, processingCode);
        m.SetNumber(Field.Amount, amount);
        Common(m, stan);
        m.Set(Field.EntryMode, entryMode);
        m.Set(Field.Currency, "156");
    }

    [Fact]
    public void Balance_inquiry_0200_packs_track_2_left_aligned_and_F60_type_01()
    {
        var m = NewMessage(200);
        m.Set(Field.ProcessingCode, "310000");
        Common(m, 123);
        m.Set(Field.EntryMode, "021");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.PinCaptureCode, "06");
        m.Set(Field.Track2, Track2);
        m.Set(Field.Currency, "156");
        m.Set(Field.PinBlock, "1122334455667788");
        m.Set(Field.SecurityControl, "2600000000000000");
        m.BeginField(Field.MessageInfo);
        m.AppendDigits(1, 2);       // 60.1 balance inquiry
        m.AppendDigits(5, 6);       // 60.2 batch 000005
        m.EndField();
        m.Set(Field.Mac, NoMac);

        const string expected = Preamble + "0200"
            + "202004C020C09811"                              // 3, 11, 22, 25, 26, 35, 41, 42, 49, 52, 53, 60, 64
            + "310000" + "000123" + "0210" + "00" + "06"      // F3, F11, F22 "021" left-aligned, F25, F26
            + "33" + "6225880123456789D28121011234567890"     // F35: 33 digits, pad nibble 0 last
            + TerminalIdHex + MerchantIdHex + CurrencyHex
            + "1122334455667788" + "2600000000000000"         // F52 PIN block, F53
            + "0008" + "01000005"                             // F60 LLL = 8 digits
            + NoMac;
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Pre_authorization_0100_pads_a_19_digit_PAN_last_and_F23_first()
    {
        var m = NewMessage(100);
        m.Set(Field.Pan, "6217001234567890123");
        m.Set(Field.ProcessingCode, "030000");
        m.SetNumber(Field.Amount, 10000);
        Common(m, 124);
        m.Set(Field.Expiry, "2812");
        m.Set(Field.EntryMode, "051");
        m.Set(Field.CardSequence, "001");
        m.Set(Field.ConditionCode, "06");
        m.Set(Field.PinCaptureCode, "12");
        m.Set(Field.Currency, "156");
        m.Set(Field.IccData, Icc);
        m.BeginField(Field.MessageInfo);
        m.AppendDigits(10, 2);
        m.AppendDigits(5, 6);
        m.EndField();
        m.Set(Field.Mac, NoMac);

        const string expected = Preamble + "0100"
            + "702406C000C08211"                              // 2, 3, 4, 11, 14, 22, 23, 25, 26, 41, 42, 49, 55, 60, 64
            + "19" + "62170012345678901230"                   // F2: 19 digits, pad nibble last
            + "030000" + "000000010000" + "000124" + "2812"   // F3, F4 100.00, F11, F14
            + "0510" + "0001" + "06" + "12"                   // F22 "051" left, F23 "001" right, F25 06, F26
            + TerminalIdHex + MerchantIdHex + CurrencyHex
            + "0042" + Icc                                    // F55 LLL = 42 bytes
            + "0008" + "10000005"                             // F60.1 = 10
            + NoMac;
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Sale_0200_with_ICC_data_is_signed_with_the_ECB_MAC()
    {
        var m = NewMessage(200);
        Card(m, "000000", 10000, 125, "051");
        m.Set(Field.Expiry, "2812");
        m.Set(Field.CardSequence, "001");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.IccData, Icc);
        m.BeginField(Field.MessageInfo);
        m.AppendDigits(22, 2);
        m.AppendDigits(5, 6);
        m.EndField();
        m.Set(Field.Mac, NoMac);
        var buffer = new byte[512];
        int n = Codec.Pack(m, buffer, 0);
        new CupMac(new HostCrypto()).Sign(Mak, 0, 8, buffer, m.MacInputOffset, n);

        const string expected = Preamble + "0200"
            + "7024068000C08211"                              // 2, 3, 4, 11, 14, 22, 23, 25, 41, 42, 49, 55, 60, 64
            + "16" + "6225880123456789"
            + "000000" + "000000010000" + "000125" + "2812" + "0510" + "0001" + "00"
            + TerminalIdHex + MerchantIdHex + CurrencyHex
            + "0042" + Icc
            + "0008" + "22000005"                             // F60.1 = 22 sale, 60.2 batch 000005
            + "4143394245463843";                             // MAC "AC9BEF8C" (see CupMacTests)
        Assert.Equal(expected, Hex(buffer, n));
    }

    [Fact]
    public void Void_0200_carries_the_original_RRN_and_batch_plus_STAN_in_F61()
    {
        var m = NewMessage(200);
        Card(m, "200000", 10000, 126, "021");
        m.Set(Field.Expiry, "2812");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.Rrn, Rrn);
        m.BeginField(Field.MessageInfo);
        m.AppendDigits(23, 2);
        m.AppendDigits(5, 6);
        m.EndField();
        m.BeginField(Field.OriginalData);
        m.AppendDigits(5, 6);       // original batch
        m.AppendDigits(125, 6);     // original STAN
        m.EndField();
        m.Set(Field.Mac, NoMac);

        const string expected = Preamble + "0200"
            + "7024048008C08019"                              // 2, 3, 4, 11, 14, 22, 25, 37, 41, 42, 49, 60, 61, 64
            + "16" + "6225880123456789"
            + "200000" + "000000010000" + "000126" + "2812" + "0210" + "00"
            + RrnHex + TerminalIdHex + MerchantIdHex + CurrencyHex
            + "0008" + "23000005"
            + "0012" + "000005000125"
            + NoMac;
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Refund_0220_carries_zeros_and_the_original_date_in_F61()
    {
        var m = NewMessage(220);
        Card(m, "200000", 5000, 127, "012");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.Rrn, Rrn);
        m.Set(Field.MessageInfo, "25000005");
        m.Set(Field.OriginalData, "0000000000001125");
        m.Set(Field.Mac, NoMac);

        const string expected = Preamble + "0220"
            + "7020048008C08019"                              // 2, 3, 4, 11, 22, 25, 37, 41, 42, 49, 60, 61, 64
            + "16" + "6225880123456789"
            + "200000" + "000000005000" + "000127" + "0120" + "00"
            + RrnHex + TerminalIdHex + MerchantIdHex + CurrencyHex
            + "0008" + "25000005"
            + "0016" + "0000000000001125"
            + NoMac;
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Reversal_0400_repeats_the_sale_with_F39_98()
    {
        var m = NewMessage(400);
        Card(m, "000000", 10000, 125, "051");
        m.Set(Field.Expiry, "2812");
        m.Set(Field.CardSequence, "001");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.ResponseCode, "98");
        m.Set(Field.IccData, Icc);
        m.Set(Field.MessageInfo, "22000005");
        m.Set(Field.Mac, NoMac);

        const string expected = Preamble + "0400"
            + "7024068002C08211"                              // 2, 3, 4, 11, 14, 22, 23, 25, 39, 41, 42, 49, 55, 60, 64
            + "16" + "6225880123456789"
            + "000000" + "000000010000" + "000125" + "2812" + "0510" + "0001" + "00"
            + "3938"                                          // F39 "98"
            + TerminalIdHex + MerchantIdHex + CurrencyHex
            + "0042" + Icc
            + "0008" + "22000005"
            + NoMac;
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Sign_in_0800_packs_an_odd_11_digit_F60_with_the_pad_nibble_last()
    {
        var m = NewMessage(800);
        Common(m, 128);
        m.BeginField(Field.MessageInfo);
        m.AppendDigits(0, 2);       // 60.1
        m.AppendDigits(5, 6);       // 60.2 batch
        m.AppendDigits(3, 3);       // 60.3 = 003 sign-in
        m.EndField();
        m.Set(Field.OperatorData, "01 ");           // operator 01

        const string expected = Preamble + "0800"
            + "0020000000C00012"                              // 11, 41, 42, 60, 63
            + "000128" + TerminalIdHex + MerchantIdHex
            + "0011" + "000000050030"                         // F60: 11 digits, 6 bytes
            + "0003" + "303120";                              // F63 LLL = 3 bytes
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Settlement_0500_packs_the_62_digit_totals_of_F48()
    {
        var m = NewMessage(500);
        Common(m, 129);
        m.BeginField(Field.AdditionalData);
        m.AppendDigits(3, 3);       // debit count
        m.AppendDigits(30000, 12);  // debit amount
        m.AppendDigits(1, 3);       // credit count
        m.AppendDigits(10000, 12);  // credit amount
        m.AppendDigits(0, 1);       // settlement code
        m.AppendDigits(0, 3);       // foreign cards: debit count
        m.AppendDigits(0, 12);
        m.AppendDigits(0, 3);       // credit count
        m.AppendDigits(0, 12);
        m.AppendDigits(0, 1);
        m.EndField();
        m.Set(Field.Currency, "156");
        m.Set(Field.MessageInfo, "00000005201");
        m.Set(Field.OperatorData, "01 ");

        const string expected = Preamble + "0500"
            + "0020000000C18012"                              // 11, 41, 42, 48, 49, 60, 63
            + "000129" + TerminalIdHex + MerchantIdHex
            + "0062" + "003" + "000000030000" + "001" + "000000010000" + "0"
            + "000" + "000000000000" + "000" + "000000000000" + "0"
            + CurrencyHex
            + "0011" + "000000052010"                         // 60.3 = 201
            + "0003" + "303120";
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Batch_upload_0320_packs_its_F48_entry()
    {
        var m = NewMessage(320);
        Common(m, 130);
        m.Set(Field.AdditionalData, "0100" + "00006225880123456789" + "000000010000");
        m.Set(Field.MessageInfo, "00000005201");

        const string expected = Preamble + "0320"
            + "0020000000C10010"                              // 11, 41, 42, 48, 60
            + "000130" + TerminalIdHex + MerchantIdHex
            + "0036" + "0100" + "00006225880123456789" + "000000010000"
            + "0011" + "000000052010";
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Echo_0820_carries_network_management_code_301()
    {
        var m = NewMessage(820);
        Common(m, 131);
        m.Set(Field.MessageInfo, "00000005301");

        const string expected = Preamble + "0820"
            + "0020000000C00010"                              // 11, 41, 42, 60
            + "000131" + TerminalIdHex + MerchantIdHex
            + "0011" + "000000053010";
        Assert.Equal(expected, Pack(m));
    }

    [Fact]
    public void Unpacking_a_golden_sale_reads_every_field_back_and_repacks_the_same_bytes()
    {
        byte[] wire = Bytes(Preamble + "0200" + "7024068000C08211" + "16" + "6225880123456789"
            + "000000" + "000000010000" + "000125" + "2812" + "0510" + "0001" + "00"
            + TerminalIdHex + MerchantIdHex + CurrencyHex + "0042" + Icc + "0008" + "22000005" + "4143394245463843");
        var m = new Iso8583Message(Profile);

        Assert.False(Codec.Unpack(m, wire, 0, wire.Length).IsError);

        Assert.Equal(200, m.Mti);
        Assert.Equal(Pan, m.GetString(Field.Pan));
        Assert.Equal(10000, m.GetNumber(Field.Amount));
        Assert.Equal("051", m.GetString(Field.EntryMode));
        Assert.Equal("001", m.GetString(Field.CardSequence));
        Assert.Equal(TerminalId, m.GetString(Field.TerminalId));
        Assert.Equal(Icc, m.GetString(Field.IccData));
        Assert.Equal(22, m.GetSubfieldNumber(Field.MessageInfo, 1));
        Assert.Equal(5, m.GetSubfieldNumber(Field.MessageInfo, 2));
        Assert.Equal(-1, m.GetSubfieldNumber(Field.MessageInfo, 3));
        Assert.Equal("AC9BEF8C", System.Text.Encoding.ASCII.GetString(Bytes(m.GetString(Field.Mac)!)));
        Assert.Equal(Convert.ToHexString(wire), Pack(m));
    }

    [Fact]
    public void The_public_MAC_walk_through_message_parses_field_by_field()
    {
        // MTI..F60 of the FACTS.md walk-through, with a TPDU/header in front and its MAC appended.
        byte[] wire = Bytes(Preamble + "0200302004C020C0981100000000000000005100183402100006324392260009942820D1312101120084393136363838303134303030303030303030303030303031313536ACF46E73838A82F92600000000000000000822000001" + "3841394539314238");
        var m = new Iso8583Message(Profile);

        Assert.False(Codec.Unpack(m, wire, 0, wire.Length).IsError, m.LastError.Message);

        Assert.Equal("021", m.GetString(Field.EntryMode));
        Assert.Equal("4392260009942820D131210112008439", m.GetString(Field.Track2));
        Assert.Equal("16688014", m.GetString(Field.TerminalId));
        Assert.Equal("22000001", m.GetString(Field.MessageInfo));
        Assert.Equal(91, m.MacInputLength);
    }
}
