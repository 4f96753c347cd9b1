using System.Globalization;
using AcquirerHost.Processing;
using AcquirerHost.Tests.Support;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Tests;

public sealed class SettlementTests
{
    // F48: domestic debit amount n12, debit count n3, credit amount n12, credit count n3, result n1; then the same for foreign cards.
    private static string Totals(long debitAmount, int debitCount, long creditAmount, int creditCount) =>
        string.Create(CultureInfo.InvariantCulture, $"{debitAmount:D12}{debitCount:D3}{creditAmount:D12}{creditCount:D3}0") + new string('0', 31);

    private static Iso8583Message Settlement(TestTerminal t, string f48)
    {
        var m = t.Request(500, null, null, "00", "201");
        m.Set(Field.AdditionalData, f48);
        return m;
    }

    private static void Sales(TestTerminal t, params long[] amounts)
    {
        foreach (long a in amounts)
        {
            Assert.Equal("00", t.Exchange(t.Sale(a))!.GetString(Field.ResponseCode));
        }
    }

    [Fact]
    public async Task Matching_totals_are_answered_balanced_with_result_digit_1()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        Sales(t, 1000, 2000);

        var r = t.Exchange(Settlement(t, Totals(3000, 2, 0, 0)))!;

        Assert.Equal(510, r.Mti);
        Assert.Equal("00", r.GetString(Field.ResponseCode));
        string f48 = r.GetString(Field.AdditionalData)!;
        Assert.Equal('1', f48[30]);
        Assert.Equal('1', f48[61]);
        Assert.True(t.ResponseMacValid(r));
    }

    [Fact]
    public async Task A_balanced_settlement_closes_the_batch()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        Sales(t, 1000);

        t.Exchange(Settlement(t, Totals(1000, 1, 0, 0)));

        Assert.Equal(2, host.Server.Store.FindTerminal(HostFixture.Tid)!.BatchNumber);
        Assert.True(Assert.Single(host.Server.Store.Settlements(HostFixture.Tid)).Balanced);
    }

    [Fact]
    public async Task Refunds_count_as_credits_and_voided_sales_not_at_all()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Exchange(t.Sale(5000))!;
        var second = t.Sale(700);
        var secondResponse = t.Exchange(second)!;
        var refund = t.Request(220, "200000", 1500, "25");
        refund.Set(Field.Rrn, sale.GetString(Field.Rrn)!);
        refund.Set(Field.OriginalData, "000000000000" + sale.GetString(Field.LocalDate));
        t.Exchange(refund);
        var voidRequest = t.Request(200, "200000", 700, "23");
        voidRequest.Set(Field.Rrn, secondResponse.GetString(Field.Rrn)!);
        voidRequest.Set(Field.OriginalData, "000001" + second.GetString(Field.Stan));
        t.Exchange(voidRequest);

        var r = t.Exchange(Settlement(t, Totals(5000, 1, 1500, 1)))!;

        Assert.Equal('1', r.GetString(Field.AdditionalData)![30]);
    }

    [Fact]
    public async Task Differing_totals_are_answered_unbalanced_with_result_digit_2()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        Sales(t, 1000);

        var r = t.Exchange(Settlement(t, Totals(1500, 2, 0, 0)))!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal('2', r.GetString(Field.AdditionalData)![30]);
        Assert.Equal(1, host.Server.Store.FindTerminal(HostFixture.Tid)!.BatchNumber);
    }

    [Fact]
    public async Task Unbalanced_settlement_then_batch_upload_then_settlement_end_closes_the_batch()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(1000);
        var saleResponse = t.Exchange(sale)!;
        var unbalanced = t.Exchange(Settlement(t, Totals(1500, 2, 0, 0)))!;
        Assert.Equal('2', unbalanced.GetString(Field.AdditionalData)![30]);

        var upload = t.Request(320, "000000", 1000, "00", MessageProcessor.BatchUploadCode);
        upload.Set(Field.Rrn, saleResponse.GetString(Field.Rrn)!);
        upload.Set(Field.OriginalData, "000001" + sale.GetString(Field.Stan));
        var uploaded = t.Exchange(upload)!;
        var orphan = t.Request(320, "000000", 500, "00", MessageProcessor.BatchUploadCode);
        orphan.Set(Field.OriginalData, "000001000099");
        t.Exchange(orphan);
        var end = t.Request(320, null, null, "00", MessageProcessor.BatchUploadEndCode);
        end.Set(Field.AdditionalData, "0002");
        var ended = t.Exchange(end)!;

        Assert.Equal((330, "00"), (uploaded.Mti, uploaded.GetString(Field.ResponseCode)));
        Assert.Equal((330, "00"), (ended.Mti, ended.GetString(Field.ResponseCode)));
        Assert.True(t.ResponseMacValid(ended));
        var settlement = Assert.Single(host.Server.Store.Settlements(HostFixture.Tid));
        Assert.Equal((false, true, 2), (settlement.Balanced, settlement.Ended, settlement.UploadedCount));
        Assert.Equal(2, host.Server.Store.FindTerminal(HostFixture.Tid)!.BatchNumber);
    }

    [Fact]
    public async Task Settlement_end_without_an_open_unbalanced_settlement_is_refused_12()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var end = t.Request(320, null, null, "00", MessageProcessor.BatchUploadEndCode);
        end.Set(Field.AdditionalData, "0000");

        var r = t.Exchange(end)!;

        Assert.Equal("12", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task Settlement_with_a_malformed_F48_is_answered_30()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(Settlement(t, "0000"))!;

        Assert.Equal("30", r.GetString(Field.ResponseCode));
    }
}
