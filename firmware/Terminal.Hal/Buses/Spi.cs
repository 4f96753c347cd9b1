namespace Terminal.Hal
{
    /// <summary>Clock polarity and phase of an SPI bus.</summary>
    public enum SpiMode
    {
        /// <summary>CPOL 0, CPHA 0.</summary>
        Mode0 = 0,
        /// <summary>CPOL 0, CPHA 1.</summary>
        Mode1 = 1,
        /// <summary>CPOL 1, CPHA 0.</summary>
        Mode2 = 2,
        /// <summary>CPOL 1, CPHA 1.</summary>
        Mode3 = 3,
    }

    /// <summary>Where a device sits on an SPI bus and how it is clocked (mirrors SpiConnectionSettings).</summary>
    public sealed class SpiConnectionSettings
    {
        /// <summary>Creates settings for the device on <paramref name="busId"/> selected by <paramref name="chipSelectLine"/>.</summary>
        public SpiConnectionSettings(int busId, int chipSelectLine)
        {
            BusId = busId;
            ChipSelectLine = chipSelectLine;
            ClockFrequency = 1_000_000;
            Mode = SpiMode.Mode0;
            DataBitLength = 8;
        }

        /// <summary>The SPI peripheral number.</summary>
        public int BusId { get; }

        /// <summary>The GPIO used as chip select.</summary>
        public int ChipSelectLine { get; }

        /// <summary>Clock in Hz.</summary>
        public int ClockFrequency { get; set; }

        /// <summary>Clock polarity and phase.</summary>
        public SpiMode Mode { get; set; }

        /// <summary>Bits per word.</summary>
        public int DataBitLength { get; set; }
    }

    /// <summary>One device on an SPI bus: chip select is asserted for the length of each call.</summary>
    public interface ISpiDevice : System.IDisposable
    {
        /// <summary>The settings the device was opened with.</summary>
        SpiConnectionSettings ConnectionSettings { get; }

        /// <summary>Clocks out <paramref name="count"/> bytes, discarding what comes back.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Clocks in <paramref name="count"/> bytes while sending zeros.</summary>
        void Read(byte[] buffer, int offset, int count);

        /// <summary>Sends and receives <paramref name="count"/> bytes at once.</summary>
        void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count);
    }
}
