using System;
using nanoFramework.Hardware.Esp32;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// Routes ESP32 peripheral signals to the board's GPIOs through the GPIO matrix
    /// (Configuration.SetPinFunction). It must run before the SPI device or serial port is opened, or the
    /// peripheral comes up on its default pins (COM2's defaults are GPIO 16/17, the WROVER's PSRAM lines).
    /// </summary>
    public static class Esp32PinMap
    {
        /// <summary>Routes SPI1 or SPI2's clock, MOSI and MISO.</summary>
        public static void RouteSpi(int bus, int sck, int mosi, int miso)
        {
            switch (bus)
            {
                case 1:
                    Configuration.SetPinFunction(sck, DeviceFunction.SPI1_CLOCK);
                    Configuration.SetPinFunction(mosi, DeviceFunction.SPI1_MOSI);
                    Configuration.SetPinFunction(miso, DeviceFunction.SPI1_MISO);
                    break;
                case 2:
                    Configuration.SetPinFunction(sck, DeviceFunction.SPI2_CLOCK);
                    Configuration.SetPinFunction(mosi, DeviceFunction.SPI2_MOSI);
                    Configuration.SetPinFunction(miso, DeviceFunction.SPI2_MISO);
                    break;
                default:
                    throw new ArgumentException("the ESP32 has SPI1 and SPI2, not SPI" + bus);
            }
        }

        /// <summary>Routes COM1-COM3's TX, RX and, when wired (not -1), RTS and CTS.</summary>
        public static void RouteUart(string portName, int tx, int rx, int rts, int cts)
        {
            switch (portName)
            {
                case "COM1":
                    Route(tx, rx, rts, cts, DeviceFunction.COM1_TX, DeviceFunction.COM1_RX, DeviceFunction.COM1_RTS, DeviceFunction.COM1_CTS);
                    break;
                case "COM2":
                    Route(tx, rx, rts, cts, DeviceFunction.COM2_TX, DeviceFunction.COM2_RX, DeviceFunction.COM2_RTS, DeviceFunction.COM2_CTS);
                    break;
                case "COM3":
                    Route(tx, rx, rts, cts, DeviceFunction.COM3_TX, DeviceFunction.COM3_RX, DeviceFunction.COM3_RTS, DeviceFunction.COM3_CTS);
                    break;
                default:
                    throw new ArgumentException("the ESP32 has COM1-COM3, not " + portName);
            }
        }

        private static void Route(int tx, int rx, int rts, int cts, DeviceFunction txFunction, DeviceFunction rxFunction, DeviceFunction rtsFunction, DeviceFunction ctsFunction)
        {
            Configuration.SetPinFunction(tx, txFunction);
            Configuration.SetPinFunction(rx, rxFunction);
            if (rts >= 0)
            {
                Configuration.SetPinFunction(rts, rtsFunction);
            }

            if (cts >= 0)
            {
                Configuration.SetPinFunction(cts, ctsFunction);
            }
        }
    }
}
