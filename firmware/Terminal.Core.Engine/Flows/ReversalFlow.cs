using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// Reversal (冲正) and resend: clears what the journal owes the host before anything new is sent. Each sale or void
    /// journaled reversal-pending goes as an 0400 (the original's fields and STAN, no card data, the reason in F39) and
    /// each refund never answered is resent as it was (same STAN), in journal order, each again until answered, at most
    /// <see cref="MaxAttempts"/> times per run. A reversal answered 00, 12 or 25 is settled (12 and 25: nothing to
    /// reverse). <see cref="Start"/> is boot recovery and the first step of every payment job;
    /// <see cref="Reverse"/> is the automatic reversal of a sale or void whose answer was missing or bad. Once nothing
    /// is owed, the chip advices the journal holds go too (<see cref="ChipAdvice"/>: script-result notifications and TC
    /// uploads), each again until answered; an advice unanswered <see cref="MaxAttempts"/> times waits for the next run
    /// without holding up the job.
    /// </summary>
    public sealed class ReversalFlow : IPaymentFlow, IHostExchangeHandler
    {
        /// <summary>Sends of one owed request per run before giving up until the next one.</summary>
        public const int MaxAttempts = 3;

        /// <summary>F39 of a reversal whose original had no answer in time.</summary>
        public const string ReasonNoAnswer = "98";

        /// <summary>F39 of a reversal whose original's answer failed its MAC check.</summary>
        public const string ReasonBadMac = "A0";

        /// <summary>F39 of a reversal whose original's answer could not be used (undecodable, incomplete).</summary>
        public const string ReasonBadAnswer = "96";

        /// <summary>
        /// F39 of the reversal of a chip sale the card declined after the host approved it (AAC at the second GENERATE
        /// AC, or a card pulled before it): CUP's "06", a reversal for any other reason (docs/emv-contact.md).
        /// </summary>
        public const string ReasonCardDeclined = "06";

        /// <summary>
        /// F39 of the reversal of a chip sale found at boot approved but never completed by the card (power cut before
        /// the second GENERATE AC was journaled): CUP's "96", approved by the host but not completed for a fault of the
        /// terminal.
        /// </summary>
        public const string ReasonNotCompleted = "96";

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly ChipAdvice _advice;
        private IPaymentObserver? _observer;
        private TxnEntry? _resolving;
        private TxnEntry? _awaited;
        private string _why = string.Empty;
        private string _reason = ReasonNoAnswer;
        private int _attempts;
        private int _adviceKindSent;
        private bool _advicesHeld;
        private int _timeoutMs = 15000;

        /// <summary>Creates the flow over the session and the store whose journal says what is owed.</summary>
        public ReversalFlow(HostSession session, PaymentStore store)
        {
            _session = session;
            _store = store;
            _advice = new ChipAdvice(session, store);
        }

        /// <summary>How long to wait for each reversal's or resend's answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>Whether the flow waits for the host.</summary>
        public bool Running => _observer != null;

        /// <summary>
        /// Sends everything owed. Ends <see cref="PaymentResult.Resolved"/> when nothing is left, or
        /// <see cref="PaymentResult.Unresolved"/> with the entry that went unanswered <see cref="MaxAttempts"/> times.
        /// </summary>
        public void Start(IPaymentObserver observer)
        {
            Begin(observer, ReasonNoAnswer, null, string.Empty);
            Next();
        }

        /// <summary>
        /// Reverses <paramref name="entry"/> (journaled reversal-pending by the caller) with F39 <paramref name="reason"/>;
        /// ends <see cref="PaymentResult.Reversed"/> ("nothing charged", saying <paramref name="why"/>) once the host
        /// answers it, or <see cref="PaymentResult.Unresolved"/> when it stays owed.
        /// </summary>
        public void Reverse(TxnEntry entry, string reason, string why, IPaymentObserver observer)
        {
            Begin(observer, reason, entry, why);
            _resolving = entry;
            Next();
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            TxnEntry e = _resolving!;
            Iso8583Message response = _session.Response;
            bool answered = outcome == ExchangeOutcome.Response;
            string rc = answered ? (response.GetString(Field.ResponseCode) ?? string.Empty) : string.Empty;
            if (_advice.Kind != 0)
            {
                OnAdviceAnswer(e, answered && rc.Length == 2, reason, rc);
            }
            else if (e.Reversible)
            {
                OnReversalAnswer(e, answered, reason, rc);
            }
            else if (e.Kind == TxnKind.CompletionAdvice)
            {
                OnCompletionAdviceAnswer(e, answered && rc.Length == 2, reason, response, rc);
            }
            else
            {
                OnResendAnswer(e, answered && rc.Length == 2, reason, response, rc);
            }
        }

        private void Begin(IPaymentObserver observer, string reason, TxnEntry? awaited, string why)
        {
            _observer = observer;
            _reason = reason;
            _awaited = awaited;
            _why = why;
            _resolving = null;
            _attempts = 0;
            _advicesHeld = false;
            _advice.Kind = 0;
        }

        // The next owed request, oldest first; each one's attempts counted from its first send in this run.
        private void Next()
        {
            _advice.Kind = 0;
            TxnEntry? owed = _store.NextUnresolved();
            if (owed == null)
            {
                NextAdvice();
                return;
            }

            if (owed != _resolving)
            {
                _resolving = owed;
                _attempts = 0;
            }

            if (_attempts >= MaxAttempts && owed.Kind == TxnKind.CompletionAdvice)
            {
                AdviceRunUnanswered(owed);
                return;
            }

            if (_attempts >= MaxAttempts)
            {
                // A host whose TLS certificate is refused never gets the request: say so, not "not answered".
                string why = _session.LinkTexts != null && _session.LinkFailure >= LinkFailure.CertificateExpired ? _session.LinkTexts.Describe(_session.LinkFailure, string.Empty) : string.Empty;
                Done(PaymentResult.Unresolved, why.Length > 0 ? Texts.Format(_store.Language, Texts.RequestOwedBecause, why)
                    : T(owed.Reversible ? Texts.ReversalNotAnswered : Texts.ResendNotAnswered), owed);
                return;
            }

            _attempts++;
            string attempt = _attempts.ToString() + "/" + MaxAttempts.ToString();
            TerminalIdentity identity = _store.Identity!;
            Iso8583Message m;
            if (owed.Reversible)
            {
                // As the original (same STAN, amount, codes, batch), minus any card data, plus the reason in F39; a
                // chip sale's reversal also carries its card sequence number and the card's data (field 55).
                m = FinancialRequest.Start(_session, identity, 400, owed);
                m.Set(Field.ResponseCode, owed.CardDeclined ? CardReason(owed) : _reason);
                _advice.AddChipData(m, owed, ChipField55.Reversal);
                if (owed.Kind == TxnKind.Void)
                {
                    m.Set(Field.Rrn, owed.OriginalRrn);
                }
                else if (TxnKind.IsPreAuthFamily(owed.Kind))
                {
                    FinancialRequest.AddPreAuthOriginal(m, owed); // as the original: F38, F61 (and F37)
                }

                Progress(Texts.Format(_store.Language, Texts.SendingReversal, owed.Invoice.ToString(), attempt));
            }
            else
            {
                m = FinancialRequest.Start(_session, identity, owed.Mti, owed);
                FinancialRequest.AddOriginal(m, owed);
                Progress(Texts.Format(_store.Language, owed.Kind == TxnKind.CompletionAdvice ? Texts.SendingAdvice : Texts.ResendingRefund, owed.Invoice.ToString(), attempt));
            }

            if (!_session.Send(this, _timeoutMs, true))
            {
                if (owed.Reversible)
                {
                    Done(PaymentResult.Unresolved, T(Texts.CannotSendReversal), owed);
                    return;
                }

                _store.NeedsReversal(owed);
                Done(PaymentResult.Unresolved, T(Texts.CannotSend), owed);
            }
        }

        // A run of sends of a completion advice ended without a usable answer: counted on flash (0x1F). Before the last
        // run it stays owed and stops the job, as a reversal does; at the last one it is given up, stays in the books as
        // approved here (the host most likely has it: every send was the same request) for the merchant to follow up,
        // and the owed work goes on, so neither the queue nor a settlement waits for it for ever.
        private void AdviceRunUnanswered(TxnEntry owed)
        {
            if (!_store.RecordAdviceUnanswered(owed))
            {
                Done(PaymentResult.Unresolved, _store.Problem, owed);
                return;
            }

            string invoice = owed.Invoice.ToString();
            if (owed.AdviceMisses < PaymentStore.AdviceRuns)
            {
                Done(PaymentResult.Unresolved, Texts.Format(_store.Language, Texts.AdviceNotAnswered, invoice, owed.AdviceMisses.ToString() + "/" + PaymentStore.AdviceRuns.ToString()), owed);
                return;
            }

            Progress(Texts.Format(_store.Language, Texts.AdviceGivenUp, invoice));
            _attempts = 0;
            Next();
        }

        // A card-declined chip sale: 06 when the card answered its refusal, 96 when it never completed (cut at boot).
        private static string CardReason(TxnEntry e) =>
            e.Chip != null && e.Chip.Completed ? ReasonCardDeclined : ReasonNotCompleted;

        // Nothing is owed: the next chip advice, unless one already went unanswered in this run.
        private void NextAdvice()
        {
            TxnEntry? entry = null;
            int kind = _advicesHeld ? 0 : _store.NextChipAdvice(out entry);
            if (kind == 0 || entry == null)
            {
                Done(PaymentResult.Resolved, T(_advicesHeld ? Texts.AdvicesLater : Texts.NothingOwed), null);
                return;
            }

            if (entry != _resolving || kind != _adviceKindSent)
            {
                _resolving = entry;
                _adviceKindSent = kind;
                _attempts = 0;
            }

            if (_attempts >= MaxAttempts)
            {
                _advicesHeld = true;
                NextAdvice();
                return;
            }

            _attempts++;
            Progress(Texts.Format(_store.Language, kind == ChipAdvice.TcUpload ? Texts.SendingTcUpload : Texts.SendingScriptResult, entry.Invoice.ToString(), _attempts.ToString() + "/" + MaxAttempts.ToString()));
            if (!_advice.Send(this, entry, kind, _timeoutMs))
            {
                _advicesHeld = true;
                Done(PaymentResult.Resolved, _store.Problem.Length > 0 ? _store.Problem : T(Texts.AdvicesLater), null);
            }
        }

        private void OnAdviceAnswer(TxnEntry e, bool answered, string reason, string rc)
        {
            // Any answer means the host has it (an advice is not declined back); journaled before the next one goes.
            int kind = _advice.Kind;
            _advice.Kind = 0;
            if (answered)
            {
                if (!_store.RecordChipAdviceSent(e, kind))
                {
                    _advicesHeld = true;
                    Done(PaymentResult.Resolved, _store.Problem, null);
                    return;
                }

                _attempts = 0;
                _adviceKindSent = 0;
            }
            else
            {
                Progress(Texts.Format(_store.Language, Texts.ReversalAnswer, reason));
            }

            NextAdvice();
        }

        private void OnReversalAnswer(TxnEntry e, bool answered, string reason, string rc)
        {
            // 00 reversed; 12 and 25 say there was nothing to reverse: either way it is settled.
            if (answered && (rc == "00" || rc == "12" || rc == "25"))
            {
                if (!_store.RecordReversed(e))
                {
                    Done(PaymentResult.Unresolved, _store.Problem, e);
                    return;
                }

                _attempts = 0;
                Progress(Texts.Format(_store.Language, Texts.InvoiceReversed, e.Invoice.ToString()));
                if (e == _awaited)
                {
                    Done(PaymentResult.Reversed, Texts.Format(_store.Language, Texts.ReversedNothingCharged, _why), e);
                    return;
                }
            }
            else
            {
                Progress(Texts.Format(_store.Language, Texts.ReversalAnswer, answered ? ResponseText.For(rc, _store.Language) : reason));
            }

            Next();
        }

        private void OnResendAnswer(TxnEntry e, bool answered, string reason, Iso8583Message response, string rc)
        {
            if (!answered)
            {
                Progress(Texts.Format(_store.Language, Texts.RefundResendReason, reason));
                Next();
                return;
            }

            if (!_store.RecordOutcome(e, rc == "00", rc, response.GetString(Field.Rrn) ?? string.Empty, response.GetString(Field.AuthCode) ?? string.Empty, TransactionFlow.Mmdd(response), TransactionFlow.Hhmmss(response), response.GetString(Field.AdditionalResponse) ?? string.Empty))
            {
                Done(PaymentResult.NotSent, _store.Problem, e);
                return;
            }

            Progress(Texts.Format(_store.Language, Texts.RefundAnswer, e.Invoice.ToString(), ResponseText.For(rc, _store.Language)));
            _attempts = 0;
            Next();
        }

        // A completion advice is not declined back as a request is: any answer is journaled (0x16); 00 and 94 (a duplicate:
        // the host booked it already) leave it approved, another code takes it out of the books, as the host does not hold
        // it, and the detail report says ADVICE REFUSED with the code for the merchant to follow up.
        private void OnCompletionAdviceAnswer(TxnEntry e, bool answered, string reason, Iso8583Message response, string rc)
        {
            if (!answered)
            {
                Progress(Texts.Format(_store.Language, Texts.AdviceAnswer, e.Invoice.ToString(), reason));
                Next();
                return;
            }

            if (!_store.RecordAdviceAnswer(e, rc, response.GetString(Field.Rrn) ?? string.Empty))
            {
                Done(PaymentResult.NotSent, _store.Problem, e);
                return;
            }

            Progress(Texts.Format(_store.Language, Texts.AdviceAnswer, e.Invoice.ToString(), e.State == TxnState.Declined ? Texts.Format(_store.Language, Texts.AdviceRefused, rc) : ResponseText.For(rc, _store.Language)));
            _attempts = 0;
            Next();
        }

        private string T(int id) => Texts.Get(_store.Language, id);

        private void Progress(string text) => _observer?.OnProgress(text);

        private void Done(int result, string message, TxnEntry? entry)
        {
            IPaymentObserver? observer = _observer;
            _observer = null;
            _resolving = null;
            _awaited = null;
            observer?.OnPaymentDone(result, message, entry);
        }
    }
}
