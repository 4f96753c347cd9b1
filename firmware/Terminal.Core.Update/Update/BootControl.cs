using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Update
{
    /// <summary>States of the active slot in the boot-control record.</summary>
    public static class BootState
    {
        /// <summary>No record yet (a board fresh from the factory).</summary>
        public const int None = 0;

        /// <summary>The active slot passed its boot self-check: it is the known-good image.</summary>
        public const int Confirmed = 1;

        /// <summary>The active slot was just installed: it gets a trial boot and must be confirmed, or it is rolled back.</summary>
        public const int Pending = 2;
    }

    /// <summary>
    /// The boot-control record (read from flash on first use), kept as an append-only log of 32-byte records over two sectors: the valid record
    /// with the highest sequence number is the state. A new state is one page program; a power cut during it
    /// leaves a torn record whose CRC fails, so the previous state stands. When a sector is full the other one
    /// is erased and used (the newest record stays in the full one until then). Record: 'B' 'C', format 1,
    /// active slot, previous slot (0xFF none), state, boot attempts, 0, sequence (4), active version (4),
    /// failed version (4, the last version rolled back), 8 zero bytes, CRC-32 of the 28 bytes before it.
    /// </summary>
    public sealed class BootControl
    {
        /// <summary>Bytes of one record.</summary>
        public const int RecordLength = 32;

        private const int NoSlot = 0xFF;
        private readonly UpdateSlots _slots;
        private readonly byte[] _record = new byte[RecordLength];
        private int _sector;
        private int _nextOffset;
        private uint _sequence;
        private int _state;
        private int _active;
        private int _previous = -1;
        private int _attempts;
        private int _activeVersion = -1;
        private int _failedVersion = -1;
        private bool _loaded;

        /// <summary>Creates the log over the region's control sectors; call <see cref="Load"/>.</summary>
        public BootControl(UpdateSlots slots)
        {
            _slots = slots;
        }

        /// <summary>The current state (<see cref="BootState"/>).</summary>
        public int State
        {
            get
            {
                EnsureLoaded();
                return _state;
            }
        }

        /// <summary>The slot to boot (0 = A, 1 = B).</summary>
        public int ActiveSlot
        {
            get
            {
                EnsureLoaded();
                return _active;
            }
        }

        /// <summary>The slot that ran before the active one was installed; -1 when none.</summary>
        public int PreviousSlot
        {
            get
            {
                EnsureLoaded();
                return _previous;
            }
        }

        /// <summary>Trial boots the pending slot has had.</summary>
        public int Attempts
        {
            get
            {
                EnsureLoaded();
                return _attempts;
            }
        }

        /// <summary>Version of the image in the active slot when the record was written; -1 when unknown.</summary>
        public int ActiveVersion
        {
            get
            {
                EnsureLoaded();
                return _activeVersion;
            }
        }

        /// <summary>The last version that failed its boot self-check and was rolled back; -1 when none.</summary>
        public int FailedVersion
        {
            get
            {
                EnsureLoaded();
                return _failedVersion;
            }
        }

        /// <summary>Sequence number of the current record.</summary>
        public long Sequence => _sequence;

        /// <summary>Reads both sectors and takes the newest valid record; false when there is none.</summary>
        public bool Load()
        {
            _loaded = true;
            IBlockStorage flash = _slots.Flash;
            bool found = false;
            _state = BootState.None;
            _sector = 0;
            _nextOffset = 0;
            int[] lastUsed = new int[UpdateSlots.ControlSectors];
            for (int index = 0; index < UpdateSlots.ControlSectors; index++)
            {
                int baseAddress = _slots.ControlSector(index) * flash.SectorSize;
                lastUsed[index] = 0;
                for (int at = 0; at + RecordLength <= flash.SectorSize; at += RecordLength)
                {
                    flash.Read(baseAddress + at, _record, 0, RecordLength);
                    if (IsBlank())
                    {
                        continue;
                    }

                    lastUsed[index] = at + RecordLength;
                    if (!IsValid())
                    {
                        continue; // torn or partly erased: ignored
                    }

                    uint sequence = BigEndian.Get32(_record, 8);
                    if (!found || sequence > _sequence)
                    {
                        found = true;
                        _sequence = sequence;
                        _sector = index;
                        _active = _record[3];
                        _previous = _record[4] == NoSlot ? -1 : _record[4];
                        _state = _record[5];
                        _attempts = _record[6];
                        _activeVersion = (int)BigEndian.Get32(_record, 12);
                        _failedVersion = (int)BigEndian.Get32(_record, 16);
                    }
                }
            }

            _nextOffset = found ? lastUsed[_sector] : flash.SectorSize; // none yet: the first write erases sector 0
            if (!found)
            {
                _sector = UpdateSlots.ControlSectors - 1;
                _sequence = 0;
                _previous = -1;
                _activeVersion = -1;
                _failedVersion = -1;
            }

            return found;
        }

        /// <summary>Appends a new state; it is the state once this returns (a power cut before leaves the old one).</summary>
        public void Write(int state, int active, int previous, int attempts, int activeVersion, int failedVersion)
        {
            EnsureLoaded(); // never append without knowing where the log ends
            IBlockStorage flash = _slots.Flash;
            if (_nextOffset + RecordLength > flash.SectorSize)
            {
                _sector = (_sector + 1) % UpdateSlots.ControlSectors;
                flash.EraseSector(_slots.ControlSector(_sector));
                _nextOffset = 0;
            }

            uint sequence = _sequence + 1;
            for (int i = 0; i < RecordLength; i++)
            {
                _record[i] = 0;
            }

            _record[0] = (byte)'B';
            _record[1] = (byte)'C';
            _record[2] = 1;
            _record[3] = (byte)active;
            _record[4] = previous < 0 ? (byte)NoSlot : (byte)previous;
            _record[5] = (byte)state;
            _record[6] = (byte)(attempts > 255 ? 255 : attempts);
            BigEndian.Put32(_record, 8, sequence);
            BigEndian.Put32(_record, 12, (uint)activeVersion);
            BigEndian.Put32(_record, 16, (uint)failedVersion);
            BigEndian.Put32(_record, 28, Crc32.Compute(_record, 0, 28));
            _slots.Program((_slots.ControlSector(_sector) * flash.SectorSize) + _nextOffset, _record, 0, RecordLength);
            _nextOffset += RecordLength;
            _sequence = sequence;
            _state = state;
            _active = active;
            _previous = previous;
            _attempts = attempts;
            _activeVersion = activeVersion;
            _failedVersion = failedVersion;
        }

        private void EnsureLoaded()
        {
            if (!_loaded)
            {
                Load();
            }
        }

        private bool IsBlank()
        {
            for (int i = 0; i < RecordLength; i++)
            {
                if (_record[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsValid()
        {
            return _record[0] == 'B' && _record[1] == 'C' && _record[2] == 1 && _record[3] <= 1
                && (_record[5] == BootState.Confirmed || _record[5] == BootState.Pending)
                && BigEndian.Get32(_record, 28) == Crc32.Compute(_record, 0, 28);
        }
    }
}
