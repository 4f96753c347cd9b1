using AcquirerHost.Rules;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// What the host's answer to a completion advice does (docs/pre-authorization.md, "When the host does not take an
/// advice"): a refusal takes the advice out of the terminal's totals and onto the detail report as ADVICE REFUSED; a
/// duplicate (94) is success; an advice that gets no usable answer stops the jobs for a few runs, then is given up and
/// no longer holds up the queue or the settlement. Every case ends with a settlement the host finds balanced.
/// </summary>
public sealed class CompletionAdviceAnswerTests
{
    private static async Task<(TerminalRig Rig, TxnEntry Advice)> AdviceOwed(string link)
    {
        var rig = TerminalRig.Start(link);
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        rig.PreAuth(20_000, "swipe:unionpay");
        TxnEntry preAuth = rig.Store.At(0);
        rig.Complete(preAuth.AuthCode, preAuth.DateMmdd, 21_000, advice: true);
        await Task.CompletedTask;
        return (rig, rig.Store.At(1));
    }

    private static string HostAdvice(TerminalRig rig) =>
        string.Join(",", rig.Host.Store.Authorizations(TerminalRig.TerminalId).Where(a => a.Kind == "advice").Select(a => a.Status));

    private static string HostPreAuth(TerminalRig rig) =>
        rig.Host.Store.Authorizations(TerminalRig.TerminalId).Single(a => a.Kind == "preauth").Status;

    // Settles; the host found the batch balanced and its own books are the terminal's totals. Returns the settled screen's message.
    private static string SettlesBalancedWithTheHost(TerminalRig rig, long debits)
    {
        int batch = rig.Store.Batch;
        string message = rig.Settle();
        Assert.True(rig.Store.LastSettledBalanced, message);
        Assert.True(rig.Host.Store.Settlements(TerminalRig.TerminalId).Last().Balanced, message);
        var host = rig.Host.Store.InTransaction(tx => AcquirerHost.Store.AcquirerStore.Totals(tx, TerminalRig.TerminalId, batch));
        Assert.Equal((debits, debits), (rig.Store.LastSettled.DebitAmount, host.DebitAmount));
        return message;
    }

    private static string DetailReport(TerminalRig rig)
    {
        int before = rig.Board.PrinterMechanism.Documents.Count;
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + 1);
        rig.FinishPrinting();
        return string.Join("\n", rig.Board.PrinterMechanism.DocumentsSince(before).Single().TextLines);
    }

    [Theory]
    [InlineData("tcp", "25")]
    [InlineData("tcp", "12")]
    [InlineData("tcp", "61")]
    [InlineData("serial", "25")]
    public async Task A_refused_advice_leaves_the_totals_is_reported_as_refused_and_the_batch_still_settles_balanced(string link, string code)
    {
        var (rig, advice) = await AdviceOwed(link);
        await using var _ = rig;
        rig.Host.Rules.Add(new ResponseRule { Mti = "0220", Action = RuleAction.Decline, ResponseCode = code, Times = 1 });

        rig.SendOwed();

        Assert.Equal((TxnState.Declined, code, true), (advice.State, advice.ResponseCode, advice.AdviceSent));
        Assert.Equal(0, rig.Store.UnresolvedCount());
        Assert.False(rig.Store.At(0).Completed, "the pre-auth stands again: the host did not complete it");
        Assert.Equal(("declined", "approved"), (HostAdvice(rig), HostPreAuth(rig)));
        string report = DetailReport(rig);
        Assert.True(report.Contains("ADVICE REFUSED " + code, StringComparison.Ordinal), report);
        Assert.Equal("通知被拒 " + code, advice.AdviceFollowUp(Language.Chinese));
        Assert.Contains("invoice 000002: ADVICE REFUSED " + code, SettlesBalancedWithTheHost(rig, 0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_answer_94_to_an_advice_the_host_booked_is_success()
    {
        var (rig, advice) = await AdviceOwed("tcp");
        await using var _ = rig;
        rig.Host.Rules.Add(new ResponseRule { Mti = "0220", Action = RuleAction.NoAnswer, Times = 1 });
        rig.Host.Rules.Add(new ResponseRule { Mti = "0220", Action = RuleAction.Decline, ResponseCode = "94", Times = 1 });

        rig.SendOwed();

        Assert.Equal((TxnState.Approved, "94", true), (advice.State, advice.ResponseCode, advice.AdviceSent));
        Assert.Equal(string.Empty, advice.AdviceFollowUp(Language.English));
        Assert.Equal(("approved", "completed"), (HostAdvice(rig), HostPreAuth(rig)));
        Assert.DoesNotContain("ADVICE", SettlesBalancedWithTheHost(rig, 21_000), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp", RuleAction.NoAnswer)]
    [InlineData("tcp", RuleAction.BadMac)]
    [InlineData("serial", RuleAction.NoAnswer)]
    public async Task An_advice_without_a_usable_answer_stops_the_jobs_a_few_runs_then_is_given_up_reported_and_settled(string link, RuleAction action)
    {
        var (rig, advice) = await AdviceOwed(link);
        await using var _ = rig;
        rig.Host.Rules.Add(new ResponseRule { Mti = "0220", Action = action });
        int batch = rig.Store.Batch;

        string settlement = rig.Settle();
        Assert.Contains($"not answered (1/{PaymentStore.AdviceRuns})", settlement, StringComparison.Ordinal);
        Assert.Equal((batch, 1), (rig.Store.Batch, advice.AdviceMisses));
        for (int run = 2; run < PaymentStore.AdviceRuns; run++)
        {
            Assert.Contains($"not answered ({run}/{PaymentStore.AdviceRuns})", rig.SendOwed(), StringComparison.Ordinal);
        }

        rig.SendOwed();

        Assert.Equal((PaymentStore.AdviceRuns, TxnState.Approved, false, 0), (advice.AdviceMisses, advice.State, advice.AdviceSent, rig.Store.UnresolvedCount()));
        Assert.Contains("ADVICE UNANSWERED", DetailReport(rig), StringComparison.Ordinal);
        Assert.Equal("approved", HostAdvice(rig)); // every send was the same request (same STAN): booked once
        Assert.Contains("invoice 000002: ADVICE UNANSWERED", SettlesBalancedWithTheHost(rig, 21_000), StringComparison.Ordinal);
    }
}
