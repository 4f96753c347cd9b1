using System;
using Terminal.Core.Update;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// The update region on the device: the three files of <see cref="FirmwareRegion"/> (boot control and staging,
    /// slot A, slot B) opened as NOR flash and joined into one region for <see cref="UpdateSlots"/>. The boot loader and
    /// the application both open it through this class, so they agree on files and geometry.
    /// </summary>
    public sealed class FirmwareFiles : IDisposable
    {
        private readonly NanoBlockStorage _control;
        private readonly NanoBlockStorage _slotA;
        private readonly NanoBlockStorage _slotB;

        /// <summary>Opens (or creates, erased) the region's files on I:.</summary>
        public FirmwareFiles()
        {
            _control = new NanoBlockStorage(FirmwareRegion.ControlPath, FirmwareRegion.ControlFileSectors, FirmwareRegion.SectorSize, FirmwareRegion.PageSize);
            _slotA = new NanoBlockStorage(FirmwareRegion.SlotAPath, FirmwareRegion.SlotSectors, FirmwareRegion.SectorSize, FirmwareRegion.PageSize);
            _slotB = new NanoBlockStorage(FirmwareRegion.SlotBPath, FirmwareRegion.SlotSectors, FirmwareRegion.SectorSize, FirmwareRegion.PageSize);
            Slots = new UpdateSlots(new SpannedBlockStorage(new Hal.IBlockStorage[] { _control, _slotA, _slotB }), 0, FirmwareRegion.SlotSectors);
        }

        /// <summary>The A/B slots, boot control and staging over the three files.</summary>
        public UpdateSlots Slots { get; }

        /// <summary>Closes the three files.</summary>
        public void Dispose()
        {
            _control.Dispose();
            _slotA.Dispose();
            _slotB.Dispose();
        }
    }
}
