using Terminal.Hal;

namespace Terminal.Core.Update
{
    /// <summary>
    /// The firmware region of flash, A/B style: two boot-control sectors, one download-staging sector, then
    /// slot A and slot B of equal size. The boot loader runs the image in the active slot; an update is
    /// written to the other one, so the running image is never touched while a new one arrives.
    /// </summary>
    public sealed class UpdateSlots
    {
        /// <summary>Sectors of the boot-control log (records alternate between them).</summary>
        public const int ControlSectors = 2;

        /// <summary>Sectors of the download record and its per-chunk progress marks.</summary>
        public const int StagingSectors = 1;

        private readonly IBlockStorage _flash;
        private readonly int _firstSector;
        private readonly int _slotSectors;
        private readonly byte[] _buffer = new byte[256];

        /// <summary>Lays the region out from <paramref name="firstSector"/>; each slot is <paramref name="slotSectors"/> sectors.</summary>
        public UpdateSlots(IBlockStorage flash, int firstSector, int slotSectors)
        {
            if (firstSector < 0 || slotSectors < 1 || firstSector + SectorsNeeded(slotSectors) > flash.SectorCount)
            {
                throw new System.ArgumentOutOfRangeException(nameof(slotSectors), "the update region does not fit in the flash");
            }

            _flash = flash;
            _firstSector = firstSector;
            _slotSectors = slotSectors;
        }

        /// <summary>Sectors the region needs for slots of <paramref name="slotSectors"/> sectors.</summary>
        public static int SectorsNeeded(int slotSectors) => ControlSectors + StagingSectors + (2 * slotSectors);

        /// <summary>The flash under the region.</summary>
        public IBlockStorage Flash => _flash;

        /// <summary>Bytes a slot holds (the largest image).</summary>
        public int SlotCapacity => _slotSectors * _flash.SectorSize;

        /// <summary>The sector number of boot-control sector <paramref name="index"/> (0 or 1).</summary>
        public int ControlSector(int index) => _firstSector + index;

        /// <summary>The staging sector (download record and progress marks).</summary>
        public int StagingSector => _firstSector + ControlSectors;

        /// <summary>Flash address of the first byte of <paramref name="slot"/> (0 = A, 1 = B).</summary>
        public int SlotAddress(int slot) => (_firstSector + ControlSectors + StagingSectors + (slot * _slotSectors)) * _flash.SectorSize;

        /// <summary>Erases every sector of <paramref name="slot"/>.</summary>
        public void EraseSlot(int slot)
        {
            int first = SlotAddress(slot) / _flash.SectorSize;
            for (int s = 0; s < _slotSectors; s++)
            {
                _flash.EraseSector(first + s);
            }
        }

        /// <summary>Programs bytes into an erased part of <paramref name="slot"/> at <paramref name="offset"/>, page by page.</summary>
        public void Write(int slot, int offset, byte[] data, int dataOffset, int count)
        {
            if (offset < 0 || count < 0 || offset + count > SlotCapacity)
            {
                throw new System.ArgumentOutOfRangeException(nameof(count), "write outside the slot");
            }

            Program(SlotAddress(slot) + offset, data, dataOffset, count);
        }

        /// <summary>Programs bytes at a flash address, split at page boundaries.</summary>
        public void Program(int address, byte[] data, int dataOffset, int count)
        {
            int page = _flash.PageSize;
            while (count > 0)
            {
                int room = page - (address % page);
                int n = count < room ? count : room;
                _flash.Program(address, data, dataOffset, n);
                address += n;
                dataOffset += n;
                count -= n;
            }
        }

        /// <summary>Reads from <paramref name="slot"/>.</summary>
        public void Read(int slot, int offset, byte[] buffer, int bufferOffset, int count)
        {
            _flash.Read(SlotAddress(slot) + offset, buffer, bufferOffset, count);
        }

        /// <summary>The header of the image in <paramref name="slot"/> (not its signature: see <see cref="Verify"/>).</summary>
        public ImageCheck ReadHeader(int slot, out int version, out int payloadLength)
        {
            _flash.Read(SlotAddress(slot), _buffer, 0, FirmwareImage.HeaderLength);
            ImageCheck check = FirmwareImage.ReadHeader(_buffer, 0, out version, out payloadLength);
            if (check == ImageCheck.Valid && FirmwareImage.TotalLength(payloadLength) > SlotCapacity)
            {
                return ImageCheck.Truncated;
            }

            return check;
        }

        /// <summary>
        /// Checks the image in <paramref name="slot"/>: header, SHA-256 of header and payload (into <paramref name="digest"/>,
        /// 32 bytes) and the signature under <paramref name="publicKey"/>; its version comes out in <paramref name="version"/>.
        /// </summary>
        public ImageCheck Verify(int slot, byte[]? publicKey, ICrypto crypto, byte[] digest, out int version)
        {
            int payloadLength;
            ImageCheck check = ReadHeader(slot, out version, out payloadLength);
            if (check != ImageCheck.Valid)
            {
                return check;
            }

            int address = SlotAddress(slot);
            int remaining = FirmwareImage.HeaderLength + payloadLength;
            crypto.Sha256Start();
            while (remaining > 0)
            {
                int n = remaining < _buffer.Length ? remaining : _buffer.Length;
                _flash.Read(address, _buffer, 0, n);
                crypto.Sha256Update(_buffer, 0, n);
                address += n;
                remaining -= n;
            }

            crypto.Sha256Finish(digest, 0);
            byte[] signature = new byte[FirmwareImage.SignatureLength];
            _flash.Read(address, signature, 0, signature.Length);
            return FirmwareImage.CheckSignature(publicKey, digest, signature, crypto);
        }
    }
}
