using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Update;
using Terminal.Drivers.Contact;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Random;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Campaign;

/// <summary>
/// One power-up of the campaign's terminal: the boot loader's choice, then a fast board (the contactless reader, the
/// contact chip-card slot and the printer on their real drivers, a scripted magstripe and scanner, the screen as text) and the terminal composed
/// on it by the composition root every board calls. Everything but the world (<see cref="DayWorld"/>) is new.
/// </summary>
internal sealed class CampaignBoard : ITerminalBoard
{
    // The TDA8035's control pins (any free numbers: the campaign board has no pin map) and its I/O line.
    private const int CmdVccN = 25;
    private const int RstIn = 26;
    private const int OffN = 27;

    private readonly DayWorld _world;
    private readonly SimulatedGpio _gpio = new();
    private readonly SimulatedSerialPort _contactPort;
    private int _faultsSeen;

    public CampaignBoard(DayWorld world)
    {
        _world = world;
        Loader = new SimulatedBootLoader(world.FirmwareFlash, world.Keys);
        Panel = new TextPanel(30, 20) { FramePresented = p => world.FramePresented?.Invoke(p) };
        Rf = new Mfrc522Model();
        Magstripe = new ScriptedMagstripe();
        Scanner = new ScriptedScanner();
        var (contactPort, contactEnd) = SimulatedSerialPort.CreatePair("COM4", 9909);
        _contactPort = contactPort;
        Slot = new Tda8035Model(_gpio, contactEnd, CmdVccN, RstIn, OffN);
        Terminal = TerminalFirmware.Compose(this, new FirmwareSettings { MerchantName = "SIMULATED STORE", AutomaticUpdateChecks = false });
    }

    public SimulatedBootLoader Loader { get; }

    public TerminalFirmware Terminal { get; }

    public EventLoop Loop => Terminal.Loop;

    public TextPanel Panel { get; }

    public Mfrc522Model Rf { get; }

    public ScriptedMagstripe Magstripe { get; }

    /// <summary>The contact chip-card slot: insert a contact test card into it.</summary>
    public Tda8035Model Slot { get; }

    public ScriptedScanner Scanner { get; }

    public PaymentStore Store => Terminal.Store;

    public TerminalApp Pos => Terminal.App;

    public IClock Clock => _world.Clock;

    public IDisplay Display => Panel;

    public ICrypto Crypto { get; } = new SoftwareCrypto();

    public IBlockStorage JournalFlash => _world.Flash;

    public int JournalSectors => DayWorld.JournalSectors;

    public IKeyStore KeyStore => _world.Keys;

    public IWireTraceSink? WireTrace => _world.Wire;

    public ISerialPort? DebugPort => null;

    public UpdateSlots? FirmwareSlots => Loader.Slots;

    public IKeyStore? UpdateSigningKey => _world.Keys;

    /// <inheritdoc />
    public Terminal.Firmware.IProvisioningDrop? ProvisioningDrop => null;

    /// <summary>Faults the event loop counted since the last <see cref="ResetFaults"/>.</summary>
    public int NewFaults => Loop.Faults - _faultsSeen;

    public TerminalDevices StartDevices(EventLoop loop)
    {
        var contactless = new Mfrc522(Rf);
        contactless.Start(loop.Events);
        loop.AddPolled(contactless);
        var contact = new Tda8035(_contactPort, _gpio, CmdVccN, RstIn, OffN);
        contact.Start(loop.Events);
        loop.AddPolled(contact);
        var printer = new EscPosPrinter(_world.PrinterPort, 58);
        printer.Start(loop.Events);
        loop.AddPolled(printer);
        return new TerminalDevices
        {
            Magstripe = Magstripe,
            Contactless = contactless,
            Contact = contact,
            Scanner = Scanner,
            Printer = printer,
            Random = new SeededRandom(_world.NextBoardSeed()),
        };
    }

    public IHostTransport OpenHostLink() => _world.Link;

    /// <summary>Puts an event into the firmware's ring, as a driver would.</summary>
    public void Post(EventKind kind, int code, int arg) => Loop.Events.Post(kind, code, arg, EventPriority.Normal);

    public void ResetFaults() => _faultsSeen = Loop.Faults;
}
