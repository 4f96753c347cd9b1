using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Core.Tests.Payments;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Random;
using Terminal.Firmware;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Cashier;

/// <summary>
/// The cashier's terminal on a text panel and keys posted straight to its navigator: no board, no TCP host (the
/// host is scripted in memory), a virtual clock for the timeouts. A provisioned store, manager 8888, technician 2468.
/// </summary>
internal sealed class CashierRig
{
    public CashierRig(bool provisioned = true, int rows = 20, bool selfTest = false)
    {
        Panel = new TextPanel(30, rows);
        Store = provisioned ? StoreRig.Provisioned() : new StoreRig();
        Loop = new EventLoop(Clock, 32, 16, 8);
        var session = new HostSession(CupProfile.Create(), Host, new HostCrypto(), Clock, null, 2048);
        session.SetPreamble(ScriptedHost.Preamble, 0);
        Loop.AddPolled(session);
        Keys.Store(KeySlot.Mak, ScriptedHost.Mak, 0, ScriptedHost.Mak.Length);
        Engine = new PaymentEngine(session, Store.Store, Keys, new HostCrypto(), Clock) { TimeoutMs = 2_000 };
        Engine.LoadMak();
        var random = new SeededRandom(7);
        Devices = new TerminalDevices { Random = random, Magstripe = Magstripe, Scanner = Scanner };
        Manager = PasswordGuard.Stored(new HostCrypto(), Clock, random, Keys, KeySlot.ManagerPassword, FactoryDefaults.Digits("8888"));
        Technician = PasswordGuard.Stored(new HostCrypto(), Clock, random, Keys, KeySlot.TechnicianPassword, FactoryDefaults.Digits("2468"));
        App = new TerminalApp(Loop, Panel, Devices, Engine, Keys, new HostCrypto(), Manager, Technician, "TEST SHOP");
        if (selfTest)
        {
            // The self-test on what the rig has: no keypad, flash or host link, so those checks are skipped.
            App.AttachSelfTest(new SelfTestRun(Loop, Panel, Devices, null, null, 0, null, Store.Store, 500));
        }

        App.Boot();
    }

    public FakeMagstripe Magstripe { get; } = new();

    public FakeScanner Scanner { get; } = new();

    public VirtualClock Clock { get; } = new(new DateTime(2026, 11, 25, 10, 15, 0, DateTimeKind.Local));

    public TextPanel Panel { get; }

    public ScriptedHost Host { get; } = new();

    public MemoryKeyStore Keys { get; } = new();

    public StoreRig Store { get; }

    public EventLoop Loop { get; }

    public PaymentEngine Engine { get; }

    public TerminalDevices Devices { get; }

    public PasswordGuard Manager { get; }

    public PasswordGuard Technician { get; }

    public TerminalApp App { get; }

    public Navigator Nav => App.Navigator;

    /// <summary>Keys, each a key-down event to the navigator.</summary>
    public void Press(params int[] keys)
    {
        foreach (int key in keys)
        {
            Nav.OnEvent(new DeviceEvent { Kind = EventKind.KeyDown, Code = key });
        }
    }

    /// <summary>Digits, each a key.</summary>
    public void Type(string digits)
    {
        foreach (char c in digits)
        {
            Press(KeyCode.Digit0 + (c - '0'));
        }
    }

    /// <summary>Lets <paramref name="ms"/> of virtual time pass, firing the timers that fall due.</summary>
    public void Wait(long ms)
    {
        long until = Clock.NowMs + ms;
        while (Clock.NowMs < until)
        {
            Clock.Advance(100);
            while (Loop.RunOnce() > 0)
            {
            }
        }
    }

    /// <summary>A good swipe of <paramref name="track2"/> on the magstripe head.</summary>
    public void Swipe(string track2)
    {
        Magstripe.Load(track2);
        Nav.OnEvent(new DeviceEvent { Kind = EventKind.CardSwiped, Arg = 1 });
    }

    /// <summary>A payment code read by the QR engine.</summary>
    public void Scan(string code)
    {
        Scanner.Load(code);
        Nav.OnEvent(new DeviceEvent { Kind = EventKind.ScanComplete, Arg = code.Length });
    }

    /// <summary>Lets virtual time pass until the payment engine's job has ended (the scripted host answers at once).</summary>
    public void RunWhileBusy()
    {
        for (int i = 0; i < 600 && (Engine.Busy || App.Engine.Busy); i++)
        {
            Wait(100);
        }

        Assert.False(App.Engine.Busy, "the engine never finished");
    }

    public string Screen => Panel.Text();
}
