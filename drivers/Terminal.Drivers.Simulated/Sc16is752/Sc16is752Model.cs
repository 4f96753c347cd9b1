using Terminal.Drivers.Bridge;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Bridge;

/// <summary>
/// The SC16IS752 as its SPI pins see it: the address byte (R/W, A[3:0], channel), the register file of each
/// channel (LCR, DLL/DLH under LCR[7], FCR, IER, MCR, SPR), the 64-character receive FIFO with LSR's per-character
/// parity, framing and break bits and its overrun, TXLVL/RXLVL, and the eight GPIOs (IODir, IOState) as nets of
/// <see cref="Pins"/> that another chip model can sit on. A channel's TX/RX is one end of a simulated UART cable:
/// characters written to THR go out at once (the transmit FIFO never fills), and characters on the line enter the
/// receive FIFO as it has room (a reader that keeps up; <see cref="OverrunNext"/> loses one on purpose). A
/// channel whose LCR or divisor does not match its line's format garbles what it sends and marks what it receives
/// with a framing error, as a UART at the wrong speed would.
/// </summary>
public sealed class Sc16is752Model : ISpiDevice
{
    private const int ResetLcr = 0x1D;
    private readonly Channel[] _channels;
    private readonly int _pullUps;
    private int _ioDir;
    private int _ioLatch;
    private int _ioControl;

    /// <summary>
    /// The chip with a <paramref name="crystalHz"/> crystal; <paramref name="lineA"/> and <paramref name="lineB"/> are
    /// the chip's ends of its channels' cables (null: nothing connected), carrying characters in
    /// <paramref name="lineFormat"/> (an LCR value; 8E2 by default) at the cable's baud rate. <paramref name="pullUps"/>
    /// is a mask of the GPIOs with a pull-up resistor on the board (the chip has none of its own).
    /// </summary>
    public Sc16is752Model(int crystalHz, SimulatedSerialPort? lineA, SimulatedSerialPort? lineB = null, int lineFormat = 0x1F, int pullUps = 0)
    {
        // The bridge is the "driver side" of its nets (its output latches, the board's pull-ups); a chip model on the
        // other end watches and drives them.
        _pullUps = pullUps;
        for (int pin = 0; pin < Sc16is752Gpio.PinCount; pin++)
        {
            Pins.OpenPin(pin, InputMode(pin));
        }

        CrystalHz = crystalHz;
        _channels = [new Channel(lineA, lineFormat), new Channel(lineB, lineFormat)];
        foreach (var line in new[] { lineA, lineB })
        {
            line?.Open();
        }

        ConnectionSettings = new SpiConnectionSettings(1, 0) { ClockFrequency = Sc16is752.MaxSpiClockHz };
        Reset();
    }

    /// <inheritdoc />
    public SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>The crystal's frequency.</summary>
    public int CrystalHz { get; }

    /// <summary>GPIO0 to GPIO7 as nets (pin numbers 0 to 7): the chip drives its outputs; its inputs read the net.</summary>
    public SimulatedGpio Pins { get; } = new();

    /// <summary>SPI transactions seen.</summary>
    public int SpiTransfers { get; private set; }

    /// <summary>Software resets (IOControl[3]).</summary>
    public int Resets { get; private set; }

    /// <summary>Fault: the chip does not answer (MISO floats high: every read returns 0xFF).</summary>
    public bool Silent { get; set; }

    /// <summary>The LCR of a channel (0 = A).</summary>
    public int Lcr(int channel) => _channels[channel].Lcr;

    /// <summary>The divisor latch (DLH:DLL) of a channel.</summary>
    public int Divisor(int channel) => (_channels[channel].Dlh << 8) | _channels[channel].Dll;

    /// <summary>The last value written to a channel's FCR.</summary>
    public int Fcr(int channel) => _channels[channel].Fcr;

    /// <summary>The baud rate a channel's divisor gives (0 before one is set).</summary>
    public int BaudOf(int channel) => Divisor(channel) == 0 ? 0 : CrystalHz / (16 * Divisor(channel));

    /// <summary>IODir as written.</summary>
    public int IoDir => _ioDir;

    /// <summary>Fault: the next <paramref name="count"/> characters received on a channel carry a parity error.</summary>
    public void ParityErrorOnNext(int channel, int count) => _channels[channel].ParityErrors += count;

    /// <summary>Fault: the next character arriving on a channel finds the FIFO full and is lost (LSR[1]).</summary>
    public void OverrunNext(int channel) => _channels[channel].Overrun = true;

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count) => Transfer(buffer, offset, null, 0, count);

    /// <inheritdoc />
    public void Read(byte[] buffer, int offset, int count) => Transfer(new byte[count], 0, buffer, offset, count);

    /// <inheritdoc />
    public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count) =>
        Transfer(writeBuffer, writeOffset, readBuffer, readOffset, count);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Transfer(byte[] tx, int txOffset, byte[]? rx, int rxOffset, int count)
    {
        SpiTransfers++;
        if (count == 0)
        {
            return;
        }

        byte address = tx[txOffset];
        bool read = (address & 0x80) != 0;
        int register = (address >> 3) & 0x0F;
        int channel = (address >> 1) & 0x03;
        if (rx != null)
        {
            rx[rxOffset] = Silent ? (byte)0xFF : (byte)0x00;
        }

        if (channel > 1)
        {
            return; // CH1:CH0 = 1x is reserved
        }

        for (int i = 1; i < count; i++)
        {
            // Bursts stay on one address: the FIFOs take or give a character per byte, other registers repeat.
            if (read)
            {
                byte value = Silent ? (byte)0xFF : (byte)ReadRegister(register, _channels[channel]);
                if (rx != null)
                {
                    rx[rxOffset + i] = value;
                }
            }
            else
            {
                WriteRegister(register, _channels[channel], tx[txOffset + i]);
            }
        }
    }

    private int ReadRegister(int register, Channel ch)
    {
        bool latch = (ch.Lcr & Sc16is752Bits.LcrDivisorLatch) != 0;
        switch (register)
        {
            case Sc16is752Register.RhrThr:
                return latch ? ch.Dll : ch.Pop();
            case Sc16is752Register.Ier:
                return latch ? ch.Dlh : ch.Ier;
            case Sc16is752Register.FcrIir:
                return 0x01; // IIR: no interrupt pending
            case Sc16is752Register.Lcr:
                return ch.Lcr;
            case Sc16is752Register.Mcr:
                return ch.Mcr;
            case Sc16is752Register.Lsr:
                ch.Fill(this);
                return ch.LineStatus();
            case Sc16is752Register.Spr:
                return ch.Spr;
            case Sc16is752Register.TxLvl:
                return Sc16is752.FifoSize;
            case Sc16is752Register.RxLvl:
                ch.Fill(this);
                return ch.Fifo.Count;
            case Sc16is752Register.IoDir:
                return _ioDir;
            case Sc16is752Register.IoState:
                int levels = 0;
                for (int pin = 0; pin < Sc16is752Gpio.PinCount; pin++)
                {
                    levels |= Pins.LevelOf(pin) == PinValue.High ? 1 << pin : 0;
                }

                return levels;
            case Sc16is752Register.IoControl:
                return _ioControl;
            default:
                return 0;
        }
    }

    private void WriteRegister(int register, Channel ch, byte value)
    {
        bool latch = (ch.Lcr & Sc16is752Bits.LcrDivisorLatch) != 0;
        switch (register)
        {
            case Sc16is752Register.RhrThr:
                if (latch)
                {
                    ch.Dll = value;
                }
                else
                {
                    ch.Send(value, this);
                }

                break;
            case Sc16is752Register.Ier:
                if (latch)
                {
                    ch.Dlh = value;
                }
                else
                {
                    ch.Ier = value;
                }

                break;
            case Sc16is752Register.FcrIir:
                ch.Fcr = value;
                if ((value & Sc16is752Bits.FcrResetRx) != 0)
                {
                    ch.Fifo.Clear();
                }

                break;
            case Sc16is752Register.Lcr:
                ch.Lcr = value;
                break;
            case Sc16is752Register.Mcr:
                ch.Mcr = value;
                break;
            case Sc16is752Register.Spr:
                ch.Spr = value;
                break;
            case Sc16is752Register.IoDir:
                _ioDir = value;
                DrivePins();
                break;
            case Sc16is752Register.IoState:
                _ioLatch = value;
                DrivePins();
                break;
            case Sc16is752Register.IoControl:
                if ((value & Sc16is752Bits.IoControlSoftwareReset) != 0)
                {
                    Reset();
                }
                else
                {
                    _ioControl = value & 0x07;
                }

                break;
        }
    }

    private void Reset()
    {
        Resets++;
        foreach (var ch in _channels)
        {
            ch.Lcr = ResetLcr;
            ch.Dll = 0;
            ch.Dlh = 0;
            ch.Ier = 0;
            ch.Fcr = 0;
            ch.Mcr = 0;
            ch.Spr = 0xFF;
            ch.Fifo.Clear();
        }

        _ioDir = 0;
        _ioLatch = 0;
        _ioControl = 0;
        DrivePins();
    }

    private void DrivePins()
    {
        for (int pin = 0; pin < Sc16is752Gpio.PinCount; pin++)
        {
            int bit = 1 << pin;
            Pins.Write(pin, (_ioLatch & bit) != 0 ? PinValue.High : PinValue.Low);
            Pins.SetPinMode(pin, (_ioDir & bit) != 0 ? PinMode.Output : InputMode(pin));
        }
    }

    private PinMode InputMode(int pin) => (_pullUps & (1 << pin)) != 0 ? PinMode.InputPullUp : PinMode.Input;

    // Whether the channel's UART is set for its line: the same LCR format and a divisor within 2% of the line's speed.
    private bool Matches(Channel ch)
    {
        if (ch.Line == null || (ch.Lcr & 0x3F) != ch.LineFormat)
        {
            return false;
        }

        int divisor = (ch.Dlh << 8) | ch.Dll;
        if (divisor == 0)
        {
            return false;
        }

        long actual = CrystalHz / (16L * divisor);
        long wanted = ch.Line.BaudRate;
        return Math.Abs(actual - wanted) * 50 <= wanted;
    }

    private sealed class Channel(SimulatedSerialPort? line, int lineFormat)
    {
        private readonly byte[] _one = new byte[1];

        public SimulatedSerialPort? Line { get; } = line;

        public int LineFormat { get; } = lineFormat;

        public Queue<(byte Value, int Errors)> Fifo { get; } = new();

        public int Lcr { get; set; }

        public int Dll { get; set; }

        public int Dlh { get; set; }

        public int Ier { get; set; }

        public int Fcr { get; set; }

        public int Mcr { get; set; }

        public int Spr { get; set; }

        public int ParityErrors { get; set; }

        public bool Overrun { get; set; }

        private bool _overrunSeen;

        public void Send(byte value, Sc16is752Model chip)
        {
            if (Line == null)
            {
                return;
            }

            _one[0] = chip.Matches(this) ? value : (byte)(value ^ 0xA5);
            Line.Write(_one, 0, 1);
        }

        // Moves characters from the line into the FIFO while it has room.
        public void Fill(Sc16is752Model chip)
        {
            if (Line == null)
            {
                return;
            }

            while (Fifo.Count < Sc16is752.FifoSize && Line.Read(_one, 0, 1) == 1)
            {
                if (Overrun)
                {
                    Overrun = false;
                    _overrunSeen = true;
                    continue;
                }

                int errors = 0;
                byte value = _one[0];
                if (!chip.Matches(this))
                {
                    errors |= Sc16is752Bits.LsrFraming;
                    value ^= 0xA5;
                }
                else if (ParityErrors > 0)
                {
                    ParityErrors--;
                    errors |= Sc16is752Bits.LsrParity;
                }

                Fifo.Enqueue((value, errors));
            }
        }

        public int Pop()
        {
            if (Fifo.Count == 0)
            {
                return 0;
            }

            return Fifo.Dequeue().Value;
        }

        public int LineStatus()
        {
            int lsr = Sc16is752Bits.LsrThrEmpty | Sc16is752Bits.LsrTransmitterEmpty;
            if (Fifo.Count > 0)
            {
                lsr |= Sc16is752Bits.LsrDataReady | Fifo.Peek().Errors;
                foreach (var (_, errors) in Fifo)
                {
                    if (errors != 0)
                    {
                        lsr |= Sc16is752Bits.LsrFifoDataError;
                        break;
                    }
                }
            }

            if (_overrunSeen)
            {
                lsr |= Sc16is752Bits.LsrOverrun;
                _overrunSeen = false; // cleared by reading LSR
            }

            return lsr;
        }
    }
}
