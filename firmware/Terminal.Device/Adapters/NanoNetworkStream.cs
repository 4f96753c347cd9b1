using System;
using System.Net;
using System.Net.Sockets;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// A TCP connection to the acquirer host on nanoFramework's Socket (lwIP underneath). Connect starts a
    /// non-blocking connect and returns; <see cref="State"/> polls the socket (Poll with a zero timeout) until
    /// it is writable (open) or in error (failed). Once open the socket is switched to blocking with a send
    /// timeout, and reads only take what <see cref="Available"/> says has arrived, so neither blocks the loop.
    /// </summary>
    public sealed class NanoNetworkStream : Hal.INetworkStream
    {
        /// <summary>Longest a send may wait for room in the TCP window.</summary>
        public const int SendTimeoutMs = 5000;

        private Socket? _socket;
        private Hal.LinkState _state = Hal.LinkState.Closed;

        /// <inheritdoc />
        public Hal.LinkState State
        {
            get
            {
                if (_state == Hal.LinkState.Connecting)
                {
                    PollConnect();
                }

                return _state;
            }
        }

        /// <inheritdoc />
        public int Available
        {
            get
            {
                if (State != Hal.LinkState.Open || _socket == null)
                {
                    return 0;
                }

                try
                {
                    return _socket.Available;
                }
                catch (SocketException)
                {
                    Fail();
                    return 0;
                }
            }
        }

        /// <inheritdoc />
        public void Connect(string host, int port)
        {
            Close();
            _state = Hal.LinkState.Connecting;
            try
            {
                // A literal address needs no DNS; a name is resolved here (lwIP's resolver blocks briefly).
                IPAddress address = host[0] >= '0' && host[0] <= '9' ? IPAddress.Parse(host) : Dns.GetHostEntry(host).AddressList[0];
                _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _socket.Blocking = false;
                _socket.Connect(new IPEndPoint(address, port));
            }
            catch (Exception)
            {
                // A non-blocking connect reports "in progress" as a SocketException; PollConnect then tells success
                // from failure. Anything thrown before the socket exists (a bad address, DNS) is a failure now.
                if (_socket == null)
                {
                    Fail();
                }
            }
        }

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            int available = Available;
            if (available == 0)
            {
                DetectPeerClose();
                return 0;
            }

            try
            {
                return _socket!.Receive(buffer, offset, available < count ? available : count, SocketFlags.None);
            }
            catch (SocketException)
            {
                Fail();
                return 0;
            }
        }

        /// <inheritdoc />
        public bool Write(byte[] buffer, int offset, int count)
        {
            if (State != Hal.LinkState.Open || _socket == null)
            {
                return false;
            }

            try
            {
                int sent = 0;
                while (sent < count)
                {
                    sent += _socket.Send(buffer, offset + sent, count - sent, SocketFlags.None);
                }

                return true;
            }
            catch (SocketException)
            {
                Fail();
                return false;
            }
        }

        /// <inheritdoc />
        public void Close()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }

            _state = Hal.LinkState.Closed;
        }

        /// <inheritdoc />
        public void Dispose() => Close();

        private void PollConnect()
        {
            if (_socket == null)
            {
                Fail();
                return;
            }

            try
            {
                if (_socket.Poll(0, SelectMode.SelectError))
                {
                    Fail();
                }
                else if (_socket.Poll(0, SelectMode.SelectWrite))
                {
                    _socket.Blocking = true;
                    _socket.SendTimeout = SendTimeoutMs;
                    _state = Hal.LinkState.Open;
                }
            }
            catch (SocketException)
            {
                Fail();
            }
        }

        // Readable with nothing to read means the host closed the connection.
        private void DetectPeerClose()
        {
            if (_state != Hal.LinkState.Open || _socket == null)
            {
                return;
            }

            try
            {
                if (_socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0)
                {
                    Close();
                }
            }
            catch (SocketException)
            {
                Fail();
            }
        }

        private void Fail()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }

            _state = Hal.LinkState.Failed;
        }
    }
}
