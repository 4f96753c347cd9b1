using Terminal.Hal;

namespace Terminal.Drivers.Bridge
{
    /// <summary>
    /// One UART channel of an <see cref="Sc16is752"/> as a serial port. Open programs LCR (word, parity, stop bits),
    /// the divisor (DLL/DLH under LCR[7]) and FCR (FIFOs on and reset). Received characters move from the chip's
    /// 64-byte FIFO into a 512-byte ring of the driver, also while a long Write waits for transmit space, so a
    /// half-duplex line's echo of a long write never overruns the chip's FIFO. Line errors (LSR parity, framing,
    /// break, overrun) are counted per character and kept in <see cref="LastLineStatus"/>; the characters are kept.
    /// Open leaves the port closed when LCR does not read back (no chip on the bus).
    /// </summary>
    public sealed class Sc16is752Channel : ISerialPort
    {
        private const int RingSize = 512;

        // LSR bits that mark the character at the top of the FIFO.
        private const int CharacterErrors = Sc16is752Bits.LsrParity | Sc16is752Bits.LsrFraming | Sc16is752Bits.LsrBreak;

        private readonly Sc16is752 _chip;
        private readonly int _channel;
        private readonly UartParity _parity;
        private readonly int _stopBits;
        private readonly byte[] _ring = new byte[RingSize];
        private readonly byte[] _chunk = new byte[Sc16is752.FifoSize];
        private int _head;
        private int _count;

        internal Sc16is752Channel(Sc16is752 chip, int channel, string portName, int baud, UartParity parity, int stopBits)
        {
            _chip = chip;
            _channel = channel;
            PortName = portName;
            BaudRate = baud;
            _parity = parity;
            _stopBits = stopBits;
        }

        /// <inheritdoc />
        public string PortName { get; }

        /// <inheritdoc />
        public int BaudRate { get; }

        /// <summary>The divisor programmed into DLL/DLH.</summary>
        public int Divisor => _chip.DivisorFor(BaudRate);

        /// <summary>The LCR value for this channel's format (without LCR[7]).</summary>
        public int LineControl
        {
            get
            {
                int lcr = Sc16is752Bits.LcrWord8;
                if (_stopBits == 2)
                {
                    lcr |= Sc16is752Bits.LcrTwoStop;
                }

                if (_parity != UartParity.None)
                {
                    lcr |= Sc16is752Bits.LcrParityEnable;
                    if (_parity == UartParity.Even)
                    {
                        lcr |= Sc16is752Bits.LcrEvenParity;
                    }
                }

                return lcr;
            }
        }

        /// <inheritdoc />
        public Handshake Handshake { get; set; }

        /// <inheritdoc />
        public bool IsOpen { get; private set; }

        /// <inheritdoc />
        public int BytesToRead
        {
            get
            {
                Drain();
                return _count;
            }
        }

        /// <inheritdoc />
        public int ReadTimeout { get; set; }

        /// <inheritdoc />
        public int WriteTimeout { get; set; } = 1000;

        /// <inheritdoc />
        public byte WatchChar { get; set; }

        /// <inheritdoc />
        public bool CanSend => true;

        /// <summary>Characters received with a parity error (LSR[2]).</summary>
        public int ParityErrors { get; private set; }

        /// <summary>Characters received with a framing error (LSR[3]).</summary>
        public int FramingErrors { get; private set; }

        /// <summary>Break conditions received (LSR[4]).</summary>
        public int Breaks { get; private set; }

        /// <summary>Times the chip lost characters to a full receive FIFO (LSR[1]).</summary>
        public int Overruns { get; private set; }

        /// <summary>Characters dropped because the driver's ring was full (nobody read).</summary>
        public int Dropped { get; private set; }

        /// <summary>The error bits of the last LSR read that had any (0: none since Open).</summary>
        public int LastLineStatus { get; private set; }

        /// <inheritdoc />
        public void Open()
        {
            // LCR[7] opens the divisor latch; the format is written with it and stays when it closes.
            int divisor = Divisor;
            _chip.Write(Sc16is752Register.Lcr, _channel, Sc16is752Bits.LcrDivisorLatch | LineControl);
            _chip.Write(Sc16is752Register.Dll, _channel, divisor & 0xFF);
            _chip.Write(Sc16is752Register.Dlh, _channel, (divisor >> 8) & 0xFF);
            _chip.Write(Sc16is752Register.Lcr, _channel, LineControl);
            _chip.Write(Sc16is752Register.FcrIir, _channel, Sc16is752Bits.FcrFifoEnable | Sc16is752Bits.FcrResetRx | Sc16is752Bits.FcrResetTx);
            _chip.Write(Sc16is752Register.Ier, _channel, 0x00); // polled: no interrupts
            _head = 0;
            _count = 0;
            LastLineStatus = 0;

            // LCR reads back what was written: a chip that is missing or not answering leaves the port closed.
            IsOpen = _chip.Read(Sc16is752Register.Lcr, _channel) == LineControl;
        }

        /// <inheritdoc />
        public void Close() => IsOpen = false;

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            Drain();
            IClock? clock = _chip.Clock;
            if (_count == 0 && ReadTimeout > 0 && clock != null)
            {
                long deadline = clock.NowMs + ReadTimeout;
                while (_count == 0)
                {
                    long now = clock.NowMs;
                    if (now >= deadline)
                    {
                        break;
                    }

                    // About a character time at 9,600 baud: polling RXLVL each millisecond costs two SPI bytes.
                    clock.WaitUntil(now + 1);
                    Drain();
                }
            }

            int n = count < _count ? count : _count;
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _ring[_head];
                _head = (_head + 1) % RingSize;
            }

            _count -= n;
            return n;
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            if (!IsOpen)
            {
                throw new System.InvalidOperationException("the bridge channel is not open");
            }

            IClock? clock = _chip.Clock;
            long deadline = clock != null ? clock.NowMs + WriteTimeout : 0;
            int sent = 0;
            while (sent < count)
            {
                // Keep the receive FIFO empty while we wait: on a one-wire line it fills with our own echo.
                Drain();
                int space = _chip.Read(Sc16is752Register.TxLvl, _channel);
                if (space > 0)
                {
                    int n = count - sent < space ? count - sent : space;
                    _chip.WriteFifo(_channel, buffer, offset + sent, n);
                    sent += n;
                    continue;
                }

                if (clock == null || clock.NowMs >= deadline)
                {
                    throw new System.InvalidOperationException("the bridge channel's transmit FIFO stays full");
                }

                clock.WaitUntil(clock.NowMs + 1);
            }
        }

        /// <inheritdoc />
        public void SetDataReceivedHandler(SerialDataReceivedHandler? handler)
        {
            // No IRQ line: nothing would call it. Readers poll BytesToRead or Read with a timeout.
        }

        /// <inheritdoc />
        public void Dispose() => Close();

        // Moves what waits in the chip's receive FIFO into the ring, noting LSR errors character by character when
        // LSR[7] says the FIFO holds one.
        private void Drain()
        {
            if (!IsOpen)
            {
                return;
            }

            while (true)
            {
                int waiting = _chip.Read(Sc16is752Register.RxLvl, _channel);
                if (waiting == 0)
                {
                    return;
                }

                int lsr = _chip.Read(Sc16is752Register.Lsr, _channel);
                if ((lsr & Sc16is752Bits.LsrOverrun) != 0)
                {
                    Overruns++;
                    LastLineStatus = lsr & 0x9E;
                }

                if ((lsr & Sc16is752Bits.LsrFifoDataError) == 0)
                {
                    int n = waiting < _chunk.Length ? waiting : _chunk.Length;
                    _chip.ReadFifo(_channel, _chunk, 0, n);
                    for (int i = 0; i < n; i++)
                    {
                        Keep(_chunk[i]);
                    }

                    continue;
                }

                // LSR[4:2] describe the character at the top of the FIFO: read one at a time while an error waits.
                for (int i = 0; i < waiting; i++)
                {
                    if (i > 0)
                    {
                        lsr = _chip.Read(Sc16is752Register.Lsr, _channel);
                    }

                    if ((lsr & CharacterErrors) != 0)
                    {
                        LastLineStatus = lsr & 0x9E;
                        ParityErrors += (lsr & Sc16is752Bits.LsrParity) != 0 ? 1 : 0;
                        FramingErrors += (lsr & Sc16is752Bits.LsrFraming) != 0 ? 1 : 0;
                        Breaks += (lsr & Sc16is752Bits.LsrBreak) != 0 ? 1 : 0;
                    }

                    Keep((byte)_chip.Read(Sc16is752Register.RhrThr, _channel));
                }
            }
        }

        private void Keep(byte value)
        {
            if (_count == RingSize)
            {
                Dropped++;
                return;
            }

            _ring[(_head + _count) % RingSize] = value;
            _count++;
        }
    }
}
