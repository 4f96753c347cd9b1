using System;
using System.Device.Gpio;
using System.Diagnostics;
using nanoFramework.Networking;
using Terminal.Core.App;
using Terminal.Core.Runtime;
using Terminal.Device.Adapters;
using Terminal.Device.Board;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;

namespace Terminal.Device
{
    /// <summary>
    /// The firmware's entry point on the ESP32: read the board file, put nanoFramework's buses behind the Hal
    /// (the adapters), build the drivers on them, hand them to Core, and run the event loop forever.
    /// </summary>
    public static class Program
    {
        /// <summary>Merchant name on the idle screen until sign-in brings the real one.</summary>
        public const string MerchantName = "TERMINAL";

        // The ESP32 routes these SPI signals through its GPIO matrix, which tops out near 26 MHz; the ST7789
        // is written well below that, and the MFRC522 allows at most 10 Mbit/s.
        private const int DisplayClockHz = 20_000_000;
        private const int ContactlessClockHz = 5_000_000;

        /// <summary>Boots the terminal.</summary>
        public static void Main()
        {
            BoardFile board = BoardFileReader.Read(BoardFileReader.DefaultPath);
            Debug.WriteLine("board " + board.Name + " on " + board.Mcu);

            var clock = new NanoClock();
            var gpio = new NanoGpioController(new GpioController());
            foreach (SpiBusSection bus in board.Spi)
            {
                Esp32PinMap.RouteSpi(bus.Id, bus.Sck, bus.Mosi, bus.Miso);
            }

            var loop = new EventLoop(clock, eventCapacity: 64, timerCapacity: 32, polledCapacity: 16);

            var display = new St7789(
                Spi(board.Display.SpiBus, board.Display.ChipSelect, DisplayClockHz),
                gpio,
                board.Display.Dc,
                board.Display.Reset,
                board.Display.Backlight);
            loop.AddPolled(display);

            var keypad = new KeyMatrix(gpio, board.Keypad.Rows, board.Keypad.Columns, BoardFileReader.KeyCodes(board.Keypad));
            keypad.DebounceMs = board.Keypad.DebounceMs;
            keypad.Start(loop.Events);
            loop.AddPolled(keypad);

            var contactless = new Mfrc522(
                Spi(board.Contactless.SpiBus, board.Contactless.ChipSelect, ContactlessClockHz),
                gpio,
                board.Contactless.Reset);
            contactless.Start(loop.Events);
            loop.AddPolled(contactless);

            var app = new TerminalApp(loop, display, MerchantName);
            JoinWifi(board.HostLink);
            app.Boot();
            loop.Run();
        }

        private static NanoSpiDevice Spi(int bus, int chipSelect, int clockHz)
            => new NanoSpiDevice(new Hal.SpiConnectionSettings(bus, chipSelect) { ClockFrequency = clockHz, Mode = Hal.SpiMode.Mode0 });

        // The board file names the network; the password is the one stored on the device (Device Explorer,
        // "Edit Network Configuration"), so it never sits in a file. SetupNetworkHelper waits for the network on a
        // thread of its own, so the loop and the screen start at once; until the network is up the
        // flows see the host link as down and say so.
        private static void JoinWifi(HostLinkSection link)
        {
            if (link.Kind != "tcp" || link.Wifi == null)
            {
                return;
            }

            try
            {
                WifiNetworkHelper.SetupNetworkHelper(requiresDateTime: false);
                Debug.WriteLine("joining Wi-Fi " + link.Wifi.Ssid);
            }
            catch (NotSupportedException)
            {
                Debug.WriteLine("no Wi-Fi configuration stored for " + link.Wifi.Ssid + "; set it in Device Explorer");
            }
        }
    }
}
