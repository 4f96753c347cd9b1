using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Core.Runtime;
using Terminal.Drivers.Buzzer;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Magstripe;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Printer;
using Terminal.Drivers.QrScanner;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Keypad;
using Terminal.Drivers.Simulated.Magstripe;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.QrScanner;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Core.Payments;
using Terminal.Core.Flows;
using JournalStore = Terminal.Core.Journal.Journal;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;
using Terminal.Simulator.Boards;

namespace Terminal.Simulator.Board;

/// <summary>Settings of one simulated terminal.</summary>
public sealed class SimulatedBoardOptions
{
    /// <summary>Seed of every random choice of the run (key timing, card data, faults).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Virtual time (default) or the PC's real time for interactive use.</summary>
    public bool RealTime { get; init; }

    /// <summary>Wall-clock time at boot for virtual runs.</summary>
    public DateTime WallStart { get; init; } = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Local);

    /// <summary>Merchant name on the idle screen.</summary>
    public string MerchantName { get; init; } = "TERMINAL DEMO STORE";

    /// <summary>Display size in cells.</summary>
    public int DisplayColumns { get; init; } = 30;

    /// <summary>Display rows.</summary>
    public int DisplayRows { get; init; } = 20;

    /// <summary>Keep the full trace text (tests and --trace) rather than only its digest.</summary>
    public bool KeepTraceText { get; init; }

    /// <summary>The technician password (digits) that guards the self-test.</summary>
    public string TechnicianPassword { get; init; } = "2468";

    /// <summary>Fault: the scanner's UART cable is unplugged from power-up (nothing answers its configuration).</summary>
    public bool ScannerUnplugged { get; init; }

    /// <summary>The manager password (digits) that guards void, refund, settlement and set-up.</summary>
    public string ManagerPassword { get; init; } = "8888";

    /// <summary>Flash to boot from (a reboot after a power cut keeps its flash); null for a fresh, erased one.</summary>
    public SimulatedFlash? Flash { get; init; }

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
/// The firmware composed on simulated peripherals: the board's role on a PC. It owns the clock, the
/// loop, the devices and the app, and records a trace of everything observable.
/// </summary>
public sealed class SimulatedBoard : IDisposable
{
    private readonly SystemClock? _systemClock;
    private readonly KeyMatrixModel? _keys;

    /// <summary>Builds the board; call <see cref="Boot"/> to start the firmware.</summary>
    public SimulatedBoard(SimulatedBoardOptions options)
    {
        Options = options;
        Random = new SeededRandom(options.Seed);
        if (options.RealTime)
        {
            _systemClock = new SystemClock();
            Clock = _systemClock;
        }
        else
        {
            VirtualClock = new VirtualClock(options.WallStart);
            Scheduler = new SimulationScheduler(VirtualClock);
            Clock = Scheduler;
        }

        Trace = new RunTrace(options.KeepTraceText);
        Display = new TextPanel(options.DisplayColumns, options.DisplayRows);
        Display.FramePresented = panel => Trace.Record(Clock.NowMs, "frame", panel.FrameText());
        Loop = new EventLoop(Clock, eventCapacity: 64, timerCapacity: 32, polledCapacity: 16);
        IDisplay display = Display;
        if (Scheduler != null)
        {
            // Pin-level peripherals need virtual time: the keypad matrix and the ST7789 panel.
            var board = options.Board;
            Gpio = new SimulatedGpio();
            int[] layout = BoardSimulation.KeyCodes(board);
            _keys = new KeyMatrixModel(Gpio, Scheduler, board.Keypad.Rows, board.Keypad.Columns, layout, Random);
            Keypad = new KeyMatrix(Gpio, board.Keypad.Rows, board.Keypad.Columns, layout);
            Loop.AddPolled(Keypad);
            Keypad.Start(Loop.Events);
            Panel = new St7789Model(Gpio, board.Display.Dc, Scheduler, board.Display.Reset ?? -1);
            St7789 = new St7789(Panel, Gpio, board.Display.Dc, board.Display.Reset ?? -1, board.Display.Backlight ?? -1);
            Loop.AddPolled(St7789);
            display = new DisplayMirror(Display, St7789);
        }

        var devices = new TerminalDevices { Random = Random };
        if (Scheduler != null && Gpio != null)
        {
            var board = options.Board;
            MagstripeHead = new MagstripeModel(Gpio, Scheduler, board.Magstripe.CardPresent, board.Magstripe.Clock, board.Magstripe.Data, Random);
            var magstripe = new MagstripeReader(Gpio, board.Magstripe.CardPresent, board.Magstripe.Clock, board.Magstripe.Data);
            magstripe.Start(Loop.Events);
            Loop.AddPolled(magstripe);
            devices.Magstripe = magstripe;

            var buzzer = new PiezoBuzzer(Gpio, board.Buzzer.Pin, Scheduler, Loop.Events);
            Loop.AddPolled(buzzer);
            devices.Buzzer = buzzer;
        }

        RfChip = new Mfrc522Model();
        var contactless = new Mfrc522(RfChip);
        contactless.Start(Loop.Events);
        Loop.AddPolled(contactless);
        devices.Contactless = contactless;

        var printerBoard = options.Board.Printer;
        var (printerPort, printerEnd) = SimulatedSerialPort.CreatePair(printerBoard.Uart, printerBoard.Baud);
        printerPort.Handshake = printerBoard.FlowControl switch
        {
            "xonxoff" => Handshake.XOnXOff,
            "rtscts" => Handshake.RequestToSend,
            _ => Handshake.None,
        };
        PrinterMechanism = new EscPosPrinterModel(printerEnd, printerBoard.PaperWidthMm == 80 ? 576 : 384);
        var printer = new EscPosPrinter(printerPort, printerBoard.PaperWidthMm);
        printer.Start(Loop.Events);
        Loop.AddPolled(printer);
        devices.Printer = printer;

        var scannerBoard = options.Board.QrScanner;
        var (scannerPort, scannerEnd) = SimulatedSerialPort.CreatePair(scannerBoard.Uart, scannerBoard.Baud);
        ScanEngine = new Gm65Model(scannerEnd);
        scannerEnd.Unplugged = options.ScannerUnplugged;
        var scanner = new Gm65Scanner(scannerPort, continuousMode: true);
        scanner.Start(Loop.Events);
        Loop.AddPolled(scanner);
        devices.Scanner = scanner;

        // Bytes on every simulated link go into the run trace, in both directions.
        foreach (var (port, direction) in new[] { (printerPort, "printer<"), (printerEnd, "printer>"), (scannerPort, "scanner<"), (scannerEnd, "scanner>") })
        {
            port.Sent = (_, bytes) => Trace.Record(Clock.NowMs, direction, bytes);
        }

        var storage = options.Board.Storage;
        Flash = options.Flash ?? new SimulatedFlash(storage.JournalSectors + 1, storage.SectorSize, storage.PageSize);
        Journal = new JournalStore(Flash, 0, storage.JournalSectors, 1024);
        Journal.Mount();
        devices.Keypad = Keypad;
        Devices = devices;
        AppDisplay = display;
        ScannerCable = scannerEnd;
        App = new TerminalApp(Loop, display, options.MerchantName, devices);
        AttachSelfTest(null, null);

        // The debug UART: a laptop's serial terminal on the other end.
        var (debugPort, debugEnd) = SimulatedSerialPort.CreatePair("COM0", 115200);
        debugEnd.Open();
        DebugTerminal = debugEnd;
        Loop.AddPolled(new DebugConsole(debugPort, App));
    }

    // The technician's password guard: stored as salt and hash in the key store once payments (and so a key
    // store) are attached; before that (a bare board's self-test) hashed in memory. One guard, one lockout,
    // for the self-test and the software update.
    private PasswordGuard? _technician;

    private PasswordGuard Technician()
    {
        if (_technician == null)
        {
            byte[] password = System.Text.Encoding.ASCII.GetBytes(Options.TechnicianPassword);
            _technician = new PasswordGuard(new HostCrypto(), Clock, Random, password, 0, password.Length);
        }

        return _technician;
    }

    /// <summary>The laptop end of the debug UART (write commands, read the console's answers).</summary>
    public SimulatedSerialPort DebugTerminal { get; }

    /// <summary>
    /// Makes the self-test reachable from the menu and at power-up, checking the host link over
    /// <paramref name="host"/> (none: that check fails saying no host is configured).
    /// </summary>
    public SelfTestRun AttachSelfTest(HostSession? host, TerminalIdentity? identity)
    {
        var run = new SelfTestRun(Loop, AppDisplay, Devices, Keypad, Flash, ReservedSector, host, identity, 15_000) { Journal = Journal };
        App.AttachSelfTest(run, Technician());
        SelfTest = run;
        return run;
    }

    /// <summary>
    /// Adds the payment functions: the store rebuilt from this board's journal, the engine over
    /// <paramref name="session"/> (polled by the loop) and the cashier screens. Call before <see cref="Boot"/>.
    /// </summary>
    public PosController AttachPayments(HostSession session, IKeyStore keys)
    {
        Loop.AddPolled(session);
        var store = new PaymentStore(Journal);
        store.Load();
        var crypto = new HostCrypto();
        var engine = new PaymentEngine(session, store, keys, crypto, Clock) { DownloadsCatalog = true };
        byte[] password = System.Text.Encoding.ASCII.GetBytes(Options.ManagerPassword);
        // The manager's password as salt and hash in the key store: the factory default until changed (set-up 4).
        var manager = PasswordGuard.Stored(crypto, Clock, Random, keys, KeySlot.ManagerPassword, password);
        byte[] technician = System.Text.Encoding.ASCII.GetBytes(Options.TechnicianPassword);
        _technician = PasswordGuard.Stored(crypto, Clock, Random, keys, KeySlot.TechnicianPassword, technician);
        var pos = new PosController(Loop, AppDisplay, Devices, engine, keys, crypto, manager, App, Options.MerchantName);
        App.AttachPayments(pos);
        Payments = pos;
        if (store.Identity != null)
        {
            AttachSelfTest(session, store.Identity);
        }
        else
        {
            App.AttachSelfTest(SelfTest, Technician()); // the stored guard from now on
        }

        return pos;
    }

    /// <summary>
    /// Adds software update over <paramref name="session"/>: the firmware region on <paramref name="firmwareFlash"/>
    /// (kept across reboots), the boot manager run at <see cref="Boot"/> and the update flow on the loop.
    /// Call after <see cref="AttachPayments"/> and before <see cref="Boot"/>.
    /// </summary>
    public BoardUpdates AttachUpdates(HostSession session, IKeyStore keys, SimulatedFlash firmwareFlash)
    {
        var updates = new BoardUpdates(this, firmwareFlash, session, keys);
        Loop.AddPolled(updates.Flow);
        Updates = updates;
        Payments?.AttachUpdates(updates.Flow, Technician());
        return updates;
    }

    /// <summary>Software update, once attached.</summary>
    public BoardUpdates? Updates { get; private set; }

    /// <summary>The cashier functions, once attached.</summary>
    public PosController? Payments { get; private set; }

    /// <summary>
    /// Lets the loop run while the payment engine talks to a real (TCP or pty) host. Virtual time follows
    /// real time for the first five seconds after each step of the flow (so a connect or an answer arrives in
    /// the same virtual time it takes), then runs <paramref name="speedUp"/> times faster, so a host that
    /// never answers reaches the flow's timeout in a fraction of it. Returns when the engine is idle (or
    /// after <paramref name="maxRealMs"/>).
    /// </summary>
    public void RunWhileHostBusy(int speedUp = 20, int maxRealMs = 120_000)
    {
        const int graceMs = 5000;
        var started = Environment.TickCount64;
        long stepStarted = started;
        string last = Payments?.LastMessage ?? string.Empty;
        long lastTick = started;
        while (Payments != null && Payments.Engine.Busy && Environment.TickCount64 - started < maxRealMs)
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

    /// <summary>The self-test the app runs.</summary>
    public SelfTestRun SelfTest { get; private set; } = null!;

    /// <summary>The board's flash: the journal's sectors, then one sector reserved for the self-test.</summary>
    public SimulatedFlash Flash { get; }

    /// <summary>The journal, mounted at power-up.</summary>
    public JournalStore Journal { get; }

    /// <summary>The sector the self-test may erase and write.</summary>
    public int ReservedSector => Flash.SectorCount - 1;

    /// <summary>The peripherals the app was given.</summary>
    public TerminalDevices Devices { get; }

    /// <summary>The display the app draws on (the console panel and the ST7789 together).</summary>
    public IDisplay AppDisplay { get; }

    /// <summary>The scanner's end of its UART cable (unplug it to take the scanner away).</summary>
    public SimulatedSerialPort ScannerCable { get; }

    /// <summary>The key matrix model: a finger on the keys.</summary>
    public KeyMatrixModel? Keys => _keys;

    /// <summary>The magnetic head the test cards are swiped through (virtual time only).</summary>
    public MagstripeModel? MagstripeHead { get; }

    /// <summary>The MFRC522 chip model; put a card on it to tap.</summary>
    public Mfrc522Model RfChip { get; }

    /// <summary>The thermal printer's mechanism: paper, cover, and what was printed.</summary>
    public EscPosPrinterModel PrinterMechanism { get; }

    /// <summary>The GM65 scan engine; present text or an image to it to scan.</summary>
    public Gm65Model ScanEngine { get; }

    /// <summary>Swipes a test card (visa, mastercard, unionpay) or a track 2 ("PAN=YYMMSSS...") through the reader.</summary>
    public void Swipe(string cardOrTrack2)
    {
        if (MagstripeHead == null)
        {
            throw new InvalidOperationException("swiping needs a virtual-clock board");
        }

        long releasedAtMs = MagstripeHead.Swipe(TestCards.Track2(cardOrTrack2), new SwipeOptions());
        RunFor(Math.Max(0, releasedAtMs - Clock.NowMs) + 100);
    }

    /// <summary>Holds a test card (visa, mastercard, unionpay, dual, malformed, slow) on the reader, then takes it away.</summary>
    public void Tap(string card, int holdMs = 1500)
    {
        RfChip.Card = EmvTestCards.OnCarrier(EmvTestCards.Create(card));
        RunFor(holdMs);
        RfChip.Card.InField = false;
        RunFor(300);
    }

    /// <summary>Shows the scanner a code as text, or a PNG image file (decoded by the engine model).</summary>
    public void Scan(string textOrPng)
    {
        if (textOrPng.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            if (!ScanEngine.PresentImage(File.ReadAllBytes(textOrPng)))
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

    /// <summary>The virtual-time scheduler the pin-level models run on (null in real time).</summary>
    public SimulationScheduler? Scheduler { get; }

    /// <summary>The simulated GPIO the keypad and panel hang on (null in real time).</summary>
    public SimulatedGpio? Gpio { get; }

    /// <summary>The keypad driver (virtual time only; in real time keys are posted as events).</summary>
    public KeyMatrix? Keypad { get; }

    /// <summary>The ST7789 controller model: its framebuffer renders to PNG (virtual time only).</summary>
    public St7789Model? Panel { get; }

    /// <summary>The ST7789 driver.</summary>
    public St7789? St7789 { get; }

    /// <summary>The options the board was built with.</summary>
    public SimulatedBoardOptions Options { get; }

    /// <summary>The board's clock.</summary>
    public IClock Clock { get; }

    /// <summary>The virtual clock, when the run is virtual.</summary>
    public VirtualClock? VirtualClock { get; }

    /// <summary>The seeded random source.</summary>
    public SeededRandom Random { get; }

    /// <summary>The display.</summary>
    public TextPanel Display { get; }

    /// <summary>The firmware's event loop.</summary>
    public EventLoop Loop { get; }

    /// <summary>The firmware application.</summary>
    public TerminalApp App { get; }

    /// <summary>What the run produced.</summary>
    public RunTrace Trace { get; }

    /// <summary>Starts the firmware: draws the idle screen and runs what is due at boot.</summary>
    public void Boot()
    {
        if (Updates != null && (Updates.BootImage().Slot < 0 || Updates.ResetRequested))
        {
            // No image to run, or the trial image failed its self-check: the app does not start.
            return;
        }

        App.Boot();
        Loop.RunOnce();
        if (VirtualClock != null)
        {
            // Power-up: the panel's reset and sleep-out waits, the scanner's configuration exchange.
            RunFor(1000);
        }
    }

    /// <summary>
    /// A finger on a key for <paramref name="holdMs"/>: the key's switch closes (with contact bounce) on the
    /// matrix, the driver scans, debounces and reports it.
    /// </summary>
    public void PressKey(int key, int holdMs = 80)
    {
        if (_keys == null)
        {
            Loop.Events.Post(EventKind.KeyDown, key, 0, EventPriority.Normal);
            Loop.Events.Post(EventKind.KeyUp, key, 0, EventPriority.Normal);
            Loop.RunOnce();
            return;
        }

        _keys.Tap(key, holdMs);
        RunFor(holdMs + 60);
    }

    /// <summary>Lets <paramref name="ms"/> of virtual time pass with the loop running.</summary>
    public void RunFor(long ms)
    {
        if (VirtualClock == null)
        {
            throw new InvalidOperationException("RunFor needs a virtual-clock board");
        }

        // The loop waits through the scheduler, which plays the hardware events due before each deadline.
        Loop.RunUntil(Clock.NowMs + ms);
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
        _systemClock?.Dispose();
        Display.Dispose();
    }
}
