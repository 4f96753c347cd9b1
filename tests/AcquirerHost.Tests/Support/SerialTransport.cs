using System.IO.Ports;
using Terminal.Core.Link;

namespace AcquirerHost.Tests.Support;

/// <summary>The terminal's end of a serial link (a pty), framed by Core's <see cref="SerialFramer"/> with ACK/NAK.</summary>
public sealed class SerialTransport : ITerminalTransport
{
    private readonly SerialPort _port;
    private readonly SerialFramer _framer;
    private readonly byte[] _buffer = new byte[1024];
    private int _have;
    private int _used;

    /// <summary>Opens the pty.</summary>
    public SerialTransport(string device)
    {
        _port = new SerialPort(device, 115200) { ReadTimeout = 50 };
        _port.Open();
        _framer = new SerialFramer(new Writer(_port), 4096, 2000, 1000);
    }

    /// <summary>The framer, for its counters (retransmissions, NAKs).</summary>
    public SerialFramer Framer => _framer;

    /// <summary>Writes raw bytes, bypassing the framer (to send a damaged frame).</summary>
    public void WriteRaw(byte[] bytes) => _port.Write(bytes, 0, bytes.Length);

    /// <summary>Reads raw bytes for up to <paramref name="timeoutMs"/> (to see an ACK or NAK).</summary>
    public byte[] ReadRaw(int timeoutMs)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        var got = new List<byte>();
        while (Environment.TickCount64 < deadline)
        {
            if (_port.BytesToRead > 0)
            {
                int n = _port.Read(_buffer, 0, Math.Min(_buffer.Length, _port.BytesToRead));
                got.AddRange(_buffer.AsSpan(0, n).ToArray());
                return [.. got];
            }

            Thread.Sleep(2);
        }

        return [.. got];
    }

    /// <inheritdoc />
    public void Send(byte[] message)
    {
        if (!_framer.Send(message, 0, message.Length, Environment.TickCount64))
        {
            throw new InvalidOperationException("a frame still waits for its ACK");
        }
    }

    /// <inheritdoc />
    public byte[]? Receive(int timeoutMs)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            if (_used >= _have && _port.BytesToRead > 0)
            {
                _have = _port.Read(_buffer, 0, Math.Min(_buffer.Length, _port.BytesToRead));
                _used = 0;
            }

            long now = Environment.TickCount64;
            bool idle = _used >= _have;
            while (_used < _have)
            {
                _used += _framer.Feed(_buffer, _used, _have - _used, now);
                if (_framer.FrameReady)
                {
                    byte[] message = _framer.Frame[.._framer.FrameLength];
                    _framer.Release();
                    return message;
                }
            }

            _framer.Poll(now);
            if (_framer.SendState != SerialSendState.AwaitingAck)
            {
                _framer.ClearSendOutcome();
            }

            if (idle)
            {
                Thread.Sleep(2);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _port.Dispose();

    private sealed class Writer(SerialPort port) : ILinkWriter
    {
        public void Write(byte[] buffer, int offset, int count) => port.Write(buffer, offset, count);
    }
}
