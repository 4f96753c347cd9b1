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
    /// <see cref="Reverse"/> is the automatic reversal of a sale or void whose answer was missing or bad.
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

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private IPaymentObserver? _observer;
        private TxnEntry? _resolving;
        private TxnEntry? _awaited;
        private string _why = string.Empty;
        private string _reason = ReasonNoAnswer;
        private int _attempts;
        private int _timeoutMs = 15000;

        /// <summary>Creates the flow over the session and the store whose journal says what is owed.</summary>
        public ReversalFlow(HostSession session, PaymentStore store)
        {
            _session = session;
            _store = store;
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
            if (e.Reversible)
            {
                OnReversalAnswer(e, answered, reason, rc);
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
        }

        // The next owed request, oldest first; each one's attempts counted from its first send in this run.
        private void Next()
        {
            TxnEntry? owed = _store.NextUnresolved();
            if (owed == null)
            {
                Done(PaymentResult.Resolved, T(Texts.NothingOwed), null);
                return;
            }

            if (owed != _resolving)
            {
                _resolving = owed;
                _attempts = 0;
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
                // As the original (same STAN, amount, codes, batch), minus any card data, plus the reason in F39.
                m = FinancialRequest.Start(_session, identity, 400, owed);
                m.Set(Field.ResponseCode, _reason);
                if (owed.Kind == TxnKind.Void)
                {
                    m.Set(Field.Rrn, owed.OriginalRrn);
                }

                Progress(Texts.Format(_store.Language, Texts.SendingReversal, owed.Invoice.ToString(), attempt));
            }
            else
            {
                m = FinancialRequest.Start(_session, identity, owed.Mti, owed);
                FinancialRequest.AddOriginal(m, owed);
                Progress(Texts.Format(_store.Language, Texts.ResendingRefund, owed.Invoice.ToString(), attempt));
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

            if (!_store.RecordOutcome(e, rc == "00", rc, response.GetString(Field.Rrn) ?? string.Empty, response.GetString(Field.AuthCode) ?? string.Empty, TransactionFlow.Mmdd(response), TransactionFlow.Hhmmss(response)))
            {
                Done(PaymentResult.NotSent, _store.Problem, e);
                return;
            }

            Progress(Texts.Format(_store.Language, Texts.RefundAnswer, e.Invoice.ToString(), ResponseText.For(rc, _store.Language)));
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
