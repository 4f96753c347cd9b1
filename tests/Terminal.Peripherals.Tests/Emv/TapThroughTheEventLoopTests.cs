using Terminal.Core.Emv;
using Terminal.Core.Runtime;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.Emv;

public class TapThroughTheEventLoopTests
{
    [Fact]
    public void A_card_tapped_while_the_loop_runs_is_detected_read_and_reported_removed()
    {
        var clock = new VirtualClock(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Local));
        var loop = new EventLoop(clock, eventCapacity: 16, timerCapacity: 4, polledCapacity: 4);
        var chip = new Mfrc522Model();
        using var reader = new Mfrc522(chip);
        var handler = new TapHandler(new ContactlessEmvReader(reader, new SeededRandom(3)), clock);
        loop.SetHandler(handler);
        reader.Start(loop.Events);
        loop.AddPolled(reader);
        loop.RunUntil(1_000);

        chip.Card = EmvTestCards.OnCarrier(EmvTestCards.UnionPay());
        loop.RunUntil(2_000);
        chip.Card.InField = false;
        loop.RunUntil(3_000);

        Assert.Equal([EventKind.CardPresent, EventKind.CardRemoved], handler.Seen.ToArray());
        Assert.Equal("621234*********" + EmvTestCards.UnionPayPan[^4..], handler.MaskedPan);
        Assert.InRange(handler.PresentAtMs, 1_000, 1_000 + Mfrc522.PollIntervalMs);
    }

    private sealed class TapHandler(ContactlessEmvReader emv, IClock clock) : IEventHandler
    {
        public List<EventKind> Seen { get; } = [];

        public string MaskedPan { get; private set; } = "";

        public long PresentAtMs { get; private set; }

        public void OnEvent(DeviceEvent e)
        {
            Seen.Add(e.Kind);
            if (e.Kind == EventKind.CardPresent)
            {
                PresentAtMs = e.TimeMs;
                EmvReadResult result = emv.Read(new EmvTerminalData { Amount = 500, Date = clock.WallTime });
                MaskedPan = result.Succeeded ? result.MaskedPan() : result.Reason;
                result.Wipe();
            }
        }

        public void OnFault(string where, Exception error) => throw new InvalidOperationException(where, error);
    }
}
