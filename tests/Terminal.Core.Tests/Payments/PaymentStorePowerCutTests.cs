using System.Globalization;
using CsCheck;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class PaymentStorePowerCutTests
{
    [Fact]
    public void After_a_power_cut_at_any_flash_operation_the_reboot_sees_exactly_the_records_fully_written()
    {
        Gen.Select(Gen.Int[0, 99].Array[1, 40], Gen.Int[0, int.MaxValue], Gen.Int[0, 300])
            .Sample((ops, cutSeed, keepBytes) => CutAndCheck(ops, total => cutSeed % total, keepBytes), iter: 150);
    }

    [Fact]
    public void With_item_sales_a_power_cut_at_any_flash_operation_leaves_the_stock_the_fully_written_records_say()
    {
        // Op 1 becomes an item sale once the store has a catalog; the views compare stock, lines and analysis.
        Gen.Select(Gen.Int[0, 99].Array[1, 40], Gen.Int[0, int.MaxValue], Gen.Int[0, 300])
            .Sample((ops, cutSeed, keepBytes) => CutAndCheck(ops, total => cutSeed % total, keepBytes, withCatalog: true), iter: 150);
    }

    [Fact]
    public void A_power_cut_at_any_flash_operation_of_a_settlement_that_compacts_the_journal_loses_nothing()
    {
        // Twenty approved and printed sales, then settlement start, balanced completion (snapshot and
        // reclaim), report printed: cut at each flash operation of the settlement, with 0, 5 and all bytes landed.
        var ops = new List<int>();
        for (int i = 0; i < 20; i++)
        {
            ops.AddRange([10 * (i % 10), 4, 7]);
        }

        var (dayOps, usedSectors) = CountOperations(ops);
        ops.AddRange([9, 9, 8]);
        var (allOps, afterSectors) = CountOperations(ops);
        Assert.True(usedSectors >= 3 && afterSectors == 1, $"the settlement should reclaim sectors: {usedSectors} used, {afterSectors} after");
        foreach (int keep in new[] { 0, 5, 4096 })
        {
            for (int k = dayOps; k < allOps; k++)
            {
                int cut = k;
                CutAndCheck(ops.ToArray(), _ => cut, keep);
            }
        }
    }

    // Flash operations the ops take, and journal sectors in use after them.
    private static (int Operations, int UsedSectors) CountOperations(List<int> ops)
    {
        var rig = StoreRig.Provisioned();
        long start = rig.Flash.Operations;
        foreach (int op in ops)
        {
            Apply(rig.Store, op);
        }

        Assert.Equal(SettleStage.None, rig.Store.SettlementStage);
        return ((int)(rig.Flash.Operations - start), rig.Sectors - rig.Journal.FreeSectors);
    }

    // Runs ops without a cut, then again with power cut at flash operation cutAt(total), and checks the reboot.
    private static void CutAndCheck(int[] ops, Func<long, long> cutAt, int keepBytes, bool withCatalog = false)
    {
        // The run without a cut: what a boot sees after each operation, and how many flash operations it took.
        var reference = Rig(withCatalog);
        long start = reference.Flash.Operations;
        var views = new List<string> { StoreRig.View(reference.Peek()) };
        foreach (int op in ops)
        {
            Apply(reference.Store, op);

            // In memory and replayed from flash agree after every operation (totals included).
            string live = StoreRig.View(reference.Store);
            string booted = StoreRig.View(reference.Peek());
            Assert.Equal(live, booted);
            views.Add(booted);
        }

        long total = reference.Flash.Operations - start;
        if (total == 0)
        {
            return;
        }

        // The same run, with power cut during one of those flash operations.
        var rig = Rig(withCatalog);
        rig.Flash.CutPowerAt(cutAt(total), keepBytes);
        int done = 0;
        int lastStan = rig.Store.Identity!.LastStan;
        try
        {
            foreach (int op in ops)
            {
                Apply(rig.Store, op);
                lastStan = rig.Store.Identity!.LastStan;
                done++;
            }

            Assert.Fail("the cut never came");
        }
        catch (PowerLossException)
        {
        }

        PaymentStore after = rig.Reboot();
        string seen = StoreRig.View(after);

        // The operation cut short either landed whole or not at all; nothing else changed.
        Assert.True(seen == views[done] || seen == views[done + 1], $"cut in operation {done} ({ops[done]}):\n{seen}\nexpected\n{views[done]}\nor\n{views[done + 1]}");
        Assert.True(after.Identity!.NextStan() > lastStan, "a STAN handed out before the cut would be reused");
    }

    private static StoreRig Rig(bool withCatalog)
    {
        var rig = StoreRig.Provisioned();
        if (withCatalog)
        {
            var catalog = new ItemCatalog { Version = 1 };
            catalog.Add(1, "Tea", "茶", 300, 20, 5);
            catalog.Add(2, "Bun", "包子", 250, 15, 3);
            catalog.Add(3, "Cake", "蛋糕", 1200, 4, 2);
            Assert.True(rig.Store.ReplaceCatalog(catalog), rig.Store.Problem);
        }

        return rig;
    }

    // One step of a random business day, chosen by op and the store's state, as the engine would take it.
    private static void Apply(PaymentStore store, int op)
    {
        int kind = op % 10;
        int pick = op / 10;
        bool settling = store.SettlementStage != SettleStage.None;
        switch (kind)
        {
            case 0:
            case 1:
                if (!settling && kind == 1 && store.Catalog.Count > 0)
                {
                    var items = new SaleItems();
                    items.Add(1 + (pick % 3), 1 + (pick % 4), store.Catalog.Price(pick % 3));
                    items.Add(1 + ((pick + 1) % 3), 1, store.Catalog.Price((pick + 1) % 3));
                    TxnEntry itemSale = StoreRig.SaleTemplate(items.Total, pick % TxnChannel.Count);
                    itemSale.Items = items;
                    store.Begin(itemSale);
                }
                else if (!settling)
                {
                    store.Begin(StoreRig.SaleTemplate(100 + (op * 37), pick % TxnChannel.Count));
                }

                break;
            case 2:
                if (!settling && Find(store, pick, t => t.Kind == TxnKind.Sale && t.State == TxnState.Approved && !t.Voided && t.Refunded == 0) is { } sale)
                {
                    store.Begin(StoreRig.VoidTemplate(sale));
                }

                break;
            case 3:
                if (!settling && Find(store, pick, t => t.Kind == TxnKind.Sale && t.State == TxnState.Approved && !t.Voided && t.Refunded < t.Amount) is { } refunded)
                {
                    store.Begin(StoreRig.RefundTemplate(refunded.Rrn, 1 + ((refunded.Amount - refunded.Refunded - 1) * pick / 10), refunded.Channel));
                }

                break;
            case 4:
            case 5:
                if (Find(store, pick, t => t.State == TxnState.Pending) is { } pending)
                {
                    bool approved = kind == 4 || pick < 3;
                    store.RecordOutcome(pending, approved, approved ? "00" : "51", StoreRig.Rrn(pending.Stan), approved ? "A" + pending.Stan.ToString("D5", CultureInfo.InvariantCulture) : string.Empty, 1125, 120000 + pick);
                }

                break;
            case 6:
                if (Find(store, pick, t => t.Reversible && (t.State == TxnState.Pending || t.State == TxnState.ReversalPending)) is { } owed)
                {
                    store.NeedsReversal(owed);
                    store.RecordReversed(owed);
                }

                break;
            case 7:
                if (Find(store, pick, t => t.State == TxnState.Approved && t.Printed != 3) is { } printable)
                {
                    store.RecordPrinted(printable, (printable.Printed & 1) == 0 ? 1 : 2);
                }

                break;
            case 8:
                if (!store.SettlementReportPrinted)
                {
                    store.RecordSettlementPrinted();
                }

                break;
            default:
                SettleStep(store, pick);
                break;
        }
    }

    // Advances a settlement by one journaled step (the pending requests are left as they are: the store does not insist).
    private static void SettleStep(PaymentStore store, int pick)
    {
        var totals = new BatchTotals();
        store.Totals(totals);
        switch (store.SettlementStage)
        {
            case SettleStage.None:
                if (store.ReserveStans())
                {
                    store.BeginSettlement(store.Identity!.NextStan(), totals);
                }

                break;
            case SettleStage.Requested:
                if (pick < 5)
                {
                    store.CompleteSettlement(totals, true, 0);
                }
                else
                {
                    store.RecordSettleAnswer(false);
                }

                break;
            case SettleStage.Unbalanced:
                int count = store.SettlingCount();
                int first = store.TakeStans(count + 1);
                if (first > 0)
                {
                    store.BeginUpload(first, count);
                }

                break;
            default:
                if (store.UploadAcked < store.UploadCount)
                {
                    store.RecordUploadAcked(store.UploadAcked);
                }
                else
                {
                    store.CompleteSettlement(totals, false, store.UploadCount);
                }

                break;
        }
    }

    private static TxnEntry? Find(PaymentStore store, int pick, Func<TxnEntry, bool> match)
    {
        var found = new List<TxnEntry>();
        for (int i = 0; i < store.Count; i++)
        {
            if (match(store.At(i)))
            {
                found.Add(store.At(i));
            }
        }

        return found.Count == 0 ? null : found[pick % found.Count];
    }
}
