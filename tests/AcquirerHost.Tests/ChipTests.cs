using System.Globalization;
using AcquirerHost.Processing;
using AcquirerHost.Rules;
using AcquirerHost.Tests.Support;
using Terminal.Core.Messages.Iso8583;
using Terminal.Drivers.Simulated.ChipCards;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace AcquirerHost.Tests;

/// <summary>The host's issuer side for chip sales: the ARQC checked, the ARPC and scripts answered, the advices recorded.</summary>
public sealed class ChipTests
{
    private const int Atc = 0x0021;
    private const int PanSequence = 1;
    private static readonly string Pan = ContactEmvTestCards.UnionPayCreditPan;
    private static readonly byte[] Aip = Hex("7C00");
    private static readonly byte[] Un = Hex("11223344");

    // CDOL1 data of the test cards for 1000 fen: 9F02, 9F03, 9F1A, 95, 5F2A, 9A, 9C, 9F37.
    private static byte[] Cdol1(long amount) =>
        [.. Hex(amount.ToString("D12", CultureInfo.InvariantCulture)), .. new byte[6], .. Hex("0156"), .. Hex("0000000000"), .. Hex("0156"), .. Hex("261206"), 0x00, .. Un];

    private static byte[] Arqc(long amount) => EmvIssuerCrypto.Arqc(ContactEmvTestCards.IssuerMasterKey, Pan, PanSequence, Atc, Cdol1(amount), Aip);

    private static byte[] Field55(long amount, byte[] arqc) =>
    [
        .. Tlv(0x9F26, arqc), .. Tlv(0x9F27, new byte[] { 0x80 }), .. Tlv(0x9F10, Hex("07010103A00000010A01000000000000000000")),
        .. Tlv(0x9F37, Un), .. Tlv(0x9F36, new byte[] { Atc >> 8, Atc & 0xFF }), .. Tlv(0x95, Hex("0000000000")), .. Tlv(0x9A, Hex("261206")),
        .. Tlv(0x9C, new byte[] { 0x00 }), .. Tlv(0x9F02, Hex(amount.ToString("D12", CultureInfo.InvariantCulture))), .. Tlv(0x5F2A, Hex("0156")),
        .. Tlv(0x82, Aip), .. Tlv(0x9F1A, Hex("0156")), .. Tlv(0x9F03, new byte[6]),
    ];

    private static Iso8583Message ChipSale(TestTerminal t, long amount, byte[] arqc)
    {
        var m = t.Sale(amount, Pan);
        m.Set(Field.EntryMode, "051");
        m.SetNumber(Field.CardSequence, PanSequence, 3);
        byte[] icc = Field55(amount, arqc);
        m.Set(Field.IccData, icc, 0, icc.Length);
        return m;
    }

    private static Dictionary<int, byte[]> AnswerTags(Iso8583Message r)
    {
        var icc = new byte[255];
        int n = r.GetBytes(Field.IccData, icc, 0);
        Assert.True(n > 0, "the answer carries no field 55");
        return IssuerChip.Parse(icc.AsSpan(0, n))!;
    }

    [Fact]
    public async Task A_chip_sale_with_the_cards_ARQC_is_approved_with_the_ARPC_in_91()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] arqc = Arqc(1000);

        var r = t.Exchange(ChipSale(t, 1000, arqc))!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        byte[] sessionKey = EmvIssuerCrypto.SessionKey(EmvIssuerCrypto.CardKey(ContactEmvTestCards.IssuerMasterKey, Pan, PanSequence), Atc);
        byte[] expected = [.. EmvIssuerCrypto.Arpc(sessionKey, arqc, "00"u8.ToArray()), .. "00"u8.ToArray()];
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(AnswerTags(r)[0x91]));
        Assert.Contains(host.Log, l => l.Contains("ARQC verified", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chip_sale_whose_ARQC_is_wrong_is_declined_without_an_ARPC()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] arqc = Arqc(1000);
        arqc[7] ^= 0x01;

        var r = t.Exchange(ChipSale(t, 1000, arqc))!;

        Assert.Equal("05", r.GetString(Field.ResponseCode));
        Assert.False(r.Has(Field.IccData));
        Assert.Contains(host.Log, l => l.Contains("ARQC check failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chip_sale_whose_amount_was_changed_after_the_card_signed_it_is_declined()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(ChipSale(t, 1000, Arqc(999)))!;

        Assert.Equal("05", r.GetString(Field.ResponseCode));
    }

    [Theory]
    [InlineData("71", 0x71)]
    [InlineData("72", 0x72)]
    public async Task A_rule_adds_an_issuer_script_for_the_chosen_card(string template, int tag)
    {
        await using var host = new HostFixture();
        host.Rules.Add(new ResponseRule { Mti = "0200", Pan = "625094*", IssuerScript = template });
        using var t = host.Connect();
        t.SignIn();

        var tags = AnswerTags(t.Exchange(ChipSale(t, 1000, Arqc(1000)))!);

        var script = IssuerChip.Parse(tags[tag])!;
        Assert.Equal(4, script[0x9F18].Length);
        Assert.Equal(0x84, script[0x86][0]); // secure messaging: MACed for the card
        Assert.Equal(0xDA, script[0x86][1]); // PUT DATA
    }

    [Fact]
    public async Task A_rule_for_another_card_adds_no_script()
    {
        await using var host = new HostFixture();
        host.Rules.Add(new ResponseRule { Mti = "0200", Pan = "4*", IssuerScript = "72" });
        using var t = host.Connect();
        t.SignIn();

        var tags = AnswerTags(t.Exchange(ChipSale(t, 1000, Arqc(1000)))!);

        Assert.Equal([0x91], tags.Keys.ToArray());
    }

    [Fact]
    public async Task A_script_result_notification_is_recorded_once_per_original()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = ChipSale(t, 1000, Arqc(1000));
        var saleAnswer = t.Exchange(sale)!;

        Iso8583Message Notice()
        {
            var m = t.Request(620, "000000", 1000, "00", MessageProcessor.ScriptResultCode);
            m.Set(Field.Rrn, saleAnswer.GetString(Field.Rrn)!);
            m.Set(Field.OriginalData, t.Batch.ToString("D6", CultureInfo.InvariantCulture) + sale.GetString(Field.Stan) + "1206");
            byte[] icc = [.. Tlv(0x95, Hex("0000000000")), .. Tlv(0xDF31, Hex("2000000001"))];
            m.Set(Field.IccData, icc, 0, icc.Length);
            return m;
        }

        var first = t.Exchange(Notice())!;
        var again = t.Exchange(Notice())!;

        Assert.Equal(("00", "00"), (first.GetString(Field.ResponseCode), again.GetString(Field.ResponseCode)));
        Assert.Equal(1, host.Server.Store.ChipAdviceCount(HostFixture.Tid, "script-result"));
        Assert.Equal(["00000001:2"], host.Server.Store.ChipAdviceDetails(HostFixture.Tid, "script-result"));
    }

    [Fact]
    public async Task A_TC_upload_is_recorded_and_one_without_a_TC_is_refused()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = ChipSale(t, 1000, Arqc(1000));
        var saleAnswer = t.Exchange(sale)!;

        Iso8583Message Upload(byte cid)
        {
            var m = t.Request(320, "000000", 1000, "00", MessageProcessor.IcDetailCode);
            m.Set(Field.Rrn, saleAnswer.GetString(Field.Rrn)!);
            m.Set(Field.OriginalData, t.Batch.ToString("D6", CultureInfo.InvariantCulture) + sale.GetString(Field.Stan) + "1206");
            byte[] icc = [.. Tlv(0x9F26, Hex("0102030405060708")), .. Tlv(0x9F27, new byte[] { cid })];
            m.Set(Field.IccData, icc, 0, icc.Length);
            return m;
        }

        Assert.Equal("30", t.Exchange(Upload(0x00))!.GetString(Field.ResponseCode));
        Assert.Equal("00", t.Exchange(Upload(0x40))!.GetString(Field.ResponseCode));
        Assert.Equal(1, host.Server.Store.ChipAdviceCount(HostFixture.Tid, "tc"));
    }

    [Fact]
    public async Task The_reversal_of_a_chip_sale_the_card_declined_undoes_it_and_logs_the_reason()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = ChipSale(t, 1000, Arqc(1000));
        Assert.Equal("00", t.Exchange(sale)!.GetString(Field.ResponseCode));

        var reversal = t.Request(400, "000000", 1000, "22", stan: (int)sale.GetNumber(Field.Stan));
        reversal.Set(Field.ResponseCode, "06");
        var r = t.Exchange(reversal)!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal("reversed", Assert.Single(host.Server.Store.Authorizations(HostFixture.Tid)).Status);
        Assert.Contains(host.Log, l => l.Contains("reason 06", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_log_shows_the_chip_card_masked()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        t.Exchange(ChipSale(t, 1000, Arqc(1000)));

        Assert.DoesNotContain(host.Log, l => l.Contains(Pan, StringComparison.Ordinal));
        Assert.Contains(host.Log, l => l.Contains(Pan[..6] + new string('*', Pan.Length - 10) + Pan[^4..], StringComparison.Ordinal));
    }
}
