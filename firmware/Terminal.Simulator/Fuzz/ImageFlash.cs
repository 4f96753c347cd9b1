using Terminal.Hal;

namespace Terminal.Simulator.Fuzz;

/// <summary>
/// A flash part whose cells start as a given image (a damaged journal, key store or update slot), with NOR
/// rules after that: erase sets 0xFF, programming only clears bits. Bytes past the image read as erased.
/// </summary>
internal sealed class ImageFlash : IBlockStorage
{
    private readonly byte[] _cells;

    /// <summary>A part of <paramref name="sectorCount"/> sectors holding the first <paramref name="length"/> bytes of <paramref name="image"/>.</summary>
    public ImageFlash(byte[] image, int length, int sectorCount, int sectorSize = 4096, int pageSize = 256)
    {
        SectorSize = sectorSize;
        PageSize = pageSize;
        _cells = new byte[sectorCount * sectorSize];
        int n = Math.Min(length, _cells.Length);
        Array.Copy(image, _cells, n);
        Array.Fill(_cells, (byte)0xFF, n, _cells.Length - n);
    }

    public int SectorSize { get; }

    public int SectorCount => _cells.Length / SectorSize;

    public int PageSize { get; }

    public void EraseSector(int sector) => Array.Fill(_cells, (byte)0xFF, sector * SectorSize, SectorSize);

    public void Program(int address, byte[] data, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _cells[address + i] &= data[offset + i];
        }
    }

    public void Read(int address, byte[] buffer, int offset, int count) => Array.Copy(_cells, address, buffer, offset, count);

    /// <summary>A copy of the cells.</summary>
    public byte[] Image() => (byte[])_cells.Clone();
}

/// <summary>A printer that takes every line and prints nothing (receipts rendered from damaged records).</summary>
internal sealed class DiscardPrinter : IPrinter
{
    public int Columns => 32;

    public int WidthDots => 384;

    public PrinterStatus Status => PrinterStatus.Ready;

    public bool Busy => false;

    public void Start(IEventSink sink)
    {
    }

    public void PrintLine(string text, TextStyle style, TextAlign align)
    {
    }

    public void PrintQr(string data, int moduleSize)
    {
    }

    public void PrintStoredLogo(int logoId)
    {
    }

    public void Feed(int lines)
    {
    }

    public void Cut()
    {
    }

    public long Poll(long nowMs) => Deadline.Never;

    public void Dispose()
    {
    }
}
