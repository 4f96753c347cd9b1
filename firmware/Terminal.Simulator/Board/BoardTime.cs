using Terminal.Hal;

namespace Terminal.Simulator.Board;

/// <summary>
/// A board's wall clock as a <see cref="TimeProvider"/>, for the acquirer host a simulation runs: its answers' dates
/// and times, which set the terminal's clock at sign-in, and its rows' stamps follow the terminal's virtual clock,
/// so the terminal, its receipts and reports and the host keep one time. <paramref name="clock"/> is asked each
/// time: a rig rebuilds its board at every reboot.
/// </summary>
public sealed class BoardTime(Func<IClock> clock) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(clock().WallTime.ToUniversalTime());

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Local;
}
