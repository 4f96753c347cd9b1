using Terminal.Core.Training;
using Terminal.Hal;

namespace Terminal.PortableTests.Doubles
{
    /// <summary>
    /// NOR flash in RAM (Core's <see cref="RamFlash"/>: erase sets a sector to 0xFF, programming ANDs and must stay
    /// within one page, addresses must be inside the part) that counts its operations and can be damaged on purpose.
    /// </summary>
    public sealed class MemoryFlash : IBlockStorage
    {
        private readonly RamFlash _cells;

        /// <summary>Creates an erased part of <paramref name="sectorCount"/> sectors.</summary>
        public MemoryFlash(int sectorSize, int sectorCount, int pageSize)
        {
            _cells = new RamFlash(sectorSize, sectorCount, pageSize);
        }

        /// <summary>Program calls so far.</summary>
        public int Programs { get; private set; }

        /// <summary>Erase calls so far.</summary>
        public int Erases { get; private set; }

        /// <inheritdoc />
        public int SectorSize => _cells.SectorSize;

        /// <inheritdoc />
        public int SectorCount => _cells.SectorCount;

        /// <inheritdoc />
        public int PageSize => _cells.PageSize;

        /// <inheritdoc />
        public void EraseSector(int sector)
        {
            _cells.EraseSector(sector);
            Erases++;
        }

        /// <inheritdoc />
        public void Program(int address, byte[] data, int offset, int count)
        {
            _cells.Program(address, data, offset, count);
            Programs++;
        }

        /// <inheritdoc />
        public void Read(int address, byte[] buffer, int offset, int count) => _cells.Read(address, buffer, offset, count);

        /// <summary>
        /// Overwrites one byte as a fault would (a bit flipped back to 1 included), to test corruption handling:
        /// the sector is read, erased and programmed back with the byte changed (not counted as operations).
        /// </summary>
        public void Corrupt(int address, byte value)
        {
            int size = _cells.SectorSize;
            int start = address / size * size;
            byte[] sector = new byte[size];
            _cells.Read(start, sector, 0, size);
            sector[address - start] = value;
            _cells.EraseSector(start / size);
            for (int page = 0; page < size; page += _cells.PageSize)
            {
                _cells.Program(start + page, sector, page, _cells.PageSize);
            }
        }
    }
}
