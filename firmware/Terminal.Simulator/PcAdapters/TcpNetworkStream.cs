using System.Net.Sockets;
using Terminal.Hal;

namespace Terminal.Simulator.PcAdapters;

/// <summary>
/// The host link of the PC board: a real TCP socket behind the non-blocking <see cref="INetworkStream"/>
/// (what the Wi-Fi socket adapter is on the device). Connect starts the connection; reads never block.
/// </summary>
public sealed class TcpNetworkStream : INetworkStream
{
    private Socket? _socket;
    private Task? _connecting;
    private LinkState _state = LinkState.Closed;
    private LinkFailure _failure;

    /// <inheritdoc />
    public LinkState State
    {
        get
        {
            if (_state == LinkState.Connecting && _connecting is { IsCompleted: true })
            {
                _state = _connecting.IsCompletedSuccessfully ? LinkState.Open : LinkState.Failed;
                _failure = _connecting.IsCompletedSuccessfully ? LinkFailure.None : LinkFailure.Unreachable;
                _connecting = null;
            }

            return _state;
        }
    }

    /// <inheritdoc />
    public LinkFailure Failure => _failure;

    /// <inheritdoc />
    public int Available
    {
        get
        {
            if (State != LinkState.Open || _socket == null)
            {
                return 0;
            }

            try
            {
                return _socket.Available;
            }
            catch (SocketException)
            {
                _state = LinkState.Failed;
                _failure = LinkFailure.Lost;
                return 0;
            }
        }
    }

    /// <inheritdoc />
    public void Connect(string host, int port)
    {
        Close();
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _state = LinkState.Connecting;
        _failure = LinkFailure.None;
        _connecting = _socket.ConnectAsync(host, port);
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        if (State != LinkState.Open || _socket == null)
        {
            return 0;
        }

        try
        {
            if (_socket.Available == 0)
            {
                // Zero available and readable means the peer closed the connection.
                if (!_socket.Poll(0, SelectMode.SelectRead))
                {
                    return 0;
                }

                // Readable: either the peer closed, or bytes arrived between the two checks.
                if (_socket.Available == 0)
                {
                    _state = LinkState.Closed;
                    _failure = LinkFailure.Lost;
                    return 0;
                }
            }

            return _socket.Receive(buffer, offset, count, SocketFlags.None);
        }
        catch (SocketException)
        {
            _state = LinkState.Failed;
            _failure = LinkFailure.Lost;
            return 0;
        }
    }

    /// <inheritdoc />
    public bool Write(byte[] buffer, int offset, int count)
    {
        if (State != LinkState.Open || _socket == null)
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
            _state = LinkState.Failed;
            _failure = LinkFailure.Lost;
            return false;
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _connecting = null;
        _state = LinkState.Closed;
    }

    /// <inheritdoc />
    public void Dispose() => Close();
}
