using Terminal.Core.Runtime;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Runtime;

public class EventLoopTests
{
    private readonly VirtualClock _clock = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local));

    private sealed class Recorder : IEventHandler
    {
        public List<DeviceEvent> Events { get; } = [];

        public List<string> Faults { get; } = [];

        public Func<DeviceEvent, bool> ThrowWhen { get; set; } = _ => false;

        public void OnEvent(DeviceEvent e)
        {
            Events.Add(e);
            if (ThrowWhen(e))
            {
                throw new InvalidOperationException("bad card response");
            }
        }

        public void OnFault(string where, Exception error) => Faults.Add(where + ": " + error.Message);
    }

    private sealed class PolledDevice : IPolledDevice
    {
        public List<long> Polls { get; } = [];

        /// <summary>Poll interval, or Deadline.Never for a device idle until an event.</summary>
        public long Interval { get; set; } = Deadline.Never;

        public Exception? Throw { get; set; }

        public long Poll(long nowMs)
        {
            Polls.Add(nowMs);
            if (Throw != null)
            {
                throw Throw;
            }

            return Interval == Deadline.Never ? Deadline.Never : nowMs + Interval;
        }
    }

    [Fact]
    public void Posted_events_are_dispatched_in_order_on_the_next_iteration()
    {
        var loop = new EventLoop(_clock, 8, 4, 2);
        var rec = new Recorder();
        loop.SetHandler(rec);
        loop.Events.Post(EventKind.KeyDown, KeyCode.Digit0 + 5, 0, EventPriority.Normal);
        loop.Events.Post(EventKind.KeyUp, KeyCode.Digit0 + 5, 0, EventPriority.Normal);

        loop.RunOnce();

        Assert.Equal(new[] { EventKind.KeyDown, EventKind.KeyUp }, rec.Events.Select(e => e.Kind));
        Assert.Equal(2, loop.Dispatched);
    }

    [Fact]
    public void An_exception_in_a_handler_is_contained_reported_and_the_next_event_still_handled()
    {
        var loop = new EventLoop(_clock, 8, 4, 2);
        var rec = new Recorder { ThrowWhen = e => e.Code == 1 };
        loop.SetHandler(rec);
        loop.Events.Post(EventKind.User, 1, 0, EventPriority.Normal);
        loop.Events.Post(EventKind.User, 2, 0, EventPriority.Normal);

        loop.RunOnce();

        Assert.Equal(new[] { 1, 2 }, rec.Events.Select(e => e.Code));
        Assert.Equal(new[] { "event: bad card response" }, rec.Faults);
        Assert.Equal(1, loop.Faults);
    }

    [Fact]
    public void Power_loss_is_never_swallowed_by_the_loop()
    {
        var loop = new EventLoop(_clock, 8, 4, 2);
        var device = new PolledDevice { Throw = new PowerLossException("flash program") };
        loop.AddPolled(device);

        Assert.Throws<PowerLossException>(() => loop.RunOnce());
    }

    [Fact]
    public void A_throwing_driver_is_contained_and_retried_a_second_later_not_spun()
    {
        var loop = new EventLoop(_clock, 8, 4, 2);
        var rec = new Recorder();
        loop.SetHandler(rec);
        var device = new PolledDevice { Throw = new InvalidOperationException("SPI garbage") };
        loop.AddPolled(device);

        loop.RunOnce();
        loop.RunOnce();

        Assert.Single(device.Polls);
        Assert.Equal(1000, loop.NextDeadline);
        Assert.Equal(new[] { "poll: SPI garbage" }, rec.Faults);
    }

    [Fact]
    public void A_device_is_polled_when_due_and_an_idle_device_again_after_any_event()
    {
        var loop = new EventLoop(_clock, 8, 4, 2);
        loop.SetHandler(new Recorder());
        var scanning = new PolledDevice { Interval = 10 };
        var idle = new PolledDevice { Interval = Deadline.Never };
        loop.AddPolled(scanning);
        loop.AddPolled(idle);

        loop.RunOnce();
        _clock.Advance(5);
        loop.RunOnce();
        _clock.Advance(5);
        loop.RunOnce();
        loop.Events.Post(EventKind.KeyDown, KeyCode.Enter, 0, EventPriority.Normal);
        loop.RunOnce();

        Assert.Equal(new long[] { 0, 10 }, scanning.Polls);
        Assert.Equal(new long[] { 0, 10 }, idle.Polls);
    }

    [Fact]
    public void An_idle_device_is_polled_again_after_a_timer_fires_since_its_handler_may_have_started_work()
    {
        // A flow started from a timer (the power-up wait for F1, a retry) hands a message to a driver that says
        // "only after an event": it must still be polled, or its answer is never read.
        var loop = new EventLoop(_clock, 8, 4, 2);
        loop.SetHandler(new Recorder());
        var idle = new PolledDevice { Interval = Deadline.Never };
        loop.AddPolled(idle);
        loop.Timers.Start(new TimerProbe([]), 50, 0);

        loop.RunOnce();
        loop.RunUntil(100);

        Assert.Equal(new long[] { 0, 50 }, idle.Polls);
    }

    [Fact]
    public void RunUntil_jumps_the_virtual_clock_from_deadline_to_deadline()
    {
        var loop = new EventLoop(_clock, 8, 4, 2);
        var fired = new List<long>();
        var handler = new TimerProbe(fired);
        loop.Timers.Start(handler, 1_000, 1_000);

        loop.RunUntil(3_500);

        Assert.Equal(new long[] { 1_000, 2_000, 3_000 }, fired);
        Assert.Equal(3_500, _clock.NowMs);
    }

    [Fact]
    public void Run_waits_on_a_real_clock_until_stopped_from_another_thread()
    {
        using var clock = new SystemClock();
        var loop = new EventLoop(clock, 8, 4, 2);
        var rec = new Recorder();
        loop.SetHandler(rec);
        var runner = new Thread(loop.Run);
        runner.Start();

        loop.Events.Post(EventKind.User, 42, 0, EventPriority.Normal);
        SpinWait.SpinUntil(() => loop.Dispatched == 1, TimeSpan.FromSeconds(10));
        loop.Stop();

        Assert.True(runner.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(42, Assert.Single(rec.Events).Code);
    }

    private sealed class TimerProbe(List<long> fired) : ITimerHandler
    {
        public void OnTimer(int timerId, long nowMs) => fired.Add(nowMs);
    }
}
