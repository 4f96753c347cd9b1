using System.Globalization;
using System.Text;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Storage;
using Xunit;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Tests.Payments;

/// <summary>A payment store on a journal on simulated flash, rebooted at will: the same flash, a new journal and store.</summary>
internal sealed class StoreRig
{
    public const string TerminalId = "12345678";
    public const string MerchantId = "123456789012345";
    public const string MaskedPan = "476173******0010";

    public StoreRig(int sectors = 8, int sectorSize = 1024, int pageSize = 64)
    {
        Flash = new SimulatedFlash(sectors + 1, sectorSize, pageSize);
        Sectors = sectors;
        Store = Reboot();
    }

    public SimulatedFlash Flash { get; }

    public int Sectors { get; }

    public PaymentStore Store { get; private set; }

    public JournalLog Journal => Store.Journal;

    /// <summary>Mounts a new journal and loads a new store from the flash as it is, as a boot does.</summary>
    public PaymentStore Reboot()
    {
        var journal = new JournalLog(Flash, 1, Sectors, 256);
        journal.Mount();
        var store = new PaymentStore(journal);
        store.Load();
        Store = store;
        return store;
    }

    /// <summary>What a boot would load from the flash now, leaving <see cref="Store"/> running.</summary>
    public PaymentStore Peek()
    {
        var journal = new JournalLog(Flash, 1, Sectors, 256);
        journal.Mount();
        var store = new PaymentStore(journal);
        store.Load();
        return store;
    }

    /// <summary>Settles <paramref name="store"/>'s batch, balanced at once (settlement start, completion: the journal compacts).</summary>
    public static void Settle(PaymentStore store)
    {
        Assert.True(store.ReserveStans());
        var totals = new BatchTotals();
        store.Totals(totals);
        Assert.True(store.BeginSettlement(store.Identity!.NextStan(), totals), store.Problem);
        store.Totals(totals);
        Assert.True(store.CompleteSettlement(totals, true, 0), store.Problem);
    }

    /// <summary>A provisioned store (TID, MID, batch 7, operator 3).</summary>
    public static StoreRig Provisioned(int sectors = 8, int sectorSize = 1024)
    {
        var rig = new StoreRig(sectors, sectorSize);
        Assert.True(rig.Store.Provision(TerminalId, MerchantId));
        Assert.True(rig.Store.SetBatch(7));
        Assert.True(rig.Store.SetOperator(3));
        return rig;
    }

    public static TxnEntry SaleTemplate(long amount, int channel = TxnChannel.Card) => new()
    {
        Kind = TxnKind.Sale,
        Channel = channel,
        Mode = channel == TxnChannel.Card ? EntryMode.Swipe : EntryMode.Qr,
        Amount = amount,
        MaskedPan = MaskedPan,
        ExpiryYymm = 2812,
        DateMmdd = 1125,
        TimeHhmmss = 101500,
    };

    /// <summary>A sale of a chip card inserted (F22 051): a UnionPay debit application's data after the first GENERATE AC.</summary>
    public static TxnEntry ChipSaleTemplate(long amount, int mode = EntryMode.Inserted)
    {
        TxnEntry e = SaleTemplate(amount);
        e.Mode = mode;
        e.MaskedPan = "622848******0019";
        e.Chip = ChipSample();
        return e;
    }

    /// <summary>What a UnionPay debit card gives after the first GENERATE AC (an ARQC).</summary>
    public static ChipData ChipSample()
    {
        var c = new ChipData { Label = "PBOC DEBIT", PanSequence = 1, Aip = 0x7C00, CvmResults = 0x420300, Tsi = 0xE800, Atc = 0x0012 };
        byte[] aid = Convert.FromHexString("A000000333010101");
        c.SetAid(aid, 0, aid.Length);
        Convert.FromHexString("0000048000").CopyTo(c.Tvr, 0);
        Convert.FromHexString("1A2B3C4D").CopyTo(c.UnpredictableNumber, 0);
        byte[] iad = Convert.FromHexString("07010103A0A802010A010000000000");
        c.SetIad(iad, 0, iad.Length);
        Convert.FromHexString("8E3C1A2B4D5E6F70").CopyTo(c.Arqc, 0);
        return c;
    }

    /// <summary>The card's completion: <paramref name="cid"/> (TC 40, AAC 00) with its cryptogram, TVR and TSI as after issuer authentication.</summary>
    public static ChipData Completion(int cid)
    {
        var c = new ChipData { FinalCid = cid, Tsi = 0xF800 };
        Convert.FromHexString(cid == CryptogramKind.Tc ? "3C9D0E1F2A3B4C5D" : "0A0B0C0D0E0F1011").CopyTo(c.FinalCryptogram, 0);
        Convert.FromHexString("0000048000").CopyTo(c.Tvr, 0);
        return c;
    }

    public static TxnEntry VoidTemplate(TxnEntry sale) => new()
    {
        Kind = TxnKind.Void,
        Channel = sale.Channel,
        Mode = EntryMode.Reference,
        Amount = sale.Amount,
        MaskedPan = sale.MaskedPan,
        OriginalStan = sale.Stan,
        OriginalBatch = sale.Batch,
        OriginalInvoice = sale.Invoice,
        OriginalRrn = sale.Rrn,
        OriginalDateMmdd = sale.DateMmdd,
    };

    public static TxnEntry RefundTemplate(string rrn, long amount, int channel = TxnChannel.Card) => new()
    {
        Kind = TxnKind.Refund,
        Channel = channel,
        Mode = EntryMode.Reference,
        Amount = amount,
        OriginalRrn = rrn,
        OriginalDateMmdd = 1124,
    };

    public static string Rrn(int stan) => "5" + stan.ToString("D11", CultureInfo.InvariantCulture);

    /// <summary>Begins a request and records the host's answer (RRN made from the STAN).</summary>
    public TxnEntry Answered(TxnEntry template, bool approved = true)
    {
        TxnEntry e = Store.Begin(template) ?? throw new InvalidOperationException(Store.Problem);
        Assert.True(Store.RecordOutcome(e, approved, approved ? "00" : "51", Rrn(e.Stan), approved ? "A" + e.Stan.ToString("D5", CultureInfo.InvariantCulture) : string.Empty, 1125, 101501));
        return e;
    }

    /// <summary>
    /// Everything a boot can see of a store, in one string: counters, settlement, each transaction (a
    /// reversible request still pending reads as reversal-pending, as Load resolves it) and the totals.
    /// </summary>
    public static string View(PaymentStore s)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"provisioned={s.Provisioned} tid={s.Identity?.TerminalId} batch={s.Batch} invoice={s.NextInvoice} op={s.Operator} stage={s.SettlementStage}");
        if (s.SettlementStage != SettleStage.None)
        {
            b.Append(CultureInfo.InvariantCulture, $" settleStan={s.SettlementStan}");
        }

        if (s.SettlementStage == SettleStage.Uploading)
        {
            b.Append(CultureInfo.InvariantCulture, $" upload={s.UploadBaseStan}+{s.UploadCount} acked={s.UploadAcked}");
        }

        b.Append(CultureInfo.InvariantCulture, $" reportPrinted={s.SettlementReportPrinted} lastBalanced={s.LastSettledBalanced} lastUploads={s.LastSettledUploads} last={Totals(s.LastSettled)}\n");
        for (int i = 0; i < s.Count; i++)
        {
            TxnEntry t = s.At(i);
            int state = t.State == TxnState.Pending && t.Reversible ? TxnState.ReversalPending : t.State;
            b.Append(CultureInfo.InvariantCulture, $"{TxnKind.Name(t.Kind)} ch={t.Channel} mode={t.Mode} {TxnState.Name(state)} inv={t.Invoice} stan={t.Stan} batch={t.Batch} op={t.Operator} amt={t.Amount} pan={t.MaskedPan} rrn={t.Rrn} auth={t.AuthCode} rc={t.ResponseCode} {t.DateMmdd}/{t.TimeHhmmss} exp={t.ExpiryYymm} orig={t.OriginalBatch}/{t.OriginalStan}/{t.OriginalInvoice}/{t.OriginalRrn}/{t.OriginalDateMmdd} voided={t.Voided} refunded={t.Refunded} printed={t.Printed}");
            if (t.Chip != null || t.CardDeclined)
            {
                b.Append(CultureInfo.InvariantCulture, $" cardDeclined={t.CardDeclined} {(t.Chip == null ? "no chip" : Terminal.Core.Tests.Payments.Store.RecordKind.ShowChip(t.Chip))}");
            }

            b.Append('\n');
        }

        var totals = new BatchTotals();
        s.Totals(totals);
        b.Append(Totals(totals));

        // Items: the catalog with each item's stock, each sale's lines, the last settled batch's analysis.
        ItemCatalog c = s.Catalog;
        b.Append(CultureInfo.InvariantCulture, $"\ncatalog v{c.Version}");
        for (int i = 0; i < c.Count; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $" {c.Code(i)}:{c.NameEn(i)}/{c.NameZh(i)}@{c.Price(i)} stock={s.Stock(i)} base={c.StockCount(i)}");
        }

        for (int i = 0; i < s.Count; i++)
        {
            SaleItems? items = s.At(i).Items;
            for (int l = 0; items != null && l < items.Count; l++)
            {
                b.Append(CultureInfo.InvariantCulture, $" inv{s.At(i).Invoice}:{items.Code(l)}x{items.Quantity(l)}@{items.UnitPrice(l)}");
            }
        }

        SalesAnalysis a = s.LastSettledAnalysis;
        b.Append(CultureInfo.InvariantCulture, $"\nlast analysis batch {a.Batch} {a.Count}/{a.Amount} items {a.ItemRows}");
        for (int r = 0; r < a.ItemRows; r++)
        {
            b.Append(CultureInfo.InvariantCulture, $" {a.ItemCode(a.TopByQuantity(r))}x{a.ItemQuantity(a.TopByQuantity(r))}");
        }

        return b.ToString();
    }

    public static string Totals(BatchTotals t)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"[batch {t.Batch} debit {t.DebitCount}/{t.DebitAmount} credit {t.CreditCount}/{t.CreditAmount}");
        for (int kind = TxnKind.Sale; kind <= TxnKind.Refund; kind++)
        {
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                b.Append(CultureInfo.InvariantCulture, $" {t.Count(kind, c)}/{t.Amount(kind, c)}");
            }
        }

        return b.Append(']').ToString();
    }
}
