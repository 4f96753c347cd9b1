using System.Diagnostics;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Clock;

/// <summary>Real time for interactive simulator sessions: a stopwatch and a wake-able wait.</summary>
public sealed class SystemClock : IClock, IDisposable
{
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private readonly AutoResetEvent _wake = new(false);
    private TimeSpan _wallOffset;

    /// <inheritdoc />
    public long NowMs => _uptime.ElapsedMilliseconds;

    /// <inheritdoc />
    public DateTime WallTime => DateTime.Now + _wallOffset;

    /// <inheritdoc />
    public void SetWallTime(DateTime time) => _wallOffset = time - DateTime.Now;

    /// <inheritdoc />
    public void WaitUntil(long deadlineMs)
    {
        long wait = deadlineMs == Deadline.Never ? Timeout.Infinite : Math.Max(0, deadlineMs - NowMs);
        _wake.WaitOne(wait > int.MaxValue ? Timeout.Infinite : (int)wait);
    }

    /// <inheritdoc />
    public void Wake() => _wake.Set();

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();
}
