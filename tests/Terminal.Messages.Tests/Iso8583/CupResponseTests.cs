using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>Host replies as the terminal receives them, written out by hand like the requests.</summary>
public class CupResponseTests
{
    // The host swaps the TPDU addresses: 60 0000 0003.
    private const string ReplyPreamble = "6000000003" + "603100311003";

    private const string SaleResponse = ReplyPreamble + "0210"
        + "303800810ED08013"                              // 3, 4, 11, 12, 13, 25, 32, 37, 38, 39, 41, 42, 44, 49, 60, 63, 64
        + "000000" + "000000010000" + "000125"            // F3, F4, F11
        + "103000" + "1125" + "00"                        // F12 hhmmss, F13 MMDD, F25
        + "08" + "01020000"                               // F32 LLVAR 8 digits
        + "323531313235313033303030"                      // F37 RRN "251125103000"
        + "313233343536" + "3030"                         // F38 "123456", F39 "00"
        + TerminalIdHex + MerchantIdHex
        + "22" + "30313032303030302020203033303130303030202020" // F44 LLVAR 22 characters
        + CurrencyHex
        + "0008" + "22000005"
        + "0003" + "435550"                               // F63 "CUP"
        + "4142434445464748";                             // F64

    private const string SignInResponse = ReplyPreamble + "0810"
        + "003800010AC00014"                              // 11, 12, 13, 32, 37, 39, 41, 42, 60, 62
        + "000128" + "103000" + "1125"
        + "08" + "01020000"
        + "323531313235313033303030" + "3030"
        + TerminalIdHex + MerchantIdHex
        + "0011" + "000000060030"                         // 60.2 = batch 000006 from the host, 60.3 = 003
        + "0040"                                          // F62: PIK (16) + check value (4) + MAK (16) + check value (4)
        + "0123456789ABCDEFFEDCBA9876543210" + "11223344"
        + "00112233445566778899AABBCCDDEEFF" + "55667788";

    private static Iso8583Message Unpack(string hex)
    {
        byte[] wire = Bytes(hex);
        var m = new Iso8583Message(Profile);
        Assert.False(Codec.Unpack(m, wire, 0, wire.Length).IsError, m.LastError.Message);
        return m;
    }

    [Fact]
    public void A_sale_response_gives_time_date_RRN_authorization_and_response_code()
    {
        var m = Unpack(SaleResponse);

        Assert.Equal(210, m.Mti);
        Assert.Equal(("103000", "1125"), (m.GetString(Field.LocalTime), m.GetString(Field.LocalDate)));
        Assert.Equal(("251125103000", "123456", "00"), (m.GetString(Field.Rrn), m.GetString(Field.AuthCode), m.GetString(Field.ResponseCode)));
        Assert.Equal("01020000   03010000   ", m.GetString(Field.AdditionalResponse));
        Assert.Equal("CUP", m.GetString(Field.OperatorData));
        Assert.Equal(10000, m.GetNumber(Field.Amount));
    }

    [Fact]
    public void A_sign_in_response_carries_the_keys_in_F62_and_the_new_batch_in_F60_2()
    {
        var m = Unpack(SignInResponse);
        var keys = new byte[40];

        Assert.Equal(40, m.GetBytes(Field.PrivateData, keys, 0));
        Assert.Equal("00112233445566778899AABBCCDDEEFF", Convert.ToHexString(keys, 20, 16));
        Assert.Equal(6, m.GetSubfieldNumber(Field.MessageInfo, 2));
        Assert.Equal(3, m.GetSubfieldNumber(Field.MessageInfo, 3));
    }

    [Fact]
    public void The_sale_response_matches_the_sale_request_it_answers()
    {
        var request = NewMessage(200);
        request.SetNumber(Field.Stan, 125);
        request.Set(Field.TerminalId, TerminalId);
        var matcher = new ResponseMatcher(4, null);
        int handle = matcher.Expect(request, 60_000);

        Assert.Equal(MatchOutcome.Matched, matcher.Match(Unpack(SaleResponse), 1_000, out int answered));
        Assert.Equal(handle, answered);
    }

    [Fact]
    public void A_host_reply_swaps_the_TPDU_addresses()
    {
        byte[] tpdu = Bytes("6000030000");

        CupProfile.SwapTpduAddresses(tpdu, 0);

        Assert.Equal("6000000003", Convert.ToHexString(tpdu));
    }

    [Fact]
    public void A_host_builds_its_reply_by_copying_request_fields()
    {
        var request = Unpack(Preamble + "0820" + "0020000000C00010" + "000131" + TerminalIdHex + MerchantIdHex + "0011" + "000000053010");
        var reply = new Iso8583Message(Profile);
        byte[] preamble = new byte[11];
        request.GetPreamble(preamble, 0);
        CupProfile.SwapTpduAddresses(preamble, 0);
        reply.SetPreamble(preamble, 0);
        reply.Mti = ResponseMatcher.ResponseMti(request.Mti);
        foreach (int f in new[] { Field.Stan, Field.TerminalId, Field.MerchantId, Field.MessageInfo })
        {
            reply.CopyField(request, f);
        }

        reply.Set(Field.ResponseCode, "00");

        Assert.Equal(ReplyPreamble + "0830" + "0020000002C00010" + "000131" + "3030" + TerminalIdHex + MerchantIdHex + "0011" + "000000053010", Pack(reply));
    }
}
