using AcquirerHost.Rules;
using AcquirerHost.Tests.Support;

namespace AcquirerHost.Tests;

public sealed class RuleTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Amounts_ending_in_51_are_declined_51_by_a_pattern_rule(bool tls)
    {
        await using var host = new HostFixture(tls: tls);
        host.Rules.Add(new ResponseRule { Mti = "0200", ProcessingCode = "000000", Amount = "*51", Action = RuleAction.Decline, ResponseCode = "51" });
        using var t = host.Connect();
        t.SignIn();

        var declined = t.Exchange(t.Sale(1251))!;
        var approved = t.Exchange(t.Sale(1250))!;

        Assert.Equal(("51", "00"), (declined.GetString(Field.ResponseCode), approved.GetString(Field.ResponseCode)));
        Assert.False(declined.Has(Field.AuthCode));
        Assert.Equal("declined", host.Server.Store.Authorizations(HostFixture.Tid)[0].Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_answer_rule_records_the_sale_but_sends_nothing(bool tls)
    {
        await using var host = new HostFixture(tls: tls);
        host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.NoAnswer });
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000), timeoutMs: 300);

        Assert.Null(r);

        // The host records the sale on its own thread: 300 ms without an answer says nothing about when that is done
        // on a loaded machine, so wait for the record (a bound only against a hang, not a timing assertion).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Server.Store.Authorizations(HostFixture.Tid).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal("approved", Assert.Single(host.Server.Store.Authorizations(HostFixture.Tid)).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Late_rule_answers_after_the_delay(bool tls)
    {
        await using var host = new HostFixture(tls: tls);
        host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.Late, DelayMs = 400 });
        using var t = host.Connect();
        t.SignIn();

        // Nothing within half the delay, then the answer. No wall-clock bound is asserted:
        // the host's timer may fire a few milliseconds before a stopwatch says 400 ms.
        var early = t.Exchange(t.Sale(1000), timeoutMs: 200);
        var late = t.Receive(5000);

        Assert.Null(early);
        Assert.NotNull(late);
        Assert.Equal("00", late.GetString(Field.ResponseCode));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bad_MAC_rule_sends_a_response_whose_MAC_does_not_verify(bool tls)
    {
        await using var host = new HostFixture(tls: tls);
        host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.BadMac });
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000))!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.False(t.ResponseMacValid(r));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Drop_connection_rule_closes_the_link_without_answering(bool tls)
    {
        await using var host = new HostFixture(tls: tls);
        host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.DropConnection });
        using var t = host.Connect();
        t.SignIn();

        t.SendBytes(t.Pack(t.Sale(1000)));

        Assert.Throws<EndOfStreamException>(() => t.Receive(2000));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Duplicate_rule_sends_the_same_response_twice(bool tls)
    {
        await using var host = new HostFixture(tls: tls);
        host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.Duplicate });
        using var t = host.Connect();
        t.SignIn();

        var first = t.Exchange(t.Sale(1000))!;
        byte[] firstBytes = t.LastResponseBytes!;
        var second = t.Receive(1000)!;

        Assert.Equal(firstBytes, t.LastResponseBytes);
        Assert.Equal(first.GetString(Field.Rrn), second.GetString(Field.Rrn));
        Assert.Single(host.Server.Store.Authorizations(HostFixture.Tid));
    }

    [Fact]
    public async Task An_approve_rule_ahead_of_a_decline_rule_wins()
    {
        await using var host = new HostFixture();
        host.Rules.Add(new ResponseRule { Amount = "*00", Action = RuleAction.Approve });
        host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.Decline, ResponseCode = "05" });
        using var t = host.Connect();
        t.SignIn();

        var approved = t.Exchange(t.Sale(1000))!;
        var declined = t.Exchange(t.Sale(1001))!;

        Assert.Equal(("00", "05"), (approved.GetString(Field.ResponseCode), declined.GetString(Field.ResponseCode)));
    }

    [Fact]
    public async Task A_rule_for_another_terminal_does_not_apply()
    {
        await using var host = new HostFixture();
        host.Rules.Add(new ResponseRule { Terminal = "00000000", Action = RuleAction.Decline, ResponseCode = "05" });
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000))!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_rule_limited_by_times_stops_applying()
    {
        await using var host = new HostFixture();
        host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.Decline, ResponseCode = "91", Times = 1 });
        using var t = host.Connect();
        t.SignIn();

        var first = t.Exchange(t.Sale(1000))!;
        var second = t.Exchange(t.Sale(1000))!;

        Assert.Equal(("91", "00"), (first.GetString(Field.ResponseCode), second.GetString(Field.ResponseCode)));
    }

    [Fact]
    public async Task Rules_file_is_read_from_JSON()
    {
        await using var host = new HostFixture();
        string path = Path.Combine(host.Directory, "rules.json");
        await File.WriteAllTextAsync(path, """
            {
              // comments are allowed
              "balance": 4200,
              "rules": [
                { "mti": "0200", "amount": "*51", "action": "decline", "responseCode": "51" },
                { "mti": "0400", "action": "late", "delayMs": 3000, "times": 1 }
              ]
            }
            """);

        var book = RuleBook.Load(path);

        Assert.Equal(4200, book.Balance);
        Assert.Equal("51", book.Choose(200, "000000", "000000000051", "12345678")!.ResponseCode);
        Assert.Equal(RuleAction.Late, book.Choose(400, "000000", "000000000051", "12345678")!.Action);
        Assert.Null(book.Choose(400, "000000", "000000000051", "12345678"));
    }

    [Theory]
    [InlineData("*51", "000000001251", true)]
    [InlineData("*51", "000000001250", false)]
    [InlineData("00000000??00", "000000001200", true)]
    [InlineData("000000001200", "000000001200", true)]
    [InlineData("0000*", "000100000000", false)]
    public void Amount_patterns_are_globs_over_the_12_digits(string pattern, string amount, bool matches) =>
        Assert.Equal(matches, ResponseRule.Glob(pattern, amount));
}
