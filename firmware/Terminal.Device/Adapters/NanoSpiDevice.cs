using System;
using System.Device.Spi;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// One device on a nanoFramework SPI bus. The Hal passes byte[] + offset + count; nanoFramework takes
    /// SpanByte, which wraps the same array without copying. The bus pins must already be routed
    /// (<see cref="Esp32PinMap.RouteSpi"/>).
    /// </summary>
    public sealed class NanoSpiDevice : Hal.ISpiDevice
    {
        private readonly SpiDevice _device;

        /// <summary>Opens the device on <paramref name="settings"/>' bus with its chip select.</summary>
        public NanoSpiDevice(Hal.SpiConnectionSettings settings)
        {
            ConnectionSettings = settings;
            _device = SpiDevice.Create(new SpiConnectionSettings(settings.BusId, settings.ChipSelectLine)
            {
                ClockFrequency = settings.ClockFrequency,
                DataBitLength = settings.DataBitLength,

                // Mode0..Mode3 are CPOL/CPHA 00, 01, 10, 11 in both enums.
                Mode = (SpiMode)(int)settings.Mode,
            });
        }

        /// <inheritdoc />
        public Hal.SpiConnectionSettings ConnectionSettings { get; }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count) => _device.Write(new SpanByte(buffer, offset, count));

        /// <inheritdoc />
        public void Read(byte[] buffer, int offset, int count) => _device.Read(new SpanByte(buffer, offset, count));

        /// <inheritdoc />
        public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
            => _device.TransferFullDuplex(new SpanByte(writeBuffer, writeOffset, count), new SpanByte(readBuffer, readOffset, count));

        /// <inheritdoc />
        public void Dispose() => _device.Dispose();
    }
}
