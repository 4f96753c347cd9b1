using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Gpio;

/// <summary>
/// The pins of a simulated board as electrical nodes: a pin's level comes from what drives its net (an
/// output pin, or a chip model driving the line), else from pull resistors, else it keeps its last level
/// (a floating line holds its charge). Switches (a pressed key, a jumper) join two pins into one net.
/// Edge callbacks fire synchronously when a level changes, as an interrupt would.
/// </summary>
public sealed class SimulatedGpio : IGpioController
{
    private readonly Dictionary<int, Pin> _pins = [];
    private readonly HashSet<(int, int)> _closed = [];
    private bool _resolving;
    private bool _again;

    /// <summary>Times two drivers fought over one net (an output high against an output low); resolved low.</summary>
    public int Contentions { get; private set; }

    /// <summary>Pins currently opened by the driver side.</summary>
    public int OpenPins => _pins.Values.Count(p => p.IsOpen);

    /// <inheritdoc />
    public void OpenPin(int pin, PinMode mode)
    {
        var p = Get(pin);
        if (p.IsOpen)
        {
            throw new InvalidOperationException($"pin {pin} is already open");
        }

        p.IsOpen = true;
        p.Mode = mode;
        Resolve();
    }

    /// <inheritdoc />
    public void ClosePin(int pin)
    {
        var p = Open(pin);
        p.IsOpen = false;
        p.Mode = PinMode.Input;
        p.Callbacks.Clear();
        Resolve();
    }

    /// <inheritdoc />
    public void SetPinMode(int pin, PinMode mode)
    {
        var p = Open(pin);
        if (p.Mode != mode)
        {
            p.Mode = mode;
            Resolve();
        }
    }

    /// <inheritdoc />
    public PinValue Read(int pin) => Open(pin).Level;

    /// <summary>Sets the output latch; the pin drives it while in output mode (a latch written in input mode applies when it becomes an output).</summary>
    public void Write(int pin, PinValue value)
    {
        var p = Open(pin);
        if (p.Latch != value)
        {
            p.Latch = value;
            Resolve();
        }
    }

    /// <inheritdoc />
    public void RegisterCallbackForPinValueChangedEvent(int pin, PinEventTypes eventTypes, PinChangedHandler handler) =>
        Open(pin).Callbacks.Add((eventTypes, handler));

    /// <inheritdoc />
    public void UnregisterCallbackForPinValueChangedEvent(int pin, PinChangedHandler handler) =>
        Open(pin).Callbacks.RemoveAll(c => c.Handler == handler);

    /// <summary>The level of any pin, open or not (what a chip model or a test probe sees on the line).</summary>
    public PinValue LevelOf(int pin) => Get(pin).Level;

    /// <summary>Mode of a pin as the driver set it (Input when closed).</summary>
    public PinMode ModeOf(int pin) => Get(pin).Mode;

    /// <summary>Whether the driver side has the pin open.</summary>
    public bool IsOpen(int pin) => Get(pin).IsOpen;

    /// <summary>Edge callbacks registered on a pin.</summary>
    public int CallbackCount(int pin) => Get(pin).Callbacks.Count;

    /// <summary>A chip model listens to a line the driver drives (a reset or chip-select input); called on every level change.</summary>
    public void Watch(int pin, Action<PinValue> onChange) => Get(pin).Watchers.Add(onChange);

    /// <summary>A chip model drives the line (null: it lets go, high impedance).</summary>
    public void Drive(int pin, PinValue? level)
    {
        var p = Get(pin);
        if (p.External != level)
        {
            p.External = level;
            Resolve();
        }
    }

    /// <summary>Closes or opens a switch between two pins (a key contact joins a row to a column).</summary>
    public void SetSwitch(int pinA, int pinB, bool closed)
    {
        var key = pinA < pinB ? (pinA, pinB) : (pinB, pinA);
        bool changed = closed ? _closed.Add(key) : _closed.Remove(key);
        if (changed)
        {
            Get(pinA);
            Get(pinB);
            Resolve();
        }
    }

    private Pin Get(int pin)
    {
        if (!_pins.TryGetValue(pin, out var p))
        {
            p = new Pin(pin);
            _pins.Add(pin, p);
        }

        return p;
    }

    private Pin Open(int pin)
    {
        var p = Get(pin);
        return p.IsOpen ? p : throw new InvalidOperationException($"pin {pin} is not open");
    }

    private void Resolve()
    {
        if (_resolving)
        {
            // A callback changed the wiring; settle again once the current pass has fired its edges.
            _again = true;
            return;
        }

        _resolving = true;
        try
        {
            do
            {
                _again = false;
                ResolveOnce();
            }
            while (_again);
        }
        finally
        {
            _resolving = false;
        }
    }

    private void ResolveOnce()
    {
        var parent = _pins.Keys.ToDictionary(k => k, k => k);
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var (a, b) in _closed)
        {
            parent[Find(a)] = Find(b);
        }

        var nets = _pins.Values.GroupBy(p => Find(p.Number));
        var changed = new List<(Pin Pin, PinEventTypes Edge)>();
        foreach (var net in nets)
        {
            bool anyLow = false, anyHigh = false, pullUp = false, pullDown = false;
            foreach (var p in net)
            {
                PinValue? driven = p.External ?? (p.IsOpen && p.Mode == PinMode.Output ? p.Latch : null);
                if (driven == PinValue.Low)
                {
                    anyLow = true;
                }
                else if (driven == PinValue.High)
                {
                    anyHigh = true;
                }

                pullUp |= p.IsOpen && p.Mode == PinMode.InputPullUp;
                pullDown |= p.IsOpen && p.Mode == PinMode.InputPullDown;
            }

            if (anyLow && anyHigh)
            {
                Contentions++;
            }

            PinValue? level = anyLow ? PinValue.Low : anyHigh ? PinValue.High : pullUp ? PinValue.High : pullDown ? PinValue.Low : null;
            foreach (var p in net)
            {
                PinValue next = level ?? p.Level;
                if (next != p.Level)
                {
                    p.Level = next;
                    changed.Add((p, next == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling));
                }
            }
        }

        foreach (var (pin, edge) in changed)
        {
            foreach (var watcher in pin.Watchers.ToArray())
            {
                watcher(pin.Level);
            }

            foreach (var (types, handler) in pin.Callbacks.ToArray())
            {
                if ((types & edge) != 0)
                {
                    handler(pin.Number, edge);
                }
            }
        }
    }

    private sealed class Pin(int number)
    {
        public int Number { get; } = number;

        public bool IsOpen { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue Latch { get; set; } = PinValue.Low;

        public PinValue? External { get; set; }

        // Lines idle high: a floating line is read high until something pulls it.
        public PinValue Level { get; set; } = PinValue.High;

        public List<(PinEventTypes Types, PinChangedHandler Handler)> Callbacks { get; } = [];

        public List<Action<PinValue>> Watchers { get; } = [];
    }
}
