using System.Globalization;
using System.Numerics;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Core.Update;

namespace Terminal.Simulator.Boards;

/// <summary>
/// What the firmware keeps on a board's I: drive (nanoFramework's LittleFS partition) and how much of it that
/// takes, from the board file and the firmware's own constants: the update region (boot control, staging and
/// two slots), the journal with the self-test's sector, the key store, the small files, and what LittleFS
/// needs around them. The board validator refuses a board whose plan does not fit its partition.
/// </summary>
/// <remarks>
/// It lives on the PC because only the PC decides anything from it: on the device each store is a file of
/// its own that LittleFS places, and the device trusts a board file the PC has checked (as it does the pins).
/// The figures come from the firmware's constants, not copies: <see cref="FirmwareRegion"/>,
/// <see cref="UpdateSlots"/>, <see cref="FlashKeyStore.Sectors"/>, <see cref="SelfTestRun.ReservedSectors"/>.
/// </remarks>
public sealed class StoragePlan
{
    /// <summary>LittleFS block size on the ESP32: the flash's 4 KiB erase sector.</summary>
    public const int BlockSize = 4096;

    /// <summary>
    /// Blocks LittleFS keeps for itself: the superblock and root directory pair (2), and a spare pair to
    /// relocate a metadata pair into when one wears out (2).
    /// </summary>
    public const int MetadataBlocks = 4;

    /// <summary>Files of a few bytes to a few KiB; LittleFS gives each a block (README, "Flash and the I: drive").</summary>
    public static IReadOnlyList<string> SmallFiles { get; } = ["board.json", "update.pub", "nanoFramework's Wi-Fi configuration"];

    private StoragePlan(int journalSectors, int sectorSize, int slotSectors)
    {
        SlotSectors = slotSectors;
        SlotBytes = slotSectors * FirmwareRegion.SectorSize;
        ControlBytes = (UpdateSlots.ControlSectors + UpdateSlots.StagingSectors) * FirmwareRegion.SectorSize;
        FirmwareRegionBytes = UpdateSlots.SectorsNeeded(slotSectors) * FirmwareRegion.SectorSize;
        JournalBytes = (journalSectors + SelfTestRun.ReservedSectors) * sectorSize;
        KeyBytes = FlashKeyStore.Sectors * sectorSize;
        FileBytes = SmallFiles.Count * BlockSize;

        // Each large file is a chain of blocks that also carries LittleFS's back pointers, so it takes a few
        // more blocks than its bytes; those extra blocks are counted as the file system's.
        // The update region is three files (FirmwareRegion): boot control and staging, slot A, slot B.
        int[] files = [ControlBytes, SlotBytes, SlotBytes, JournalBytes, KeyBytes];
        int pointerBlocks = 0;
        int largest = 0;
        foreach (int bytes in files)
        {
            int blocks = BlocksFor(bytes);
            pointerBlocks += blocks - DivideUp(bytes, BlockSize);
            largest = Math.Max(largest, blocks);
        }

        FileSystemBytes = (MetadataBlocks + pointerBlocks) * BlockSize;

        // LittleFS is copy-on-write: a write inside a file rewrites it from there to its end into free
        // blocks before the old ones are released, so the largest file must fit a second time.
        CopyOnWriteBytes = largest * BlockSize;
        TotalBytes = FirmwareRegionBytes + DivideUp(JournalBytes, BlockSize) * BlockSize + DivideUp(KeyBytes, BlockSize) * BlockSize
            + FileBytes + FileSystemBytes + CopyOnWriteBytes;
    }

    /// <summary>Sectors per update slot.</summary>
    public int SlotSectors { get; }

    /// <summary>Bytes of one update slot (the largest signed image).</summary>
    public int SlotBytes { get; }

    /// <summary>Bytes of the boot-control and staging sectors ahead of the slots.</summary>
    public int ControlBytes { get; }

    /// <summary>Bytes of the update region's three files (I:\fw-control.bin, fw-slot-a.bin, fw-slot-b.bin): boot control, staging and both slots.</summary>
    public int FirmwareRegionBytes { get; }

    /// <summary>Bytes of I:\journal.bin: the journal's sectors and the self-test's.</summary>
    public int JournalBytes { get; }

    /// <summary>Bytes of I:\keys.bin.</summary>
    public int KeyBytes { get; }

    /// <summary>Bytes given to the small files, a block each.</summary>
    public int FileBytes { get; }

    /// <summary>Bytes LittleFS takes itself: metadata blocks and the large files' pointer blocks.</summary>
    public int FileSystemBytes { get; }

    /// <summary>Free room a rewrite of the largest file needs.</summary>
    public int CopyOnWriteBytes { get; }

    /// <summary>Bytes of the I: partition the plan needs.</summary>
    public int TotalBytes { get; }

    /// <summary>
    /// The largest application bundle a slot holds: the slot less the signed image's header and signature.
    /// The application's .pe files (and the bundle's table of them) must stay under this.
    /// </summary>
    public int BundleCapacity => SlotBytes - FirmwareImage.HeaderLength - FirmwareImage.SignatureLength;

    /// <summary>The plan of a board file's storage section, with the firmware's slot size.</summary>
    public static StoragePlan For(StorageConfig storage) => For(storage.JournalSectors, storage.SectorSize, FirmwareRegion.SlotSectors);

    /// <summary>The plan for a journal of <paramref name="journalSectors"/> sectors of <paramref name="sectorSize"/> bytes and slots of <paramref name="slotSectors"/> sectors.</summary>
    public static StoragePlan For(int journalSectors, int sectorSize, int slotSectors) => new(journalSectors, sectorSize, slotSectors);

    /// <summary>Whether the plan fits a partition of <paramref name="partitionKb"/> KiB.</summary>
    public bool Fits(int partitionKb) => TotalBytes <= (long)partitionKb * 1024;

    /// <summary>The parts, for a message: "2 slots x 384 KiB + boot control 12 KiB, journal 68 KiB, ...".</summary>
    public string Breakdown() => string.Create(CultureInfo.InvariantCulture,
        $"2 slots x {Kib(SlotBytes)} KiB + boot control {Kib(ControlBytes)} KiB, journal {Kib(JournalBytes)} KiB, keys {Kib(KeyBytes)} KiB, files {Kib(FileBytes)} KiB, LittleFS {Kib(FileSystemBytes)} KiB, copy-on-write room {Kib(CopyOnWriteBytes)} KiB");

    /// <summary>
    /// LittleFS blocks a file of <paramref name="bytes"/> takes (0 for an empty one). A file is a CTZ skip-list:
    /// block i (from 1) starts with ctz(i) + 1 pointers of 4 bytes to earlier blocks, the rest is data.
    /// </summary>
    public static int BlocksFor(long bytes)
    {
        int blocks = 0;
        long capacity = 0;
        while (capacity < bytes)
        {
            int pointers = blocks == 0 ? 0 : BitOperations.TrailingZeroCount(blocks) + 1;
            capacity += BlockSize - (4 * pointers);
            blocks++;
        }

        return blocks;
    }

    /// <summary>Bytes in KiB, rounded up.</summary>
    public static long Kib(long bytes) => (bytes + 1023) / 1024;

    private static int DivideUp(int value, int by) => (value + by - 1) / by;
}
