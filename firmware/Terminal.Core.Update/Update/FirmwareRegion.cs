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

        /// <summary>Sectors per slot: 384 KB, room for the application bundle (Terminal.Device.pe and its libraries).</summary>
        public const int SlotSectors = 96;
    }
}
