using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.Tests.Payments;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Random;
using Terminal.Firmware;
using Terminal.Hal;

namespace Terminal.Core.Tests.Cashier;

/// <summary>
/// The cashier's terminal on a text panel and keys posted straight to its navigator: no board, no TCP host (the
/// host is scripted in memory), a virtual clock for the timeouts. A provisioned store, manager 8888, technician 2468.
/// </summary>
internal sealed class CashierRig
{
    public CashierRig(bool provisioned = true)
    {
        Store = provisioned ? StoreRig.Provisioned() : new StoreRig();
        Loop = new EventLoop(Clock, 32, 16, 8);
        var session = new HostSession(CupProfile.Create(), Host, new HostCrypto(), Clock, null, 2048);
        session.SetPreamble(ScriptedHost.Preamble, 0);
        Loop.AddPolled(session);
        Keys.Store(KeySlot.Mak, ScriptedHost.Mak, 0, ScriptedHost.Mak.Length);
        Engine = new PaymentEngine(session, Store.Store, Keys, new HostCrypto(), Clock) { TimeoutMs = 2_000 };
        Engine.LoadMak();
        var random = new SeededRandom(7);
        Devices = new TerminalDevices { Random = random };
        Manager = PasswordGuard.Stored(new HostCrypto(), Clock, random, Keys, KeySlot.ManagerPassword, FactoryDefaults.Digits("8888"));
        Technician = PasswordGuard.Stored(new HostCrypto(), Clock, random, Keys, KeySlot.TechnicianPassword, FactoryDefaults.Digits("2468"));
        App = new TerminalApp(Loop, Panel, Devices, Engine, Keys, new HostCrypto(), Manager, Technician, "TEST SHOP");
        App.Boot();
    }

    public VirtualClock Clock { get; } = new(new DateTime(2026, 11, 25, 10, 15, 0, DateTimeKind.Local));

    public TextPanel Panel { get; } = new();

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

    public string Screen => Panel.Text();
}
