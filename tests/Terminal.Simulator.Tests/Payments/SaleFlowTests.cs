using AcquirerHost.Rules;
using AcquirerHost.Store;
using HostTotals = AcquirerHost.Store.BatchTotals;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using BatchTotals = Terminal.Core.Payments.BatchTotals;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The cashier's flows end to end: keys and cards on the simulated terminal, AcquirerHost over TCP.</summary>
public sealed class SaleFlowTests
{
    /// <summary>A signed-in terminal over <paramref name="link"/>: tcp (plain), tls (TCP with TLS 1.2, this run's test CA pinned) or serial.</summary>
    internal static async Task<TerminalRig> ReadyRig(string link = "tcp")
    {
        var rig = link == "tls" ? TerminalRig.Start("tcp", tls: Tls.TestTls.Pki.Good) : TerminalRig.Start(link);
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, "the terminal signs in at boot: " + rig.Pos.LastMessage);
        await Task.CompletedTask;
        return rig;
    }

    internal static HostTotals HostTotalsOf(TerminalRig rig, int batch) =>
        rig.Host.Store.InTransaction(tx => AcquirerStore.Totals(tx, TerminalRig.TerminalId, batch));

    [Fact]
    public async Task A_swiped_sale_is_approved_journaled_and_recorded_once_by_the_host()
    {
        await using var rig = await ReadyRig();
        string message = rig.Sale(1234, "swipe:unionpay");

        Assert.Equal("Approved", message);
        TxnEntry sale = rig.Store.At(0);
        Assert.Equal(TxnState.Approved, sale.State);
        Assert.Equal(1234, sale.Amount);
        Assert.Equal(EntryMode.Swipe, sale.Mode);
        Assert.Equal(12, sale.Rrn.Length);
        Assert.Contains("*", sale.MaskedPan, StringComparison.Ordinal);
        var auths = rig.Host.Store.Authorizations(TerminalRig.TerminalId).Where(a => a.Kind == "sale").ToList();
        Assert.Single(auths);
        Assert.Equal(sale.Rrn, auths[0].Rrn);
        Assert.Equal(1, sale.Printed & 1);
    }

    [Theory]
    [InlineData("tap:visa", TxnChannel.Card, EntryMode.Contactless)]
    [InlineData("scan:134567890123456789", TxnChannel.WeChat, EntryMode.Qr)]
    [InlineData("scan:284567890123456789", TxnChannel.Alipay, EntryMode.Qr)]
    [InlineData("scan:6212345678901234567", TxnChannel.UnionPayQr, EntryMode.Qr)]
    public async Task Taps_and_each_payment_code_kind_are_sold(string payment, int channel, int mode)
    {
        await using var rig = await ReadyRig();
        Assert.Equal("Approved", rig.Sale(500, payment));

        TxnEntry sale = rig.Store.At(0);
        Assert.Equal(channel, sale.Channel);
        Assert.Equal(mode, sale.Mode);
        Assert.Equal(TxnState.Approved, sale.State);
    }

    [Fact]
    public async Task An_unknown_code_is_refused_and_the_terminal_keeps_waiting_for_a_payment()
    {
        await using var rig = await ReadyRig();
        rig.KeyAmount(800);
        rig.Present("scan:HELLO-WORLD");
        Assert.Equal("Not a payment code we accept", rig.Pos.LastMessage);
        rig.Present("swipe:visa");
        rig.Board.RunWhileHostBusy();
        Assert.Equal("Approved", rig.Pos.LastMessage);
        Assert.Equal(1, rig.Store.Count);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("tls")]
    public async Task A_declined_sale_shows_the_host_text_and_does_not_count(string link)
    {
        await using var rig = await ReadyRig(link);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*51", Action = RuleAction.Decline, ResponseCode = "51" });
        string message = rig.Sale(2051, "swipe:visa");

        Assert.Equal("Insufficient funds", message);
        Assert.Equal(TxnState.Declined, rig.Store.At(0).State);
        var totals = new Terminal.Core.Payments.BatchTotals();
        rig.Store.Totals(totals);
        Assert.Equal(0, totals.DebitCount);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("tls")]
    public async Task A_host_that_does_not_answer_gets_the_sale_reversed_and_nothing_is_charged(string link)
    {
        await using var rig = await ReadyRig(link);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*99", Action = RuleAction.NoAnswer });
        string message = rig.Sale(1999, "swipe:visa");

        Assert.True(message.Contains("reversed", StringComparison.Ordinal), message);
        Assert.Equal(TxnState.Reversed, rig.Store.At(0).State);
        var host = rig.Host.Store.Authorizations(TerminalRig.TerminalId).Single(a => a.Kind == "sale");
        Assert.Equal("reversed", host.Status);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("tls")]
    public async Task A_response_with_a_bad_MAC_is_rejected_and_the_sale_reversed(string link)
    {
        await using var rig = await ReadyRig(link);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*77", Action = RuleAction.BadMac, Times = 1 });
        string message = rig.Sale(1077, "swipe:visa");

        Assert.Contains("MAC", message, StringComparison.Ordinal);
        Assert.Equal(TxnState.Reversed, rig.Store.At(0).State);
        Assert.Equal("reversed", rig.Host.Store.Authorizations(TerminalRig.TerminalId).Single(a => a.Kind == "sale").Status);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("tls")]
    public async Task A_host_that_drops_the_connection_after_the_sale_gets_it_reversed_over_a_new_connection(string link)
    {
        await using var rig = await ReadyRig(link);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*66", Action = RuleAction.DropConnection, Times = 1 });
        string message = rig.Sale(1066, "swipe:visa");

        Assert.True(message.Contains("reversed", StringComparison.Ordinal), message);
        Assert.Equal(TxnState.Reversed, rig.Store.At(0).State);
        Assert.Equal("reversed", rig.Host.Store.Authorizations(TerminalRig.TerminalId).Single(a => a.Kind == "sale").Status);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("tls")]
    public async Task A_duplicated_answer_approves_the_sale_once(string link)
    {
        await using var rig = await ReadyRig(link);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*22", Action = RuleAction.Duplicate, Times = 1 });

        Assert.Equal("Approved", rig.Sale(1022, "swipe:visa"));
        Assert.Equal("Approved", rig.Sale(500, "swipe:visa"));
        Assert.Equal(2, rig.Store.Count);
        Assert.Equal(2, rig.Host.Store.Authorizations(TerminalRig.TerminalId).Count(a => a.Kind == "sale"));
    }

    [Fact]
    public async Task Void_and_refund_behind_the_manager_password_then_a_balanced_settlement()
    {
        await using var rig = await ReadyRig();
        Assert.Equal("Approved", rig.Sale(10000, "swipe:visa"));
        Assert.Equal("Approved", rig.Sale(2500, "tap:mastercard"));
        TxnEntry first = rig.Store.At(0);

        Assert.Equal("Approved", rig.Void(first.Invoice));
        Assert.True(first.Voided);
        Assert.Equal("Already voided", rig.Void(first.Invoice));

        TxnEntry second = rig.Store.At(1);
        Assert.StartsWith("Above original", rig.Refund(second.Rrn, second.DateMmdd, 9999), StringComparison.Ordinal);
        Assert.Equal("Approved", rig.Refund(second.Rrn, second.DateMmdd, 1000));

        int batch = rig.Store.Batch;
        string settled = rig.Settle();
        Assert.Contains("balanced", settled, StringComparison.Ordinal);
        Assert.Equal(batch + 1, rig.Store.Batch);
        Assert.Equal(0, rig.Store.Count);
        Assert.Equal(1, rig.Store.LastSettled.DebitCount);
        Assert.Equal(2500, rig.Store.LastSettled.DebitAmount);
        Assert.Equal(1000, rig.Store.LastSettled.CreditAmount);
        Assert.Equal(new HostTotals(1, 2500, 1, 1000), HostTotalsOf(rig, batch));
        Assert.True(rig.Host.Store.Settlements(TerminalRig.TerminalId).Single().Balanced);
    }

    [Fact]
    public async Task An_unbalanced_settlement_uploads_the_batch_and_then_closes_it()
    {
        await using var rig = await ReadyRig();
        rig.Sale(300, "swipe:visa");
        rig.Sale(400, "scan:134567890123456789");
        rig.Host.Rules.Add(new ResponseRule { Mti = "0500", Action = RuleAction.Unbalanced, Times = 1 });
        int batch = rig.Store.Batch;

        string settled = rig.Settle();

        Assert.True(settled.Contains("batch upload of 2", StringComparison.Ordinal), settled);
        var record = rig.Host.Store.Settlements(TerminalRig.TerminalId).Single();
        Assert.False(record.Balanced);
        Assert.True(record.Ended);
        Assert.Equal(2, record.UploadedCount);
        Assert.Equal(batch + 1, rig.Store.Batch);
    }

    [Fact]
    public async Task Wrong_manager_password_does_not_open_void()
    {
        await using var rig = await ReadyRig();
        rig.Sale(300, "swipe:visa");
        rig.Press(Terminal.Hal.KeyCode.Menu, Terminal.Hal.KeyCode.Digit0 + 2);
        rig.Type("1111");
        rig.Press(Terminal.Hal.KeyCode.Enter);
        Assert.StartsWith("Wrong password", rig.Pos.LastMessage, StringComparison.Ordinal);
        Assert.Equal(1, rig.Store.Count);
    }
}
