namespace Terminal.Core.Update
{
    /// <summary>
    /// Where the device keeps its firmware region, shared by the boot loader (firmware/Terminal.Boot) and the
    /// application's update installer so both open the same files with the same geometry: three files on the
    /// internal I: drive with NOR-flash semantics (Terminal.Device's NanoBlockStorage), the boot-control log and the
    /// staging sector in <see cref="ControlPath"/>, then slot A and slot B of <see cref="SlotSectors"/> sectors each,
    /// joined into one region by <see cref="SpannedBlockStorage"/>. A file per slot bounds LittleFS's copy-on-write:
    /// a write inside a file rewrites it from there to its end, so with one file the room kept free for that rewrite
    /// had to be the whole region, and with three it is one slot (board-configs/README.md, "The storage plan").
    /// </summary>
    public static class FirmwareRegion
    {
        /// <summary>The file of the boot-control log and the staging sector (<see cref="ControlFileSectors"/> sectors).</summary>
        public const string ControlPath = "I:\\fw-control.bin";

        /// <summary>The file of slot A.</summary>
        public const string SlotAPath = "I:\\fw-slot-a.bin";

        /// <summary>The file of slot B.</summary>
        public const string SlotBPath = "I:\\fw-slot-b.bin";

        /// <summary>Sectors of <see cref="ControlPath"/>: the boot-control log and the staging sector.</summary>
        public const int ControlFileSectors = UpdateSlots.ControlSectors + UpdateSlots.StagingSectors;

        /// <summary>The update-signing public key file (128 hex digits), deployed at the factory.</summary>
        public const string PublicKeyPath = "I:\\update.pub";

        /// <summary>Bytes per sector.</summary>
        public const int SectorSize = 4096;

        /// <summary>Bytes per program page.</summary>
        public const int PageSize = 256;

        /// <summary>
        /// Sectors per slot: 576 KiB, so a signed image carries an application bundle (Terminal.Device.pe and its
        /// libraries) of at most 589,728 bytes (the slot less the 32-byte header and 64-byte signature). Measured with
        /// nanoFramework's metadata processor (docs/device-build.md, "What a bundle weighs"): the firmware's own .pe files
        /// and the nanoFramework libraries the boot loader does not load came to about 408 KB before issue 18. Both slots
        /// must fit each board's I: partition: the PC's board validator checks it (board-configs/README.md, storage plan).
        /// </summary>
        public const int SlotSectors = 144;
    }
}
