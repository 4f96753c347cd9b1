using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Journal
{
    /// <summary>Result codes of journal operations (negative: failure).</summary>
    public static class JournalError
    {
        /// <summary>Every sector holds records still needed: settle (and reclaim) first.</summary>
        public const int Full = -1;
        /// <summary>The payload is larger than the journal's largest record.</summary>
        public const int TooLarge = -2;
        /// <summary>The journal was not mounted.</summary>
        public const int NotMounted = -3;
        /// <summary>The record type is reserved by the journal.</summary>
        public const int ReservedType = -4;
        /// <summary>The record did not read back as written, in every sector tried (worn flash).</summary>
        public const int WriteFailed = -5;
    }

    /// <summary>Metadata of one record read back.</summary>
    public struct JournalEntry
    {
        /// <summary>Sequence number: strictly increasing over the journal's life.</summary>
        public long Sequence;

        /// <summary>Record type, defined by the writer.</summary>
        public int Type;

        /// <summary>Payload length in bytes.</summary>
        public int Length;
    }

    /// <summary>A position while reading the journal oldest to newest; start from <c>default</c>.</summary>
    public struct JournalCursor
    {
        internal int OrderIndex;
        internal int Offset;
        internal long LastSequence; // the record given last: a copy under the same number is passed over
    }

    /// <summary>
    /// An append-only log of records on flash. Each sector starts with a header (magic, sector sequence,
    /// CRC); each record carries its length, type, sequence number and a CRC over all of it. A record is
    /// programmed in one pass, so a power cut leaves at worst a torn last record, which the CRC exposes:
    /// it is discarded at mount and the sector it sits in takes no more writes. Space comes back by
    /// <see cref="Reclaim"/>, which erases whole sectors whose records are all older than a given sequence;
    /// it first appends a reclaim mark, so a power cut mid-reclaim can never bring reclaimed records back.
    /// Every write is read back: a record that does not read back as written (a worn cell) closes its sector and is
    /// written again in the next one. At mount, a sector whose header is damaged but whose records are intact is
    /// read all the same, and sequence numbers that should be there and are not are counted in
    /// <see cref="RecordsLost"/>, so damage to written records is never silent (docs/journal.md).
    /// </summary>
    public sealed partial class Journal
    {
        private const int SectorHeaderSize = 12; // "TJ" 1 0 | sector sequence u32 | CRC-32 of the first 8 bytes
        private const int RecordOverhead = 12;   // length u16 | type u8 | 0x00 | sequence u32 | payload | CRC-32 u32
        private const int MarkSize = RecordOverhead + 4; // room always kept for a reclaim mark
        private const byte Magic0 = 0x54;
        private const byte Magic1 = 0x4A;
        private const byte Version = 1;
        private const uint Adopted = 0xFFFFFFFF; // in _sectorSeq: a sector whose header is damaged, read by its records
        private const uint Bad = 0xFFFFFFFE;     // in _sectorSeq: a header that did not read back; skipped until the next mount
        private const int GapSlots = 8;

        /// <summary>Record type the journal reserves for its reclaim marks.</summary>
        public const int ReclaimMarkType = 0xFF;

        /// <summary>Record type the journal reserves for the filler before a copy (<see cref="AppendWithCopy"/>).</summary>
        public const int FillerType = 0xFE;

        private readonly IBlockStorage _flash;
        private readonly int _firstSector;
        private readonly int _sectorCount;
        private readonly int _maxPayload;
        private readonly byte[] _scratch;
        private readonly byte[] _header = new byte[SectorHeaderSize];
        private readonly int[] _order;          // sector indexes (relative) in age order, oldest first
        private readonly uint[] _sectorSeq;     // sector sequence per relative sector; 0 = free
        private readonly long[] _lastRecordSeq; // last record sequence per relative sector
        private readonly int[] _recordCount;    // valid records per relative sector
        private readonly long[] _firstRecordSeq; // first record sequence per relative sector (0: none)
        private readonly int[] _endOffset;      // at mount: the write offset a sector's scan ended at (-1: closed)
        private readonly long[] _gapFrom = new long[GapSlots]; // at mount: sequence numbers missing inside sectors
        private readonly long[] _gapTo = new long[GapSlots];
        private readonly byte[] _verify = new byte[32];
        private byte[]? _filler;                // the filler's payload (zeros), made at the first copy
        private int _gaps;
        private int _recordsLost;
        private int _sectorsRecovered;
        private int _writesRetried;
        private int _badSectors;
        private readonly byte[] _mark = new byte[4];
        private long _reclaimBelow;             // records below this sequence were reclaimed
        private readonly byte[] _lengthProbe = new byte[2];
        private int _corruptSkipped;
        private int _orderCount;
        private int _headOffset;    // next write offset in the head sector; -1 when the head is closed
        private uint _nextSectorSeq = 1;
        private long _nextSequence = 1;
        private bool _mounted;
        private int _tornDiscarded;
        private int _records;

        /// <summary>Uses sectors [<paramref name="firstSector"/>, +<paramref name="sectorCount"/>) of the flash.</summary>
        public Journal(IBlockStorage flash, int firstSector, int sectorCount, int maxPayload)
        {
            if (sectorCount < 2 || firstSector < 0 || firstSector + sectorCount > flash.SectorCount)
            {
                throw new System.ArgumentOutOfRangeException(nameof(sectorCount), "the journal needs at least two sectors inside the flash");
            }

            if (maxPayload + RecordOverhead + MarkSize > flash.SectorSize - SectorHeaderSize || maxPayload > 0xFFFE)
            {
                throw new System.ArgumentOutOfRangeException(nameof(maxPayload), "a record must fit in one sector");
            }

            _flash = flash;
            _firstSector = firstSector;
            _sectorCount = sectorCount;
            _maxPayload = maxPayload;
            _scratch = new byte[maxPayload + RecordOverhead];
            _order = new int[sectorCount];
            _sectorSeq = new uint[sectorCount];
            _lastRecordSeq = new long[sectorCount];
            _recordCount = new int[sectorCount];
            _firstRecordSeq = new long[sectorCount];
            _endOffset = new int[sectorCount];
        }

        /// <summary>The largest payload a record can carry.</summary>
        public int MaxPayload => _maxPayload;

        /// <summary>Valid records (reclaim marks included) found at mount plus those appended since.</summary>
        public int Records => _records;

        /// <summary>Torn records found and discarded at mount.</summary>
        public int TornDiscarded => _tornDiscarded;

        /// <summary>Damaged records (CRC wrong, good records after them) skipped at mount.</summary>
        public int CorruptSkipped => _corruptSkipped;

        /// <summary>
        /// Records found missing at mount: sequence numbers between the oldest kept and the newest record that no
        /// record holds (a damaged record, a sector lost). Zero after a power cut: a torn last write is not counted,
        /// its sequence number is used again. Damage to the newest record looks like a torn write and is not counted.
        /// </summary>
        public int RecordsLost => _recordsLost;

        /// <summary>Sectors read at mount by their records because their header was damaged.</summary>
        public int SectorsRecovered => _sectorsRecovered;

        /// <summary>Records written again in a new sector because they did not read back as written.</summary>
        public int WritesRetried => _writesRetried;

        /// <summary>The sequence the next record will get.</summary>
        public long NextSequence => _nextSequence;

        /// <summary>Sectors holding no records.</summary>
        public int FreeSectors => _sectorCount - _orderCount - _badSectors;

        /// <summary>Bytes a sector has for records (after its header).</summary>
        public int SectorCapacity => _flash.SectorSize - SectorHeaderSize;

        /// <summary>Bytes each record takes beyond its payload.</summary>
        public int RecordOverheadBytes => RecordOverhead;

        /// <summary>
        /// Bytes still free for records (overhead included): the rest of the head sector and the free sectors,
        /// less the room kept for a reclaim mark. A record never spans sectors, so a sector's tail may go unused.
        /// </summary>
        public int FreeBytes
        {
            get
            {
                int head = _orderCount == 0 || _headOffset < 0 ? 0 : _flash.SectorSize - _headOffset;
                int free = head + (FreeSectors * SectorCapacity) - MarkSize;
                return free > 0 ? free : 0;
            }
        }

        /// <summary>Appends a record; returns its sequence number, or a negative <see cref="JournalError"/>.</summary>
        public long Append(int type, byte[] payload, int offset, int count)
        {
            if (!_mounted)
            {
                return JournalError.NotMounted;
            }

            if (count > _maxPayload || count < 0)
            {
                return JournalError.TooLarge;
            }

            if (type == ReclaimMarkType || type == FillerType || type < 0 || type > 0xFF)
            {
                return JournalError.ReservedType;
            }

            return AppendRecord(type, payload, offset, count, MarkSize, false);
        }

        /// <summary>
        /// Appends a record, then a copy of it under the same sequence number, when <paramref name="keepFree"/> bytes
        /// stay free after it: for a record every later one builds on (the store's snapshot), so that flash damage to
        /// one copy leaves the other. The copy starts on a flash page of its own, after a filler record (never read),
        /// so that a few bits lost together or a disturbed page cannot take both. Readers see the record once. Returns
        /// the sequence number, or a negative <see cref="JournalError"/>.
        /// </summary>
        public long AppendWithCopy(int type, byte[] payload, int offset, int count, int keepFree)
        {
            CopyWritten = false;
            long seq = Append(type, payload, offset, count);
            if (seq <= 0)
            {
                return seq;
            }

            int page = _flash.PageSize;
            int gap = ((_headOffset + RecordOverhead + page - 1) / page * page) - _headOffset;
            bool filler = gap - RecordOverhead <= _maxPayload && _headOffset + gap + count + RecordOverhead <= _flash.SectorSize;
            if (FreeBytes < (filler ? gap : _flash.SectorSize - _headOffset) + count + RecordOverhead + keepFree)
            {
                return seq;
            }

            if (filler)
            {
                _filler = _filler ?? new byte[page];
                AppendRecord(FillerType, _filler, 0, gap - RecordOverhead, MarkSize, true);
            }
            else
            {
                _headOffset = -1; // no room for filler and copy here: the copy starts the next sector
            }

            CopyWritten = AppendRecord(type, payload, offset, count, MarkSize, true) > 0;
            return seq;
        }

        /// <summary>Whether the last <see cref="AppendWithCopy"/> wrote its copy (false: no room for it).</summary>
        public bool CopyWritten { get; private set; }

        // Appends (a copy: again under the last sequence number); <paramref name="reserve"/> bytes must stay free after
        // it when no free sector is left, so that a reclaim mark can always be written.
        private long AppendRecord(int type, byte[] payload, int offset, int count, int reserve, bool copy)
        {
            int size = count + RecordOverhead;
            long seq = copy ? _nextSequence - 1 : _nextSequence;
            BigEndian.Put16(_scratch, 0, count);
            _scratch[2] = (byte)type;
            _scratch[3] = 0;
            BigEndian.Put32(_scratch, 4, (uint)seq);
            System.Array.Copy(payload, offset, _scratch, 8, count);
            BigEndian.Put32(_scratch, 8 + count, Crc32.Compute(_scratch, 0, 8 + count));
            for (int attempt = 0; ; attempt++)
            {
                if (_orderCount == 0 || _headOffset < 0 || _headOffset + size > _flash.SectorSize)
                {
                    if (!OpenNewSector())
                    {
                        return JournalError.Full;
                    }
                }

                if (FreeSectors == 0 && _headOffset + size + reserve > _flash.SectorSize)
                {
                    return JournalError.Full;
                }

                int head = _order[_orderCount - 1];
                int address = SectorAddress(head) + _headOffset;

                // Reserve the space before programming: if power fails mid-write, this sector is closed at mount.
                _headOffset += size;
                if (ProgramVerified(address, _scratch, size))
                {
                    _nextSequence = seq + 1;
                    if (_recordCount[head] == 0)
                    {
                        _firstRecordSeq[head] = seq;
                    }

                    _lastRecordSeq[head] = seq;
                    _recordCount[head]++;
                    _records++;
                    return seq;
                }

                // A worn cell: the copy fails its CRC at mount, where it is the sector's last and taken for a torn
                // write. The sector takes no more records; the next one gets the record, with the same sequence.
                _headOffset = -1;
                _writesRetried++;
                if (attempt >= 2)
                {
                    return JournalError.WriteFailed;
                }
            }
        }

        /// <summary>
        /// Reads the record after <paramref name="cursor"/> (oldest first) into <paramref name="payload"/>;
        /// false at the end. A payload larger than the buffer is cut to fit (Length still tells the whole).
        /// </summary>
        public bool Next(ref JournalCursor cursor, byte[] payload, out JournalEntry entry)
        {
            entry = default;
            while (cursor.OrderIndex < _orderCount)
            {
                int s = _order[cursor.OrderIndex];
                if (cursor.Offset == 0)
                {
                    cursor.Offset = SectorHeaderSize;
                }

                int next = ReadRecordAt(s, cursor.Offset, payload, ref entry);
                if (next > 0)
                {
                    cursor.Offset = next;
                    if (entry.Type == ReclaimMarkType || entry.Type == FillerType || entry.Sequence < _reclaimBelow || entry.Sequence == cursor.LastSequence)
                    {
                        continue;
                    }

                    cursor.LastSequence = entry.Sequence;
                    return true;
                }

                int resume = next < 0 ? SkipCorrupt(s, cursor.Offset) : 0;
                if (resume > 0)
                {
                    cursor.Offset = resume;
                    continue;
                }

                cursor.OrderIndex++;
                cursor.Offset = 0;
            }

            return false;
        }

        /// <summary>
        /// Erases every sector (but the newest) whose records all have sequence numbers below
        /// <paramref name="keepFromSequence"/>; returns how many sectors were freed.
        /// </summary>
        public int Reclaim(long keepFromSequence)
        {
            if (!_mounted || keepFromSequence <= _reclaimBelow)
            {
                return 0;
            }

            // The mark goes first: from the moment it is on flash, older records are gone at any later mount.
            BigEndian.Put32(_mark, 0, (uint)keepFromSequence);
            bool marked = AppendRecord(ReclaimMarkType, _mark, 0, 4, 0, false) > 0;
            _reclaimBelow = keepFromSequence;
            int freed = 0;
            while (_orderCount > 1 && _lastRecordSeq[_order[0]] < keepFromSequence)
            {
                int oldest = ForgetOldest();
                if (!marked)
                {
                    // No room for a mark (the head was closed by a torn write): invalidate the header
                    // before erasing, which programming alone can do, so a cut erase cannot revive it.
                    _header[0] = 0;
                    _flash.Program(SectorAddress(oldest), _header, 0, 1);
                }

                _flash.EraseSector(_firstSector + oldest);
                freed++;
                if (!marked)
                {
                    // The erased sector has room for the mark now: from here a mount knows what was reclaimed.
                    marked = AppendRecord(ReclaimMarkType, _mark, 0, 4, 0, false) > 0;
                }
            }

            return freed;
        }

        private int ForgetOldest()
        {
            int oldest = _order[0];
            for (int i = 1; i < _orderCount; i++)
            {
                _order[i - 1] = _order[i];
            }

            _orderCount--;
            _records -= _recordCount[oldest];
            _sectorSeq[oldest] = 0;
            ForgetRecords(oldest);
            return oldest;
        }

        // What is known of sector s's records: nothing, for a sector being read afresh, freed or opened.
        private void ForgetRecords(int s)
        {
            _lastRecordSeq[s] = 0;
            _firstRecordSeq[s] = 0;
            _recordCount[s] = 0;
        }

        private bool OpenNewSector()
        {
            for (int free = 0; free < _sectorCount; free++)
            {
                if (_sectorSeq[free] != 0)
                {
                    continue;
                }

                _flash.EraseSector(_firstSector + free);
                uint seq = _nextSectorSeq++;
                _header[0] = Magic0;
                _header[1] = Magic1;
                _header[2] = Version;
                _header[3] = 0;
                BigEndian.Put32(_header, 4, seq);
                BigEndian.Put32(_header, 8, Crc32.Compute(_header, 0, 8));
                if (!ProgramVerified(SectorAddress(free), _header, SectorHeaderSize))
                {
                    // A worn cell in the header: this sector cannot be told apart from free space at the next mount.
                    _sectorSeq[free] = Bad;
                    _badSectors++;
                    continue;
                }

                _sectorSeq[free] = seq;
                ForgetRecords(free);
                _order[_orderCount++] = free;
                _headOffset = SectorHeaderSize;
                return true;
            }

            return false;
        }

        // Reads a record: returns the offset after it; 0 when the space is unwritten; -1 when torn or corrupt.
        private int ReadRecordAt(int s, int offset, byte[]? payload, ref JournalEntry entry)
        {
            int sectorSize = _flash.SectorSize;
            if (offset + RecordOverhead > sectorSize)
            {
                return 0;
            }

            int address = SectorAddress(s) + offset;
            _flash.Read(address, _scratch, 0, 8);
            int length = BigEndian.Get16(_scratch, 0);
            if (length == 0xFFFF && _scratch[2] == 0xFF && _scratch[3] == 0xFF)
            {
                return IsErased(address, RecordOverhead) ? 0 : -1;
            }

            if (length > _maxPayload || offset + length + RecordOverhead > sectorSize || _scratch[3] != 0)
            {
                return -1;
            }

            _flash.Read(address + 8, _scratch, 8, length + 4);
            if (BigEndian.Get32(_scratch, 8 + length) != Crc32.Compute(_scratch, 0, 8 + length))
            {
                return -1;
            }

            entry.Length = length;
            entry.Type = _scratch[2];
            entry.Sequence = BigEndian.Get32(_scratch, 4);
            if (payload != null)
            {
                System.Array.Copy(_scratch, 8, payload, 0, length < payload.Length ? length : payload.Length);
            }

            return offset + length + RecordOverhead;
        }

        private bool IsErased(int address, int count)
        {
            for (int done = 0; done < count; done += _scratch.Length)
            {
                int chunk = count - done < _scratch.Length ? count - done : _scratch.Length;
                _flash.Read(address + done, _scratch, 0, chunk);
                for (int i = 0; i < chunk; i++)
                {
                    if (_scratch[i] != 0xFF)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private void ProgramSpan(int address, byte[] data, int count)
        {
            int page = _flash.PageSize;
            int done = 0;
            while (done < count)
            {
                int at = address + done;
                int room = page - (at % page);
                int chunk = count - done < room ? count - done : room;
                _flash.Program(at, data, done, chunk);
                done += chunk;
            }
        }

        // Programs, then reads back: false when a byte reads otherwise than written (a cell stuck at 0).
        private bool ProgramVerified(int address, byte[] data, int count)
        {
            ProgramSpan(address, data, count);
            for (int done = 0; done < count; done += _verify.Length)
            {
                int chunk = count - done < _verify.Length ? count - done : _verify.Length;
                _flash.Read(address + done, _verify, 0, chunk);
                for (int i = 0; i < chunk; i++)
                {
                    if (_verify[i] != data[done + i])
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private int SectorAddress(int relativeSector) => (_firstSector + relativeSector) * _flash.SectorSize;
    }
}
