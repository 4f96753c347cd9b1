using Terminal.Core.Flows;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Tests.Payments;
using Xunit;

namespace Terminal.Core.Tests.Flows;

/// <summary>The settlement flow alone: 0500, batch upload and its end against a fake host, and resuming from the journal.</summary>
public class SettlementFlowTests
{
    private readonly FlowRig _rig = new();

    private SettlementFlow NewFlow() => new(_rig.Session, _rig.Store) { TimeoutMs = 2_000, UploadTimeoutMs = 1_000 };

    private void ThreeSales()
    {
        _rig.Rig.Answered(StoreRig.SaleTemplate(1_000));
        _rig.Rig.Answered(StoreRig.SaleTemplate(2_000));
        _rig.Rig.Answered(StoreRig.SaleTemplate(3_000));
    }

    [Fact]
    public void A_balanced_answer_closes_the_batch_after_one_0500_with_the_totals_and_code_201()
    {
        ThreeSales();
        var totals = new BatchTotals();
        _rig.Store.Totals(totals);
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00", FlowRig.SettleAnswer(r, '1'));

        Assert.Equal(PaymentResult.Settled, _rig.Run(NewFlow()));

        Iso8583Message settlement = Assert.Single(_rig.Host.Requests);
        Assert.Equal((500, totals.Field48(), 201L), (settlement.Mti, settlement.GetString(Field.AdditionalData), settlement.GetSubfieldNumber(Field.MessageInfo, 3)));
        Assert.Equal((8, 0, true, SettleStage.None), (_rig.Store.Batch, _rig.Store.Count, _rig.Store.LastSettledBalanced, _rig.Store.SettlementStage));
    }

    [Fact]
    public void An_unbalanced_answer_uploads_every_transaction_with_consecutive_STANs_then_ends_with_202_and_the_count()
    {
        ThreeSales();
        _rig.Host.Answer = r => r.Mti == 500 ? _rig.Host.Reply(r, "00", FlowRig.SettleAnswer(r, '2')) : _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Settled, _rig.Run(NewFlow()));

        var sent = _rig.Sent();
        Assert.Equal(new[] { 500, 320, 320, 320, 320 }, sent.Select(r => r.Mti));
        long first = sent[1].GetNumber(Field.Stan);
        Assert.Equal(new[] { first, first + 1, first + 2, first + 3 }, sent.Skip(1).Select(r => r.GetNumber(Field.Stan)));
        Assert.Equal(new[] { 1_000L, 2_000L, 3_000L }, sent.Skip(1).Take(3).Select(r => r.GetNumber(Field.Amount)));
        Assert.All(sent.Skip(1).Take(3), r => Assert.Equal(201, r.GetSubfieldNumber(Field.MessageInfo, 3)));
        Assert.Equal((202L, "0003"), (sent[4].GetSubfieldNumber(Field.MessageInfo, 3), sent[4].GetString(Field.AdditionalData)));
        Assert.Equal((8, false, 3), (_rig.Store.Batch, _rig.Store.LastSettledBalanced, _rig.Store.LastSettledUploads));
    }

    [Fact]
    public void An_upload_resumed_from_the_journal_starts_at_the_first_unacknowledged_transaction_with_its_STAN()
    {
        ThreeSales();
        PaymentStore store = _rig.Store;
        var totals = new BatchTotals();
        store.Totals(totals);
        Assert.True(store.ReserveStans());
        Assert.True(store.BeginSettlement(store.Identity!.NextStan(), totals));
        Assert.True(store.RecordSettleAnswer(false));
        int baseStan = store.TakeStans(4);
        Assert.True(store.BeginUpload(baseStan, 3));
        Assert.True(store.RecordUploadAcked(0));
        _rig.Rig.Reboot();
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Settled, _rig.Run(NewFlow()));

        Assert.Equal(new[] { 320, 320, 320 }, _rig.Sent().Select(r => r.Mti));
        Assert.Equal(new long[] { baseStan + 1, baseStan + 2, baseStan + 3 }, _rig.Sent().Select(r => r.GetNumber(Field.Stan)));
        Assert.Equal(new[] { 2_000L, 3_000L }, _rig.Sent().Take(2).Select(r => r.GetNumber(Field.Amount)));
    }

    [Fact]
    public void A_0500_not_answered_leaves_the_settlement_requested_and_the_next_start_sends_it_again_with_the_same_STAN()
    {
        ThreeSales();

        Assert.Equal(PaymentResult.NotSent, _rig.Run(NewFlow()));
        Assert.StartsWith("Settlement not done", _rig.Observer.Message, StringComparison.Ordinal);
        Assert.Equal(SettleStage.Requested, _rig.Store.SettlementStage);

        _rig.Host.Answer = r => _rig.Host.Reply(r, "00", FlowRig.SettleAnswer(r, '1'));
        Assert.Equal(PaymentResult.Settled, _rig.Run(NewFlow()));

        Assert.Equal(2, _rig.Host.Requests.Count);
        Assert.Equal(_rig.Host.Requests[0].GetNumber(Field.Stan), _rig.Host.Requests[1].GetNumber(Field.Stan));
    }

    [Fact]
    public void An_upload_message_never_acknowledged_stops_the_settlement_after_three_sends()
    {
        ThreeSales();
        _rig.Host.Answer = r => r.Mti == 500 ? _rig.Host.Reply(r, "00", FlowRig.SettleAnswer(r, '2')) : null;

        Assert.Equal(PaymentResult.NotSent, _rig.Run(NewFlow()));

        Assert.Equal(new[] { 500, 320, 320, 320 }, _rig.Sent().Select(r => r.Mti));
        Assert.Single(_rig.Sent(1).Select(r => r.GetNumber(Field.Stan)).Distinct());
        Assert.Equal((SettleStage.Uploading, 0), (_rig.Store.SettlementStage, _rig.Store.UploadAcked));
    }

    [Fact]
    public void An_answer_without_the_result_digit_settles_nothing()
    {
        ThreeSales();
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.NotSent, _rig.Run(NewFlow()));

        Assert.Equal((7, SettleStage.Requested), (_rig.Store.Batch, _rig.Store.SettlementStage));
    }
}
