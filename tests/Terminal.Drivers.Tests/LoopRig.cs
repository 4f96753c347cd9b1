using Terminal.Core.Runtime;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Hal;

namespace Terminal.Drivers.Tests;

/// <summary>The firmware's real event loop on simulated time and pins, recording every event it dispatches.</summary>
internal sealed class LoopRig : IEventHandler
{
    public LoopRig()
    {
        Time = new SimulationScheduler(new VirtualClock(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local)));
        Loop = new EventLoop(Time, eventCapacity: 64, timerCapacity: 4, polledCapacity: 4);
        Loop.SetHandler(this);
    }

    public SimulationScheduler Time { get; }

    public SimulatedGpio Gpio { get; } = new();

    public EventLoop Loop { get; }

    public IEventSink Sink => Loop.Events;

    public List<DeviceEvent> Events { get; } = [];

    public List<Exception> Faults { get; } = [];

    /// <summary>Events the app would see (driver wake-ups left out).</summary>
    public List<DeviceEvent> AppEvents => Events.Where(e => e.Kind != EventKind.DeviceWake).ToList();

    public void RunFor(long ms) => Loop.RunUntil(Time.NowMs + ms);

    public List<(EventKind Kind, int Code)> Seen(params EventKind[] kinds) =>
        Events.Where(e => kinds.Contains(e.Kind)).Select(e => (e.Kind, e.Code)).ToList();

    public void OnEvent(DeviceEvent e) => Events.Add(e);

    public void OnFault(string where, Exception error) => Faults.Add(error);
}
