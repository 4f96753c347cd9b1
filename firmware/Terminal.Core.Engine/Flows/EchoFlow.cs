using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;

namespace Terminal.Core.Flows
{
    /// <summary>Told how an echo test ended.</summary>
    public interface IEchoObserver
    {
        /// <summary>The echo finished; <paramref name="roundTripMs"/> is the time to the answer, or -1.</summary>
        void OnEchoDone(bool success, int roundTripMs, string message);
    }

    /// <summary>Echo / network test (回响测试), 0820/0830 with F60.3 = 301: is the host there, and how fast.</summary>
    public sealed class EchoFlow : IHostExchangeHandler
    {
        /// <summary>F60.3 network management code of an echo test.</summary>
        public const int NetworkCode = 301;

        private readonly HostSession _session;
        private readonly TerminalIdentity _identity;
        private readonly Terminal.Hal.IClock _clock;
        private IEchoObserver? _observer;
        private long _sentAt;

        /// <summary>Creates the flow.</summary>
        public EchoFlow(HostSession session, TerminalIdentity identity, Terminal.Hal.IClock clock)
        {
            _session = session;
            _identity = identity;
            _clock = clock;
        }

        /// <summary>Sends the 0820; the outcome reaches <paramref name="observer"/>.</summary>
        public void Start(IEchoObserver observer, int timeoutMs)
        {
            Iso8583Message request = _session.NewNetworkRequest(820, _identity, NetworkCode);
            _observer = observer;
            _sentAt = _clock.NowMs;
            if (!_session.Send(this, timeoutMs, false, _session.HasMak))
            {
                Done(false, -1, "Cannot send echo (host link busy)");
            }
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            if (outcome != ExchangeOutcome.Response)
            {
                Done(false, -1, "Echo failed: " + reason);
                return;
            }

            string? code = _session.Response.GetString(Field.ResponseCode);
            int rtt = (int)(_clock.NowMs - _sentAt);
            if (code != "00")
            {
                Done(false, rtt, "Echo answered with code " + (code ?? "none"));
                return;
            }

            Done(true, rtt, "Host answered in " + rtt.ToString() + " ms");
        }

        private void Done(bool success, int rtt, string message)
        {
            IEchoObserver? observer = _observer;
            _observer = null;
            observer?.OnEchoDone(success, rtt, message);
        }
    }
}
