using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Messages.WireTrace;
using Terminal.Hal;

namespace Terminal.Core.Host
{
    /// <summary>How one request/response exchange with the host ended.</summary>
    public enum ExchangeOutcome
    {
        /// <summary>A matched response arrived (its MAC verified when it carries one); see <see cref="HostSession.Response"/>.</summary>
        Response = 0,
        /// <summary>No response within the timeout.</summary>
        Timeout = 1,
        /// <summary>The link could not carry the request (no connection, no ACK).</summary>
        LinkDown = 2,
        /// <summary>A response arrived that could not be decoded while ours was pending.</summary>
        Malformed = 3,
        /// <summary>The matched response's MAC was wrong or missing.</summary>
        BadMac = 4,
    }

    /// <summary>Told the outcome of an exchange, on the loop thread.</summary>
    public interface IHostExchangeHandler
    {
        /// <summary>The exchange ended; <paramref name="reason"/> is a short text for the screen.</summary>
        void OnExchange(ExchangeOutcome outcome, string reason);
    }

    /// <summary>Puts a link failure into the cashier's language (the texts live above the messages layer).</summary>
    public interface ILinkFailureTexts
    {
        /// <summary>The screen's text for <paramref name="failure"/>, or <paramref name="fallback"/> (the link's own words) when there is none.</summary>
        string Describe(LinkFailure failure, string fallback);
    }

    /// <summary>
    /// One conversation with the acquirer host at a time: the flow fills <see cref="Request"/>, the session
    /// packs it (MAC in F64 when asked), traces and sends it, then matches the response by MTI, STAN and
    /// terminal id, verifies its MAC and reports the outcome. Late, duplicate and unmatched responses are
    /// traced and dropped. Nothing is allocated per exchange.
    /// </summary>
    public sealed class HostSession : IPolledDevice
    {
        private readonly Iso8583Profile _profile;
        private readonly Iso8583Codec _codec;
        private readonly IHostTransport _transport;
        private readonly IClock _clock;
        private readonly CupMac _mac;
        private readonly WireTracer? _tracer;
        private readonly ResponseMatcher _matcher;
        private readonly Iso8583Message _request;
        private readonly Iso8583Message _response;
        private readonly byte[] _tx;
        private readonly byte[] _mak = new byte[24];
        private readonly byte[] _preamble;
        private int _makLength;
        private IHostExchangeHandler? _handler;
        private int _handle = -1;
        private long _deadline = Deadline.Never;
        private int _malformed;
        private int _badMacs;
        private bool _verifyResponseMac;
        private ILinkFailureTexts? _linkTexts;

        /// <summary>Creates a session over a transport.</summary>
        public HostSession(Iso8583Profile profile, IHostTransport transport, ICrypto crypto, IClock clock, IWireTraceSink? trace, int maxMessage)
        {
            _profile = profile;
            _codec = new Iso8583Codec(profile);
            _transport = transport;
            _clock = clock;
            _mac = new CupMac(crypto);
            _tracer = trace == null ? null : new WireTracer(profile, trace, maxMessage);
            _matcher = new ResponseMatcher(16, trace);
            _request = new Iso8583Message(profile);
            _response = new Iso8583Message(profile);
            _tx = new byte[maxMessage];
            _preamble = new byte[profile.PreambleLength];
        }

        /// <summary>Words for a failed link in the cashier's language; the link's own (English) words when not set.</summary>
        public ILinkFailureTexts? LinkTexts
        {
            get => _linkTexts;
            set => _linkTexts = value;
        }

        /// <summary>Why the link last failed (a refused host certificate, say); None when it has not.</summary>
        public LinkFailure LinkFailure => _transport.Failure;

        /// <summary>The message profile (preamble, field formats).</summary>
        public Iso8583Profile Profile => _profile;

        /// <summary>The codec that packs the requests and unpacks the responses.</summary>
        public Iso8583Codec Codec => _codec;

        /// <summary>The request being built: fill it, then <see cref="Send"/>.</summary>
        public Iso8583Message Request => _request;

        /// <summary>The matched response, valid inside <see cref="IHostExchangeHandler.OnExchange"/>.</summary>
        public Iso8583Message Response => _response;

        /// <summary>Whether an exchange is in progress.</summary>
        public bool Busy => _handler != null;

        /// <summary>Responses that could not be decoded.</summary>
        public int Malformed => _malformed;

        /// <summary>Responses whose MAC failed.</summary>
        public int BadMacs => _badMacs;

        /// <summary>The matcher, for its late/duplicate/unmatched counters.</summary>
        public ResponseMatcher Matcher => _matcher;

        /// <summary>Whether a MAC key is loaded.</summary>
        public bool HasMak => _makLength > 0;

        /// <summary>Sets the TPDU + header the requests carry (cup profile).</summary>
        public void SetPreamble(byte[] preamble, int offset)
        {
            System.Array.Copy(preamble, offset, _preamble, 0, _preamble.Length);
        }

        /// <summary>Loads the MAC key (copied; the caller wipes its buffer).</summary>
        public void SetMak(byte[] key, int offset, int length)
        {
            System.Array.Copy(key, offset, _mak, 0, length);
            _makLength = length;
        }

        /// <summary>Forgets the MAC key.</summary>
        public void ClearMak()
        {
            for (int i = 0; i < _mak.Length; i++)
            {
                _mak[i] = 0;
            }

            _makLength = 0;
        }

        /// <summary>
        /// Starts a network-management request (0800 sign-in, 0820 echo, 0500 settlement...): F11 the next
        /// STAN, F41/F42 the identity, F60 = 60.1 type 00 + 60.2 batch + 60.3 <paramref name="networkCode"/>.
        /// </summary>
        public Iso8583Message NewNetworkRequest(int mti, TerminalIdentity identity, int networkCode) =>
            NewNetworkRequest(mti, identity, networkCode, identity.NextStan());

        /// <summary>
        /// As <see cref="NewNetworkRequest(int, TerminalIdentity, int)"/> with a STAN the caller chose (a settlement
        /// or batch upload resumed after a power cut keeps the STANs it journaled).
        /// </summary>
        public Iso8583Message NewNetworkRequest(int mti, TerminalIdentity identity, int networkCode, int stan)
        {
            Iso8583Message request = NewRequest(mti);
            request.SetNumber(Field.Stan, stan);
            request.Set(Field.TerminalId, identity.TerminalId);
            request.Set(Field.MerchantId, identity.MerchantId);
            SetField60(request, 0, identity.Batch, networkCode);
            return request;
        }

        /// <summary>F60: 60.1 message type (2 digits), 60.2 batch (6), 60.3 network management code (3).</summary>
        public static void SetField60(Iso8583Message message, int type, int batch, int networkCode)
        {
            message.BeginField(Field.MessageInfo);
            message.AppendDigits(type, 2);
            message.AppendDigits(batch, 6);
            message.AppendDigits(networkCode, 3);
            message.EndField();
        }

        /// <summary>Starts a fresh request with the session's preamble.</summary>
        public Iso8583Message NewRequest(int mti)
        {
            _request.Clear();
            if (_preamble.Length > 0)
            {
                _request.SetPreamble(_preamble, 0);
            }

            _request.Mti = mti;
            return _request;
        }

        /// <summary>
        /// Packs and sends <see cref="Request"/>; with <paramref name="withMac"/> F64 is computed over it and
        /// the response's MAC is verified. Returns false (and calls nothing) when the request cannot be
        /// packed or a session is busy.
        /// </summary>
        public bool Send(IHostExchangeHandler handler, int timeoutMs, bool withMac) => Send(handler, timeoutMs, withMac, withMac);

        /// <summary>
        /// As <see cref="Send(IHostExchangeHandler, int, bool)"/>, choosing separately whether the response MAC
        /// is verified with the current key (sign-in answers under the new MAK it delivers: the flow checks
        /// it with <see cref="ResponseMacValid"/>).
        /// </summary>
        public bool Send(IHostExchangeHandler handler, int timeoutMs, bool withMac, bool verifyResponseMac)
        {
            if (_handler != null)
            {
                return false;
            }

            if (withMac)
            {
                if (_makLength == 0)
                {
                    return false;
                }

                _request.Set(Field.Mac, _tx, 0, 8); // placeholder so the bitmap names F64; filled after packing
            }

            int length = _codec.Pack(_request, _tx, 0);
            if (length < 0)
            {
                return false;
            }

            if (withMac)
            {
                _mac.Sign(_mak, 0, _makLength, _tx, _request.MtiOffset, length);
            }

            long now = _clock.NowMs;
            _tracer?.Record(WireDirection.Outbound, now, _tx, 0, length);
            _handle = _matcher.Expect(_request, now + timeoutMs);
            _handler = handler;
            _verifyResponseMac = verifyResponseMac;
            _deadline = now + timeoutMs;
            if (!_transport.Send(_tx, 0, length, now))
            {
                Finish(ExchangeOutcome.LinkDown, LinkProblem());
            }

            return true;
        }

        /// <summary>Gives up the exchange in progress without telling its handler (e.g. the flow was cancelled).</summary>
        public void Abandon()
        {
            if (_handle >= 0)
            {
                _matcher.Cancel(_handle);
            }

            _handler = null;
            _handle = -1;
            _deadline = Deadline.Never;
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            long next = _transport.Poll(nowMs);
            while (_transport.FrameLength > 0)
            {
                OnFrame(nowMs);
            }

            if (_handler != null && _transport.Failed)
            {
                Finish(ExchangeOutcome.LinkDown, LinkProblem());
            }

            if (_handler != null && nowMs >= _deadline)
            {
                Finish(ExchangeOutcome.Timeout, "Host did not answer in time");
            }

            _matcher.Poll(nowMs);
            return _handler != null && _deadline < next ? _deadline : next;
        }

        private void OnFrame(long nowMs)
        {
            byte[] frame = _transport.Frame;
            int length = _transport.FrameLength;
            _tracer?.Record(WireDirection.Inbound, nowMs, frame, 0, length);
            Iso8583Error error = _codec.Unpack(_response, frame, 0, length);
            if (error.IsError)
            {
                _malformed++;
                _transport.Release();
                if (_handler != null)
                {
                    Finish(ExchangeOutcome.Malformed, "Bad response from host: " + error.ToString());
                }

                return;
            }

            int handle;
            MatchOutcome match = _matcher.Match(_response, nowMs, out handle);
            if (match != MatchOutcome.Matched || handle != _handle || _handler == null)
            {
                _transport.Release();
                return;
            }

            if (_verifyResponseMac && (!_response.Has(Field.Mac) || !VerifyMac(frame, _mak, 0, _makLength)))
            {
                _badMacs++;
                _transport.Release();
                Finish(ExchangeOutcome.BadMac, "Host response failed its MAC check");
                return;
            }

            Finish(ExchangeOutcome.Response, string.Empty);
            _transport.Release();
        }

        /// <summary>Inside the handler: whether the response's F64 is right under the given key.</summary>
        public bool ResponseMacValid(byte[] key, int offset, int length) =>
            _transport.FrameLength > 0 && _response.Has(Field.Mac) && VerifyMac(_transport.Frame, key, offset, length);

        private bool VerifyMac(byte[] frame, byte[] key, int offset, int length)
        {
            int macAt = _response.GetWireOffset(Field.Mac);
            int start = _response.MacInputOffset;
            return macAt > start && _mac.Verify(key, offset, length, frame, start, macAt - start, frame, macAt);
        }

        private string LinkProblem() => _linkTexts == null ? _transport.Problem : _linkTexts.Describe(_transport.Failure, _transport.Problem);

        private void Finish(ExchangeOutcome outcome, string reason)
        {
            IHostExchangeHandler? handler = _handler;
            _handler = null;
            _handle = -1;
            _deadline = Deadline.Never;
            handler?.OnExchange(outcome, reason);
        }
    }
}
