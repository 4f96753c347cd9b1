using Terminal.Drivers.Keypad;
using Terminal.Drivers.Simulated.Keypad;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Keypad;

public sealed class KeyMatrixTests : IDisposable
{
    private static readonly int[] Rows = [10, 11, 12, 13];
    private static readonly int[] Columns = [20, 21, 22, 23];
    private const int One = KeyCode.Digit0 + 1, Two = KeyCode.Digit0 + 2, Four = KeyCode.Digit0 + 4, Five = KeyCode.Digit0 + 5;

    private readonly LoopRig _rig = new();
    private readonly KeyMatrixModel _keys;
    private readonly KeyMatrix _driver;

    public KeyMatrixTests() : this(seed: 7)
    {
    }

    private KeyMatrixTests(long seed)
    {
        _keys = new KeyMatrixModel(_rig.Gpio, _rig.Time, Rows, Columns, KeyMatrixModel.Layout4x4, new SeededRandom(seed));
        _driver = new KeyMatrix(_rig.Gpio, Rows, Columns, KeyMatrixModel.Layout4x4);
        _rig.Loop.AddPolled(_driver);
        _driver.Start(_rig.Sink);
        _rig.RunFor(50);
    }

    public void Dispose() => _driver.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_bouncing_key_press_is_reported_down_once_and_up_once(long seed)
    {
        using var t = new KeyMatrixTests(seed);
        t._keys.Tap(Five, holdMs: 120);
        t._rig.RunFor(400);

        Assert.Equal([(EventKind.KeyDown, Five), (EventKind.KeyUp, Five)], t._rig.Seen(EventKind.KeyDown, EventKind.KeyUp, EventKind.KeyRepeat));
    }

    [Fact]
    public void A_key_down_is_reported_one_debounce_time_after_the_contact_settles()
    {
        long pressedAt = _rig.Time.NowMs;
        _keys.Press(Five);
        _rig.RunFor(200);

        var down = Assert.Single(_rig.Events, e => e.Kind == EventKind.KeyDown);
        Assert.InRange(down.TimeMs - pressedAt, _driver.DebounceMs, _driver.DebounceMs + 12);
        Assert.True(_driver.IsDown(Five));
    }

    [Fact]
    public void An_idle_keypad_parks_its_rows_low_and_is_not_scanned_until_a_column_falls()
    {
        _keys.Tap(Two, holdMs: 100);
        _rig.RunFor(300);
        int scans = _driver.Scans;

        _rig.RunFor(10_000);

        Assert.True(_driver.IsIdle);
        Assert.Equal(scans, _driver.Scans);
        Assert.All(Rows, r => Assert.Equal(PinValue.Low, _rig.Gpio.LevelOf(r)));
        Assert.All(Columns, c => Assert.Equal(PinValue.High, _rig.Gpio.LevelOf(c)));
    }

    [Fact]
    public void The_edges_of_one_bouncing_press_post_a_single_wake_up()
    {
        int falls = 0;
        _rig.Gpio.Watch(Columns[1], level => falls += level == PinValue.Low ? 1 : 0);
        _rig.Events.Clear();
        _keys.Press(Five);
        _rig.RunFor(100);

        Assert.True(falls > 1, "the contact should chatter");
        Assert.Single(_rig.Events, e => e.Kind == EventKind.DeviceWake);
    }

    [Fact]
    public void A_four_by_five_keypad_reads_its_fifth_column()
    {
        var rig = new LoopRig();
        int[] columns = [20, 21, 22, 23, 24];
        int[] layout =
        [
            KeyCode.F1, KeyCode.Digit0 + 1, KeyCode.Digit0 + 2, KeyCode.Digit0 + 3, KeyCode.Cancel,
            KeyCode.F2, KeyCode.Digit0 + 4, KeyCode.Digit0 + 5, KeyCode.Digit0 + 6, KeyCode.Clear,
            KeyCode.Up, KeyCode.Digit0 + 7, KeyCode.Digit0 + 8, KeyCode.Digit0 + 9, KeyCode.Enter,
            KeyCode.Down, KeyCode.Dot, KeyCode.Digit0, KeyCode.Menu, KeyCode.Feed,
        ];
        var keys = new KeyMatrixModel(rig.Gpio, rig.Time, Rows, columns, layout, new SeededRandom(3));
        using var driver = new KeyMatrix(rig.Gpio, Rows, columns, layout);
        rig.Loop.AddPolled(driver);
        driver.Start(rig.Sink);
        keys.Tap(KeyCode.Enter, holdMs: 100);
        keys.Tap(KeyCode.Down, holdMs: 100, afterMs: 300);
        rig.RunFor(800);

        Assert.Equal([(EventKind.KeyDown, KeyCode.Enter), (EventKind.KeyUp, KeyCode.Enter), (EventKind.KeyDown, KeyCode.Down), (EventKind.KeyUp, KeyCode.Down)],
            rig.Seen(EventKind.KeyDown, EventKind.KeyUp));
    }

    [Fact]
    public void A_contact_closed_for_less_than_the_debounce_time_is_not_a_key()
    {
        _keys.Glitch(Five, us: 8_000);
        _rig.RunFor(300);

        Assert.Empty(_rig.AppEvents);
        Assert.True(_driver.IsIdle);
    }

    [Fact]
    public void Two_keys_held_together_are_both_reported_and_no_ghost_appears()
    {
        _keys.Press(One);
        _keys.Press(Five);
        _rig.RunFor(200);
        _keys.Release(One);
        _keys.Release(Five);
        _rig.RunFor(200);

        var seen = _rig.Seen(EventKind.KeyDown, EventKind.KeyUp);
        Assert.Equal(4, seen.Count);
        Assert.Equal([One, Five], seen.Where(e => e.Kind == EventKind.KeyDown).Select(e => e.Code).Order());
        Assert.Equal([One, Five], seen.Where(e => e.Kind == EventKind.KeyUp).Select(e => e.Code).Order());
        Assert.Equal(0, _driver.AmbiguousScans);
    }

    [Fact]
    public void Two_keys_held_in_one_row_do_not_short_the_row_outputs()
    {
        _keys.Press(One);
        _keys.Press(Four);
        _rig.RunFor(200);

        Assert.True(_driver.IsDown(One) && _driver.IsDown(Four));
        Assert.Equal(0, _rig.Gpio.Contentions);
    }

    [Fact]
    public void A_third_key_completing_a_rectangle_is_refused_rather_than_read_as_a_ghost()
    {
        _keys.Press(One);
        _keys.Press(Two);
        _rig.RunFor(200);
        _keys.Press(Four); // 1, 2 and 4 close three corners; 5 is the ghost corner
        _rig.RunFor(300);

        Assert.True(_driver.AmbiguousScans > 0);
        Assert.False(_driver.IsDown(Five));
        Assert.False(_driver.IsDown(Four));

        _keys.Release(One); // no rectangle left: 2 and 4 read true again
        _rig.RunFor(200);

        Assert.True(_driver.IsDown(Four));
        Assert.DoesNotContain(_rig.Events, e => e.Code == Five);
        var seen = _rig.Seen(EventKind.KeyDown, EventKind.KeyUp);
        Assert.Equal([One, Two], seen.Take(2).Where(e => e.Kind == EventKind.KeyDown).Select(e => e.Code).Order());
        Assert.Equal([(EventKind.KeyUp, One), (EventKind.KeyDown, Four)], seen.Skip(2));
    }

    [Fact]
    public void A_key_held_through_a_whole_transaction_is_reported_stuck_once_without_a_flood()
    {
        _keys.Press(Five);
        _rig.RunFor(20_000);
        int scansBefore = _driver.Scans;
        _rig.RunFor(40_000);
        int scans = _driver.Scans - scansBefore;
        _keys.Release(Five);
        _rig.RunFor(200);

        Assert.Equal([(EventKind.KeyDown, Five), (EventKind.KeyStuck, Five), (EventKind.KeyUp, Five)], _rig.Seen(EventKind.KeyDown, EventKind.KeyStuck, EventKind.KeyUp, EventKind.KeyRepeat));
        var stuck = _rig.Events.Single(e => e.Kind == EventKind.KeyStuck);
        Assert.InRange(stuck.TimeMs, _driver.StuckAfterMs, _driver.StuckAfterMs + 100);
        Assert.True(scans <= 40_000 / _driver.StuckScanIntervalMs, $"{scans} scans in 40 s of a stuck key");
    }

    [Fact]
    public void A_stuck_key_does_not_stop_other_keys_from_working()
    {
        _keys.Press(Five);
        _rig.RunFor(11_000);
        _keys.Tap(One, holdMs: 100);
        _rig.RunFor(300);

        Assert.Contains((EventKind.KeyDown, One), _rig.Seen(EventKind.KeyDown));
        Assert.Contains((EventKind.KeyUp, One), _rig.Seen(EventKind.KeyUp));
    }

    [Fact]
    public void Holding_clear_repeats_it_at_low_priority_until_it_is_released()
    {
        _keys.Tap(KeyCode.Clear, holdMs: 1_000);
        _rig.RunFor(1_500);

        var repeats = _rig.Events.Where(e => e.Kind == EventKind.KeyRepeat).ToList();
        Assert.InRange(repeats.Count, 5, 6);
        Assert.All(repeats, e => Assert.Equal((KeyCode.Clear, EventPriority.Low), (e.Code, e.Priority)));
        var down = _rig.Events.Single(e => e.Kind == EventKind.KeyDown);
        Assert.Equal(down.TimeMs + _driver.RepeatDelayMs, repeats[0].TimeMs);
        Assert.Equal(_driver.RepeatIntervalMs, repeats[1].TimeMs - repeats[0].TimeMs);
    }

    [Fact]
    public void Holding_a_digit_does_not_repeat_it()
    {
        _keys.Tap(Five, holdMs: 2_000);
        _rig.RunFor(2_500);

        Assert.Empty(_rig.Seen(EventKind.KeyRepeat));
    }

    [Fact]
    public void A_stuck_clear_key_stops_repeating()
    {
        _keys.Press(KeyCode.Clear);
        _rig.RunFor(30_000);

        var repeats = _rig.Events.Where(e => e.Kind == EventKind.KeyRepeat).ToList();
        Assert.All(repeats, e => Assert.True(e.TimeMs <= _driver.StuckAfterMs + 100));
        Assert.Single(_rig.Events, e => e.Kind == EventKind.KeyStuck);
    }

    [Fact]
    public void A_key_already_held_when_the_driver_starts_is_found()
    {
        var rig = new LoopRig();
        var keys = new KeyMatrixModel(rig.Gpio, rig.Time, Rows, Columns, KeyMatrixModel.Layout4x4, new SeededRandom(1)) { MaxBounceUs = 0 };
        keys.Press(KeyCode.Enter);
        using var driver = new KeyMatrix(rig.Gpio, Rows, Columns, KeyMatrixModel.Layout4x4);
        rig.Loop.AddPolled(driver);
        driver.Start(rig.Sink);
        rig.RunFor(100);

        Assert.True(driver.IsDown(KeyCode.Enter));
    }

    [Fact]
    public void The_keypad_lists_every_key_of_its_layout()
    {
        Assert.Equal(KeyMatrixModel.Layout4x4.Order(), _driver.Keys.Order());
    }

    [Fact]
    public void Disposing_releases_every_pin_and_interrupt()
    {
        _driver.Dispose();

        Assert.Equal(0, _rig.Gpio.OpenPins);
        Assert.All(Columns, c => Assert.Equal(0, _rig.Gpio.CallbackCount(c)));
    }
}
