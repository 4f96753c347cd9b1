namespace Terminal.Hal
{
    /// <summary>
    /// NOR-flash-like storage: erasing a sector sets every byte to 0xFF; programming can only clear bits
    /// (1 to 0) and never crosses a page; reads are random access. The journal is built on this.
    /// </summary>
    public interface IBlockStorage
    {
        /// <summary>Bytes per erasable sector.</summary>
        int SectorSize { get; }

        /// <summary>Number of sectors.</summary>
        int SectorCount { get; }

        /// <summary>Bytes per programmable page; a program call stays within one page.</summary>
        int PageSize { get; }

        /// <summary>Sets every byte of the sector to 0xFF.</summary>
        void EraseSector(int sector);

        /// <summary>ANDs <paramref name="count"/> bytes into flash at <paramref name="address"/> (bits go 1 to 0 only).</summary>
        void Program(int address, byte[] data, int offset, int count);

        /// <summary>Reads <paramref name="count"/> bytes from <paramref name="address"/>.</summary>
        void Read(int address, byte[] buffer, int offset, int count);
    }
}
