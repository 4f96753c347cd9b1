using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;
using Terminal.Core.Runtime;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Flows
{
    /// <summary>What the cashier's screen hears while a QR order waits: the code to show, then the seconds left.</summary>
    public interface IQrOrderDisplay
    {
        /// <summary>The host made the order: show <paramref name="codeUrl"/> as a QR code for the customer to scan.</summary>
        void ShowOrder(TxnEntry order, string codeUrl, int secondsLeft);

        /// <summary>Once a second while the order waits.</summary>
        void Tick(int secondsLeft);
    }

    /// <summary>
    /// A merchant-presented QR order (主扫, the customer scans the terminal): the sale is journaled (entry mode
    /// <see cref="EntryMode.QrOrder"/>) before the order is asked for; the host answers with its order number and code
    /// URL (journaled, shown); the order's status is queried on the event loop's timer until paid (booked: wallet, then
    /// outcome), closed by the host, cancelled by the cashier or out of time; then the order is closed, and a close the
    /// host answers "paid" is booked as the sale it is. An order whose end is not known stays open in the journal and
    /// is queried, then booked or closed, before the next job (<see cref="Resolve"/>). Messages: docs/qr-orders.md.
    /// </summary>
    public sealed class QrOrderFlow : IPaymentFlow, IHostExchangeHandler, ITimerHandler
    {
        /// <summary>F60.1 of the order request (ours: the CUP POS table leaves it free).</summary>
        public const int TypeCreate = 40;

        /// <summary>F60.1 of the order status query.</summary>
        public const int TypeQuery = 41;

        /// <summary>F60.1 of the order close.</summary>
        public const int TypeClose = 42;

        /// <summary>F3 of the order request: a purchase.</summary>
        public const string CodeCreate = "000000";

        /// <summary>F3 of the status query: an inquiry.</summary>
        public const string CodeQuery = "300000";

        /// <summary>F3 of the close: a cancellation.</summary>
        public const string CodeClose = "200000";

        /// <summary>F59 tag: the host's order number.</summary>
        public const string TagOrderNumber = "B1";

        /// <summary>F59 tag: the code URL the customer scans.</summary>
        public const string TagCodeUrl = "B2";

        /// <summary>F59 tag: the order's status (<see cref="StatusWaiting"/>, <see cref="StatusPaid"/>, <see cref="StatusClosed"/>, <see cref="StatusExpired"/>).</summary>
        public const string TagStatus = "B3";

        /// <summary>F59 tag: the wallet that paid (one digit, <see cref="TxnChannel"/>: 1 WeChat Pay, 2 Alipay, 3 UnionPay).</summary>
        public const string TagWallet = "B4";

        /// <summary>F59 tag: the wallet's order number.</summary>
        public const string TagWalletOrder = "B5";

        /// <summary>Order status: made, not paid yet.</summary>
        public const char StatusWaiting = 'W';

        /// <summary>Order status: paid.</summary>
        public const char StatusPaid = 'P';

        /// <summary>Order status: closed unpaid.</summary>
        public const char StatusClosed = 'C';

        /// <summary>Order status: expired at the host, unpaid.</summary>
        public const char StatusExpired = 'E';

        /// <summary>Sends of the close before the order is left open for the next job.</summary>
        public const int MaxCloseAttempts = 3;

        private const int Idle = 0;
        private const int Creating = 1;
        private const int Waiting = 2;
        private const int Querying = 3;
        private const int Closing = 4;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly IClock _clock;
        private readonly TxnEntry _request = new TxnEntry();
        private readonly byte[] _usage = new byte[512];
        private int _usageLength;
        private string _operator = string.Empty;
        private TimerTable? _timers;
        private IPaymentObserver? _observer;
        private IQrOrderDisplay? _display;
        private TxnEntry? _order;
        private int _state;
        private int _timer = -1;
        private long _deadlineMs;
        private long _nextPollMs;
        private int _closeReason;
        private int _closeAttempts;
        private bool _cancelRequested;
        private bool _recovering;
        private int _waitMs = 120000;
        private int _pollMs = 3000;
        private int _timeoutMs = 30000;

        /// <summary>Creates the flow over the session and the store; it polls once it has the loop's <see cref="Timers"/>.</summary>
        public QrOrderFlow(HostSession session, PaymentStore store, IClock clock)
        {
            _session = session;
            _store = store;
            _clock = clock;
        }

        /// <summary>The event loop's timers the wait runs on; null (training mode): no order can be made.</summary>
        public TimerTable? Timers
        {
            get => _timers;
            set => _timers = value;
        }

        /// <summary>The sale to make an order for: amount and wallet (<see cref="TxnEntry.Channel"/>). Fill before <see cref="Start"/>.</summary>
        public TxnEntry Request => _request;

        /// <summary>The screen that shows the code and the countdown (null: none).</summary>
        public IQrOrderDisplay? Display
        {
            get => _display;
            set => _display = value;
        }

        /// <summary>How long the customer has to pay once the code is shown.</summary>
        public int WaitMs
        {
            get => _waitMs;
            set => _waitMs = value;
        }

        /// <summary>How often the order's status is asked while it waits.</summary>
        public int PollMs
        {
            get => _pollMs;
            set => _pollMs = value;
        }

        /// <summary>How long to wait for each answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>Whether an order is being made, waited for or closed.</summary>
        public bool Running => _observer != null;

        /// <summary>Whether the code is on the screen, waiting for the customer (CANCEL closes it).</summary>
        public bool AwaitingPayment => _state == Waiting || _state == Querying;

        /// <summary>Journals the sale and asks the host for its order.</summary>
        public void Start(IPaymentObserver observer)
        {
            Begin(observer, false);
            if (_timers == null)
            {
                Done(PaymentResult.NotSent, T(Texts.QrOrderNotInTraining), null);
                return;
            }

            TxnEntry r = _request;
            r.Kind = TxnKind.Sale;
            r.Mode = EntryMode.QrOrder;
            System.DateTime now = _clock.WallTime;
            r.DateMmdd = (now.Month * 100) + now.Day;
            r.TimeHhmmss = (now.Hour * 10000) + (now.Minute * 100) + now.Second;
            TxnEntry? e = _store.Begin(r);
            if (e == null)
            {
                Done(PaymentResult.NotSent, _store.Problem.Length > 0 ? _store.Problem : T(Texts.CannotRecord), null);
                return;
            }

            _order = e;
            _operator = FinancialRequest.Operator(e.Operator);
            observer.OnProgress(T(Texts.QrCreatingOrder));
            Iso8583Message m = Message(e, CodeCreate, TypeCreate);
            m.BeginField(Field.UsageData);
            AppendTag(m, TagWallet, e.Channel.ToString());
            m.EndField();
            _state = Creating;
            if (!_session.Send(this, _timeoutMs, true))
            {
                // Nothing may have left: close it all the same (a host without the order says so).
                BeginClose(QrOrderEnd.TimedOut);
            }
        }

        /// <summary>
        /// Boot recovery and the step before every job: the open order <paramref name="order"/> is queried, then booked
        /// when paid or closed when not (its code is no longer on any screen). Ends Resolved once it is, Unresolved while
        /// the host cannot be asked.
        /// </summary>
        public void Resolve(TxnEntry order, IPaymentObserver observer)
        {
            Begin(observer, true);
            _order = order;
            _operator = FinancialRequest.Operator(order.Operator);
            observer.OnProgress(T(Texts.QrCheckingOrder));
            SendQuery();
        }

        /// <summary>The cashier pressed CANCEL: the order is closed (at once, or after the answer awaited). False when no order waits.</summary>
        public bool Cancel()
        {
            if (_observer == null || _state == Closing)
            {
                return false;
            }

            _cancelRequested = true;
            if (_state == Waiting)
            {
                BeginClose(QrOrderEnd.Cancelled);
            }

            return true;
        }

        /// <inheritdoc />
        public void OnTimer(int timerId, long nowMs)
        {
            if (timerId != _timer || (_state != Waiting && _state != Querying))
            {
                return;
            }

            _display?.Tick(SecondsLeft(nowMs));
            if (_state != Waiting)
            {
                return;
            }

            if (nowMs >= _deadlineMs)
            {
                BeginClose(QrOrderEnd.TimedOut);
            }
            else if (nowMs >= _nextPollMs)
            {
                SendQuery();
            }
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            TxnEntry e = _order!;
            Iso8583Message response = _session.Response;
            bool answered = outcome == ExchangeOutcome.Response;
            string rc = answered ? (response.GetString(Field.ResponseCode) ?? string.Empty) : string.Empty;

            // F59 read into the flow's buffer: a poll's answer allocates no text but its response code.
            int n = answered && rc == "00" ? response.GetBytes(Field.UsageData, _usage, 0) : 0;
            _usageLength = n > 0 ? n : 0;
            int state = _state;
            if (state == Creating)
            {
                OnCreated(e, answered && rc.Length == 2, rc, response);
            }
            else if (state == Querying)
            {
                OnStatus(e, answered && rc.Length == 2, rc, response, reason);
            }
            else if (state == Closing)
            {
                OnClosed(e, answered && rc.Length == 2, rc, response, reason);
            }
        }

        private void OnCreated(TxnEntry e, bool answered, string rc, Iso8583Message response)
        {
            string number = TagText(TagOrderNumber);
            string url = TagText(TagCodeUrl);
            if (answered && rc != "00")
            {
                // Refused: no order was made, nothing to close.
                if (!_store.RecordOutcome(e, false, rc, response.GetString(Field.Rrn) ?? string.Empty, string.Empty, TransactionFlow.Mmdd(response), TransactionFlow.Hhmmss(response)))
                {
                    Done(PaymentResult.Unresolved, _store.Problem, e);
                    return;
                }

                Done(PaymentResult.Declined, Texts.Format(_store.Language, Texts.QrOrderRefused, ResponseText.For(rc, _store.Language)), e);
                return;
            }

            if (!answered || number.Length == 0 || url.Length == 0 || !_store.RecordQrOrder(e, number))
            {
                // No usable answer: the host may have made the order, so it is closed (the close says what became of it).
                BeginClose(QrOrderEnd.TimedOut);
                return;
            }

            long now = _clock.NowMs;
            _deadlineMs = now + _waitMs;
            _nextPollMs = now + _pollMs;
            _state = Waiting;
            _timer = _timers!.Start(this, now + 1000, 1000);
            _observer?.OnProgress(T(Texts.TitleScanToPay));
            _display?.ShowOrder(e, url, SecondsLeft(now));
            if (_cancelRequested)
            {
                BeginClose(QrOrderEnd.Cancelled);
            }
        }

        private void OnStatus(TxnEntry e, bool answered, string rc, Iso8583Message response, string reason)
        {
            char status = Status();
            if (answered && rc == "00" && status == StatusPaid)
            {
                Book(e, response, ResponseText.For("00", _store.Language));
                return;
            }

            if ((answered && rc == "25") || (answered && rc == "00" && (status == StatusClosed || status == StatusExpired)))
            {
                EndClosed(e, QrOrderEnd.ClosedByHost);
                return;
            }

            if (_recovering)
            {
                // Its code is on no screen any more: an order still waiting is closed; an unanswered query leaves it open.
                if (answered && rc == "00" && status == StatusWaiting)
                {
                    BeginClose(QrOrderEnd.TimedOut);
                    return;
                }

                Done(PaymentResult.Unresolved, T(Texts.QrOrderStillOpen) + (answered ? string.Empty : ": " + reason), e);
                return;
            }

            _state = Waiting;
            long now = _clock.NowMs;
            if (_cancelRequested)
            {
                BeginClose(QrOrderEnd.Cancelled);
            }
            else if (now >= _deadlineMs)
            {
                BeginClose(QrOrderEnd.TimedOut);
            }
        }

        private void OnClosed(TxnEntry e, bool answered, string rc, Iso8583Message response, string reason)
        {
            char status = Status();
            if (answered && rc == "00" && status == StatusPaid)
            {
                // Paid between the last query and the close: the host keeps the payment, so the terminal books it.
                Book(e, response, T(Texts.QrPaidAsClosed));
                return;
            }

            if (answered && (rc == "00" || rc == "25"))
            {
                EndClosed(e, rc == "25" || status == StatusExpired ? QrOrderEnd.ClosedByHost : _closeReason);
                return;
            }

            _closeAttempts++;
            if (_closeAttempts < MaxCloseAttempts && SendClose())
            {
                return;
            }

            Done(PaymentResult.Unresolved, T(Texts.QrOrderStillOpen) + (answered ? string.Empty : ": " + reason), e);
        }

        // Paid: the wallet and its order number, then the outcome (approved, the host's RRN and auth code).
        private void Book(TxnEntry e, Iso8583Message response, string message)
        {
            string rrn = response.GetString(Field.Rrn) ?? string.Empty;
            int wallet = TagChar(TagWallet);
            int channel = wallet >= '1' && wallet <= '3' ? wallet - '0' : e.Channel;
            if (rrn.Length != 12 || !_store.RecordWallet(e, channel, TagText(TagWalletOrder))
                || !_store.RecordOutcome(e, true, "00", rrn, response.GetString(Field.AuthCode) ?? string.Empty, TransactionFlow.Mmdd(response), TransactionFlow.Hhmmss(response)))
            {
                // Paid at the host but not on the terminal's books: reversed (the host finds the payment by its STAN).
                _store.NeedsReversal(e);
                Done(PaymentResult.Unresolved, Texts.Format(_store.Language, Texts.WillBeReversed, _store.Problem), e);
                return;
            }

            Done(PaymentResult.Approved, message, e);
        }

        private void EndClosed(TxnEntry e, int reason)
        {
            if (!_store.RecordQrOrderClosed(e, reason))
            {
                Done(PaymentResult.Unresolved, _store.Problem, e);
                return;
            }

            int text = reason == QrOrderEnd.Cancelled ? Texts.QrClosedCancelled : reason == QrOrderEnd.TimedOut ? Texts.QrClosedTimedOut : Texts.QrClosedByHost;
            Done(PaymentResult.Declined, T(text), e);
        }

        private void BeginClose(int reason)
        {
            StopTimer();
            _closeReason = reason;
            _closeAttempts = 0;
            _observer?.OnProgress(T(Texts.QrClosingOrder));
            if (!SendClose())
            {
                Done(PaymentResult.Unresolved, T(Texts.QrOrderStillOpen), _order);
            }
        }

        private bool SendClose()
        {
            _state = Closing;
            Iso8583Message m = Message(_order!, CodeClose, TypeClose);
            AddOrder(m, _order!);
            return _session.Send(this, _timeoutMs, true);
        }

        private void SendQuery()
        {
            _state = Querying;
            _nextPollMs = _clock.NowMs + _pollMs;
            Iso8583Message m = Message(_order!, CodeQuery, TypeQuery);
            AddOrder(m, _order!);
            if (!_session.Send(this, _timeoutMs, true))
            {
                if (_recovering)
                {
                    Done(PaymentResult.Unresolved, T(Texts.QrOrderStillOpen), _order);
                    return;
                }

                _state = Waiting; // asked again at the next poll
            }
        }

        // The fields every order message carries, as a sale's: the order's STAN (F11, the same in all three), amount, the
        // wallet's entry mode, terminal and merchant, F60 with the message's type and the order's batch, the operator.
        private Iso8583Message Message(TxnEntry e, string processingCode, int type) =>
            FinancialRequest.Start(_session, _store.Identity!, 200, e, processingCode, type, _operator);

        // Query and close name the order: F61 its batch and STAN, F59 its number when the host gave one.
        private static void AddOrder(Iso8583Message m, TxnEntry e)
        {
            m.BeginField(Field.OriginalData);
            m.AppendDigits(e.Batch, 6);
            m.AppendDigits(e.Stan, 6);
            m.EndField();
            if (e.OrderNumber.Length > 0)
            {
                m.BeginField(Field.UsageData);
                AppendTag(m, TagOrderNumber, e.OrderNumber);
                m.EndField();
            }
        }

        // F59 house style: tag (2), length (3 digits), value.
        private static void AppendTag(Iso8583Message m, string tag, string value)
        {
            m.AppendText(tag);
            m.AppendDigits(value.Length, 3);
            m.AppendText(value);
        }

        /// <summary>The value of <paramref name="tag"/> in F59 text <paramref name="usage"/> (tag, 3-digit length, value...); empty when absent or malformed.</summary>
        public static string Tag(string usage, string tag)
        {
            int p = 0;
            while (p + 5 <= usage.Length)
            {
                int n = 0;
                for (int i = 2; i < 5; i++)
                {
                    char c = usage[p + i];
                    if (c < '0' || c > '9')
                    {
                        return string.Empty;
                    }

                    n = (n * 10) + (c - '0');
                }

                if (p + 5 + n > usage.Length)
                {
                    return string.Empty;
                }

                if (usage[p] == tag[0] && usage[p + 1] == tag[1])
                {
                    return usage.Substring(p + 5, n);
                }

                p += 5 + n;
            }

            return string.Empty;
        }

        // Where the value of tag in the F59 buffer starts, its length in length; -1 when absent or malformed.
        private int TagAt(string tag, out int length)
        {
            length = 0;
            int p = 0;
            while (p + 5 <= _usageLength)
            {
                int n = 0;
                for (int i = 2; i < 5; i++)
                {
                    int c = _usage[p + i];
                    if (c < '0' || c > '9')
                    {
                        return -1;
                    }

                    n = (n * 10) + (c - '0');
                }

                if (p + 5 + n > _usageLength)
                {
                    return -1;
                }

                if (_usage[p] == tag[0] && _usage[p + 1] == tag[1])
                {
                    length = n;
                    return p + 5;
                }

                p += 5 + n;
            }

            return -1;
        }

        // A tag's value as text (allocates: the order number, code URL and wallet order, once an order).
        private string TagText(string tag)
        {
            int at = TagAt(tag, out int length);
            if (at < 0 || length == 0)
            {
                return string.Empty;
            }

            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)_usage[at + i];
            }

            return new string(chars);
        }

        // A one-character tag's value, or -1.
        private int TagChar(string tag)
        {
            int at = TagAt(tag, out int length);
            return at >= 0 && length == 1 ? _usage[at] : -1;
        }

        private char Status()
        {
            int c = TagChar(TagStatus);
            return c < 0 ? ' ' : (char)c;
        }

        private int SecondsLeft(long nowMs) => _deadlineMs <= nowMs ? 0 : (int)((_deadlineMs - nowMs + 999) / 1000);

        private void Begin(IPaymentObserver observer, bool recovering)
        {
            _observer = observer;
            _recovering = recovering;
            _cancelRequested = false;
            _closeAttempts = 0;
            _order = null;
            _state = Idle;
        }

        private void StopTimer()
        {
            if (_timer >= 0 && _timers != null)
            {
                _timers.Cancel(_timer);
            }

            _timer = -1;
        }

        private string T(int id) => Texts.Get(_store.Language, id);

        private void Done(int result, string message, TxnEntry? entry)
        {
            StopTimer();
            IPaymentObserver? observer = _observer;
            _observer = null;
            _order = null;
            _state = Idle;
            _recovering = false;
            observer?.OnPaymentDone(result, message, entry);
        }
    }
}
