using System;
using System.IO;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// The journal's flash on the device. nanoFramework gives managed code no raw erase/program access to the
    /// ESP32's SPI flash (its storage API is the file system on the internal I: drive), so this emulates NOR
    /// semantics over one preallocated file there: erasing a sector writes 0xFF over it, programming ANDs the
    /// new bytes into what is stored (bits only go 1 to 0) within one page. The file system underneath has
    /// its own power-loss behaviour; the journal's sequence numbers and CRCs still catch a torn record.
    /// </summary>
    public sealed class NanoBlockStorage : Hal.IBlockStorage, IDisposable
    {
        private readonly FileStream _file;
        private readonly byte[] _page;

        /// <summary>Opens (or creates, erased) the flash image at <paramref name="path"/>, e.g. I:\journal.bin.</summary>
        public NanoBlockStorage(string path, int sectorCount, int sectorSize, int pageSize)
        {
            SectorCount = sectorCount;
            SectorSize = sectorSize;
            PageSize = pageSize;
            _page = new byte[pageSize];
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);

            // A new or short image is extended with erased bytes, as a blank chip reads.
            long size = (long)sectorCount * sectorSize;
            if (_file.Length < size)
            {
                Fill(0xFF);
                _file.Seek(_file.Length, SeekOrigin.Begin);
                while (_file.Length < size)
                {
                    long left = size - _file.Length;
                    _file.Write(_page, 0, left < pageSize ? (int)left : pageSize);
                }

                _file.Flush();
            }
        }

        /// <inheritdoc />
        public int SectorSize { get; }

        /// <inheritdoc />
        public int SectorCount { get; }

        /// <inheritdoc />
        public int PageSize { get; }

        /// <inheritdoc />
        public void EraseSector(int sector)
        {
            if (sector < 0 || sector >= SectorCount)
            {
                throw new ArgumentOutOfRangeException("sector");
            }

            Fill(0xFF);
            _file.Seek((long)sector * SectorSize, SeekOrigin.Begin);
            for (int done = 0; done < SectorSize; done += PageSize)
            {
                _file.Write(_page, 0, PageSize);
            }

            _file.Flush();
        }

        /// <inheritdoc />
        public void Program(int address, byte[] data, int offset, int count)
        {
            if (count == 0)
            {
                return;
            }

            CheckRange(address, count);
            if (address / PageSize != (address + count - 1) / PageSize)
            {
                throw new ArgumentException("a program call must stay within one page");
            }

            ReadExactly(address, _page, 0, count);
            for (int i = 0; i < count; i++)
            {
                _page[i] &= data[offset + i];
            }

            _file.Seek(address, SeekOrigin.Begin);
            _file.Write(_page, 0, count);
            _file.Flush();
        }

        /// <inheritdoc />
        public void Read(int address, byte[] buffer, int offset, int count)
        {
            CheckRange(address, count);
            ReadExactly(address, buffer, offset, count);
        }

        /// <inheritdoc />
        public void Dispose() => _file.Dispose();

        private void ReadExactly(int address, byte[] buffer, int offset, int count)
        {
            _file.Seek(address, SeekOrigin.Begin);
            int done = 0;
            while (done < count)
            {
                int n = _file.Read(buffer, offset + done, count - done);
                if (n <= 0)
                {
                    throw new IOException("flash image ended early");
                }

                done += n;
            }
        }

        private void CheckRange(int address, int count)
        {
            if (address < 0 || count < 0 || (long)address + count > (long)SectorCount * SectorSize)
            {
                throw new ArgumentOutOfRangeException("address");
            }
        }

        private void Fill(byte value)
        {
            for (int i = 0; i < _page.Length; i++)
            {
                _page[i] = value;
            }
        }
    }
}
