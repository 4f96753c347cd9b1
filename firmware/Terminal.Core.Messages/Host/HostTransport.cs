using Terminal.Core.Link;
using Terminal.Hal;

namespace Terminal.Core.Host
{
    /// <summary>
    /// One way of carrying framed messages to the host and back (TCP over Wi-Fi, or a serial line).
    /// Polled by the loop; holds at most one received frame until released.
    /// </summary>
    public interface IHostTransport : IPolledDevice
    {
        /// <summary>Sends one message; false when the link cannot take it now (see <see cref="Problem"/>).</summary>
        bool Send(byte[] message, int offset, int count, long nowMs);

        /// <summary>Length of the received frame waiting in <see cref="Frame"/>, or 0.</summary>
        int FrameLength { get; }

        /// <summary>The received frame.</summary>
        byte[] Frame { get; }

        /// <summary>Frees the frame buffer for the next frame.</summary>
        void Release();

        /// <summary>True when the last send failed for good (no connection, no ACK after retries).</summary>
        bool Failed { get; }

        /// <summary>Why the link is not usable, for the display; empty when it is.</summary>
        string Problem { get; }

        /// <summary>Why the last send failed, as a code the firmware puts into the cashier's language; None when unknown.</summary>
        LinkFailure Failure { get; }

        /// <summary>Drops the connection (the next send reconnects).</summary>
        void Reset();
    }

    /// <summary>TCP to the host: a 2-byte big-endian length before each message; connects on demand.</summary>
    public sealed class TcpHostTransport : IHostTransport
    {
        private readonly INetworkStream _stream;
        private readonly string _host;
        private readonly int _port;
        private readonly int _connectTimeoutMs;
        private readonly TcpFramer _framer;
        private readonly byte[] _tx;
        private readonly byte[] _rx = new byte[512];
        private int _rxHave;
        private int _rxUsed;
        private int _pending;      // bytes in _tx waiting for the connection
        private long _connectStarted;
        private bool _failed;
        private string _problem = string.Empty;
        private LinkFailure _failure;

        /// <summary>Creates the transport for host:port over <paramref name="stream"/>.</summary>
        public TcpHostTransport(INetworkStream stream, string host, int port, int maxMessage, int connectTimeoutMs)
        {
            _stream = stream;
            _host = host;
            _port = port;
            _connectTimeoutMs = connectTimeoutMs;
            _framer = new TcpFramer(maxMessage, 5000);
            _tx = new byte[maxMessage + TcpFramer.PrefixLength];
        }

        /// <inheritdoc />
        public int FrameLength => _framer.FrameLength;

        /// <inheritdoc />
        public byte[] Frame => _framer.Frame;

        /// <inheritdoc />
        public bool Failed => _failed;

        /// <inheritdoc />
        public string Problem => _problem;

        /// <inheritdoc />
        public LinkFailure Failure => _failure;

        /// <inheritdoc />
        public bool Send(byte[] message, int offset, int count, long nowMs)
        {
            if (count + TcpFramer.PrefixLength > _tx.Length)
            {
                _problem = "Message too long for the link";
                return false;
            }

            _failed = false;
            _problem = string.Empty;
            _failure = LinkFailure.None;
            TcpFramer.WritePrefix(_tx, 0, count);
            System.Array.Copy(message, offset, _tx, TcpFramer.PrefixLength, count);
            _pending = count + TcpFramer.PrefixLength;
            if (_stream.State != LinkState.Open)
            {
                if (_stream.State != LinkState.Connecting)
                {
                    _connectStarted = nowMs;
                    _stream.Connect(_host, _port);
                }

                return true;
            }

            return Flush();
        }

        /// <inheritdoc />
        public void Release()
        {
            _framer.Release();
        }

        /// <inheritdoc />
        public void Reset()
        {
            _stream.Close();
            _pending = 0;
            _rxHave = 0;
            _rxUsed = 0;
            _framer.Release();
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            LinkState state = _stream.State;
            if (_pending > 0)
            {
                if (state == LinkState.Open)
                {
                    Flush();
                }
                else if (state == LinkState.Failed || state == LinkState.Closed || nowMs - _connectStarted >= _connectTimeoutMs)
                {
                    LinkFailure why = state == LinkState.Connecting ? LinkFailure.Unreachable : _stream.Failure;
                    Fail(why, ConnectProblem(why));
                    _stream.Close();
                }
            }

            if (state == LinkState.Open && !_framer.FrameReady)
            {
                if (_rxUsed >= _rxHave)
                {
                    _rxHave = _stream.Read(_rx, 0, _rx.Length);
                    _rxUsed = 0;
                }

                if (_rxHave > _rxUsed)
                {
                    _rxUsed += _framer.Feed(_rx, _rxUsed, _rxHave - _rxUsed, nowMs);
                }
            }

            long framerNext = _framer.Poll(nowMs);
            if (_pending > 0 || state == LinkState.Open || state == LinkState.Connecting)
            {
                // Connected links are read every few milliseconds; the socket adapter has no interrupt.
                long next = nowMs + 5;
                return framerNext < next ? framerNext : next;
            }

            return framerNext;
        }

        private bool Flush()
        {
            int n = _pending;
            _pending = 0;
            if (!_stream.Write(_tx, 0, n))
            {
                Fail(LinkFailure.Lost, "Host connection lost");
                return false;
            }

            return true;
        }

        // The console's and the log's words; the firmware shows the cashier the TLS ones in the terminal's language.
        private string ConnectProblem(LinkFailure why)
        {
            switch (why)
            {
                case LinkFailure.CertificateExpired: return "Host certificate refused: expired";
                case LinkFailure.CertificateWrongHost: return "Host certificate refused: wrong host name";
                case LinkFailure.CertificateUnknownCa: return "Host certificate refused: unknown CA";
                case LinkFailure.CertificateRefused: return "Secure link refused: host certificate or TLS handshake";
                case LinkFailure.HandshakeFailed: return "Secure link to host failed: no TLS handshake";
                default: return "Cannot connect to host " + _host + ":" + _port.ToString();
            }
        }

        private void Fail(LinkFailure failure, string why)
        {
            _failed = true;
            _pending = 0;
            _problem = why;
            _failure = failure;
        }
    }

    /// <summary>A serial line to the host: STX, BCD length, data, ETX, LRC, with ACK/NAK and retransmission.</summary>
    public sealed class SerialHostTransport : IHostTransport, ILinkWriter
    {
        private readonly ISerialPort _port;
        private readonly SerialFramer _framer;
        private readonly byte[] _rx = new byte[256];
        private int _rxHave;
        private int _rxUsed;
        private string _problem = string.Empty;

        /// <summary>Creates the transport over an opened or unopened UART.</summary>
        public SerialHostTransport(ISerialPort port, int maxMessage, int ackTimeoutMs, int interByteTimeoutMs)
        {
            _port = port;
            _framer = new SerialFramer(this, maxMessage, ackTimeoutMs, interByteTimeoutMs);
        }

        /// <summary>The framer, for its counters (retransmissions, NAKs, bad frames).</summary>
        public SerialFramer Framer => _framer;

        /// <inheritdoc />
        public int FrameLength => _framer.FrameLength;

        /// <inheritdoc />
        public byte[] Frame => _framer.Frame;

        /// <inheritdoc />
        public bool Failed => _framer.SendState == SerialSendState.Failed;

        /// <inheritdoc />
        public string Problem => Failed ? "Host not answering on the serial line" : _problem;

        /// <inheritdoc />
        public LinkFailure Failure => Failed ? LinkFailure.Unreachable : LinkFailure.None;

        /// <inheritdoc />
        public bool Send(byte[] message, int offset, int count, long nowMs)
        {
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            _framer.ClearSendOutcome();
            if (!_framer.Send(message, offset, count, nowMs))
            {
                _problem = "Serial link busy";
                return false;
            }

            _problem = string.Empty;
            return true;
        }

        /// <inheritdoc />
        public void Release() => _framer.Release();

        /// <inheritdoc />
        public void Reset()
        {
            _framer.ClearSendOutcome();
            _framer.Release();
            _rxHave = 0;
            _rxUsed = 0;
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            _port.Write(buffer, offset, count);
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (_port.IsOpen && !_framer.FrameReady)
            {
                if (_rxUsed >= _rxHave && _port.BytesToRead > 0)
                {
                    _rxHave = _port.Read(_rx, 0, _rx.Length);
                    _rxUsed = 0;
                }

                if (_rxHave > _rxUsed)
                {
                    _rxUsed += _framer.Feed(_rx, _rxUsed, _rxHave - _rxUsed, nowMs);
                }
            }

            long framerNext = _framer.Poll(nowMs);
            long next = _port.IsOpen ? nowMs + 5 : Deadline.Never;
            return framerNext < next ? framerNext : next;
        }
    }
}
