using Terminal.Hal;

namespace Terminal.Drivers.Contact
{
    /// <summary>
    /// The card's I/O line as the MCU sees it: one wire joined to its UART's TX and RX (half duplex), so each
    /// byte sent comes back as an echo that is read and compared. Waits are ReadTimeout slices of at most
    /// <see cref="SliceMs"/>, so a card pulled out (the driver sets <see cref="Lost"/> from the OFFN interrupt)
    /// ends a wait within one slice.
    /// </summary>
    internal sealed class CardLine
    {
        /// <summary>Longest single blocking read.</summary>
        public const int SliceMs = 50;

        private readonly ISerialPort _port;
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _echo = new byte[16];

        public CardLine(ISerialPort port)
        {
            _port = port;
        }

        /// <summary>Set from the OFFN interrupt when the card leaves (or the chip faults) during a session.</summary>
        public bool Lost;

        /// <summary>Microseconds per elementary time unit at the port's speed (Fi 372 / Di 1: one bit).</summary>
        public int EtuUs => (1000000 + _port.BaudRate - 1) / _port.BaudRate;

        /// <summary>Milliseconds that <paramref name="etus"/> elementary time units take, rounded up, at least 1.</summary>
        public int Ms(int etus)
        {
            long us = (long)etus * EtuUs;
            return (int)((us + 999) / 1000) + 1;
        }

        /// <summary>Throws away whatever waits in the receive buffer.</summary>
        public void Drain()
        {
            _port.ReadTimeout = 0;
            while (_port.Read(_echo, 0, _echo.Length) > 0)
            {
            }
        }

        /// <summary>Sends bytes and reads their echo back; returns Ok or a negative <see cref="ReaderStatus"/>.</summary>
        public int Send(byte[] buffer, int offset, int count)
        {
            if (Lost)
            {
                return ReaderStatus.NoCard;
            }

            // Whatever is left of an earlier broken exchange is not an answer to this one.
            Drain();
            _port.Write(buffer, offset, count);
            int echoMs = Ms((count * 12) + 24);
            for (int i = 0; i < count; i++)
            {
                int b = ReadByte(echoMs);
                if (b < 0)
                {
                    // No echo: the line is held low (chip off) or the UART is not wired to it.
                    return b == ReaderStatus.Timeout ? ReaderStatus.ReaderFault : b;
                }

                if (b != buffer[offset + i])
                {
                    return ReaderStatus.TransmissionError;
                }
            }

            return ReaderStatus.Ok;
        }

        /// <summary>Waits up to <paramref name="timeoutMs"/> for one byte; returns it, or Timeout, or NoCard once the card is gone.</summary>
        public int ReadByte(int timeoutMs)
        {
            int left = timeoutMs;
            while (true)
            {
                if (Lost)
                {
                    return ReaderStatus.NoCard;
                }

                int slice = left < SliceMs ? left : SliceMs;
                _port.ReadTimeout = slice;
                if (_port.Read(_one, 0, 1) == 1)
                {
                    return Lost ? ReaderStatus.NoCard : _one[0];
                }

                left -= slice;
                if (left <= 0)
                {
                    return Lost ? ReaderStatus.NoCard : ReaderStatus.Timeout;
                }
            }
        }

        /// <summary>Whether more bytes wait in the receive buffer.</summary>
        public bool HasMore => _port.BytesToRead > 0;
    }
}
