using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Tests.Payments;
using Xunit;

namespace Terminal.Core.Tests.Flows;

/// <summary>
/// Settlement's domestic (内卡) and foreign (外卡) parts: the F48 the terminal sends, the host's answer per part, and
/// what the journal keeps of both sides for the report, through a reboot and the compaction that closes the batch.
/// </summary>
public class SettlementSidesTests
{
    private const string UnionPay = "622848******0019";
    private readonly FlowRig _rig = new();

    private SettlementFlow NewFlow() => new(_rig.Session, _rig.Store) { TimeoutMs = 2_000, UploadTimeoutMs = 1_000 };

    // Two Visa sales (foreign, StoreRig's card), one UnionPay sale and one WeChat Pay sale (domestic), one Visa refund.
    private void MixedDay()
    {
        _rig.Rig.Answered(StoreRig.SaleTemplate(1_000));
        _rig.Rig.Answered(StoreRig.SaleTemplate(2_000));
        TxnEntry unionPay = StoreRig.SaleTemplate(4_000);
        unionPay.MaskedPan = UnionPay;
        _rig.Rig.Answered(unionPay);
        _rig.Rig.Answered(StoreRig.SaleTemplate(800, TxnChannel.WeChat));
        TxnEntry refund = StoreRig.SaleTemplate(300);
        refund.Kind = TxnKind.Refund;
        refund.OriginalRrn = "000000000001";
        refund.OriginalDateMmdd = 1124;
        _rig.Rig.Answered(refund);
    }

    [Fact]
    public void The_0500_carries_domestic_and_foreign_debits_and_credits_apart()
    {
        MixedDay();
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00", FlowRig.SettleAnswer(r, '1'));

        _rig.Run(NewFlow());

        Assert.Equal(
            "000000004800" + "002" + "000000000000" + "000" + "0"
            + "000000003000" + "002" + "000000000300" + "001" + "0",
            _rig.Host.Requests[0].GetString(Terminal.Core.Messages.Iso8583.Field.AdditionalData));
    }

    [Fact]
    public void A_part_the_host_finds_unbalanced_is_uploaded_and_the_settled_batch_keeps_both_sides_through_a_reboot()
    {
        MixedDay();
        // The host's books lack the second Visa sale: domestic agrees, foreign does not.
        const string Answer = "000000004800" + "002" + "000000000000" + "000" + "1" + "000000001000" + "001" + "000000000300" + "001" + "2";
        _rig.Host.Answer = r => r.Mti == 500 ? _rig.Host.Reply(r, "00", Answer) : _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Settled, _rig.Run(NewFlow()));

        foreach (SettlementSides sides in new[] { _rig.Store.LastSettledSides, _rig.Rig.Reboot().LastSettledSides })
        {
            Assert.True(sides.HostKnown);
            Assert.Equal((1, 2), (sides.Result(SettlementSides.Domestic), sides.Result(SettlementSides.Foreign)));
            Assert.Equal((2, 3_000L, 1, 300L), (sides.Count(false, SettlementSides.Foreign, false), sides.Amount(false, SettlementSides.Foreign, false), sides.Count(false, SettlementSides.Foreign, true), sides.Amount(false, SettlementSides.Foreign, true)));
            Assert.Equal((1, 1_000L), (sides.Count(true, SettlementSides.Foreign, false), sides.Amount(true, SettlementSides.Foreign, false)));
            Assert.True(sides.Agree(SettlementSides.Domestic));
            Assert.False(sides.Agree(SettlementSides.Foreign));
        }

        Assert.Equal((false, 5), (_rig.Store.LastSettledBalanced, _rig.Store.LastSettledUploads));
    }

    [Fact]
    public void A_balanced_answer_per_part_keeps_the_host_side_equal_to_the_terminal_side()
    {
        MixedDay();
        _rig.Host.Answer = r =>
        {
            string sent = r.GetString(Terminal.Core.Messages.Iso8583.Field.AdditionalData)!;
            return _rig.Host.Reply(r, "00", sent[..30] + "1" + sent[31..61] + "1");
        };

        Assert.Equal(PaymentResult.Settled, _rig.Run(NewFlow()));

        SettlementSides sides = _rig.Rig.Reboot().LastSettledSides;
        Assert.True(sides.Balanced && sides.Agree(SettlementSides.Domestic) && sides.Agree(SettlementSides.Foreign));
        Assert.Equal((2, 4_800L), (sides.Count(true, SettlementSides.Domestic, false), sides.Amount(true, SettlementSides.Domestic, false)));
    }

    [Fact]
    public void A_host_answering_the_domestic_result_alone_still_settles_and_keeps_no_host_side()
    {
        MixedDay();
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00", FlowRig.SettleAnswer(r, '1'));

        Assert.Equal(PaymentResult.Settled, _rig.Run(NewFlow()));

        Assert.False(_rig.Store.LastSettledSides.HostKnown);
    }

    [Theory]
    [InlineData("622848******0019", TxnChannel.Card, false)]
    [InlineData("602969******0011", TxnChannel.Card, false)]
    [InlineData("940012******0011", TxnChannel.Card, false)]
    [InlineData("476173******0010", TxnChannel.Card, true)]
    [InlineData("541333******1001", TxnChannel.Card, true)]
    [InlineData("222100******0001", TxnChannel.Card, true)]
    [InlineData("353011******0001", TxnChannel.Card, true)]
    [InlineData("371449******8431", TxnChannel.Card, true)]
    [InlineData("284567********6789", TxnChannel.Alipay, false)]
    [InlineData("", TxnChannel.Card, false)]
    public void Cards_are_foreign_unless_their_number_starts_62_60_or_9_and_QR_payments_are_domestic(string masked, int channel, bool foreign)
    {
        Assert.Equal(foreign, CardOrigin.IsForeign(new TxnEntry { Channel = channel, MaskedPan = masked }));
    }
}
