using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>
    /// Key slots on flash that survive a power cut at any moment: the whole set of keys is one image (magic,
    /// sequence, slots of any length up to <see cref="MaxImage"/> bytes in all, CRC-32) written alternately into
    /// two sectors. A store writes the new image into the other sector, then erases the old one, so a cut
    /// leaves either the old image or the new one valid (the higher sequence wins), and a replaced or erased
    /// key does not linger on flash. Given a device key, the slots are wrapped under it (image version 2): XORed
    /// with a TDES keystream of the wrap key, the image's sequence and the block number, so no two images share a
    /// keystream, with one byte of the wrap key's check value in the header so another key is told apart. On the
    /// device this comes on top of the chip's flash encryption (docs/keys-and-pin.md, "Key stores").
    /// </summary>
    public sealed class FlashKeyStore : IKeyStore
    {
        /// <summary>Largest image: every slot's header and bytes (room for DUKPT registers and the PIN and MAC keys).</summary>
        public const int MaxImage = 1024;

        /// <summary>Sectors the store takes: the image is written alternately into two.</summary>
        public const int Sectors = 2;

        private const int Header = 10;
        private const int MaxSlot = 15;
        private const byte Clear = 1;
        private const byte Wrapped = 2;
        private static readonly byte[] WrapLabel = new byte[] { (byte)'T', (byte)'e', (byte)'r', (byte)'m', (byte)'i', (byte)'n', (byte)'a', (byte)'l', (byte)' ', (byte)'k', (byte)'e', (byte)'y', (byte)' ', (byte)'w', (byte)'r', (byte)'a', (byte)'p', (byte)' ', (byte)'v', (byte)'1' };
        private readonly ICrypto? _crypto;
        private readonly byte[]? _wrapKey;
        private readonly byte[] _block = new byte[8];
        private readonly byte[] _stream = new byte[8];
        private byte _check;
        private readonly IBlockStorage _flash;
        private readonly int _firstSector;
        private readonly byte[] _image;
        private readonly byte[] _scratch;
        private int _used;
        private uint _sequence;
        private int _current = -1;

        /// <summary>Uses sectors <paramref name="firstSector"/> and the one after it; reads the newest valid image.</summary>
        public FlashKeyStore(IBlockStorage flash, int firstSector)
            : this(flash, firstSector, null, null)
        {
        }

        /// <summary>
        /// As <see cref="FlashKeyStore(IBlockStorage, int)"/>, the slots wrapped under the 16-byte
        /// <paramref name="wrapKey"/> (see <see cref="DeriveWrapKey"/>); an image another key wrapped reads as empty,
        /// a clear image (an older terminal) is read and wrapped at the next change.
        /// </summary>
        public FlashKeyStore(IBlockStorage flash, int firstSector, ICrypto? crypto, byte[]? wrapKey)
        {
            if (wrapKey != null)
            {
                if (crypto == null || wrapKey.Length != 16)
                {
                    throw new System.ArgumentException("a wrap key is 16 bytes, with the crypto that runs it");
                }

                _crypto = crypto;
                _wrapKey = new byte[16];
                System.Array.Copy(wrapKey, 0, _wrapKey, 0, 16);
                for (int i = 0; i < 8; i++)
                {
                    _block[i] = 0;
                }

                crypto.DesBlock(true, _wrapKey, 0, 16, _block, 0, _stream, 0);
                _check = _stream[0];
                Wipe.Bytes(_stream, 0, _stream.Length);
            }

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

        /// <summary>
        /// The wrap key of a device: the first 16 bytes of SHA-256 over a fixed label and <paramref name="deviceId"/>
        /// (on the ESP32, the base MAC address from its eFuses: it is not on the flash chip). The caller wipes it.
        /// </summary>
        public static byte[] DeriveWrapKey(ICrypto crypto, byte[] deviceId, int offset, int length)
        {
            var input = new byte[WrapLabel.Length + length];
            System.Array.Copy(WrapLabel, 0, input, 0, WrapLabel.Length);
            System.Array.Copy(deviceId, offset, input, WrapLabel.Length, length);
            var digest = new byte[32];
            crypto.Sha256(input, 0, input.Length, digest, 0);
            var key = new byte[16];
            System.Array.Copy(digest, 0, key, 0, 16);
            Wipe.Bytes(digest, 0, digest.Length);
            Wipe.Bytes(input, 0, input.Length);
            return key;
        }

        /// <summary>Whether the slots are written wrapped under a device key.</summary>
        public bool WrapsKeys => _wrapKey != null;

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
            _image[2] = _wrapKey != null ? Wrapped : Clear;
            _image[3] = _wrapKey != null ? _check : (byte)0;
            BigEndian.Put32(_image, 4, _sequence);
            BigEndian.Put16(_image, 8, _used);
            int length = Header + _used;

            // What goes to flash: the image, its slots wrapped when there is a device key, then the CRC of those bytes.
            System.Array.Copy(_image, 0, _scratch, 0, length);
            if (_wrapKey != null)
            {
                Keystream(_scratch, Header, _used, _sequence);
            }

            BigEndian.Put32(_scratch, length, Crc32.Compute(_scratch, 0, length));
            _flash.EraseSector(_firstSector + target);
            int base0 = (_firstSector + target) * _flash.SectorSize;
            int page = _flash.PageSize;
            for (int p = 0; p < length + 4; p += page)
            {
                int n = length + 4 - p < page ? length + 4 - p : page;
                _flash.Program(base0 + p, _scratch, p, n);
            }

            Wipe.Bytes(_scratch, 0, length + 4);
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
            if (_scratch[0] != (byte)'K' || _scratch[1] != (byte)'S' || (_scratch[2] != Clear && _scratch[2] != Wrapped))
            {
                return false;
            }

            // A wrapped image opens only with the key whose check value it carries.
            bool wrapped = _scratch[2] == Wrapped;
            if (wrapped && (_wrapKey == null || _scratch[3] != _check))
            {
                return false;
            }

            int n = BigEndian.Get16(_scratch, 8);
            if (Header + n + 4 > _scratch.Length)
            {
                return false;
            }

            _flash.Read(address + Header, _scratch, Header, n + 4);
            if (Crc32.Compute(_scratch, 0, Header + n) != BigEndian.Get32(_scratch, Header + n))
            {
                return false;
            }

            if (wrapped)
            {
                Keystream(_scratch, Header, n, BigEndian.Get32(_scratch, 4));
            }

            if (!WellFormed(n))
            {
                return false;
            }

            used = n;
            sequence = BigEndian.Get32(_scratch, 4);
            return true;
        }

        // XORs count bytes at offset with the wrap keystream of an image: block j is TDES under the wrap key of the
        // image's sequence and j (8 bytes, big-endian), so each image, and each block of it, has its own.
        private void Keystream(byte[] buffer, int offset, int count, uint sequence)
        {
            for (int done = 0, block = 0; done < count; block++)
            {
                BigEndian.Put32(_block, 0, sequence);
                BigEndian.Put32(_block, 4, (uint)block);
                _crypto!.DesBlock(true, _wrapKey!, 0, 16, _block, 0, _stream, 0);
                for (int i = 0; i < 8 && done < count; i++, done++)
                {
                    buffer[offset + done] ^= _stream[i];
                }
            }

            Wipe.Bytes(_stream, 0, _stream.Length);
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
