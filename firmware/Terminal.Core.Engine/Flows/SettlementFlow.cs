using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// Settlement (结算) with batch upload (批上送). The 0500 (60.3 = 201) carries the batch totals in F48; the digit the
    /// host sets in its answer's F48 says balanced (the batch closes) or unbalanced: then each settling transaction
    /// goes up in an 0320 (60.3 = 201, F3, F4, F37, F61) with consecutive STANs reserved at once, an 0320 with
    /// 60.3 = 202 and the count in F48 ends the upload, and the batch closes. Each stage is journaled before its
    /// message is sent (<see cref="SettleStage"/>: requested, unbalanced, uploading with the count acknowledged), so
    /// the flow resumes after a power cut where the journal says, with the STANs it journaled, and which answer
    /// is awaited follows from the stage.
    /// </summary>
    public sealed class SettlementFlow : IPaymentFlow, IHostExchangeHandler
    {
        /// <summary>F60.3 of the 0500 and of each upload 0320.</summary>
        public const int SettleCode = 201;

        /// <summary>F60.3 of the 0320 that ends the batch upload.</summary>
        public const int UploadEndCode = 202;

        /// <summary>Sends of one upload message before the settlement stops (to resume on the next attempt).</summary>
        public const int MaxUploadAttempts = 3;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly BatchTotals _totals = new BatchTotals();
        private readonly SettlementSides _sides = new SettlementSides();
        private IPaymentObserver? _observer;
        private int _attempts;
        private int _timeoutMs = 30000;
        private int _uploadTimeoutMs = 15000;

        /// <summary>Creates the flow over the session and the store that journals each stage.</summary>
        public SettlementFlow(HostSession session, PaymentStore store)
        {
            _session = session;
            _store = store;
        }

        /// <summary>How long to wait for the 0500's answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>How long to wait for each 0320's answer.</summary>
        public int UploadTimeoutMs
        {
            get => _uploadTimeoutMs;
            set => _uploadTimeoutMs = value;
        }

        /// <summary>Whether the flow waits for the host.</summary>
        public bool Running => _observer != null;

        /// <summary>Settles the open batch, or resumes the settlement the journal has in progress.</summary>
        public void Start(IPaymentObserver observer)
        {
            _observer = observer;
            _attempts = 0;
            Step();
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            Iso8583Message response = _session.Response;
            bool answered = outcome == ExchangeOutcome.Response;
            string rc = answered ? (response.GetString(Field.ResponseCode) ?? string.Empty) : string.Empty;
            string why = answered ? ResponseText.For(rc, _store.Language) : reason;
            bool ok = answered && rc == "00";
            int stage = _store.SettlementStage;
            if (stage == SettleStage.Requested)
            {
                OnSettleAnswer(ok, why, response);
            }
            else if (stage != SettleStage.Uploading)
            {
                Done(PaymentResult.NotSent, T(Texts.BatchChanged)); // the journal moved under the flow: nothing to match
            }
            else if (_store.UploadAcked < _store.UploadCount)
            {
                OnUploadAnswer(ok, why);
            }
            else if (!ok)
            {
                Done(PaymentResult.NotSent, Texts.Format(_store.Language, Texts.UploadNotClosed, why));
            }
            else
            {
                Complete(false, _store.UploadCount);
            }
        }

        // Whatever the journal says comes next: the 0500, the upload's start, or its next message.
        private void Step()
        {
            switch (_store.SettlementStage)
            {
                case SettleStage.None:
                    if (!_store.ReserveStans())
                    {
                        Done(PaymentResult.NotSent, _store.Problem);
                        return;
                    }

                    _store.Totals(_totals);
                    if (!_store.BeginSettlement(_store.Identity!.NextStan(), _totals))
                    {
                        Done(PaymentResult.NotSent, _store.Problem);
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
                        Done(PaymentResult.NotSent, _store.Problem);
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
            Iso8583Message m = _session.NewNetworkRequest(500, _store.Identity!, SettleCode, _store.SettlementStan);
            m.Set(Field.AdditionalData, _totals.Field48());
            m.Set(Field.Currency, FinancialRequest.Cny);
            m.Set(Field.OperatorData, FinancialRequest.Operator(_store.Operator));
            Progress(Texts.Format(_store.Language, Texts.SettlingBatchProgress, _store.Batch.ToString()));
            if (!_session.Send(this, _timeoutMs, true))
            {
                Done(PaymentResult.NotSent, T(Texts.CannotSendSettlement));
            }
        }

        private void OnSettleAnswer(bool ok, string why, Iso8583Message response)
        {
            if (!ok)
            {
                Done(PaymentResult.NotSent, Texts.Format(_store.Language, Texts.SettlementNotDone, why));
                return;
            }

            // F48: the host's domestic and foreign totals, each with its result digit: 1 balanced, 2 not, 3 error. Journaled
            // with the terminal's side before anything acts on it, for the report. An answer without both result digits
            // (an older host: the domestic part's alone) still settles on that one digit, with no sides to report.
            string? f48 = response.GetString(Field.AdditionalData);
            _sides.Clear();
            _sides.SetTerminal(_totals);
            char result;
            if (f48 != null && _sides.ReadAnswer(f48))
            {
                if (!_store.RecordSettleSides(_sides))
                {
                    Done(PaymentResult.NotSent, _store.Problem);
                    return;
                }

                result = _sides.Balanced ? '1' : '2';
            }
            else
            {
                result = f48 != null && f48.Length >= 31 ? f48[30] : ' ';
            }

            if (result != '1' && result != '2')
            {
                Done(PaymentResult.NotSent, T(Texts.SettlementNoResult));
                return;
            }

            if (result == '1')
            {
                Complete(true, 0);
                return;
            }

            if (!_store.RecordSettleAnswer(false))
            {
                Done(PaymentResult.NotSent, _store.Problem);
                return;
            }

            Progress(T(Texts.HostTotalsDiffer));
            Step();
        }

        // The next upload message: the transaction the host has not acknowledged yet, or the end with the count.
        private void SendUpload()
        {
            int index = _store.UploadAcked;
            TerminalIdentity identity = _store.Identity!;
            if (index >= _store.UploadCount)
            {
                Iso8583Message end = _session.NewNetworkRequest(320, identity, UploadEndCode, _store.UploadBaseStan + _store.UploadCount);
                end.BeginField(Field.AdditionalData);
                end.AppendDigits(_store.UploadCount, 4);
                end.EndField();
                Progress(Texts.Format(_store.Language, Texts.EndingUpload, _store.UploadCount.ToString()));
            }
            else
            {
                TxnEntry? e = _store.SettlingAt(index);
                if (e == null)
                {
                    Done(PaymentResult.NotSent, T(Texts.BatchChanged));
                    return;
                }

                Iso8583Message m = _session.NewNetworkRequest(320, identity, SettleCode, _store.UploadBaseStan + index);
                m.Set(Field.ProcessingCode, e.ProcessingCode);
                m.SetNumber(Field.Amount, e.Amount);
                m.Set(Field.EntryMode, EntryMode.Field22(e.Mode));
                if (e.Rrn.Length == 12)
                {
                    m.Set(Field.Rrn, e.Rrn);
                }

                if (TxnKind.IsPreAuthFamily(e.Kind))
                {
                    // A completion (request or advice) goes up as a pre-authorization-family item: F25 06 and its F38.
                    m.Set(Field.ConditionCode, e.ConditionCode);
                    m.Set(Field.AuthCode, e.AuthCode.Length == 6 ? e.AuthCode : e.OriginalAuthCode);
                }

                m.Set(Field.Currency, FinancialRequest.Cny);
                m.BeginField(Field.OriginalData);
                m.AppendDigits(e.Batch, 6);
                m.AppendDigits(e.Stan, 6);
                m.EndField();
                Progress(Texts.Format(_store.Language, Texts.Uploading, (index + 1).ToString() + "/" + _store.UploadCount.ToString()));
            }

            if (!_session.Send(this, _uploadTimeoutMs, true))
            {
                Done(PaymentResult.NotSent, T(Texts.CannotSendUpload));
            }
        }

        private void OnUploadAnswer(bool ok, string why)
        {
            if (ok)
            {
                if (!_store.RecordUploadAcked(_store.UploadAcked))
                {
                    Done(PaymentResult.NotSent, _store.Problem);
                    return;
                }

                _attempts = 0;
                SendUpload();
                return;
            }

            if (++_attempts >= MaxUploadAttempts)
            {
                Done(PaymentResult.NotSent, Texts.Format(_store.Language, Texts.UploadStopped, why));
                return;
            }

            SendUpload();
        }

        private void Complete(bool balanced, int uploads)
        {
            _store.Totals(_totals);
            int batch = _store.Batch;
            string followUp = AdvicesToFollowUp(); // read before the batch closes
            if (!_store.CompleteSettlement(_totals, balanced, uploads))
            {
                Done(PaymentResult.NotSent, _store.Problem);
                return;
            }

            Done(PaymentResult.Settled, (balanced ? Texts.Format(_store.Language, Texts.SettledBalanced, batch.ToString())
                : Texts.Format(_store.Language, Texts.SettledAfterUpload, batch.ToString(), uploads.ToString())) + followUp);
        }

        // The batch's completion advices the host refused or never answered, named on the settled screen for the merchant
        // to follow up (the batch's detail report, which says the same, goes with the batch): empty when none.
        private string AdvicesToFollowUp()
        {
            string text = string.Empty;
            for (int i = 0; i < _store.Count; i++)
            {
                TxnEntry e = _store.At(i);
                string followUp = e.AdviceFollowUp(_store.Language);
                if (followUp.Length > 0)
                {
                    text += "; " + Texts.Format(_store.Language, Texts.AdviceFollowUpLine, DigitText.Fixed(e.Invoice, 6), followUp);
                }
            }

            return text;
        }

        private string T(int id) => Texts.Get(_store.Language, id);

        private void Progress(string text) => _observer?.OnProgress(text);

        private void Done(int result, string message)
        {
            IPaymentObserver? observer = _observer;
            _observer = null;
            observer?.OnPaymentDone(result, message, null);
        }
    }
}
