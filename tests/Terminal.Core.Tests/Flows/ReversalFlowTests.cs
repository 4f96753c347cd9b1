using Terminal.Core.Flows;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Tests.Payments;
using Xunit;

namespace Terminal.Core.Tests.Flows;

/// <summary>The reversal flow alone: what the journal owes goes to a fake host until it is answered.</summary>
public class ReversalFlowTests
{
    private readonly FlowRig _rig = new();
    private readonly ReversalFlow _flow;

    public ReversalFlowTests()
    {
        _flow = new ReversalFlow(_rig.Session, _rig.Store) { TimeoutMs = 1_000 };
    }

    // A sale journaled and sent whose answer never came: reversal-pending, as a boot finds it.
    private TxnEntry PendingSale(long amount)
    {
        TxnEntry e = _rig.Store.Begin(StoreRig.SaleTemplate(amount))!;
        _rig.Store.NeedsReversal(e);
        return e;
    }

    // A completion advice approved offline, as the engine journals it (its request, then its local approval), owed.
    private TxnEntry AdviceApproved(long amount)
    {
        TxnEntry t = StoreRig.SaleTemplate(amount);
        t.Kind = TxnKind.CompletionAdvice;
        t.Mode = EntryMode.Reference;
        t.OriginalAuthCode = "A00001";
        t.OriginalDateMmdd = 1124;
        TxnEntry e = _rig.Store.Begin(t)!;
        Assert.True(_rig.Store.RecordOutcome(e, true, "00", string.Empty, e.OriginalAuthCode, e.DateMmdd, e.TimeHhmmss));
        return e;
    }

    [Fact]
    public void An_advice_answered_with_garbage_each_run_is_given_up_after_the_last_run_and_stays_so_after_a_reboot()
    {
        TxnEntry advice = AdviceApproved(3_000);
        _rig.Host.Answer = r => [0x60, 0x00, 0x03, 0x00, 0x00, 0x60, 0x31, 0x00, 0x31, 0x10, 0x03, 0x02, 0x30, 0xFF];

        for (int run = 1; run < PaymentStore.AdviceRuns; run++)
        {
            Assert.Equal(PaymentResult.Unresolved, _rig.Run(_flow));
            Assert.Equal(run, advice.AdviceMisses);
        }

        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Assert.Equal(ReversalFlow.MaxAttempts * PaymentStore.AdviceRuns, _rig.Host.Requests.Count);
        Assert.All(_rig.Host.Requests, r => Assert.Equal((220, (long)advice.Stan), (r.Mti, r.GetNumber(Field.Stan))));
        Assert.Equal((TxnState.Approved, false, "ADVICE UNANSWERED"), (advice.State, advice.AdviceSent, advice.AdviceFollowUp(Terminal.Core.Ui.Language.English)));
        PaymentStore rebooted = _rig.Rig.Reboot();
        Assert.Equal((PaymentStore.AdviceRuns, 0), (rebooted.At(0).AdviceMisses, rebooted.UnresolvedCount()));
        Assert.Equal(PaymentResult.Resolved, _rig.Run(new ReversalFlow(_rig.Session, rebooted) { TimeoutMs = 1_000 }));
        Assert.Equal(ReversalFlow.MaxAttempts * PaymentStore.AdviceRuns, _rig.Host.Requests.Count); // not sent again
    }

    [Fact]
    public void With_nothing_owed_it_sends_nothing_and_ends_resolved()
    {
        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Assert.Empty(_rig.Host.Requests);
        Assert.Equal("Nothing owed to the host", _rig.Observer.Message);
    }

    [Fact]
    public void An_owed_sale_goes_as_an_0400_with_its_own_STAN_and_amount_reason_98_and_no_card_data()
    {
        TxnEntry sale = PendingSale(2_500);
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Iso8583Message reversal = Assert.Single(_rig.Host.Requests);
        Assert.Equal((400, (long)sale.Stan, 2_500L, "98"), (reversal.Mti, reversal.GetNumber(Field.Stan), reversal.GetNumber(Field.Amount), reversal.GetString(Field.ResponseCode)));
        Assert.False(reversal.Has(Field.Track2) || reversal.Has(Field.Pan) || reversal.Has(Field.PinBlock));
        Assert.True(_rig.Host.RequestMacValid[0]);
        Assert.Equal(TxnState.Reversed, sale.State);
        Assert.Equal(TxnState.Reversed, _rig.Rig.Reboot().At(0).State);
    }

    [Fact]
    public void A_reversal_the_host_never_answers_is_sent_three_times_with_the_same_STAN_and_stays_owed()
    {
        TxnEntry sale = PendingSale(2_500);

        Assert.Equal(PaymentResult.Unresolved, _rig.Run(_flow));

        Assert.Equal(ReversalFlow.MaxAttempts, _rig.Host.Requests.Count);
        Assert.All(_rig.Host.Requests, r => Assert.Equal((400, (long)sale.Stan), (r.Mti, r.GetNumber(Field.Stan))));
        Assert.Same(sale, _rig.Observer.Entry);
        Assert.Equal(TxnState.ReversalPending, sale.State);
        Assert.Contains(_rig.Observer.Progress, p => p.EndsWith("(3/3)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("25")]
    public void A_host_that_has_nothing_to_reverse_settles_the_reversal(string code)
    {
        TxnEntry sale = PendingSale(700);
        _rig.Host.Answer = r => _rig.Host.Reply(r, code);

        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Assert.Equal(TxnState.Reversed, sale.State);
    }

    [Fact]
    public void A_reversal_refused_once_is_sent_again_and_its_answer_applied()
    {
        TxnEntry sale = PendingSale(700);
        int asked = 0;
        _rig.Host.Answer = r => _rig.Host.Reply(r, ++asked == 1 ? "96" : "00");

        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Assert.Equal(2, _rig.Host.Requests.Count);
        Assert.Equal(TxnState.Reversed, sale.State);
    }

    [Fact]
    public void The_automatic_reversal_of_a_sale_carries_the_reason_given_and_ends_reversed_saying_why()
    {
        TxnEntry sale = PendingSale(900);
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");
        int done = _rig.Observer.Done;

        _flow.Reverse(sale, ReversalFlow.ReasonBadMac, "Host response failed its MAC check", _rig.Observer);

        Assert.Equal(PaymentResult.Reversed, _rig.Wait(done));
        Assert.Equal("A0", Assert.Single(_rig.Host.Requests).GetString(Field.ResponseCode));
        Assert.Contains("Host response failed its MAC check", _rig.Observer.Message, StringComparison.Ordinal);
        Assert.Same(sale, _rig.Observer.Entry);
    }

    [Fact]
    public void A_void_is_reversed_naming_its_sale_by_RRN()
    {
        TxnEntry sale = _rig.Rig.Answered(StoreRig.SaleTemplate(4_200));
        TxnEntry voided = _rig.Store.Begin(StoreRig.VoidTemplate(sale))!;
        _rig.Store.NeedsReversal(voided);
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Iso8583Message reversal = Assert.Single(_rig.Host.Requests);
        Assert.Equal((400, "200000", sale.Rrn, (long)voided.Stan), (reversal.Mti, reversal.GetString(Field.ProcessingCode), reversal.GetString(Field.Rrn), reversal.GetNumber(Field.Stan)));
        Assert.False(sale.Voided);
    }

    [Fact]
    public void An_unanswered_refund_is_resent_as_it_was_with_its_STAN_and_the_answer_recorded()
    {
        TxnEntry refund = _rig.Store.Begin(StoreRig.RefundTemplate("123456789012", 800))!;
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Iso8583Message resend = Assert.Single(_rig.Host.Requests);
        Assert.Equal((220, (long)refund.Stan, "123456789012", "0000000000001124"), (resend.Mti, resend.GetNumber(Field.Stan), resend.GetString(Field.Rrn), resend.GetString(Field.OriginalData)));
        Assert.Equal(TxnState.Approved, refund.State);
    }

    [Fact]
    public void Owed_requests_go_oldest_first()
    {
        TxnEntry first = PendingSale(100);
        TxnEntry second = PendingSale(200);
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Resolved, _rig.Run(_flow));

        Assert.Equal(new long[] { first.Stan, second.Stan }, _rig.Host.Requests.Select(r => r.GetNumber(Field.Stan)));
    }
}
