using Terminal.Core.Host;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Terminal.Simulator.Boards;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Board;

/// <summary>
/// Software update on the simulated board: the firmware region (its own flash, kept across reboots like the
/// journal), the boot manager run at power-up, the boot self-check of a trial image, and the update flow polled
/// by the loop. The "firmware" is the image bytes: the running version is that of the booted slot's header.
/// </summary>
public sealed class BoardUpdates : IUpdateContext
{
    /// <summary>Sectors per slot (64 KB with 4 KB sectors).</summary>
    public const int SlotSectors = 16;

    private readonly SimulatedBoard _board;

    /// <summary>Builds the update parts over <paramref name="flash"/>, talking to the host over <paramref name="session"/>.</summary>
    public BoardUpdates(SimulatedBoard board, SimulatedFlash flash, HostSession session, IKeyStore keys)
    {
        _board = board;
        Flash = flash;
        var crypto = new HostCrypto();
        Slots = new UpdateSlots(flash, 0, SlotSectors);
        Control = new BootControl(Slots);
        Manager = new BootManager(Slots, Control, crypto, keys);
        Installer = new UpdateInstaller(Slots, Control, crypto, keys);
        Flow = new UpdateFlow(session, Installer, Control, board.Clock, this, board.Loop.Events);
    }

    /// <summary>Erased flash for a firmware region on <paramref name="board"/>'s flash geometry.</summary>
    public static SimulatedFlash NewFlash(BoardConfig board) =>
        new(UpdateSlots.SectorsNeeded(SlotSectors), board.Storage.SectorSize, board.Storage.PageSize);

    /// <summary>Writes <paramref name="image"/> into slot A of fresh flash, as the factory programmer does. False when the region is in use.</summary>
    public static bool InstallFactoryImage(SimulatedFlash flash, byte[] image)
    {
        var slots = new UpdateSlots(flash, 0, SlotSectors);
        var control = new BootControl(slots);
        if (control.Load() || slots.ReadHeader(0, out _, out _) != ImageCheck.Blank)
        {
            return false;
        }

        slots.EraseSlot(0);
        slots.Write(0, 0, image, 0, image.Length);
        return true;
    }

    /// <summary>The firmware region's flash.</summary>
    public SimulatedFlash Flash { get; }

    /// <summary>Slot layout.</summary>
    public UpdateSlots Slots { get; }

    /// <summary>The boot-control record.</summary>
    public BootControl Control { get; }

    /// <summary>The boot manager.</summary>
    public BootManager Manager { get; }

    /// <summary>The installer the flow writes through.</summary>
    public UpdateInstaller Installer { get; }

    /// <summary>The update flow (check, download, install).</summary>
    public UpdateFlow Flow { get; }

    /// <summary>What the boot manager chose at the last power-up.</summary>
    public BootDecision? Decision { get; private set; }

    /// <summary>Version running now (-1 when none).</summary>
    public int RunningVersion => Decision?.Version ?? -1;

    /// <summary>The trial image failed its boot self-check: the board must restart (the boot manager then rolls back).</summary>
    public bool ResetRequested { get; private set; }

    /// <summary>Power-up, before the app: choose the slot, and self-check a trial image (confirm it, or ask for a reset).</summary>
    public BootDecision BootImage()
    {
        var decision = Manager.Boot();
        Decision = decision;
        Flow.SetRunning(decision.Slot, decision.Version);
        _board.Trace.Record(_board.Clock.NowMs, "boot", decision.Message);
        if (decision.Trial)
        {
            if (SelfCheckPasses(decision.Slot))
            {
                Manager.Confirm();
                _board.Trace.Record(_board.Clock.NowMs, "boot", "self-check passed: " + FirmwareImage.VersionText(decision.Version) + " confirmed");
            }
            else
            {
                ResetRequested = true;
                _board.Trace.Record(_board.Clock.NowMs, "boot", "self-check FAILED: restarting");
            }
        }

        return decision;
    }

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

    /// <inheritdoc />
    public bool HostFree => _board.Payments?.HostFree ?? false;

    /// <inheritdoc />
    public TerminalIdentity? Identity => _board.Payments?.Identity;

    /// <inheritdoc />
    public bool ReserveStans() => _board.Payments?.ReserveStans() ?? true;

    private bool SelfCheckPasses(int slot)
    {
        if (Slots.ReadHeader(slot, out _, out int payloadLength) != ImageCheck.Valid)
        {
            return false;
        }

        var payload = new byte[payloadLength];
        Slots.Read(slot, FirmwareImage.HeaderLength, payload, 0, payloadLength);
        return SimulatedFirmware.SelfCheckPasses(payload);
    }
}
