using AcquirerHost.Processing;
using AcquirerHost.Rules;
using Terminal.Core.Host;
using Terminal.Hal;

namespace Terminal.Simulator.Board;

/// <summary>What the link does to the next exchange (a fault drawn from the seed).</summary>
public enum LinkFault
{
    /// <summary>Delivered as the host answers.</summary>
    None,
    /// <summary>The request never reaches the host (the terminal times out; the host knows nothing).</summary>
    DropRequest,
    /// <summary>The host processes it, the answer is lost (the terminal times out; the host has it).</summary>
    DropResponse,
    /// <summary>The answer arrives after the terminal's timeout.</summary>
    Late,
    /// <summary>The answer arrives twice.</summary>
    Duplicate,
    /// <summary>Bytes of the answer are damaged on the way.</summary>
    Corrupt,
    /// <summary>The answer's MAC is wrong.</summary>
    BadMac,
    /// <summary>The link is down: nothing can be sent.</summary>
    LinkDown,
}

/// <summary>
/// The terminal's host link straight into AcquirerHost's message processor, on the virtual clock: a
/// request is processed when sent and its answer delivered after a latency, unless a fault drawn by the
/// campaign says otherwise. Deterministic: no threads, no sockets, no real time.
/// </summary>
public sealed class InProcessHostLink(MessageProcessor host, IClock clock) : IHostTransport
{
    private readonly Queue<(long DueMs, byte[] Bytes)> _inbound = new();
    private byte[] _frame = [];
    private int _frameLength;
    private string _problem = string.Empty;
    private bool _failed;

    /// <summary>Answer latency in virtual milliseconds.</summary>
    public int LatencyMs { get; set; } = 120;

    /// <summary>Delay of a late answer (past the terminal's timeouts).</summary>
    public int LateMs { get; set; } = 45_000;

    /// <summary>The fault applied to the next exchange, then reset to <see cref="LinkFault.None"/>.</summary>
    public LinkFault NextFault { get; set; }

    /// <summary>Faults applied so far, by kind.</summary>
    public Dictionary<LinkFault, int> Applied { get; } = [];

    /// <summary>Wall time spent inside the host (its database included).</summary>
    public TimeSpan HostTime { get; private set; }

    /// <summary>Requests that reached the host.</summary>
    public int Delivered { get; private set; }

    /// <inheritdoc />
    public int FrameLength => _frameLength;

    /// <inheritdoc />
    public byte[] Frame => _frame;

    /// <inheritdoc />
    public bool Failed => _failed;

    /// <inheritdoc />
    public string Problem => _problem;

    /// <inheritdoc />
    public LinkFailure Failure => LinkFailure.None;

    /// <inheritdoc />
    public bool Send(byte[] message, int offset, int count, long nowMs)
    {
        LinkFault fault = NextFault;
        NextFault = LinkFault.None;
        if (fault != LinkFault.None)
        {
            Applied[fault] = Applied.GetValueOrDefault(fault) + 1;
        }

        _failed = false;
        if (fault == LinkFault.LinkDown)
        {
            _failed = true;
            _problem = "Host link down";
            return false;
        }

        if (fault == LinkFault.DropRequest)
        {
            return true;
        }

        Delivered++;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        HostReply? reply = host.Process(message, offset, count);
        HostTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (reply?.Response == null || fault == LinkFault.DropResponse || reply.Action is RuleAction.NoAnswer or RuleAction.DropConnection)
        {
            return true;
        }

        byte[] answer = reply.Response;
        switch (fault)
        {
            case LinkFault.Corrupt:
                answer = (byte[])answer.Clone();
                answer[answer.Length / 2] ^= 0x5A;
                answer[(answer.Length / 3) + 1] ^= 0xA5;
                break;
            case LinkFault.BadMac:
                answer = (byte[])answer.Clone();
                answer[^1] ^= 0x01;
                break;
            default:
                break;
        }

        long due = clock.NowMs + (fault == LinkFault.Late ? LateMs : LatencyMs + reply.DelayMs);
        _inbound.Enqueue((due, answer));
        if (fault == LinkFault.Duplicate || reply.Action == RuleAction.Duplicate)
        {
            _inbound.Enqueue((due + 5, answer));
        }

        return true;
    }

    /// <inheritdoc />
    public void Release()
    {
        _frameLength = 0;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _inbound.Clear();
        _frameLength = 0;
    }

    /// <inheritdoc />
    public long Poll(long nowMs)
    {
        if (_frameLength == 0 && _inbound.Count > 0 && _inbound.Peek().DueMs <= nowMs)
        {
            _frame = _inbound.Dequeue().Bytes;
            _frameLength = _frame.Length;
        }

        if (_frameLength > 0)
        {
            return nowMs;
        }

        return _inbound.Count > 0 ? _inbound.Peek().DueMs : Deadline.Never;
    }

    /// <summary>Forgets answers in flight (the terminal lost power: its link went with it).</summary>
    public void PowerCut()
    {
        _inbound.Clear();
        _frameLength = 0;
        _failed = false;
    }
}
