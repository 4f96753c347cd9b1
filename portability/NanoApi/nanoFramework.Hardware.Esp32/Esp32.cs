using System;

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>ESP32 pin configuration.</summary>
    public class Configuration
    {
        /// <summary>Routes a peripheral signal to a GPIO through the GPIO matrix.</summary>
        public static void SetPinFunction(int pin, DeviceFunction value) => throw new NotImplementedException();
    }

    /// <summary>
    /// Peripheral signals (the ones the device routes). A value is the device type (SPI 0x10000, serial 0x30000)
    /// plus 0x100 times the device index plus the signal's number.
    /// </summary>
    public enum DeviceFunction
    {
        /// <summary>SPI1 MOSI.</summary>
        SPI1_MOSI = 0x10100,

        /// <summary>SPI1 MISO.</summary>
        SPI1_MISO = 0x10101,

        /// <summary>SPI1 clock.</summary>
        SPI1_CLOCK = 0x10102,

        /// <summary>SPI2 MOSI.</summary>
        SPI2_MOSI = 0x10200,

        /// <summary>SPI2 MISO.</summary>
        SPI2_MISO = 0x10201,

        /// <summary>SPI2 clock.</summary>
        SPI2_CLOCK = 0x10202,

        /// <summary>COM1 TX.</summary>
        COM1_TX = 0x30100,

        /// <summary>COM1 RX.</summary>
        COM1_RX = 0x30101,

        /// <summary>COM1 RTS.</summary>
        COM1_RTS = 0x30102,

        /// <summary>COM1 CTS.</summary>
        COM1_CTS = 0x30103,

        /// <summary>COM2 TX.</summary>
        COM2_TX = 0x30200,

        /// <summary>COM2 RX.</summary>
        COM2_RX = 0x30201,

        /// <summary>COM2 RTS.</summary>
        COM2_RTS = 0x30202,

        /// <summary>COM2 CTS.</summary>
        COM2_CTS = 0x30203,

        /// <summary>COM3 TX.</summary>
        COM3_TX = 0x30300,

        /// <summary>COM3 RX.</summary>
        COM3_RX = 0x30301,

        /// <summary>COM3 RTS.</summary>
        COM3_RTS = 0x30302,

        /// <summary>COM3 CTS.</summary>
        COM3_CTS = 0x30303,
    }
}
