using System.Security.Cryptography;
using AcquirerHost.Store;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Random;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Campaign;

/// <summary>
/// The terminal's world for one day: what outlives a power cut (the journal flash, the key store, the firmware
/// slots, the host and its database, the link, the printer and its paper, the clock) and the power-up running on it
/// now (<see cref="Fw"/>), which a power cut replaces with a new one composed by the same root.
/// </summary>
internal sealed class DayWorld : IDisposable
{
    /// <summary>Sectors of the journal (the reference board's 16 x 4 KB); the self-test's own sector follows them.</summary>
    public const int JournalSectors = 16;

    private readonly ECDsa _signingKey = ImageSigner.NewKey();
    private readonly SeededRandom _boardSeeds;

    public DayWorld(long seed, DayResult result)
    {
        Result = result;
        _boardSeeds = DaySeeds.For(seed, DaySeeds.Board);
        Clock = new VirtualClock(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
        Flash = new SimulatedFlash(JournalSectors + Terminal.Core.SelfTest.SelfTestRun.ReservedSectors, 4096, 256);
        Host = new InProcessHost(Clock, new ProvisioningFile(TerminalRig.TerminalId, TerminalRig.MerchantId, TerminalRig.MasterKey), seed, random: new SeededSystemRandom(DaySeeds.For(seed, DaySeeds.Host)));
        HostStore = Host.Store;
        Link = Host.Link;

        // The factory: version 1.0.0 in slot A, signed with the vendor's key, whose public half the terminal trusts.
        FirmwareFlash = new SimulatedFlash(UpdateSlots.SectorsNeeded(SimulatedBootLoader.SlotSectors), 4096, 256);
        Keys.Store(KeySlot.UpdateSigningKey, ImageSigner.PublicKey(_signingKey), 0, FirmwareImage.PublicKeyLength);
        SimulatedBootLoader.InstallFactoryImage(FirmwareFlash, Signed("1.0.0", failSelfCheck: false));
    }

    /// <summary>What the day found, so far.</summary>
    public DayResult Result { get; }

    /// <summary>The cashier action under way (1-based; 0 while the terminal is set up).</summary>
    public int Step { get; set; }

    public VirtualClock Clock { get; }

    /// <summary>The journal's flash (and the self-test's sector after it).</summary>
    public SimulatedFlash Flash { get; }

    /// <summary>The flash of the firmware's A/B slots.</summary>
    public SimulatedFlash FirmwareFlash { get; }

    public MemoryKeyStore Keys { get; } = new();

    public InProcessHost Host { get; }

    public AcquirerStore HostStore { get; }

    public InProcessHostLink Link { get; }

    /// <summary>The printer's serial port: every byte printed kept, paper out when a fault says so.</summary>
    public StatusAnsweringPort PrinterPort { get; } = new() { Received = [] };

    /// <summary>The wire trace of every message (masked, as the device's debug UART gets it).</summary>
    public WireTraceText Wire { get; } = new();

    /// <summary>Every payment code shown to the scanner, to look for it whole in the outputs.</summary>
    public List<string> Codes { get; } = [];

    /// <summary>Called with the panel after every frame the firmware presents.</summary>
    public Action<Drivers.Simulated.Display.TextPanel>? FramePresented { get; set; }

    /// <summary>Called after every power-up's boot (the firmware composed, booted, what is owed resolved).</summary>
    public Action? Booted { get; set; }

    /// <summary>The power-up running now.</summary>
    public CampaignBoard Fw { get; private set; } = null!;

    /// <summary>The newest journal record the power-up before this one had written and read back (its sequence number).</summary>
    public long LastAcknowledged { get; private set; }

    /// <summary>Seed of the next power-up's board random source.</summary>
    public long NextBoardSeed() => _boardSeeds.NextUInt();

    /// <summary>An image of <paramref name="version"/> signed with the vendor's key (one that fails its boot check when asked).</summary>
    public byte[] Signed(string version, bool failSelfCheck) =>
        ImageSigner.Sign(SimulatedFirmware.Payload(version, failSelfCheck, size: 2000), FirmwareImage.ParseVersion(version), _signingKey);

    /// <summary>The first power-up of the day: the firmware composed on a factory-fresh board.</summary>
    public void PowerOn() => Fw = new CampaignBoard(this);

    /// <summary>Lets <paramref name="ms"/> of virtual time run, then lets the engine finish what it started.</summary>
    public void RunFor(long ms)
    {
        Fw.Loop.RunUntil(Clock.NowMs + ms);
        Finish();
    }

    /// <summary>
    /// Runs until the engine has finished its exchange (answers, timeouts, reversals), then a little more for the
    /// screens and the printer: time the firmware would spend waiting is not simulated needlessly.
    /// </summary>
    public void Finish()
    {
        for (int i = 0; i < 6000 && Fw.Pos.Engine.Busy; i++)
        {
            Fw.Loop.RunUntil(Clock.NowMs + 100);
        }

        Fw.Loop.RunUntil(Clock.NowMs + 300);
    }

    /// <summary>Runs an action; a power cut reboots the firmware on the same flash, key store and host, and boots it.</summary>
    public void Guarded(Action action)
    {
        for (int reboots = 0; ; reboots++)
        {
            try
            {
                if (reboots == 0)
                {
                    action();
                }
                else
                {
                    Boot();
                }

                return;
            }
            catch (PowerLossException)
            {
                if (reboots > 5)
                {
                    throw;
                }

                Flash.CancelCut();
                Link.PowerCut();
                PowerUpAgain();
            }
        }
    }

    /// <summary>Power off and on without a cut: the boot loader, the firmware composed again, booted, what is owed resolved.</summary>
    public void Reboot()
    {
        Link.PowerCut();
        PowerUpAgain();
        Boot();
    }

    /// <summary>The firmware's power-up (set-up on a new terminal; sign-in, recovery), counted when it confirms a trial image.</summary>
    public void Boot()
    {
        Fw.Terminal.Boot();
        if (Fw.Terminal.TrialConfirmed)
        {
            Result.Did("update confirmed");
        }

        Booted?.Invoke();
        if (Fw.Store.Provisioned)
        {
            RunFor(120_000);
        }
    }

    public void Violation(string what) => Result.Violations.Add($"step {Step}: {what}");

    public void Dispose()
    {
        Host.Dispose();
        _signingKey.Dispose();
    }

    // The power goes off: what the journal acknowledged is noted, and the terminal powers up again.
    private void PowerUpAgain()
    {
        LastAcknowledged = Fw.Terminal.Journal.NextSequence - 1;
        Fw = PowerUpRunning();
    }

    // A power-up the boot loader lets run: a trial image that fails its boot check resets once more and is rolled back.
    private CampaignBoard PowerUpRunning()
    {
        var fw = new CampaignBoard(this);
        for (int i = 0; i < 3 && !fw.Loader.Runs; i++)
        {
            fw = new CampaignBoard(this);
        }

        if (!fw.Loader.Runs)
        {
            Violation("the boot loader found no image to run: " + fw.Loader.Decision.Message);
        }

        return fw;
    }
}
