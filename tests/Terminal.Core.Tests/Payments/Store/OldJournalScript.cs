using System.Globalization;
using System.Text;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;
using JournalCursor = Terminal.Core.Journal.JournalCursor;
using JournalEntry = Terminal.Core.Journal.JournalEntry;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Tests.Payments.Store;

/// <summary>
/// A business day that makes the store write every record type it has: set-up, settings, a catalog, item and
/// typed sales, a void, a reversal, refunds, receipts, an unbalanced settlement with batch upload, its close and
/// compaction, the report, and a sale of the next batch. Its journal, as the store before the journaled modules
/// wrote it, is kept in <see cref="JournalCompatibilityTests"/>: the three points where it is read are the goldens.
/// </summary>
internal static class OldJournalScript
{
    public const int Sectors = 16;

    /// <summary>Mid-settlement: the day's records up to two batch-upload acknowledgements.</summary>
    public static StoreRig OpenDay()
    {
        var rig = new StoreRig(Sectors);
        PaymentStore s = rig.Store;
        Assert.True(s.Provision(StoreRig.TerminalId, StoreRig.MerchantId));
        Assert.True(s.SetBatch(7));
        Assert.True(s.SetOperator(3));
        Assert.True(s.SetLanguage(1));
        Assert.True(s.SetTraining(true));
        Assert.True(s.SetSetting(5, 9));
        Assert.True(s.SetTraining(false));

        var catalog = new ItemCatalog { Version = 12 };
        Assert.Equal(string.Empty, catalog.Add(1001, "Green tea", "绿茶", 350, 40, 5));
        Assert.Equal(string.Empty, catalog.Add(1004, "Steamed bun", "包子", 250, 10, 3));
        Assert.Equal(string.Empty, catalog.Add(20, "Cake", string.Empty, 1200, -2, 0));
        Assert.True(s.ReplaceCatalog(catalog), s.Problem);

        var items = new SaleItems();
        Assert.True(items.Add(1001, 3, 350));
        Assert.True(items.Add(1004, 2, 250));
        TxnEntry itemSale = StoreRig.SaleTemplate(items.Total);
        itemSale.Items = items;
        TxnEntry first = rig.Answered(itemSale);
        Assert.True(s.RecordPrinted(first, 1));
        Assert.True(s.RecordPrinted(first, 2));

        var tea = new SaleItems();
        Assert.True(tea.Add(1001, 1, 350));
        TxnEntry teaSale = StoreRig.SaleTemplate(tea.Total, TxnChannel.Alipay);
        teaSale.Items = tea;
        TxnEntry second = rig.Answered(teaSale);

        TxnEntry wechat = s.Begin(StoreRig.SaleTemplate(2_000, TxnChannel.WeChat))!;
        Assert.True(s.RecordOutcome(wechat, true, "00", StoreRig.Rrn(wechat.Stan), "B12345", 1126, 143005));
        Assert.True(s.RecordPrinted(wechat, 3));
        rig.Answered(StoreRig.SaleTemplate(9_999, TxnChannel.UnionPayQr), approved: false);

        TxnEntry alipay = rig.Answered(StoreRig.SaleTemplate(3_000, TxnChannel.Alipay));
        TxnEntry voided = rig.Answered(StoreRig.VoidTemplate(alipay));
        Assert.True(s.RecordReversed(voided));
        rig.Answered(StoreRig.VoidTemplate(second));
        rig.Answered(StoreRig.RefundTemplate(wechat.Rrn, 500, TxnChannel.WeChat));

        Assert.True(s.SetOperator(12));
        TxnEntry unanswered = s.Begin(StoreRig.SaleTemplate(4_400))!;
        s.NeedsReversal(unanswered);
        TxnEntry reversed = s.Begin(StoreRig.SaleTemplate(5_500, TxnChannel.Alipay))!;
        Assert.True(s.RecordReversed(reversed));
        Assert.NotNull(s.Begin(StoreRig.RefundTemplate(alipay.Rrn, 300, TxnChannel.Alipay)));

        Assert.True(s.ReserveStans());
        var totals = new BatchTotals();
        s.Totals(totals);
        Assert.True(s.BeginSettlement(s.Identity!.NextStan(), totals), s.Problem);
        Assert.True(s.RecordSettleAnswer(false));
        int count = s.SettlingCount();
        int base_ = s.TakeStans(count + 1);
        Assert.True(s.BeginUpload(base_, count));
        Assert.True(s.RecordUploadAcked(0));
        Assert.True(s.RecordUploadAcked(1));
        return rig;
    }

    /// <summary>The rest of the upload acknowledged, ready to close the batch.</summary>
    public static StoreRig UploadDone()
    {
        StoreRig rig = OpenDay();
        for (int i = rig.Store.UploadAcked; i < rig.Store.UploadCount; i++)
        {
            Assert.True(rig.Store.RecordUploadAcked(i));
        }

        return rig;
    }

    /// <summary>Closes the batch (SettleDone, then compaction); the journal as a power cut right after SettleDone leaves it.</summary>
    public static StoreRig CutAfterSettleDone()
    {
        for (int k = 0; k < 8; k++)
        {
            StoreRig rig = UploadDone();
            rig.Flash.CutPowerAt(k, 0);
            try
            {
                Close(rig.Store);
                continue;
            }
            catch (PowerLossException)
            {
            }

            rig.Flash.CancelCut();
            rig.Reboot();
            string[] lines = Records(rig.Flash).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines[^1].StartsWith(Name(PaymentRecord.SettleDone) + " ", StringComparison.Ordinal))
            {
                return rig;
            }
        }

        throw new InvalidOperationException("no cut leaves SettleDone as the last record");
    }

    /// <summary>The batch closed and compacted, the report printed, a sale of the next batch and its settlement answered balanced.</summary>
    public static StoreRig NextBatch()
    {
        StoreRig rig = UploadDone();
        Close(rig.Store);
        Assert.True(rig.Store.RecordSettlementPrinted());
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(1_234));
        Assert.True(rig.Store.RecordPrinted(sale, 1));
        Assert.True(rig.Store.ReserveStans());
        var totals = new BatchTotals();
        rig.Store.Totals(totals);
        Assert.True(rig.Store.BeginSettlement(rig.Store.Identity!.NextStan(), totals));
        Assert.True(rig.Store.RecordSettleAnswer(true));
        return rig;
    }

    private static void Close(PaymentStore s)
    {
        var totals = new BatchTotals();
        s.Totals(totals);
        Assert.True(s.CompleteSettlement(totals, false, s.UploadCount), s.Problem);
    }

    /// <summary>The journal on the flash as a boot reads it: one line per record, its type's name and its payload in hex.</summary>
    public static string Records(SimulatedFlash flash)
    {
        var journal = new JournalLog(flash, 1, Sectors, 256);
        journal.Mount();
        var b = new StringBuilder();
        byte[] payload = new byte[256];
        JournalCursor cursor = default;
        while (journal.Next(ref cursor, payload, out JournalEntry entry))
        {
            b.Append(Name(entry.Type)).Append(' ').Append(Convert.ToHexString(payload, 0, entry.Length)).Append('\n');
        }

        return b.ToString();
    }

    /// <summary>Appends records written as <see cref="Records"/> shows them to an empty journal, as an old terminal's flash holds them.</summary>
    public static StoreRig Replay(string records)
    {
        var rig = new StoreRig(Sectors);
        foreach (string line in records.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(' ');
            byte[] payload = parts.Length > 1 ? Convert.FromHexString(parts[1]) : [];
            Assert.True(rig.Journal.Append(Type(parts[0]), payload, 0, payload.Length) > 0, line);
        }

        rig.Reboot();
        return rig;
    }

    /// <summary>What a boot knows: <see cref="StoreRig.View"/> plus the settings, the catalog's thresholds and the whole analysis.</summary>
    public static string View(PaymentStore s)
    {
        var b = new StringBuilder(StoreRig.View(s));
        b.Append(CultureInfo.InvariantCulture, $"\nlastStan={s.Identity?.LastStan} identityBatch={s.Identity?.Batch} language={s.Language} training={s.Training} settings=");
        for (int id = 1; id < StoreSetting.Count; id++)
        {
            b.Append(CultureInfo.InvariantCulture, $"{s.Setting(id)},");
        }

        b.Append(" low=");
        for (int i = 0; i < s.Catalog.Count; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"{s.Catalog.LowStock(i)},");
        }

        SalesAnalysis a = s.LastSettledAnalysis;
        b.Append("\nhours");
        for (int h = 0; h < 24; h++)
        {
            if (a.HourCount(h) > 0)
            {
                b.Append(CultureInfo.InvariantCulture, $" {h}:{a.HourCount(h)}/{a.HourAmount(h)}");
            }
        }

        b.Append(" channels");
        for (int c = 0; c < TxnChannel.Count; c++)
        {
            b.Append(CultureInfo.InvariantCulture, $" {a.ChannelCount(c)}/{a.ChannelAmount(c)}");
        }

        b.Append(" operators");
        for (int op = 0; op <= SalesAnalysis.MaxOperator; op++)
        {
            if (a.OperatorCount(op) > 0)
            {
                b.Append(CultureInfo.InvariantCulture, $" {op}:{a.OperatorCount(op)}/{a.OperatorAmount(op)}");
            }
        }

        b.Append(" byAmount");
        for (int r = 0; r < a.ItemRows; r++)
        {
            b.Append(CultureInfo.InvariantCulture, $" {a.ItemCode(a.TopByAmount(r))}={a.ItemAmount(a.TopByAmount(r))}");
        }

        return b.ToString();
    }

    private static readonly (int Type, string Name)[] Names =
    [
        (PaymentRecord.Provision, "Provision"), (PaymentRecord.StanReserve, "StanReserve"), (PaymentRecord.Batch, "Batch"),
        (PaymentRecord.Snapshot, "Snapshot"), (PaymentRecord.Operator, "Operator"), (PaymentRecord.Settings, "Settings"),
        (PaymentRecord.Request, "Request"), (PaymentRecord.Outcome, "Outcome"), (PaymentRecord.Reversed, "Reversed"),
        (PaymentRecord.Printed, "Printed"), (PaymentRecord.CatalogStart, "CatalogStart"), (PaymentRecord.CatalogItem, "CatalogItem"),
        (PaymentRecord.CatalogEnd, "CatalogEnd"), (PaymentRecord.SaleItems, "SaleItems"), (PaymentRecord.SettleStart, "SettleStart"),
        (PaymentRecord.SettleAnswer, "SettleAnswer"), (PaymentRecord.UploadStart, "UploadStart"), (PaymentRecord.UploadAcked, "UploadAcked"),
        (PaymentRecord.SettleDone, "SettleDone"), (PaymentRecord.SettlePrinted, "SettlePrinted"),
    ];

    /// <summary>Every record type the store writes, by name.</summary>
    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    public static string Name(int type) => Names.Single(n => n.Type == type).Name;

    private static int Type(string name) => Names.Single(n => n.Name == name).Type;
}
