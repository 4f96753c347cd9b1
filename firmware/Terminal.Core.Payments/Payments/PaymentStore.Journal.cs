using Terminal.Core.Payments.Store;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// The store's journal side: every change committed as one record and applied as a boot replays it, and the
    /// compaction that restates each module and reclaims the rest, with the journal room that settlement and
    /// compaction must always find (docs/journal.md). The store's operations are in PaymentStore.cs.
    /// </summary>
    public sealed partial class PaymentStore
    {
        // The one path of every change: encode the record, append it to the journal, then apply it as a boot would.
        private bool Commit(StoreRecord r) => Commit(r, -1);

        // keepFree >= 0: the journal also writes a copy of the record if that much room stays after it, for the records
        // everything after builds on (identity, batch, snapshot), so that flash damage to one copy leaves the other.
        private bool Commit(StoreRecord r, int keepFree)
        {
            int length = r.Encode(_buf, 0);
            long written = keepFree < 0 ? _journal.Append(r.Type, _buf, 0, length) : _journal.AppendWithCopy(r.Type, _buf, 0, length, keepFree);
            if (written < 0)
            {
                _problem = Ui.Texts.Get(Language, written == Terminal.Core.Journal.JournalError.Full ? Ui.Texts.JournalFull : Ui.Texts.JournalWriteFailed);
                return false;
            }

            _problem = string.Empty;
            Apply(r);
            return true;
        }

        // Applies one record, written just now or replayed at boot, to the modules it concerns.
        private void Apply(StoreRecord r)
        {
            switch (r.Type)
            {
                case PaymentRecord.Provision:
                    _counters.Apply((ProvisionRecord)r);
                    break;
                case PaymentRecord.StanReserve:
                case PaymentRecord.Batch:
                case PaymentRecord.Operator:
                    _counters.Apply((CounterRecord)r);
                    break;
                case PaymentRecord.Snapshot:
                    SnapshotRecord s = (SnapshotRecord)r;
                    _counters.Apply(s);
                    _settlement.Apply(s);
                    _txns.Clear();

                    // Settings before a snapshot are restated by the settings record written right after it (none: all 0).
                    _settings.Reset();
                    break;
                case PaymentRecord.Settings:
                    _settings.Apply((SettingsRecord)r);
                    break;
                case PaymentRecord.Request:
                    TxnEntry? e = _txns.Apply((RequestRecord)r);
                    if (e != null)
                    {
                        _counters.Count(e);
                    }

                    break;
                case PaymentRecord.Outcome:
                    _txns.Apply((OutcomeRecord)r);
                    break;
                case PaymentRecord.Reversed:
                    _txns.Apply((ReversedRecord)r);
                    break;
                case PaymentRecord.Printed:
                    _txns.Apply((PrintedRecord)r);
                    break;
                case PaymentRecord.ChipResult:
                    _txns.Apply((ChipResultRecord)r);
                    break;
                case PaymentRecord.ChipAdviceSent:
                    _txns.Apply((ChipAdviceSentRecord)r);
                    break;
                case PaymentRecord.AdviceAnswer:
                    _txns.Apply((AdviceAnswerRecord)r);
                    break;
                case PaymentRecord.AdviceUnanswered:
                    _txns.Apply((AdviceUnansweredRecord)r);
                    break;
                case PaymentRecord.SaleItems:
                    _txns.Apply((SaleItemsRecord)r);
                    break;
                case PaymentRecord.QrOrder:
                    QrOrderRecord order = (QrOrderRecord)r;
                    order.ApplyTo(_txns.FindStan(order.Batch, order.Stan));
                    break;
                case PaymentRecord.Wallet:
                    WalletRecord wallet = (WalletRecord)r;
                    wallet.ApplyTo(_txns.FindStan(wallet.Batch, wallet.Stan));
                    break;
                case PaymentRecord.QrOrderClosed:
                    QrOrderClosedRecord closed = (QrOrderClosedRecord)r;
                    closed.ApplyTo(_txns.FindStan(closed.Batch, closed.Stan));
                    break;
                case PaymentRecord.CatalogStart:
                case PaymentRecord.CatalogEnd:
                    _catalog.Apply((CatalogMarkRecord)r);
                    break;
                case PaymentRecord.CatalogItem:
                    _catalog.Apply((CatalogItemRecord)r);
                    break;
                case PaymentRecord.SettleStart:
                    _settlement.Apply((SettleStartRecord)r);
                    break;
                case PaymentRecord.SettleAnswer:
                    _settlement.Apply((SettleAnswerRecord)r);
                    break;
                case PaymentRecord.UploadStart:
                    _settlement.Apply((UploadStartRecord)r);
                    break;
                case PaymentRecord.UploadAcked:
                    _settlement.Apply((UploadAckedRecord)r);
                    break;
                case PaymentRecord.SettleDone:
                    _settlement.Apply((SettleDoneRecord)r);

                    // The closed batch's analysis and its item sales leave with its transactions: keep the one, fold
                    // the other into the catalog's base stock.
                    _analysis.Compute(this);
                    _catalog.FoldSales();
                    _txns.Clear();
                    _counters.NextBatch();
                    _settings.Clear(StoreSetting.JournalDamaged);
                    break;
                case PaymentRecord.SettlePrinted:
                    _settlement.Apply((SettlePrintedRecord)r);
                    break;
                case PaymentRecord.SettleSides:
                    _settlement.Apply((SettleSidesRecord)r);
                    break;
                case PaymentRecord.SignIn:
                    _signInBatch = _signInRecord.Batch;
                    _signInAt = _signInRecord.At;
                    break;
                case PaymentRecord.MerchantProfile:
                    ProfileRecord p = (ProfileRecord)r;
                    _profile.Set(p.Name, p.Hotline, p.Contact, p.InvoiceUrl, p.Glyphs);
                    break;
                default:
                    break;
            }
        }

        private void Register(StoreRecord r) => _records[r.Type] = r;

        private bool SetSetting(int id, int value, bool keepSettlementRoom)
        {
            if (id <= 0 || id >= StoreSetting.Count || value < 0 || value > 255)
            {
                _problem = "No such setting";
                return false;
            }

            if (keepSettlementRoom && !RoomBesideSettlement(2))
            {
                _problem = Ui.Texts.Get(Language, Ui.Texts.JournalFull);
                return false;
            }

            SettingsRecord r = _settings.Record;
            r.Clear();
            r.Set(id, value);
            return Commit(r);
        }

        // Writes a catalog as start, items, end. A compaction copy carries the base stock as it is: the batch is
        // empty then, so base and stock are the same. c may be the catalog in force: it changes only at the end.
        private bool WriteCatalog(ItemCatalog c)
        {
            int count = c.Count;
            CatalogMarkRecord mark = _catalog.StartRecord;
            mark.Version = c.Version;
            mark.Count = count;
            if (!Commit(mark))
            {
                return false;
            }

            CatalogItemRecord item = _catalog.ItemRecord;
            for (int i = 0; i < count; i++)
            {
                item.Index = i;
                item.Item.CopyItem(c, i);
                if (!Commit(item))
                {
                    return false;
                }
            }

            mark = _catalog.EndRecord;
            mark.Version = c.Version;
            mark.Count = count;
            return Commit(mark);
        }

        // Compaction: each module restates itself (counters and last settlement in the snapshot with the analysis,
        // then the settings, then the catalog with its stock), and the journal erases everything older. A power cut
        // before the reclaim leaves the old records, from which a reboot computes the same state. Every later record
        // builds on the snapshot: the journal keeps a copy of it where there is room beside what compaction still
        // writes; a journal too full for it gets the compaction again once the reclaim has made room, copy and all.
        private bool Compact()
        {
            if (_txns.Count > 0)
            {
                return true; // only an empty batch is compacted
            }

            for (int pass = 0; pass < 2; pass++)
            {
                long seq = _journal.NextSequence;
                if (!WriteCompaction())
                {
                    return pass > 0; // a second pass only adds the copy: the first one stands
                }

                _journal.Reclaim(seq);
                if (_journal.CopyWritten)
                {
                    break;
                }
            }

            return true;
        }

        // The snapshot (with its copy when there is room), the settings and the catalog with its stock.
        private bool WriteCompaction()
        {
            bool settings = _settings.Fill(_settings.Record);
            SettleSidesRecord sides = _settlement.SidesRecord; // taken before the snapshot, whose replay clears them
            sides.Batch = _settlement.LastSettled.Batch;
            sides.LastSettled = true;
            sides.Sides.CopyFrom(_settlement.LastSides);
            _counters.Fill(_snapshot);
            _settlement.Fill(_snapshot);
            int rest = SettingsRecord.MaxEncoded + ProfileRoom + SignInRoom + CatalogRoom(Catalog) + (3 * (_journal.RecordOverheadBytes + _journal.MaxPayload))
                + _journal.RecordOverheadBytes + 4 + SettlementSides.EncodedSize;
            if (!Commit(_snapshot, rest))
            {
                return false;
            }

            if (settings && !Commit(_settings.Record))
            {
                return false;
            }

            if (sides.Sides.HostKnown && !Commit(sides))
            {
                return false; // the last settlement's two sides, restated after the snapshot that erases what brought them
            }

            if (_profile.IsSet && !RestateProfile())
            {
                return false;
            }

            if (_signInBatch > 0 && !Commit(FillSignIn(_signInBatch, _signInAt)))
            {
                return false; // the last sign-in, restated after the snapshot that erases it
            }

            return (Catalog.Count == 0 && Catalog.Version == 0) || WriteCatalog(Catalog);
        }

        // Commits r (of payload bytes) when it still leaves the room the open batch's settlement needs; else writes nothing
        // and says the journal is full.
        private bool CommitBesideSettlement(StoreRecord r, int payload)
        {
            if (!RoomBesideSettlement(payload))
            {
                _problem = Ui.Texts.Get(Language, Ui.Texts.JournalFull);
                return false;
            }

            return Commit(r);
        }

        // Whether a record of payload bytes fits and still leaves the room the open batch's settlement needs.
        private bool RoomBesideSettlement(int payload) => _journal.FreeBytes >= SettlementRoom(_txns.Count) + _journal.RecordOverheadBytes + payload;

        // Journal bytes (overhead included) of a request and the STAN reservation before it.
        private int RequestRoom => (2 * _journal.RecordOverheadBytes) + TxnEntry.MaxEncoded + 3;

        // Journal bytes the rest of a batch of n transactions may still write: per transaction two printed
        // marks and an upload acknowledgement; once, the last request's outcome, chip result and reversal, the settlement
        // start, answer, STAN reservations, upload start, done, snapshot and report printed; and, per sector
        // the writes cross, a tail too short for the largest of those records.
        private int SettlementRoom(int n)
        {
            int o = _journal.RecordOverheadBytes;
            int perTxn = (2 * (o + 7)) + (o + 5);
            int once = (o + 35) + (o + ChipResultRecord.MaxEncoded) + (o + 6) + (o + 6 + BatchTotals.EncodedSize) + (o + 4) + (2 * (o + 3)) + (o + 8)
                + (o + 6 + BatchTotals.EncodedSize) + (o + SnapshotRecord.FixedSize) + (o + SettingsRecord.MaxEncoded) + (o + 3) + ProfileRoom + SignInRoom
                + (2 * (o + 4 + SettlementSides.EncodedSize)); // the answer's sides, and their restatement at compaction
            int need = once + (n * perTxn) + CatalogRoom(Catalog) + AnalysisRoom + (_txns.OpenOrder() != null ? QrOrderRoom : 0);
            int tail = o + SnapshotRecord.FixedSize;

            // The analysis makes the snapshot the one large record: the tail it may leave is counted once.
            return need + (((need / _journal.SectorCapacity) + 2) * tail) + AnalysisRoom;
        }

        // Journal bytes an open merchant-presented QR order may still write beside its outcome (counted in the settlement's
        // room): its order number (0x18), the close (0x1A), and the wallet (0x19) of a payment the host reports even after
        // the close, each with the longest number the records keep. So a journal filled to the edge while an order waits
        // never refuses the record of an order the host may have paid.
        private int QrOrderRoom => (3 * _journal.RecordOverheadBytes) + (6 + 1 + QrOrderRecord.MaxOrderNumber) + (7 + 1 + QrOrderRecord.MaxOrderNumber) + 7;

        // Journal bytes of the last sign-in's restatement at compaction (none before the first sign-in).
        private int SignInRoom => _signInBatch > 0 ? _journal.RecordOverheadBytes + SignInRecord.Size : 0;

        private SignInRecord FillSignIn(int batch, System.DateTime at)
        {
            _signInRecord.Batch = batch;
            _signInRecord.At = at;
            return _signInRecord;
        }

        // The profile again at compaction, as it is.
        private bool RestateProfile() => Commit(FillProfile(_profile.Name, _profile.Hotline, _profile.Contact, _profile.InvoiceUrl, _profile.Glyphs));

        private ProfileRecord FillProfile(string name, string hotline, string contact, string invoiceUrl, Terminal.Hal.GlyphSupplement? glyphs)
        {
            ProfileRecord r = _profileRecord;
            r.Name = name;
            r.InvoiceUrl = invoiceUrl;
            r.Hotline = hotline;
            r.Contact = contact;
            r.Glyphs.Clear();
            if (glyphs != null)
            {
                r.Glyphs.CopyFrom(glyphs);
            }

            return r;
        }

        // Journal bytes of the profile restated at compaction (0 when none is set).
        private int ProfileRoom => _profile.IsSet ? _journal.RecordOverheadBytes + 4 + Util.Utf8Text.ByteCount(_profile.Name) + _profile.Hotline.Length
            + Util.Utf8Text.ByteCount(_profile.Contact) + (_profile.Glyphs.Count * (4 + Terminal.Hal.GlyphSupplement.GlyphBytes))
            + (_profile.InvoiceUrl.Length > 0 ? 1 + _profile.InvoiceUrl.Length : 0) : 0;

        // Bytes the last settled batch's analysis adds to the snapshot (at most what a record has left).
        private int AnalysisRoom => SalesAnalysis.MaxEncoded < _journal.MaxPayload - SnapshotRecord.FixedSize ? SalesAnalysis.MaxEncoded : _journal.MaxPayload - SnapshotRecord.FixedSize;

        // Journal bytes of a sale's item lines record.
        private int ItemsRoom => _journal.RecordOverheadBytes + 6 + SaleItems.MaxEncoded;

        // Journal bytes a catalog takes: start, its items, end.
        private int CatalogRoom(ItemCatalog c)
        {
            int o = _journal.RecordOverheadBytes;
            return (2 * (o + 5)) + (c.Count * (o + 1 + ItemCatalog.MaxEncodedItem));
        }
    }
}
