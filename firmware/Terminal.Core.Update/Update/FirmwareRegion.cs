namespace Terminal.Core.Update
{
    /// <summary>
    /// Where the device keeps its firmware region, shared by the boot loader (firmware/Terminal.Boot) and the
    /// application's update installer so both open the same file with the same geometry: a file on the
    /// internal I: drive with NOR-flash semantics (Terminal.Device's NanoBlockStorage), holding the boot-control
    /// log, the staging sector and two slots of <see cref="SlotSectors"/> sectors.
    /// </summary>
    public static class FirmwareRegion
    {
        /// <summary>The region's file.</summary>
        public const string Path = "I:\\firmware.bin";

        /// <summary>The update-signing public key file (128 hex digits), deployed at the factory.</summary>
        public const string PublicKeyPath = "I:\\update.pub";

        /// <summary>Bytes per sector.</summary>
        public const int SectorSize = 4096;

        /// <summary>Bytes per program page.</summary>
        public const int PageSize = 256;

        /// <summary>
        /// Sectors per slot: 384 KiB, so a signed image carries an application bundle (Terminal.Device.pe and its
        /// libraries) of at most 393,120 bytes (the slot less the 32-byte header and 64-byte signature); the .pe
        /// files are estimated at 250-350 KB, unmeasured until the first nanoFramework build. Both slots must fit
        /// each board's I: partition: the PC's board validator checks it (board-configs/README.md, storage plan).
        /// </summary>
        public const int SlotSectors = 96;
    }
}
