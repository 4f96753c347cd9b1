using AcquirerHost.Tests.Support;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Tests;

public sealed class ReversalTests
{
    private static Iso8583Message Reversal(TestTerminal t, Iso8583Message original)
    {
        // CUP: the reversal repeats the original's F3, F4, F11, F25 and F60; F39 says why (98: no answer).
        var m = t.Request(400, original.GetString(Field.ProcessingCode), original.GetNumber(Field.Amount), "22", stan: (int)original.GetNumber(Field.Stan));
        m.Set(Field.Pan, original.GetString(Field.Pan)!);
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.ResponseCode, "98");
        return m;
    }

    [Fact]
    public async Task Reversal_of_a_sale_is_answered_0410_00_and_reverses_it()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(4200);
        t.Exchange(sale);

        var r = t.Exchange(Reversal(t, sale))!;

        Assert.Equal(410, r.Mti);
        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.True(t.ResponseMacValid(r));
        Assert.Equal("reversed", host.Server.Store.Authorizations(HostFixture.Tid)[0].Status);
    }

    [Fact]
    public async Task A_repeated_reversal_is_answered_00_and_applied_only_once()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(4200);
        t.Exchange(sale);
        var reversal = Reversal(t, sale);
        t.Exchange(reversal);

        var again = t.Exchange(Reversal(t, sale))!;

        Assert.Equal("00", again.GetString(Field.ResponseCode));
        Assert.Equal(1, host.Server.Store.ReversalCount(HostFixture.Tid));
        Assert.Contains(host.Log, l => l.Contains("repeated reversal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_totals_exclude_a_sale_reversed_twice_and_keep_the_next_sale()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(4200);
        t.Exchange(sale);
        t.Exchange(Reversal(t, sale));
        t.Exchange(Reversal(t, sale));
        t.Stan = 10;
        t.Exchange(t.Sale(100));

        var totals = host.Server.Store.InTransaction(tx => Store.AcquirerStore.Totals(tx, HostFixture.Tid, t.Batch));

        Assert.Equal((1, 100L), (totals.DebitCount, totals.DebitAmount));
    }

    [Fact]
    public async Task Reversal_of_an_unknown_transaction_is_answered_00_and_recorded()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var neverSent = t.Sale(777);

        var r = t.Exchange(Reversal(t, neverSent))!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal(1, host.Server.Store.ReversalCount(HostFixture.Tid));
        Assert.Empty(host.Server.Store.Authorizations(HostFixture.Tid));
    }

    [Fact]
    public async Task Reversal_of_a_void_puts_the_sale_back()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(900);
        var saleResponse = t.Exchange(sale)!;
        var voidRequest = t.Request(200, "200000", 900, "23");
        voidRequest.Set(Field.Rrn, saleResponse.GetString(Field.Rrn)!);
        voidRequest.Set(Field.OriginalData, "000001" + sale.GetString(Field.Stan));
        t.Exchange(voidRequest);
        var reversal = t.Request(400, "200000", 900, "23", stan: (int)voidRequest.GetNumber(Field.Stan));

        t.Exchange(reversal);

        var auths = host.Server.Store.Authorizations(HostFixture.Tid);
        Assert.Equal(("approved", "reversed"), (auths[0].Status, auths[1].Status));
    }
}
