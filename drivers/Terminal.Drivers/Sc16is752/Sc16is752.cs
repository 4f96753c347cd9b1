using Terminal.Hal;

namespace Terminal.Drivers.Bridge
{
    /// <summary>Parity of a bridge UART channel.</summary>
    public enum UartParity
    {
        /// <summary>No parity bit.</summary>
        None = 0,
        /// <summary>Odd parity.</summary>
        Odd = 1,
        /// <summary>Even parity (ISO 7816).</summary>
        Even = 2,
    }

    /// <summary>
    /// An NXP SC16IS752 dual UART with 8 GPIOs on SPI: register access (one address byte, then data; FIFO bursts at
    /// the RHR/THR address), the two channels as <see cref="ISerialPort"/>s (<see cref="OpenChannel"/>) and the GPIOs
    /// as an <see cref="IGpioController"/> (<see cref="Gpio"/>). No IRQ line: the channels poll RXLVL/TXLVL and the
    /// GPIOs are scanned by the loop (<see cref="Sc16is752Gpio.Poll"/>) for their edge callbacks. Buffers are allocated at construction.
    /// </summary>
    public sealed class Sc16is752 : System.IDisposable
    {
        /// <summary>Characters each channel's receive and transmit FIFO holds.</summary>
        public const int FifoSize = 64;

        /// <summary>The fastest SPI clock the SC16IS752 takes (the SC16IS762 takes 15 MHz).</summary>
        public const int MaxSpiClockHz = 4_000_000;

        private readonly ISpiDevice _spi;
        private readonly IClock? _clock;
        private readonly bool _shouldDispose;
        private readonly byte[] _tx = new byte[FifoSize + 1];
        private readonly byte[] _rx = new byte[FifoSize + 1];
        private readonly Sc16is752Gpio _gpio;
        private bool _disposed;

        /// <summary>
        /// The chip on <paramref name="spi"/> (mode 0, at most <see cref="MaxSpiClockHz"/>), clocked by a crystal of
        /// <paramref name="crystalHz"/> (prescaler 1). With <paramref name="clock"/> a channel's Read waits up to its
        /// ReadTimeout and a Write waits for FIFO space; without one both return at once (tests, models).
        /// </summary>
        public Sc16is752(ISpiDevice spi, int crystalHz, IClock? clock = null, bool shouldDispose = true)
        {
            if (spi == null)
            {
                throw new System.ArgumentNullException("spi");
            }

            if (crystalHz <= 0)
            {
                throw new System.ArgumentOutOfRangeException("crystalHz");
            }

            _spi = spi;
            CrystalHz = crystalHz;
            _clock = clock;
            _shouldDispose = shouldDispose;
            _gpio = new Sc16is752Gpio(this);
        }

        /// <summary>The crystal (XTAL1) frequency the divisors are computed from.</summary>
        public int CrystalHz { get; }

        /// <summary>The chip's eight GPIOs (GPIO0 to GPIO7) as a GPIO controller; add it to the loop's polled devices when a pin has an edge callback.</summary>
        public Sc16is752Gpio Gpio => _gpio;

        /// <summary>The clock the channels wait on (null: they never wait).</summary>
        internal IClock? Clock => _clock;

        /// <summary>
        /// The divisor for <paramref name="baud"/>: crystal / (16 x baud), rounded to the nearest; 0 when out of range
        /// (below 1 or above 65,535).
        /// </summary>
        public int DivisorFor(int baud)
        {
            if (baud <= 0)
            {
                return 0;
            }

            long sixteen = 16L * baud;
            long divisor = (CrystalHz + (sixteen / 2)) / sixteen;
            return divisor < 1 || divisor > 0xFFFF ? 0 : (int)divisor;
        }

        /// <summary>
        /// Resets the chip by software (IOControl[3]) and checks the bus: a value written to SPR must read back.
        /// Returns false when the chip does not answer (an open bus reads 0x00 or 0xFF).
        /// </summary>
        public bool Reset()
        {
            Write(Sc16is752Register.IoControl, 0, Sc16is752Bits.IoControlSoftwareReset);
            Write(Sc16is752Register.Spr, 0, 0x5A);
            if (Read(Sc16is752Register.Spr, 0) != 0x5A)
            {
                return false;
            }

            Write(Sc16is752Register.Spr, 0, 0xA5);
            return Read(Sc16is752Register.Spr, 0) == 0xA5;
        }

        /// <summary>
        /// Channel <paramref name="channel"/> (0 = A, 1 = B) as a serial port at <paramref name="baud"/>, 8 data bits,
        /// <paramref name="parity"/>, <paramref name="stopBits"/> (1 or 2); the registers are programmed on Open.
        /// </summary>
        public Sc16is752Channel OpenChannel(int channel, string portName, int baud, UartParity parity, int stopBits)
        {
            if (channel < 0 || channel > 1)
            {
                throw new System.ArgumentOutOfRangeException("channel");
            }

            if (stopBits < 1 || stopBits > 2)
            {
                throw new System.ArgumentOutOfRangeException("stopBits");
            }

            if (DivisorFor(baud) == 0)
            {
                throw new System.ArgumentOutOfRangeException("baud");
            }

            return new Sc16is752Channel(this, channel, portName, baud, parity, stopBits);
        }

        /// <summary>Reads one register of <paramref name="channel"/>.</summary>
        public int Read(int register, int channel)
        {
            _tx[0] = Sc16is752Register.Address(true, register, channel);
            _tx[1] = 0x00;
            _spi.TransferFullDuplex(_tx, 0, _rx, 0, 2);
            return _rx[1];
        }

        /// <summary>Writes one register of <paramref name="channel"/>.</summary>
        public void Write(int register, int channel, int value)
        {
            _tx[0] = Sc16is752Register.Address(false, register, channel);
            _tx[1] = (byte)value;
            _spi.Write(_tx, 0, 2);
        }

        /// <summary>Reads <paramref name="count"/> (at most 64) characters from the receive FIFO in one burst.</summary>
        public void ReadFifo(int channel, byte[] buffer, int offset, int count)
        {
            _tx[0] = Sc16is752Register.Address(true, Sc16is752Register.RhrThr, channel);
            for (int i = 1; i <= count; i++)
            {
                _tx[i] = 0x00;
            }

            _spi.TransferFullDuplex(_tx, 0, _rx, 0, count + 1);
            for (int i = 0; i < count; i++)
            {
                buffer[offset + i] = _rx[i + 1];
            }
        }

        /// <summary>Writes <paramref name="count"/> (at most 64) characters into the transmit FIFO in one burst.</summary>
        public void WriteFifo(int channel, byte[] buffer, int offset, int count)
        {
            _tx[0] = Sc16is752Register.Address(false, Sc16is752Register.RhrThr, channel);
            for (int i = 0; i < count; i++)
            {
                _tx[i + 1] = buffer[offset + i];
            }

            _spi.Write(_tx, 0, count + 1);
        }

        /// <summary>Releases the SPI device (when owned).</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_shouldDispose)
            {
                _spi.Dispose();
            }
        }
    }
}
