using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// A TCP connection to the acquirer host on nanoFramework's Socket (lwIP underneath). nanoFramework's
    /// Socket has no public Blocking switch, so Connect runs the blocking connect (and any DNS lookup) on a
    /// short-lived worker thread and returns at once; the loop sees <see cref="State"/> go from Connecting to
    /// Open or Failed. Reads take only what <see cref="Available"/> says has arrived and Poll(0) detects the
    /// host closing, so nothing the loop calls waits on the network except a send, bounded by SendTimeout.
    /// </summary>
    public sealed class NanoNetworkStream : Hal.INetworkStream
    {
        /// <summary>Longest a send may wait for room in the TCP window.</summary>
        public const int SendTimeoutMs = 5000;

        private readonly object _lock = new object();
        private Socket? _socket;
        private Hal.LinkState _state = Hal.LinkState.Closed;
        private int _attempt; // a connect worker only publishes its socket if no Close or Connect came after it

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
                    return socket.Available;
                }
                catch (SocketException)
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
                int available = socket.Available;
                if (available == 0)
                {
                    // Readable with nothing to read means the host closed the connection.
                    if (socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0)
                    {
                        Close();
                    }

                    return 0;
                }

                return socket.Receive(buffer, offset, available < count ? available : count, SocketFlags.None);
            }
            catch (SocketException)
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
                int sent = 0;
                while (sent < count)
                {
                    sent += socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
                }

                return true;
            }
            catch (SocketException)
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
            try
            {
                // A literal address needs no DNS; a name goes through lwIP's resolver, here off the loop thread.
                IPAddress address = host[0] >= '0' && host[0] <= '9' ? IPAddress.Parse(host) : Dns.GetHostEntry(host).AddressList[0];
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.SendTimeout = SendTimeoutMs;

                // Requests and replies are single small frames; Nagle would hold each back for an ACK.
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                socket.Connect(new IPEndPoint(address, port));
                lock (_lock)
                {
                    if (attempt == _attempt)
                    {
                        _socket = socket;
                        socket = null;
                        _state = Hal.LinkState.Open;
                    }
                }
            }
            catch (Exception)
            {
                lock (_lock)
                {
                    if (attempt == _attempt)
                    {
                        _state = Hal.LinkState.Failed;
                    }
                }
            }
            finally
            {
                // A failed attempt, or one overtaken by Close or a newer Connect, leaves nothing open.
                if (socket != null)
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

        private void Fail(Socket socket)
        {
            lock (_lock)
            {
                if (_socket == socket)
                {
                    CloseLocked();
                    _state = Hal.LinkState.Failed;
                }
            }
        }

        private void CloseLocked()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }
    }
}
