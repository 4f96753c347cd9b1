using Terminal.Hal;

namespace Terminal.PortableTests.Doubles
{
    /// <summary>
    /// NOR flash in RAM with the rules the journal relies on: erase sets a sector to 0xFF, programming ANDs
    /// (bits only go 1 to 0) and must stay within one page, addresses must be inside the part.
    /// </summary>
    public sealed class MemoryFlash : IBlockStorage
    {
        private readonly byte[] _cells;
        private readonly int _sectorSize;
        private readonly int _pageSize;

        /// <summary>Creates an erased part of <paramref name="sectorCount"/> sectors.</summary>
        public MemoryFlash(int sectorSize, int sectorCount, int pageSize)
        {
            _sectorSize = sectorSize;
            _pageSize = pageSize;
            _cells = new byte[sectorSize * sectorCount];
            for (int i = 0; i < _cells.Length; i++)
            {
                _cells[i] = 0xFF;
            }
        }

        /// <summary>Program calls so far.</summary>
        public int Programs { get; private set; }

        /// <summary>Erase calls so far.</summary>
        public int Erases { get; private set; }

        /// <inheritdoc />
        public int SectorSize => _sectorSize;

        /// <inheritdoc />
        public int SectorCount => _cells.Length / _sectorSize;

        /// <inheritdoc />
        public int PageSize => _pageSize;

        /// <inheritdoc />
        public void EraseSector(int sector)
        {
            if (sector < 0 || sector >= SectorCount)
            {
                throw new System.ArgumentOutOfRangeException(nameof(sector));
            }

            int start = sector * _sectorSize;
            for (int i = 0; i < _sectorSize; i++)
            {
                _cells[start + i] = 0xFF;
            }

            Erases++;
        }

        /// <inheritdoc />
        public void Program(int address, byte[] data, int offset, int count)
        {
            CheckRange(address, count);
            if (count > 0 && address / _pageSize != (address + count - 1) / _pageSize)
            {
                throw new System.ArgumentException("a program call crosses a page boundary");
            }

            for (int i = 0; i < count; i++)
            {
                _cells[address + i] &= data[offset + i];
            }

            Programs++;
        }

        /// <inheritdoc />
        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, count);
            System.Array.Copy(_cells, address, buffer, offset, count);
        }

        /// <summary>Overwrites one byte as a fault would (a bit flipped back to 1 included), to test corruption handling.</summary>
        public void Corrupt(int address, byte value) => _cells[address] = value;

        private void CheckRange(int address, int count)
        {
            if (address < 0 || count < 0 || address + count > _cells.Length)
            {
                throw new System.ArgumentOutOfRangeException(nameof(address));
            }
        }
    }
}
