using System.Net;
using System.Net.Sockets;
using Terminal.Core.Link;

namespace AcquirerHost.Tests.Support;

/// <summary>A loopback TCP connection to the host, framed by Core's <see cref="TcpFramer"/>.</summary>
public sealed class TcpTransport : ITerminalTransport
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly TcpFramer _framer = new(4096, 5000);
    private readonly byte[] _buffer = new byte[4096];
    private int _have;
    private int _used;

    /// <summary>Connects to the host on loopback.</summary>
    public TcpTransport(int port)
    {
        _client = new TcpClient();
        _client.Connect(IPAddress.Loopback, port);
        _stream = _client.GetStream();
    }

    /// <inheritdoc />
    public void Send(byte[] message)
    {
        var frame = new byte[message.Length + TcpFramer.PrefixLength];
        TcpFramer.WritePrefix(frame, 0, message.Length);
        message.CopyTo(frame, TcpFramer.PrefixLength);
        _stream.Write(frame);
    }

    /// <inheritdoc />
    public byte[]? Receive(int timeoutMs)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            while (_used < _have)
            {
                _used += _framer.Feed(_buffer, _used, _have - _used, Environment.TickCount64);
                if (_framer.FrameReady)
                {
                    byte[] message = _framer.Frame[.._framer.FrameLength];
                    _framer.Release();
                    return message;
                }
            }

            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return null;
            }

            _client.ReceiveTimeout = (int)Math.Max(1, left);
            try
            {
                _have = _stream.Read(_buffer, 0, _buffer.Length);
                _used = 0;
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                return null;
            }

            if (_have == 0)
            {
                throw new EndOfStreamException("the host closed the connection");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
