using Terminal.Hal;

namespace Terminal.Drivers.Contact
{
    /// <summary>
    /// A contact chip-card slot on an NXP TDA8035 interface chip: the MCU drives CMDVCCN (low: activate) and RSTIN
    /// (the card's RST once active), reads OFFN (low: no card, or a fault) with its pull-up, and joins its UART's TX
    /// and RX to the chip's I/OUC (half duplex, 8E2 at f/372). The presence switch (OFFN) is debounced in
    /// <see cref="Poll"/>, which posts CardInserted and CardWithdrawn; activation waits for the ATR, parses it
    /// (<see cref="AnswerToReset"/>, warm reset when the cold ATR is refused) and runs T=0 or T=1. A card pulled
    /// out mid-exchange ends it with <see cref="ReaderStatus.NoCard"/>, powers the slot down and posts CardWithdrawn.
    /// Blocking: <see cref="PowerOn"/> and <see cref="Transceive"/> wait on the UART (ReadTimeout) for the card, at
    /// most a work waiting time per byte (about 1 s at 9,600 baud) and in slices of 50 ms; <see cref="Poll"/> never blocks.
    /// </summary>
    public sealed class Tda8035 : IContactReader
    {
        /// <summary>The presence switch must hold its level this long to count.</summary>
        public const int DebounceMs = 30;

        /// <summary>The Code of this driver's <see cref="EventKind.DeviceWake"/> events ("IC").</summary>
        public const int WakeTag = 0x4943;

        /// <summary>The IFSD the driver announces with S(IFS) after a T=1 ATR (EMV: 254).</summary>
        public const int DefaultIfsd = 254;

        // The chip's activation (VCC up, I/O, CLK) takes a few hundred microseconds; EMV keeps RST low for at
        // least 40,000 card clocks after CLK starts (about 11 ms at 3.69 MHz): 15 ms covers both.
        private const int ActivationMs = 15;

        // The ATR starts 400 to 40,000 clocks after RST rises (at most 108 etu at f/372), then at most 9,600 etu
        // between its characters (EMV: 10,080 with tolerance).
        private const int AtrFirstByteEtu = 108 + 12;
        private const int AtrNextByteEtu = 10080;

        private readonly ISerialPort _port;
        private readonly IGpioController _gpio;
        private readonly int _cmdVccN;
        private readonly int _rstIn;
        private readonly int _offN;
        private readonly bool _shouldDispose;
        private readonly CardLine _line;
        private readonly AnswerToReset _atr = new AnswerToReset();
        private readonly byte[] _atrBytes = new byte[AnswerToReset.MaxLength + 1];
        private readonly T0Protocol _t0;
        private readonly T1Protocol _t1;
        private readonly PinChangedHandler _onOffN;
        private IEventSink? _sink;
        private bool _present;
        private long _changeSince = -1;
        private bool _active;
        private bool _faulted;
        private bool _disposed;
        private int _atrLength;

        /// <summary>
        /// Claims the control pins (CMDVCCN high and RSTIN low: the card unpowered; OFFN an input with pull-up) on
        /// <paramref name="gpio"/>; <paramref name="io"/> is the UART on the card's I/O, opened by the board at
        /// f/372 baud, 8 data bits, even parity, 2 stop bits. <paramref name="ifsd"/> is the T=1 block size we accept.
        /// </summary>
        public Tda8035(ISerialPort io, IGpioController gpio, int cmdVccNPin, int rstInPin, int offNPin, int ifsd = DefaultIfsd, bool shouldDispose = true)
        {
            if (io == null || gpio == null)
            {
                throw new System.ArgumentNullException(io == null ? "io" : "gpio");
            }

            if (ifsd < 16 || ifsd > 254)
            {
                throw new System.ArgumentOutOfRangeException("ifsd");
            }

            _port = io;
            _gpio = gpio;
            _cmdVccN = cmdVccNPin;
            _rstIn = rstInPin;
            _offN = offNPin;
            _shouldDispose = shouldDispose;
            _line = new CardLine(io);
            _t0 = new T0Protocol(_line);
            _t1 = new T1Protocol(_line, ifsd);
            _onOffN = OnOffN;
            gpio.OpenPin(cmdVccNPin, PinMode.Output);
            gpio.Write(cmdVccNPin, PinValue.High);
            gpio.OpenPin(rstInPin, PinMode.Output);
            gpio.Write(rstInPin, PinValue.Low);
            gpio.OpenPin(offNPin, PinMode.InputPullUp);
        }

        /// <inheritdoc />
        public bool CardPresent => _present;

        /// <summary>Whether the card is powered with a session open (after <see cref="PowerOn"/>).</summary>
        public bool Active => _active;

        /// <summary>The transmission protocol of the session: 0 or 1 (-1 without one).</summary>
        public int Protocol => _active ? _atr.Protocol : -1;

        /// <summary>The last ATR's parameters and, when it was refused, why.</summary>
        public AnswerToReset Atr => _atr;

        /// <summary>T=1 blocks asked again after an error, since construction (diagnostics).</summary>
        public int Retransmissions => _t1.Retransmissions;

        /// <summary>T=1 S(WTX) requests answered, since construction (diagnostics).</summary>
        public int WaitExtensions => _t1.WaitExtensions;

        /// <inheritdoc />
        public void Start(IEventSink sink)
        {
            if (_disposed)
            {
                throw new System.ObjectDisposedException("Tda8035");
            }

            _sink = sink ?? throw new System.ArgumentNullException("sink");
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            _gpio.RegisterCallbackForPinValueChangedEvent(_offN, PinEventTypes.Falling | PinEventTypes.Rising, _onOffN);

            // A card already in the slot at power-up is announced after the debounce, like one pushed in later.
            sink.Post(EventKind.DeviceWake, WakeTag, 0, EventPriority.Low);
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (_sink == null)
            {
                return Deadline.Never;
            }

            bool level = _gpio.Read(_offN) == PinValue.High;
            if (level == _present)
            {
                _changeSince = -1;
                return Deadline.Never;
            }

            if (_changeSince < 0)
            {
                _changeSince = nowMs;
            }

            if (nowMs - _changeSince < DebounceMs)
            {
                return _changeSince + DebounceMs;
            }

            _changeSince = -1;
            if (level)
            {
                _present = true;
                _sink.Post(EventKind.CardInserted, 0, 0, EventPriority.Normal);
            }
            else
            {
                Withdrawn();
            }

            return Deadline.Never;
        }

        /// <inheritdoc />
        public int PowerOn(byte[] atr, int offset, int capacity)
        {
            if (_active)
            {
                PowerOff();
            }

            if (!_present || _gpio.Read(_offN) == PinValue.Low)
            {
                return ReaderStatus.NoCard;
            }

            _line.Lost = false;
            _line.Drain();
            _gpio.Write(_rstIn, PinValue.Low);
            _gpio.Write(_cmdVccN, PinValue.Low);
            _active = true;

            // Wait out the activation with RST low: nothing may arrive on I/O meanwhile.
            int status = _line.ReadByte(ActivationMs);
            if (status == ReaderStatus.NoCard || _gpio.Read(_offN) == PinValue.Low)
            {
                // The chip refused to power the card it sees (overcurrent, a shorted card) or the card just left.
                _faulted = true;
                return Fail(ReaderStatus.NoCard);
            }

            _faulted = false;
            status = ResetAndReadAtr();
            if (status == ReaderStatus.ProtocolError || status == ReaderStatus.Timeout || status == ReaderStatus.TransmissionError)
            {
                // EMV: a refused or missing cold ATR gets one warm reset.
                _gpio.Write(_rstIn, PinValue.Low);
                if (_line.ReadByte(ActivationMs) == ReaderStatus.NoCard)
                {
                    return Fail(ReaderStatus.NoCard);
                }

                _line.Drain();
                status = ResetAndReadAtr();
            }

            if (status < 0)
            {
                return Fail(status);
            }

            if (_atr.Protocol == 1)
            {
                status = _t1.Start(_atr);
                if (status < 0)
                {
                    return Fail(status);
                }
            }
            else
            {
                _t0.Configure(_atr.Wi);
            }

            if (_atrLength > capacity)
            {
                return ReaderStatus.BufferTooSmall;
            }

            for (int i = 0; i < _atrLength; i++)
            {
                atr[offset + i] = _atrBytes[i];
            }

            return _atrLength;
        }

        /// <inheritdoc />
        public int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity)
        {
            if (!_active)
            {
                return ReaderStatus.NoCard;
            }

            int n = _atr.Protocol == 1
                ? _t1.Transceive(command, commandOffset, commandLength, response, responseOffset, responseCapacity)
                : _t0.Transceive(command, commandOffset, commandLength, response, responseOffset, responseCapacity);
            if (n == ReaderStatus.NoCard || _line.Lost || _gpio.Read(_offN) == PinValue.Low)
            {
                Withdrawn();
                return ReaderStatus.NoCard;
            }

            return n;
        }

        /// <inheritdoc />
        public void PowerOff()
        {
            // RSTIN low first, then CMDVCCN high: the chip runs the deactivation (RST, CLK, I/O low, VCC off).
            _gpio.Write(_rstIn, PinValue.Low);
            _gpio.Write(_cmdVccN, PinValue.High);
            _active = false;
            _line.Lost = false;
        }

        /// <summary>True unless the UART is closed or the chip refused the last activation (OFFN low as VCC came up).</summary>
        public bool SelfCheck() => _port.IsOpen && !_faulted;

        /// <inheritdoc />
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            PowerOff();
            if (_sink != null)
            {
                _gpio.UnregisterCallbackForPinValueChangedEvent(_offN, _onOffN);
            }

            if (_shouldDispose)
            {
                _gpio.ClosePin(_cmdVccN);
                _gpio.ClosePin(_rstIn);
                _gpio.ClosePin(_offN);
                _port.Dispose();
            }
        }

        private int ResetAndReadAtr()
        {
            _gpio.Write(_rstIn, PinValue.High);
            _atrLength = 0;
            int wait = _line.Ms(AtrFirstByteEtu);
            int need;
            while ((need = AnswerToReset.MissingBytes(_atrBytes, 0, _atrLength)) > 0)
            {
                if (_atrLength + need > AnswerToReset.MaxLength)
                {
                    return _atr.Parse(_atrBytes, 0, AnswerToReset.MaxLength + 1); // refused as too long
                }

                int b = _line.ReadByte(wait);
                if (b < 0)
                {
                    return b;
                }

                _atrBytes[_atrLength++] = (byte)b;
                wait = _line.Ms(AtrNextByteEtu);
                if (_atrLength == 1 && b != AnswerToReset.DirectTs)
                {
                    return _atr.Parse(_atrBytes, 0, 1);
                }
            }

            if (_line.HasMore)
            {
                // More characters than the structure announces.
                _atrLength = AnswerToReset.MaxLength + 1;
                return _atr.Parse(_atrBytes, 0, _atrLength);
            }

            return _atr.Parse(_atrBytes, 0, _atrLength);
        }

        private int Fail(int status)
        {
            PowerOff();
            if (status == ReaderStatus.NoCard && _present && _gpio.Read(_offN) == PinValue.Low)
            {
                Withdrawn();
            }

            return status;
        }

        // The card left (or the chip faulted): power down once, tell the app once.
        private void Withdrawn()
        {
            if (_active)
            {
                PowerOff();
            }

            _changeSince = -1;
            if (_present)
            {
                _present = false;
                IEventSink? sink = _sink;
                if (sink != null)
                {
                    sink.Post(EventKind.CardWithdrawn, 0, 0, EventPriority.Normal);
                }
            }
        }

        private void OnOffN(int pin, PinEventTypes edge)
        {
            if (edge == PinEventTypes.Falling && _active)
            {
                _line.Lost = true;
            }

            IEventSink? sink = _sink;
            if (sink != null)
            {
                sink.Post(EventKind.DeviceWake, WakeTag, 0, EventPriority.Low);
            }
        }
    }
}
