using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Storage;

/// <summary>
/// NOR flash with real flash semantics: erase sets a sector to 0xFF, program can only clear bits and
/// never crosses a page, reads are free. Power can be cut at any program or erase: a cut program
/// leaves a prefix of the bytes written (a torn write), a cut erase leaves the sector partly erased.
/// The contents survive the cut, so a new firmware instance can boot from them. Worn cells (bits stuck at 0) and
/// disturbed cells (bits flipped in place) can be injected; the flash then also keeps the image it would hold
/// without them, so a test can tell what such damage cost.
/// </summary>
public sealed class SimulatedFlash : IBlockStorage
{
    private readonly byte[] _cells;
    private byte[]? _faultFree; // what the cells would hold without flipped bits; made at the first fault
    private long _operationsUntilCut = -1;
    private int _cutKeepBytes;

    /// <summary>Creates erased flash of <paramref name="sectorCount"/> sectors.</summary>
    public SimulatedFlash(int sectorCount, int sectorSize = 4096, int pageSize = 256)
    {
        if (sectorSize % pageSize != 0)
        {
            throw new ArgumentException("sector size must be a multiple of page size", nameof(pageSize));
        }

        SectorCount = sectorCount;
        SectorSize = sectorSize;
        PageSize = pageSize;
        _cells = new byte[sectorCount * sectorSize];
        Array.Fill(_cells, (byte)0xFF);
    }

    /// <inheritdoc />
    public int SectorSize { get; }

    /// <inheritdoc />
    public int SectorCount { get; }

    /// <inheritdoc />
    public int PageSize { get; }

    /// <summary>Program and erase operations done so far (the unit power cuts are scheduled in).</summary>
    public long Operations { get; private set; }

    /// <summary>Erases done per sector (wear).</summary>
    public int[] EraseCounts => _eraseCounts ??= new int[SectorCount];

    private int[]? _eraseCounts;

    /// <summary>A copy of every byte, e.g. to scan the journal image for card numbers.</summary>
    public byte[] Image() => (byte[])_cells.Clone();

    /// <summary>
    /// What the flash would read with every program, erase and power cut it saw but no stuck or flipped bit: a
    /// journal mounted on it shows what the damage cost.
    /// </summary>
    public byte[] FaultFreeImage() => (byte[])(_faultFree ?? _cells).Clone();

    /// <summary>The address after the last byte a program wrote (or tried to): where the writer is at.</summary>
    public int LastProgramEnd { get; private set; }

    /// <summary>Addresses with bits stuck at 0.</summary>
    public int StuckCells => _stuck.Count;

    /// <summary>Creates flash holding <paramref name="image"/> (a copy), with the given geometry.</summary>
    public static SimulatedFlash FromImage(byte[] image, int sectorSize = 4096, int pageSize = 256)
    {
        var flash = new SimulatedFlash(image.Length / sectorSize, sectorSize, pageSize);
        Buffer.BlockCopy(image, 0, flash._cells, 0, flash._cells.Length);
        return flash;
    }

    /// <summary>
    /// Cuts power during the operation that comes <paramref name="operationsFromNow"/> operations from now
    /// (0: the next one); of a program, only the first <paramref name="keepBytes"/> bytes land.
    /// </summary>
    public void CutPowerAt(long operationsFromNow, int keepBytes)
    {
        _operationsUntilCut = operationsFromNow;
        _cutKeepBytes = keepBytes;
    }

    /// <summary>Cancels a scheduled cut.</summary>
    public void CancelCut() => _operationsUntilCut = -1;

    /// <inheritdoc />
    public void EraseSector(int sector)
    {
        if (sector < 0 || sector >= SectorCount)
        {
            throw new ArgumentOutOfRangeException(nameof(sector), $"sector {sector} is outside 0..{SectorCount - 1}");
        }

        int start = sector * SectorSize;
        if (CutNow())
        {
            // Erase proceeds in chunks; the cut leaves the first part erased and the rest as it was.
            Array.Fill(_cells, (byte)0xFF, start, Math.Clamp(_cutKeepBytes, 0, SectorSize));
            if (_faultFree != null)
            {
                Array.Fill(_faultFree, (byte)0xFF, start, Math.Clamp(_cutKeepBytes, 0, SectorSize));
            }

            throw new PowerLossException($"erase of sector {sector}");
        }

        Array.Fill(_cells, (byte)0xFF, start, SectorSize);
        if (_faultFree != null)
        {
            Array.Fill(_faultFree, (byte)0xFF, start, SectorSize);
        }

        EraseCounts[sector]++;
    }

    /// <inheritdoc />
    public void Program(int address, byte[] data, int offset, int count)
    {
        if (address < 0 || count < 0 || address + count > _cells.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"program of {count} bytes at {address} is outside the flash");
        }

        if (count > 0 && address / PageSize != (address + count - 1) / PageSize)
        {
            throw new ArgumentException($"program of {count} bytes at {address} crosses a page boundary", nameof(count));
        }

        int landed = count;
        bool cut = CutNow();
        if (cut)
        {
            landed = Math.Clamp(_cutKeepBytes, 0, count);
        }

        for (int i = 0; i < landed; i++)
        {
            _cells[address + i] &= data[offset + i];
        }

        if (_faultFree != null)
        {
            for (int i = 0; i < landed; i++)
            {
                _faultFree[address + i] &= data[offset + i];
            }
        }

        LastProgramEnd = address + count;

        if (cut)
        {
            throw new PowerLossException($"program of {count} bytes at {address}");
        }
    }

    /// <inheritdoc />
    public void Read(int address, byte[] buffer, int offset, int count)
    {
        if (address < 0 || count < 0 || address + count > _cells.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"read of {count} bytes at {address} is outside the flash");
        }

        Buffer.BlockCopy(_cells, address, buffer, offset, count);
        foreach (var (at, mask) in _stuck)
        {
            if (at >= address && at < address + count)
            {
                buffer[offset + at - address] &= (byte)~mask;
            }
        }
    }

    /// <summary>Fault: bits of <paramref name="mask"/> at <paramref name="address"/> read as 0 whatever was programmed (a worn cell).</summary>
    public void StickBitsAtZero(int address, byte mask)
    {
        _faultFree ??= (byte[])_cells.Clone();
        _stuck[address] = (byte)(_stuck.GetValueOrDefault(address) | mask);
    }

    private readonly Dictionary<int, byte> _stuck = [];

    /// <summary>Flips bits at an address, as a worn or disturbed cell would (for corruption tests).</summary>
    public void Corrupt(int address, byte xorMask)
    {
        _faultFree ??= (byte[])_cells.Clone();
        _cells[address] ^= xorMask;
    }

    private bool CutNow()
    {
        Operations++;
        if (_operationsUntilCut < 0)
        {
            return false;
        }

        if (_operationsUntilCut == 0)
        {
            _operationsUntilCut = -1;
            return true;
        }

        _operationsUntilCut--;
        return false;
    }
}
