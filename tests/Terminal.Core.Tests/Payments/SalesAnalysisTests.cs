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

    private static TxnEntry ItemSale(StoreRig rig, int time, params (int Code, int Quantity, long Price)[] lines)
    {
        var items = new SaleItems();
        foreach (var (code, quantity, price) in lines)
        {
            items.Add(code, quantity, price);
        }

        TxnEntry t = StoreRig.SaleTemplate(items.Total);
        t.Items = items;
        TxnEntry e = rig.Store.Begin(t)!;
        rig.Store.RecordOutcome(e, true, "00", StoreRig.Rrn(e.Stan), "A00001", 1125, time);
        return e;
    }

    [Fact]
    public void Top_items_rank_by_quantity_and_by_amount_and_leave_voided_sales_out()
    {
        var rig = StoreRig.Provisioned();
        ItemSale(rig, 90000, (1, 5, 100), (2, 1, 5000));
        ItemSale(rig, 91000, (3, 2, 300), (1, 1, 100));
        TxnEntry voided = ItemSale(rig, 92000, (3, 50, 300));
        TxnEntry v = rig.Store.Begin(StoreRig.VoidTemplate(voided))!;
        rig.Store.RecordOutcome(v, true, "00", StoreRig.Rrn(v.Stan), "A00002", 1125, 92500);

        var analysis = new SalesAnalysis();
        analysis.Compute(rig.Store);

        Assert.Equal([1, 3, 2], Enumerable.Range(0, 3).Select(r => analysis.ItemCode(analysis.TopByQuantity(r))));
        Assert.Equal([2, 1, 3], Enumerable.Range(0, 3).Select(r => analysis.ItemCode(analysis.TopByAmount(r))));
        Assert.Equal((6, 600L), (analysis.ItemQuantity(analysis.TopByQuantity(0)), analysis.ItemAmount(analysis.TopByQuantity(0))));
        Assert.Equal(-1, analysis.TopByQuantity(3));
    }

    [Fact]
    public void The_journaled_analysis_reads_back_the_same_and_a_small_record_keeps_the_top_items_first()
    {
        // Thirty item sales fill the 8 KB journal to its last bytes; the copies of identity and batch need a little more.
        var rig = StoreRig.Provisioned(sectors: 9);
        for (int i = 1; i <= 30; i++)
        {
            rig.Store.SetOperator(i);
            ItemSale(rig, i % 24 * 10000, (i, i, 100 * (31 - i)));
        }

        var analysis = new SalesAnalysis();
        analysis.Compute(rig.Store);
        var buffer = new byte[SalesAnalysis.MaxEncoded];
        int n = analysis.Encode(buffer, 0, buffer.Length);
        var copy = new SalesAnalysis();

        Assert.True(n <= SalesAnalysis.MaxEncoded);
        Assert.True(copy.Decode(buffer, 0, n));
        Assert.Equal((analysis.Batch, analysis.Count, analysis.Amount), (copy.Batch, copy.Count, copy.Amount));
        for (int h = 0; h < 24; h++)
        {
            Assert.Equal((analysis.HourCount(h), analysis.HourAmount(h)), (copy.HourCount(h), copy.HourAmount(h)));
        }

        for (int r = 0; r < SalesAnalysis.TopCount; r++)
        {
            Assert.Equal(analysis.ItemCode(analysis.TopByQuantity(r)), copy.ItemCode(copy.TopByQuantity(r)));
            Assert.Equal(analysis.ItemCode(analysis.TopByAmount(r)), copy.ItemCode(copy.TopByAmount(r)));
        }

        int small = analysis.Encode(buffer, 0, 300);
        Assert.True(small <= 300, small.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(copy.Decode(buffer, 0, small));
        Assert.Equal(analysis.ItemCode(analysis.TopByQuantity(0)), copy.ItemCode(copy.TopByQuantity(0)));
        Assert.False(copy.Decode(buffer, 0, 20));
    }
}
