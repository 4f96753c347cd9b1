using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>Sales by hour, channel and operator: approved sales that were not voided, nothing else.</summary>
public sealed class SalesAnalysisTests
{
    [Fact]
    public void Approved_sales_are_counted_by_hour_channel_and_operator_and_voided_or_declined_ones_are_not()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry Sell(long amount, int channel, int op, int time, bool approved = true)
        {
            rig.Store.SetOperator(op);
            TxnEntry e = rig.Store.Begin(StoreRig.SaleTemplate(amount, channel))!;
            rig.Store.RecordOutcome(e, approved, approved ? "00" : "51", StoreRig.Rrn(e.Stan), "A00001", 1125, time);
            return e;
        }

        Sell(1000, TxnChannel.Card, 1, 93000);
        Sell(2000, TxnChannel.WeChat, 1, 94500);
        Sell(3000, TxnChannel.Alipay, 2, 141500);
        Sell(4000, TxnChannel.UnionPayQr, 2, 141600, approved: false);
        TxnEntry voided = Sell(5000, TxnChannel.Card, 3, 160000);
        TxnEntry v = rig.Store.Begin(StoreRig.VoidTemplate(voided))!;
        rig.Store.RecordOutcome(v, true, "00", StoreRig.Rrn(v.Stan), "A00002", 1125, 160500);

        var analysis = new SalesAnalysis();
        analysis.Compute(rig.Store);

        Assert.Equal((3, 6000L), (analysis.Count, analysis.Amount));
        Assert.Equal((2, 3000L), (analysis.HourCount(9), analysis.HourAmount(9)));
        Assert.Equal((1, 3000L), (analysis.HourCount(14), analysis.HourAmount(14)));
        Assert.Equal(0, analysis.HourCount(16));
        Assert.Equal((1, 1000L), (analysis.ChannelCount(TxnChannel.Card), analysis.ChannelAmount(TxnChannel.Card)));
        Assert.Equal(0, analysis.ChannelCount(TxnChannel.UnionPayQr));
        Assert.Equal((2, 3000L), (analysis.OperatorCount(1), analysis.OperatorAmount(1)));
        Assert.Equal((1, 3000L), (analysis.OperatorCount(2), analysis.OperatorAmount(2)));
        Assert.Equal(0, analysis.OperatorCount(3));
    }
}
