using System.Globalization;
using AcquirerHost.Invoicing;
using AcquirerHost.Processing;
using AcquirerHost.Rules;
using AcquirerHost.Tests.Support;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Tests;

/// <summary>
/// The host's own side of a settlement, per part: domestic (内卡) and foreign (外卡) cards classified by the host from
/// the card numbers it authorized, answered with its own totals and a result digit per part; F44's issuer and
/// acquirer; and the invoicing service's check of an e-invoice link.
/// </summary>
public sealed class SettlementPartsTests
{
    private const string Visa = "4761739001010010";

    private static string Part(long debitAmount, int debitCount, long creditAmount, int creditCount, char result = '0') =>
        string.Create(CultureInfo.InvariantCulture, $"{debitAmount:D12}{debitCount:D3}{creditAmount:D12}{creditCount:D3}{result}");

    private static Iso8583Message Settlement(TestTerminal t, string f48)
    {
        var m = t.Request(500, null, null, "00", "201");
        m.Set(Field.AdditionalData, f48);
        return m;
    }

    [Fact]
    public async Task The_host_splits_its_totals_into_domestic_and_foreign_cards_and_answers_each_part()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        Assert.Equal("00", t.Exchange(t.Sale(1000))!.GetString(Field.ResponseCode));
        Assert.Equal("00", t.Exchange(t.Sale(2500, Visa))!.GetString(Field.ResponseCode));

        var r = t.Exchange(Settlement(t, Part(1000, 1, 0, 0) + Part(2500, 1, 0, 0)))!;

        Assert.Equal(Part(1000, 1, 0, 0, '1') + Part(2500, 1, 0, 0, '1'), r.GetString(Field.AdditionalData));
        Assert.Equal(2, host.Server.Store.FindTerminal(HostFixture.Tid)!.BatchNumber);
    }

    [Fact]
    public async Task A_foreign_card_counted_as_domestic_makes_both_parts_unbalanced_with_the_hosts_own_figures()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        t.Exchange(t.Sale(1000));
        t.Exchange(t.Sale(2500, Visa));

        var r = t.Exchange(Settlement(t, Part(3500, 2, 0, 0) + Part(0, 0, 0, 0)))!;

        Assert.Equal(Part(1000, 1, 0, 0, '2') + Part(2500, 1, 0, 0, '2'), r.GetString(Field.AdditionalData));
        Assert.Equal(1, host.Server.Store.FindTerminal(HostFixture.Tid)!.BatchNumber);
    }

    [Fact]
    public async Task A_host_told_to_be_unbalanced_leaves_the_last_sale_out_of_its_part_only()
    {
        await using var host = new HostFixture();
        host.Server.Rules.Add(new ResponseRule { Mti = "0500", Action = RuleAction.Unbalanced });
        using var t = host.Connect();
        t.SignIn();
        t.Exchange(t.Sale(1000));
        t.Exchange(t.Sale(2500, Visa));

        var r = t.Exchange(Settlement(t, Part(1000, 1, 0, 0) + Part(2500, 1, 0, 0)))!;

        Assert.Equal(Part(1000, 1, 0, 0, '1') + Part(0, 0, 0, 0, '2'), r.GetString(Field.AdditionalData));
    }

    [Theory]
    [InlineData("6222020000001234567", "01050000")]
    [InlineData("6212345678901234567", "01020000")]
    [InlineData("6225880123456789", "03080000")]
    [InlineData(Visa, "VISA")]
    [InlineData("5413330089010012", "MASTERCARD")]
    public async Task A_card_answer_names_its_issuer_and_the_acquirer_in_F44(string pan, string issuer)
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000, pan))!;

        Assert.Equal(issuer.PadRight(11) + "48020000".PadRight(11), r.GetString(Field.AdditionalResponse));
    }

    [Theory]
    [InlineData("200", "23")] // void
    [InlineData("220", "25")] // refund by reference
    public async Task A_void_or_refund_by_reference_names_its_originals_issuer_in_F44(string mti, string type60)
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(2500, Visa);
        var answer = t.Exchange(sale)!;
        var request = t.Request(int.Parse(mti, CultureInfo.InvariantCulture), "200000", 2500, type60);
        request.Set(Field.Rrn, answer.GetString(Field.Rrn)!);
        request.Set(Field.OriginalData, type60 == "23"
            ? t.Batch.ToString("D6", CultureInfo.InvariantCulture) + sale.GetString(Field.Stan)
            : "000000000000" + answer.GetString(Field.LocalDate));

        var r = t.Exchange(request)!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal("VISA".PadRight(11) + "48020000".PadRight(11), r.GetString(Field.AdditionalResponse));
    }

    [Fact]
    public void The_invoicing_service_accepts_a_link_signed_with_the_terminals_key_and_reads_its_fields()
    {
        const string Query = "mid=898310048990001&tid=12345678&date=20261125&time=094100&amt=12800&rrn=000000000001&inv=000001";
        string url = "https://fapiao.example.com/claim?" + Query + "&sig=" + Sign(Query);

        var claim = EInvoiceService.Check(url, EInvoiceService.DemoKey);

        Assert.True(claim.Valid, claim.Reason);
        Assert.Equal(("898310048990001", "12345678", "20261125", 12800L, "000000000001", "000001"), (claim.MerchantId, claim.TerminalId, claim.Date, claim.AmountFen, claim.Rrn, claim.Invoice));
    }

    [Theory]
    [InlineData("amt=12800", "amt=12900")]
    [InlineData("rrn=000000000001", "rrn=000000000002")]
    [InlineData("tid=12345678", "tid=12345679")]
    [InlineData("&inv=000001", "")]
    public void The_invoicing_service_refuses_a_link_with_a_changed_parameter(string from, string to)
    {
        const string Query = "mid=898310048990001&tid=12345678&date=20261125&time=094100&amt=12800&rrn=000000000001&inv=000001";
        string url = "https://fapiao.example.com/claim?" + Query.Replace(from, to, StringComparison.Ordinal) + "&sig=" + Sign(Query);

        Assert.False(EInvoiceService.Check(url, EInvoiceService.DemoKey).Valid);
    }

    [Fact]
    public void The_invoicing_service_refuses_a_link_signed_with_another_key()
    {
        const string Query = "mid=898310048990001&tid=12345678&date=20261125&time=094100&amt=12800&rrn=000000000001&inv=000001";
        byte[] other = new byte[32];

        var claim = EInvoiceService.Check("https://x/claim?" + Query + "&sig=" + Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(other, System.Text.Encoding.ASCII.GetBytes(Query)), 0, 16), EInvoiceService.DemoKey);

        Assert.False(claim.Valid);
        Assert.Contains("signature", claim.Reason, StringComparison.Ordinal);
    }

    private static string Sign(string query) =>
        Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(EInvoiceService.DemoKey, System.Text.Encoding.ASCII.GetBytes(query)), 0, 16);
}
