using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>
    /// Key slots on flash that survive a power cut at any moment: the whole set of keys is one image (magic,
    /// sequence, slots of any length up to <see cref="MaxImage"/> bytes in all, CRC-32) written alternately into
    /// two sectors. A store writes the new image into the other sector, then erases the old one, so a cut
    /// leaves either the old image or the new one valid (the higher sequence wins), and a replaced or erased
    /// key does not linger on flash. On the device the sectors sit in the chip's encrypted flash, which is
    /// what keeps the keys from someone reading the flash (README, Keys).
    /// </summary>
    public sealed class FlashKeyStore : IKeyStore
    {
        /// <summary>Largest image: every slot's header and bytes (room for DUKPT registers and the PIN and MAC keys).</summary>
        public const int MaxImage = 1024;

        /// <summary>Sectors the store takes: the image is written alternately into two.</summary>
        public const int Sectors = 2;

        private const int Header = 10;
        private const int MaxSlot = 15;
        private readonly IBlockStorage _flash;
        private readonly int _firstSector;
        private readonly byte[] _image;
        private readonly byte[] _scratch;
        private int _used;
        private uint _sequence;
        private int _current = -1;

        /// <summary>Uses sectors <paramref name="firstSector"/> and the one after it; reads the newest valid image.</summary>
        public FlashKeyStore(IBlockStorage flash, int firstSector)
        {
            if (firstSector < 0 || firstSector + Sectors > flash.SectorCount || flash.SectorSize < Header + 4)
            {
                throw new System.ArgumentOutOfRangeException(nameof(firstSector), "the key store needs two sectors inside the flash");
            }

            _flash = flash;
            _firstSector = firstSector;
            int size = flash.SectorSize < Header + MaxImage + 4 ? flash.SectorSize : Header + MaxImage + 4;
            _image = new byte[size];
            _scratch = new byte[size];
            for (int s = 0; s < Sectors; s++)
            {
                int used;
                uint sequence;
                if (ReadImage(s, out used, out sequence) && (_current < 0 || sequence > _sequence))
                {
                    System.Array.Copy(_scratch, 0, _image, 0, Header + used);
                    _current = s;
                    _sequence = sequence;
                    _used = used;
                }
            }

            Wipe.Bytes(_scratch, 0, _scratch.Length);
        }

        /// <summary>Bytes of slot headers and keys stored now.</summary>
        public int Used => _used;

        /// <inheritdoc />
        public int Load(int slot, byte[] dest, int offset)
        {
            int at = Find(slot);
            if (at < 0)
            {
                return -1;
            }

            // The length came from flash: a key that cannot fit the caller's buffer is not a key it can use.
            int length = BigEndian.Get16(_image, at + 1);
            if (offset < 0 || dest.Length - offset < length)
            {
                return -1;
            }

            System.Array.Copy(_image, at + 3, dest, offset, length);
            return length;
        }

        /// <inheritdoc />
        public void Store(int slot, byte[] key, int offset, int length)
        {
            if (slot < 0 || slot > MaxSlot || length <= 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(slot));
            }

            int existing = Find(slot);
            int freed = existing < 0 ? 0 : 3 + BigEndian.Get16(_image, existing + 1);
            if (Header + _used - freed + 3 + length + 4 > _image.Length)
            {
                throw new System.ArgumentOutOfRangeException(nameof(length), "the key store is full");
            }

            Remove(slot);

            int at = Header + _used;
            _image[at] = (byte)slot;
            BigEndian.Put16(_image, at + 1, length);
            System.Array.Copy(key, offset, _image, at + 3, length);
            _used += 3 + length;
            Save();
        }

        /// <inheritdoc />
        public void Erase(int slot)
        {
            if (Find(slot) >= 0)
            {
                Remove(slot);
                Save();
            }
        }

        // Where the slot's header is in the image, or -1.
        private int Find(int slot)
        {
            int at = Header;
            while (at < Header + _used)
            {
                if (_image[at] == slot)
                {
                    return at;
                }

                at += 3 + BigEndian.Get16(_image, at + 1);
            }

            return -1;
        }

        // Takes the slot out of the image in RAM (the bytes after it move up; the tail is wiped).
        private void Remove(int slot)
        {
            int at = Find(slot);
            if (at < 0)
            {
                return;
            }

            int size = 3 + BigEndian.Get16(_image, at + 1);
            int end = Header + _used;
            System.Array.Copy(_image, at + size, _image, at, end - at - size);
            Wipe.Bytes(_image, end - size, size);
            _used -= size;
        }

        // The new image into the sector not holding the current one, then the old one erased.
        private void Save()
        {
            int target = _current == 0 ? 1 : 0;
            _sequence++;
            _image[0] = (byte)'K';
            _image[1] = (byte)'S';
            _image[2] = 1;
            _image[3] = 0;
            BigEndian.Put32(_image, 4, _sequence);
            BigEndian.Put16(_image, 8, _used);
            int length = Header + _used;
            BigEndian.Put32(_image, length, Crc32.Compute(_image, 0, length));
            _flash.EraseSector(_firstSector + target);
            int base0 = (_firstSector + target) * _flash.SectorSize;
            int page = _flash.PageSize;
            for (int p = 0; p < length + 4; p += page)
            {
                int n = length + 4 - p < page ? length + 4 - p : page;
                _flash.Program(base0 + p, _image, p, n);
            }

            Wipe.Bytes(_image, length, 4);
            if (_current >= 0)
            {
                _flash.EraseSector(_firstSector + _current);
            }

            _current = target;
        }

        private bool ReadImage(int sector, out int used, out uint sequence)
        {
            used = 0;
            sequence = 0;
            int address = (_firstSector + sector) * _flash.SectorSize;
            _flash.Read(address, _scratch, 0, Header);
            if (_scratch[0] != (byte)'K' || _scratch[1] != (byte)'S' || _scratch[2] != 1)
            {
                return false;
            }

            int n = BigEndian.Get16(_scratch, 8);
            if (Header + n + 4 > _scratch.Length)
            {
                return false;
            }

            _flash.Read(address + Header, _scratch, Header, n + 4);
            if (Crc32.Compute(_scratch, 0, Header + n) != BigEndian.Get32(_scratch, Header + n) || !WellFormed(n))
            {
                return false;
            }

            used = n;
            sequence = BigEndian.Get32(_scratch, 4);
            return true;
        }

        // Every slot header inside the image, lengths adding up exactly (a CRC that matches by chance is not trusted blindly).
        private bool WellFormed(int n)
        {
            int at = Header;
            while (at < Header + n)
            {
                if (at + 3 > Header + n || _scratch[at] > MaxSlot)
                {
                    return false;
                }

                int length = BigEndian.Get16(_scratch, at + 1);
                if (length == 0)
                {
                    return false;
                }

                at += 3 + length;
            }

            return at == Header + n;
        }
    }
}
