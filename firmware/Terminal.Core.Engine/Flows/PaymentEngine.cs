using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// The payment jobs the cashier asks for, each run as flows over the host session: first <see cref="ReversalFlow"/>
    /// sends every reversal owed and resends every unanswered refund, then the job's own flow runs:
    /// <see cref="TransactionFlow"/> (sale by swipe, tap or QR; void; refund), <see cref="SettlementFlow"/> (settlement
    /// with batch upload, or one in progress resumed), or nothing more (boot recovery, which also resumes a
    /// settlement). Sign-in is <see cref="SignInFlow"/>, then <see cref="CatalogFlow"/> when the catalog is
    /// downloaded. One job at a time; each request is journaled (through <see cref="PaymentStore"/>) before its
    /// first byte is sent, and the card data is wiped once the request is packed and when the job ends.
    /// </summary>
    public sealed class PaymentEngine : IPaymentObserver, ISignInObserver, ICatalogObserver
    {
        /// <summary>Reversal (or upload) attempts per job before giving up until the next one.</summary>
        public const int MaxAttempts = ReversalFlow.MaxAttempts;

        /// <summary>F53 (security control) for a format 0 PIN block under the double-length PIK (<see cref="TransactionFlow.PinControlPik"/>).</summary>
        public const string PinControlPik = TransactionFlow.PinControlPik;

        /// <summary>F53 for a DUKPT PIN block (<see cref="TransactionFlow.PinControlDukpt"/>).</summary>
        public const string PinControlDukpt = TransactionFlow.PinControlDukpt;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly IKeyStore _keys;
        private readonly ICrypto _crypto;
        private readonly IClock _clock;
        private readonly CardData _card = new CardData();
        private readonly byte[] _key = new byte[24];
        private readonly ReversalFlow _reversal;
        private readonly TransactionFlow _transaction;
        private readonly SettlementFlow _settlement;
        private readonly QrOrderFlow _qrOrder;
        private readonly BalanceFlow _balance;
        private SignInFlow? _signIn;
        private CatalogFlow? _catalogFlow;
        private string _signInMessage = string.Empty;
        private bool _downloadsCatalog;
        private IPaymentObserver? _observer;
        private IPaymentFlow? _job;
        private bool _clearingOwed;
        private bool _resolvingOrder;

        /// <summary>Creates the engine and its flows; loads the MAC key from the key store when there is one.</summary>
        public PaymentEngine(HostSession session, PaymentStore store, IKeyStore keys, ICrypto crypto, IClock clock)
        {
            _session = session;
            _store = store;
            _keys = keys;
            _crypto = crypto;
            _clock = clock;
            _reversal = new ReversalFlow(session, store);
            _transaction = new TransactionFlow(session, store, clock, _card, _reversal, new TrackCipher(keys, crypto));
            _settlement = new SettlementFlow(session, store);
            _qrOrder = new QrOrderFlow(session, store, clock);
            _balance = new BalanceFlow(session, store, _card, new TrackCipher(keys, crypto));
            LoadMak();
        }

        /// <summary>How long to wait for a transaction's (and a settlement's) answer.</summary>
        public int TimeoutMs
        {
            get => _transaction.TimeoutMs;
            set
            {
                _transaction.TimeoutMs = value;
                _settlement.TimeoutMs = value;
                _balance.TimeoutMs = value;
            }
        }

        /// <summary>How long to wait for a reversal's, a resend's or an upload's answer.</summary>
        public int ReversalTimeoutMs
        {
            get => _reversal.TimeoutMs;
            set
            {
                _reversal.TimeoutMs = value;
                _settlement.UploadTimeoutMs = value;
            }
        }

        /// <summary>Whether a successful sign-in goes on to ask the host for a newer item catalog (0800, 60.3 = 380).</summary>
        public bool DownloadsCatalog
        {
            get => _downloadsCatalog;
            set => _downloadsCatalog = value;
        }

        /// <summary>What the last catalog download said (empty before the first).</summary>
        public string CatalogMessage { get; private set; } = string.Empty;

        /// <summary>Whether a job is running.</summary>
        public bool Busy => _observer != null;

        /// <summary>The session the engine talks to the host through.</summary>
        public HostSession Session => _session;

        /// <summary>The store the engine journals to.</summary>
        public PaymentStore Store => _store;

        /// <summary>The card data buffers the next sale sends (fill, then call <see cref="Sale"/>); wiped after packing.</summary>
        public CardData Card => _card;

        /// <summary>Whether a MAC key is loaded (signed in).</summary>
        public bool SignedIn => _session.HasMak;

        /// <summary>When the last sign-in succeeded (the terminal's wall clock; journaled, so it outlives a reboot); see <see cref="LastSignInBatch"/>.</summary>
        public System.DateTime LastSignIn => _store.LastSignIn;

        /// <summary>The batch the last sign-in opened; 0 when none ever succeeded (the help screen says so).</summary>
        public int LastSignInBatch => _store.LastSignInBatch;

        /// <summary>Reloads the MAC key after sign-in or at boot.</summary>
        public void LoadMak()
        {
            int n = _keys.Load(KeySlot.Mak, _key, 0);
            if (SignInFlow.IsWorkingKeyLength(n))
            {
                _session.SetMak(_key, 0, n);
            }

            Wipe.Bytes(_key, 0, _key.Length);
        }

        /// <summary>Signs in: new PIN, MAC and track keys, host clock and batch.</summary>
        public bool SignIn(IPaymentObserver observer)
        {
            TerminalIdentity? identity = _store.Identity;
            if (identity == null)
            {
                return Refuse(observer, T(Texts.NotProvisioned));
            }

            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            if (!_store.ReserveStans())
            {
                return Finish(PaymentResult.NotSent, _store.Problem, null);
            }

            if (_signIn == null)
            {
                _signIn = new SignInFlow(_session, _keys, _crypto, _clock, identity);
            }

            observer.OnProgress(T(Texts.SigningIn));
            _signIn.Start(this);
            return true;
        }

        /// <inheritdoc />
        public void OnSignInDone(bool success, string message)
        {
            if (!success)
            {
                Finish(PaymentResult.NotSent, message, null);
                return;
            }

            TerminalIdentity? identity = _store.Identity;
            if (identity != null && !_store.SetBatch(identity.Batch))
            {
                // Not journaled: every message keeps the batch the journal knows.
                identity.Batch = _store.Batch;
                Finish(PaymentResult.NotSent, _store.Problem, null);
                return;
            }

            if (identity != null)
            {
                _store.RecordSignIn(identity.Batch, _clock.WallTime); // for help; kept in memory if the journal has no room
            }

            if (_downloadsCatalog)
            {
                // Signed in whatever becomes of the catalog: its outcome only adds to the message.
                _signInMessage = message;
                if (_catalogFlow == null)
                {
                    _catalogFlow = new CatalogFlow(_session, _store);
                }

                _catalogFlow.TimeoutMs = TimeoutMs;
                _observer?.OnProgress(T(Texts.LoadingCatalog));
                _catalogFlow.Start(this);
                return;
            }

            Finish(PaymentResult.SignedIn, message, null);
        }

        /// <inheritdoc />
        public void OnCatalogDone(bool loaded, string message)
        {
            CatalogMessage = message;
            Finish(PaymentResult.SignedIn, _signInMessage + "; " + message, null);
        }

        /// <summary>
        /// Sells: <paramref name="template"/> gives amount, channel, entry mode, masked number and expiry;
        /// <see cref="Card"/> holds the data to send. False when refused at once (the observer was told).
        /// </summary>
        public bool Sale(TxnEntry template, IPaymentObserver observer) => Sale(template, null, observer);

        /// <summary>
        /// Sells with an inserted chip card: as <see cref="Sale(TxnEntry, IPaymentObserver)"/>, <paramref name="template"/>'s
        /// <see cref="TxnEntry.Chip"/> holding the first GENERATE AC's data and <see cref="Card"/> the PAN and request
        /// field 55; once the host has answered, <paramref name="chip"/> completes the card and its result is journaled.
        /// </summary>
        public bool Sale(TxnEntry template, IChipCompletion? chip, IPaymentObserver observer) => Authorize(TxnKind.Sale, template, chip, observer);

        /// <summary>
        /// Pre-authorizes (预授权, 0100 030000, F25 06, 60.1 = 10): as a sale (<see cref="Sale(TxnEntry, IChipCompletion, IPaymentObserver)"/>,
        /// the same card entry, PIN and chip path), but the host places a hold instead of charging; not in the totals.
        /// </summary>
        public bool PreAuth(TxnEntry template, IChipCompletion? chip, IPaymentObserver observer) => Authorize(TxnKind.PreAuth, template, chip, observer);

        /// <summary>The available balance the last approved balance inquiry answered, in fen.</summary>
        public long LastBalance => _balance.Balance;

        /// <summary>
        /// Balance inquiry (余额查询, 0200 310000, 60.1 = 01): <paramref name="template"/> gives the entry mode, masked
        /// number, expiry and chip data, <see cref="Card"/> the card data and PIN block. Not journaled; the answer's
        /// message says the balance (also <see cref="LastBalance"/>). Refused at once for a payment code.
        /// </summary>
        public bool Balance(TxnEntry template, IPaymentObserver observer) => Balance(template, null, observer);

        /// <summary>
        /// As <see cref="Balance(TxnEntry, IPaymentObserver)"/>, with an inserted chip card: once the host has answered (or
        /// not), <paramref name="chip"/> closes the card's transaction with an AAC (<see cref="HostAnswer.Inquiry"/>).
        /// </summary>
        public bool Balance(TxnEntry template, IChipCompletion? chip, IPaymentObserver observer)
        {
            if (template.Channel != TxnChannel.Card)
            {
                _card.Wipe();
                return Refuse(observer, T(Texts.BalanceCardOnly));
            }

            if (!Begin(observer))
            {
                _card.Wipe();
                return Refuse(observer, T(Texts.Busy));
            }

            _balance.Request.CopyFrom(template);
            _balance.Chip = template.Chip != null ? chip : null;
            return Run(_balance);
        }

        /// <summary>Why <paramref name="preAuth"/> cannot be voided (or completed), or empty when it can.</summary>
        public string PreAuthVoidProblem(TxnEntry? preAuth) => PreAuthRules.PreAuthProblem(_store, preAuth);

        /// <summary>Why <paramref name="completion"/> cannot be voided, or empty when it can.</summary>
        public string CompletionVoidProblem(TxnEntry? completion) => PreAuthRules.CompletionVoidProblem(_store, completion);

        /// <summary>
        /// Voids a pre-auth (预授权撤销, 0100 200000, 60.1 = 11: the hold is released) or a completion (预授权完成撤销, 0200
        /// 200000, 60.1 = 21: the charge is undone and the pre-auth stands again) of the open batch, by its F38, F61 and F37.
        /// </summary>
        public bool VoidPreAuthFamily(TxnEntry original, IPaymentObserver observer)
        {
            bool preAuth = original.Kind == TxnKind.PreAuth;
            string problem = preAuth ? PreAuthVoidProblem(original) : CompletionVoidProblem(original);
            if (problem.Length > 0)
            {
                return Refuse(observer, problem);
            }

            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            TxnEntry request = VoidRequest(preAuth ? TxnKind.PreAuthVoid : TxnKind.CompletionVoid, original);
            request.OriginalAuthCode = original.AuthCode.Length > 0 ? original.AuthCode : original.OriginalAuthCode;
            return Run(_transaction);
        }

        /// <summary>
        /// Voids a pre-auth of an earlier batch (预授权撤销, 0100 200000, 60.1 = 11), known only by its
        /// <paramref name="authCode"/> (F38) and <paramref name="dateMmdd"/> (61.3; 61.1 and 61.2 zeros): the host finds
        /// it across its batches and releases the hold; <paramref name="amount"/> must be the pre-auth's (else 64).
        /// </summary>
        public bool VoidEarlierPreAuth(string authCode, int dateMmdd, long amount, IPaymentObserver observer) =>
            ByAuthCode(TxnKind.PreAuthVoid, null, authCode, dateMmdd, amount, observer);

        /// <summary>
        /// Completes a pre-auth: online (预授权完成请求, 0200 000000, 60.1 = 20) or, with <paramref name="advice"/>, offline
        /// (预授权完成通知, 0220, 60.1 = 24: approved at once with the pre-auth's auth code, journaled, and sent before
        /// the next job and before settlement). The pre-auth is <paramref name="preAuth"/> when it is in the open batch,
        /// else known only by its <paramref name="authCode"/> and <paramref name="dateMmdd"/> (the host finds it).
        /// </summary>
        public bool Complete(TxnEntry? preAuth, string authCode, int dateMmdd, long amount, bool advice, IPaymentObserver observer) =>
            ByAuthCode(advice ? TxnKind.CompletionAdvice : TxnKind.Completion, preAuth, authCode, dateMmdd, amount, observer);

        // A request of the pre-authorization family that names its pre-auth by auth code (F38) and date (61.3), and by
        // its references too when <paramref name="preAuth"/> is in the open batch (else the host finds it): a completion
        // (request or advice), or the void of an earlier batch's pre-auth. Checked by PreAuthRules, then run.
        private bool ByAuthCode(int kind, TxnEntry? preAuth, string authCode, int dateMmdd, long amount, IPaymentObserver observer)
        {
            TxnEntry request = _transaction.Request;
            request.Clear();
            request.Kind = kind;
            request.Channel = TxnChannel.Card;
            request.Mode = EntryMode.Reference;
            request.Amount = amount;
            request.OriginalAuthCode = authCode;
            request.OriginalDateMmdd = dateMmdd;
            if (preAuth != null)
            {
                request.MaskedPan = preAuth.MaskedPan;
                request.OriginalStan = preAuth.Stan;
                request.OriginalBatch = preAuth.Batch;
                request.OriginalInvoice = preAuth.Invoice;
                request.OriginalRrn = preAuth.Rrn;
            }

            string problem = PreAuthRules.Problem(_store, request);
            if (problem.Length > 0)
            {
                return Refuse(observer, problem);
            }

            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            return Run(_transaction);
        }

        // The request of a void of <paramref name="original"/> (of the batch): its amount, channel and number, and the
        // original's STAN, batch, invoice, RRN and date.
        private TxnEntry VoidRequest(int kind, TxnEntry original)
        {
            TxnEntry request = _transaction.Request;
            request.Clear();
            request.Kind = kind;
            request.Channel = original.Channel;
            request.Mode = EntryMode.Reference;
            request.Amount = original.Amount;
            request.MaskedPan = original.MaskedPan;
            request.OriginalStan = original.Stan;
            request.OriginalBatch = original.Batch;
            request.OriginalInvoice = original.Invoice;
            request.OriginalRrn = original.Rrn;
            request.OriginalDateMmdd = original.DateMmdd;
            return request;
        }

        // A card transaction: a sale or a pre-auth, from the template and the card in the engine's buffers.
        private bool Authorize(int kind, TxnEntry template, IChipCompletion? chip, IPaymentObserver observer)
        {
            if (!Begin(observer))
            {
                _card.Wipe();
                return Refuse(observer, T(Texts.Busy));
            }

            TxnEntry request = _transaction.Request;
            request.CopyFrom(template);
            request.Kind = kind;
            _transaction.Chip = chip;
            return Run(_transaction);
        }

        /// <summary>Why <paramref name="sale"/> cannot be voided, or empty when it can.</summary>
        public string VoidProblem(TxnEntry? sale) => _transaction.VoidProblem(sale);

        /// <summary>Voids a sale of the open batch (checked with <see cref="VoidProblem"/>).</summary>
        public bool Void(TxnEntry sale, IPaymentObserver observer)
        {
            string problem = VoidProblem(sale);
            if (problem.Length > 0)
            {
                return Refuse(observer, problem);
            }

            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            VoidRequest(TxnKind.Void, sale);
            return Run(_transaction);
        }

        /// <summary>Why a refund of <paramref name="amount"/> against <paramref name="rrn"/> cannot go, or empty.</summary>
        public string RefundProblem(string rrn, int dateMmdd, long amount) => _transaction.RefundProblem(rrn, dateMmdd, amount);

        /// <summary>Refunds an earlier sale by its reference number and date (the host checks sales of earlier batches).</summary>
        public bool Refund(string rrn, int dateMmdd, long amount, IPaymentObserver observer)
        {
            string problem = RefundProblem(rrn, dateMmdd, amount);
            if (problem.Length > 0)
            {
                return Refuse(observer, problem);
            }

            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            TxnEntry? sale = _store.FindSaleByRrn(rrn);
            TxnEntry request = _transaction.Request;
            request.Clear();
            request.Kind = TxnKind.Refund;
            request.Channel = sale != null ? sale.Channel : TxnChannel.Card;
            request.Mode = EntryMode.Reference;
            request.Amount = amount;
            request.MaskedPan = sale != null ? sale.MaskedPan : string.Empty;
            request.OriginalRrn = rrn;
            request.OriginalDateMmdd = dateMmdd;
            request.OriginalInvoice = sale != null ? sale.Invoice : 0;
            return Run(_transaction);
        }

        /// <summary>The merchant-presented QR order flow (its timers, wait and poll interval are set by the composition root).</summary>
        public QrOrderFlow QrOrders => _qrOrder;

        /// <summary>
        /// A merchant-presented QR order: <paramref name="template"/> gives the amount and the wallet
        /// (<see cref="TxnEntry.Channel"/>); <paramref name="display"/> shows the code and the countdown. Ends approved
        /// when paid, declined when closed unpaid. False when refused at once (the observer was told).
        /// </summary>
        public bool QrOrder(TxnEntry template, IQrOrderDisplay? display, IPaymentObserver observer)
        {
            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            TxnEntry request = _qrOrder.Request;
            request.CopyFrom(template);
            _qrOrder.Display = display;
            return Run(_qrOrder);
        }

        /// <summary>The cashier cancels the QR order on the screen: it is closed. False when none waits.</summary>
        public bool CancelQrOrder() => _qrOrder.Cancel();

        /// <summary>Settles the open batch (resuming a settlement in progress).</summary>
        public bool Settle(IPaymentObserver observer)
        {
            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            return Run(_settlement);
        }

        /// <summary>Sends what is owed (reversals, refund resends) and resumes a settlement in progress: boot recovery.</summary>
        public bool Resolve(IPaymentObserver observer)
        {
            if (!Begin(observer))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            return Run(null);
        }

        /// <summary>A flow's progress, passed on to the job's observer.</summary>
        public void OnProgress(string text) => _observer?.OnProgress(text);

        /// <summary>
        /// A flow ended. When it was the owed work before the job and nothing is owed any more, the job's own flow
        /// starts; otherwise the job ends with the flow's outcome.
        /// </summary>
        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            if (_clearingOwed)
            {
                if (_resolvingOrder)
                {
                    // An open QR order booked or closed is resolved; one still open stops the job.
                    _resolvingOrder = false;
                    result = result == PaymentResult.Approved || result == PaymentResult.Declined ? PaymentResult.Resolved : result;
                }

                TxnEntry? open = result == PaymentResult.Resolved ? _store.OpenQrOrder() : null;
                if (open != null)
                {
                    _resolvingOrder = true;
                    _qrOrder.Display = null;
                    _qrOrder.Resolve(open, this);
                    return;
                }

                _clearingOwed = false;
                if (result == PaymentResult.Resolved)
                {
                    StartJob(message);
                    return;
                }
            }

            Finish(result, message, entry);
        }

        // Every job but sign-in: the owed work first, then the job's flow (null: boot recovery).
        private bool Run(IPaymentFlow? job)
        {
            if (!_store.Provisioned)
            {
                return Finish(PaymentResult.NotSent, T(Texts.NotProvisioned), null);
            }

            if (!_session.HasMak)
            {
                return Finish(PaymentResult.NotSent, T(Texts.NotSignedInSignIn), null);
            }

            _job = job;
            _clearingOwed = true;
            _reversal.Start(this);
            return true;
        }

        // Nothing is owed: a settlement in progress goes on (and only a settlement may run meanwhile), else the job.
        private void StartJob(string nothingOwed)
        {
            bool settling = _store.SettlementStage != SettleStage.None;
            IPaymentFlow? job = _job == null && settling ? _settlement : _job;
            if (job == null)
            {
                Finish(PaymentResult.Resolved, nothingOwed, null);
                return;
            }

            if (settling && job != _settlement)
            {
                Finish(PaymentResult.NotSent, T(Texts.SettlementInProgress), null);
                return;
            }

            job.Start(this);
        }

        private bool Begin(IPaymentObserver observer)
        {
            if (_observer != null || _session.Busy)
            {
                return false;
            }

            _observer = observer;
            _job = null;
            _clearingOwed = false;
            _resolvingOrder = false;
            return true;
        }

        private static bool Refuse(IPaymentObserver observer, string message)
        {
            observer.OnPaymentDone(PaymentResult.NotSent, message, null);
            return false;
        }

        private bool Finish(int result, string message, TxnEntry? entry)
        {
            IPaymentObserver? observer = _observer;
            _observer = null;
            _job = null;
            _clearingOwed = false;
            _resolvingOrder = false;
            _transaction.Chip = null;
            _card.Wipe();
            observer?.OnPaymentDone(result, message, entry);
            return true;
        }

        // The text <paramref name="id"/> in the terminal's language.
        private string T(int id) => Texts.Get(_store.Language, id);
    }
}
