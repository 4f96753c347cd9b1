using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.SelfTest;
using Terminal.Core.Update;
using Terminal.Drivers.Bridge;
using Terminal.Drivers.Buzzer;
using Terminal.Drivers.Contact;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Magstripe;
using Terminal.Drivers.Printer;
using Terminal.Drivers.QrScanner;
using Terminal.Drivers.Simulated.Bridge;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Keypad;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Magstripe;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.QrScanner;
using Terminal.Drivers.Simulated.Random;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Boards;
using JournalStore = Terminal.Core.Journal.Journal;

namespace Terminal.Simulator.Board;

/// <summary>Settings of one simulated terminal.</summary>
public sealed record SimulatedBoardOptions
{
    /// <summary>Seed of every random choice of the run (key timing, card data, the in-process host's answers).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Wall-clock time at boot.</summary>
    public DateTime WallStart { get; init; } = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Local);

    /// <summary>Merchant name on the idle screen.</summary>
    public string MerchantName { get; init; } = "TERMINAL DEMO STORE";

    /// <summary>Display size in cells.</summary>
    public int DisplayColumns { get; init; } = 30;

    /// <summary>Display rows.</summary>
    public int DisplayRows { get; init; } = 20;

    /// <summary>Keep the full trace text (tests and --trace) rather than only its digest.</summary>
    public bool KeepTraceText { get; init; }

    /// <summary>The technician's factory password (self-test, software update).</summary>
    public string TechnicianPassword { get; init; } = FactoryDefaults.TechnicianPassword;

    /// <summary>The manager's factory password (void, refund, settlement, set-up).</summary>
    public string ManagerPassword { get; init; } = FactoryDefaults.ManagerPassword;

    /// <summary>Fault: the scanner's UART cable is unplugged from power-up (nothing answers its configuration).</summary>
    public bool ScannerUnplugged { get; init; }

    /// <summary>Flash to boot from (a reboot after a power cut keeps its flash); null for a fresh, erased one.</summary>
    public SimulatedFlash? Flash { get; init; }

    /// <summary>The key store (kept across reboots, like the device's protected storage); null for a fresh one in RAM.</summary>
    public IKeyStore? Keys { get; init; }

    /// <summary>
    /// The link to the acquirer host, made on the board's clock; null runs an in-process AcquirerHost (on the
    /// same clock, deterministic) that knows the terminal of <see cref="Provisioning"/> (or the demo terminal).
    /// </summary>
    public Func<IClock, IHostTransport>? HostLink { get; init; }

    /// <summary>Where the masked wire trace goes; null for nowhere.</summary>
    public IWireTraceSink? WireTrace { get; init; }

    /// <summary>
    /// A technician's set-up file applied at the first boot of a terminal that is not set up yet (TID, MID, TMK,
    /// language, catalog): by default the demo terminal the in-process host knows; null boots a new terminal into
    /// set-up on the keypad.
    /// </summary>
    public ProvisioningFile? Provisioning { get; init; } = ProvisioningFile.Demo;

    /// <summary>
    /// A device provisioning package the firmware takes at boot, as the device takes I:\provision.bin
    /// (<see cref="ProvisioningPackageFile"/> for a file written by `terminal provision --device-file`); null for none.
    /// </summary>
    public IProvisioningDrop? ProvisioningPackage { get; init; }

    /// <summary>The firmware region's flash (two update slots and the boot control), kept across reboots; null for a board without software update.</summary>
    public SimulatedFlash? FirmwareFlash { get; init; }

    /// <summary>Whether the update flow checks the host by itself (after sign-in, on retry, daily).</summary>
    public bool AutomaticUpdateChecks { get; init; } = true;

    /// <summary>The board file: pins of the keypad and display (default: board-configs/simulated.json, built in).</summary>
    public BoardConfig Board { get; init; } = DefaultBoard.Value;

    private static readonly Lazy<BoardConfig> DefaultBoard = new(() =>
    {
        using var stream = typeof(SimulatedBoardOptions).Assembly.GetManifestResourceStream("simulated.json")
            ?? throw new InvalidOperationException("simulated.json is not embedded in the simulator");
        using var reader = new StreamReader(stream);
        return BoardConfigLoader.Parse(reader.ReadToEnd(), "simulated.json");
    });
}

/// <summary>
/// The board's role on a PC: chip-level models of every peripheral on a virtual clock, the real drivers on them,
/// simulated flash and key storage, and a host link. The terminal on it is composed by the same composition root
/// as the device's (<see cref="TerminalFirmware"/>); the board records a trace of everything observable.
/// </summary>
public sealed class SimulatedBoard : ITerminalBoard, IDisposable
{
    private readonly InProcessHost? _host;
    private readonly Func<IClock, IHostTransport>? _hostLink;
    private IDisplay? _appDisplay;

    /// <summary>Builds the board and composes the terminal on it; call <see cref="Boot"/> to power it up.</summary>
    public SimulatedBoard(SimulatedBoardOptions options)
    {
        Options = options;
        Random = new SeededRandom(options.Seed);
        VirtualClock = new VirtualClock(options.WallStart);
        Scheduler = new SimulationScheduler(VirtualClock);
        Trace = new RunTrace(options.KeepTraceText);
        Display = new TextPanel(options.DisplayColumns, options.DisplayRows);
        Display.FramePresented = panel => Trace.Record(Clock.NowMs, "frame", panel.FrameText());

        // Pin-level peripherals on the board's GPIO: the keypad matrix, the ST7789 panel, the magstripe head, the buzzer.
        BoardConfig board = options.Board;
        Gpio = new SimulatedGpio();
        KeyLayout = BoardSimulation.KeyCodes(board);
        Keys = new KeyMatrixModel(Gpio, Scheduler, board.Keypad.Rows, board.Keypad.Columns, KeyLayout, Random);
        Panel = new St7789Model(Gpio, board.Display.Dc, Scheduler, board.Display.Reset ?? -1);
        MagstripeHead = new MagstripeModel(Gpio, Scheduler, board.Magstripe.CardPresent, board.Magstripe.Clock, board.Magstripe.Data, Random);
        RfChip = new Mfrc522Model();

        // The contact slot: the TDA8035's control pins on the GPIO, its one-wire I/O on a UART of its own; or, when the
        // board says so (the reference board), both on an SC16IS752 bridge on SPI, wired as on the device.
        if (board.Contact is ContactConfig contact)
        {
            if (contact.Bridge is UartBridgeConfig bridge)
            {
                var (bridgeEnd, chipEnd) = SimulatedSerialPort.CreatePair("SC16IS752-" + bridge.Channel, contact.Baud);
                BridgeChip = new Sc16is752Model(bridge.CrystalHz, bridge.Channel == "A" ? bridgeEnd : null, bridge.Channel == "B" ? bridgeEnd : null, pullUps: 1 << contact.OffN);
                ContactSlot = new Tda8035Model(BridgeChip.Pins, chipEnd, contact.CmdVccN, contact.RstIn, contact.OffN, Scheduler);
            }
            else
            {
                var (contactPort, contactEnd) = SimulatedSerialPort.CreatePair(contact.Uart!, contact.Baud);
                _contactPort = contactPort;
                ContactSlot = new Tda8035Model(Gpio, contactEnd, contact.CmdVccN, contact.RstIn, contact.OffN, Scheduler);
            }
        }

        // UART peripherals: each driver's port paired with the chip model's end; their bytes go into the trace.
        var (printerPort, printerEnd) = SimulatedSerialPort.CreatePair(board.Printer.Uart, board.Printer.Baud);
        printerPort.Handshake = board.Printer.FlowControl switch
        {
            "xonxoff" => Handshake.XOnXOff,
            "rtscts" => Handshake.RequestToSend,
            _ => Handshake.None,
        };
        _printerPort = printerPort;
        PrinterMechanism = new EscPosPrinterModel(printerEnd, board.Printer.PaperWidthMm == 80 ? 576 : 384);
        var (scannerPort, scannerEnd) = SimulatedSerialPort.CreatePair(board.QrScanner.Uart, board.QrScanner.Baud);
        _scannerPort = scannerPort;
        ScanEngine = new Gm65Model(scannerEnd);
        scannerEnd.Unplugged = options.ScannerUnplugged;
        ScannerCable = scannerEnd;
        foreach (var (port, direction) in new[] { (printerPort, "printer<"), (printerEnd, "printer>"), (scannerPort, "scanner<") })
        {
            port.Sent = (_, bytes) => Trace.Record(Clock.NowMs, direction, bytes);
        }

        // What the engine sends is the scanned code: the trace (a file with `terminal run --trace`) masks it as receipts do.
        scannerEnd.Sent = (_, bytes) => Trace.Record(Clock.NowMs, "scanner>", System.Text.Encoding.Latin1.GetBytes(PaymentTextMask.Mask(System.Text.Encoding.Latin1.GetString(bytes))));

        // The debug UART: a laptop's serial terminal on the other end.
        var (debugPort, debugEnd) = SimulatedSerialPort.CreatePair("COM0", 115200);
        debugEnd.Open();
        DebugPort = debugPort;
        DebugTerminal = debugEnd;

        // Storage and keys: the journal's sectors and the self-test's, kept across reboots when given.
        var storage = board.Storage;
        Flash = options.Flash ?? new SimulatedFlash(storage.JournalSectors + SelfTestRun.ReservedSectors, storage.SectorSize, storage.PageSize);
        KeyStore = options.Keys ?? new MemoryKeyStore();
        if (KeyStore.Load(KeySlot.InvoiceKey, new byte[64], 0) < 0)
        {
            // The factory loads the e-invoice key the merchant's invoicing service holds: the simulator's is the demo key.
            KeyStore.Store(KeySlot.InvoiceKey, AcquirerHost.Invoicing.EInvoiceService.DemoKey, 0, AcquirerHost.Invoicing.EInvoiceService.DemoKey.Length);
        }

        // The host: the caller's link, or an acquirer host in this process on the board's clock.
        _hostLink = options.HostLink;
        if (_hostLink == null)
        {
            _host = new InProcessHost(Clock, options.Provisioning ?? ProvisioningFile.Demo, options.Seed);
        }

        // Software update: the simulated boot loader chooses the slot before the firmware is composed, as the
        // device's boot loader does before it loads the application.
        if (options.FirmwareFlash != null)
        {
            Updates = new BoardUpdates(this, options.FirmwareFlash, KeyStore);
        }

        Firmware = TerminalFirmware.Compose(this, new FirmwareSettings
        {
            MerchantName = options.MerchantName,
            ManagerPassword = options.ManagerPassword,
            TechnicianPassword = options.TechnicianPassword,
            AutomaticUpdateChecks = options.AutomaticUpdateChecks,
        });
    }

    private readonly SimulatedSerialPort _printerPort;
    private readonly SimulatedSerialPort _scannerPort;
    private readonly SimulatedSerialPort? _contactPort;

    /// <summary>The terminal composed on this board.</summary>
    public TerminalFirmware Firmware { get; }

    /// <summary>The options the board was built with.</summary>
    public SimulatedBoardOptions Options { get; }

    /// <inheritdoc />
    public IClock Clock => Scheduler;

    /// <summary>The virtual clock.</summary>
    public VirtualClock VirtualClock { get; }

    /// <summary>The virtual-time scheduler the chip models run on.</summary>
    public SimulationScheduler Scheduler { get; }

    /// <summary>The seeded random source.</summary>
    public SeededRandom Random { get; }

    /// <summary>What the run produced.</summary>
    public RunTrace Trace { get; }

    /// <summary>The console panel: what the display shows, as text cells.</summary>
    public TextPanel Display { get; }

    /// <summary>The display the firmware draws on (the console panel and the ST7789 together).</summary>
    IDisplay ITerminalBoard.Display => _appDisplay ?? throw new InvalidOperationException("the display is built by StartDevices");

    /// <summary>The simulated GPIO the pin-level peripherals hang on.</summary>
    public SimulatedGpio Gpio { get; }

    /// <summary>The keypad's key codes, row by row.</summary>
    public int[] KeyLayout { get; }

    /// <summary>The key matrix model: a finger on the keys.</summary>
    public KeyMatrixModel Keys { get; }

    /// <summary>The ST7789 controller model: its framebuffer renders to PNG.</summary>
    public St7789Model Panel { get; }

    /// <summary>The magnetic head the test cards are swiped through.</summary>
    public MagstripeModel MagstripeHead { get; }

    /// <summary>The MFRC522 chip model; put a card on it to tap.</summary>
    public Mfrc522Model RfChip { get; }

    /// <summary>The TDA8035 and its card slot (null on a board file without a contact slot); insert a card into it.</summary>
    public Tda8035Model? ContactSlot { get; }

    /// <summary>The SC16IS752 UART bridge the contact slot is on, when the board file puts it on one.</summary>
    public Sc16is752Model? BridgeChip { get; }

    /// <summary>The thermal printer's mechanism: paper, cover, and what was printed.</summary>
    public EscPosPrinterModel PrinterMechanism { get; }

    /// <summary>The GM65 scan engine; present text or an image to it to scan.</summary>
    public Gm65Model ScanEngine { get; }

    /// <summary>The scanner's end of its UART cable (unplug it to take the scanner away).</summary>
    public SimulatedSerialPort ScannerCable { get; }

    /// <summary>The laptop end of the debug UART (write commands, read the console's answers).</summary>
    public SimulatedSerialPort DebugTerminal { get; }

    /// <summary>The keypad driver.</summary>
    public KeyMatrix? Keypad { get; private set; }

    /// <summary>The ST7789 driver.</summary>
    public St7789? St7789 { get; private set; }

    /// <summary>The board's flash: the journal's sectors, then one sector reserved for the self-test.</summary>
    public SimulatedFlash Flash { get; }

    /// <summary>The sector the self-test may erase and write.</summary>
    public int ReservedSector => Flash.SectorCount - 1;

    /// <summary>The in-process acquirer host (null when the board was given a host link).</summary>
    public InProcessHost? Host => _host;

    /// <summary>Software update: the simulated boot loader's decision and the firmware region (null without updates).</summary>
    public BoardUpdates? Updates { get; }

    /// <summary>The firmware's event loop.</summary>
    public EventLoop Loop => Firmware.Loop;

    /// <summary>The firmware application.</summary>
    public TerminalApp App => Firmware.App;

    /// <summary>The cashier functions.</summary>
    public TerminalApp Payments => Firmware.App;

    /// <summary>The terminal's store.</summary>
    public PaymentStore Store => Firmware.Store;

    /// <summary>The journal, mounted at power-up.</summary>
    public JournalStore Journal => Firmware.Journal;

    /// <summary>The self-test the app runs.</summary>
    public SelfTestRun SelfTest => Firmware.SelfTest;

    /// <summary>The peripherals the firmware was given.</summary>
    public TerminalDevices Devices => Firmware.Devices;

    /// <summary>The display the firmware draws on.</summary>
    public IDisplay AppDisplay => _appDisplay!;

    // ITerminalBoard: the parts the composition root asks for, in its order.

    /// <inheritdoc />
    public TerminalDevices StartDevices(EventLoop loop)
    {
        BoardConfig board = Options.Board;
        Keypad = new KeyMatrix(Gpio, board.Keypad.Rows, board.Keypad.Columns, KeyLayout);
        loop.AddPolled(Keypad);
        Keypad.Start(loop.Events);
        var glyphs = new GlyphSupplement(MerchantProfile.MaxGlyphs); // the merchant's name's, from the store
        St7789 = new St7789(Panel, Gpio, board.Display.Dc, board.Display.Reset ?? -1, board.Display.Backlight ?? -1) { Glyphs = glyphs };
        loop.AddPolled(St7789);
        _appDisplay = new DisplayMirror(Display, St7789);

        var magstripe = new MagstripeReader(Gpio, board.Magstripe.CardPresent, board.Magstripe.Clock, board.Magstripe.Data);
        magstripe.Start(loop.Events);
        loop.AddPolled(magstripe);
        // The reference board's buzzer is on the contact slot's UART bridge: the bridge comes first.
        Sc16is752? bridge = null;
        if (BridgeChip != null)
        {
            // No clock: like the simulated UARTs, the bridge's reads do not wait on virtual time.
            bridge = new Sc16is752(BridgeChip, BridgeChip.CrystalHz);
            bridge.Reset();
        }

        IGpioController buzzerGpio = board.Buzzer.OnBridge && bridge != null ? bridge.Gpio : Gpio;
        var buzzer = new PiezoBuzzer(buzzerGpio, board.Buzzer.Pin, Scheduler, loop.Events);
        loop.AddPolled(buzzer);
        var contactless = new Mfrc522(RfChip);
        contactless.Start(loop.Events);
        loop.AddPolled(contactless);
        Tda8035? contactReader = null;
        if (board.Contact is ContactConfig contact)
        {
            if (bridge != null && contact.Bridge is UartBridgeConfig bridgeConfig)
            {
                var port = bridge.OpenChannel(bridgeConfig.Channel == "B" ? 1 : 0, "SC16IS752-" + bridgeConfig.Channel, contact.Baud, UartParity.Even, 2);
                contactReader = new Tda8035(port, bridge.Gpio, contact.CmdVccN, contact.RstIn, contact.OffN);
                loop.AddPolled(bridge.Gpio);
            }
            else if (_contactPort != null)
            {
                contactReader = new Tda8035(_contactPort, Gpio, contact.CmdVccN, contact.RstIn, contact.OffN);
            }
        }

        if (contactReader != null)
        {
            contactReader.Start(loop.Events);
            loop.AddPolled(contactReader);
        }

        var printer = new EscPosPrinter(_printerPort, board.Printer.PaperWidthMm) { Glyphs = glyphs };
        printer.Start(loop.Events);
        loop.AddPolled(printer);
        var scanner = new Gm65Scanner(_scannerPort, continuousMode: true);
        scanner.Start(loop.Events);
        loop.AddPolled(scanner);
        return new TerminalDevices
        {
            Keypad = Keypad,
            Magstripe = magstripe,
            Contactless = contactless,
            Contact = contactReader,
            Scanner = scanner,
            Printer = printer,
            Buzzer = buzzer,
            Random = Random,
            Glyphs = glyphs,
        };
    }

    /// <inheritdoc />
    public ICrypto Crypto { get; } = new HostCrypto();

    /// <inheritdoc />
    public IBlockStorage JournalFlash => Flash;

    /// <inheritdoc />
    public int JournalSectors => Options.Board.Storage.JournalSectors;

    /// <inheritdoc />
    public IKeyStore KeyStore { get; }

    /// <inheritdoc />
    public IHostTransport OpenHostLink() => _hostLink != null ? _hostLink(Clock) : _host!.Link;

    /// <inheritdoc />
    public IWireTraceSink? WireTrace => Options.WireTrace;

    /// <inheritdoc />
    public ISerialPort? DebugPort { get; }

    /// <inheritdoc />
    public UpdateSlots? FirmwareSlots => Updates?.Slots;

    /// <inheritdoc />
    public IKeyStore? UpdateSigningKey => Updates != null ? KeyStore : null;

    /// <inheritdoc />
    public IProvisioningDrop? ProvisioningDrop => Options.ProvisioningPackage;

    // Driving the board.

    /// <summary>
    /// Power-up: what the boot loader chose runs (nothing when no slot is valid or the trial image fails its
    /// boot self-check); a terminal not yet set up takes <see cref="SimulatedBoardOptions.Provisioning"/> when
    /// given; then the firmware boots and the panel and scanner finish their power-up.
    /// </summary>
    public void Boot()
    {
        if (Updates != null && !Updates.Runs)
        {
            return;
        }

        if (Options.Provisioning != null && !Store.Provisioned)
        {
            ProvisionFromConfig(Options.Provisioning);
        }

        Firmware.Boot();
        if (Firmware.ProvisioningNote.Length > 0)
        {
            Trace.Record(Clock.NowMs, "boot", Firmware.ProvisioningNote);
            Console.Error.WriteLine("terminal: " + Firmware.ProvisioningNote);
        }

        if (Firmware.TrialConfirmed)
        {
            Trace.Record(Clock.NowMs, "boot", "self-check passed: " + FirmwareImage.VersionText(Firmware.BootControl!.ActiveVersion) + " confirmed");
        }

        Loop.RunOnce();
        // Power-up: the panel's reset and sleep-out waits, the scanner's configuration exchange.
        RunFor(1000);
    }

    /// <summary>Sets the terminal up from a technician's file (TID, MID, TMK; language, merchant profile and catalog when the file gives them).</summary>
    public void ProvisionFromConfig(ProvisioningFile file)
    {
        if (!Payments.ProvisionFromConfig(file.TerminalId, file.MerchantId, file.MasterKey, 0, file.MasterKey.Length, out string problem))
        {
            throw new InvalidOperationException(problem);
        }

        if (file.Language is int language && !Store.SetLanguage(language))
        {
            throw new InvalidOperationException(Store.Problem);
        }

        if (file.HasProfile)
        {
            SetMerchantProfile(file.MerchantName ?? string.Empty, file.Hotline ?? string.Empty, file.ServiceContact ?? string.Empty, file.InvoiceUrl ?? string.Empty);
        }

        if (file.InvoiceKey != null)
        {
            KeyStore.Store(KeySlot.InvoiceKey, file.InvoiceKey, 0, file.InvoiceKey.Length);
        }

        if (file.Catalog != null && !Payments.LoadCatalogFromConfig(file.Catalog.ToItemCatalog(), out problem))
        {
            throw new InvalidOperationException(problem);
        }
    }

    /// <summary>
    /// Journals the merchant's profile as a provisioning file gives it: the name (Chinese or not; empty: the board's),
    /// the service hotline and contact, the e-invoice page (empty: the factory default), with the glyphs of their characters from the set-up font
    /// (<see cref="SetUpFont"/>). A character it cannot show or print is warned about on the console.
    /// </summary>
    public void SetMerchantProfile(string name, string hotline, string contact, string invoiceUrl = "")
    {
        GlyphSupplement glyphs = SetUpFont.GlyphsFor(w => Console.Error.WriteLine("terminal: warning: merchant profile: " + w), name, contact);
        if (!Store.SetProfile(name, hotline, contact, invoiceUrl, glyphs))
        {
            throw new InvalidOperationException(Store.Problem);
        }
    }

    /// <summary>Lets <paramref name="ms"/> of virtual time pass with the loop running.</summary>
    public void RunFor(long ms) => Loop.RunUntil(Clock.NowMs + ms);

    /// <summary>
    /// Lets virtual time run until the payment engine is idle (answers, timeouts, reversals), then
    /// <paramref name="settleMs"/> more for the screens and the printer; at most <paramref name="maxMs"/>.
    /// </summary>
    public void RunUntilIdle(long settleMs = 300, long maxMs = 600_000)
    {
        long until = Clock.NowMs + maxMs;
        while (Firmware.Engine.Busy && Clock.NowMs < until)
        {
            RunFor(100);
        }

        RunFor(settleMs);
    }

    /// <summary>
    /// Lets the loop run while the payment engine talks to a real (TCP or pty) host. Virtual time follows
    /// real time for the first five seconds after each step of the flow (so a connect or an answer arrives in
    /// the same virtual time it takes), then runs <paramref name="speedUp"/> times faster, so a host that
    /// never answers reaches the flow's timeout in a fraction of it. Returns when the engine is idle (or
    /// after <paramref name="maxRealMs"/>).
    /// </summary>
    public void RunWhileHostBusy(int speedUp = 20, int maxRealMs = 120_000)
    {
        if (_host != null)
        {
            RunUntilIdle();
            return;
        }

        const int graceMs = 5000;
        var started = Environment.TickCount64;
        long stepStarted = started;
        string last = Payments.LastMessage;
        long lastTick = started;
        while (Payments.Engine.Busy && Environment.TickCount64 - started < maxRealMs)
        {
            Thread.Sleep(1);
            long now = Environment.TickCount64;
            long elapsed = Math.Max(1, now - lastTick);
            lastTick = now;
            if (Payments.LastMessage != last)
            {
                last = Payments.LastMessage;
                stepStarted = now;
            }

            RunFor(now - stepStarted < graceMs ? elapsed : elapsed * speedUp);
        }

        RunFor(300);
    }

    /// <summary>
    /// A finger on a key for <paramref name="holdMs"/>: the key's switch closes (with contact bounce) on the
    /// matrix, the driver scans, debounces and reports it.
    /// </summary>
    public void PressKey(int key, int holdMs = 80)
    {
        Keys.Tap(key, holdMs);
        RunFor(holdMs + 60);
    }

    /// <summary>Swipes a test card (visa, mastercard, unionpay) or a track 2 ("PAN=YYMMSSS...") through the reader.</summary>
    public void Swipe(string cardOrTrack2)
    {
        long releasedAtMs = MagstripeHead.Swipe(TestCards.Track2(cardOrTrack2), new SwipeOptions());
        RunFor(Math.Max(0, releasedAtMs - Clock.NowMs) + 100);
    }

    /// <summary>Holds a test card (visa, mastercard, unionpay, dual, malformed, overlong-pan, slow) on the reader, then takes it away.</summary>
    public void Tap(string card, int holdMs = 1500)
    {
        RfChip.Card = EmvTestCards.OnCarrier(EmvTestCards.Create(card));
        RunFor(holdMs);
        RfChip.Card.InField = false;
        RunFor(300);
    }

    /// <summary>
    /// Pushes a contact test card (see <see cref="ContactEmvTestCards.Names"/>) into the chip-card slot and leaves it
    /// there; <see cref="Withdraw"/> takes it out. A card already in the slot is taken out first.
    /// </summary>
    public void Insert(string card)
    {
        Tda8035Model slot = ContactSlot ?? throw new InvalidOperationException("this board has no contact chip-card slot");
        if (slot.Card != null)
        {
            Withdraw();
        }

        LastInserted = ContactEmvTestCards.Create(card);
        slot.Insert(LastInserted);
        RunFor(300);
    }

    /// <summary>The test card last put into the chip-card slot (kept after it is taken out, for its applet's counters).</summary>
    public Iso7816Card? LastInserted { get; private set; }

    /// <summary>Takes the card out of the chip-card slot (nothing happens when it is empty).</summary>
    public void Withdraw()
    {
        Tda8035Model slot = ContactSlot ?? throw new InvalidOperationException("this board has no contact chip-card slot");
        slot.Withdraw();
        RunFor(300);
    }

    /// <summary>Shows the scanner a code as text, or a PNG image file (decoded by the engine model).</summary>
    public void Scan(string textOrPng)
    {
        if (textOrPng.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            byte[] image;
            try
            {
                image = File.ReadAllBytes(textOrPng);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FormatException($"cannot read {textOrPng}: {e.Message}", e);
            }

            if (!ScanEngine.PresentImage(image))
            {
                throw new FormatException($"no QR code or barcode found in {textOrPng}");
            }
        }
        else
        {
            ScanEngine.Present(textOrPng);
        }

        RunFor(500);
    }

    /// <summary>Plays a key script: keys a human-like 120 to 400 ms apart (drawn from the seed).</summary>
    public void Play(IReadOnlyList<KeyStep> steps)
    {
        foreach (var step in steps)
        {
            switch (step.Action)
            {
                case "swipe":
                    Swipe(step.Argument!);
                    continue;
                case "tap":
                    Tap(step.Argument!);
                    continue;
                case "scan":
                    Scan(step.Argument!);
                    continue;
                case "insert":
                    Insert(step.Argument!);
                    continue;
                case "withdraw":
                    Withdraw();
                    continue;
                default:
                    break;
            }

            if (step.Key == KeyCode.None)
            {
                RunFor(step.WaitMs);
                continue;
            }

            RunFor(Random.Next(120, 400));
            PressKey(step.Key, Random.Next(40, 120));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Display.Dispose();
        _host?.Dispose();
    }
}
