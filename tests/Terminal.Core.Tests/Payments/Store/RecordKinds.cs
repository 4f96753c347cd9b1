using System.Globalization;
using System.Text;
using CsCheck;
using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;

namespace Terminal.Core.Tests.Payments.Store;

/// <summary>
/// Every record type of the store for the record tests: how to make an empty one, a generator of records holding
/// any value the layout can carry, what a record holds as text (to compare two), and how short a payload may be.
/// </summary>
internal sealed class RecordKind
{
    private RecordKind(string name, Func<StoreRecord> empty, Gen<StoreRecord> any, Func<StoreRecord, int, bool> fullLength)
    {
        Name = name;
        Empty = empty;
        Any = any;
        AcceptsCutAt = fullLength;
    }

    public string Name { get; }

    /// <summary>A new record with nothing in it, to decode into.</summary>
    public Func<StoreRecord> Empty { get; }

    /// <summary>Records filled with values the layout carries whole.</summary>
    public Gen<StoreRecord> Any { get; }

    /// <summary>Whether the record's payload cut to this many bytes may still decode (most layouts: never short of their end).</summary>
    public Func<StoreRecord, int, bool> AcceptsCutAt { get; }

    public override string ToString() => Name;

    public static readonly RecordKind[] All =
    [
        new("Provision", () => new ProvisionRecord(), Gen.Select(Text(8, 8), Text(15, 15), (tid, mid) => (StoreRecord)new ProvisionRecord { TerminalId = tid, MerchantId = mid }), Never),
        new("StanReserve", () => new CounterRecord(PaymentRecord.StanReserve), U24.Select(v => (StoreRecord)new CounterRecord(PaymentRecord.StanReserve) { Value = v }), Never),
        new("Batch", () => new CounterRecord(PaymentRecord.Batch), U24.Select(v => (StoreRecord)new CounterRecord(PaymentRecord.Batch) { Value = v }), Never),
        new("Operator", () => new CounterRecord(PaymentRecord.Operator), Gen.Int[0, 255].Select(v => (StoreRecord)new CounterRecord(PaymentRecord.Operator) { Value = v }), Never),
        new("Snapshot", () => new SnapshotRecord(new SalesAnalysis()), AnySnapshot, (_, n) => n >= SnapshotRecord.FixedSize),
        new("Settings", () => new SettingsRecord(), AnySettings, (_, n) => n % 2 == 0),
        new("Request", () => new RequestRecord(), AnyRequest, RequestCutBeforeASection),
        new("Outcome", () => new OutcomeRecord(), AnyOutcome, OutcomeWithoutInstitutions),
        new("Reversed", () => new ReversedRecord(), Gen.Select(U24, U24, (b, s) => (StoreRecord)new ReversedRecord { Batch = b, Stan = s }), Never),
        new("Printed", () => new PrintedRecord(), Gen.Select(U24, U24, Gen.Int[0, 255], (b, s, c) => (StoreRecord)new PrintedRecord { Batch = b, Stan = s, Copies = c }), Never),
        new("ChipResult", () => new ChipResultRecord(), AnyChipResult, Never),
        new("ChipAdviceSent", () => new ChipAdviceSentRecord(), Gen.Select(U24, U24, Gen.Int[1, 2], (b, s, a) => (StoreRecord)new ChipAdviceSentRecord { Batch = b, Stan = s, Advice = a }), Never),
        new("AdviceAnswer", () => new AdviceAnswerRecord(), Gen.Select(U24, U24, Text(2, 2), Text(0, 12), (b, s, rc, rrn) => (StoreRecord)new AdviceAnswerRecord { Batch = b, Stan = s, ResponseCode = rc, Rrn = rrn }), Never),
        new("AdviceUnanswered", () => new AdviceUnansweredRecord(), Gen.Select(U24, U24, (b, s) => (StoreRecord)new AdviceUnansweredRecord { Batch = b, Stan = s }), Never),
        new("CatalogStart", () => new CatalogMarkRecord(PaymentRecord.CatalogStart), AnyMark(PaymentRecord.CatalogStart), Never),
        new("CatalogItem", () => new CatalogItemRecord(), AnyItem, Never),
        new("CatalogEnd", () => new CatalogMarkRecord(PaymentRecord.CatalogEnd), AnyMark(PaymentRecord.CatalogEnd), Never),
        new("SaleItems", () => new SaleItemsRecord(), AnySaleItems, Never),
        new("SettleStart", () => new SettleStartRecord(), AnySettleStart, Never),
        new("SettleAnswer", () => new SettleAnswerRecord(), Gen.Select(U24, Gen.Bool, (b, balanced) => (StoreRecord)new SettleAnswerRecord { Batch = b, Balanced = balanced }), Never),
        new("UploadStart", () => new UploadStartRecord(), Gen.Select(U24, U24, U16, (b, s, c) => (StoreRecord)new UploadStartRecord { Batch = b, BaseStan = s, Count = c }), Never),
        new("UploadAcked", () => new UploadAckedRecord(), Gen.Select(U24, U16, (b, i) => (StoreRecord)new UploadAckedRecord { Batch = b, Index = i }), Never),
        new("SettleDone", () => new SettleDoneRecord(), AnySettleDone, Never),
        new("SettlePrinted", () => new SettlePrintedRecord(), U24.Select(b => (StoreRecord)new SettlePrintedRecord { Batch = b }), Never),
        new("SettleSides", () => new SettleSidesRecord(), AnySettleSides, Never),
        new("MerchantProfile", () => new ProfileRecord(), AnyProfile, Never),
        new("SignIn", () => new SignInRecord(), Gen.Select(Gen.Int[1, 999_999], Gen.DateTime[new DateTime(2000, 1, 1), new DateTime(2099, 12, 31, 23, 59, 59)], (b, t) => (StoreRecord)new SignInRecord { Batch = b, At = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second) }), Never),
        new("QrOrder", () => new QrOrderRecord(), Gen.Select(U24, U24, Text(0, QrOrderRecord.MaxOrderNumber), (b, s, o) => (StoreRecord)new QrOrderRecord { Batch = b, Stan = s, OrderNumber = o }), Never),
        new("Wallet", () => new WalletRecord(), Gen.Select(U24, U24, Gen.Int[1, 3], Text(0, QrOrderRecord.MaxOrderNumber), (b, s, c, o) => (StoreRecord)new WalletRecord { Batch = b, Stan = s, Channel = c, WalletOrder = o }), Never),
        new("QrOrderClosed", () => new QrOrderClosedRecord(), Gen.Select(U24, U24, Gen.Int[1, 3], (b, s, r) => (StoreRecord)new QrOrderClosedRecord { Batch = b, Stan = s, Reason = r }), Never),
    ];

    // An outcome cut just before its F44 ids reads as one written before they were kept.
    private static bool OutcomeWithoutInstitutions(StoreRecord record, int length)
    {
        var o = (OutcomeRecord)record;
        return (o.IssuerId.Length > 0 || o.AcquirerId.Length > 0) && length == 3 + 3 + 1 + 3 + o.ResponseCode.Length + o.Rrn.Length + o.AuthCode.Length + 2 + 3;
    }

    private static bool Never(StoreRecord record, int length) => false;

    // A request cut just before one of its sections (the chip data, the original's auth code) reads as one written
    // before that section existed (the journal's CRC, not the layout, tells a torn record).
    private static bool RequestCutBeforeASection(StoreRecord record, int length)
    {
        TxnEntry e = ((RequestRecord)record).Entry;
        int full = e.EncodeRequest(new byte[TxnEntry.MaxEncoded], 0);
        int auth = e.OriginalAuthCode.Length > 0 ? 2 + 1 + e.OriginalAuthCode.Length : 0;
        int chip = e.Chip != null ? 2 + e.Chip.EncodeRequestPart(new byte[ChipData.MaxEncodedRequestPart], 0) : 0;
        return (auth > 0 && length == full - auth) || (chip > 0 && length == full - auth - chip);
    }

    private static Gen<int> U16 => Gen.Int[0, 0xFFFF];

    // A profile: a name of Chinese and Latin characters, a hotline, a contact, up to 8 glyphs of distinct characters,
    // and an e-invoice page or none (a record of the layout before the page).
    private static Gen<StoreRecord> AnyProfile =>
        Gen.Select(
            Gen.OneOf(Gen.Char['\u4E00', '\u9FA5'], Gen.Char[' ', '~']).Array[0, 16].Select(c => new string(c)),
            Gen.Char['0', '9'].Array[0, 20].Select(c => new string(c)),
            Gen.Char['\u4E00', '\u9FA5'].Array[0, 8].Select(c => new string(c)),
            Gen.Select(Gen.Char['\u4E00', '\u9FA5'], U16, Gen.Byte.Array[32]).Array[0, 8],
            Gen.OneOf(Gen.Const(string.Empty), Gen.Char['a', 'z'].Array[1, 55].Select(c => "https://" + new string(c))),
            (name, hotline, contact, glyphs, invoiceUrl) =>
            {
                var r = new ProfileRecord { Name = name, Hotline = hotline, Contact = contact, InvoiceUrl = invoiceUrl };
                foreach (var (ch, code, bitmap) in glyphs)
                {
                    r.Glyphs.Add(ch, code, bitmap, 0);
                }

                return (StoreRecord)r;
            });

    private static Gen<int> U24 => Gen.Int[0, 0xFFFFFF];

    private static Gen<long> U40 => Gen.Long[0, 0xFF_FFFF_FFFF];

    // Printable ASCII, what the journal's text fields carry unchanged.
    private static Gen<string> Text(int min, int max) => Gen.Char[' ', '~'].Array[min, max].Select(c => new string(c));

    private static Gen<BatchTotals> Totals =>
        Gen.Select(U24, U16, U40, U16, U40, Gen.Select(U16, U40).Array[12], (batch, dc, da, cc, ca, cells) =>
        {
            var t = new BatchTotals { Batch = batch, DebitCount = dc, DebitAmount = da, CreditCount = cc, CreditAmount = ca };
            for (int i = 0; i < cells.Length; i++)
            {
                t.SetCell(TxnKind.Sale + (i / TxnChannel.Count), i % TxnChannel.Count, cells[i].Item1, cells[i].Item2);
            }

            return t;
        });

    // An analysis of a few sales as a store computes it (hours, channels, operators, item lines).
    private static Gen<SalesAnalysis> Analysis =>
        Gen.Select(Gen.Int[0, 23], Gen.Int[0, TxnChannel.Count - 1], Gen.Int[1, 99], Gen.Int[1, 5], Gen.Int[1, 50]).Array[0, 6].Select(sales =>
        {
            var rig = StoreRig.Provisioned(sectors: 16);
            foreach (var (hour, channel, op, code, quantity) in sales)
            {
                rig.Store.SetOperator(op);
                var items = new SaleItems();
                items.Add(code, quantity, 100 + code);
                TxnEntry template = StoreRig.SaleTemplate(items.Total, channel);
                template.Items = items;
                TxnEntry e = rig.Store.Begin(template)!;
                rig.Store.RecordOutcome(e, true, "00", StoreRig.Rrn(e.Stan), "A00001", 1125, (hour * 10000) + 1500);
            }

            var analysis = new SalesAnalysis();
            analysis.Compute(rig.Store);
            return analysis;
        });

    private static Gen<StoreRecord> AnySnapshot =>
        Gen.Select(Gen.Select(Text(8, 8), Text(15, 15), U24, U24, U24, Gen.Int[0, 255]), Totals, Gen.Bool, Gen.Bool, U16, Analysis, (ids, totals, balanced, printed, uploads, analysis) =>
        {
            var s = new SnapshotRecord(analysis)
            {
                TerminalId = ids.Item1,
                MerchantId = ids.Item2,
                Batch = ids.Item3,
                StanReserved = ids.Item4,
                NextInvoice = ids.Item5,
                Operator = ids.Item6,
                Balanced = balanced,
                ReportPrinted = printed,
                Uploads = uploads,
            };
            s.LastSettled.CopyFrom(totals);
            return (StoreRecord)s;
        });

    private static Gen<StoreRecord> AnySettings =>
        Gen.Select(Gen.Bool, Gen.Int[0, 255]).Array[StoreSetting.Count - 1].Select(settings =>
        {
            var r = new SettingsRecord();
            for (int i = 0; i < settings.Length; i++)
            {
                if (settings[i].Item1)
                {
                    r.Set(i + 1, settings[i].Item2);
                }
            }

            return (StoreRecord)r;
        });

    /// <summary>Chip data holding any value its layout carries (the first GENERATE AC's part).</summary>
    public static Gen<ChipData> AnyChip =>
        Gen.Select(
            Gen.Select(Gen.Byte.Array[0, ChipData.MaxAid], Text(0, ChipData.MaxLabel), Gen.Int[-1, 99], U16, U24),
            Gen.Select(Gen.Byte.Array[5], U16, U16, Gen.Byte.Array[4], Gen.Byte.Array[0, ChipData.MaxIad], Gen.Byte.Array[8]),
            (a, b) =>
            {
                var c = new ChipData { Label = a.Item2, PanSequence = a.Item3, Aip = a.Item4, CvmResults = a.Item5, Tsi = b.Item2, Atc = b.Item3 };
                c.SetAid(a.Item1, 0, a.Item1.Length);
                b.Item1.CopyTo(c.Tvr, 0);
                b.Item4.CopyTo(c.UnpredictableNumber, 0);
                c.SetIad(b.Item5, 0, b.Item5.Length);
                b.Item6.CopyTo(c.Arqc, 0);
                return c;
            });

    private static Gen<StoreRecord> AnyChipResult =>
        Gen.Select(U24, U24, Gen.Int[0, 255], Gen.Byte.Array[8], Gen.Byte.Array[5], U16, Gen.Byte.Array[0, ChipData.MaxScriptResults],
            (batch, stan, cid, ac, tvr, tsi, scripts) =>
            {
                var r = new ChipResultRecord { Batch = batch, Stan = stan };
                r.Result.FinalCid = cid;
                ac.CopyTo(r.Result.FinalCryptogram, 0);
                tvr.CopyTo(r.Result.Tvr, 0);
                r.Result.Tsi = tsi;
                r.Result.SetScriptResults(scripts, 0, scripts.Length);
                return (StoreRecord)r;
            });

    private static Gen<StoreRecord> AnyRequest =>
        Gen.Select(
            Gen.Select(Gen.Int[TxnKind.Sale, TxnKind.Last], Gen.Int[0, TxnChannel.Count - 1], Gen.Int[0, 255], Gen.Int[0, 255], U24, U24, U24),
            Gen.Select(Gen.Long[1, 0xFF_FFFF_FFFF], Text(0, 19), U16, U16, U24),
            Gen.Select(U24, U24, U24, Text(0, 12), U16, Text(0, 6)),
            AnyChip.Null(),
            (a, b, c, chip) => (StoreRecord)new RequestRecord
            {
                Entry = new TxnEntry
                {
                    Kind = a.Item1, Channel = a.Item2, Mode = a.Item3, Operator = a.Item4, Invoice = a.Item5, Stan = a.Item6, Batch = a.Item7,
                    Amount = b.Item1, MaskedPan = b.Item2, ExpiryYymm = b.Item3, DateMmdd = b.Item4, TimeHhmmss = b.Item5,
                    OriginalStan = c.Item1, OriginalBatch = c.Item2, OriginalInvoice = c.Item3, OriginalRrn = c.Item4, OriginalDateMmdd = c.Item5,
                    OriginalAuthCode = c.Item6, State = TxnState.Pending, Chip = chip,
                },
            });

    private static Gen<StoreRecord> AnyOutcome =>
        Gen.Select(U24, U24, Gen.OneOfConst(TxnState.Approved, TxnState.Declined), Text(0, 2), Text(0, 12), Text(0, 6), U16, U24,
            (batch, stan, state, rc, rrn, auth, date, time) => new OutcomeRecord
            {
                Batch = batch, Stan = stan, State = state, ResponseCode = rc, Rrn = rrn, AuthCode = auth, DateMmdd = date, TimeHhmmss = time,
            }).SelectMany(o => Gen.Select(Text(0, 11), Text(0, 11), (issuer, acquirer) =>
            {
                o.IssuerId = issuer;
                o.AcquirerId = acquirer;
                return (StoreRecord)o;
            }));

    private static Gen<StoreRecord> AnySettleSides =>
        Gen.Select(U24, Gen.Bool, Gen.Select(U16, U40).Array[8], Gen.Int[1, 3].Array[2], (batch, last, figures, results) =>
        {
            var r = new SettleSidesRecord { Batch = batch, LastSettled = last };
            var t = new BatchTotals
            {
                DebitCount = figures[0].Item1, DebitAmount = figures[0].Item2, CreditCount = figures[1].Item1, CreditAmount = figures[1].Item2,
            };
            r.Sides.SetTerminal(t);
            string f48 = string.Concat(Enumerable.Range(0, 2).Select(p =>
                (figures[2 + (2 * p)].Item2 % 1_000_000_000_000).ToString("D12", CultureInfo.InvariantCulture) + (figures[2 + (2 * p)].Item1 % 1000).ToString("D3", CultureInfo.InvariantCulture)
                + (figures[3 + (2 * p)].Item2 % 1_000_000_000_000).ToString("D12", CultureInfo.InvariantCulture) + (figures[3 + (2 * p)].Item1 % 1000).ToString("D3", CultureInfo.InvariantCulture)
                + results[p].ToString(CultureInfo.InvariantCulture)));
            _ = r.Sides.ReadAnswer(f48) ? 0 : throw new InvalidOperationException("not an answer: " + f48);
            return (StoreRecord)r;
        });

    private static Gen<StoreRecord> AnyMark(int type) =>
        Gen.Select(Gen.Int, Gen.Int[0, ItemCatalog.MaxItems], (version, count) => (StoreRecord)new CatalogMarkRecord(type) { Version = version, Count = count });

    // Chinese names from the CJK block, as a catalog's zh names are.
    private static Gen<StoreRecord> AnyItem =>
        Gen.Select(Gen.Int[0, 255], Gen.Int[1, ItemCatalog.MaxCode], Text(1, ItemCatalog.MaxNameEn), Gen.Char['\u4E00', '\u9FA5'].Array[0, ItemCatalog.MaxNameZh].Select(c => new string(c)),
            Gen.Long[1, Money.DefaultMaximum], Gen.Int[-ItemCatalog.MaxStock, ItemCatalog.MaxStock], Gen.Int[0, 65535],
            (index, code, en, zh, price, stock, low) =>
            {
                var r = new CatalogItemRecord { Index = index };
                Xunit.Assert.Equal(string.Empty, r.Item.Add(code, en, zh, price, stock, low));
                return (StoreRecord)r;
            });

    private static Gen<StoreRecord> AnySaleItems =>
        Gen.Select(U24, U24, Gen.Select(Gen.Int[1, ItemCatalog.MaxCode], Gen.Int[1, SaleItems.MaxQuantity], Gen.Long[1, uint.MaxValue]).Array[1, SaleItems.MaxLines], (batch, stan, lines) =>
        {
            var r = new SaleItemsRecord { Batch = batch, Stan = stan };
            foreach (var (code, quantity, price) in lines)
            {
                r.Items.Add(code, quantity, price);
            }

            return (StoreRecord)r;
        });

    private static Gen<StoreRecord> AnySettleStart =>
        Gen.Select(U24, U24, Totals, (batch, stan, totals) =>
        {
            var r = new SettleStartRecord { Batch = batch, Stan = stan };
            r.Totals.CopyFrom(totals);
            return (StoreRecord)r;
        });

    private static Gen<StoreRecord> AnySettleDone =>
        Gen.Select(U24, Totals, Gen.Bool, U16, (batch, totals, balanced, uploads) =>
        {
            var r = new SettleDoneRecord { Batch = batch, Balanced = balanced, Uploads = uploads };
            r.Totals.CopyFrom(totals);
            return (StoreRecord)r;
        });

    /// <summary>Everything a record holds, as text: two records are the same when their texts are.</summary>
    public static string Show(StoreRecord r)
    {
        var b = new StringBuilder().Append(CultureInfo.InvariantCulture, $"type {r.Type:X2}: ");
        switch (r)
        {
            case ProvisionRecord p:
                b.Append(CultureInfo.InvariantCulture, $"{p.TerminalId}|{p.MerchantId}");
                break;
            case CounterRecord c:
                b.Append(c.Value);
                break;
            case SnapshotRecord s:
                b.Append(CultureInfo.InvariantCulture, $"{s.TerminalId}|{s.MerchantId} {s.Batch} {s.StanReserved} {s.NextInvoice} {s.Operator} {s.Balanced} {s.ReportPrinted} {s.Uploads} {StoreRig.Totals(s.LastSettled)} {Show(s.Analysis)}");
                break;
            case SettingsRecord t:
                for (int id = 0; id < StoreSetting.Count + 1; id++)
                {
                    b.Append(CultureInfo.InvariantCulture, $"{id}:{t.Has(id)}/{t.Value(id)} ");
                }

                break;
            case RequestRecord q:
                TxnEntry e = q.Entry;
                b.Append(CultureInfo.InvariantCulture, $"{e.Kind} {e.Channel} {e.Mode} {e.Operator} {e.Invoice} {e.Stan} {e.Batch} {e.Amount} {e.MaskedPan}| {e.ExpiryYymm} {e.DateMmdd} {e.TimeHhmmss} {e.OriginalStan} {e.OriginalBatch} {e.OriginalInvoice} {e.OriginalRrn}| {e.OriginalDateMmdd} {e.OriginalAuthCode}| {TxnState.Name(e.State)}");
                if (e.Chip != null)
                {
                    b.Append(' ').Append(ShowChip(e.Chip));
                }

                break;
            case SignInRecord si:
                b.Append(CultureInfo.InvariantCulture, $"{si.Batch} {si.At:yyyyMMddHHmmss}");
                break;
            case AdviceAnswerRecord aa:
                b.Append(CultureInfo.InvariantCulture, $"{aa.Batch}|{aa.Stan}|{aa.ResponseCode}|{aa.Rrn}");
                break;
            case AdviceUnansweredRecord au:
                b.Append(CultureInfo.InvariantCulture, $"{au.Batch}|{au.Stan}");
                break;
            case ChipAdviceSentRecord ca:
                b.Append(CultureInfo.InvariantCulture, $"{ca.Batch}|{ca.Stan}|{ca.Advice}");
                break;
            case ChipResultRecord cr:
                b.Append(CultureInfo.InvariantCulture, $"{cr.Batch} {cr.Stan} {ShowChip(cr.Result)}");
                break;
            case OutcomeRecord o:
                b.Append(CultureInfo.InvariantCulture, $"{o.Batch} {o.Stan} {o.State} {o.ResponseCode}|{o.Rrn}|{o.AuthCode}| {o.DateMmdd} {o.TimeHhmmss} {o.IssuerId}|{o.AcquirerId}|");
                break;
            case ReversedRecord v:
                b.Append(CultureInfo.InvariantCulture, $"{v.Batch} {v.Stan}");
                break;
            case PrintedRecord p:
                b.Append(CultureInfo.InvariantCulture, $"{p.Batch} {p.Stan} {p.Copies}");
                break;
            case CatalogMarkRecord m:
                b.Append(CultureInfo.InvariantCulture, $"{m.Version} {m.Count}");
                break;
            case CatalogItemRecord i:
                ItemCatalog c1 = i.Item;
                b.Append(CultureInfo.InvariantCulture, $"{i.Index} {c1.Count}");
                if (c1.Count > 0)
                {
                    b.Append(CultureInfo.InvariantCulture, $" {c1.Code(0)} {c1.NameEn(0)}|{c1.NameZh(0)}| {c1.Price(0)} {c1.StockCount(0)} {c1.LowStock(0)}");
                }

                break;
            case SaleItemsRecord l:
                b.Append(CultureInfo.InvariantCulture, $"{l.Batch} {l.Stan}");
                for (int i = 0; i < l.Items.Count; i++)
                {
                    b.Append(CultureInfo.InvariantCulture, $" {l.Items.Code(i)}x{l.Items.Quantity(i)}@{l.Items.UnitPrice(i)}");
                }

                break;
            case SettleStartRecord ss:
                b.Append(CultureInfo.InvariantCulture, $"{ss.Batch} {ss.Stan} {StoreRig.Totals(ss.Totals)}");
                break;
            case SettleAnswerRecord a:
                b.Append(CultureInfo.InvariantCulture, $"{a.Batch} {a.Balanced}");
                break;
            case UploadStartRecord u:
                b.Append(CultureInfo.InvariantCulture, $"{u.Batch} {u.BaseStan} {u.Count}");
                break;
            case UploadAckedRecord k:
                b.Append(CultureInfo.InvariantCulture, $"{k.Batch} {k.Index}");
                break;
            case SettleDoneRecord d:
                b.Append(CultureInfo.InvariantCulture, $"{d.Batch} {StoreRig.Totals(d.Totals)} {d.Balanced} {d.Uploads}");
                break;
            case SettlePrintedRecord sp:
                b.Append(sp.Batch);
                break;
            case QrOrderRecord qo:
                b.Append(CultureInfo.InvariantCulture, $"{qo.Batch} {qo.Stan} {qo.OrderNumber}|");
                break;
            case WalletRecord w:
                b.Append(CultureInfo.InvariantCulture, $"{w.Batch} {w.Stan} {w.Channel} {w.WalletOrder}|");
                break;
            case QrOrderClosedRecord qc:
                b.Append(CultureInfo.InvariantCulture, $"{qc.Batch} {qc.Stan} {qc.Reason}");
                break;
            case SettleSidesRecord sd:
                b.Append(CultureInfo.InvariantCulture, $"{sd.Batch} {sd.LastSettled} {sd.Sides.HostKnown} {sd.Sides.Result(0)} {sd.Sides.Result(1)}");
                foreach (bool host in new[] { false, true })
                {
                    for (int part = 0; part < 2; part++)
                    {
                        b.Append(CultureInfo.InvariantCulture, $" {sd.Sides.Count(host, part, false)}/{sd.Sides.Amount(host, part, false)}/{sd.Sides.Count(host, part, true)}/{sd.Sides.Amount(host, part, true)}");
                    }
                }
                break;
            case ProfileRecord mp:
                b.Append(CultureInfo.InvariantCulture, $"{mp.Name}|{mp.Hotline}|{mp.Contact}|{mp.InvoiceUrl}|");
                for (int i = 0; i < mp.Glyphs.Count; i++)
                {
                    byte[] glyph = new byte[Terminal.Hal.GlyphSupplement.GlyphBytes];
                    mp.Glyphs.CopyGlyph(i, glyph, 0);
                    b.Append(CultureInfo.InvariantCulture, $" {(int)mp.Glyphs.CharAt(i):X4}/{mp.Glyphs.CodeAt(i):X4}/{Convert.ToHexString(glyph)}");
                }

                break;
            default:
                throw new ArgumentException($"no text for record type {r.Type}", nameof(r));
        }

        return b.ToString();
    }

    /// <summary>Everything chip data holds, as text.</summary>
    public static string ShowChip(ChipData c) =>
        string.Create(CultureInfo.InvariantCulture, $"chip aid={Convert.ToHexString(c.Aid, 0, c.AidLength)} label={c.Label}| psn={c.PanSequence} aip={c.Aip:X4} cvm={c.CvmResults:X6} tvr={Convert.ToHexString(c.Tvr)} tsi={c.Tsi:X4} atc={c.Atc:X4} un={Convert.ToHexString(c.UnpredictableNumber)} iad={Convert.ToHexString(c.Iad, 0, c.IadLength)} arqc={Convert.ToHexString(c.Arqc)} cid={c.FinalCid} ac={Convert.ToHexString(c.FinalCryptogram)} scripts={Convert.ToHexString(c.ScriptResults, 0, c.ScriptResultsLength)}");

    private static string Show(SalesAnalysis a)
    {
        var b = new StringBuilder().Append(CultureInfo.InvariantCulture, $"analysis {a.Batch} {a.Count}/{a.Amount} hours");
        for (int h = 0; h < 24; h++)
        {
            b.Append(CultureInfo.InvariantCulture, $" {a.HourCount(h)}/{a.HourAmount(h)}");
        }

        for (int c = 0; c < TxnChannel.Count; c++)
        {
            b.Append(CultureInfo.InvariantCulture, $" ch{c}={a.ChannelCount(c)}/{a.ChannelAmount(c)}");
        }

        for (int op = 0; op <= SalesAnalysis.MaxOperator; op++)
        {
            if (a.OperatorCount(op) > 0)
            {
                b.Append(CultureInfo.InvariantCulture, $" op{op}={a.OperatorCount(op)}/{a.OperatorAmount(op)}");
            }
        }

        for (int r = 0; r < a.ItemRows; r++)
        {
            b.Append(CultureInfo.InvariantCulture, $" {a.ItemCode(a.TopByQuantity(r))}x{a.ItemQuantity(a.TopByQuantity(r))}={a.ItemAmount(a.TopByQuantity(r))}");
        }

        return b.ToString();
    }
}
