using Terminal.Hal;

namespace Terminal.Drivers.Bridge
{
    /// <summary>
    /// The SC16IS752's GPIO0 to GPIO7 as a GPIO controller: IODir (1 = output) and IOState (levels read, latches
    /// written). The pins have no pull resistors: an input opened with a pull-up needs one on the board (the
    /// TDA8035's OFFN has one on the board). There is no IRQ line: as a polled device it reads IOState every
    /// <see cref="ScanIntervalMs"/> while a pin has an edge callback, and calls it from the loop on a change.
    /// </summary>
    public sealed class Sc16is752Gpio : IGpioController, IPolledDevice
    {
        /// <summary>GPIOs on the chip.</summary>
        public const int PinCount = 8;

        /// <summary>How often watched pins are read (a card insertion needs no faster; the reader debounces 30 ms).</summary>
        public const int ScanIntervalMs = 10;

        private readonly Sc16is752 _chip;
        private readonly PinChangedHandler?[] _handlers = new PinChangedHandler?[PinCount];
        private readonly PinEventTypes[] _edges = new PinEventTypes[PinCount];
        private int _open;
        private int _direction;
        private int _latch;
        private int _watched;
        private int _levels;
        private long _nextScan;

        internal Sc16is752Gpio(Sc16is752 chip)
        {
            _chip = chip;
        }

        /// <inheritdoc />
        public void OpenPin(int pin, PinMode mode)
        {
            int bit = Bit(pin);
            if ((_open & bit) != 0)
            {
                throw new System.InvalidOperationException("bridge GPIO already open");
            }

            _open |= bit;
            SetMode(bit, mode);
        }

        /// <inheritdoc />
        public void ClosePin(int pin)
        {
            int bit = Opened(pin);
            _open &= ~bit;
            _watched &= ~bit;
            _handlers[pin] = null;
            SetMode(bit, PinMode.Input);
        }

        /// <inheritdoc />
        public void SetPinMode(int pin, PinMode mode) => SetMode(Opened(pin), mode);

        /// <inheritdoc />
        public PinValue Read(int pin)
        {
            int bit = Opened(pin);
            return (_chip.Read(Sc16is752Register.IoState, 0) & bit) != 0 ? PinValue.High : PinValue.Low;
        }

        /// <inheritdoc />
        public void Write(int pin, PinValue value)
        {
            int bit = Opened(pin);
            _latch = value == PinValue.High ? _latch | bit : _latch & ~bit;
            _chip.Write(Sc16is752Register.IoState, 0, _latch);
        }

        /// <inheritdoc />
        public void RegisterCallbackForPinValueChangedEvent(int pin, PinEventTypes eventTypes, PinChangedHandler handler)
        {
            int bit = Opened(pin);
            if (handler == null)
            {
                throw new System.ArgumentNullException("handler");
            }

            // One handler per pin, as the drivers use them; the level now is the reference for the first edge.
            _handlers[pin] = handler;
            _edges[pin] = eventTypes;
            _levels = (_levels & ~bit) | (_chip.Read(Sc16is752Register.IoState, 0) & bit);
            _watched |= bit;
        }

        /// <inheritdoc />
        public void UnregisterCallbackForPinValueChangedEvent(int pin, PinChangedHandler handler)
        {
            int bit = Bit(pin);
            if (_handlers[pin] == handler)
            {
                _handlers[pin] = null;
                _watched &= ~bit;
            }
        }

        /// <summary>Reads the watched pins when due and calls their handlers for the edges they asked for.</summary>
        public long Poll(long nowMs)
        {
            if (_watched == 0)
            {
                return Deadline.Never;
            }

            if (nowMs < _nextScan)
            {
                return _nextScan;
            }

            _nextScan = nowMs + ScanIntervalMs;
            int levels = _chip.Read(Sc16is752Register.IoState, 0);
            int changed = (levels ^ _levels) & _watched;
            _levels = levels;
            for (int pin = 0; changed != 0 && pin < PinCount; pin++)
            {
                int bit = 1 << pin;
                if ((changed & bit) == 0)
                {
                    continue;
                }

                changed &= ~bit;
                PinEventTypes edge = (levels & bit) != 0 ? PinEventTypes.Rising : PinEventTypes.Falling;
                PinChangedHandler? handler = _handlers[pin];
                if (handler != null && (_edges[pin] & edge) != 0)
                {
                    handler(pin, edge);
                }
            }

            return _nextScan;
        }

        private void SetMode(int bit, PinMode mode)
        {
            int direction = mode == PinMode.Output ? _direction | bit : _direction & ~bit;
            if (direction != _direction || mode == PinMode.Output)
            {
                // The latch first, so an output starts at the level the driver wrote before (low after reset).
                _chip.Write(Sc16is752Register.IoState, 0, _latch);
                _direction = direction;
                _chip.Write(Sc16is752Register.IoDir, 0, _direction);
            }
        }

        private int Opened(int pin)
        {
            int bit = Bit(pin);
            if ((_open & bit) == 0)
            {
                throw new System.InvalidOperationException("bridge GPIO not open");
            }

            return bit;
        }

        private static int Bit(int pin)
        {
            if (pin < 0 || pin >= PinCount)
            {
                throw new System.ArgumentOutOfRangeException("pin");
            }

            return 1 << pin;
        }
    }
}
