using Terminal.Core.Runtime;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Runtime;

public class EventRingTests
{
    private readonly VirtualClock _clock = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local));

    [Fact]
    public void Events_come_out_in_the_order_they_were_posted_with_their_time()
    {
        var ring = new EventRing(8, _clock);
        ring.Post(EventKind.KeyDown, KeyCode.Digit0 + 1, 0, EventPriority.Normal);
        _clock.Advance(5);
        ring.Post(EventKind.KeyUp, KeyCode.Digit0 + 1, 7, EventPriority.Normal);

        Assert.True(ring.TryTake(out var first));
        Assert.True(ring.TryTake(out var second));
        Assert.False(ring.TryTake(out _));
        Assert.Equal((EventKind.KeyDown, 0L), (first.Kind, first.TimeMs));
        Assert.Equal((EventKind.KeyUp, 7, 5L), (second.Kind, second.Arg, second.TimeMs));
    }

    [Fact]
    public void A_full_ring_drops_the_oldest_low_priority_event_and_counts_it()
    {
        var ring = new EventRing(3, _clock);
        ring.Post(EventKind.KeyDown, 1, 0, EventPriority.Normal);
        ring.Post(EventKind.KeyRepeat, 2, 0, EventPriority.Low);
        ring.Post(EventKind.KeyRepeat, 3, 0, EventPriority.Low);

        Assert.True(ring.Post(EventKind.KeyDown, 4, 0, EventPriority.Normal));

        Assert.Equal(1, ring.DroppedLow);
        int[] codes = Drain(ring);
        Assert.Equal(new[] { 1, 3, 4 }, codes);
    }

    [Fact]
    public void A_ring_full_of_normal_events_refuses_the_next_and_counts_it_without_losing_any()
    {
        var ring = new EventRing(2, _clock);
        ring.Post(EventKind.KeyDown, 1, 0, EventPriority.Normal);
        ring.Post(EventKind.KeyDown, 2, 0, EventPriority.Normal);

        Assert.False(ring.Post(EventKind.KeyDown, 3, 0, EventPriority.Normal));
        Assert.False(ring.Post(EventKind.KeyRepeat, 4, 0, EventPriority.Low));

        Assert.Equal((1, 1), (ring.Refused, ring.DroppedLow));
        Assert.Equal(new[] { 1, 2 }, Drain(ring));
    }

    [Fact]
    public void Concurrent_producers_lose_nothing_that_was_accepted()
    {
        var ring = new EventRing(4096, _clock);
        var producers = Enumerable.Range(0, 4).Select(p => new Thread(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                ring.Post(EventKind.User, p, i, EventPriority.Normal);
            }
        })).ToList();
        producers.ForEach(t => t.Start());
        producers.ForEach(t => t.Join());

        var perProducer = new List<int>[4];
        for (int p = 0; p < 4; p++)
        {
            perProducer[p] = [];
        }

        while (ring.TryTake(out var e))
        {
            perProducer[e.Code].Add(e.Arg);
        }

        foreach (var seen in perProducer)
        {
            Assert.Equal(Enumerable.Range(0, 1000), seen);
        }
    }

    private static int[] Drain(EventRing ring)
    {
        var codes = new List<int>();
        while (ring.TryTake(out var e))
        {
            codes.Add(e.Code);
        }

        return [.. codes];
    }
}
