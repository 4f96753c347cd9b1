using Terminal.Core.Runtime;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Hal;
using Terminal.Simulator.Board;

namespace Terminal.Simulator.Bench;

/// <summary>Benchmarks of the event loop: events through the ring, and idle ticks of the whole board.</summary>
public static class LoopBench
{
    /// <summary>10,000 events posted and dispatched, then idle ticks of a booted simulated terminal.</summary>
    public static IEnumerable<BenchResult> Run()
    {
        var clock = new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local));
        var loop = new EventLoop(clock, 64, 16, 8);
        var counter = new CountingHandler();
        loop.SetHandler(counter);
        yield return Measure.Run("loop: post + dispatch", "event", 10_000, n =>
        {
            for (int i = 0; i < n; i++)
            {
                loop.Events.Post(EventKind.KeyDown, KeyCode.Digit0 + (i % 10), i, EventPriority.Normal);
                clock.Advance(1);
                loop.RunOnce();
            }
        });

        using var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();
        board.RunFor(5_000);
        var virtualClock = board.VirtualClock!;
        yield return Measure.Run("idle tick (booted terminal)", "tick", 10_000, n =>
        {
            for (int i = 0; i < n; i++)
            {
                virtualClock.Advance(10);
                board.Loop.RunOnce();
            }
        });
    }

    private sealed class CountingHandler : IEventHandler
    {
        public long Count;

        public void OnEvent(DeviceEvent e) => Count += e.Code;

        public void OnFault(string where, Exception error) => Count = -1;
    }
}
