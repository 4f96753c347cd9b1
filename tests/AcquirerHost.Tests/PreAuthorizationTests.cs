using System.Globalization;
using AcquirerHost.Processing;
using AcquirerHost.Tests.Support;
using CsCheck;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Tests;

/// <summary>The pre-authorization family at the host: holds placed, released and charged, wrong originals refused.</summary>
public sealed class PreAuthorizationTests
{
    private const string Card = "6222020000001234567";

    private static Iso8583Message PreAuth(TestTerminal t, long amount, string pan = Card)
    {
        var m = t.Request(100, "030000", amount, "10");
        m.Set(Field.Pan, pan);
        m.Set(Field.EntryMode, "021");
        m.Set(Field.ConditionCode, "06");
        m.Set(Field.Currency, "156");
        return m;
    }

    // A request of the family that refers to a pre-auth by F38 and F61 (batch, STAN, date).
    private static Iso8583Message Referring(TestTerminal t, int mti, string pc, string type, long amount, Iso8583Message original, Iso8583Message answer, string? rrn = null)
    {
        var m = t.Request(mti, pc, amount, type);
        m.Set(Field.EntryMode, "012");
        m.Set(Field.ConditionCode, "06");
        m.Set(Field.Currency, "156");
        m.Set(Field.AuthCode, answer.GetString(Field.AuthCode)!);
        m.Set(Field.OriginalData, t.Batch.ToString("D6", CultureInfo.InvariantCulture) + original.GetString(Field.Stan) + answer.GetString(Field.LocalDate));
        if (rrn != null)
        {
            m.Set(Field.Rrn, rrn);
        }

        return m;
    }

    private static Iso8583Message Balance(TestTerminal t)
    {
        var m = t.Request(200, "310000", null, "01");
        m.Set(Field.Pan, Card);
        return m;
    }

    private static string Status(HostFixture host, string rrn) => host.Server.Store.Authorizations(HostFixture.Tid).Single(a => a.Rrn == rrn).Status;

    [Fact]
    public async Task A_pre_auth_holds_115_percent_of_its_amount_and_the_balance_answer_shows_it()
    {
        await using var host = new HostFixture();
        host.Rules.Balance = 100_000;
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(PreAuth(t, 40_000))!;
        var balance = t.Exchange(Balance(t))!;

        Assert.Equal(("00", 110), (r.GetString(Field.ResponseCode), r.Mti));
        Assert.Equal("1002156C" + (100_000 - 46_000).ToString("D12", CultureInfo.InvariantCulture), balance.GetString(Field.Balance));
    }

    [Fact]
    public async Task A_pre_auth_above_the_available_balance_is_declined_51()
    {
        await using var host = new HostFixture();
        host.Rules.Balance = 100_000;
        using var t = host.Connect();
        t.SignIn();
        Assert.Equal("00", t.Exchange(PreAuth(t, 60_000))!.GetString(Field.ResponseCode));

        var second = t.Exchange(PreAuth(t, 30_000))!; // holds 34,500 of the 31,000 left

        Assert.Equal("51", second.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_pre_auth_void_releases_the_hold()
    {
        await using var host = new HostFixture();
        host.Rules.Balance = 100_000;
        using var t = host.Connect();
        t.SignIn();
        var p = PreAuth(t, 40_000);
        var pa = t.Exchange(p)!;

        var v = t.Exchange(Referring(t, 100, "200000", "11", 40_000, p, pa, pa.GetString(Field.Rrn)))!;
        var balance = t.Exchange(Balance(t))!;

        Assert.Equal(("00", 110), (v.GetString(Field.ResponseCode), v.Mti));
        Assert.Equal("voided", Status(host, pa.GetString(Field.Rrn)!));
        Assert.Equal("1002156C000000100000", balance.GetString(Field.Balance));
    }

    [Fact]
    public async Task A_completion_finds_its_pre_auth_by_auth_code_and_date_releases_the_hold_and_is_a_debit()
    {
        await using var host = new HostFixture();
        host.Rules.Balance = 100_000;
        using var t = host.Connect();
        t.SignIn();
        var p = PreAuth(t, 40_000);
        var pa = t.Exchange(p)!;

        var c = t.Exchange(Referring(t, 200, "000000", "20", 45_000, p, pa))!;
        var balance = t.Exchange(Balance(t))!;

        Assert.Equal("00", c.GetString(Field.ResponseCode));
        Assert.Equal("completed", Status(host, pa.GetString(Field.Rrn)!));
        Assert.Equal("1002156C000000100000", balance.GetString(Field.Balance));
        var totals = host.Server.Store.InTransaction(tx => AcquirerHost.Store.AcquirerStore.Totals(tx, HostFixture.Tid, t.Batch));
        Assert.Equal((1, 45_000L), (totals.DebitCount, totals.DebitAmount));
    }

    [Fact]
    public async Task A_completion_above_115_percent_is_refused_61_and_the_hold_stays()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var p = PreAuth(t, 40_000);
        var pa = t.Exchange(p)!;

        var c = t.Exchange(Referring(t, 200, "000000", "20", 46_001, p, pa))!;

        Assert.Equal("61", c.GetString(Field.ResponseCode));
        Assert.Equal("approved", Status(host, pa.GetString(Field.Rrn)!));
    }

    [Fact]
    public async Task A_second_completion_of_one_pre_auth_is_refused_12_and_an_unknown_auth_code_25()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var p = PreAuth(t, 40_000);
        var pa = t.Exchange(p)!;
        Assert.Equal("00", t.Exchange(Referring(t, 200, "000000", "20", 30_000, p, pa))!.GetString(Field.ResponseCode));

        var again = t.Exchange(Referring(t, 220, "000000", "24", 10_000, p, pa))!;
        var unknown = Referring(t, 200, "000000", "20", 100, p, pa);
        unknown.Set(Field.AuthCode, pa.GetString(Field.AuthCode) == "999999" ? "999998" : "999999");

        Assert.Equal("12", again.GetString(Field.ResponseCode));
        Assert.Equal("25", t.Exchange(unknown)!.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_completion_void_undoes_the_charge_and_places_the_hold_again()
    {
        await using var host = new HostFixture();
        host.Rules.Balance = 100_000;
        using var t = host.Connect();
        t.SignIn();
        var p = PreAuth(t, 40_000);
        var pa = t.Exchange(p)!;
        var cm = Referring(t, 200, "000000", "20", 35_000, p, pa);
        var c = t.Exchange(cm)!;

        var wrongAmount = t.Exchange(Referring(t, 200, "200000", "21", 30_000, cm, c, c.GetString(Field.Rrn)))!;
        var v = t.Exchange(Referring(t, 200, "200000", "21", 35_000, cm, c, c.GetString(Field.Rrn)))!;
        var balance = t.Exchange(Balance(t))!;

        Assert.Equal("64", wrongAmount.GetString(Field.ResponseCode));
        Assert.Equal("00", v.GetString(Field.ResponseCode));
        Assert.Equal(("voided", "approved"), (Status(host, c.GetString(Field.Rrn)!), Status(host, pa.GetString(Field.Rrn)!)));
        Assert.Equal("1002156C" + (100_000 - 46_000).ToString("D12", CultureInfo.InvariantCulture), balance.GetString(Field.Balance));
    }

    [Fact]
    public async Task Reversing_a_completion_gives_the_pre_auth_back_and_a_repeated_completion_is_charged_once()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var p = PreAuth(t, 40_000);
        var pa = t.Exchange(p)!;
        var cm = Referring(t, 200, "000000", "20", 30_000, p, pa);
        byte[] packed = t.Pack(cm);
        t.SendBytes(packed);
        var first = t.Receive()!;
        t.SendBytes(packed);
        var again = t.Receive()!;

        var reversal = t.Request(400, "000000", 30_000, "20", stan: (int)cm.GetNumber(Field.Stan));
        reversal.Set(Field.ResponseCode, "98");
        var rr = t.Exchange(reversal)!;

        Assert.Equal(first.GetString(Field.Rrn), again.GetString(Field.Rrn));
        Assert.Single(host.Server.Store.Authorizations(HostFixture.Tid), a => a.Kind == "completion");
        Assert.Equal("00", rr.GetString(Field.ResponseCode));
        Assert.Equal(("reversed", "approved"), (Status(host, first.GetString(Field.Rrn)!), Status(host, pa.GetString(Field.Rrn)!)));
    }

    [Fact]
    public void Holds_add_up_and_a_completion_within_the_limit_never_exceeds_the_hold()
    {
        Gen.Select(Gen.Long[0, 100_000_000], Gen.Long[1, 10_000_000].List[0, 8]).Sample((balance, preAuths) =>
        {
            long available = HoldBook.Available(balance, preAuths);
            long held = preAuths.Sum(HoldBook.Hold);
            return available == balance - held
                && preAuths.All(a => HoldBook.CompletionLimit(a) <= HoldBook.Hold(a) && HoldBook.CompletionLimit(a) >= a
                    && HoldBook.CompletionLimit(a) * 100 <= a * 115 && (HoldBook.CompletionLimit(a) + 1) * 100 > a * 115);
        });
    }
}
