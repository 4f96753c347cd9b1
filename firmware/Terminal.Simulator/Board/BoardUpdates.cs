using Terminal.Core.Flows;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Terminal.Simulator.Boards;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Board;

/// <summary>
/// Software update on the simulated board: the firmware region (its own flash, kept across reboots like the
/// journal) and the boot loader's part, which on the device is firmware/Terminal.Boot: at power-up the boot
/// manager chooses the slot, and a trial image that fails its boot self-check asks for a reset (rolled back at
/// the next power-up). The update flow itself is the firmware's (<see cref="Terminal.Firmware.TerminalFirmware.Updates"/>).
/// The "firmware" is the image bytes: the running version is that of the booted slot's header.
/// </summary>
public sealed class BoardUpdates
{
    /// <summary>Sectors per slot (64 KB with 4 KB sectors).</summary>
    public const int SlotSectors = SimulatedBootLoader.SlotSectors;

    private readonly SimulatedBoard _board;
    private readonly SimulatedBootLoader _loader;

    /// <summary>The boot loader at power-up, over <paramref name="flash"/>, trusting the signing key in <paramref name="keys"/>.</summary>
    public BoardUpdates(SimulatedBoard board, SimulatedFlash flash, IKeyStore keys)
    {
        _board = board;
        Flash = flash;
        _loader = new SimulatedBootLoader(flash, keys);
        board.Trace.Record(board.Clock.NowMs, "boot", Decision.Message);
        if (ResetRequested)
        {
            board.Trace.Record(board.Clock.NowMs, "boot", "self-check FAILED: restarting");
        }
    }

    /// <summary>Erased flash for a firmware region on <paramref name="board"/>'s flash geometry.</summary>
    public static SimulatedFlash NewFlash(BoardConfig board) => SimulatedBootLoader.NewFlash(board);

    /// <summary>Writes <paramref name="image"/> into slot A of fresh flash, as the factory programmer does. False when the region is in use.</summary>
    public static bool InstallFactoryImage(SimulatedFlash flash, byte[] image) => SimulatedBootLoader.InstallFactoryImage(flash, image);

    /// <summary>
    /// The factory: the public half of <paramref name="signingKey"/> into the terminal's <paramref name="keys"/>, and a
    /// firmware region on <paramref name="board"/>'s flash with version <paramref name="version"/> signed into slot A.
    /// </summary>
    public static SimulatedFlash Factory(BoardConfig board, IKeyStore keys, System.Security.Cryptography.ECDsa signingKey, string version)
    {
        keys.Store(KeySlot.UpdateSigningKey, ImageSigner.PublicKey(signingKey), 0, FirmwareImage.PublicKeyLength);
        SimulatedFlash flash = NewFlash(board);
        InstallFactoryImage(flash, ImageSigner.Sign(SimulatedFirmware.Payload(version), FirmwareImage.ParseVersion(version), signingKey));
        return flash;
    }

    /// <summary>The firmware region's flash.</summary>
    public SimulatedFlash Flash { get; }

    /// <summary>Slot layout.</summary>
    public UpdateSlots Slots => _loader.Slots;

    /// <summary>What the boot manager chose at this power-up.</summary>
    public BootDecision Decision => _loader.Decision;

    /// <summary>Version running now (-1 when none).</summary>
    public int RunningVersion => Decision.Version;

    /// <summary>The trial image failed its boot self-check: the board must restart (the boot manager then rolls back).</summary>
    public bool ResetRequested => _loader.ResetRequested;

    /// <summary>Whether the application runs at this power-up.</summary>
    public bool Runs => _loader.Runs;

    /// <summary>The firmware's update flow (check, download, install).</summary>
    public UpdateFlow Flow => _board.Firmware.Updates ?? throw new InvalidOperationException("the firmware was composed without updates");

    /// <summary>The firmware's boot-control record.</summary>
    public BootControl Control => _board.Firmware.BootControl ?? throw new InvalidOperationException("the firmware was composed without updates");

    /// <summary>
    /// Lets the loop run until the update flow is idle, the host being real: virtual time follows real time while the
    /// download makes progress (so an answer arrives in the virtual time it takes), and runs 20 times faster after five
    /// seconds without progress, so a host that stopped answering reaches the flow's timeout in a fraction of it.
    /// </summary>
    public void RunWhileBusy(int maxRealMs = 60_000)
    {
        long started = Environment.TickCount64;
        long last = started;
        long lastProgress = started;
        int downloaded = Flow.Downloaded;
        while (Flow.Busy && Environment.TickCount64 - started < maxRealMs)
        {
            Thread.Sleep(1);
            long now = Environment.TickCount64;
            if (Flow.Downloaded != downloaded)
            {
                downloaded = Flow.Downloaded;
                lastProgress = now;
            }

            long elapsed = Math.Max(1, now - last);
            _board.RunFor(now - lastProgress < 5000 ? elapsed : elapsed * 20);
            last = now;
        }

        _board.RunFor(100);
    }
}
