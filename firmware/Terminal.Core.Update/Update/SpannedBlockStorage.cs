using Terminal.Hal;

namespace Terminal.Core.Update
{
    /// <summary>
    /// One flash address space over several storages laid end to end: sector <c>s</c> of the whole is sector
    /// <c>s - first(part)</c> of the part that holds it. The device keeps the update region as three files (boot control
    /// and staging, slot A, slot B: <see cref="FirmwareRegion"/>) so that LittleFS's copy-on-write rewrites one slot,
    /// not the whole region; <see cref="UpdateSlots"/> still sees one region. Every part must have the same sector and
    /// page size; reads and programs that run over the end of a part continue in the next one.
    /// </summary>
    public sealed class SpannedBlockStorage : IBlockStorage
    {
        private readonly IBlockStorage[] _parts;
        private readonly int _sectorCount;

        /// <summary>The storages in address order.</summary>
        public SpannedBlockStorage(IBlockStorage[] parts)
        {
            if (parts == null || parts.Length == 0)
            {
                throw new System.ArgumentException("no storage to span", nameof(parts));
            }

            SectorSize = parts[0].SectorSize;
            PageSize = parts[0].PageSize;
            for (int i = 0; i < parts.Length; i++)
            {
                if (parts[i].SectorSize != SectorSize || parts[i].PageSize != PageSize)
                {
                    throw new System.ArgumentException("every spanned storage needs the same sector and page size", nameof(parts));
                }

                _sectorCount += parts[i].SectorCount;
            }

            _parts = parts;
        }

        /// <inheritdoc />
        public int SectorSize { get; }

        /// <inheritdoc />
        public int SectorCount => _sectorCount;

        /// <inheritdoc />
        public int PageSize { get; }

        /// <inheritdoc />
        public void EraseSector(int sector)
        {
            if (sector < 0 || sector >= _sectorCount)
            {
                throw new System.ArgumentOutOfRangeException(nameof(sector));
            }

            int part = 0;
            while (sector >= _parts[part].SectorCount)
            {
                sector -= _parts[part].SectorCount;
                part++;
            }

            _parts[part].EraseSector(sector);
        }

        /// <inheritdoc />
        public void Program(int address, byte[] data, int offset, int count) => Span(address, data, offset, count, true);

        /// <inheritdoc />
        public void Read(int address, byte[] buffer, int offset, int count) => Span(address, buffer, offset, count, false);

        private void Span(int address, byte[] bytes, int offset, int count, bool program)
        {
            if (address < 0 || count < 0 || (long)address + count > (long)_sectorCount * SectorSize)
            {
                throw new System.ArgumentOutOfRangeException(nameof(address), "outside the spanned storage");
            }

            int part = 0;
            int partBytes = _parts[0].SectorCount * SectorSize;
            while (count > 0)
            {
                if (address >= partBytes)
                {
                    address -= partBytes;
                    part++;
                    partBytes = _parts[part].SectorCount * SectorSize;
                    continue;
                }

                int n = partBytes - address < count ? partBytes - address : count;
                if (program)
                {
                    _parts[part].Program(address, bytes, offset, n);
                }
                else
                {
                    _parts[part].Read(address, bytes, offset, n);
                }

                address += n;
                offset += n;
                count -= n;
            }
        }
    }
}
