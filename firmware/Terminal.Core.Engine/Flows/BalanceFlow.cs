using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Ui;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// Balance inquiry (余额查询): 0200, F3 310000, F25 00, F60.1 = 01, with the card's fields and its PIN block, under
    /// the MAC; the host's F54 carries the available balance. Not financial: nothing is journaled (nothing to reverse,
    /// resend or settle; CUP does not reverse a balance inquiry), it takes a STAN from the block reserved on flash, and
    /// the balance is shown, never printed. The card data is wiped once the request is packed. An inserted chip card
    /// (9C 31 in its field 55) is then completed whatever the answer: its second GENERATE AC asks for an AAC, as for a
    /// decline, since an inquiry charges nothing (<see cref="HostAnswer.Inquiry"/>), and an unanswered or unsent one ends
    /// as "unable to go online"; so the card never stays mid-transaction.
    /// </summary>
    public sealed class BalanceFlow : IPaymentFlow, IHostExchangeHandler
    {
        /// <summary>F3 of a balance inquiry.</summary>
        public const string ProcessingCode = "310000";

        /// <summary>F60.1 of a balance inquiry.</summary>
        public const int MessageType = 1;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly CardData _card;
        private readonly Security.TrackCipher _tracks;
        private readonly TxnEntry _request = new TxnEntry();
        private IPaymentObserver? _observer;
        private IChipCompletion? _chip;
        private ChipData? _completion;
        private byte[]? _icc;
        private int _timeoutMs = 30000;

        /// <summary>Creates the flow over the session, the store (identity, batch, STANs) and the engine's card buffers.</summary>
        public BalanceFlow(HostSession session, PaymentStore store, CardData card, Security.TrackCipher tracks)
        {
            _session = session;
            _store = store;
            _card = card;
            _tracks = tracks;
        }

        /// <summary>The card's entry mode, masked number, expiry and chip data; fill before <see cref="Start"/>.</summary>
        public TxnEntry Request => _request;

        /// <summary>How long to wait for the host's answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>The chip of the inserted card the next inquiry completes (null for any other card); cleared when it ends.</summary>
        public IChipCompletion? Chip
        {
            get => _chip;
            set => _chip = value;
        }

        /// <summary>The available balance in fen of the last approved inquiry (negative: a debit balance), 0 before one.</summary>
        public long Balance { get; private set; }

        /// <inheritdoc />
        public void Start(IPaymentObserver observer)
        {
            _observer = observer;
            TerminalIdentity? identity = _store.Identity;
            if (identity == null || !_store.ReserveStans())
            {
                Done(PaymentResult.NotSent, _store.Problem.Length > 0 ? _store.Problem : Texts.Get(_store.Language, Texts.CannotRecord));
                return;
            }

            TxnEntry r = _request;
            Iso8583Message m = _session.NewRequest(200);
            m.Set(Field.ProcessingCode, ProcessingCode);
            m.SetNumber(Field.Stan, identity.NextStan());
            m.Set(Field.EntryMode, EntryMode.Field22(r.Mode));
            m.Set(Field.ConditionCode, "00");
            m.Set(Field.TerminalId, identity.TerminalId);
            m.Set(Field.MerchantId, identity.MerchantId);
            m.Set(Field.Currency, FinancialRequest.Cny);
            FinancialRequest.SetField60(m, MessageType, _store.Batch, 0, r.Mode);
            m.Set(Field.OperatorData, FinancialRequest.Operator(_store.Operator));
            CardFields.Add(m, _card, _tracks, r.ExpiryYymm, r.Chip);
            observer.OnProgress(Texts.Get(_store.Language, Texts.BalanceTitle));
            bool sent = _session.Send(this, _timeoutMs, true);
            _card.Wipe();
            if (!sent)
            {
                Done(PaymentResult.NotSent, Texts.Get(_store.Language, Texts.CannotSend));
            }
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            Iso8583Message response = _session.Response;
            string rc = outcome == ExchangeOutcome.Response ? (response.GetString(Field.ResponseCode) ?? string.Empty) : string.Empty;
            if (rc.Length != 2)
            {
                Done(PaymentResult.NotSent, outcome == ExchangeOutcome.Response ? Texts.Get(_store.Language, Texts.HostAnswerIncomplete) : reason);
                return;
            }

            CompleteCard(HostAnswer.Inquiry, rc, response);

            long balance;
            if (rc != "00")
            {
                Done(PaymentResult.Declined, ResponseText.For(rc, _store.Language));
            }
            else if (!ParseField54(response.GetString(Field.Balance) ?? string.Empty, out balance))
            {
                Done(PaymentResult.NotSent, Texts.Get(_store.Language, Texts.HostAnswerIncomplete));
            }
            else
            {
                Balance = balance;
                Done(PaymentResult.Approved, Texts.Format(_store.Language, Texts.BalanceIs, Money.FormatCny(balance)));
            }
        }

        /// <summary>
        /// The available balance from F54 (ISO 8583 additional amounts, 20 characters a set): account type n2, amount type
        /// n2, currency n3, sign C or D, amount n12. The set of amount type 02 (available) counts, else the first. False
        /// when F54 holds no well-formed set.
        /// </summary>
        public static bool ParseField54(string f54, out long balance)
        {
            balance = 0;
            bool found = false;
            for (int at = 0; at + 20 <= f54.Length; at += 20)
            {
                long amount = 0;
                for (int i = at + 8; i < at + 20; i++)
                {
                    char c = f54[i];
                    if (c < '0' || c > '9')
                    {
                        return false;
                    }

                    amount = (amount * 10) + (c - '0');
                }

                char sign = f54[at + 7];
                if (sign != 'C' && sign != 'D')
                {
                    return false;
                }

                if (!found || (f54[at + 2] == '0' && f54[at + 3] == '2'))
                {
                    balance = sign == 'D' ? -amount : amount;
                    found = true;
                }
            }

            return found;
        }

        // The card's second GENERATE AC (an AAC): with the host's answer and its field 55 (ARPC, scripts), or, when there was
        // none, as unable to go online. Once per inquiry; what the card says changes nothing of the balance shown.
        private void CompleteCard(int answer, string rc, Iso8583Message? response)
        {
            IChipCompletion? chip = _chip;
            _chip = null;
            if (chip == null || _request.Chip == null)
            {
                return;
            }

            if (_completion == null)
            {
                _completion = new ChipData();
                _icc = new byte[255];
            }

            int n = response != null ? response.GetBytes(Field.IccData, _icc!, 0) : 0;
            _completion.CopyFrom(_request.Chip);
            chip.Complete(answer, rc, _icc!, 0, n > 0 ? n : 0, _completion);
        }

        private void Done(int result, string message)
        {
            CompleteCard(HostAnswer.Unreachable, string.Empty, null);
            IPaymentObserver? observer = _observer;
            _observer = null;
            _card.Wipe();
            observer?.OnPaymentDone(result, message, null);
        }
    }
}
