using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Keypad;

/// <summary>
/// A membrane/tact-switch key matrix: each key is a contact between its row line and its column line on the
/// simulated GPIO. Pressing or releasing a key makes the contact chatter for a few milliseconds (drawn from
/// the seed) before it settles, as real contacts do. Nothing here knows the driver's scanning scheme; the
/// levels the driver reads come from the wiring alone, ghost keys included.
/// </summary>
public sealed class KeyMatrixModel
{
    private readonly SimulatedGpio _gpio;
    private readonly SimulationScheduler _time;
    private readonly int[] _rowPins;
    private readonly int[] _columnPins;
    private readonly int[] _layout;
    private readonly SeededRandom _random;
    private readonly int[] _generation;
    private readonly bool[] _pressed;

    /// <summary>Wires a matrix of <paramref name="layout"/> (row by row) between the given pins.</summary>
    public KeyMatrixModel(SimulatedGpio gpio, SimulationScheduler time, int[] rowPins, int[] columnPins, int[] layout, SeededRandom random)
    {
        if (layout.Length != rowPins.Length * columnPins.Length)
        {
            throw new ArgumentException("layout must have one key code per row and column", nameof(layout));
        }

        _gpio = gpio;
        _time = time;
        _rowPins = rowPins;
        _columnPins = columnPins;
        _layout = layout;
        _random = random;
        _generation = new int[layout.Length];
        _pressed = new bool[layout.Length];
    }

    /// <summary>The longest chatter after a press or release, in microseconds (0: clean contacts).</summary>
    public int MaxBounceUs { get; set; } = 5000;

    /// <summary>The key codes of a conventional 4x4 payment keypad, row by row.</summary>
    public static int[] Layout4x4 =>
    [
        KeyCode.Digit0 + 1, KeyCode.Digit0 + 2, KeyCode.Digit0 + 3, KeyCode.Cancel,
        KeyCode.Digit0 + 4, KeyCode.Digit0 + 5, KeyCode.Digit0 + 6, KeyCode.Clear,
        KeyCode.Digit0 + 7, KeyCode.Digit0 + 8, KeyCode.Digit0 + 9, KeyCode.Enter,
        KeyCode.Dot, KeyCode.Digit0, KeyCode.Menu, KeyCode.Feed,
    ];

    /// <summary>Whether the finger is on the key (the contact may still be chattering).</summary>
    public bool IsPressed(int keyCode) => _pressed[IndexOf(keyCode)];

    /// <summary>Puts a finger on the key now: the contact chatters, then stays closed.</summary>
    public void Press(int keyCode) => Move(IndexOf(keyCode), true);

    /// <summary>Lifts the finger now: the contact chatters, then stays open.</summary>
    public void Release(int keyCode) => Move(IndexOf(keyCode), false);

    /// <summary>Schedules a press <paramref name="afterMs"/> from now, held for <paramref name="holdMs"/>.</summary>
    public void Tap(int keyCode, int holdMs, int afterMs = 0)
    {
        int i = IndexOf(keyCode);
        _time.After(afterMs * 1000L, () => Move(i, true));
        _time.After((afterMs + holdMs) * 1000L, () => Move(i, false));
    }

    /// <summary>Closes the contact for <paramref name="us"/> microseconds only, no finger (a glitch or a brush).</summary>
    public void Glitch(int keyCode, int us)
    {
        int i = IndexOf(keyCode);
        int gen = ++_generation[i];
        SetContact(i, true);
        _time.After(us, () =>
        {
            if (_generation[i] == gen)
            {
                SetContact(i, false);
            }
        });
    }

    private void Move(int i, bool press)
    {
        _pressed[i] = press;
        int gen = ++_generation[i];
        if (MaxBounceUs <= 0)
        {
            SetContact(i, press);
            return;
        }

        // An odd number of transitions, so the contact ends where the finger put it.
        int transitions = (2 * _random.Next(1, 4)) + 1;
        var times = new long[transitions];
        for (int t = 1; t < transitions; t++)
        {
            times[t] = _random.Next(1, MaxBounceUs);
        }

        Array.Sort(times);
        bool state = press;
        for (int t = 0; t < transitions; t++)
        {
            bool s = state;
            _time.After(times[t], () =>
            {
                if (_generation[i] == gen)
                {
                    SetContact(i, s);
                }
            });
            state = !state;
        }
    }

    private void SetContact(int i, bool closed)
    {
        int columns = _columnPins.Length;
        _gpio.SetSwitch(_rowPins[i / columns], _columnPins[i % columns], closed);
    }

    private int IndexOf(int keyCode)
    {
        int i = Array.IndexOf(_layout, keyCode);
        return i >= 0 ? i : throw new ArgumentException($"no key {KeyCode.Name(keyCode)} on this keypad", nameof(keyCode));
    }
}
