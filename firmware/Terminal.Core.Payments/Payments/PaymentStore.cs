using Terminal.Core.Host;
using Terminal.Core.Payments.Store;
using JournalCursor = Terminal.Core.Journal.JournalCursor;
using JournalEntry = Terminal.Core.Journal.JournalEntry;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// The terminal's memory of money: the transactions of the open batch, the counters (STAN, invoice, batch), the
    /// settlement in progress, the catalog and its stock, the settings and the last settled batch's analysis, all
    /// rebuilt from the journal at boot. It is a set of journaled modules (<c>Payments/Store</c>), each owning its
    /// record types; every change takes one path: encode the record, append it to the journal, then apply it with the
    /// code a boot replays it with. So after a power cut <see cref="Load"/> knows what to reverse (a request sent
    /// without an answer), resend (a refund), reprint (an approved receipt not printed) or resume (a settlement), and
    /// never charges twice.
    /// </summary>
    public sealed partial class PaymentStore : IStanReserver
    {
        /// <summary>STANs reserved per journal record.</summary>
        public const int StanBlock = 50;

        /// <summary>The largest STAN; numbering wraps from it to 1.</summary>
        public const int MaxStan = 999999;

        /// <summary>Largest batch kept in memory.</summary>
        public const int MaxTransactions = 600;

        private readonly JournalLog _journal;
        private readonly byte[] _buf;
        private readonly Counters _counters;
        private readonly TransactionLog _txns = new TransactionLog();
        private readonly SettlementState _settlement = new SettlementState();
        private readonly CatalogStock _catalog;
        private readonly SettingsTable _settings = new SettingsTable();
        private readonly SalesAnalysis _analysis = new SalesAnalysis();
        private readonly SnapshotRecord _snapshot;
        private readonly QrOrderRecord _qrOrderRecord = new QrOrderRecord();
        private readonly WalletRecord _walletRecord = new WalletRecord();
        private readonly QrOrderClosedRecord _qrOrderClosedRecord = new QrOrderClosedRecord();
        private readonly MerchantProfile _profile;
        private readonly ProfileRecord _profileRecord = new ProfileRecord();
        private readonly SignInRecord _signInRecord = new SignInRecord();
        private int _signInBatch;
        private System.DateTime _signInAt;

        // The record a boot decodes each journal type into, by type (null: not the store's).
        private readonly StoreRecord?[] _records = new StoreRecord?[PaymentRecord.Limit];
        private string _problem = string.Empty;

        /// <summary>Creates the store over a mounted journal; call <see cref="Load"/>.</summary>
        public PaymentStore(JournalLog journal)
            : this(journal, null)
        {
        }

        /// <summary>
        /// Creates the store over a mounted journal, the merchant profile's glyphs going into <paramref name="glyphs"/>
        /// (the board's, which its display and printer drivers read; null: the store's own); call <see cref="Load"/>.
        /// </summary>
        public PaymentStore(JournalLog journal, Terminal.Hal.GlyphSupplement? glyphs)
        {
            _profile = new MerchantProfile(glyphs ?? new Terminal.Hal.GlyphSupplement(MerchantProfile.MaxGlyphs));
            _journal = journal;
            _buf = new byte[journal.MaxPayload];
            _counters = new Counters(this);
            _catalog = new CatalogStock(_txns);
            _snapshot = new SnapshotRecord(_analysis);
            Register(_counters.ProvisionRecord);
            Register(_counters.StanReserveRecord);
            Register(_counters.BatchRecord);
            Register(_snapshot);
            Register(_counters.OperatorRecord);
            Register(_settings.Record);
            Register(_txns.RequestRecord);
            Register(_txns.OutcomeRecord);
            Register(_txns.ReversedRecord);
            Register(_txns.PrintedRecord);
            Register(_txns.ChipResultRecord);
            Register(_txns.ChipAdviceSentRecord);
            Register(_txns.AdviceAnswerRecord);
            Register(_txns.AdviceUnansweredRecord);
            Register(_catalog.StartRecord);
            Register(_catalog.ItemRecord);
            Register(_catalog.EndRecord);
            Register(_txns.SaleItemsRecord);
            Register(_settlement.StartRecord);
            Register(_settlement.AnswerRecord);
            Register(_settlement.UploadStartRecord);
            Register(_settlement.UploadAckedRecord);
            Register(_settlement.DoneRecord);
            Register(_settlement.PrintedRecord);
            Register(_qrOrderRecord);
            Register(_walletRecord);
            Register(_qrOrderClosedRecord);
            Register(_settlement.SidesRecord);
            Register(_profileRecord);
            Register(_signInRecord);
        }

        /// <summary>The journal underneath.</summary>
        public JournalLog Journal => _journal;

        /// <summary>Who the terminal is; null until provisioned.</summary>
        public TerminalIdentity? Identity => _counters.Identity;

        /// <summary>The merchant's name, hotline and contact as set-up gave them (nothing set: <see cref="MerchantProfile.IsSet"/> false).</summary>
        public MerchantProfile Profile => _profile;

        /// <summary>Whether the terminal has a TID and MID.</summary>
        public bool Provisioned => _counters.Identity != null;

        /// <summary>The open batch number.</summary>
        public int Batch => _counters.Batch;

        /// <summary>The next invoice number.</summary>
        public int NextInvoice => _counters.NextInvoice;

        /// <summary>The operator logged on (cashier number 1..99).</summary>
        public int Operator => _counters.Operator;

        /// <summary>Screens' and receipts' language (<see cref="Ui.Language"/>), from the journal.</summary>
        public int Language => _settings.Get(StoreSetting.Language);

        /// <summary>The value of setting <paramref name="id"/> (<see cref="StoreSetting"/>); 0 when never set.</summary>
        public int Setting(int id) => _settings.Get(id);

        /// <summary>Whether the manager left the terminal in training mode (kept across power cuts).</summary>
        public bool Training => _settings.Get(StoreSetting.Training) != 0;

        /// <summary>
        /// Whether the journal lost records since the batch was last settled (<see cref="RecordJournalDamage"/>): the batch
        /// on the terminal may lack what the host holds, so new transactions wait until it is settled.
        /// </summary>
        public bool JournalDamaged => _settings.Get(StoreSetting.JournalDamaged) != 0;

        /// <summary>Transactions in the open batch.</summary>
        public int Count => _txns.Count;

        /// <summary>The i-th transaction of the batch, oldest first.</summary>
        public TxnEntry At(int i) => _txns.At(i);

        /// <summary>Why the last write failed (journal full...), for the screen.</summary>
        public string Problem => _problem;

        /// <summary><see cref="SettleStage"/> of the settlement in progress.</summary>
        public int SettlementStage => _settlement.Stage;

        /// <summary>STAN of the settlement request in progress.</summary>
        public int SettlementStan => _settlement.Stan;

        /// <summary>First STAN of the batch upload in progress.</summary>
        public int UploadBaseStan => _settlement.UploadBase;

        /// <summary>Number of transactions the batch upload sends.</summary>
        public int UploadCount => _settlement.UploadCount;

        /// <summary>Uploads the host acknowledged.</summary>
        public int UploadAcked => _settlement.UploadAcked;

        /// <summary>Totals of the last settled batch.</summary>
        public BatchTotals LastSettled => _settlement.LastSettled;

        /// <summary>Whether the last settlement was balanced at the first attempt.</summary>
        public bool LastSettledBalanced => _settlement.LastBalanced;

        /// <summary>Transactions uploaded in the last settlement (0 when balanced).</summary>
        public int LastSettledUploads => _settlement.LastUploads;

        /// <summary>Whether the last settlement's report is printed.</summary>
        public bool SettlementReportPrinted => _settlement.ReportPrinted;

        /// <summary>The item catalog; its stock is the base the open batch's sales count against (use <see cref="Stock"/>).</summary>
        public ItemCatalog Catalog => _catalog.Catalog;

        /// <summary>The last settled batch's sales analysis (hours, channels, operators, top items).</summary>
        public SalesAnalysis LastSettledAnalysis => _analysis;

        /// <summary>
        /// Stock of catalog item <paramref name="index"/> now: the catalog's base less the items of the open batch's
        /// sales that stand (approved, not voided, not wholly refunded). Derived from the transactions' states, so a
        /// void, a reversal or a refund moves stock exactly when its outcome record does, replay included.
        /// </summary>
        public int Stock(int index) => _catalog.Stock(index);

        /// <summary>
        /// Items of <paramref name="code"/> the open batch has taken from stock: the lines of every sale that is
        /// approved, not voided and not wholly refunded (a partial refund is by amount and leaves stock alone).
        /// </summary>
        public int SoldInBatch(int code) => _txns.SoldInBatch(code);

        /// <summary>
        /// Rebuilds the store from the journal (already mounted): each record is decoded and applied as it was when
        /// written. Then resolves what was in flight: a reversible request without an answer becomes
        /// reversal-pending; a refund stays pending, to be resent with its own STAN (the host answers a repeat as before).
        /// </summary>
        public void Load()
        {
            _counters.Reset();
            _txns.Reset();
            _settlement.Reset();
            _catalog.Reset();
            _settings.Reset();
            _analysis.Clear();
            _profile.Reset();
            _signInBatch = 0;
            _signInAt = default(System.DateTime);
            JournalCursor cursor = default;
            JournalEntry entry;
            while (_journal.Next(ref cursor, _buf, out entry))
            {
                // Records that do not decode are passed over (the journal's CRC makes that rare).
                StoreRecord? r = entry.Type < _records.Length ? _records[entry.Type] : null;
                if (r != null && r.Decode(_buf, 0, entry.Length < _buf.Length ? entry.Length : _buf.Length))
                {
                    Apply(r);
                }
            }

            _txns.ResolveInFlight();
            _counters.EndReplay();
        }

        /// <summary>Records the terminal's identity (provisioning); false when the journal refused it.</summary>
        public bool Provision(string terminalId, string merchantId)
        {
            if (terminalId.Length != 8 || merchantId.Length != 15)
            {
                // As TerminalIdentity refuses them, before anything is written.
                throw new System.ArgumentException("terminal ID must be 8 characters, merchant ID 15");
            }

            ProvisionRecord r = _counters.ProvisionRecord;
            r.TerminalId = terminalId;
            r.MerchantId = merchantId;
            return Commit(r, SettlementRoom(_txns.Count)) && ReserveStans(); // with a copy: the identity rests on it
        }

        /// <summary>
        /// Journals the merchant's profile: <paramref name="name"/> (empty: the board's), the service
        /// <paramref name="hotline"/> and <paramref name="contact"/>, and the glyphs and GB18030 codes of their wide
        /// characters in <paramref name="glyphs"/> (null: none). One record, so a power cut leaves the old profile or the
        /// new one. False with <see cref="Problem"/> when a value is refused, or the journal refused it.
        /// </summary>
        public bool SetProfile(string name, string hotline, string contact, Terminal.Hal.GlyphSupplement? glyphs) =>
            SetProfile(name, hotline, contact, _profile.InvoiceUrl, glyphs);

        /// <summary>
        /// Journals the merchant's profile as <see cref="SetProfile(string, string, string, Terminal.Hal.GlyphSupplement)"/>
        /// does, with the e-invoice page's <paramref name="invoiceUrl"/> (empty: the factory default) in the same record.
        /// </summary>
        public bool SetProfile(string name, string hotline, string contact, string invoiceUrl, Terminal.Hal.GlyphSupplement? glyphs)
        {
            string problem = MerchantProfile.Check(name, hotline, contact);
            if (problem.Length == 0)
            {
                problem = MerchantProfile.CheckInvoiceUrl(invoiceUrl);
            }

            if (problem.Length == 0 && glyphs != null && glyphs.Count > MerchantProfile.MaxGlyphs)
            {
                problem = "glyphs: at most " + MerchantProfile.MaxGlyphs.ToString();
            }

            ProfileRecord r = FillProfile(name, hotline, contact, invoiceUrl, problem.Length == 0 ? glyphs : null);
            if (problem.Length == 0 && r.EncodedSize > _journal.MaxPayload)
            {
                problem = "merchant profile: " + r.EncodedSize.ToString() + " bytes, more than a journal record holds";
            }

            if (problem.Length > 0)
            {
                _problem = problem;
                return false;
            }

            return CommitBesideSettlement(r, r.EncodedSize);
        }

        /// <summary>Journals a new service hotline, the rest of the profile as it is.</summary>
        public bool SetHotline(string hotline) => SetProfile(_profile.Name, hotline, _profile.Contact, _profile.Glyphs);

        /// <summary>The batch of the last sign-in the host accepted (0: none journaled).</summary>
        public int LastSignInBatch => _signInBatch;

        /// <summary>When the last sign-in happened (see <see cref="LastSignInBatch"/>).</summary>
        public System.DateTime LastSignIn => _signInAt;

        /// <summary>
        /// Journals a sign-in the host accepted at <paramref name="at"/> with <paramref name="batch"/>, for help. Not kept
        /// from the settlement's room: when the journal has no room for it, help shows it until the next power-up only.
        /// </summary>
        public bool RecordSignIn(int batch, System.DateTime at)
        {
            if (batch <= 0)
            {
                return false;
            }

            bool written = RoomBesideSettlement(SignInRecord.Size)
                && Commit(FillSignIn(batch, at));
            _signInBatch = batch;
            _signInAt = at;
            return written;
        }

        /// <summary>Records the batch number the host gave at sign-in.</summary>
        public bool SetBatch(int batch)
        {
            if (batch == _counters.Batch || batch <= 0)
            {
                return true;
            }

            _counters.BatchRecord.Value = batch;
            return Commit(_counters.BatchRecord, SettlementRoom(_txns.Count)); // with a copy: the batch rests on it
        }

        /// <summary>Records the operator logged on.</summary>
        public bool SetOperator(int number)
        {
            _counters.OperatorRecord.Value = number;
            return Commit(_counters.OperatorRecord);
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

        /// <summary>Journals the screens' and receipts' language (<see cref="Ui.Language"/>).</summary>
        public bool SetLanguage(int language) => SetSetting(StoreSetting.Language, language);

        /// <summary>
        /// Records that the journal found records missing at mount: STANs jump a thousand ahead (past any reservation
        /// the lost records may have held, so none is sent twice) and <see cref="JournalDamaged"/> holds new transactions
        /// until the batch is settled, where the batch upload tells the host what the terminal still has.
        /// </summary>
        public bool RecordJournalDamage()
        {
            CounterRecord jump = _counters.StanReserveRecord;
            jump.Value = Counters.StanAfter(_counters.StanReserved, 1000);
            if (!Commit(jump))
            {
                return false;
            }

            if (_counters.Identity != null)
            {
                _counters.Identity.LastStan = jump.Value;
            }

            return SetSetting(StoreSetting.JournalDamaged, 1, false);
        }

        /// <summary>
        /// Makes sure at least a few STANs are reserved on flash ahead of use. Call before building any
        /// request; false (with <see cref="Problem"/>) when the journal cannot take the reservation.
        /// </summary>
        public bool ReserveStans()
        {
            int reserve = _counters.ReservationDue();
            if (reserve < 0)
            {
                return true;
            }

            _counters.StanReserveRecord.Value = reserve;
            return Commit(_counters.StanReserveRecord);
        }

        /// <summary>Takes <paramref name="count"/> consecutive STANs (batch upload), reserved on flash first; returns the first or -1.</summary>
        public int TakeStans(int count)
        {
            TerminalIdentity? identity = _counters.Identity;
            if (identity == null)
            {
                return -1;
            }

            int first = Counters.StanAfter(identity.LastStan, 1);
            if (first + count > MaxStan)
            {
                first = 1; // the uploads need consecutive numbers
            }

            _counters.StanReserveRecord.Value = Counters.StanAfter(first + count - 1, StanBlock + 1);
            if (!Commit(_counters.StanReserveRecord))
            {
                return -1;
            }

            identity.LastStan = first + count - 1;
            return first;
        }

        /// <summary>
        /// Whether fewer than <paramref name="transactions"/> more transactions fit before the journal must be
        /// settled (the idle screen warns the cashier in time).
        /// </summary>
        public bool NearlyFull(int transactions)
        {
            // A typical transaction, not the largest: a request without chip data (96 bytes at most, with the STAN
            // reservation before it), its outcome and marks. Begin itself refuses exactly what would not fit.
            int perTxn = (4 * _journal.RecordOverheadBytes) + 96 + 3 + 40;
            return _txns.Count + transactions >= MaxTransactions
                || _journal.FreeBytes < SettlementRoom(_txns.Count + transactions) + (transactions * perTxn);
        }

        /// <summary>
        /// Journals a new request (numbers it: invoice, STAN, batch, operator) before it is sent, and adds it
        /// to the batch as Pending. Returns the stored entry, or null when the journal refused it.
        /// </summary>
        public TxnEntry? Begin(TxnEntry request)
        {
            TerminalIdentity? identity = _counters.Identity;
            if (identity == null || !ReserveStans())
            {
                return null;
            }

            if (JournalDamaged)
            {
                _problem = Ui.Texts.Get(Language, Ui.Texts.JournalDamaged);
                return null;
            }

            if (_txns.Count >= MaxTransactions)
            {
                _problem = Ui.Texts.Get(Language, Ui.Texts.BatchFull);
                return null;
            }

            if (_journal.FreeBytes < RequestRoom + (request.Mode == EntryMode.QrOrder ? QrOrderRoom : 0) + SettlementRoom(_txns.Count + 1))
            {
                // Keep the room the answer, the receipts and the settlement of this batch need (and an order's number,
                // its close and the wallet of a late payment): a journal filled by sales could otherwise never record
                // the settlement that empties it.
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
            e.Chip = request.Chip == null ? null : request.Chip.Clone();
            e.Invoice = _counters.NextInvoice;
            e.Stan = identity.NextStan();
            e.Batch = _counters.Batch;
            e.Operator = _counters.Operator;
            e.State = TxnState.Pending;
            if (items)
            {
                // The lines go first, keyed by the request's batch and STAN: a cut before the request leaves lines
                // that no request claims (ignored at boot); the request itself is what starts the sale.
                SaleItemsRecord lines = _txns.SaleItemsRecord;
                lines.Batch = e.Batch;
                lines.Stan = e.Stan;
                lines.Items.CopyFrom(request.Items!);
                if (!Commit(lines))
                {
                    return null;
                }
            }

            _txns.RequestRecord.Entry = e;
            return Commit(_txns.RequestRecord) ? e : null;
        }

        /// <summary>Journals the host's answer and applies it (a void marks its sale, a refund counts against its sale).</summary>
        public bool RecordOutcome(TxnEntry e, bool approved, string responseCode, string rrn, string authCode, int dateMmdd, int timeHhmmss) =>
            RecordOutcome(e, approved, responseCode, rrn, authCode, dateMmdd, timeHhmmss, string.Empty);

        /// <summary>
        /// As <see cref="RecordOutcome(TxnEntry, bool, string, string, string, int, int)"/>, with the answer's F44
        /// (<paramref name="field44"/>: issuer id then acquirer id, 11 characters each, trailing spaces dropped).
        /// </summary>
        public bool RecordOutcome(TxnEntry e, bool approved, string responseCode, string rrn, string authCode, int dateMmdd, int timeHhmmss, string field44)
        {
            OutcomeRecord r = _txns.OutcomeRecord;
            r.IssuerId = Institution.Part(field44, 0);
            r.AcquirerId = Institution.Part(field44, 1);
            r.Batch = e.Batch;
            r.Stan = e.Stan;
            r.State = approved ? TxnState.Approved : TxnState.Declined;
            r.ResponseCode = responseCode;
            r.Rrn = rrn;
            r.AuthCode = authCode;
            r.DateMmdd = dateMmdd;
            r.TimeHhmmss = timeHhmmss;
            return Commit(r);
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
            ReversedRecord r = _txns.ReversedRecord;
            r.Batch = e.Batch;
            r.Stan = e.Stan;
            return Commit(r);
        }

        /// <summary>
        /// Journals the chip card's completion of <paramref name="e"/> after the host's answer: from
        /// <paramref name="completion"/>, its <see cref="ChipData.FinalCid"/> and <see cref="ChipData.FinalCryptogram"/>
        /// (second GENERATE AC), TVR, TSI and script results. An AAC after an approval marks the sale
        /// <see cref="TxnEntry.CardDeclined"/> and reversal-pending.
        /// </summary>
        public bool RecordChipResult(TxnEntry e, ChipData completion)
        {
            ChipResultRecord r = _txns.ChipResultRecord;
            r.Batch = e.Batch;
            r.Stan = e.Stan;
            r.Result.CopyFrom(completion);
            return Commit(r);
        }

        /// <summary>The script-result notification (0620) a chip sale owes when its card ran issuer scripts.</summary>
        public const int ChipAdviceScriptResult = 1;

        /// <summary>The TC upload (0320, 60.3 = 203) an approved chip sale owes.</summary>
        public const int ChipAdviceTcUpload = 2;

        /// <summary>The oldest chip advice owed (<see cref="ChipAdviceScriptResult"/> or <see cref="ChipAdviceTcUpload"/>; 0 when none) and its sale.</summary>
        public int NextChipAdvice(out TxnEntry? sale) => _txns.NextChipAdvice(out sale);

        /// <summary>
        /// Journals that the host answered the chip advice <paramref name="advice"/> of <paramref name="sale"/>; refused
        /// (journal full) when it would eat into the room the batch's settlement needs: the advice then stays owed.
        /// </summary>
        public bool RecordChipAdviceSent(TxnEntry sale, int advice)
        {
            ChipAdviceSentRecord r = _txns.ChipAdviceSentRecord;
            r.Batch = sale.Batch;
            r.Stan = sale.Stan;
            r.Advice = advice;
            return CommitBesideSettlement(r, 7);
        }

        /// <summary>Journals the host's answer to the completion advice <paramref name="e"/>: F39 <paramref name="responseCode"/> and F37 <paramref name="rrn"/>.</summary>
        public bool RecordAdviceAnswer(TxnEntry e, string responseCode, string rrn)
        {
            AdviceAnswerRecord r = _txns.AdviceAnswerRecord;
            r.Batch = e.Batch;
            r.Stan = e.Stan;
            r.ResponseCode = responseCode;
            r.Rrn = rrn;
            return Commit(r);
        }

        /// <summary>Runs of sends a completion advice may go unanswered before it is given up (not sent again).</summary>
        public const int AdviceRuns = 3;

        /// <summary>
        /// Journals that a run of sends of the completion advice <paramref name="e"/> got no usable answer (record 0x1F);
        /// refused (journal full) when it would eat into the room the settlement needs: the run then does not count.
        /// </summary>
        public bool RecordAdviceUnanswered(TxnEntry e)
        {
            AdviceUnansweredRecord r = _txns.AdviceUnansweredRecord;
            r.Batch = e.Batch;
            r.Stan = e.Stan;
            return CommitBesideSettlement(r, 6);
        }

        /// <summary>Journals receipt copies printed (bit 0 merchant, bit 1 customer).</summary>
        public bool RecordPrinted(TxnEntry e, int copies)
        {
            PrintedRecord r = _txns.PrintedRecord;
            r.Batch = e.Batch;
            r.Stan = e.Stan;
            r.Copies = copies;
            return Commit(r);
        }

        /// <summary>The next reversal or refund resend to send before anything new, or null.</summary>
        public TxnEntry? NextUnresolved() => _txns.NextUnresolved();

        /// <summary>A merchant-presented QR order still open (neither paid nor closed), or null: queried before anything new.</summary>
        public TxnEntry? OpenQrOrder() => _txns.OpenOrder();

        /// <summary>Journals the host's order number for the QR order <paramref name="e"/> (record 0x18).</summary>
        public bool RecordQrOrder(TxnEntry e, string orderNumber)
        {
            _qrOrderRecord.Batch = e.Batch;
            _qrOrderRecord.Stan = e.Stan;
            _qrOrderRecord.OrderNumber = orderNumber.Length > QrOrderRecord.MaxOrderNumber ? orderNumber.Substring(0, QrOrderRecord.MaxOrderNumber) : orderNumber;
            return Commit(_qrOrderRecord);
        }

        /// <summary>Journals the wallet that paid the QR payment <paramref name="e"/> and its order number (record 0x19), before its outcome.</summary>
        public bool RecordWallet(TxnEntry e, int channel, string walletOrder)
        {
            _walletRecord.Batch = e.Batch;
            _walletRecord.Stan = e.Stan;
            _walletRecord.Channel = channel;
            _walletRecord.WalletOrder = walletOrder.Length > QrOrderRecord.MaxOrderNumber ? walletOrder.Substring(0, QrOrderRecord.MaxOrderNumber) : walletOrder;
            return Commit(_walletRecord);
        }

        /// <summary>Journals that the QR order <paramref name="e"/> ended unpaid (<see cref="QrOrderEnd"/>, record 0x1A): declined.</summary>
        public bool RecordQrOrderClosed(TxnEntry e, int reason)
        {
            _qrOrderClosedRecord.Batch = e.Batch;
            _qrOrderClosedRecord.Stan = e.Stan;
            _qrOrderClosedRecord.Reason = reason;
            return Commit(_qrOrderClosedRecord);
        }

        /// <summary>Unresolved requests (reversals and refund resends) waiting.</summary>
        public int UnresolvedCount() => _txns.UnresolvedCount();

        /// <summary>An approved transaction whose merchant copy is not printed yet (to print at boot), or null.</summary>
        public TxnEntry? NextUnprinted() => _txns.NextUnprinted();

        /// <summary>The transaction with invoice number <paramref name="invoice"/>, or null.</summary>
        public TxnEntry? FindInvoice(int invoice) => _txns.FindInvoice(invoice);

        /// <summary>The approved pre-auth of the open batch with authorization code <paramref name="authCode"/>, or null.</summary>
        public TxnEntry? FindPreAuth(string authCode) => _txns.FindPreAuth(authCode);

        /// <summary>The transaction with STAN <paramref name="stan"/> in batch <paramref name="batch"/>, or null.</summary>
        public TxnEntry? FindStan(int batch, int stan) => _txns.FindStan(batch, stan);

        /// <summary>The sale with reference number <paramref name="rrn"/> in the open batch, or null.</summary>
        public TxnEntry? FindSaleByRrn(string rrn) => _txns.FindSaleByRrn(rrn);

        /// <summary>The last approved transaction (reprint last), or null.</summary>
        public TxnEntry? LastApproved() => _txns.LastApproved();

        /// <summary>Fills <paramref name="totals"/> with the open batch.</summary>
        public void Totals(BatchTotals totals)
        {
            totals.Clear();
            totals.Batch = _counters.Batch;
            for (int i = 0; i < _txns.Count; i++)
            {
                totals.Add(_txns.At(i));
            }
        }

        /// <summary>Approved transactions that settlement would upload (sales not voided, refunds), in order.</summary>
        public int SettlingCount() => _txns.SettlingCount();

        /// <summary>The <paramref name="index"/>-th settling transaction (0-based), or null.</summary>
        public TxnEntry? SettlingAt(int index) => _txns.SettlingAt(index);

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

        /// <summary>Journals the start of settlement: the STAN of the 0500 and the totals it carries.</summary>
        public bool BeginSettlement(int stan, BatchTotals totals)
        {
            SettleStartRecord r = _settlement.StartRecord;
            r.Batch = _counters.Batch;
            r.Stan = stan;
            r.Totals.CopyFrom(totals);
            return Commit(r);
        }

        /// <summary>
        /// Journals the host's settlement answer per part (<paramref name="sides"/>: the terminal's totals as sent, the
        /// host's as answered), before the flow acts on it: the report prints both sides, after a power cut too.
        /// </summary>
        public bool RecordSettleSides(SettlementSides sides)
        {
            SettleSidesRecord r = _settlement.SidesRecord;
            r.Batch = _counters.Batch;
            r.LastSettled = false;
            r.Sides.CopyFrom(sides);
            return Commit(r);
        }

        /// <summary>The host's answer per part to the settlement in progress, once <see cref="RecordSettleSides"/> journaled it; null before.</summary>
        public SettlementSides? SettlementSides => _settlement.SidesBatch == _counters.Batch && _settlement.Sides.HostKnown ? _settlement.Sides : null;

        /// <summary>Terminal and host per part of the last settled batch (not <see cref="SettlementSides.HostKnown"/> when the journal kept none).</summary>
        public SettlementSides LastSettledSides => _settlement.LastSides;

        /// <summary>Journals the host's settlement answer.</summary>
        public bool RecordSettleAnswer(bool balanced)
        {
            SettleAnswerRecord r = _settlement.AnswerRecord;
            r.Batch = _counters.Batch;
            r.Balanced = balanced;
            return Commit(r);
        }

        /// <summary>Journals the start of batch upload: STANs base..base+count-1 carry the uploads, base+count the end.</summary>
        public bool BeginUpload(int baseStan, int count)
        {
            UploadStartRecord r = _settlement.UploadStartRecord;
            r.Batch = _counters.Batch;
            r.BaseStan = baseStan;
            r.Count = count;
            return Commit(r);
        }

        /// <summary>Journals that upload <paramref name="index"/> was acknowledged.</summary>
        public bool RecordUploadAcked(int index)
        {
            UploadAckedRecord r = _settlement.UploadAckedRecord;
            r.Batch = _counters.Batch;
            r.Index = index;
            return Commit(r);
        }

        /// <summary>
        /// Closes the batch: journals SettleDone, opens the next batch, then writes a snapshot (identity,
        /// counters, these totals) and reclaims the flash the closed batch used. The settlement report is
        /// still owed until <see cref="RecordSettlementPrinted"/>.
        /// </summary>
        public bool CompleteSettlement(BatchTotals totals, bool balanced, int uploads)
        {
            SettleDoneRecord r = _settlement.DoneRecord;
            r.Batch = _counters.Batch;
            r.Totals.CopyFrom(totals);
            r.Balanced = balanced;
            r.Uploads = uploads;
            return Commit(r) && Compact();
        }

        /// <summary>Journals that the settlement report was printed.</summary>
        public bool RecordSettlementPrinted()
        {
            _settlement.PrintedRecord.Batch = _settlement.LastSettled.Batch;
            return Commit(_settlement.PrintedRecord);
        }
    }
}
