using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// A sale (0200, swipe, tap, inserted chip or QR payment code), void (0200) or refund (0220): checks that a void or
    /// refund can still go, journals the request (through <see cref="PaymentStore.Begin"/>) before its first byte is
    /// sent, sends it with the card data of <see cref="Card"/> (wiped once packed) and records the host's answer.
    /// Without a usable answer (timeout, bad MAC, an approval without an RRN) a sale or void is reversed at once by
    /// <see cref="ReversalFlow"/>, which then ends the flow; a refund is left owed, to be resent before the next one.
    /// An inserted chip sale goes on after the answer is journaled: the card completes (<see cref="IChipCompletion"/>)
    /// and its result is journaled; a card that declines what the host approved is reversed (F39 06).
    /// </summary>
    public sealed class TransactionFlow : IPaymentFlow, IHostExchangeHandler
    {
        /// <summary>F53 (security control) for a format 0 PIN block under the double-length PIK: format 2 (ISO 9564-0 with PAN), TDES 6.</summary>
        public const string PinControlPik = SecurityControl.PinPik;

        /// <summary>F53 for a DUKPT PIN block: as <see cref="PinControlPik"/>, fourth digit 1 = DUKPT, the KSN in F62.</summary>
        public const string PinControlDukpt = SecurityControl.PinDukpt;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly IClock _clock;
        private readonly CardData _card;
        private readonly ReversalFlow _reversal;
        private readonly Security.TrackCipher _tracks;
        private readonly TxnEntry _request = new TxnEntry();
        private readonly ChipData _completion = new ChipData();
        private readonly byte[] _icc = new byte[255];
        private IChipCompletion? _chip;
        private IPaymentObserver? _observer;
        private TxnEntry? _sent;
        private int _timeoutMs = 30000;

        /// <summary>Creates the flow; <paramref name="reversal"/> reverses what goes unanswered, <paramref name="tracks"/> encrypts track data.</summary>
        public TransactionFlow(HostSession session, PaymentStore store, IClock clock, CardData card, ReversalFlow reversal, Security.TrackCipher tracks)
        {
            _tracks = tracks;
            _session = session;
            _store = store;
            _clock = clock;
            _card = card;
            _reversal = reversal;
        }

        /// <summary>
        /// What to send: kind, amount, channel, entry mode, masked number, expiry and, for a void or refund, the
        /// original. Fill it before <see cref="Start"/>; the journal assigns invoice, STAN and batch.
        /// </summary>
        public TxnEntry Request => _request;

        /// <summary>The card data the next sale sends; wiped once the request is packed, and whenever the flow ends without sending.</summary>
        public CardData Card => _card;

        /// <summary>
        /// The chip of the inserted card the next sale completes with (null for any other sale); set with the
        /// request, cleared when the flow ends. <see cref="Request"/>'s <see cref="TxnEntry.Chip"/> holds the first
        /// GENERATE AC's data and <see cref="Card"/>'s ICC buffer the request's field 55.
        /// </summary>
        public IChipCompletion? Chip
        {
            get => _chip;
            set => _chip = value;
        }

        /// <summary>How long to wait for the host's answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>Whether the flow waits for the host.</summary>
        public bool Running => _observer != null;

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
                return Texts.Format(_store.Language, Texts.SaleNotApproved, TxnState.Text(sale.State, _store.Language));
            }

            return sale.Refunded > 0 ? T(Texts.SalePartlyRefunded) : string.Empty;
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
                    return Texts.Format(_store.Language, Texts.OriginalSaleIs, sale.Voided ? T(Texts.StateVoided) : TxnState.Text(sale.State, _store.Language));
                }

                if (amount > sale.Amount - sale.Refunded)
                {
                    return Texts.Format(_store.Language, Texts.AboveOriginal, Money.FormatCny(sale.Amount - sale.Refunded));
                }
            }

            return string.Empty;
        }

        /// <summary>Journals and sends <see cref="Request"/>; the outcome reaches <paramref name="observer"/>.</summary>
        public void Start(IPaymentObserver observer)
        {
            _observer = observer;

            // Owed work sent just before may have changed the sale (a resent refund approved): check it again.
            TxnEntry r = _request;
            string problem = r.Kind == TxnKind.Void ? VoidProblem(_store.FindStan(r.OriginalBatch, r.OriginalStan))
                : r.Kind == TxnKind.Refund ? RefundProblem(r.OriginalRrn, r.OriginalDateMmdd, r.Amount)
                : TxnKind.IsPreAuthFamily(r.Kind) ? PreAuthRules.Problem(_store, r)
                : string.Empty;
            if (problem.Length > 0)
            {
                Done(PaymentResult.NotSent, problem, null);
                return;
            }

            System.DateTime now = _clock.WallTime;
            r.DateMmdd = (now.Month * 100) + now.Day;
            r.TimeHhmmss = (now.Hour * 10000) + (now.Minute * 100) + now.Second;
            TxnEntry? e = _store.Begin(r);
            if (e == null)
            {
                Done(PaymentResult.NotSent, _store.Problem.Length > 0 ? _store.Problem : T(Texts.CannotRecord), null);
                return;
            }

            if (e.Kind == TxnKind.CompletionAdvice)
            {
                // Offline: approved at the terminal with the pre-auth's auth code, journaled, and sent as owed work
                // (ReversalFlow) before the next job and the settlement. A cut before this outcome leaves it Pending:
                // sent all the same, and the host's answer decides.
                if (!_store.RecordOutcome(e, true, "00", string.Empty, e.OriginalAuthCode, e.DateMmdd, e.TimeHhmmss))
                {
                    Done(PaymentResult.Unresolved, _store.Problem, e);
                    return;
                }

                Done(PaymentResult.Approved, T(Texts.AdviceOffline), e);
                return;
            }

            _sent = e;
            observer.OnProgress(Texts.Format(_store.Language, Texts.ProcessingInvoice, e.Invoice.ToString()));
            Iso8583Message m = FinancialRequest.Start(_session, _store.Identity!, e.Mti, e);
            CardFields.Add(m, _card, _tracks, e.ExpiryYymm, e.Chip);
            FinancialRequest.AddOriginal(m, e);
            bool sent = _session.Send(this, _timeoutMs, true);
            _card.Wipe();
            if (!sent)
            {
                // Nothing left the terminal; a journaled sale is reversed anyway (the host ignores an unknown one).
                _store.NeedsReversal(e);
                Done(PaymentResult.Unresolved, T(Texts.CannotSend), e);
            }
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            TxnEntry e = _sent!;
            Iso8583Message response = _session.Response;
            bool answered = outcome == ExchangeOutcome.Response;
            string rc = answered ? (response.GetString(Field.ResponseCode) ?? string.Empty) : string.Empty;
            bool usable = answered && rc.Length == 2 && (rc != "00" || response.GetLength(Field.Rrn) == 12);
            if (!usable)
            {
                string why = answered ? T(Texts.HostAnswerIncomplete) : reason;
                FinishCardUnanswered(e);
                if (!e.Reversible)
                {
                    Done(PaymentResult.Unresolved, Texts.Format(_store.Language, Texts.RefundWillBeResent, why), e);
                    return;
                }

                _store.NeedsReversal(e);
                IPaymentObserver observer = _observer!;
                _observer = null;
                _sent = null;
                observer.OnProgress(Texts.Format(_store.Language, Texts.Reversing, why));
                string reversalReason = outcome == ExchangeOutcome.BadMac ? ReversalFlow.ReasonBadMac
                    : outcome == ExchangeOutcome.Timeout ? ReversalFlow.ReasonNoAnswer : ReversalFlow.ReasonBadAnswer;
                _reversal.Reverse(e, reversalReason, why, observer);
                return;
            }

            bool approved = rc == "00";
            if (approved && e.Kind == TxnKind.Sale && TxnChannel.IsQr(e.Channel))
            {
                // A scanned payment code: the wallet's own order number (F59 tag B5) goes on the slip (record 0x19).
                string walletOrder = QrOrderFlow.Tag(response.GetString(Field.UsageData) ?? string.Empty, QrOrderFlow.TagWalletOrder);
                if (walletOrder.Length > 0)
                {
                    _store.RecordWallet(e, e.Channel, walletOrder);
                }
            }

            if (!_store.RecordOutcome(e, approved, rc, response.GetString(Field.Rrn) ?? string.Empty, response.GetString(Field.AuthCode) ?? string.Empty, Mmdd(response), Hhmmss(response), response.GetString(Field.AdditionalResponse) ?? string.Empty))
            {
                // Approved by the host but not recorded: it must not stand.
                _store.NeedsReversal(e);
                FinishCardUnanswered(e);
                Done(PaymentResult.Unresolved, Texts.Format(_store.Language, Texts.WillBeReversed, _store.Problem), e);
                return;
            }

            if (_chip != null && e.Chip != null)
            {
                CompleteChip(e, approved, rc, response);
                return;
            }

            Done(approved ? PaymentResult.Approved : PaymentResult.Declined, ResponseText.For(rc, _store.Language), e);
        }

        // The card hears the host's answer and finishes; its result is journaled before anything else. After an
        // approval anything but a TC (an AAC, a card pulled or broken off) leaves the sale card-declined: reversed (06).
        private void CompleteChip(TxnEntry e, bool approved, string rc, Iso8583Message response)
        {
            IChipCompletion chip = _chip!;
            _chip = null;
            int n = response.GetBytes(Field.IccData, _icc, 0);
            _completion.CopyFrom(e.Chip!);
            int outcome = chip.Complete(approved ? HostAnswer.Approved : HostAnswer.Declined, rc, _icc, 0, n > 0 ? n : 0, _completion);
            Wipe.Bytes(_icc, 0, _icc.Length);
            if (outcome != ChipCompletion.Approved || _completion.FinalCid < 0)
            {
                // Whatever the card did not finish counts as its refusal (an AAC), as at boot.
                _completion.FinalCid = outcome == ChipCompletion.Approved ? CryptogramKind.Tc : CryptogramKind.Aac;
            }

            if (!_store.RecordChipResult(e, _completion))
            {
                if (approved)
                {
                    _store.NeedsReversal(e);
                    Done(PaymentResult.Unresolved, Texts.Format(_store.Language, Texts.WillBeReversed, _store.Problem), e);
                    return;
                }

                Done(PaymentResult.Declined, ResponseText.For(rc, _store.Language), e);
                return;
            }

            if (!approved || !e.CardDeclined)
            {
                Done(approved ? PaymentResult.Approved : PaymentResult.Declined, ResponseText.For(rc, _store.Language), e);
                return;
            }

            string why = T(outcome == ChipCompletion.CardRemoved ? Texts.CardRemovedBeforeEnd : Texts.CardDeclinedApproved);
            IPaymentObserver observer = _observer!;
            _observer = null;
            _sent = null;
            _card.Wipe();
            observer.OnProgress(Texts.Format(_store.Language, Texts.Reversing, why));
            _reversal.Reverse(e, ReversalFlow.ReasonCardDeclined, why, observer);
        }

        // No usable answer (or one the journal could not take): the card is told the host was unreachable and closes
        // with an AAC. Nothing of it is journaled: the request is reversed whatever the card says.
        private void FinishCardUnanswered(TxnEntry e)
        {
            IChipCompletion? chip = _chip;
            _chip = null;
            if (chip != null && e.Chip != null)
            {
                _completion.CopyFrom(e.Chip);
                chip.Complete(HostAnswer.Unreachable, string.Empty, _icc, 0, 0, _completion);
            }
        }

        /// <summary>F13 of an answer as MMDD, 0 when absent or not a date.</summary>
        internal static int Mmdd(Iso8583Message m)
        {
            long v = m.GetNumber(Field.LocalDate);
            return v > 0 && v <= 1231 ? (int)v : 0;
        }

        /// <summary>F12 of an answer as hhmmss, 0 when absent or not a time.</summary>
        internal static int Hhmmss(Iso8583Message m)
        {
            long v = m.GetNumber(Field.LocalTime);
            return v >= 0 && v <= 235959 ? (int)v : 0;
        }

        private string T(int id) => Texts.Get(_store.Language, id);

        private void Done(int result, string message, TxnEntry? entry)
        {
            IPaymentObserver? observer = _observer;
            _observer = null;
            _sent = null;
            _chip = null;
            _card.Wipe();
            observer?.OnPaymentDone(result, message, entry);
        }
    }
}
