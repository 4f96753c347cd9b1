using System.Collections;
using Terminal.Core.Host;
using Terminal.Core.Util;
using JournalLog = Terminal.Core.Journal.Journal;
using JournalCursor = Terminal.Core.Journal.JournalCursor;
using JournalEntry = Terminal.Core.Journal.JournalEntry;

namespace Terminal.Core.Payments
{
    /// <summary>Journal record types the payment store writes (the self-test owns 0x20; the catalog 0x21..0x2F).</summary>
    public static class PaymentRecord
    {
        /// <summary>Terminal ID and merchant ID, written at provisioning.</summary>
        public const int Provision = 0x01;
        /// <summary>STANs reserved up to a value: at boot numbering resumes above it, so no STAN is ever reused.</summary>
        public const int StanReserve = 0x02;
        /// <summary>Batch number set by the host at sign-in.</summary>
        public const int Batch = 0x03;
        /// <summary>Everything a fresh batch needs after compaction: identity, counters, the last settlement.</summary>
        public const int Snapshot = 0x04;
        /// <summary>Operator number logged on.</summary>
        public const int Operator = 0x05;
        /// <summary>Terminal settings (<see cref="StoreSetting"/>): pairs of setting id and value; rewritten after every compaction.</summary>
        public const int Settings = 0x06;
        /// <summary>A financial request, written before its first byte is sent (reversal-pending until answered).</summary>
        public const int Request = 0x10;
        /// <summary>The host's answer to a request: approved or declined, RRN, auth code.</summary>
        public const int Outcome = 0x11;
        /// <summary>A reversal the host acknowledged.</summary>
        public const int Reversed = 0x12;
        /// <summary>Receipt copies printed.</summary>
        public const int Printed = 0x13;
        /// <summary>A catalog starts: version (u32) and item count; the items follow, and it counts only once its end is on flash.</summary>
        public const int CatalogStart = 0x21;
        /// <summary>One catalog item: index (u8) then <see cref="ItemCatalog.EncodeItem"/>.</summary>
        public const int CatalogItem = 0x22;
        /// <summary>The catalog is complete: version and count again; from here it replaces the one before.</summary>
        public const int CatalogEnd = 0x23;
        /// <summary>The item lines of a sale (batch, STAN, <see cref="SaleItems"/>), written just before its request.</summary>
        public const int SaleItems = 0x24;
        /// <summary>Settlement started: the totals sent in 0500 and its STAN.</summary>
        public const int SettleStart = 0x30;
        /// <summary>The host's settlement answer: balanced or not.</summary>
        public const int SettleAnswer = 0x31;
        /// <summary>Batch upload started: first upload STAN and how many transactions.</summary>
        public const int UploadStart = 0x32;
        /// <summary>One batch-upload message acknowledged (its index).</summary>
        public const int UploadAcked = 0x33;
        /// <summary>Settlement complete: the batch is closed and the next one opens.</summary>
        public const int SettleDone = 0x34;
        /// <summary>The settlement report was printed.</summary>
        public const int SettlePrinted = 0x35;
    }

    /// <summary>
    /// Settings the terminal keeps across reboots and settlements, each one byte in a <see cref="PaymentRecord.Settings"/>
    /// record (0 is every setting's default and is not written at compaction).
    /// </summary>
    public static class StoreSetting
    {
        /// <summary>Screens' and receipts' language: <see cref="Ui.Language"/> (0 English, 1 Simplified Chinese).</summary>
        public const int Language = 1;

        /// <summary>Training mode: 1 while the manager has it on (so a terminal left in training comes back in it).</summary>
        public const int Training = 2;

        /// <summary>Setting ids are 1 .. Count-1.</summary>
        public const int Count = 8;
    }

    /// <summary>Where a settlement stands.</summary>
    public static class SettleStage
    {
        /// <summary>No settlement in progress.</summary>
        public const int None = 0;
        /// <summary>0500 journaled; no answer yet.</summary>
        public const int Requested = 1;
        /// <summary>The host said unbalanced; batch upload to do.</summary>
        public const int Unbalanced = 2;
        /// <summary>Batch upload in progress.</summary>
        public const int Uploading = 3;
    }

    /// <summary>
    /// The terminal's memory of money: the transactions of the open batch, the counters (STAN, invoice,
    /// batch) and the settlement in progress, all rebuilt from the journal at boot. Every change is written
    /// to the journal before it takes effect anywhere else, so after a power cut <see cref="Load"/> knows what
    /// to reverse (a request sent without an answer), resend (a refund), reprint (an approved receipt not
    /// printed) or resume (a settlement), and never charges twice.
    /// </summary>
    public sealed class PaymentStore : IStanReserver
    {
        /// <summary>STANs reserved per journal record.</summary>
        public const int StanBlock = 50;

        /// <summary>The largest STAN; numbering wraps from it to 1.</summary>
        public const int MaxStan = 999999;

        /// <summary>Largest batch kept in memory.</summary>
        public const int MaxTransactions = 600;

        private readonly JournalLog _journal;
        private readonly byte[] _buf;
        private readonly ArrayList _txns = new ArrayList();
        private readonly TxnEntry _scratch = new TxnEntry();
        private readonly BatchTotals _lastSettled = new BatchTotals();
        private readonly ItemCatalog _catalog = new ItemCatalog();
        private readonly ItemCatalog _staging = new ItemCatalog();
        private readonly SalesAnalysis _lastAnalysis = new SalesAnalysis();
        private readonly SaleItems _stagedItems = new SaleItems();
        private int _stagingExpected = -1;
        private int _stagedBatch = -1;
        private int _stagedStan = -1;
        private TerminalIdentity? _identity;
        private int _stanReserved;
        private int _nextInvoice = 1;
        private int _batch = 1;
        private int _operator = 1;
        private int _settleStage;
        private int _settleStan;
        private int _uploadBase;
        private int _uploadCount;
        private int _uploadAcked;
        private bool _settledPrinted = true;
        private bool _lastSettledBalanced;
        private int _lastSettledUploads;
        private string _problem = string.Empty;
        private readonly byte[] _settings = new byte[StoreSetting.Count];

        /// <summary>Creates the store over a mounted journal; call <see cref="Load"/>.</summary>
        public PaymentStore(JournalLog journal)
        {
            _journal = journal;
            _buf = new byte[journal.MaxPayload];
        }

        /// <summary>The journal underneath.</summary>
        public JournalLog Journal => _journal;

        /// <summary>Who the terminal is; null until provisioned.</summary>
        public TerminalIdentity? Identity => _identity;

        /// <summary>Whether the terminal has a TID and MID.</summary>
        public bool Provisioned => _identity != null;

        /// <summary>The open batch number.</summary>
        public int Batch => _batch;

        /// <summary>The next invoice number.</summary>
        public int NextInvoice => _nextInvoice;

        /// <summary>The operator logged on (cashier number 1..99).</summary>
        public int Operator => _operator;

        /// <summary>Screens' and receipts' language (<see cref="Ui.Language"/>), from the journal.</summary>
        public int Language => _settings[StoreSetting.Language];

        /// <summary>The value of setting <paramref name="id"/> (<see cref="StoreSetting"/>); 0 when never set.</summary>
        public int Setting(int id) => id > 0 && id < StoreSetting.Count ? _settings[id] : 0;

        /// <summary>Whether the manager left the terminal in training mode (kept across power cuts).</summary>
        public bool Training => _settings[StoreSetting.Training] != 0;

        /// <summary>Transactions in the open batch.</summary>
        public int Count => _txns.Count;

        /// <summary>The i-th transaction of the batch, oldest first.</summary>
        public TxnEntry At(int i) => (TxnEntry)_txns[i]!;

        /// <summary>Why the last write failed (journal full...), for the screen.</summary>
        public string Problem => _problem;

        /// <summary><see cref="SettleStage"/> of the settlement in progress.</summary>
        public int SettlementStage => _settleStage;

        /// <summary>STAN of the settlement request in progress.</summary>
        public int SettlementStan => _settleStan;

        /// <summary>First STAN of the batch upload in progress.</summary>
        public int UploadBaseStan => _uploadBase;

        /// <summary>Number of transactions the batch upload sends.</summary>
        public int UploadCount => _uploadCount;

        /// <summary>Uploads the host acknowledged.</summary>
        public int UploadAcked => _uploadAcked;

        /// <summary>Totals of the last settled batch.</summary>
        public BatchTotals LastSettled => _lastSettled;

        /// <summary>Whether the last settlement was balanced at the first attempt.</summary>
        public bool LastSettledBalanced => _lastSettledBalanced;

        /// <summary>Transactions uploaded in the last settlement (0 when balanced).</summary>
        public int LastSettledUploads => _lastSettledUploads;

        /// <summary>The item catalog; its stock is the base the open batch's sales count against (use <see cref="Stock"/>).</summary>
        public ItemCatalog Catalog => _catalog;

        /// <summary>The last settled batch's sales analysis (hours, channels, operators, top items).</summary>
        public SalesAnalysis LastSettledAnalysis => _lastAnalysis;

        /// <summary>
        /// Stock of catalog item <paramref name="index"/> now: the catalog's base less the items of the open batch's
        /// sales that stand (approved, not voided, not wholly refunded). Derived from the transactions' states, so a
        /// void, a reversal or a refund moves stock exactly when its outcome record does, replay included.
        /// </summary>
        public int Stock(int index) => _catalog.StockCount(index) - SoldInBatch(_catalog.Code(index));

        /// <summary>
        /// Items of <paramref name="code"/> the open batch has taken from stock: the lines of every sale that is
        /// approved, not voided and not wholly refunded (a partial refund is by amount and leaves stock alone).
        /// </summary>
        public int SoldInBatch(int code)
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.Items != null && TakesStock(t))
                {
                    n += t.Items.QuantityOf(code);
                }
            }

            return n;
        }

        /// <summary>
        /// Journals <paramref name="catalog"/> (downloaded or from a file) in place of the current one: a start
        /// record, one per item, an end record; a power cut before the end leaves the old catalog. Its stock counts
        /// are the stock now (the open batch's sales so far are already out of them). False when the journal
        /// lacks room beside what the batch's settlement needs.
        /// </summary>
        public bool ReplaceCatalog(ItemCatalog catalog)
        {
            if (_journal.FreeBytes < CatalogRoom(catalog) + SettlementRoom(_txns.Count))
            {
                _problem = "Journal full: settle first";
                return false;
            }

            return WriteCatalog(catalog);
        }

        /// <summary>Whether the last settlement's report is printed.</summary>
        public bool SettlementReportPrinted => _settledPrinted;

        /// <summary>
        /// Rebuilds the batch from the journal (already mounted), then resolves what was in flight: a
        /// reversible request without an answer becomes reversal-pending; a refund stays pending, to be
        /// resent with its own STAN (the host answers a repeat as before).
        /// </summary>
        public void Load()
        {
            _txns.Clear();
            _identity = null;
            _stanReserved = 0;
            _nextInvoice = 1;
            _batch = 1;
            _settleStage = SettleStage.None;
            for (int i = 0; i < _settings.Length; i++)
            {
                _settings[i] = 0;
            }

            _catalog.Clear();
            _lastAnalysis.Clear();
            _stagingExpected = -1;
            _stagedBatch = -1;
            JournalCursor cursor = default;
            JournalEntry entry;
            while (_journal.Next(ref cursor, _buf, out entry))
            {
                Apply(entry.Type, _buf, entry.Length);
            }

            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.State == TxnState.Pending && t.Reversible)
                {
                    t.State = TxnState.ReversalPending;
                }
            }

            if (_identity != null)
            {
                _identity.Batch = _batch;
                _identity.LastStan = _stanReserved;
            }
        }

        /// <summary>Records the terminal's identity (provisioning); false when the journal refused it.</summary>
        public bool Provision(string terminalId, string merchantId)
        {
            TerminalIdentity identity = new TerminalIdentity(terminalId, merchantId);
            identity.Reserver = this;
            int p = Codec.PutText(_buf, 0, terminalId, 8);
            p = Codec.PutText(_buf, p, merchantId, 15);
            if (!Write(PaymentRecord.Provision, p))
            {
                return false;
            }

            identity.Batch = _batch;
            identity.LastStan = _stanReserved;
            _identity = identity;
            return ReserveStans();
        }

        /// <summary>Records the batch number the host gave at sign-in.</summary>
        public bool SetBatch(int batch)
        {
            if (batch == _batch || batch <= 0)
            {
                return true;
            }

            Codec.Put24(_buf, 0, batch);
            if (!Write(PaymentRecord.Batch, 3))
            {
                return false;
            }

            _batch = batch;
            if (_identity != null)
            {
                _identity.Batch = batch;
            }

            return true;
        }

        /// <summary>Records the operator logged on.</summary>
        public bool SetOperator(int number)
        {
            _buf[0] = (byte)number;
            if (!Write(PaymentRecord.Operator, 1))
            {
                return false;
            }

            _operator = number;
            return true;
        }

        /// <summary>
        /// Records that training mode was switched on or off: a setting, but never refused for the settlement's
        /// room (one small record, and leaving training must always be possible).
        /// </summary>
        public bool SetTraining(bool on) => SetSetting(StoreSetting.Training, on ? 1 : 0, false);

        /// <summary>
        /// Journals setting <paramref name="id"/> (<see cref="StoreSetting"/>) as <paramref name="value"/> (0..255); false
        /// with <see cref="Problem"/> when the journal refused it, or when it would eat the room kept for settling the batch.
        /// </summary>
        public bool SetSetting(int id, int value) => SetSetting(id, value, true);

        private bool SetSetting(int id, int value, bool keepSettlementRoom)
        {
            if (id <= 0 || id >= StoreSetting.Count || value < 0 || value > 255)
            {
                _problem = "No such setting";
                return false;
            }

            if (keepSettlementRoom && _journal.FreeBytes < SettlementRoom(_txns.Count) + _journal.RecordOverheadBytes + 2)
            {
                _problem = Ui.Texts.Get(Language, Ui.Texts.JournalFull);
                return false;
            }

            _buf[0] = (byte)id;
            _buf[1] = (byte)value;
            if (!Write(PaymentRecord.Settings, 2))
            {
                return false;
            }

            _settings[id] = (byte)value;
            return true;
        }

        /// <summary>Journals the screens' and receipts' language (<see cref="Ui.Language"/>).</summary>
        public bool SetLanguage(int language) => SetSetting(StoreSetting.Language, language);

        /// <summary>
        /// Makes sure at least a few STANs are reserved on flash ahead of use. Call before building any
        /// request; false (with <see cref="Problem"/>) when the journal cannot take the reservation.
        /// </summary>
        public bool ReserveStans()
        {
            if (_identity == null)
            {
                return true;
            }

            int last = _identity.LastStan;
            int ahead = StanDistance(last, _stanReserved);
            if (_stanReserved > 0 && ahead >= 10 && ahead <= StanBlock + 1)
            {
                return true;
            }

            int reserve = StanAfter(last, StanBlock);
            Codec.Put24(_buf, 0, reserve);
            if (!Write(PaymentRecord.StanReserve, 3))
            {
                return false;
            }

            _stanReserved = reserve;
            return true;
        }

        /// <summary>Takes <paramref name="count"/> consecutive STANs (batch upload), reserved on flash first; returns the first or -1.</summary>
        public int TakeStans(int count)
        {
            if (_identity == null)
            {
                return -1;
            }

            int first = StanAfter(_identity.LastStan, 1);
            if (first + count > MaxStan)
            {
                first = 1; // the uploads need consecutive numbers
            }

            int reserve = StanAfter(first + count - 1, StanBlock + 1);
            Codec.Put24(_buf, 0, reserve);
            if (!Write(PaymentRecord.StanReserve, 3))
            {
                return -1;
            }

            _stanReserved = reserve;
            _identity.LastStan = first + count - 1;
            return first;
        }

        /// <summary>
        /// Whether fewer than <paramref name="transactions"/> more transactions fit before the journal must be
        /// settled (the idle screen warns the cashier in time).
        /// </summary>
        public bool NearlyFull(int transactions)
        {
            int perTxn = RequestRoom + (2 * _journal.RecordOverheadBytes) + 40;
            return _txns.Count + transactions >= MaxTransactions
                || _journal.FreeBytes < SettlementRoom(_txns.Count + transactions) + (transactions * perTxn);
        }

        /// <summary>
        /// Journals a new request (numbers it: invoice, STAN, batch, operator) before it is sent, and adds it
        /// to the batch as Pending. Returns the stored entry, or null when the journal refused it.
        /// </summary>
        public TxnEntry? Begin(TxnEntry request)
        {
            if (_identity == null || !ReserveStans())
            {
                return null;
            }

            if (_txns.Count >= MaxTransactions)
            {
                _problem = Ui.Texts.Get(Language, Ui.Texts.BatchFull);
                return null;
            }

            if (_journal.FreeBytes < RequestRoom + SettlementRoom(_txns.Count + 1))
            {
                // Keep the room the answer, the receipts and the settlement of this batch need: a journal
                // filled by sales could otherwise never record the settlement that empties it.
                _problem = Ui.Texts.Get(Language, Ui.Texts.JournalFull);
                return null;
            }

            bool items = request.Kind == TxnKind.Sale && request.Items != null && request.Items.Count > 0;
            if (items && _journal.FreeBytes < RequestRoom + ItemsRoom + SettlementRoom(_txns.Count + 1))
            {
                _problem = "Journal full: settle now";
                return null;
            }

            TxnEntry e = new TxnEntry();
            e.CopyFrom(request);
            e.Items = items ? request.Items!.Clone() : null;
            e.Invoice = _nextInvoice;
            e.Stan = _identity.NextStan();
            e.Batch = _batch;
            e.Operator = _operator;
            e.State = TxnState.Pending;
            if (e.Items != null)
            {
                // The lines go first, keyed by the request's batch and STAN: a cut before the request leaves lines
                // that no request claims (ignored at boot); the request itself is what starts the sale.
                int k = Key(e);
                k = e.Items.Encode(_buf, k);
                if (!Write(PaymentRecord.SaleItems, k))
                {
                    return null;
                }
            }

            int n = e.EncodeRequest(_buf, 0);
            if (!Write(PaymentRecord.Request, n))
            {
                return null;
            }

            _nextInvoice = _nextInvoice >= 999999 ? 1 : _nextInvoice + 1;
            _txns.Add(e);
            return e;
        }

        /// <summary>Journals the host's answer and applies it (a void marks its sale, a refund counts against its sale).</summary>
        public bool RecordOutcome(TxnEntry e, bool approved, string responseCode, string rrn, string authCode, int dateMmdd, int timeHhmmss)
        {
            int p = Key(e);
            _buf[p++] = (byte)(approved ? TxnState.Approved : TxnState.Declined);
            p = Codec.PutText(_buf, p, responseCode, 2);
            p = Codec.PutText(_buf, p, rrn, 12);
            p = Codec.PutText(_buf, p, authCode, 6);
            p = Codec.Put16(_buf, p, dateMmdd);
            p = Codec.Put24(_buf, p, timeHhmmss);
            if (!Write(PaymentRecord.Outcome, p))
            {
                return false;
            }

            ApplyOutcome(e, approved ? TxnState.Approved : TxnState.Declined, responseCode, rrn, authCode, dateMmdd, timeHhmmss);
            return true;
        }

        /// <summary>Marks a request as needing reversal (no journal write: a Pending reversible request is reversed at boot anyway).</summary>
        public void NeedsReversal(TxnEntry e)
        {
            if (e.State == TxnState.Pending && e.Reversible)
            {
                e.State = TxnState.ReversalPending;
            }
        }

        /// <summary>Journals that the host acknowledged the reversal of <paramref name="e"/>.</summary>
        public bool RecordReversed(TxnEntry e)
        {
            int p = Key(e);
            if (!Write(PaymentRecord.Reversed, p))
            {
                return false;
            }

            ApplyReversed(e);
            return true;
        }

        /// <summary>Journals receipt copies printed (bit 0 merchant, bit 1 customer).</summary>
        public bool RecordPrinted(TxnEntry e, int copies)
        {
            int p = Key(e);
            _buf[p++] = (byte)copies;
            if (!Write(PaymentRecord.Printed, p))
            {
                return false;
            }

            e.Printed |= copies;
            return true;
        }

        /// <summary>The next reversal or refund resend to send before anything new, or null.</summary>
        public TxnEntry? NextUnresolved()
        {
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.State == TxnState.ReversalPending || (t.State == TxnState.Pending && !t.Reversible))
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>Unresolved requests (reversals and refund resends) waiting.</summary>
        public int UnresolvedCount()
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.State == TxnState.ReversalPending || (t.State == TxnState.Pending && !t.Reversible))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>An approved transaction whose merchant copy is not printed yet (to print at boot), or null.</summary>
        public TxnEntry? NextUnprinted()
        {
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.State == TxnState.Approved && (t.Printed & 1) == 0)
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>The transaction with invoice number <paramref name="invoice"/>, or null.</summary>
        public TxnEntry? FindInvoice(int invoice)
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                if (At(i).Invoice == invoice)
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>The transaction with STAN <paramref name="stan"/> in batch <paramref name="batch"/>, or null.</summary>
        public TxnEntry? FindStan(int batch, int stan)
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                TxnEntry t = At(i);
                if (t.Stan == stan && t.Batch == batch)
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>The sale with reference number <paramref name="rrn"/> in the open batch, or null.</summary>
        public TxnEntry? FindSaleByRrn(string rrn)
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                TxnEntry t = At(i);
                if (t.Kind == TxnKind.Sale && t.Rrn == rrn)
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>The last approved transaction (reprint last), or null.</summary>
        public TxnEntry? LastApproved()
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                if (At(i).State == TxnState.Approved)
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>Fills <paramref name="totals"/> with the open batch.</summary>
        public void Totals(BatchTotals totals)
        {
            totals.Clear();
            totals.Batch = _batch;
            for (int i = 0; i < _txns.Count; i++)
            {
                totals.Add(At(i));
            }
        }

        /// <summary>Approved transactions that settlement would upload (sales not voided, refunds), in order.</summary>
        public int SettlingCount()
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                if (At(i).Settles)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The <paramref name="index"/>-th settling transaction (0-based), or null.</summary>
        public TxnEntry? SettlingAt(int index)
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                if (At(i).Settles)
                {
                    if (n == index)
                    {
                        return At(i);
                    }

                    n++;
                }
            }

            return null;
        }

        /// <summary>Journals the start of settlement: the STAN of the 0500 and the totals it carries.</summary>
        public bool BeginSettlement(int stan, BatchTotals totals)
        {
            int p = Codec.Put24(_buf, 0, _batch);
            p = Codec.Put24(_buf, p, stan);
            p = PutTotals(_buf, p, totals);
            if (!Write(PaymentRecord.SettleStart, p))
            {
                return false;
            }

            _settleStage = SettleStage.Requested;
            _settleStan = stan;
            return true;
        }

        /// <summary>Journals the host's settlement answer.</summary>
        public bool RecordSettleAnswer(bool balanced)
        {
            int p = Codec.Put24(_buf, 0, _batch);
            _buf[p++] = (byte)(balanced ? 1 : 2);
            if (!Write(PaymentRecord.SettleAnswer, p))
            {
                return false;
            }

            _settleStage = balanced ? SettleStage.Requested : SettleStage.Unbalanced;
            return true;
        }

        /// <summary>Journals the start of batch upload: STANs base..base+count-1 carry the uploads, base+count the end.</summary>
        public bool BeginUpload(int baseStan, int count)
        {
            int p = Codec.Put24(_buf, 0, _batch);
            p = Codec.Put24(_buf, p, baseStan);
            p = Codec.Put16(_buf, p, count);
            if (!Write(PaymentRecord.UploadStart, p))
            {
                return false;
            }

            _settleStage = SettleStage.Uploading;
            _uploadBase = baseStan;
            _uploadCount = count;
            _uploadAcked = 0;
            return true;
        }

        /// <summary>Journals that upload <paramref name="index"/> was acknowledged.</summary>
        public bool RecordUploadAcked(int index)
        {
            int p = Codec.Put24(_buf, 0, _batch);
            p = Codec.Put16(_buf, p, index);
            if (!Write(PaymentRecord.UploadAcked, p))
            {
                return false;
            }

            _uploadAcked = index + 1;
            return true;
        }

        /// <summary>
        /// Closes the batch: journals SettleDone, opens the next batch, then writes a snapshot (identity,
        /// counters, these totals) and reclaims the flash the closed batch used. The settlement report is
        /// still owed until <see cref="RecordSettlementPrinted"/>.
        /// </summary>
        public bool CompleteSettlement(BatchTotals totals, bool balanced, int uploads)
        {
            int p = Codec.Put24(_buf, 0, _batch);
            p = PutTotals(_buf, p, totals);
            _buf[p++] = (byte)(balanced ? 1 : 0);
            p = Codec.Put16(_buf, p, uploads);
            if (!Write(PaymentRecord.SettleDone, p))
            {
                return false;
            }

            ApplySettleDone(_buf, p);
            return Compact();
        }

        /// <summary>Journals that the settlement report was printed.</summary>
        public bool RecordSettlementPrinted()
        {
            Codec.Put24(_buf, 0, _lastSettled.Batch);
            if (!Write(PaymentRecord.SettlePrinted, 3))
            {
                return false;
            }

            _settledPrinted = true;
            return true;
        }

        // The STAN n after stan, wrapping from 999999 to 1 as TerminalIdentity.NextStan does.
        private static int StanAfter(int stan, int n) => ((((stan - 1 + n) % MaxStan) + MaxStan) % MaxStan) + 1;

        // How many STANs after from comes to (0..999998), across the wrap.
        private static int StanDistance(int from, int to) => (((to - from) % MaxStan) + MaxStan) % MaxStan;

        // Journal bytes (overhead included) of a request and the STAN reservation before it.
        private int RequestRoom => (2 * _journal.RecordOverheadBytes) + TxnEntry.MaxEncoded + 3;

        // Journal bytes the rest of a batch of n transactions may still write: per transaction two printed
        // marks and an upload acknowledgement; once, the last request's outcome and reversal, the settlement
        // start, answer, STAN reservations, upload start, done, snapshot and report printed; and, per sector
        // the writes cross, a tail too short for the largest of those records.
        private int SettlementRoom(int n)
        {
            int o = _journal.RecordOverheadBytes;
            int perTxn = (2 * (o + 7)) + (o + 5);
            int once = (o + 35) + (o + 6) + (o + 6 + TotalsSize) + (o + 4) + (2 * (o + 3)) + (o + 8)
                + (o + 6 + TotalsSize) + (o + SnapshotSize) + (o + SettingsSize) + (o + 3);
            int need = once + (n * perTxn) + CatalogRoom(_catalog) + AnalysisRoom;
            int tail = o + SnapshotSize;

            // The analysis makes the snapshot the one large record: the tail it may leave is counted once.
            return need + (((need / _journal.SectorCapacity) + 2) * tail) + AnalysisRoom;
        }

        // Bytes the last settled batch's analysis adds to the snapshot (at most what a record has left).
        private int AnalysisRoom => SalesAnalysis.MaxEncoded < _journal.MaxPayload - SnapshotSize ? SalesAnalysis.MaxEncoded : _journal.MaxPayload - SnapshotSize;

        // Journal bytes of a sale's item lines record.
        private int ItemsRoom => _journal.RecordOverheadBytes + 6 + SaleItems.MaxEncoded;

        // Journal bytes a catalog takes: start, its items, end.
        private int CatalogRoom(ItemCatalog c)
        {
            int o = _journal.RecordOverheadBytes;
            return (2 * (o + 5)) + (c.Count * (o + 1 + ItemCatalog.MaxEncodedItem));
        }

        // Writes a catalog as start, items, end, each applied as a reboot would replay it. A compaction copy
        // carries the base stock as it is: the batch is empty then, so base and stock are the same.
        private bool WriteCatalog(ItemCatalog c)
        {
            int count = c.Count;
            int version = c.Version;
            int p = Codec.Put32(_buf, 0, version);
            _buf[p++] = (byte)count;
            if (!Write(PaymentRecord.CatalogStart, p))
            {
                return false;
            }

            Apply(PaymentRecord.CatalogStart, _buf, p);
            for (int i = 0; i < count; i++)
            {
                // c may be the live catalog (a rewrite): item i is encoded before anything replaces it.
                _buf[0] = (byte)i;
                p = c.EncodeItem(i, _buf, 1);
                if (!Write(PaymentRecord.CatalogItem, p))
                {
                    return false;
                }

                Apply(PaymentRecord.CatalogItem, _buf, p);
            }

            p = Codec.Put32(_buf, 0, version);
            _buf[p++] = (byte)count;
            if (!Write(PaymentRecord.CatalogEnd, p))
            {
                return false;
            }

            Apply(PaymentRecord.CatalogEnd, _buf, p);
            return true;
        }

        // Whether a sale's items are out of stock: approved, not voided, not wholly refunded.
        private static bool TakesStock(TxnEntry t) =>
            t.Kind == TxnKind.Sale && t.State == TxnState.Approved && !t.Voided && t.Refunded < t.Amount;

        private void ApplyCatalogEnd(byte[] b, int length)
        {
            if (length < 5 || _stagingExpected < 0 || Codec.Get32(b, 0) != _staging.Version || b[4] != _stagingExpected
                || _staging.Count != _stagingExpected)
            {
                _stagingExpected = -1;
                return;
            }

            // The new counts are the stock now: the base is them plus what the open batch's standing sales took.
            _catalog.CopyFrom(_staging);
            for (int i = 0; i < _catalog.Count; i++)
            {
                _catalog.SetStock(i, _catalog.StockCount(i) + SoldInBatch(_catalog.Code(i)));
            }

            _staging.Clear();
            _stagingExpected = -1;
        }

        // TID, MID (length-prefixed), batch, STAN reserved, next invoice, operator, totals, flags, uploads (then the analysis).
        private const int SnapshotSize = 9 + 16 + 10 + TotalsSize + 3;

        // The settings record compaction rewrites: every setting, id and value.
        private const int SettingsSize = 2 * StoreSetting.Count;

        // Writes the snapshot and the settings, then lets the journal erase everything older.
        private bool Compact()
        {
            if (_txns.Count > 0)
            {
                return true; // only an empty batch is compacted
            }

            long seq = _journal.NextSequence;
            int p = 0;
            p = Codec.PutText(_buf, p, _identity != null ? _identity.TerminalId : string.Empty, 8);
            p = Codec.PutText(_buf, p, _identity != null ? _identity.MerchantId : string.Empty, 15);
            p = Codec.Put24(_buf, p, _batch);
            p = Codec.Put24(_buf, p, _stanReserved);
            p = Codec.Put24(_buf, p, _nextInvoice);
            _buf[p++] = (byte)_operator;
            p = PutTotals(_buf, p, _lastSettled);
            _buf[p++] = (byte)((_lastSettledBalanced ? 1 : 0) | (_settledPrinted ? 2 : 0));
            p = Codec.Put16(_buf, p, _lastSettledUploads);

            // The closed batch's analysis rides in the snapshot (one record: the compacted journal stays in one sector).
            p = _lastAnalysis.Encode(_buf, p, _buf.Length - p);
            if (!Write(PaymentRecord.Snapshot, p))
            {
                return false;
            }

            // The settings live in their own record (the snapshot's layout stays as it was); written after the
            // snapshot and before the reclaim, so a power cut between the two leaves the old records in place.
            p = 0;
            for (int id = 1; id < StoreSetting.Count; id++)
            {
                if (_settings[id] != 0)
                {
                    _buf[p++] = (byte)id;
                    _buf[p++] = _settings[id];
                }
            }

            if (p > 0 && !Write(PaymentRecord.Settings, p))
            {
                return false;
            }

            // The catalog with its stock (the closed batch's sales folded in) is rewritten after the snapshot, so
            // the reclaim below does not lose it; a cut before the reclaim leaves the old records, from which a
            // reboot computes the same.
            if ((_catalog.Count > 0 || _catalog.Version > 0) && !WriteCatalog(_catalog))
            {
                return false;
            }

            _journal.Reclaim(seq);
            return true;
        }

        private bool Write(int type, int length)
        {
            long r = _journal.Append(type, _buf, 0, length);
            if (r < 0)
            {
                _problem = Ui.Texts.Get(Language, r == Terminal.Core.Journal.JournalError.Full ? Ui.Texts.JournalFull : Ui.Texts.JournalWriteFailed);
                return false;
            }

            _problem = string.Empty;
            return true;
        }

        private static int PutTotals(byte[] b, int p, BatchTotals t)
        {
            p = Codec.Put24(b, p, t.Batch);
            p = Codec.Put16(b, p, t.DebitCount);
            p = Codec.Put40(b, p, t.DebitAmount);
            p = Codec.Put16(b, p, t.CreditCount);
            p = Codec.Put40(b, p, t.CreditAmount);
            for (int kind = TxnKind.Sale; kind <= TxnKind.Refund; kind++)
            {
                for (int c = 0; c < TxnChannel.Count; c++)
                {
                    p = Codec.Put16(b, p, t.Count(kind, c));
                    p = Codec.Put40(b, p, t.Amount(kind, c));
                }
            }

            return p;
        }

        // Batch, debit/credit (17 bytes), then count and amount per kind and channel (84 bytes).
        private const int TotalsSize = 17 + (3 * TxnChannel.Count * 7);

        private static int GetTotals(byte[] b, int p, BatchTotals t)
        {
            t.Clear();
            t.Batch = Codec.Get24(b, p);
            t.DebitCount = Codec.Get16(b, p + 3);
            t.DebitAmount = Codec.Get40(b, p + 5);
            t.CreditCount = Codec.Get16(b, p + 10);
            t.CreditAmount = Codec.Get40(b, p + 12);
            p += 17;
            for (int kind = TxnKind.Sale; kind <= TxnKind.Refund; kind++)
            {
                for (int c = 0; c < TxnChannel.Count; c++)
                {
                    t.SetCell(kind, c, Codec.Get16(b, p), Codec.Get40(b, p + 2));
                    p += 7;
                }
            }

            return p;
        }

        private int Key(TxnEntry e)
        {
            Codec.Put24(_buf, 0, e.Batch);
            Codec.Put24(_buf, 3, e.Stan);
            return 6;
        }

        private void ApplyOutcome(TxnEntry e, int state, string rc, string rrn, string auth, int date, int time)
        {
            e.State = state;
            e.ResponseCode = rc;
            e.Rrn = rrn;
            e.AuthCode = auth;
            if (date > 0)
            {
                e.DateMmdd = date;
                e.TimeHhmmss = time;
            }

            if (state != TxnState.Approved)
            {
                return;
            }

            if (e.Kind == TxnKind.Void)
            {
                TxnEntry? sale = FindStan(e.OriginalBatch, e.OriginalStan);
                if (sale != null)
                {
                    sale.Voided = true;
                }
            }
            else if (e.Kind == TxnKind.Refund)
            {
                TxnEntry? sale = FindSaleByRrn(e.OriginalRrn);
                if (sale != null)
                {
                    sale.Refunded += e.Amount;
                }
            }
        }

        private void ApplyReversed(TxnEntry e)
        {
            bool wasApproved = e.State == TxnState.Approved;
            e.State = TxnState.Reversed;
            if (e.Kind == TxnKind.Void && wasApproved)
            {
                TxnEntry? sale = FindStan(e.OriginalBatch, e.OriginalStan);
                if (sale != null)
                {
                    sale.Voided = false;
                }
            }
        }

        private void ApplySettleDone(byte[] b, int length)
        {
            if (length < 3 + TotalsSize + 3)
            {
                return;
            }

            int p = GetTotals(b, 3, _lastSettled);
            _lastSettledBalanced = b[p] == 1;
            _lastSettledUploads = Codec.Get16(b, p + 1);
            _settledPrinted = false;

            // The closed batch's analysis and its item sales leave with its transactions: keep the one, fold the
            // other into the catalog's base stock.
            _lastAnalysis.Compute(this);
            for (int i = 0; i < _catalog.Count; i++)
            {
                _catalog.SetStock(i, Stock(i));
            }

            _txns.Clear();
            _settleStage = SettleStage.None;
            _batch = _batch >= 999999 ? 1 : _batch + 1;
            if (_identity != null)
            {
                _identity.Batch = _batch;
            }
        }

        // Replays one record. Records that do not parse are ignored (the journal's CRC makes that rare).
        private void Apply(int type, byte[] b, int length)
        {
            switch (type)
            {
                case PaymentRecord.Provision:
                    ApplyIdentity(b, 0, length);
                    break;
                case PaymentRecord.StanReserve:
                    if (length >= 3)
                    {
                        _stanReserved = Codec.Get24(b, 0);
                    }

                    break;
                case PaymentRecord.Batch:
                    if (length >= 3)
                    {
                        _batch = Codec.Get24(b, 0);
                    }

                    break;
                case PaymentRecord.Operator:
                    if (length >= 1)
                    {
                        _operator = b[0];
                    }

                    break;
                case PaymentRecord.Snapshot:
                    ApplySnapshot(b, length);
                    break;
                case PaymentRecord.Settings:
                    for (int i = 0; i + 1 < length; i += 2)
                    {
                        if (b[i] > 0 && b[i] < StoreSetting.Count)
                        {
                            _settings[b[i]] = b[i + 1];
                        }
                    }

                    break;
                case PaymentRecord.Request:
                    ApplyRequest(b, length);
                    break;
                case PaymentRecord.Outcome:
                    ApplyOutcomeRecord(b, length);
                    break;
                case PaymentRecord.Reversed:
                    if (length >= 6)
                    {
                        TxnEntry? e = FindStan(Codec.Get24(b, 0), Codec.Get24(b, 3));
                        if (e != null)
                        {
                            ApplyReversed(e);
                        }
                    }

                    break;
                case PaymentRecord.Printed:
                    if (length >= 7)
                    {
                        TxnEntry? e = FindStan(Codec.Get24(b, 0), Codec.Get24(b, 3));
                        if (e != null)
                        {
                            e.Printed |= b[6];
                        }
                    }

                    break;
                case PaymentRecord.SettleStart:
                    if (length >= 6)
                    {
                        _settleStage = SettleStage.Requested;
                        _settleStan = Codec.Get24(b, 3);
                    }

                    break;
                case PaymentRecord.SettleAnswer:
                    if (length >= 4)
                    {
                        _settleStage = b[3] == 1 ? SettleStage.Requested : SettleStage.Unbalanced;
                    }

                    break;
                case PaymentRecord.UploadStart:
                    if (length >= 8)
                    {
                        _settleStage = SettleStage.Uploading;
                        _uploadBase = Codec.Get24(b, 3);
                        _uploadCount = Codec.Get16(b, 6);
                        _uploadAcked = 0;
                    }

                    break;
                case PaymentRecord.UploadAcked:
                    if (length >= 5)
                    {
                        _uploadAcked = Codec.Get16(b, 3) + 1;
                    }

                    break;
                case PaymentRecord.SettleDone:
                    ApplySettleDone(b, length);
                    break;
                case PaymentRecord.CatalogStart:
                    _staging.Clear();
                    _stagingExpected = -1;
                    if (length >= 5 && b[4] <= ItemCatalog.MaxItems)
                    {
                        _staging.Version = Codec.Get32(b, 0);
                        _stagingExpected = b[4];
                    }

                    break;
                case PaymentRecord.CatalogItem:
                    if (_stagingExpected >= 0 && length >= 2 && b[0] == _staging.Count)
                    {
                        string problem;
                        if (_staging.DecodeItem(b, 1, length, out problem) < 0)
                        {
                            _stagingExpected = -1;
                        }
                    }

                    break;
                case PaymentRecord.CatalogEnd:
                    ApplyCatalogEnd(b, length);
                    break;
                case PaymentRecord.SaleItems:
                    _stagedBatch = -1;
                    if (length >= 7 && _stagedItems.Decode(b, 6, length))
                    {
                        _stagedBatch = Codec.Get24(b, 0);
                        _stagedStan = Codec.Get24(b, 3);
                    }

                    break;
                case PaymentRecord.SettlePrinted:
                    _settledPrinted = true;
                    break;
                default:
                    break;
            }
        }

        private int ApplyIdentity(byte[] b, int at, int length)
        {
            string tid;
            string mid = string.Empty;
            int p = Codec.GetText(b, at, length, out tid);
            p = p < 0 ? -1 : Codec.GetText(b, p, length, out mid);
            if (p < 0 || tid.Length != 8 || mid.Length != 15)
            {
                return -1;
            }

            _identity = new TerminalIdentity(tid, mid);
            _identity.Reserver = this;
            _identity.Batch = _batch;
            return p;
        }

        private void ApplySnapshot(byte[] b, int length)
        {
            int p = ApplyIdentity(b, 0, length);
            if (p < 0 || p + 10 + TotalsSize + 3 > length)
            {
                return;
            }

            _batch = Codec.Get24(b, p);
            _stanReserved = Codec.Get24(b, p + 3);
            _nextInvoice = Codec.Get24(b, p + 6);
            _operator = b[p + 9];
            p = GetTotals(b, p + 10, _lastSettled);
            _lastSettledBalanced = (b[p] & 1) != 0;
            _settledPrinted = (b[p] & 2) != 0;
            _lastSettledUploads = Codec.Get16(b, p + 1);
            if (length > p + 3)
            {
                _lastAnalysis.Decode(b, p + 3, length - p - 3);
            }

            _txns.Clear();
            _settleStage = SettleStage.None;

            // Settings before a snapshot are restated by the settings record written right after it (none: all defaults).
            for (int i = 0; i < _settings.Length; i++)
            {
                _settings[i] = 0;
            }
        }

        private void ApplyRequest(byte[] b, int length)
        {
            if (!_scratch.DecodeRequest(b, 0, length) || FindStan(_scratch.Batch, _scratch.Stan) != null)
            {
                return;
            }

            TxnEntry e = new TxnEntry();
            e.CopyFrom(_scratch);
            if (_stagedBatch == e.Batch && _stagedStan == e.Stan && e.Kind == TxnKind.Sale)
            {
                e.Items = _stagedItems.Clone();
            }

            _stagedBatch = -1;
            _txns.Add(e);
            int next = e.Invoice >= 999999 ? 1 : e.Invoice + 1;
            if (e.Invoice >= _nextInvoice || next == 1)
            {
                _nextInvoice = next;
            }

            int ahead = StanDistance(_stanReserved, e.Stan);
            if (ahead > 0 && ahead < MaxStan / 2)
            {
                _stanReserved = e.Stan;
            }
        }

        private void ApplyOutcomeRecord(byte[] b, int length)
        {
            if (length < 7)
            {
                return;
            }

            TxnEntry? e = FindStan(Codec.Get24(b, 0), Codec.Get24(b, 3));
            if (e == null)
            {
                return;
            }

            int state = b[6];
            string rc;
            string rrn = string.Empty;
            string auth = string.Empty;
            int p = Codec.GetText(b, 7, length, out rc);
            p = p < 0 ? -1 : Codec.GetText(b, p, length, out rrn);
            p = p < 0 ? -1 : Codec.GetText(b, p, length, out auth);
            if (p < 0 || p + 5 > length || (state != TxnState.Approved && state != TxnState.Declined))
            {
                return;
            }

            ApplyOutcome(e, state, rc, rrn, auth, Codec.Get16(b, p), Codec.Get24(b, p + 2));
        }
    }
}
