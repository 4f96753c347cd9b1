using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Flows
{
    /// <summary>How a payment job ended.</summary>
    public static class PaymentResult
    {
        /// <summary>The host approved it.</summary>
        public const int Approved = 1;
        /// <summary>The host declined it (the message says why).</summary>
        public const int Declined = 2;
        /// <summary>No valid answer, and the reversal went through: nothing was charged.</summary>
        public const int Reversed = 3;
        /// <summary>No valid answer and the reversal (or refund resend) is still owed: it goes before the next transaction.</summary>
        public const int Unresolved = 4;
        /// <summary>Not sent: a precondition failed (journal full, link busy, reversal pending, settlement in progress...).</summary>
        public const int NotSent = 5;
        /// <summary>Settlement done (balanced, or balanced after batch upload).</summary>
        public const int Settled = 6;
        /// <summary>Signed in.</summary>
        public const int SignedIn = 7;
        /// <summary>Pending work (reversals, resends, a settlement) resolved; nothing else asked.</summary>
        public const int Resolved = 8;
    }

    /// <summary>Told how the payment engine is getting on, on the loop thread.</summary>
    public interface IPaymentObserver
    {
        /// <summary>A step started ("Sending reversal 1/3"): for the screen.</summary>
        void OnProgress(string text);

        /// <summary>The job ended: <see cref="PaymentResult"/>, words for the screen, and the transaction (null for none).</summary>
        void OnPaymentDone(int result, string message, TxnEntry? entry);
    }

    /// <summary>
    /// The payment flows as one state machine over the host session: sale (swipe, tap, QR), void, refund,
    /// automatic reversal, refund resend, settlement with batch upload, and sign-in. Before anything new it
    /// sends every reversal owed and resends every unanswered refund. Each request is journaled (through
    /// <see cref="PaymentStore"/>) before its first byte is sent; the card data is wiped once the request is
    /// packed. It never blocks: each wait is the host session's timeout.
    /// </summary>
    public sealed class PaymentEngine : IHostExchangeHandler, ISignInObserver, ICatalogObserver
    {
        /// <summary>Reversal (or upload) attempts per job before giving up until the next one.</summary>
        public const int MaxAttempts = 3;

        private const int JobNone = 0;
        private const int JobSale = 1;
        private const int JobVoid = 2;
        private const int JobRefund = 3;
        private const int JobSettle = 4;
        private const int JobResolve = 5;
        private const int JobSignIn = 6;

        private const int StepNone = 0;
        private const int StepTxn = 1;
        private const int StepReversal = 2;
        private const int StepResend = 3;
        private const int StepSettle = 4;
        private const int StepUpload = 5;
        private const int StepUploadEnd = 6;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly IKeyStore _keys;
        private readonly ICrypto _crypto;
        private readonly IClock _clock;
        private readonly TxnEntry _template = new TxnEntry();
        private readonly CardData _card = new CardData();
        private readonly BatchTotals _totals = new BatchTotals();
        private readonly byte[] _key = new byte[24];
        private SignInFlow? _signIn;
        private CatalogFlow? _catalogFlow;
        private string _signInMessage = string.Empty;
        private bool _downloadsCatalog;
        private IPaymentObserver? _observer;
        private TxnEntry? _current;
        private TxnEntry? _resolving;
        private int _job;
        private int _step;
        private int _attempts;
        private int _uploadIndex;
        private int _timeoutMs = 30000;
        private int _reversalTimeoutMs = 15000;
        private string _reversalReason = "98";

        /// <summary>Creates the engine; loads the MAC key from the key store when there is one.</summary>
        public PaymentEngine(HostSession session, PaymentStore store, IKeyStore keys, ICrypto crypto, IClock clock)
        {
            _session = session;
            _store = store;
            _keys = keys;
            _crypto = crypto;
            _clock = clock;
            LoadMak();
        }

        /// <summary>How long to wait for a transaction's answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>How long to wait for a reversal's or an upload's answer.</summary>
        public int ReversalTimeoutMs
        {
            get => _reversalTimeoutMs;
            set => _reversalTimeoutMs = value;
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
        public bool Busy => _job != JobNone;

        /// <summary>The session the engine talks to the host through.</summary>
        public HostSession Session => _session;

        /// <summary>The store the engine journals to.</summary>
        public PaymentStore Store => _store;

        /// <summary>The card data buffers the next sale sends (fill, then call <see cref="Sale"/>); wiped after packing.</summary>
        public CardData Card => _card;

        /// <summary>Whether a MAC key is loaded (signed in).</summary>
        public bool SignedIn => _session.HasMak;

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

        /// <summary>Signs in: new PIN and MAC keys, host clock and batch.</summary>
        public bool SignIn(IPaymentObserver observer)
        {
            TerminalIdentity? identity = _store.Identity;
            if (!Begin(observer, JobSignIn) || identity == null)
            {
                return Refuse(observer, T(identity == null ? Texts.NotProvisioned : Texts.Busy));
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

            if (_downloadsCatalog)
            {
                // Signed in whatever becomes of the catalog: its outcome only adds to the message.
                _signInMessage = message;
                if (_catalogFlow == null)
                {
                    _catalogFlow = new CatalogFlow(_session, _store);
                }

                _catalogFlow.TimeoutMs = _timeoutMs;
                _observer?.OnProgress("Loading item catalog...");
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
        public bool Sale(TxnEntry template, IPaymentObserver observer)
        {
            if (!Begin(observer, JobSale))
            {
                _card.Wipe();
                return Refuse(observer, T(Texts.Busy));
            }

            _template.CopyFrom(template);
            _template.Kind = TxnKind.Sale;
            Continue();
            return true;
        }

        /// <summary>Why <paramref name="sale"/> cannot be voided, or empty when it can.</summary>
        public string VoidProblem(TxnEntry? sale)
        {
            if (sale == null)
            {
                return T(Texts.NoSuchTransaction);
            }

            if (sale.Kind != TxnKind.Sale)
            {
                return T(Texts.OnlySaleVoided);
            }

            if (sale.Voided)
            {
                return T(Texts.AlreadyVoided);
            }

            if (sale.State != TxnState.Approved)
            {
                return F(Texts.SaleNotApproved, TxnState.Text(sale.State, _store.Language));
            }

            if (sale.Refunded > 0)
            {
                return T(Texts.SalePartlyRefunded);
            }

            return string.Empty;
        }

        /// <summary>Voids a sale of the open batch (checked with <see cref="VoidProblem"/>).</summary>
        public bool Void(TxnEntry sale, IPaymentObserver observer)
        {
            string problem = VoidProblem(sale);
            if (problem.Length > 0)
            {
                return Refuse(observer, problem);
            }

            if (!Begin(observer, JobVoid))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            _template.Clear();
            _template.Kind = TxnKind.Void;
            _template.Channel = sale.Channel;
            _template.Mode = EntryMode.Reference;
            _template.Amount = sale.Amount;
            _template.MaskedPan = sale.MaskedPan;
            _template.OriginalStan = sale.Stan;
            _template.OriginalBatch = sale.Batch;
            _template.OriginalInvoice = sale.Invoice;
            _template.OriginalRrn = sale.Rrn;
            _template.OriginalDateMmdd = sale.DateMmdd;
            Continue();
            return true;
        }

        /// <summary>Why a refund of <paramref name="amount"/> against <paramref name="rrn"/> cannot go, or empty.</summary>
        public string RefundProblem(string rrn, int dateMmdd, long amount)
        {
            if (rrn.Length != 12)
            {
                return T(Texts.RrnDigits);
            }

            int month = dateMmdd / 100;
            int day = dateMmdd % 100;
            if (month < 1 || month > 12 || day < 1 || day > 31)
            {
                return T(Texts.DateIsMmdd);
            }

            if (amount <= 0)
            {
                return T(Texts.EnterAmount);
            }

            TxnEntry? sale = _store.FindSaleByRrn(rrn);
            if (sale != null)
            {
                if (sale.State != TxnState.Approved || sale.Voided)
                {
                    return F(Texts.OriginalSaleIs, sale.Voided ? T(Texts.StateVoided) : TxnState.Text(sale.State, _store.Language));
                }

                if (amount > sale.Amount - sale.Refunded)
                {
                    return F(Texts.AboveOriginal, Money.FormatCny(sale.Amount - sale.Refunded));
                }
            }

            return string.Empty;
        }

        /// <summary>Refunds an earlier sale by its reference number and date (the host checks sales of earlier batches).</summary>
        public bool Refund(string rrn, int dateMmdd, long amount, IPaymentObserver observer)
        {
            string problem = RefundProblem(rrn, dateMmdd, amount);
            if (problem.Length > 0)
            {
                return Refuse(observer, problem);
            }

            if (!Begin(observer, JobRefund))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            TxnEntry? sale = _store.FindSaleByRrn(rrn);
            _template.Clear();
            _template.Kind = TxnKind.Refund;
            _template.Channel = sale != null ? sale.Channel : TxnChannel.Card;
            _template.Mode = EntryMode.Reference;
            _template.Amount = amount;
            _template.MaskedPan = sale != null ? sale.MaskedPan : string.Empty;
            _template.OriginalRrn = rrn;
            _template.OriginalDateMmdd = dateMmdd;
            _template.OriginalInvoice = sale != null ? sale.Invoice : 0;
            Continue();
            return true;
        }

        /// <summary>Settles the open batch (resuming a settlement in progress).</summary>
        public bool Settle(IPaymentObserver observer)
        {
            if (!Begin(observer, JobSettle))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            Continue();
            return true;
        }

        /// <summary>Sends what is owed (reversals, refund resends) and resumes a settlement in progress: boot recovery.</summary>
        public bool Resolve(IPaymentObserver observer)
        {
            if (!Begin(observer, JobResolve))
            {
                return Refuse(observer, T(Texts.Busy));
            }

            Continue();
            return true;
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            Iso8583Message response = _session.Response;
            bool answered = outcome == ExchangeOutcome.Response;
            string rc = answered ? (response.GetString(Field.ResponseCode) ?? string.Empty) : string.Empty;
            switch (_step)
            {
                case StepTxn:
                    OnTxnAnswer(outcome, reason, response, rc);
                    break;
                case StepResend:
                    OnResendAnswer(outcome, reason, response, rc);
                    break;
                case StepReversal:
                    OnReversalAnswer(answered, reason, rc);
                    break;
                case StepSettle:
                    OnSettleAnswer(answered, reason, response, rc);
                    break;
                case StepUpload:
                    OnUploadAnswer(answered, reason, rc);
                    break;
                case StepUploadEnd:
                    OnUploadEndAnswer(answered, reason, rc);
                    break;
                default:
                    break;
            }
        }

        // Decides the next step of the job: owed work first, then the job itself.
        private void Continue()
        {
            if (!_store.Provisioned)
            {
                Finish(PaymentResult.NotSent, T(Texts.NotProvisioned), null);
                return;
            }

            if (!_session.HasMak)
            {
                Finish(PaymentResult.NotSent, T(Texts.NotSignedInSignIn), null);
                return;
            }

            TxnEntry? owed = _store.NextUnresolved();
            if (owed != null)
            {
                if (owed != _resolving)
                {
                    _resolving = owed;
                    _attempts = 0;
                }

                if (_attempts >= MaxAttempts)
                {
                    FinishOwed(T(owed.Reversible ? Texts.ReversalNotAnswered : Texts.ResendNotAnswered));
                    return;
                }

                _attempts++;
                if (owed.Reversible)
                {
                    SendReversal(owed);
                }
                else
                {
                    SendRequest(owed, StepResend);
                }

                return;
            }

            _resolving = null;
            if (_store.SettlementStage != SettleStage.None && _job != JobSettle && _job != JobResolve)
            {
                Finish(PaymentResult.NotSent, T(Texts.SettlementInProgress), null);
                return;
            }

            switch (_job)
            {
                case JobSale:
                case JobVoid:
                case JobRefund:
                    StartTxn();
                    break;
                case JobSettle:
                    SettleStep();
                    break;
                case JobResolve:
                    if (_store.SettlementStage != SettleStage.None)
                    {
                        SettleStep();
                    }
                    else
                    {
                        Finish(PaymentResult.Resolved, T(Texts.NothingOwed), null);
                    }

                    break;
                default:
                    Finish(PaymentResult.NotSent, T(Texts.NothingToDo), null);
                    break;
            }
        }

        private void FinishOwed(string message)
        {
            _card.Wipe();
            Finish(PaymentResult.Unresolved, message, _resolving);
        }

        private void StartTxn()
        {
            // Owed work just sent may have changed the sale (a resent refund approved): check it again.
            string problem = _template.Kind == TxnKind.Void ? VoidProblem(_store.FindStan(_template.OriginalBatch, _template.OriginalStan))
                : _template.Kind == TxnKind.Refund ? RefundProblem(_template.OriginalRrn, _template.OriginalDateMmdd, _template.Amount)
                : string.Empty;
            if (problem.Length > 0)
            {
                Finish(PaymentResult.NotSent, problem, null);
                return;
            }

            _template.DateMmdd = (_clock.WallTime.Month * 100) + _clock.WallTime.Day;
            _template.TimeHhmmss = (_clock.WallTime.Hour * 10000) + (_clock.WallTime.Minute * 100) + _clock.WallTime.Second;
            TxnEntry? e = _store.Begin(_template);
            if (e == null)
            {
                _card.Wipe();
                Finish(PaymentResult.NotSent, _store.Problem.Length > 0 ? _store.Problem : T(Texts.CannotRecord), null);
                return;
            }

            _current = e;
            _observer?.OnProgress(F(Texts.ProcessingInvoice, e.Invoice.ToString()));
            SendRequest(e, StepTxn);
        }

        // Builds and sends a financial request (first send or resend with the same STAN).
        private void SendRequest(TxnEntry e, int step)
        {
            Iso8583Message m = FinancialRequest(e.Mti, e);
            if (step == StepTxn)
            {
                AddCardData(m, e);
            }

            if (e.Kind != TxnKind.Sale)
            {
                m.Set(Field.Rrn, e.OriginalRrn);
            }

            if (e.Kind == TxnKind.Void)
            {
                m.BeginField(Field.OriginalData);
                m.AppendDigits(e.OriginalBatch, 6);
                m.AppendDigits(e.OriginalStan, 6);
                m.EndField();
            }
            else if (e.Kind == TxnKind.Refund)
            {
                m.BeginField(Field.OriginalData);
                m.AppendDigits(0, 12);
                m.AppendDigits(e.OriginalDateMmdd, 4);
                m.EndField();
            }

            _step = step;
            if (step == StepResend)
            {
                _observer?.OnProgress(F(Texts.ResendingRefund, e.Invoice.ToString(), _attempts.ToString() + "/" + MaxAttempts.ToString()));
            }

            bool sent = _session.Send(this, step == StepTxn ? _timeoutMs : _reversalTimeoutMs, true);
            _card.Wipe();
            if (!sent)
            {
                // Nothing left the terminal; a journaled sale is reversed anyway (the host ignores an unknown one).
                _store.NeedsReversal(e);
                _step = StepNone;
                Finish(PaymentResult.Unresolved, T(Texts.CannotSend), e);
            }
        }

        private void AddCardData(Iso8583Message m, TxnEntry e)
        {
            if (_card.Track2Length > 0)
            {
                m.Set(Field.Track2, _card.Track2, 0, _card.Track2Length);
            }

            if (_card.PanLength > 0)
            {
                m.Set(Field.Pan, _card.Pan, 0, _card.PanLength);
            }

            if (e.ExpiryYymm > 0)
            {
                m.SetNumber(Field.Expiry, e.ExpiryYymm, 4);
            }

            if (_card.IccLength > 0)
            {
                m.Set(Field.IccData, _card.Icc, 0, _card.IccLength);
            }

            if (_card.PinBlockLength == 8)
            {
                AddPinBlock(m);
            }

            if (_card.CodeLength > 0)
            {
                // F59: usage tag A3, three-digit length, the code (FACTS.md, UnionPay QR sale).
                m.BeginField(Field.UsageData);
                m.AppendText("A3");
                m.AppendDigits(_card.CodeLength, 3);
                AppendCode(m);
                m.EndField();
            }
        }

        /// <summary>F53 (security control) for a format 0 PIN block under the double-length PIK: format 2 (ISO 9564-0 with PAN), TDES 6.</summary>
        public const string PinControlPik = "2600000000000000";

        /// <summary>F53 for a DUKPT PIN block: as <see cref="PinControlPik"/>, third digit 1 = DUKPT, the KSN in F62.</summary>
        public const string PinControlDukpt = "2610000000000000";

        // F52 the encrypted PIN block, F53 how it was encrypted, F62 the DUKPT KSN (the host needs it to derive the key).
        private void AddPinBlock(Iso8583Message m)
        {
            m.Set(Field.PinBlock, _card.PinBlock, 0, 8);
            m.Set(Field.SecurityControl, _card.KsnLength > 0 ? PinControlDukpt : PinControlPik);
            if (_card.KsnLength > 0)
            {
                m.Set(Field.PrivateData, _card.Ksn, 0, _card.KsnLength);
            }
        }

        private void AppendCode(Iso8583Message m)
        {
            // Digits only (classified before): append as numbers in chunks of up to 18 digits.
            int at = 0;
            while (at < _card.CodeLength)
            {
                int n = _card.CodeLength - at > 18 ? 18 : _card.CodeLength - at;
                long v = 0;
                for (int i = 0; i < n; i++)
                {
                    v = (v * 10) + (_card.Code[at + i] - '0');
                }

                m.AppendDigits(v, n);
                at += n;
            }
        }

        private void OnTxnAnswer(ExchangeOutcome outcome, string reason, Iso8583Message response, string rc)
        {
            TxnEntry e = _current!;
            _step = StepNone;
            bool usable = outcome == ExchangeOutcome.Response && rc.Length == 2 && (rc != "00" || Has12(response, Field.Rrn));
            if (!usable)
            {
                string why = outcome == ExchangeOutcome.Response ? T(Texts.HostAnswerIncomplete) : reason;
                _reversalReason = outcome == ExchangeOutcome.BadMac ? "A0" : outcome == ExchangeOutcome.Timeout ? "98" : "96";
                if (!e.Reversible)
                {
                    Finish(PaymentResult.Unresolved, F(Texts.RefundWillBeResent, why), e);
                    return;
                }

                _store.NeedsReversal(e);
                _observer?.OnProgress(F(Texts.Reversing, why));
                _attempts = 0;
                _resolving = e;
                _job = JobResolve;
                _resultAfterResolve = why;
                Continue();
                return;
            }

            bool approved = rc == "00";
            if (!_store.RecordOutcome(e, approved, rc, response.GetString(Field.Rrn) ?? string.Empty, response.GetString(Field.AuthCode) ?? string.Empty, Mmdd(response), Hhmmss(response)))
            {
                // Approved by the host but not recorded: it must not stand.
                _store.NeedsReversal(e);
                Finish(PaymentResult.Unresolved, F(Texts.WillBeReversed, _store.Problem), e);
                return;
            }

            Finish(approved ? PaymentResult.Approved : PaymentResult.Declined, ResponseText.For(rc, _store.Language), e);
        }

        private string _resultAfterResolve = string.Empty;

        private void OnResendAnswer(ExchangeOutcome outcome, string reason, Iso8583Message response, string rc)
        {
            TxnEntry e = _resolving!;
            _step = StepNone;
            if (outcome != ExchangeOutcome.Response || rc.Length != 2)
            {
                _observer?.OnProgress(F(Texts.RefundResendReason, reason));
                Continue();
                return;
            }

            if (!_store.RecordOutcome(e, rc == "00", rc, response.GetString(Field.Rrn) ?? string.Empty, response.GetString(Field.AuthCode) ?? string.Empty, Mmdd(response), Hhmmss(response)))
            {
                Finish(PaymentResult.NotSent, _store.Problem, e);
                return;
            }

            _observer?.OnProgress(F(Texts.RefundAnswer, e.Invoice.ToString(), ResponseText.For(rc, _store.Language)));
            _attempts = 0;
            Continue();
        }

        private void SendReversal(TxnEntry e)
        {
            // As the original (same STAN, amount, codes, batch), minus any card data, plus the reason in F39.
            Iso8583Message m = FinancialRequest(400, e);
            m.Set(Field.ResponseCode, _reversalReason);
            if (e.Kind == TxnKind.Void)
            {
                m.Set(Field.Rrn, e.OriginalRrn);
            }

            _step = StepReversal;
            _observer?.OnProgress(F(Texts.SendingReversal, e.Invoice.ToString(), _attempts.ToString() + "/" + MaxAttempts.ToString()));
            if (!_session.Send(this, _reversalTimeoutMs, true))
            {
                _step = StepNone;
                FinishOwed(T(Texts.CannotSendReversal));
            }
        }

        private void OnReversalAnswer(bool answered, string reason, string rc)
        {
            TxnEntry e = _resolving!;
            _step = StepNone;
            // 00 reversed; 12 and 25 say there was nothing to reverse: either way it is settled.
            if (answered && (rc == "00" || rc == "12" || rc == "25"))
            {
                if (!_store.RecordReversed(e))
                {
                    FinishOwed(_store.Problem);
                    return;
                }

                _attempts = 0;
                _observer?.OnProgress(F(Texts.InvoiceReversed, e.Invoice.ToString()));
                if (_resultAfterResolve.Length > 0 && e == _current)
                {
                    string why = _resultAfterResolve;
                    _resultAfterResolve = string.Empty;
                    Finish(PaymentResult.Reversed, F(Texts.ReversedNothingCharged, why), e);
                    return;
                }
            }
            else
            {
                _observer?.OnProgress(F(Texts.ReversalAnswer, answered ? ResponseText.For(rc, _store.Language) : reason));
            }

            Continue();
        }

        // Settlement: 0500 with the totals; balanced closes the batch, unbalanced uploads it first.
        private void SettleStep()
        {
            switch (_store.SettlementStage)
            {
                case SettleStage.None:
                    if (!_store.ReserveStans())
                    {
                        Finish(PaymentResult.NotSent, _store.Problem, null);
                        return;
                    }

                    _store.Totals(_totals);
                    if (!_store.BeginSettlement(_store.Identity!.NextStan(), _totals))
                    {
                        Finish(PaymentResult.NotSent, _store.Problem, null);
                        return;
                    }

                    SendSettlement();
                    break;
                case SettleStage.Requested:
                    _store.Totals(_totals);
                    SendSettlement();
                    break;
                case SettleStage.Unbalanced:
                    int count = _store.SettlingCount();
                    int first = _store.TakeStans(count + 1);
                    if (first < 0 || !_store.BeginUpload(first, count))
                    {
                        Finish(PaymentResult.NotSent, _store.Problem, null);
                        return;
                    }

                    _attempts = 0;
                    SendUpload();
                    break;
                default:
                    SendUpload();
                    break;
            }
        }

        private void SendSettlement()
        {
            TerminalIdentity identity = _store.Identity!;
            Iso8583Message m = _session.NewNetworkRequest(500, identity, 201, _store.SettlementStan);
            m.Set(Field.AdditionalData, _totals.Field48());
            m.Set(Field.Currency, "156");
            m.Set(Field.OperatorData, Operator3(_store.Operator));
            _step = StepSettle;
            _observer?.OnProgress(F(Texts.SettlingBatchProgress, _store.Batch.ToString()));
            if (!_session.Send(this, _timeoutMs, true))
            {
                _step = StepNone;
                Finish(PaymentResult.NotSent, T(Texts.CannotSendSettlement), null);
            }
        }

        private void OnSettleAnswer(bool answered, string reason, Iso8583Message response, string rc)
        {
            _step = StepNone;
            if (!answered || rc != "00")
            {
                Finish(PaymentResult.NotSent, F(Texts.SettlementNotDone, answered ? ResponseText.For(rc, _store.Language) : reason), null);
                return;
            }

            string? f48 = response.GetString(Field.AdditionalData);
            bool balanced = f48 != null && f48.Length >= 31 && f48[30] == '1';
            if (f48 == null || f48.Length < 31 || (f48[30] != '1' && f48[30] != '2'))
            {
                Finish(PaymentResult.NotSent, T(Texts.SettlementNoResult), null);
                return;
            }

            if (balanced)
            {
                Complete(true, 0);
                return;
            }

            if (!_store.RecordSettleAnswer(false))
            {
                Finish(PaymentResult.NotSent, _store.Problem, null);
                return;
            }

            _observer?.OnProgress(T(Texts.HostTotalsDiffer));
            SettleStep();
        }

        private void SendUpload()
        {
            _uploadIndex = _store.UploadAcked;
            TerminalIdentity identity = _store.Identity!;
            if (_uploadIndex >= _store.UploadCount)
            {
                Iso8583Message end = _session.NewNetworkRequest(320, identity, 202, _store.UploadBaseStan + _store.UploadCount);
                end.BeginField(Field.AdditionalData);
                end.AppendDigits(_store.UploadCount, 4);
                end.EndField();
                _step = StepUploadEnd;
                _observer?.OnProgress(F(Texts.EndingUpload, _store.UploadCount.ToString()));
            }
            else
            {
                TxnEntry? e = _store.SettlingAt(_uploadIndex);
                if (e == null)
                {
                    Finish(PaymentResult.NotSent, T(Texts.BatchChanged), null);
                    return;
                }

                Iso8583Message m = _session.NewNetworkRequest(320, identity, 201, _store.UploadBaseStan + _uploadIndex);
                m.Set(Field.ProcessingCode, e.ProcessingCode);
                m.SetNumber(Field.Amount, e.Amount);
                m.Set(Field.EntryMode, EntryMode.Field22(e.Mode));
                if (e.Rrn.Length == 12)
                {
                    m.Set(Field.Rrn, e.Rrn);
                }

                m.Set(Field.Currency, "156");
                m.BeginField(Field.OriginalData);
                m.AppendDigits(e.Batch, 6);
                m.AppendDigits(e.Stan, 6);
                m.EndField();
                _step = StepUpload;
                _observer?.OnProgress(F(Texts.Uploading, (_uploadIndex + 1).ToString() + "/" + _store.UploadCount.ToString()));
            }

            if (!_session.Send(this, _reversalTimeoutMs, true))
            {
                _step = StepNone;
                Finish(PaymentResult.NotSent, T(Texts.CannotSendUpload), null);
            }
        }

        private void OnUploadAnswer(bool answered, string reason, string rc)
        {
            _step = StepNone;
            if (answered && rc == "00")
            {
                if (!_store.RecordUploadAcked(_uploadIndex))
                {
                    Finish(PaymentResult.NotSent, _store.Problem, null);
                    return;
                }

                _attempts = 0;
                SendUpload();
                return;
            }

            if (++_attempts >= MaxAttempts)
            {
                Finish(PaymentResult.NotSent, F(Texts.UploadStopped, answered ? ResponseText.For(rc, _store.Language) : reason), null);
                return;
            }

            SendUpload();
        }

        private void OnUploadEndAnswer(bool answered, string reason, string rc)
        {
            _step = StepNone;
            if (!answered || rc != "00")
            {
                Finish(PaymentResult.NotSent, F(Texts.UploadNotClosed, answered ? ResponseText.For(rc, _store.Language) : reason), null);
                return;
            }

            Complete(false, _store.UploadCount);
        }

        private void Complete(bool balanced, int uploads)
        {
            _store.Totals(_totals);
            int batch = _store.Batch;
            if (!_store.CompleteSettlement(_totals, balanced, uploads))
            {
                Finish(PaymentResult.NotSent, _store.Problem, null);
                return;
            }

            Finish(PaymentResult.Settled, balanced ? F(Texts.SettledBalanced, batch.ToString()) : F(Texts.SettledAfterUpload, batch.ToString(), uploads.ToString()), null);
        }

        private bool Begin(IPaymentObserver observer, int job)
        {
            if (_job != JobNone || _session.Busy)
            {
                return false;
            }

            _observer = observer;
            _job = job;
            _attempts = 0;
            _resolving = null;
            _current = null;
            _resultAfterResolve = string.Empty;
            _reversalReason = "98";
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
            _job = JobNone;
            _step = StepNone;
            _current = null;
            _resolving = null;
            _resultAfterResolve = string.Empty;
            _card.Wipe();
            observer?.OnPaymentDone(result, message, entry);
            return true;
        }

        // The fields a sale, void or refund and its reversal share: F3, F4, F11, F22, F25, F41, F42, F49, F60, F63.
        private Iso8583Message FinancialRequest(int mti, TxnEntry e)
        {
            TerminalIdentity identity = _store.Identity!;
            Iso8583Message m = _session.NewRequest(mti);
            m.Set(Field.ProcessingCode, e.ProcessingCode);
            m.SetNumber(Field.Amount, e.Amount);
            m.SetNumber(Field.Stan, e.Stan);
            m.Set(Field.EntryMode, EntryMode.Field22(e.Mode));
            m.Set(Field.ConditionCode, "00");
            m.Set(Field.TerminalId, identity.TerminalId);
            m.Set(Field.MerchantId, identity.MerchantId);
            m.Set(Field.Currency, "156");
            HostSession.SetField60(m, e.MessageType, e.Batch, 0);
            m.Set(Field.OperatorData, Operator3(e.Operator));
            return m;
        }

        // The text <paramref name="id"/> in the terminal's language.
        private string T(int id) => Texts.Get(_store.Language, id);

        private string F(int id, string arg0) => Texts.Format(_store.Language, id, arg0);

        private string F(int id, string arg0, string arg1) => Texts.Format(_store.Language, id, arg0, arg1);

        private static string Operator3(int op) => (op < 10 ? "0" : string.Empty) + op.ToString() + " ";

        private static bool Has12(Iso8583Message m, int field) => m.GetLength(field) == 12;

        private static int Mmdd(Iso8583Message m)
        {
            long v = m.GetNumber(Field.LocalDate);
            return v > 0 && v <= 1231 ? (int)v : 0;
        }

        private static int Hhmmss(Iso8583Message m)
        {
            long v = m.GetNumber(Field.LocalTime);
            return v >= 0 && v <= 235959 ? (int)v : 0;
        }
    }
}
