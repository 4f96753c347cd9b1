using Terminal.Hal;

namespace Terminal.Core.Training
{
    /// <summary>
    /// NOR-flash rules in RAM (erase sets 0xFF, programming only clears bits, one page per write): the
    /// training batch's journal, which must vanish at power-off and never touch the real flash.
    /// </summary>
    public sealed class RamFlash : IBlockStorage
    {
        private readonly byte[] _cells;
        private readonly int _sectorSize;
        private readonly int _pageSize;

        /// <summary>Creates an erased part of <paramref name="sectorCount"/> sectors.</summary>
        public RamFlash(int sectorSize, int sectorCount, int pageSize)
        {
            _sectorSize = sectorSize;
            _pageSize = pageSize;
            _cells = new byte[sectorSize * sectorCount];
            EraseAll();
        }

        /// <inheritdoc />
        public int SectorSize => _sectorSize;

        /// <inheritdoc />
        public int SectorCount => _cells.Length / _sectorSize;

        /// <inheritdoc />
        public int PageSize => _pageSize;

        // Every sector erased, as a new part comes.
        private void EraseAll()
        {
            for (int i = 0; i < _cells.Length; i++)
            {
                _cells[i] = 0xFF;
            }
        }

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
        }

        /// <inheritdoc />
        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, count);
            System.Array.Copy(_cells, address, buffer, offset, count);
        }

        private void CheckRange(int address, int count)
        {
            if (address < 0 || count < 0 || address + count > _cells.Length)
            {
                throw new System.ArgumentOutOfRangeException(nameof(address));
            }
        }
    }
}
