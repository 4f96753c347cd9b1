using Terminal.Hal;

namespace Terminal.Drivers.Keypad
{
    /// <summary>
    /// A keypad wired as a row/column matrix (4x4 or 4x5) on plain GPIO, polled by the event loop.
    /// Idle: every row driven low, columns pulled up with a falling-edge interrupt, so a press wakes the
    /// loop and costs nothing while no key is held. Awake: one row at a time is driven low (the others
    /// high impedance, so two keys in a column never short two outputs), columns are read, each key is
    /// debounced, and KeyDown/KeyUp/KeyRepeat/KeyStuck are posted as value events.
    /// </summary>
    public sealed class KeyMatrix : IKeypad
    {
        /// <summary>The Code of this driver's <see cref="EventKind.DeviceWake"/> events.</summary>
        public const int WakeTag = 0x4B4D;

        private readonly IGpioController _gpio;
        private readonly int[] _rowPins;
        private readonly int[] _columnPins;
        private readonly int[] _layout;
        private readonly int[] _keys;
        private readonly bool[] _reading;
        private readonly bool[] _raw;
        private readonly long[] _rawSince;
        private readonly bool[] _down;
        private readonly long[] _downSince;
        private readonly long[] _nextRepeat;
        private readonly int[] _repeats;
        private readonly bool[] _stuck;
        private readonly bool[] _repeating;
        private readonly PinChangedHandler _onColumnFalling;
        private IEventSink? _sink;
        private bool _idle;
        private bool _disposed;
        private int _armed; // 1 while idle: a column edge means "a key went down". Interlocked: set by the loop, read in interrupts.
        private int _wakeRequested; // 1 once an edge asked for a scan and the loop has not yet scanned.
        private int _ambiguousScans;
        private int _scans;

        /// <summary>
        /// Claims the pins: <paramref name="layout"/> holds the <see cref="KeyCode"/> of each key, row by row
        /// (rows x columns; <see cref="KeyCode.None"/> where the matrix has no key).
        /// </summary>
        public KeyMatrix(IGpioController gpio, int[] rowPins, int[] columnPins, int[] layout)
        {
            if (gpio == null || rowPins == null || columnPins == null || layout == null)
            {
                throw new System.ArgumentNullException(gpio == null ? "gpio" : rowPins == null ? "rowPins" : columnPins == null ? "columnPins" : "layout");
            }

            if (rowPins.Length == 0 || columnPins.Length == 0 || layout.Length != rowPins.Length * columnPins.Length)
            {
                throw new System.ArgumentException("layout must have one key code per row and column", "layout");
            }

            _gpio = gpio;
            _rowPins = rowPins;
            _columnPins = columnPins;
            _layout = layout;
            int n = layout.Length;
            _reading = new bool[n];
            _raw = new bool[n];
            _rawSince = new long[n];
            _down = new bool[n];
            _downSince = new long[n];
            _nextRepeat = new long[n];
            _repeats = new int[n];
            _stuck = new bool[n];
            _repeating = new bool[n];
            int keyCount = 0;
            for (int i = 0; i < n; i++)
            {
                if (layout[i] != KeyCode.None)
                {
                    keyCount++;
                }

                _repeating[i] = layout[i] == KeyCode.Clear;
            }

            _keys = new int[keyCount];
            keyCount = 0;
            for (int i = 0; i < n; i++)
            {
                if (layout[i] != KeyCode.None)
                {
                    _keys[keyCount++] = layout[i];
                }
            }

            DebounceMs = 20;
            ScanIntervalMs = 5;
            HeldScanIntervalMs = 10;
            RepeatDelayMs = 500;
            RepeatIntervalMs = 100;
            StuckAfterMs = 10000;
            StuckScanIntervalMs = 100;
            _onColumnFalling = OnColumnFalling;

            for (int c = 0; c < columnPins.Length; c++)
            {
                gpio.OpenPin(columnPins[c], PinMode.InputPullUp);
            }

            for (int r = 0; r < rowPins.Length; r++)
            {
                gpio.OpenPin(rowPins[r], PinMode.Output);
                gpio.Write(rowPins[r], PinValue.Low);
            }

            _idle = true;
        }

        /// <summary>How long a contact must read the same before it counts (bounce is shorter).</summary>
        public int DebounceMs { get; set; }

        /// <summary>Scan period while a contact is settling.</summary>
        public int ScanIntervalMs { get; set; }

        /// <summary>Scan period while keys are held steady (to see them released).</summary>
        public int HeldScanIntervalMs { get; set; }

        /// <summary>Hold time before a repeating key (Clear) starts repeating.</summary>
        public int RepeatDelayMs { get; set; }

        /// <summary>Time between KeyRepeat events.</summary>
        public int RepeatIntervalMs { get; set; }

        /// <summary>Hold time after which a key is reported stuck (once) and stops repeating.</summary>
        public int StuckAfterMs { get; set; }

        /// <summary>Scan period while only stuck keys are held.</summary>
        public int StuckScanIntervalMs { get; set; }

        /// <summary>Scans refused because three or more closed contacts formed a rectangle (a possible ghost key).</summary>
        public int AmbiguousScans => _ambiguousScans;

        /// <summary>Full matrix scans done.</summary>
        public int Scans => _scans;

        /// <summary>True while the rows are parked low waiting for an interrupt.</summary>
        public bool IsIdle => _idle;

        /// <inheritdoc />
        public int[] Keys => _keys;

        /// <summary>Makes a key auto-repeat while held (Clear does by default).</summary>
        public void SetRepeating(int keyCode, bool repeating)
        {
            for (int i = 0; i < _layout.Length; i++)
            {
                if (_layout[i] == keyCode)
                {
                    _repeating[i] = repeating;
                }
            }
        }

        /// <inheritdoc />
        public void Start(IEventSink sink)
        {
            ThrowIfDisposed();
            if (sink == null)
            {
                throw new System.ArgumentNullException("sink");
            }

            _sink = sink;
            for (int c = 0; c < _columnPins.Length; c++)
            {
                _gpio.RegisterCallbackForPinValueChangedEvent(_columnPins[c], PinEventTypes.Falling, _onColumnFalling);
            }

            System.Threading.Interlocked.Exchange(ref _armed, 1);

            // A key already held at start gives no edge: look once.
            System.Threading.Interlocked.Exchange(ref _wakeRequested, 1);
            sink.Post(EventKind.DeviceWake, WakeTag, 0, EventPriority.Low);
        }

        /// <inheritdoc />
        public bool IsDown(int keyCode)
        {
            for (int i = 0; i < _layout.Length; i++)
            {
                if (_layout[i] == keyCode && _down[i])
                {
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (_sink == null || _disposed)
            {
                return Deadline.Never;
            }

            bool requested = System.Threading.Interlocked.Exchange(ref _wakeRequested, 0) == 1;
            if (_idle)
            {
                if (!requested)
                {
                    return Deadline.Never;
                }

                LeaveIdle();
            }

            if (!Scan())
            {
                // Three closed contacts in a rectangle make the fourth read closed too: refuse the whole
                // reading rather than guess, and look again shortly.
                _ambiguousScans++;
                return nowMs + ScanIntervalMs;
            }

            bool settling = false;
            bool anyDown = false;
            bool onlyStuck = true;
            long next = Deadline.Never;
            for (int i = 0; i < _reading.Length; i++)
            {
                if (_layout[i] == KeyCode.None)
                {
                    continue;
                }

                if (_reading[i] != _raw[i])
                {
                    _raw[i] = _reading[i];
                    _rawSince[i] = nowMs;
                }

                if (_raw[i] != _down[i])
                {
                    if (nowMs - _rawSince[i] >= DebounceMs)
                    {
                        Settle(i, nowMs);
                    }
                    else
                    {
                        settling = true;
                    }
                }

                if (!_down[i])
                {
                    continue;
                }

                anyDown = true;
                long due = HeldDuties(i, nowMs);
                if (due < next)
                {
                    next = due;
                }

                if (!_stuck[i])
                {
                    onlyStuck = false;
                }
            }

            if (settling)
            {
                long due = nowMs + ScanIntervalMs;
                return due < next ? due : next;
            }

            if (anyDown)
            {
                long due = nowMs + (onlyStuck ? StuckScanIntervalMs : HeldScanIntervalMs);
                return due < next ? due : next;
            }

            EnterIdle();
            return Deadline.Never;
        }

        /// <summary>Stops the interrupts and releases the pins.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            System.Threading.Interlocked.Exchange(ref _armed, 0);
            for (int c = 0; c < _columnPins.Length; c++)
            {
                if (_sink != null)
                {
                    _gpio.UnregisterCallbackForPinValueChangedEvent(_columnPins[c], _onColumnFalling);
                }

                _gpio.ClosePin(_columnPins[c]);
            }

            for (int r = 0; r < _rowPins.Length; r++)
            {
                _gpio.ClosePin(_rowPins[r]);
            }
        }

        // Interrupt context: no scanning here, only one wake event per idle period (bounce gives many edges).
        private void OnColumnFalling(int pin, PinEventTypes edge)
        {
            if (System.Threading.Interlocked.CompareExchange(ref _armed, 0, 0) == 0)
            {
                return;
            }

            if (System.Threading.Interlocked.CompareExchange(ref _wakeRequested, 1, 0) == 0)
            {
                IEventSink? sink = _sink;
                if (sink != null)
                {
                    sink.Post(EventKind.DeviceWake, WakeTag, 0, EventPriority.Low);
                }
            }
        }

        private void LeaveIdle()
        {
            System.Threading.Interlocked.Exchange(ref _armed, 0);
            for (int r = 0; r < _rowPins.Length; r++)
            {
                _gpio.SetPinMode(_rowPins[r], PinMode.Input);
            }

            _idle = false;
        }

        private void EnterIdle()
        {
            _idle = true;
            System.Threading.Interlocked.Exchange(ref _armed, 1);

            // A key pressed since the last scan pulls its column low as its row goes low: that edge wakes us.
            for (int r = 0; r < _rowPins.Length; r++)
            {
                _gpio.SetPinMode(_rowPins[r], PinMode.Output);
                _gpio.Write(_rowPins[r], PinValue.Low);
            }
        }

        // One row low at a time; returns false when the reading cannot be trusted (ghosting rectangle).
        private bool Scan()
        {
            _scans++;
            int columns = _columnPins.Length;
            for (int r = 0; r < _rowPins.Length; r++)
            {
                int row = _rowPins[r];
                _gpio.SetPinMode(row, PinMode.Output);
                _gpio.Write(row, PinValue.Low);
                for (int c = 0; c < columns; c++)
                {
                    _reading[(r * columns) + c] = _gpio.Read(_columnPins[c]) == PinValue.Low;
                }

                _gpio.SetPinMode(row, PinMode.Input);
            }

            for (int r1 = 0; r1 < _rowPins.Length; r1++)
            {
                for (int r2 = r1 + 1; r2 < _rowPins.Length; r2++)
                {
                    int shared = 0;
                    for (int c = 0; c < columns; c++)
                    {
                        if (_reading[(r1 * columns) + c] && _reading[(r2 * columns) + c])
                        {
                            shared++;
                        }
                    }

                    if (shared >= 2)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private void Settle(int i, long nowMs)
        {
            _down[i] = _raw[i];
            IEventSink sink = _sink!;
            if (_down[i])
            {
                _downSince[i] = nowMs;
                _nextRepeat[i] = nowMs + RepeatDelayMs;
                _repeats[i] = 0;
                _stuck[i] = false;
                sink.Post(EventKind.KeyDown, _layout[i], 0, EventPriority.Normal);
            }
            else
            {
                sink.Post(EventKind.KeyUp, _layout[i], (int)(nowMs - _downSince[i]), EventPriority.Normal);
                _stuck[i] = false;
            }
        }

        // Repeat and stuck detection for a held key; returns when it next needs attention.
        private long HeldDuties(int i, long nowMs)
        {
            if (_stuck[i])
            {
                return Deadline.Never;
            }

            long stuckAt = _downSince[i] + StuckAfterMs;
            if (nowMs >= stuckAt)
            {
                _stuck[i] = true;
                _sink!.Post(EventKind.KeyStuck, _layout[i], (int)(nowMs - _downSince[i]), EventPriority.Normal);
                return Deadline.Never;
            }

            if (!_repeating[i])
            {
                return stuckAt;
            }

            if (nowMs >= _nextRepeat[i])
            {
                _repeats[i]++;
                _sink!.Post(EventKind.KeyRepeat, _layout[i], _repeats[i], EventPriority.Low);

                // A late poll skips missed repeats rather than bursting them.
                _nextRepeat[i] += RepeatIntervalMs;
                if (_nextRepeat[i] <= nowMs)
                {
                    _nextRepeat[i] = nowMs + RepeatIntervalMs;
                }
            }

            return _nextRepeat[i] < stuckAt ? _nextRepeat[i] : stuckAt;
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new System.ObjectDisposedException("KeyMatrix");
            }
        }
    }
}
