using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Update
{
    /// <summary>
    /// Writes a downloaded image into the inactive slot, chunk by chunk, and installs it. The staging sector
    /// holds the download record (target slot, version, length, announced SHA-256, chunk size, CRC) and one
    /// progress byte per chunk, programmed to 0x00 after the chunk's bytes are in flash: after a link drop or a
    /// power cut the download resumes at the first unmarked chunk. A chunk torn by a power cut is simply written
    /// again: programming the same bytes over a prefix of themselves gives the same bytes. Nothing is trusted
    /// until <see cref="Finish"/> has checked the whole slot's hash, signature and version; only then is the
    /// slot marked pending in the boot-control record (one record write: the install's commit point).
    /// </summary>
    public sealed class UpdateInstaller
    {
        private const int RecordLength = 60;

        private readonly UpdateSlots _slots;
        private readonly BootControl _control;
        private readonly ICrypto _crypto;
        private readonly IKeyStore _keys;
        private readonly byte[] _record = new byte[RecordLength];
        private readonly byte[] _expected = new byte[FirmwareImage.DigestLength];
        private readonly byte[] _digest = new byte[FirmwareImage.DigestLength];
        private readonly byte[] _mark = new byte[1];
        private readonly byte[] _page;
        private int _slot = -1;
        private int _runningSlot = -1;
        private int _version = -1;
        private int _length;
        private int _chunkSize;
        private int _written;
        private string _problem = string.Empty;

        /// <summary>Creates the installer over the update region.</summary>
        public UpdateInstaller(UpdateSlots slots, BootControl control, ICrypto crypto, IKeyStore keys)
        {
            _slots = slots;
            _control = control;
            _crypto = crypto;
            _keys = keys;
            _page = new byte[slots.Flash.PageSize];
        }

        /// <summary>The slot being written; -1 before <see cref="Begin"/>.</summary>
        public int TargetSlot => _slot;

        /// <summary>Bytes of the image already in flash (the offset to download next).</summary>
        public int Written => _written;

        /// <summary>Bytes of the image being downloaded.</summary>
        public int Length => _length;

        /// <summary>Whether every chunk is in flash.</summary>
        public bool Complete => _slot >= 0 && _written >= _length;

        /// <summary>Why the last step failed, in words.</summary>
        public string Problem => _problem;

        /// <summary>Most chunks one download record can track.</summary>
        public int MaxChunks => _slots.Flash.SectorSize - _slots.Flash.PageSize;

        /// <summary>
        /// Starts or resumes the download of <paramref name="version"/> (<paramref name="length"/> bytes, SHA-256 of header
        /// and payload <paramref name="digest"/>) into the slot that is not <paramref name="runningSlot"/>. Returns the offset
        /// to download from (bytes already written by an earlier attempt), or -1 when the image cannot be taken (see <see cref="Problem"/>).
        /// </summary>
        public int Begin(int runningSlot, int version, int length, byte[] digest, int digestOffset, int chunkSize)
        {
            _slot = -1;
            if (length < FirmwareImage.HeaderLength + FirmwareImage.SignatureLength || length > _slots.SlotCapacity)
            {
                return Fail("Image of " + length.ToString() + " bytes does not fit a slot of " + _slots.SlotCapacity.ToString());
            }

            if (chunkSize < 1 || (length + chunkSize - 1) / chunkSize > MaxChunks)
            {
                return Fail("Chunk size " + chunkSize.ToString() + " makes too many chunks to track");
            }

            int target = runningSlot == 0 ? 1 : 0;
            System.Array.Copy(digest, digestOffset, _expected, 0, FirmwareImage.DigestLength);
            _runningSlot = runningSlot;
            _version = version;
            _length = length;
            _chunkSize = chunkSize;
            if (RecordMatches(target))
            {
                _slot = target;
                _written = CountMarkedChunks() * chunkSize;
                if (_written > length)
                {
                    _written = length;
                }

                return _written;
            }

            // A new download: forget the old record first, so a cut while the slot is erased leaves no record that claims its chunks.
            IBlockStorage flash = _slots.Flash;
            flash.EraseSector(_slots.StagingSector);
            _slots.EraseSlot(target);
            for (int i = 0; i < RecordLength; i++)
            {
                _record[i] = 0;
            }

            _record[0] = (byte)'D';
            _record[1] = (byte)'L';
            _record[2] = (byte)'0';
            _record[3] = (byte)'1';
            _record[4] = (byte)target;
            BigEndian.Put32(_record, 8, (uint)version);
            BigEndian.Put32(_record, 12, (uint)length);
            System.Array.Copy(_expected, 0, _record, 16, FirmwareImage.DigestLength);
            BigEndian.Put32(_record, 48, (uint)chunkSize);
            BigEndian.Put32(_record, 56, Crc32.Compute(_record, 0, 56));
            _slots.Program(_slots.StagingSector * flash.SectorSize, _record, 0, RecordLength);
            _slot = target;
            _written = 0;
            return 0;
        }

        /// <summary>Writes the chunk at <paramref name="offset"/> (the next one expected) and marks it done. False when it is not the next chunk or has the wrong size.</summary>
        public bool WriteChunk(int offset, byte[] data, int dataOffset, int count)
        {
            int expected = _length - _written < _chunkSize ? _length - _written : _chunkSize;
            if (_slot < 0 || offset != _written || count != expected || count == 0)
            {
                _problem = "Chunk at " + offset.ToString() + " of " + count.ToString() + " bytes is not the one expected (" + _written.ToString() + ", " + expected.ToString() + " bytes)";
                return false;
            }

            _slots.Write(_slot, offset, data, dataOffset, count);
            _mark[0] = 0;
            IBlockStorage flash = _slots.Flash;
            _slots.Program((_slots.StagingSector * flash.SectorSize) + flash.PageSize + (offset / _chunkSize), _mark, 0, 1);
            _written += count;
            return true;
        }

        /// <summary>
        /// Checks the complete slot: header, length, SHA-256 equal to the announced one, signature under the update key,
        /// version above <paramref name="runningVersion"/> and not the one that failed before. Valid: the slot becomes
        /// pending (boots next, on trial). Anything else: the download record is dropped so the next attempt starts over.
        /// </summary>
        public ImageCheck Finish(int runningVersion)
        {
            if (!Complete)
            {
                Fail("Download incomplete: " + _written.ToString() + " of " + _length.ToString() + " bytes");
                return ImageCheck.Truncated;
            }

            byte[] key = new byte[FirmwareImage.PublicKeyLength];
            byte[]? publicKey = _keys.Load(KeySlot.UpdateSigningKey, key, 0) == FirmwareImage.PublicKeyLength ? key : null;
            int version;
            int payloadLength;
            ImageCheck check = _slots.ReadHeader(_slot, out version, out payloadLength);
            if (check == ImageCheck.Valid && FirmwareImage.TotalLength(payloadLength) != _length)
            {
                check = ImageCheck.Truncated;
            }

            if (check == ImageCheck.Valid)
            {
                check = _slots.Verify(_slot, publicKey, _crypto, _digest, out version);
            }

            if (check == ImageCheck.Valid && !SameDigest())
            {
                check = ImageCheck.BadDigest;
            }

            if (check != ImageCheck.Valid)
            {
                Abandon();
                _problem = "Image rejected: " + BootManager.Describe(check);
                return check;
            }

            if (version != _version || version <= runningVersion || version == _control.FailedVersion)
            {
                Abandon();
                _problem = version <= runningVersion
                    ? "Image rejected: version " + FirmwareImage.VersionText(version) + " is not newer than " + FirmwareImage.VersionText(runningVersion)
                    : version == _control.FailedVersion ? "Image rejected: version " + FirmwareImage.VersionText(version) + " failed its boot check before"
                    : "Image rejected: it is version " + FirmwareImage.VersionText(version) + ", not the announced " + FirmwareImage.VersionText(_version);
                return ImageCheck.VersionRefused;
            }

            _control.Write(BootState.Pending, _slot, _runningSlot, 0, version, _control.FailedVersion);
            _problem = string.Empty;
            return ImageCheck.Valid;
        }

        /// <summary>Drops the download record: the next download starts from zero (the slot is erased then).</summary>
        public void Abandon()
        {
            _slots.Flash.EraseSector(_slots.StagingSector);
            _written = 0;
        }

        private bool SameDigest()
        {
            for (int i = 0; i < FirmwareImage.DigestLength; i++)
            {
                if (_digest[i] != _expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool RecordMatches(int target)
        {
            IBlockStorage flash = _slots.Flash;
            flash.Read(_slots.StagingSector * flash.SectorSize, _record, 0, RecordLength);
            if (_record[0] != 'D' || _record[1] != 'L' || _record[2] != '0' || _record[3] != '1'
                || BigEndian.Get32(_record, 56) != Crc32.Compute(_record, 0, 56))
            {
                return false;
            }

            if (_record[4] != target || (int)BigEndian.Get32(_record, 8) != _version || (int)BigEndian.Get32(_record, 12) != _length
                || (int)BigEndian.Get32(_record, 48) != _chunkSize)
            {
                return false;
            }

            for (int i = 0; i < FirmwareImage.DigestLength; i++)
            {
                if (_record[16 + i] != _expected[i])
                {
                    return false;
                }
            }

            return true;
        }

        private int CountMarkedChunks()
        {
            IBlockStorage flash = _slots.Flash;
            int chunks = (_length + _chunkSize - 1) / _chunkSize;
            int address = (_slots.StagingSector * flash.SectorSize) + flash.PageSize;
            int done = 0;
            while (done < chunks)
            {
                int n = chunks - done < _page.Length ? chunks - done : _page.Length;
                flash.Read(address + done, _page, 0, n);
                for (int i = 0; i < n; i++)
                {
                    if (_page[i] != 0)
                    {
                        return done + i;
                    }
                }

                done += n;
            }

            return done;
        }

        private int Fail(string problem)
        {
            _problem = problem;
            return -1;
        }
    }
}
