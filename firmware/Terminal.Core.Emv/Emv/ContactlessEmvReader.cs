using Terminal.Hal;

namespace Terminal.Core.Emv
{
    /// <summary>
    /// An online-only contactless read, not a certified EMV kernel: SELECT PPSE, choose the supported
    /// application of highest priority (tag 87), SELECT it, GET PROCESSING OPTIONS with the PDOL filled from
    /// the terminal data, READ RECORD over the AFL, and GENERATE AC (ARQC) when the card did not give its
    /// cryptogram in the GPO answer. No offline data authentication, no CVM processing, no terminal risk
    /// management: the issuer decides online from field 55. Every failure is a result with a reason.
    /// </summary>
    public sealed class ContactlessEmvReader
    {
        private const int Sw9000 = 0x9000;

        // Records one read may ask for; payment cards keep theirs in a handful.
        private const int MaxRecords = 32;
        private static readonly byte[] Ppse = new byte[]
        {
            (byte)'2', (byte)'P', (byte)'A', (byte)'Y', (byte)'.', (byte)'S', (byte)'Y', (byte)'S', (byte)'.',
            (byte)'D', (byte)'D', (byte)'F', (byte)'0', (byte)'1',
        };

        private readonly IContactlessReader _reader;
        private readonly IRandomSource _random;
        private readonly byte[] _command = new byte[261];
        private readonly byte[] _response = new byte[512];
        private readonly byte[] _aid = new byte[16];
        private readonly byte[] _scratch = new byte[16];
        private readonly EmvReadResult _result;
        private byte[][] _supportedAids;
        private int _responseLength;

        /// <summary>Creates the read over <paramref name="reader"/>; the unpredictable number (9F37) comes from <paramref name="random"/>.</summary>
        public ContactlessEmvReader(IContactlessReader reader, IRandomSource random)
        {
            _reader = reader;
            _random = random;
            _result = new EmvReadResult(new EmvDataStore(1024, 64));
            _supportedAids = AcceptedAids.Default();
        }

        /// <summary>AIDs (or AID prefixes, partial selection) this terminal accepts.</summary>
        public byte[][] SupportedAids
        {
            get => _supportedAids;
            set => _supportedAids = value;
        }

        /// <summary>
        /// Runs one tap: activates the card, reads it and deactivates it. The returned result is reused by
        /// the next read; wipe it once field 55 and the track data have been taken.
        /// </summary>
        public EmvReadResult Read(EmvTerminalData terminal)
        {
            _result.Reset();
            bool kept = false;
            try
            {
                int status = _reader.Activate();
                if (status < 0)
                {
                    return _result.FailReader(status, "activate");
                }

                try
                {
                    ReadActivated(terminal);
                }
                finally
                {
                    _reader.Deactivate();
                }

                kept = _result.Succeeded;
                return _result;
            }
            finally
            {
                // Every exit, a thrown one included, leaves no card answer behind; only a good read keeps its data.
                Security.Wipe.Bytes(_response, 0, _response.Length);
                _responseLength = 0;
                if (!kept)
                {
                    _result.Wipe();
                }
            }
        }

        private EmvReadResult ReadActivated(EmvTerminalData terminal)
        {
            // SELECT PPSE (2PAY.SYS.DDF01)
            if (!Select(Ppse, 0, Ppse.Length, "SELECT PPSE"))
            {
                return _result;
            }

            int aidLength = ChooseApplication();
            if (aidLength < 0)
            {
                return _result;
            }

            if (!Select(_aid, 0, aidLength, "SELECT AID"))
            {
                return _result;
            }

            int fci = _responseLength - 2;
            if (_result.Data.PutAll(_response, 0, fci) < 0)
            {
                return _result.Fail(EmvReadError.MalformedData, "SELECT AID: bad FCI");
            }

            if (!_result.Data.Contains(EmvTag.DfName))
            {
                _result.Data.Put(EmvTag.DfName, _aid, 0, aidLength);
            }

            PutTerminalData(terminal);
            if (!GetProcessingOptions())
            {
                return _result;
            }

            if (!ReadRecords())
            {
                return _result;
            }

            if (!_result.Data.Contains(EmvTag.Cryptogram) && !GenerateAc())
            {
                return _result;
            }

            return CheckOutcome();
        }

        private bool Select(byte[] name, int offset, int length, string step)
        {
            int p = EmvCommands.Select(_command, name, offset, length, false);
            if (!Exchange(p, step))
            {
                return false;
            }

            if (BerTlv.Validate(_response, 0, _responseLength - 2) < 0 || _response[0] != EmvTag.Fci)
            {
                _result.Fail(EmvReadError.MalformedData, step + ": FCI is not well-formed BER-TLV");
                return false;
            }

            return true;
        }

        /// <summary>Picks the supported PPSE entry with the lowest priority number; returns the AID length or -1.</summary>
        private int ChooseApplication()
        {
            int dirLength = BerTlv.Find(_response, 0, _responseLength - 2, EmvTag.FciIssuerDiscretionary, out int dirOffset);
            if (dirLength < 0)
            {
                _result.Fail(EmvReadError.MalformedData, "SELECT PPSE: no directory (BF0C)");
                return -1;
            }

            int bestLength = -1;
            int bestPriority = 100;
            int position = dirOffset;
            int end = dirOffset + dirLength;
            while (position < end)
            {
                int next = BerTlv.ReadHeader(_response, position, end, out int tag, out int entryOffset, out int entryLength);
                if (next < 0)
                {
                    _result.Fail(EmvReadError.MalformedData, "SELECT PPSE: bad directory entry");
                    return -1;
                }

                if (tag == EmvTag.DirectoryEntry)
                {
                    int aidLength = BerTlv.Find(_response, entryOffset, entryLength, EmvTag.Aid, out int aidOffset);
                    int priorityLength = BerTlv.Find(_response, entryOffset, entryLength, EmvTag.Priority, out int priorityOffset);

                    // Priority 0 (or none) ranks below every numbered one; equal priorities keep the listed order.
                    int priority = priorityLength >= 1 ? _response[priorityOffset] & 0x0F : 0;
                    int rank = priority == 0 ? 16 : priority;
                    if (aidLength >= 5 && aidLength <= 16 && IsSupported(_response, aidOffset, aidLength) && rank < bestPriority)
                    {
                        bestPriority = rank;
                        bestLength = aidLength;
                        for (int i = 0; i < aidLength; i++)
                        {
                            _aid[i] = _response[aidOffset + i];
                        }
                    }
                }

                position = next;
            }

            if (bestLength < 0)
            {
                _result.Fail(EmvReadError.NoSupportedApplication, "no supported application on the card");
            }

            return bestLength;
        }

        private bool IsSupported(byte[] aid, int offset, int length)
        {
            for (int s = 0; s < _supportedAids.Length; s++)
            {
                byte[] supported = _supportedAids[s];
                if (length < supported.Length)
                {
                    continue;
                }

                bool match = true;
                for (int i = 0; i < supported.Length && match; i++)
                {
                    match = aid[offset + i] == supported[i];
                }

                if (match)
                {
                    return true;
                }
            }

            return false;
        }

        private void PutTerminalData(EmvTerminalData terminal)
        {
            EmvDataStore store = _result.Data;
            _random.NextBytes(_scratch, 0, 4);
            terminal.PutInto(store, _scratch);
            store.Put(EmvTag.Ttq, terminal.Ttq, 0, terminal.Ttq.Length);
            for (int i = 0; i < 5; i++)
            {
                _scratch[i] = 0; // TVR: no terminal checks were made, so no bit is set
            }

            store.Put(EmvTag.Tvr, _scratch, 0, 5);

            // The read performs no CVM, so the CVM results of the CUP field 55 list say none was (3F0000).
            _scratch[0] = 0x3F;
            _scratch[1] = 0x00;
            _scratch[2] = 0x00;
            store.Put(EmvTag.CvmResults, _scratch, 0, 3);
        }

        private bool GetProcessingOptions()
        {
            int p = EmvCommands.GetProcessingOptions(_command, _result.Data);
            if (p < 0)
            {
                _result.Fail(EmvReadError.MalformedData, "PDOL is not a valid data object list");
                return false;
            }

            if (!Exchange(p, "GET PROCESSING OPTIONS"))
            {
                return false;
            }

            int n = _responseLength - 2;
            if (BerTlv.Validate(_response, 0, n) < 0)
            {
                _result.Fail(EmvReadError.MalformedData, "GPO: answer is not well-formed BER-TLV");
                return false;
            }

            int next = BerTlv.ReadHeader(_response, 0, n, out int tag, out int valueOffset, out int valueLength);
            if (next < 0 || tag == 0)
            {
                _result.Fail(EmvReadError.MalformedData, "GPO: empty answer");
                return false;
            }

            if (tag == EmvTag.ResponseFormat1)
            {
                // Format 1: AIP (2 bytes) then the AFL, without tags.
                if (valueLength < 2 || (valueLength - 2) % 4 != 0)
                {
                    _result.Fail(EmvReadError.MalformedData, "GPO: format 1 answer has a bad length");
                    return false;
                }

                _result.Data.Put(EmvTag.Aip, _response, valueOffset, 2);
                _result.Data.Put(EmvTag.Afl, _response, valueOffset + 2, valueLength - 2);
                return true;
            }

            if (tag != EmvTag.ResponseFormat2 || _result.Data.PutAll(_response, 0, n) < 0)
            {
                _result.Fail(EmvReadError.MalformedData, "GPO: answer is neither format 1 nor format 2");
                return false;
            }

            if (!_result.Data.Contains(EmvTag.Aip) || !_result.Data.Contains(EmvTag.Afl))
            {
                _result.Fail(EmvReadError.MissingData, "GPO: AIP or AFL missing");
                return false;
            }

            return true;
        }

        private bool ReadRecords()
        {
            int aflLength = _result.Data.Find(EmvTag.Afl, out int aflOffset);
            if (aflLength % 4 != 0)
            {
                _result.Fail(EmvReadError.MalformedData, "AFL length is not a multiple of 4");
                return false;
            }

            // The AFL is copied out: reading records adds to the store, and the store's buffer is the AFL's home.
            byte[] afl = new byte[aflLength];
            for (int i = 0; i < aflLength; i++)
            {
                afl[i] = _result.Data.Buffer[aflOffset + i];
            }

            int records = 0;
            for (int entry = 0; entry < aflLength; entry += 4)
            {
                int sfi = afl[entry] >> 3;
                int first = afl[entry + 1];
                int last = afl[entry + 2];
                if (sfi < 1 || sfi > 30 || first < 1 || last < first)
                {
                    _result.Fail(EmvReadError.MalformedData, "AFL entry is invalid");
                    return false;
                }

                // The card chose the AFL: a list of thousands of records would hold the loop for seconds.
                records += last - first + 1;
                if (records > MaxRecords)
                {
                    _result.Fail(EmvReadError.TooMuchData, "AFL names more than " + MaxRecords.ToString() + " records");
                    return false;
                }

                for (int record = first; record <= last; record++)
                {
                    if (!Exchange(EmvCommands.ReadRecord(_command, record, sfi), "READ RECORD"))
                    {
                        return false;
                    }

                    int n = _responseLength - 2;
                    if (n < 2 || _response[0] != EmvTag.RecordTemplate || BerTlv.Validate(_response, 0, n) < 0)
                    {
                        _result.Fail(EmvReadError.MalformedData, "READ RECORD SFI " + sfi.ToString() + " record " + record.ToString() + ": not a well-formed record template");
                        return false;
                    }

                    int stored = _result.Data.PutAll(_response, 0, n);
                    if (stored < 0)
                    {
                        _result.Fail(stored == -10 ? EmvReadError.TooMuchData : EmvReadError.MalformedData, "READ RECORD: cannot keep the record");
                        return false;
                    }
                }
            }

            return true;
        }

        private bool GenerateAc()
        {
            if (_result.Data.Find(EmvTag.Cdol1, out _) <= 0)
            {
                _result.Fail(EmvReadError.MissingData, "no cryptogram and no CDOL1");
                return false;
            }

            int p = EmvCommands.GenerateAc(_command, 0x80, EmvTag.Cdol1, _result.Data); // ARQC: the terminal goes online
            if (p < 0)
            {
                _result.Fail(EmvReadError.MalformedData, "CDOL1 is not a valid data object list");
                return false;
            }

            if (!Exchange(p, "GENERATE AC"))
            {
                return false;
            }

            int n = _responseLength - 2;
            if (BerTlv.Validate(_response, 0, n) < 0)
            {
                _result.Fail(EmvReadError.MalformedData, "GENERATE AC: answer is not well-formed BER-TLV");
                return false;
            }

            int next = BerTlv.ReadHeader(_response, 0, n, out int tag, out int valueOffset, out int valueLength);
            if (next > 0 && tag == EmvTag.ResponseFormat1 && valueLength >= 11)
            {
                // Format 1: CID (1), ATC (2), AC (8), then issuer application data.
                _result.Data.Put(EmvTag.CryptogramInfo, _response, valueOffset, 1);
                _result.Data.Put(EmvTag.Atc, _response, valueOffset + 1, 2);
                _result.Data.Put(EmvTag.Cryptogram, _response, valueOffset + 3, 8);
                _result.Data.Put(EmvTag.Iad, _response, valueOffset + 11, valueLength - 11);
                return true;
            }

            if (next < 0 || tag != EmvTag.ResponseFormat2 || _result.Data.PutAll(_response, 0, n) < 0)
            {
                _result.Fail(EmvReadError.MalformedData, "GENERATE AC: unexpected answer template");
                return false;
            }

            return true;
        }

        private EmvReadResult CheckOutcome()
        {
            EmvDataStore store = _result.Data;
            if (store.Find(EmvTag.Cryptogram, out _) != 8)
            {
                return _result.Fail(EmvReadError.MissingData, "cryptogram (9F26) missing");
            }

            if (!store.Contains(EmvTag.Pan) && !store.Contains(EmvTag.Track2))
            {
                return _result.Fail(EmvReadError.MissingData, "neither PAN (5A) nor track 2 (57)");
            }

            // The card chose these lengths: anything a PAN or a track cannot be is refused here, not copied later.
            if (_result.PanDigits(out _) < 0)
            {
                return _result.Fail(EmvReadError.MalformedData, "PAN is not 1 to 19 digits");
            }

            if (store.Contains(EmvTag.Track2) && _result.Track2Characters(out _) < 0)
            {
                return _result.Fail(EmvReadError.MalformedData, "track 2 (57) longer than 19 bytes");
            }

            int cidLength = store.Find(EmvTag.CryptogramInfo, out int cidOffset);
            if (cidLength >= 1 && (store.Buffer[cidOffset] & 0xC0) == 0x00)
            {
                return _result.Fail(EmvReadError.CardDeclined, "card declined offline (AAC)");
            }

            if (_result.ExpiryYymm < 0)
            {
                return _result.Fail(EmvReadError.MissingData, "expiry date missing");
            }

            return _result;
        }

        private bool Exchange(int commandLength, string step)
        {
            int n = _reader.Transceive(_command, 0, commandLength, _response, 0, _response.Length);
            if (n < 0)
            {
                _result.FailReader(n, step);
                return false;
            }

            if (n < 2 || n > _response.Length)
            {
                _result.Fail(EmvReadError.MalformedData, step + ": answer shorter than a status word or longer than the buffer");
                return false;
            }

            _responseLength = n;
            int sw = (_response[n - 2] << 8) | _response[n - 1];
            _result.SetStatusWord(sw);
            if (sw != Sw9000)
            {
                _result.Fail(EmvReadError.StatusWord, step + ": status " + EmvReadError.StatusWordText(sw));
                return false;
            }

            return true;
        }
    }
}
