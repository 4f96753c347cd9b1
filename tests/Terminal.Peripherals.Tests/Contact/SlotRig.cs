using Terminal.Drivers.Contact;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Contact;

/// <summary>The TDA8035 driver on the chip model: GPIO, the one-wire UART, a virtual clock for the debounce.</summary>
internal sealed class SlotRig : IDisposable
{
    public const int CmdVccN = 4;
    public const int RstIn = 5;
    public const int OffN = 6;

    public SlotRig(int ifsd = Tda8035.DefaultIfsd, bool bounce = false)
    {
        Time = new SimulationScheduler(new VirtualClock(new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Local)));
        (Port, CardEnd) = SimulatedSerialPort.CreatePair("COM4", 9600);
        Chip = new Tda8035Model(Gpio, CardEnd, CmdVccN, RstIn, OffN, bounce ? Time : null);
        Reader = new Tda8035(Port, Gpio, CmdVccN, RstIn, OffN, ifsd);
        Reader.Start(Sink);
    }

    public SimulationScheduler Time { get; }

    /// <summary>A rig with a card answering <paramref name="atr"/> around a scripted applet, inserted and powered.</summary>
    public static (SlotRig Rig, ScriptedApplet Applet, Iso7816Card Card) Powered(byte[] atr, int ifsd = Tda8035.DefaultIfsd, Action<Iso7816Card>? setup = null)
    {
        var rig = new SlotRig(ifsd);
        var applet = new ScriptedApplet();
        var card = new Iso7816Card(atr, applet);
        setup?.Invoke(card);
        rig.Insert(card);
        if (rig.PowerOn() <= 0)
        {
            throw new InvalidOperationException("the card did not power up");
        }

        return (rig, applet, card);
    }

    public SimulatedGpio Gpio { get; } = new();

    public SimulatedSerialPort Port { get; }

    public SimulatedSerialPort CardEnd { get; }

    public Tda8035Model Chip { get; }

    public Tda8035 Reader { get; }

    public RecordingSink Sink { get; } = new();

    /// <summary>Lets <paramref name="ms"/> pass, polling the driver every millisecond (as the loop would after its wake-ups).</summary>
    public void Run(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            Time.AdvanceMs(1);
            Reader.Poll(Time.NowMs);
        }
    }

    /// <summary>Pushes the card in and lets the debounce settle.</summary>
    public Iso7816Card Insert(Iso7816Card card)
    {
        Chip.Insert(card);
        Run(Tda8035.DebounceMs + 20);
        return card;
    }

    public int PowerOn() => Reader.PowerOn(new byte[40], 0, 40);

    public byte[] Apdu(string hex, out int length, int capacity = 300)
    {
        byte[] command = Hex(hex);
        byte[] response = new byte[capacity];
        length = Reader.Transceive(command, 0, command.Length, response, 0, capacity);
        return length > 0 ? response[..length] : [];
    }

    public void Dispose() => Reader.Dispose();
}

/// <summary>An APDU application that answers from a table and records the commands (for protocol tests).</summary>
internal sealed class ScriptedApplet : IApduApplication
{
    public List<byte[]> Commands { get; } = [];

    public Func<byte[], byte[]> Answer { get; set; } = _ => [0x90, 0x00];

    public long ProcessingUs { get; set; } = 1000;

    public ApduAnswer Process(byte[] command)
    {
        Commands.Add(command);
        return new ApduAnswer(Answer(command), ProcessingUs);
    }
}
