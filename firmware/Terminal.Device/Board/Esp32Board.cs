using System;
using System.Device.Gpio;
using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Core.Update;
using Terminal.Device.Adapters;
using Terminal.Drivers.Bridge;
using Terminal.Drivers.Buzzer;
using Terminal.Drivers.Contact;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Magstripe;
using Terminal.Drivers.Printer;
using Terminal.Drivers.QrScanner;
using Terminal.Firmware;
using Terminal.Hal;

namespace Terminal.Device.Board
{
    /// <summary>
    /// The ESP32 terminal as the composition root sees it: nanoFramework's buses behind the Hal (the adapters),
    /// the drivers the board file names on them, the journal, keys and update slots on the internal drive, and the
    /// host link over Wi-Fi or a UART.
    /// </summary>
    public sealed class Esp32Board : ITerminalBoard
    {
        // The ESP32 routes these SPI signals through its GPIO matrix, which tops out near 26 MHz; the ST7789
        // is written well below that, and the MFRC522 allows at most 10 Mbit/s.
        private const int DisplayClockHz = 20_000_000;
        private const int ContactlessClockHz = 5_000_000;
        private const int BridgeClockHz = Sc16is752.MaxSpiClockHz;

        // The journal's flash image on the internal drive, and the key store's.
        private const string JournalPath = "I:\\journal.bin";
        private const string KeyStorePath = "I:\\keys.bin";

        private readonly BoardFile _board;
        private readonly NanoClock _clock = new NanoClock();
        private readonly NanoGpioController _gpio = new NanoGpioController(new GpioController());
        private readonly NanoSerialPort? _debugPort;
        private St7789? _display;

        /// <summary>Builds the board's buses from <paramref name="board"/>; the drivers come in <see cref="StartDevices"/>.</summary>
        public Esp32Board(BoardFile board)
        {
            _board = board;
            foreach (SpiBusSection bus in board.Spi)
            {
                Esp32PinMap.RouteSpi(bus.Id, bus.Sck, bus.Mosi, bus.Miso);
            }

            // The journal's sectors, then one more the self-test may erase and write.
            JournalFlash = new NanoBlockStorage(JournalPath, board.Storage.JournalSectors + SelfTestRun.ReservedSectors, board.Storage.SectorSize, board.Storage.PageSize);
            // Key slots: two sectors of their own (power-cut safe, a replaced key erased), wrapped under a key derived
            // from the chip's eFuse MAC, in the chip's encrypted flash (docs/keys-and-pin.md, "Key stores").
            byte[] mac = NanoDeviceIdentity.BaseMac();
            byte[] wrapKey = FlashKeyStore.DeriveWrapKey(Crypto, mac, 0, mac.Length);
            KeyStore = new FlashKeyStore(new NanoBlockStorage(KeyStorePath, FlashKeyStore.Sectors, board.Storage.SectorSize, board.Storage.PageSize), 0, Crypto, wrapKey);
            Wipe.Bytes(wrapKey, 0, wrapKey.Length);
            if (board.DebugUart != null)
            {
                _debugPort = new NanoSerialPort(board.DebugUart.Uart, board.DebugUart.Baud, board.DebugUart.Tx, board.DebugUart.Rx, -1, -1);
                WireTrace = new SerialTraceSink(_debugPort, 4200);
            }

            // Software update: the region the boot loader (firmware/Terminal.Boot) booted this image from, and the
            // factory's public key; the download goes into the other slot.
            FirmwareSlots = new FirmwareFiles().Slots;
            UpdateSigningKey = new TrustedKey(UpdateKeyFile.Read(FirmwareRegion.PublicKeyPath));
        }

        /// <summary>The settings this board composes the terminal with: the factory defaults.</summary>
        public FirmwareSettings Settings { get; } = new FirmwareSettings();

        /// <inheritdoc />
        public IClock Clock => _clock;

        /// <inheritdoc />
        public IDisplay Display => _display ?? throw new InvalidOperationException("the display is built by StartDevices");

        /// <inheritdoc />
        public ICrypto Crypto { get; } = new SoftwareCrypto(); // nanoFramework exposes no DES: the portable software crypto

        /// <inheritdoc />
        public IBlockStorage JournalFlash { get; }

        /// <inheritdoc />
        public int JournalSectors => _board.Storage.JournalSectors;

        /// <inheritdoc />
        public IKeyStore KeyStore { get; }

        /// <inheritdoc />
        public IWireTraceSink? WireTrace { get; }

        /// <inheritdoc />
        public ISerialPort? DebugPort => _debugPort;

        /// <inheritdoc />
        public UpdateSlots? FirmwareSlots { get; }

        /// <inheritdoc />
        public IKeyStore? UpdateSigningKey { get; }

        /// <inheritdoc />
        public IProvisioningDrop? ProvisioningDrop { get; } = new ProvisionFile(ProvisionFile.DefaultPath); // deploy-provision.json

        /// <inheritdoc />
        public TerminalDevices StartDevices(EventLoop loop)
        {
            BoardFile board = _board;
            var glyphs = new GlyphSupplement(Terminal.Core.Payments.MerchantProfile.MaxGlyphs); // the merchant's name's, filled by the store
            _display = new St7789(Spi(board.Display.SpiBus, board.Display.ChipSelect, DisplayClockHz), _gpio, board.Display.Dc, board.Display.Reset, board.Display.Backlight);
            _display.Glyphs = glyphs;
            loop.AddPolled(_display);

            var keypad = new KeyMatrix(_gpio, board.Keypad.Rows, board.Keypad.Columns, BoardFileReader.KeyCodes(board.Keypad));
            keypad.DebounceMs = board.Keypad.DebounceMs;
            keypad.Start(loop.Events);
            loop.AddPolled(keypad);

            var contactless = new Mfrc522(Spi(board.Contactless.SpiBus, board.Contactless.ChipSelect, ContactlessClockHz), _gpio, board.Contactless.Reset);
            contactless.Start(loop.Events);
            loop.AddPolled(contactless);

            var magstripe = new MagstripeReader(_gpio, board.Magstripe.CardPresent, board.Magstripe.Clock, board.Magstripe.Data);
            magstripe.Start(loop.Events);
            loop.AddPolled(magstripe);

            // The contact slot, when the board file has one: the TDA8035's I/O on a UART at f/372, 8E2, either the MCU's
            // own or a channel of an SC16IS752 bridge on SPI, whose GPIOs then carry the control lines.
            Tda8035? contact = null;
            Sc16is752? bridge = null;
            if (board.Contact != null)
            {
                ContactSection slot = board.Contact;
                if (slot.Bridge != null)
                {
                    UartBridgeSection b = slot.Bridge;
                    bridge = new Sc16is752(Spi(b.SpiBus, b.ChipSelect, BridgeClockHz), b.CrystalHz, _clock);
                    bridge.Reset();
                    Sc16is752Channel port = bridge.OpenChannel(b.Channel == "B" ? 1 : 0, "SC16IS752-" + b.Channel, slot.Baud, UartParity.Even, 2);
                    contact = new Tda8035(port, bridge.Gpio, slot.CmdVccN, slot.RstIn, slot.OffN);
                    loop.AddPolled(bridge.Gpio);
                }
                else
                {
                    contact = new Tda8035(NanoSerialPort.ForSmartCard(slot.Uart, slot.Baud, slot.Tx, slot.Rx), _gpio, slot.CmdVccN, slot.RstIn, slot.OffN);
                }

                contact.Start(loop.Events);
                loop.AddPolled(contact);
            }

            var printerPort = new NanoSerialPort(board.Printer.Uart, board.Printer.Baud, board.Printer.Tx, board.Printer.Rx, board.Printer.Rts, board.Printer.Cts);
            printerPort.Handshake = FlowControl(board.Printer.FlowControl);
            var printer = new EscPosPrinter(printerPort, board.Printer.PaperWidthMm);
            printer.Glyphs = glyphs;
            printer.Start(loop.Events);
            loop.AddPolled(printer);

            IGpioController buzzerGpio = board.Buzzer.OnBridge && bridge != null ? bridge.Gpio : (IGpioController)_gpio;
            var buzzer = new PiezoBuzzer(buzzerGpio, board.Buzzer.Pin, _clock, loop.Events);
            loop.AddPolled(buzzer);

            var scanner = new Gm65Scanner(new NanoSerialPort(board.QrScanner.Uart, board.QrScanner.Baud, board.QrScanner.Tx, board.QrScanner.Rx, -1, -1), true);
            scanner.Start(loop.Events);
            loop.AddPolled(scanner);

            return new TerminalDevices
            {
                Keypad = keypad,
                Magstripe = magstripe,
                Contactless = contactless,
                Contact = contact,
                Scanner = scanner,
                Printer = printer,
                Buzzer = buzzer,
                Random = new NanoRandomSource(),
                Glyphs = glyphs,
            };
        }

        /// <inheritdoc />
        public IHostTransport OpenHostLink()
        {
            HostLinkSection link = _board.HostLink;
            if (link.Kind == "serial")
            {
                var port = new NanoSerialPort(link.Uart, link.Baud, link.Tx, link.Rx, -1, -1);
                return new SerialHostTransport(port, FactoryDefaults.MaxMessage, FactoryDefaults.SerialAckTimeoutMs, FactoryDefaults.SerialInterByteTimeoutMs);
            }

            // TLS pins the CA deployed on the internal drive; the handshake runs on the adapter's connect thread.
            NanoNetworkStream stream = link.Tls != null ? new NanoNetworkStream(HostCaFile.Read(link.Tls.CaFile)) : new NanoNetworkStream();
            return new TcpHostTransport(stream, link.Host, link.Port, FactoryDefaults.MaxMessage, FactoryDefaults.TcpConnectTimeoutMs);
        }

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
    }
}
