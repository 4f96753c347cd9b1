using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Journal
{
    /// <summary>
    /// The journal's mount: reading what a power cut, a worn cell or a damaged header left on the flash back into the
    /// order of sectors and records (docs/journal.md). Appending, reading and reclaiming are in Journal.cs.
    /// </summary>
    public sealed partial class Journal
    {
        /// <summary>
        /// Scans the flash: finds every sector with a valid header (or a damaged header over intact records), reads
        /// its records in order, discards a torn one and closes its sector, and counts records missing. Safe on any
        /// flash contents (garbage is treated as free space).
        /// </summary>
        public void Mount()
        {
            _orderCount = 0;
            _records = 0;
            _tornDiscarded = 0;
            _corruptSkipped = 0;
            _recordsLost = 0;
            _sectorsRecovered = 0;
            _badSectors = 0;
            _gaps = 0;
            _nextSectorSeq = 1;
            _nextSequence = 1;
            _reclaimBelow = 0;
            for (int s = 0; s < _sectorCount; s++)
            {
                _sectorSeq[s] = ReadSectorHeader(s);
                ForgetRecords(s);
                if (_sectorSeq[s] != 0)
                {
                    _order[_orderCount++] = s;
                    _endOffset[s] = ScanSector(s);
                    if (_sectorSeq[s] >= _nextSectorSeq)
                    {
                        _nextSectorSeq = _sectorSeq[s] + 1;
                    }
                }
            }

            AdoptDamagedSectors();
            SortByAge();
            _headOffset = _orderCount > 0 ? _endOffset[_order[_orderCount - 1]] : -1;
            CountLost();

            // Finish a reclaim that power cut short: its sectors are free space (erased when reused).
            while (_orderCount > 1 && _lastRecordSeq[_order[0]] < _reclaimBelow)
            {
                ForgetOldest();
            }

            _mounted = true;
        }

        // A sector whose header no longer checks but whose records do is a written sector whose header lost bits: it is
        // read by its records, unless they are all older than the newest reclaim mark (a sector whose erase a power cut
        // stopped) or it is a retired one (see Reclaim), or they repeat sequence numbers another sector holds.
        private void AdoptDamagedSectors()
        {
            long newestMark = _reclaimBelow;
            for (int pass = 0; pass < 2; pass++)
            {
                for (int s = 0; s < _sectorCount; s++)
                {
                    if (_sectorSeq[s] != 0 || Retired(s))
                    {
                        continue;
                    }

                    long first = Probe(s, out long last, out long mark);
                    if (first <= 0)
                    {
                        continue;
                    }

                    if (pass == 0)
                    {
                        newestMark = mark > newestMark ? mark : newestMark;
                        continue;
                    }

                    if (last < newestMark || Overlaps(first, last))
                    {
                        continue;
                    }

                    _sectorSeq[s] = Adopted;
                    _order[_orderCount++] = s;
                    _endOffset[s] = ScanSector(s);
                    _sectorsRecovered++;
                }
            }
        }

        private bool Overlaps(long first, long last)
        {
            for (int i = 0; i < _orderCount; i++)
            {
                int s = _order[i];
                // A sector that starts with the copy of another's last record (AppendWithCopy) follows it; it does not overlap.
                if (_recordCount[s] > 0 && first <= _lastRecordSeq[s] && last >= _firstRecordSeq[s] && first != _lastRecordSeq[s] && last != _firstRecordSeq[s])
                {
                    return true;
                }
            }

            return false;
        }

        // Orders the sectors oldest first by their records' sequence numbers (the order their headers give, and where
        // an adopted sector belongs). Empty sectors hold nothing: the newest-opened one stays last, as the head; others
        // go first, to be reused first.
        private void SortByAge()
        {
            int newest = -1;
            for (int i = 0; i < _orderCount; i++)
            {
                int s = _order[i];
                if (_sectorSeq[s] != Adopted && (newest < 0 || _sectorSeq[s] > _sectorSeq[newest]))
                {
                    newest = s;
                }
            }

            for (int i = 1; i < _orderCount; i++)
            {
                int s = _order[i];
                int j = i;
                while (j > 0 && Younger(_order[j - 1], s, newest))
                {
                    _order[j] = _order[j - 1];
                    j--;
                }

                _order[j] = s;
            }
        }

        // Whether sector a holds younger records than b. A sector that starts with the copy of another's last record
        // (AppendWithCopy) comes after it, which the last sequence numbers tell when the first ones are the same.
        private bool Younger(int a, int b, int newest)
        {
            long ka = AgeKey(a, newest);
            long kb = AgeKey(b, newest);
            return ka > kb || (ka == kb && _lastRecordSeq[a] > _lastRecordSeq[b]);
        }

        private long AgeKey(int s, int newest)
        {
            if (_recordCount[s] > 0)
            {
                return _firstRecordSeq[s];
            }

            return s == newest ? long.MaxValue : 0;
        }

        // Sequence numbers that should be on the flash and are not: between the oldest kept (the newest reclaim mark,
        // or 1) and the newest record, inside sectors (a damaged record skipped) and between them (a sector lost).
        private void CountLost()
        {
            long from = _reclaimBelow > 0 ? _reclaimBelow : 1;
            long previous = 0;
            for (int i = 0; i < _orderCount; i++)
            {
                int s = _order[i];
                if (_recordCount[s] == 0)
                {
                    continue;
                }

                long first = _firstRecordSeq[s];
                Missing(previous == 0 ? from : previous + 1, first - 1, from);
                previous = _lastRecordSeq[s];
            }

            for (int g = 0; g < _gaps && g < GapSlots; g++)
            {
                Missing(_gapFrom[g], _gapTo[g], from);
            }
        }

        private void Missing(long first, long last, long from)
        {
            if (first < from)
            {
                first = from;
            }

            if (last >= first)
            {
                _recordsLost += (int)(last - first + 1);
            }
        }

        private uint ReadSectorHeader(int s)
        {
            _flash.Read(SectorAddress(s), _header, 0, SectorHeaderSize);
            if (_header[0] != Magic0 || _header[1] != Magic1 || _header[2] != Version)
            {
                return 0;
            }

            if (BigEndian.Get32(_header, 8) != Crc32.Compute(_header, 0, 8))
            {
                return 0;
            }

            uint seq = BigEndian.Get32(_header, 4);
            return seq == 0 || seq == 0xFFFFFFFF ? 0 : seq;
        }

        // A header Reclaim invalidated before erasing (its first byte programmed to 0) when no mark could be written.
        private bool Retired(int s)
        {
            _flash.Read(SectorAddress(s), _header, 0, SectorHeaderSize);
            if (_header[0] != 0 || _header[1] != Magic1 || _header[2] != Version)
            {
                return false;
            }

            uint crc = BigEndian.Get32(_header, 8);
            _header[0] = Magic0;
            return crc == Crc32.Compute(_header, 0, 8);
        }

        // Walks a sector's records without counting them: returns the first sequence number (0: no record) and gives
        // the last and the largest reclaim mark.
        private long Probe(int s, out long last, out long mark)
        {
            long first = 0;
            last = 0;
            mark = 0;
            int offset = SectorHeaderSize;
            JournalEntry entry = default;
            while (offset + RecordOverhead <= _flash.SectorSize)
            {
                int next = ReadRecordAt(s, offset, _mark, ref entry);
                if (next <= 0)
                {
                    next = next < 0 ? SkipCorrupt(s, offset) : 0;
                    if (next <= 0)
                    {
                        break;
                    }

                    offset = next;
                    continue;
                }

                if (entry.Type == FillerType)
                {
                    offset = next;
                    continue;
                }

                first = first == 0 ? entry.Sequence : first;
                last = entry.Sequence;
                if (entry.Type == ReclaimMarkType && entry.Length == 4 && BigEndian.Get32(_mark, 0) > mark)
                {
                    mark = BigEndian.Get32(_mark, 0);
                }

                offset = next;
            }

            return first;
        }

        // Walks the records of a sector at mount; returns the write offset, or -1 if a torn record closed it.
        private int ScanSector(int s)
        {
            int offset = SectorHeaderSize;
            JournalEntry entry = default;
            while (true)
            {
                if (offset + RecordOverhead > _flash.SectorSize)
                {
                    return -1;
                }

                int next = ReadRecordAt(s, offset, _mark, ref entry);
                if (next > 0 && entry.Type == FillerType)
                {
                    offset = next; // holds no record: its sequence number is its copy's, which must be there itself
                    continue;
                }

                if (next > 0)
                {
                    if (_recordCount[s] == 0)
                    {
                        _firstRecordSeq[s] = entry.Sequence;
                    }
                    else if (entry.Sequence > _lastRecordSeq[s] + 1)
                    {
                        // Records skipped as damaged: their sequence numbers are missing (CountLost weighs them).
                        if (_gaps < GapSlots)
                        {
                            _gapFrom[_gaps] = _lastRecordSeq[s] + 1;
                            _gapTo[_gaps] = entry.Sequence - 1;
                        }
                        else
                        {
                            _recordsLost += (int)(entry.Sequence - _lastRecordSeq[s] - 1);
                        }

                        _gaps++;
                    }

                    _records++;
                    _recordCount[s]++;
                    _lastRecordSeq[s] = entry.Sequence;
                    if (entry.Type == ReclaimMarkType && entry.Length == 4 && BigEndian.Get32(_mark, 0) > _reclaimBelow)
                    {
                        _reclaimBelow = BigEndian.Get32(_mark, 0);
                    }

                    if (entry.Sequence >= _nextSequence)
                    {
                        _nextSequence = entry.Sequence + 1;
                    }

                    offset = next;
                    continue;
                }

                if (next == 0)
                {
                    return offset;
                }

                int resume = SkipCorrupt(s, offset);
                if (resume > 0)
                {
                    // A damaged record with good records after it: skip it, keep the rest of the sector.
                    _corruptSkipped++;
                    offset = resume;
                    continue;
                }

                _tornDiscarded++;
                return -1;
            }
        }

        // After a record that fails its CRC: when its length field still points at a valid record, resume there (a
        // flipped bit inside an old record); when the length itself is damaged, at the next offset where a valid record
        // starts. Otherwise it is a torn last write and 0 is returned.
        private int SkipCorrupt(int s, int offset)
        {
            _flash.Read(SectorAddress(s) + offset, _lengthProbe, 0, 2);
            int length = BigEndian.Get16(_lengthProbe, 0);
            int candidate = offset + length + RecordOverhead;
            JournalEntry probe = default;
            if (length <= _maxPayload && candidate + RecordOverhead <= _flash.SectorSize && ReadRecordAt(s, candidate, null, ref probe) > 0)
            {
                return candidate;
            }

            for (candidate = offset + 1; candidate + RecordOverhead <= _flash.SectorSize; candidate++)
            {
                int read = ReadRecordAt(s, candidate, null, ref probe);
                if (read > 0)
                {
                    return candidate;
                }

                if (read == 0 && IsErased(SectorAddress(s) + candidate, _flash.SectorSize - candidate))
                {
                    return 0; // nothing but erased flash after it: the torn last write of a power cut
                }
            }

            return 0;
        }
    }
}
