using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// Stock follows the outcome of each item sale: down when approved, back up when voided or wholly refunded,
/// untouched when declined, reversed or partly refunded; and a reboot, a settlement and its compaction give
/// the same numbers.
/// </summary>
public class StockTests
{
    private const int Tea = 1001;
    private const int Bun = 1004;

    private static StoreRig WithCatalog(int sectors = 8)
    {
        var rig = StoreRig.Provisioned(sectors);
        Assert.True(rig.Store.ReplaceCatalog(Catalog(1, teaStock: 40, bunStock: 10)), rig.Store.Problem);
        return rig;
    }

    private static ItemCatalog Catalog(int version, int teaStock, int bunStock)
    {
        var c = new ItemCatalog { Version = version };
        Assert.Equal(string.Empty, c.Add(Tea, "Green tea", "绿茶", 350, teaStock, 5));
        Assert.Equal(string.Empty, c.Add(Bun, "Steamed bun", "包子", 250, bunStock, 3));
        return c;
    }

    private static TxnEntry ItemSale(params (int Code, int Quantity)[] lines)
    {
        var items = new SaleItems();
        foreach (var (code, quantity) in lines)
        {
            items.Add(code, quantity, code == Tea ? 350 : 250);
        }

        TxnEntry t = StoreRig.SaleTemplate(items.Total);
        t.Items = items;
        return t;
    }

    private static (int Tea, int Bun) Stock(PaymentStore s) =>
        (s.Stock(s.Catalog.IndexOf(Tea)), s.Stock(s.Catalog.IndexOf(Bun)));

    [Fact]
    public void A_catalog_is_kept_across_a_reboot()
    {
        var rig = WithCatalog();

        PaymentStore after = rig.Reboot();

        Assert.Equal((1, 2, "绿茶"), (after.Catalog.Version, after.Catalog.Count, after.Catalog.NameZh(0)));
        Assert.Equal((40, 10), Stock(after));
    }

    [Fact]
    public void An_approved_item_sale_takes_its_items_from_stock()
    {
        var rig = WithCatalog();

        rig.Answered(ItemSale((Tea, 3), (Bun, 2)));

        Assert.Equal((37, 8), Stock(rig.Store));
        Assert.Equal((37, 8), Stock(rig.Reboot()));
    }

    [Fact]
    public void A_declined_item_sale_leaves_stock_alone()
    {
        var rig = WithCatalog();

        rig.Answered(ItemSale((Tea, 3)), approved: false);

        Assert.Equal((40, 10), Stock(rig.Store));
    }

    [Fact]
    public void An_item_sale_without_an_answer_or_reversed_leaves_stock_alone()
    {
        var rig = WithCatalog();
        TxnEntry pending = rig.Store.Begin(ItemSale((Tea, 3)))!;
        Assert.Equal((40, 10), Stock(rig.Store));

        PaymentStore after = rig.Reboot();
        Assert.Equal(TxnState.ReversalPending, after.At(0).State);
        Assert.Equal((40, 10), Stock(after));

        Assert.True(after.RecordReversed(after.At(0)));
        Assert.Equal((40, 10), Stock(rig.Reboot()));
        Assert.Equal(3, rig.Store.At(0).Items!.QuantityOf(Tea));
        Assert.Equal(pending.Stan, rig.Store.At(0).Stan);
    }

    [Fact]
    public void A_void_puts_the_items_back_and_a_reversed_void_takes_them_again()
    {
        var rig = WithCatalog();
        TxnEntry sale = rig.Answered(ItemSale((Tea, 3), (Bun, 2)));

        TxnEntry voided = rig.Answered(StoreRig.VoidTemplate(sale));
        Assert.Equal((40, 10), Stock(rig.Store));
        Assert.Equal((40, 10), Stock(rig.Reboot()));

        Assert.True(rig.Store.RecordReversed(rig.Store.FindStan(voided.Batch, voided.Stan)!));
        Assert.Equal((37, 8), Stock(rig.Store));
        Assert.Equal((37, 8), Stock(rig.Reboot()));
    }

    [Fact]
    public void A_declined_void_leaves_the_items_sold()
    {
        var rig = WithCatalog();
        TxnEntry sale = rig.Answered(ItemSale((Tea, 3)));

        rig.Answered(StoreRig.VoidTemplate(sale), approved: false);

        Assert.Equal((37, 10), Stock(rig.Store));
    }

    [Fact]
    public void A_refund_of_the_whole_sale_puts_its_items_back_and_a_partial_one_does_not()
    {
        var rig = WithCatalog();
        TxnEntry sale = rig.Answered(ItemSale((Tea, 2), (Bun, 2))); // 12.00

        rig.Answered(StoreRig.RefundTemplate(sale.Rrn, 500));
        Assert.Equal((38, 8), Stock(rig.Store));

        rig.Answered(StoreRig.RefundTemplate(sale.Rrn, 700));
        Assert.Equal((40, 10), Stock(rig.Store));
        Assert.Equal((40, 10), Stock(rig.Reboot()));
    }

    [Fact]
    public void A_refund_of_a_sale_outside_the_batch_leaves_stock_alone()
    {
        var rig = WithCatalog();

        rig.Answered(StoreRig.RefundTemplate("999999999999", 700));

        Assert.Equal((40, 10), Stock(rig.Store));
    }

    [Fact]
    public void A_manager_allowed_sale_above_stock_goes_below_zero()
    {
        var rig = WithCatalog();

        rig.Answered(ItemSale((Bun, 12)));

        Assert.Equal((40, -2), Stock(rig.Reboot()));
    }

    [Fact]
    public void Settlement_folds_the_batch_into_the_stock_and_compaction_keeps_catalog_stock_and_analysis()
    {
        var rig = WithCatalog();
        TxnEntry sale = rig.Answered(ItemSale((Tea, 3), (Bun, 2)));
        rig.Answered(ItemSale((Tea, 1)));
        rig.Answered(StoreRig.VoidTemplate(sale));
        rig.Answered(ItemSale((Bun, 4)));
        var totals = new BatchTotals();
        rig.Store.Totals(totals);

        Assert.True(rig.Store.CompleteSettlement(totals, true, 0), rig.Store.Problem);

        Assert.Equal(0, rig.Store.Count);
        Assert.Equal((39, 6), Stock(rig.Store));
        PaymentStore after = rig.Reboot();
        Assert.Equal((39, 6), Stock(after));
        Assert.Equal((1, 2), (after.Catalog.Version, after.Catalog.Count));
        SalesAnalysis last = after.LastSettledAnalysis;
        Assert.Equal((7, 2), (last.Batch, last.Count));
        Assert.Equal(Bun, last.ItemCode(last.TopByQuantity(0)));
        Assert.Equal(4, last.ItemQuantity(last.TopByQuantity(0)));
    }

    [Fact]
    public void Stock_and_analysis_survive_many_settlements_that_reclaim_the_old_records()
    {
        var rig = WithCatalog(sectors: 6);
        var totals = new BatchTotals();
        for (int batch = 0; batch < 12; batch++)
        {
            rig.Answered(ItemSale((Tea, 1)));
            rig.Store.Totals(totals);
            Assert.True(rig.Store.CompleteSettlement(totals, true, 0), rig.Store.Problem);
        }

        PaymentStore after = rig.Reboot();

        Assert.Equal((28, 10), Stock(after));
        Assert.Equal(1, after.LastSettledAnalysis.ItemQuantity(0));
        Assert.Equal(after.Batch - 1, after.LastSettledAnalysis.Batch);
    }

    [Fact]
    public void A_new_catalog_mid_batch_gives_the_stock_now_and_later_voids_still_put_items_back()
    {
        var rig = WithCatalog();
        TxnEntry sale = rig.Answered(ItemSale((Tea, 3)));

        Assert.True(rig.Store.ReplaceCatalog(Catalog(2, teaStock: 100, bunStock: 50)));
        Assert.Equal((100, 50), Stock(rig.Store));

        rig.Answered(StoreRig.VoidTemplate(sale));
        Assert.Equal((103, 50), Stock(rig.Store));
        Assert.Equal((103, 50), Stock(rig.Reboot()));
        Assert.Equal(2, rig.Store.Catalog.Version);
    }

    [Fact]
    public void A_power_cut_inside_a_catalog_keeps_the_old_one()
    {
        var rig = WithCatalog();
        long before = rig.Flash.Operations;
        rig.Store.ReplaceCatalog(Catalog(2, teaStock: 100, bunStock: 50));
        long operations = rig.Flash.Operations - before;

        for (long cut = 0; cut < operations; cut++)
        {
            var again = WithCatalog();
            again.Flash.CutPowerAt(cut, 3);
            Assert.ThrowsAny<Exception>(() => again.Store.ReplaceCatalog(Catalog(2, teaStock: 100, bunStock: 50)));
            again.Flash.CancelCut();
            PaymentStore after = again.Reboot();
            Assert.True(after.Catalog.Version is 1 or 2, $"cut {cut}");
            Assert.Equal(after.Catalog.Version == 1 ? (40, 10) : (100, 50), Stock(after));
        }
    }

    [Fact]
    public void The_item_lines_of_a_sale_survive_a_reboot_with_their_prices()
    {
        var rig = WithCatalog();
        rig.Answered(ItemSale((Tea, 3), (Bun, 1)));

        TxnEntry replayed = rig.Reboot().At(0);

        Assert.Equal((2, 3, 350L, 1, 250L), (replayed.Items!.Count, replayed.Items.Quantity(0), replayed.Items.UnitPrice(0), replayed.Items.Quantity(1), replayed.Items.UnitPrice(1)));
        Assert.Equal(StoreRig.View(rig.Store), StoreRig.View(rig.Peek()));
    }
}
