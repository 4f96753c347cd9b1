using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Clock;

/// <summary>
/// Simulated time: waiting jumps straight to the deadline, so a business day runs in milliseconds and
/// every run with the same inputs is identical. Only the owner of the simulation moves it.
/// </summary>
public sealed class VirtualClock : IClock
{
    private long _now;
    private DateTime _wallBase;
    private long _wallBaseMs;

    /// <summary>Starts at 0 ms with the wall clock at <paramref name="wallStart"/>.</summary>
    public VirtualClock(DateTime wallStart) => _wallBase = wallStart;

    /// <inheritdoc />
    public long NowMs => Interlocked.Read(ref _now);

    /// <inheritdoc />
    public DateTime WallTime => _wallBase.AddMilliseconds(NowMs - _wallBaseMs);

    /// <summary>Times <see cref="Wake"/> was called (producers posting events).</summary>
    public long Wakes { get; private set; }

    /// <inheritdoc />
    public void SetWallTime(DateTime time)
    {
        _wallBase = time;
        _wallBaseMs = NowMs;
    }

    /// <summary>Jumps to the deadline; a wait for <see cref="Deadline.Never"/> returns at once (the simulation decides what happens next).</summary>
    public void WaitUntil(long deadlineMs)
    {
        if (deadlineMs != Deadline.Never)
        {
            AdvanceTo(deadlineMs);
        }
    }

    /// <inheritdoc />
    public void Wake() => Wakes++;

    /// <summary>Moves time forward to <paramref name="ms"/> (never backwards).</summary>
    public void AdvanceTo(long ms)
    {
        if (ms > NowMs)
        {
            Interlocked.Exchange(ref _now, ms);
        }
    }

    /// <summary>Moves time forward by <paramref name="ms"/>.</summary>
    public void Advance(long ms) => AdvanceTo(NowMs + ms);
}
