using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Clock;

/// <summary>
/// Virtual time with a timeline of scheduled hardware happenings (contact bounce, strobe edges) at
/// microsecond resolution. It is the loop's clock in a simulation: waiting runs every happening due before
/// the deadline in time order, and returns early when one of them posts an event (the loop must see it).
/// </summary>
public sealed class SimulationScheduler : IClock
{
    private readonly VirtualClock _clock;
    private readonly PriorityQueue<Action, (long AtUs, long Seq)> _timeline = new();
    private long _nowUs;
    private long _seq;
    private bool _woken;

    /// <summary>Drives <paramref name="clock"/>; the scheduler is the only one that moves it from now on.</summary>
    public SimulationScheduler(VirtualClock clock)
    {
        _clock = clock;
        _nowUs = clock.NowMs * 1000;
    }

    /// <summary>The underlying virtual clock.</summary>
    public VirtualClock Clock => _clock;

    /// <inheritdoc />
    public long NowMs => _clock.NowMs;

    /// <summary>Simulated time in microseconds (finer than the clock's milliseconds).</summary>
    public long NowUs => Math.Max(_nowUs, _clock.NowMs * 1000);

    /// <inheritdoc />
    public DateTime WallTime => _clock.WallTime;

    /// <summary>Happenings still on the timeline.</summary>
    public int Pending => _timeline.Count;

    /// <summary>Time of the next happening in microseconds, or <see cref="long.MaxValue"/> when none.</summary>
    public long NextUs => _timeline.TryPeek(out _, out var key) ? key.AtUs : long.MaxValue;

    /// <inheritdoc />
    public void SetWallTime(DateTime time) => _clock.SetWallTime(time);

    /// <summary>Runs <paramref name="action"/> at <paramref name="atUs"/> (now, if that is past); same-time actions run in scheduling order.</summary>
    public void At(long atUs, Action action) => _timeline.Enqueue(action, (Math.Max(atUs, NowUs), _seq++));

    /// <summary>Runs <paramref name="action"/> <paramref name="delayUs"/> microseconds from now.</summary>
    public void After(long delayUs, Action action) => At(NowUs + delayUs, action);

    /// <summary>
    /// Runs the timeline up to <paramref name="deadlineMs"/>, then sets the clock there; returns early, at the
    /// time of the happening, when it posted an event. A wait for <see cref="Deadline.Never"/> runs only the next happening.
    /// </summary>
    public void WaitUntil(long deadlineMs)
    {
        _woken = false;
        if (deadlineMs == Deadline.Never)
        {
            RunNext();
            return;
        }

        long deadlineUs = deadlineMs * 1000;
        while (!_woken && _timeline.TryPeek(out _, out var key) && key.AtUs <= deadlineUs)
        {
            RunNext();
        }

        if (!_woken)
        {
            MoveTo(deadlineUs);
        }
    }

    /// <summary>Runs every happening due up to <paramref name="us"/> and moves time there (tests driving time directly).</summary>
    public void AdvanceToUs(long us)
    {
        while (_timeline.TryPeek(out _, out var key) && key.AtUs <= us)
        {
            RunNext();
        }

        MoveTo(us);
    }

    /// <summary>Runs every happening due in the next <paramref name="ms"/> milliseconds and moves time on.</summary>
    public void AdvanceMs(long ms) => AdvanceToUs(NowUs + (ms * 1000));

    /// <inheritdoc />
    public void Wake()
    {
        _woken = true;
        _clock.Wake();
    }

    private void RunNext()
    {
        if (!_timeline.TryDequeue(out var action, out var key))
        {
            return;
        }

        MoveTo(key.AtUs);
        action();
    }

    private void MoveTo(long us)
    {
        if (us > _nowUs)
        {
            _nowUs = us;
        }

        _clock.AdvanceTo(_nowUs / 1000);
    }
}
