using System.Collections.Concurrent;
using System.IO.Ports;
using AcquirerHost.Processing;
using AcquirerHost.Rules;
using Terminal.Core.Link;

namespace AcquirerHost.Links;

/// <summary>
/// The host's serial side: one terminal on a serial line (or a pty), framed by Core's <see cref="SerialFramer"/>
/// (STX, BCD length, data, ETX, LRC; ACK/NAK with retransmission). One thread reads, feeds the framer,
/// polls its timers and sends queued replies one frame at a time (a frame waits for its ACK before the next).
/// </summary>
public sealed class SerialLink : IDisposable
{
    private const int MaxMessage = 4096;

    private readonly SerialPort _port;
    private readonly MessageProcessor _processor;
    private readonly Action<string> _log;
    private readonly SerialFramer _framer;
    private readonly ConcurrentQueue<byte[]> _outbox = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Timer> _timers = [];
    private Thread? _thread;

    /// <summary>Opens nothing yet; <see cref="Start"/> opens <paramref name="device"/> at <paramref name="baud"/>.</summary>
    public SerialLink(string device, int baud, MessageProcessor processor, Action<string> log)
    {
        _port = new SerialPort(device, baud, Parity.None, 8, StopBits.One) { ReadTimeout = 50, WriteTimeout = 2000 };
        _processor = processor;
        _log = log;
        _framer = new SerialFramer(new PortWriter(_port), MaxMessage, 2000, 1000);
    }

    /// <summary>The device path.</summary>
    public string Device => _port.PortName;

    /// <summary>Opens the port and starts the link thread.</summary>
    public void Start()
    {
        _port.Open();
        _port.DiscardInBuffer();
        _thread = new Thread(Run) { IsBackground = true, Name = "serial " + _port.PortName };
        _thread.Start();
        _log($"serial: listening on {_port.PortName}");
    }

    /// <summary>Stops the thread (finishing the request in progress) and closes the port.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        lock (_timers)
        {
            foreach (var t in _timers)
            {
                t.Dispose();
            }
        }

        _port.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[1024];
        while (!_stop.IsCancellationRequested)
        {
            int n = 0;
            try
            {
                if (_port.BytesToRead > 0)
                {
                    n = _port.Read(buffer, 0, Math.Min(buffer.Length, _port.BytesToRead));
                }
            }
            catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
            {
                n = 0;
            }

            long now = Environment.TickCount64;
            int at = 0;
            while (at < n)
            {
                at += _framer.Feed(buffer, at, n - at, now);
                if (_framer.FrameReady)
                {
                    var reply = _processor.Process(_framer.Frame, 0, _framer.FrameLength);
                    _framer.Release();
                    Deliver(reply);
                }
            }

            _framer.Poll(now);
            if (_framer.SendState is SerialSendState.Delivered or SerialSendState.Failed)
            {
                if (_framer.SendState == SerialSendState.Failed)
                {
                    _log("serial: no ACK for a response after retransmissions");
                }

                _framer.ClearSendOutcome();
            }

            if (_framer.SendState == SerialSendState.Idle && _outbox.TryDequeue(out var next))
            {
                _framer.Send(next, 0, next.Length, now);
            }

            if (n == 0)
            {
                Thread.Sleep(2);
            }
        }
    }

    private void Deliver(HostReply? reply)
    {
        if (reply?.Response == null)
        {
            return; // no answer, or "drop the connection", which on a serial line is the same silence
        }

        if (reply.Action == RuleAction.Late)
        {
            var response = reply.Response;
            lock (_timers)
            {
                _timers.Add(new Timer(_ => _outbox.Enqueue(response), null, reply.DelayMs, Timeout.Infinite));
            }

            return;
        }

        _outbox.Enqueue(reply.Response);
        if (reply.Action == RuleAction.Duplicate)
        {
            _outbox.Enqueue(reply.Response);
        }
    }

    /// <summary>Writes the framer's bytes to the port (called on the link thread only).</summary>
    private sealed class PortWriter(SerialPort port) : ILinkWriter
    {
        public void Write(byte[] buffer, int offset, int count) => port.Write(buffer, offset, count);
    }
}
