using Terminal.Drivers.Simulated.Clock;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Simulation;

public class SimulationSchedulerTests
{
    private readonly SimulationScheduler _time = new(new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)));

    [Fact]
    public void Happenings_run_in_time_order_then_in_the_order_they_were_scheduled()
    {
        var order = new List<string>();
        _time.At(2_500, () => order.Add("b"));
        _time.At(1_000, () => order.Add("a"));
        _time.At(2_500, () => order.Add("c"));

        _time.WaitUntil(3);

        Assert.Equal(["a", "b", "c"], order);
        Assert.Equal(3, _time.NowMs);
    }

    [Fact]
    public void Each_happening_runs_at_its_own_time()
    {
        long seenUs = -1;
        _time.At(1_750, () => seenUs = _time.NowUs);

        _time.WaitUntil(10);

        Assert.Equal(1_750, seenUs);
    }

    [Fact]
    public void A_wait_ends_early_when_a_happening_posts_an_event()
    {
        _time.At(4_000, () => _time.Wake());
        _time.At(6_000, () => { });

        _time.WaitUntil(100);

        Assert.Equal(4, _time.NowMs);
        Assert.Equal(1, _time.Pending);
    }

    [Fact]
    public void A_wait_for_never_runs_just_the_next_happening()
    {
        int runs = 0;
        _time.At(10_000, () => runs++);
        _time.At(20_000, () => runs++);

        _time.WaitUntil(Deadline.Never);

        Assert.Equal((1, 10L), (runs, _time.NowMs));
    }
}
