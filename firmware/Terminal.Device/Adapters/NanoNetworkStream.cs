using System;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// A TCP connection to the acquirer host on nanoFramework's Socket (lwIP underneath), plain or TLS 1.2 through
    /// nanoFramework's SslStream (mbedTLS underneath) with the host's CA pinned. nanoFramework's Socket has no public
    /// Blocking switch, so Connect runs the blocking connect (and any DNS lookup, and the TLS handshake) on a
    /// short-lived worker thread and returns at once; the loop sees <see cref="State"/> go from Connecting to
    /// Open or Failed. Reads take only what has arrived (<see cref="Available"/>: the socket's bytes, or the TLS
    /// stream's decrypted ones) and Poll(0) detects the host closing, so nothing the loop calls waits on the network
    /// except a send, bounded by SendTimeout.
    /// </summary>
    public sealed class NanoNetworkStream : Hal.INetworkStream
    {
        /// <summary>Longest a send may wait for room in the TCP window.</summary>
        public const int SendTimeoutMs = 5000;

        private readonly object _lock = new object();
        private readonly byte[]? _authority;
        private Socket? _socket;
        private SslStream? _tls;
        private Hal.LinkFailure _failure;
        private Hal.LinkState _state = Hal.LinkState.Closed;
        private int _attempt; // a connect worker only publishes its socket if no Close or Connect came after it

        /// <summary>A plain TCP link.</summary>
        public NanoNetworkStream()
        {
        }

        /// <summary>
        /// A TLS 1.2 link that trusts only the CA certificate <paramref name="authority"/> (DER, or PEM ending in a zero
        /// byte) and checks that the host's certificate names the host connected to; null for plain TCP.
        /// </summary>
        public NanoNetworkStream(byte[]? authority)
        {
            _authority = authority;
        }

        /// <inheritdoc />
        public Hal.LinkFailure Failure
        {
            get
            {
                lock (_lock)
                {
                    return _failure;
                }
            }
        }

        /// <inheritdoc />
        public Hal.LinkState State
        {
            get
            {
                lock (_lock)
                {
                    return _state;
                }
            }
        }

        /// <inheritdoc />
        public int Available
        {
            get
            {
                Socket? socket = OpenSocket();
                if (socket == null)
                {
                    return 0;
                }

                try
                {
                    SslStream? tls = Tls();
                    return tls != null ? (int)tls.Length : socket.Available;
                }
                catch (Exception)
                {
                    Fail(socket);
                    return 0;
                }
            }
        }

        /// <inheritdoc />
        public void Connect(string host, int port)
        {
            int attempt;
            lock (_lock)
            {
                CloseLocked();
                attempt = ++_attempt;
                _state = Hal.LinkState.Connecting;
                _failure = Hal.LinkFailure.None;
            }

            new Thread(() => ConnectWorker(attempt, host, port)).Start();
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            Socket? socket = OpenSocket();
            if (socket == null)
            {
                return 0;
            }

            try
            {
                SslStream? tls = Tls();
                int available = tls != null ? (int)tls.Length : socket.Available;
                if (available == 0)
                {
                    // Readable with nothing to read means the host closed the connection.
                    if (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0 && (tls == null || tls.Length == 0))
                    {
                        Lost(socket, Hal.LinkState.Closed);
                    }

                    return 0;
                }

                // Only what has arrived (decrypted, for TLS): neither call waits for more.
                int n = available < count ? available : count;
                return tls != null ? tls.Read(buffer, offset, n) : socket.Receive(buffer, offset, n, SocketFlags.None);
            }
            catch (Exception)
            {
                Fail(socket);
                return 0;
            }
        }

        /// <inheritdoc />
        public bool Write(byte[] buffer, int offset, int count)
        {
            Socket? socket = OpenSocket();
            if (socket == null)
            {
                return false;
            }

            try
            {
                SslStream? tls = Tls();
                if (tls != null)
                {
                    tls.Write(buffer, offset, count);
                    return true;
                }

                int sent = 0;
                while (sent < count)
                {
                    sent += socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
                }

                return true;
            }
            catch (Exception)
            {
                Fail(socket);
                return false;
            }
        }

        /// <inheritdoc />
        public void Close()
        {
            lock (_lock)
            {
                _attempt++;
                CloseLocked();
                _state = Hal.LinkState.Closed;
            }
        }

        /// <inheritdoc />
        public void Dispose() => Close();

        private void ConnectWorker(int attempt, string host, int port)
        {
            Socket? socket = null;
            SslStream? tls = null;
            Hal.LinkFailure failure = Hal.LinkFailure.Unreachable;
            try
            {
                // A literal address needs no DNS; a name goes through lwIP's resolver, here off the loop thread.
                IPAddress address = host[0] >= '0' && host[0] <= '9' ? IPAddress.Parse(host) : Dns.GetHostEntry(host).AddressList[0];
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.SendTimeout = SendTimeoutMs;

                // Requests and replies are single small frames; Nagle would hold each back for an ACK.
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                socket.Connect(new IPEndPoint(address, port));
                if (_authority != null)
                {
                    // TLS 1.2, the pinned CA only, the certificate's name checked against host by mbedTLS. The handshake
                    // (an RSA-2048 verify and key exchange) runs here, off the loop. nanoFramework throws one
                    // SocketException for every refusal, so the reason cannot be told apart.
                    failure = Hal.LinkFailure.CertificateRefused;
                    tls = new SslStream(socket);
                    tls.SslVerification = SslVerification.CertificateRequired;
                    tls.AuthenticateAsClient(host, null, new X509Certificate(_authority), SslProtocols.Tls12);
                }

                lock (_lock)
                {
                    if (attempt == _attempt)
                    {
                        _socket = socket;
                        _tls = tls;
                        socket = null;
                        tls = null;
                        _state = Hal.LinkState.Open;
                    }
                }
            }
            catch (Exception e)
            {
                Debug.WriteLine("host link: " + (failure == Hal.LinkFailure.Unreachable ? "connect" : "TLS handshake") + " failed: " + e.Message);
                lock (_lock)
                {
                    if (attempt == _attempt)
                    {
                        _state = Hal.LinkState.Failed;
                        _failure = failure;
                    }
                }
            }
            finally
            {
                // A failed attempt, or one overtaken by Close or a newer Connect, leaves nothing open (the TLS
                // stream owns its socket).
                if (tls != null)
                {
                    tls.Dispose();
                }
                else if (socket != null)
                {
                    socket.Close();
                }
            }
        }

        private Socket? OpenSocket()
        {
            lock (_lock)
            {
                return _state == Hal.LinkState.Open ? _socket : null;
            }
        }

        private SslStream? Tls()
        {
            lock (_lock)
            {
                return _tls;
            }
        }

        private void Fail(Socket socket) => Lost(socket, Hal.LinkState.Failed);

        private void Lost(Socket socket, Hal.LinkState state)
        {
            lock (_lock)
            {
                if (_socket == socket)
                {
                    CloseLocked();
                    _state = state;
                    _failure = Hal.LinkFailure.Lost;
                }
            }
        }

        private void CloseLocked()
        {
            if (_tls != null)
            {
                // Closes its socket too.
                _tls.Dispose();
                _tls = null;
                _socket = null;
            }

            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }
    }
}
