using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Terminal.Simulator.Boards;

namespace Terminal.Simulator.Update;

/// <summary>
/// The boot loader's part at power-up, as firmware/Terminal.Boot does it on the device: the boot manager verifies
/// the slots and chooses one (counting a trial, or rolling back), and a trial image that fails its boot self-check
/// resets before it could be confirmed. The firmware composed after it confirms a trial image once it is up.
/// Simulated images carry their self-check result in their payload (<see cref="SimulatedFirmware"/>).
/// </summary>
public sealed class SimulatedBootLoader
{
    /// <summary>Sectors per slot (64 KB with 4 KB sectors): simulated images are small.</summary>
    public const int SlotSectors = 16;

    /// <summary>Powers up over <paramref name="flash"/>, trusting the update-signing key in <paramref name="keys"/>.</summary>
    public SimulatedBootLoader(IBlockStorage flash, IKeyStore keys)
    {
        Slots = new UpdateSlots(flash, 0, SlotSectors);
        Decision = new BootManager(Slots, new BootControl(Slots), new HostCrypto(), keys).Boot();
        ResetRequested = Decision.Trial && !SelfCheckPasses(Decision.Slot);
    }

    /// <summary>The slots.</summary>
    public UpdateSlots Slots { get; }

    /// <summary>What the boot manager chose.</summary>
    public BootDecision Decision { get; }

    /// <summary>The trial image failed its boot self-check: the board restarts (the boot manager then rolls back).</summary>
    public bool ResetRequested { get; }

    /// <summary>Whether the application runs at this power-up (a valid slot, and not a failing trial).</summary>
    public bool Runs => Decision.Slot >= 0 && !ResetRequested;

    /// <summary>Erased flash for a firmware region on <paramref name="board"/>'s flash geometry.</summary>
    public static SimulatedFlash NewFlash(BoardConfig board) =>
        new(UpdateSlots.SectorsNeeded(SlotSectors), board.Storage.SectorSize, board.Storage.PageSize);

    /// <summary>Writes <paramref name="image"/> into slot A of fresh flash, as the factory programmer does. False when the region is in use.</summary>
    public static bool InstallFactoryImage(IBlockStorage flash, byte[] image)
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
