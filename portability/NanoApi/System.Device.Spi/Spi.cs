namespace System.Device.Spi
{
    /// <summary>Bus, chip select, clock, word size and mode of one SPI device.</summary>
    public sealed class SpiConnectionSettings
    {
        /// <summary>A device on bus <paramref name="busId"/> (SPI1, SPI2) with its chip select, -1 for none.</summary>
        public SpiConnectionSettings(int busId, int chipSelectLine = -1) => throw new NotImplementedException();

        /// <summary>Clock in Hz.</summary>
        public int ClockFrequency
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Bits per word.</summary>
        public int DataBitLength
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Clock polarity and phase.</summary>
        public SpiMode Mode
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }
    }

    /// <summary>One device on an SPI bus.</summary>
    public class SpiDevice : IDisposable
    {
        /// <summary>Opens the device.</summary>
        public SpiDevice(SpiConnectionSettings settings) => throw new NotImplementedException();

        /// <summary>Opens the device.</summary>
        public static SpiDevice Create(SpiConnectionSettings settings) => throw new NotImplementedException();

        /// <summary>Reads as many bytes as <paramref name="buffer"/> spans.</summary>
        public void Read(SpanByte buffer) => throw new NotImplementedException();

        /// <summary>Writes the bytes <paramref name="buffer"/> spans.</summary>
        public void Write(SpanByte buffer) => throw new NotImplementedException();

        /// <summary>Writes and reads at once.</summary>
        public void TransferFullDuplex(SpanByte writeBuffer, SpanByte readBuffer) => throw new NotImplementedException();

        /// <summary>Closes the device.</summary>
        public void Dispose() => throw new NotImplementedException();
    }

    /// <summary>Clock polarity and phase (CPOL, CPHA).</summary>
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
}
