using System;
using System.IO;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// Key slots (TMK, PIK, MAK...) kept across power cycles in one small file on the internal I: drive: per
    /// slot a length byte and up to 24 key bytes. The keys are stored as they are: the protection is the
    /// ESP32's flash encryption, which a production board must enable (README, security notes); an encrypted
    /// store is issue #7's. Every write rewrites the whole file and flushes it.
    /// </summary>
    public sealed class NanoKeyStore : Hal.IKeyStore, IDisposable
    {
        private const int Slots = 8;
        private const int SlotSize = 25;
        private readonly FileStream _file;
        private readonly byte[] _image = new byte[Slots * SlotSize];

        /// <summary>Opens (or creates, empty) the key file at <paramref name="path"/>, e.g. I:\keys.bin.</summary>
        public NanoKeyStore(string path)
        {
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            _file.Seek(0, SeekOrigin.Begin);
            int done = 0;
            while (done < _image.Length)
            {
                int n = _file.Read(_image, done, _image.Length - done);
                if (n <= 0)
                {
                    break;
                }

                done += n;
            }

            if (done < _image.Length)
            {
                // New or damaged: start with every slot empty.
                Array.Clear(_image, 0, _image.Length);
                Save();
            }
        }

        /// <inheritdoc />
        public int Load(int slot, byte[] dest, int offset)
        {
            if (slot < 0 || slot >= Slots)
            {
                return -1;
            }

            int length = _image[slot * SlotSize];
            if (length == 0 || length > SlotSize - 1)
            {
                return -1;
            }

            Array.Copy(_image, (slot * SlotSize) + 1, dest, offset, length);
            return length;
        }

        /// <inheritdoc />
        public void Store(int slot, byte[] key, int offset, int length)
        {
            if (slot < 0 || slot >= Slots || length <= 0 || length > SlotSize - 1)
            {
                throw new ArgumentOutOfRangeException("slot");
            }

            Array.Clear(_image, slot * SlotSize, SlotSize);
            _image[slot * SlotSize] = (byte)length;
            Array.Copy(key, offset, _image, (slot * SlotSize) + 1, length);
            Save();
        }

        /// <inheritdoc />
        public void Erase(int slot)
        {
            if (slot >= 0 && slot < Slots)
            {
                Array.Clear(_image, slot * SlotSize, SlotSize);
                Save();
            }
        }

        /// <inheritdoc />
        public void Dispose() => _file.Dispose();

        private void Save()
        {
            _file.Seek(0, SeekOrigin.Begin);
            _file.Write(_image, 0, _image.Length);
            _file.Flush();
        }
    }
}
