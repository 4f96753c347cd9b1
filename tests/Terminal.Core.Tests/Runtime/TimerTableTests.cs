using Terminal.Core.Runtime;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Runtime;

public class TimerTableTests
{
    private sealed class Log : ITimerHandler
    {
        public List<(int Id, long At)> Fired { get; } = [];

        public void OnTimer(int timerId, long nowMs) => Fired.Add((timerId, nowMs));
    }

    [Fact]
    public void Due_timers_fire_earliest_deadline_first()
    {
        var table = new TimerTable(4);
        var log = new Log();
        int late = table.Start(log, 300, 0);
        int early = table.Start(log, 100, 0);

        Assert.Equal(2, table.FireDue(500));
        Assert.Equal(new[] { early, late }, log.Fired.Select(f => f.Id));
    }

    [Fact]
    public void A_one_shot_timer_fires_once_and_frees_its_slot()
    {
        var table = new TimerTable(1);
        var log = new Log();
        int id = table.Start(log, 10, 0);

        table.FireDue(10);
        table.FireDue(20);

        Assert.Single(log.Fired);
        Assert.False(table.IsActive(id));
        Assert.NotEqual(-1, table.Start(log, 30, 0));
    }

    [Fact]
    public void A_periodic_timer_keeps_its_phase_without_a_burst_after_a_late_loop()
    {
        var table = new TimerTable(2);
        var log = new Log();
        table.Start(log, 100, 100);

        table.FireDue(100);
        table.FireDue(450);

        Assert.Equal(2, log.Fired.Count);
        Assert.Equal(500, table.NextDeadline);
    }

    [Fact]
    public void Cancelling_a_stale_id_does_not_cancel_the_timer_now_in_its_slot()
    {
        var table = new TimerTable(1);
        var log = new Log();
        int old = table.Start(log, 10, 0);
        table.FireDue(10);
        int current = table.Start(log, 50, 0);

        table.Cancel(old);

        Assert.True(table.IsActive(current));
        Assert.Equal(50, table.NextDeadline);
    }

    [Fact]
    public void A_full_table_refuses_a_new_timer_with_minus_one()
    {
        var table = new TimerTable(1);
        var log = new Log();
        table.Start(log, 10, 0);

        Assert.Equal(-1, table.Start(log, 20, 0));
        Assert.Equal(Deadline.Never, new TimerTable(1).NextDeadline);
    }
}
