using System;
using System.Device.Gpio;
using System.Diagnostics;
using nanoFramework.Networking;
using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Host;
using Terminal.Core.Journal;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Core.Update;
using Terminal.Device.Adapters;
using Terminal.Device.Board;
using Terminal.Drivers.Buzzer;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Magstripe;
using Terminal.Drivers.Printer;
using Terminal.Drivers.QrScanner;

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

        // The journal's flash image on the internal drive, and its largest record (a request with its EMV data).
        private const string JournalPath = "I:\\journal.bin";
        private const string KeyStorePath = "I:\\keys.bin";
        private const int JournalMaxPayload = 1024;

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

            // Boot recovery first: mounting scans the journal and discards a record torn by a power cut.
            // The journal's sectors, then one more the self-test may erase and write.
            var flash = new NanoBlockStorage(JournalPath, board.Storage.JournalSectors + 1, board.Storage.SectorSize, board.Storage.PageSize);
            var journal = new Journal(flash, 0, board.Storage.JournalSectors, JournalMaxPayload);
            journal.Mount();
            Debug.WriteLine("journal: " + journal.Records.ToString() + " records, " + journal.TornDiscarded.ToString() + " torn record(s) discarded");

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

            var magstripe = new MagstripeReader(gpio, board.Magstripe.CardPresent, board.Magstripe.Clock, board.Magstripe.Data);
            magstripe.Start(loop.Events);
            loop.AddPolled(magstripe);

            var printerPort = new NanoSerialPort(board.Printer.Uart, board.Printer.Baud, board.Printer.Tx, board.Printer.Rx, board.Printer.Rts, board.Printer.Cts);
            printerPort.Handshake = FlowControl(board.Printer.FlowControl);
            var printer = new EscPosPrinter(printerPort, board.Printer.PaperWidthMm);
            printer.Start(loop.Events);
            loop.AddPolled(printer);

            var buzzer = new PiezoBuzzer(gpio, board.Buzzer.Pin, clock, loop.Events);
            loop.AddPolled(buzzer);

            var scannerPort = new NanoSerialPort(board.QrScanner.Uart, board.QrScanner.Baud, board.QrScanner.Tx, board.QrScanner.Rx, -1, -1);
            var scanner = new Gm65Scanner(scannerPort, true);
            scanner.Start(loop.Events);
            loop.AddPolled(scanner);

            // The host link, its wire trace on the debug UART when the board has one.
            IWireTraceSink? trace = null;
            NanoSerialPort? debugPort = null;
            if (board.DebugUart != null)
            {
                debugPort = new NanoSerialPort(board.DebugUart.Uart, board.DebugUart.Baud, board.DebugUart.Tx, board.DebugUart.Rx, -1, -1);
                trace = new SerialTraceSink(debugPort, 4200);
            }

            IHostTransport transport = board.HostLink.Kind == "serial"
                ? (IHostTransport)new SerialHostTransport(new NanoSerialPort(board.HostLink.Uart, board.HostLink.Baud, board.HostLink.Tx, board.HostLink.Rx, -1, -1), 2048, 2000, 500)
                : new TcpHostTransport(new NanoNetworkStream(), board.HostLink.Host, board.HostLink.Port, 2048, 10000);
            // nanoFramework exposes no DES: the MAC and PIN blocks use the portable software crypto.
            var crypto = new SoftwareCrypto();
            var host = new HostSession(CupProfile.Create(), transport, crypto, clock, trace, 2048);
            loop.AddPolled(host);

            var devices = new TerminalDevices
            {
                Magstripe = magstripe,
                Contactless = contactless,
                Scanner = scanner,
                Printer = printer,
                Buzzer = buzzer,
                Random = new NanoRandomSource(),
            };
            devices.Keypad = keypad;
            var app = new TerminalApp(loop, display, MerchantName, devices);

            // Payments: the batch rebuilt from the journal (boot recovery), the engine on the host link, the
            // cashier's screens. An unprovisioned terminal boots into set-up (MID, TID, TMK with its check value).
            // Key slots: two sectors of their own (power-cut safe, a replaced key erased), in the chip's encrypted flash.
            var keyFlash = new NanoBlockStorage(KeyStorePath, 2, board.Storage.SectorSize, board.Storage.PageSize);
            var keys = new FlashKeyStore(keyFlash, 0);
            var store = new PaymentStore(journal);
            store.Load();
            var engine = new PaymentEngine(host, store, keys, crypto, clock);
            engine.DownloadsCatalog = true; // the item catalog (0800, 60.3 = 380) after each sign-in
            byte[] manager = ManagerPassword();
            var managerGuard = PasswordGuard.Stored(crypto, clock, devices.Random, keys, Hal.KeySlot.ManagerPassword, manager);
            var pos = new PosController(loop, display, devices, engine, keys, crypto, managerGuard, app, MerchantName);
            app.AttachPayments(pos);

            // Self-test: MENU 1 or F1 held at power-up, behind the technician password; and `selftest` on the debug console.
            // Before set-up the echo check uses a placeholder identity and shows the host's answer to an unknown terminal.
            TerminalIdentity identity = store.Identity ?? new TerminalIdentity("00000000", "000000000000000");
            var selfTest = new SelfTestRun(loop, display, devices, keypad, flash, board.Storage.JournalSectors, host, identity, 15000) { Journal = journal };
            byte[] technician = TechnicianPassword();
            var technicianGuard = PasswordGuard.Stored(crypto, clock, devices.Random, keys, Hal.KeySlot.TechnicianPassword, technician);
            app.AttachSelfTest(selfTest, technicianGuard);
            if (debugPort != null)
            {
                loop.AddPolled(new DebugConsole(debugPort, app));
            }

            // Software update: the region the boot loader (firmware/Terminal.Boot) booted this image from. The
            // download goes into the other slot; the boot loader runs it after the next restart on trial.
            var firmwareFlash = new NanoBlockStorage(FirmwareRegion.Path, UpdateSlots.SectorsNeeded(FirmwareRegion.SlotSectors), FirmwareRegion.SectorSize, FirmwareRegion.PageSize);
            var slots = new UpdateSlots(firmwareFlash, 0, FirmwareRegion.SlotSectors);
            var bootControl = new BootControl(slots);
            bool booted = bootControl.Load();
            var updateKey = new TrustedKey(UpdateKeyFile.Read(FirmwareRegion.PublicKeyPath));
            var updates = new UpdateFlow(host, new UpdateInstaller(slots, bootControl, crypto, updateKey), bootControl, clock, pos, loop.Events);
            updates.SetRunning(booted ? bootControl.ActiveSlot : -1, booted ? bootControl.ActiveVersion : -1);
            loop.AddPolled(updates);
            pos.AttachUpdates(updates, technicianGuard); // one lockout for every technician function

            JoinWifi(board.HostLink);
            app.Boot();

            // The boot self-check of a trial image: the journal mounted, the batch loaded, every driver and the
            // app started without an exception. Otherwise the device resets before this line, and after
            // BootManager.MaxTrialBoots such restarts the boot loader rolls back to the previous image.
            if (booted && bootControl.State == BootState.Pending && new BootManager(slots, bootControl, crypto, updateKey).Confirm())
            {
                Debug.WriteLine("boot: trial image " + FirmwareImage.VersionText(bootControl.ActiveVersion) + " confirmed");
            }

            loop.Run();
        }

        // Factory defaults (README), stored as salt and hash in the key store at first boot; the manager
        // changes the manager's in set-up (MENU 0, 4).
        private static byte[] TechnicianPassword() => new byte[] { (byte)'2', (byte)'4', (byte)'6', (byte)'8' };

        // The manager password guards void, refund, settlement and set-up.
        private static byte[] ManagerPassword() => new byte[] { (byte)'8', (byte)'8', (byte)'8', (byte)'8' };

        private static Hal.Handshake FlowControl(string flowControl)
        {
            switch (flowControl)
            {
                case "rtscts": return Hal.Handshake.RequestToSend;
                case "xonxoff": return Hal.Handshake.XOnXOff;
                default: return Hal.Handshake.None;
            }
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
