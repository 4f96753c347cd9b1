namespace Terminal.Core.Emv
{
    /// <summary>
    /// From the final SELECT to the first GENERATE AC (EMV Book 3, 10.1 to 10.8): GPO, READ RECORD, processing
    /// restrictions, offline data authentication as an online-only terminal, terminal risk management and
    /// terminal action analysis. Cardholder verification has a file of its own.
    /// </summary>
    public sealed partial class ContactEmvKernel
    {
        // Records one transaction may ask for; payment cards keep theirs in a handful.
        private const int MaxRecords = 32;

        private const int Sw6985 = 0x6985;

        // GENERATE AC reference control parameter (P1, Book 3, 6.5.5): the cryptogram type asked for.
        private const int AskAac = 0x00;
        private const int AskTc = 0x40;
        private const int AskArqc = 0x80;

        private readonly byte[] _afl = new byte[256];

        // Candidate index to GENERATE AC; every card failure is a result with a reason.
        private ContactKernelResult Process(int index, EmvTerminalData terminal)
        {
            EmvDataStore store = _card.Data;
            store.Clear();
            for (int i = 0; i < TvrLength; i++)
            {
                _tvr[i] = 0;
            }

            _tsi[0] = 0;
            _tsi[1] = 0;
            _cvmResults[0] = 0x3F; // no CVM performed, until cardholder verification says otherwise (Book 4, A4)
            _cvmResults[1] = 0x00;
            _cvmResults[2] = 0x00;
            PutTerminalData(terminal);

            int aidOffset = index * MaxAidBytes;
            int aidLength = _candidateAidLengths[index];
            if (!Exchange(EmvCommands.Select(_command, _candidateAids, aidOffset, aidLength, false), "SELECT application"))
            {
                return _result;
            }

            int sw = StatusWord;
            int n = _responseLength - 2;
            if (sw != Sw9000 || n < 2 || _response[0] != EmvTag.Fci || BerTlv.Validate(_response, 0, n) < 0 || store.PutAll(_response, 0, n) < 0)
            {
                return TryAnother(index, "SELECT application: status " + EmvReadError.StatusWordText(sw) + " or a bad FCI");
            }

            if (!store.Contains(EmvTag.DfName))
            {
                store.Put(EmvTag.DfName, _candidateAids, aidOffset, aidLength);
            }

            int gpo = GetProcessingOptions();
            if (gpo < 0)
            {
                return _result;
            }

            if (gpo == 0)
            {
                return TryAnother(index, "GET PROCESSING OPTIONS: 6985, conditions of use not satisfied");
            }

            if (!ReadRecords() || !CheckMandatoryData())
            {
                return _result;
            }

            // Online-only: no certification authority keys, so no SDA, DDA or CDA (Book 3, 10.3): "ODA not performed".
            _tvr[0] |= 0x80;
            RestrictProcessing(terminal);
            VerifyCardholder(terminal);
            if (!ManageRisk(terminal))
            {
                return _result;
            }

            return FirstGenerateAc(AnalyseActions(terminal));
        }

        // 1 when the card gave AIP and AFL, 0 on 6985 (try another application), -1 when the session ended.
        private int GetProcessingOptions()
        {
            EmvDataStore store = _card.Data;
            int p = EmvCommands.GetProcessingOptions(_command, store);
            if (p < 0)
            {
                FailCard(EmvReadError.MalformedData, "PDOL is not a valid data object list", true);
                return -1;
            }

            if (!Exchange(p, "GET PROCESSING OPTIONS"))
            {
                return -1;
            }

            int sw = StatusWord;
            if (sw == Sw6985)
            {
                return 0;
            }

            if (sw != Sw9000)
            {
                FailCard(EmvReadError.StatusWord, "GET PROCESSING OPTIONS: status " + EmvReadError.StatusWordText(sw), true);
                return -1;
            }

            int n = _responseLength - 2;
            int next = BerTlv.Validate(_response, 0, n) < 0 ? -1 : BerTlv.ReadHeader(_response, 0, n, out int tag, out int valueOffset, out int valueLength);
            if (next <= 0)
            {
                FailCard(EmvReadError.MalformedData, "GPO: answer is not well-formed BER-TLV", true);
                return -1;
            }

            BerTlv.ReadHeader(_response, 0, n, out tag, out valueOffset, out valueLength);
            if (tag == EmvTag.ResponseFormat1)
            {
                // Format 1: AIP (2 bytes) then the AFL, without tags.
                if (valueLength < 6 || (valueLength - 2) % 4 != 0)
                {
                    FailCard(EmvReadError.MalformedData, "GPO: format 1 answer has a bad length", true);
                    return -1;
                }

                store.Put(EmvTag.Aip, _response, valueOffset, 2);
                store.Put(EmvTag.Afl, _response, valueOffset + 2, valueLength - 2);
                return 1;
            }

            if (tag != EmvTag.ResponseFormat2 || store.PutAll(_response, 0, n) < 0)
            {
                FailCard(EmvReadError.MalformedData, "GPO: answer is neither format 1 nor format 2", true);
                return -1;
            }

            if (store.Find(EmvTag.Aip, out _) != 2 || store.Find(EmvTag.Afl, out _) < 4)
            {
                FailCard(EmvReadError.MissingData, "GPO: AIP or AFL missing", true);
                return -1;
            }

            return 1;
        }

        // READ RECORD over the AFL (Book 3, 10.2); false when the session ended.
        private bool ReadRecords()
        {
            EmvDataStore store = _card.Data;
            int aflLength = store.Find(EmvTag.Afl, out int aflOffset);
            if (aflLength < 4 || aflLength % 4 != 0 || aflLength > _afl.Length)
            {
                FailCard(EmvReadError.MalformedData, "AFL length is not a multiple of 4", true);
                return false;
            }

            // The AFL is copied out: reading records adds to the store, and the store's buffer is the AFL's home.
            for (int i = 0; i < aflLength; i++)
            {
                _afl[i] = store.Buffer[aflOffset + i];
            }

            int records = 0;
            for (int entry = 0; entry < aflLength; entry += 4)
            {
                int sfi = _afl[entry] >> 3;
                int first = _afl[entry + 1];
                int last = _afl[entry + 2];
                int authenticated = _afl[entry + 3];
                if (sfi < 1 || sfi > 30 || (_afl[entry] & 0x07) != 0 || first < 1 || last < first || authenticated > last - first + 1)
                {
                    FailCard(EmvReadError.MalformedData, "AFL entry is invalid", true);
                    return false;
                }

                // The card chose the AFL: a list of thousands of records would hold the loop for seconds.
                records += last - first + 1;
                if (records > MaxRecords)
                {
                    FailCard(EmvReadError.TooMuchData, "AFL names more than " + MaxRecords.ToString() + " records", true);
                    return false;
                }

                for (int record = first; record <= last; record++)
                {
                    if (!Exchange(EmvCommands.ReadRecord(_command, record, sfi), "READ RECORD"))
                    {
                        return false;
                    }

                    int sw = StatusWord;
                    if (sw != Sw9000)
                    {
                        FailCard(EmvReadError.StatusWord, "READ RECORD SFI " + sfi.ToString() + " record " + record.ToString() + ": status " + EmvReadError.StatusWordText(sw), true);
                        return false;
                    }

                    // SFI 11 to 30 hold proprietary records the terminal does not interpret; SFI 1 to 10 must be template 70.
                    if (sfi > 10)
                    {
                        continue;
                    }

                    int n = _responseLength - 2;
                    if (n < 2 || _response[0] != EmvTag.RecordTemplate || BerTlv.Validate(_response, 0, n) < 0)
                    {
                        FailCard(EmvReadError.MalformedData, "READ RECORD SFI " + sfi.ToString() + " record " + record.ToString() + ": not a well-formed record template", true);
                        return false;
                    }

                    int stored = store.PutAll(_response, 0, n);
                    if (stored < 0)
                    {
                        FailCard(stored == -10 ? EmvReadError.TooMuchData : EmvReadError.MalformedData, "READ RECORD: cannot keep the record", true);
                        return false;
                    }
                }
            }

            return true;
        }

        // 5A, 5F24, 8C and 8D must be there (Book 3, 7.2), and the PAN and expiry must be what they claim to be.
        private bool CheckMandatoryData()
        {
            EmvDataStore store = _card.Data;
            if (!store.Contains(EmvTag.Pan) || !store.Contains(EmvTag.ExpiryDate) || store.Find(EmvTag.Cdol1, out _) < 2 || store.Find(EmvTag.Cdol2, out _) < 2)
            {
                FailCard(EmvReadError.MissingData, "mandatory data missing (5A, 5F24, 8C or 8D)", true);
                return false;
            }

            if (_card.PanDigits(out _) < 0 || _card.ExpiryYymm < 0 || (store.Contains(EmvTag.Track2) && _card.Track2Characters(out _) < 0))
            {
                FailCard(EmvReadError.MalformedData, "PAN, expiry or track 2 equivalent data is not well-formed", true);
                return false;
            }

            return true;
        }

        // Processing restrictions (Book 3, 10.4): application versions, usage control, effective and expiry dates; TVR byte 2.
        private void RestrictProcessing(EmvTerminalData terminal)
        {
            EmvDataStore store = _card.Data;
            byte[] b = store.Buffer;
            int versionLength = store.Find(EmvTag.CardApplicationVersion, out int versionOffset);
            byte[] ours = terminal.ApplicationVersion;
            if (versionLength >= 0 && (versionLength != ours.Length || !SameBytes(b, versionOffset, ours, 0, versionLength)))
            {
                _tvr[1] |= 0x80; // ICC and terminal have different application versions
            }

            int aucLength = store.Find(EmvTag.Auc, out int aucOffset);
            if (aucLength == 2)
            {
                int auc = b[aucOffset];
                bool allowed = (auc & 0x01) != 0; // valid at terminals other than ATMs
                int countryLength = store.Find(EmvTag.IssuerCountry, out int countryOffset);
                if (allowed && (terminal.TransactionType == EmvTerminalData.Goods || terminal.TransactionType == EmvTerminalData.PreAuthorization) && countryLength == 2)
                {
                    bool domestic = Bcd(b, countryOffset, 2) == terminal.CountryCode;

                    // A sale or a pre-auth is goods or services: either bit of the region will do (domestic b6/b4, international b5/b3).
                    allowed = domestic ? (auc & 0x28) != 0 : (auc & 0x14) != 0;
                }

                if (!allowed)
                {
                    _tvr[1] |= 0x10; // requested service not allowed for card product
                }
            }

            int today = Date(terminal.Date);
            int effectiveLength = store.Find(EmvTag.EffectiveDate, out int effectiveOffset);
            if (effectiveLength == 3 && YyMmDd(b, effectiveOffset) > today)
            {
                _tvr[1] |= 0x20; // application not yet effective
            }

            int expiryLength = store.Find(EmvTag.ExpiryDate, out int expiryOffset);
            if (expiryLength == 3 && YyMmDd(b, expiryOffset) < today)
            {
                _tvr[1] |= 0x40; // expired application
            }
        }

        // Terminal risk management (Book 3, 10.6): floor limit, velocity checking; random selection does not apply online-only. False when the session ended.
        private bool ManageRisk(EmvTerminalData terminal)
        {
            EmvDataStore store = _card.Data;
            _tsi[0] |= 0x08; // terminal risk management was performed

            // Online-only: the floor limit is normally zero, so every amount reaches it and the bit is set.
            if (terminal.Amount >= terminal.FloorLimit)
            {
                _tvr[3] |= 0x80; // transaction exceeds floor limit
            }

            int lowerLength = store.Find(EmvTag.LowerConsecutiveOfflineLimit, out int lowerOffset);
            int upperLength = store.Find(EmvTag.UpperConsecutiveOfflineLimit, out int upperOffset);
            if (lowerLength != 1 || upperLength != 1)
            {
                return true;
            }

            int lower = store.Buffer[lowerOffset];
            int upper = store.Buffer[upperOffset];
            int atc = GetData(EmvTag.Atc);
            if (atc == -2)
            {
                return false;
            }

            int lastOnline = GetData(EmvTag.LastOnlineAtc);
            if (lastOnline == -2)
            {
                return false;
            }

            if (atc < 0 || lastOnline < 0 || atc <= lastOnline)
            {
                _tvr[3] |= 0x60; // both offline limits exceeded: the counters could not be read or make no sense
            }
            else
            {
                if (atc - lastOnline > lower)
                {
                    _tvr[3] |= 0x40;
                }

                if (atc - lastOnline > upper)
                {
                    _tvr[3] |= 0x20;
                }
            }

            if (lastOnline == 0)
            {
                _tvr[1] |= 0x08; // new card
            }

            return true;
        }

        // GET DATA of a two-byte counter (80 CA tag): its value, -1 when the card did not give it, -2 when the session ended.
        private int GetData(int tag)
        {
            _command[0] = 0x80;
            _command[1] = 0xCA;
            _command[2] = (byte)(tag >> 8);
            _command[3] = (byte)tag;
            _command[4] = 0x00;
            if (!Exchange(5, "GET DATA"))
            {
                return -2;
            }

            int n = _responseLength - 2;
            if (StatusWord != Sw9000 || BerTlv.Validate(_response, 0, n) < 0)
            {
                return -1;
            }

            int length = BerTlv.Find(_response, 0, n, tag, out int offset);
            return length == 2 ? (_response[offset] << 8) | _response[offset + 1] : -1;
        }

        // Terminal action analysis (Book 3, 10.7) for an online-only terminal: AAC on a denial match, else ARQC.
        private int AnalyseActions(EmvTerminalData terminal)
        {
            EmvDataStore store = _card.Data;
            int iacLength = store.Find(EmvTag.IacDenial, out int iacOffset);
            for (int i = 0; i < TvrLength; i++)
            {
                // An absent IAC-denial counts as all zeros.
                int iac = iacLength == TvrLength ? store.Buffer[iacOffset + i] : 0;
                int tac = i < terminal.TacDenial.Length ? terminal.TacDenial[i] : 0;
                if ((_tvr[i] & (iac | tac)) != 0)
                {
                    return AskAac;
                }
            }

            // IAC-online and TAC-online decide only when a terminal could approve offline; this one cannot, so it goes online.
            return AskArqc;
        }

        // GENERATE AC 1 (Book 3, 9.3): the CDOL1 data; the card answers ARQC (go online) or AAC (declined); a TC to an ARQC request breaks the rules.
        private ContactKernelResult FirstGenerateAc(int ask)
        {
            if (!GenerateAc(ask, EmvTag.Cdol1, "GENERATE AC 1", true))
            {
                return _result;
            }

            int type = CryptogramType();
            if (type == AskArqc && ask == AskArqc)
            {
                _stage = Stage.Online;
                return _result.Set(ContactOutcome.GoOnline);
            }

            if (type == AskAac)
            {
                _stage = Stage.Done;
                return _result.Set(ContactOutcome.DeclinedOffline);
            }

            return FailCard(EmvReadError.Terminated, "GENERATE AC 1: the card answered a " + CryptogramName(type) + " to a request for " + CryptogramName(ask), false);
        }

        // Sends GENERATE AC with the data of the DOL; stores CID, ATC, AC and IAD; false when the session ended.
        private bool GenerateAc(int ask, int dolTag, string step, bool fallback)
        {
            EmvDataStore store = _card.Data;
            _tsi[0] |= 0x20; // card risk management was performed
            PutStatus();
            int p = EmvCommands.GenerateAc(_command, ask, dolTag, store);
            if (p < 0)
            {
                FailCard(EmvReadError.MalformedData, step + ": the DOL is not a valid data object list", fallback);
                return false;
            }

            if (!Exchange(p, step))
            {
                return false;
            }

            int sw = StatusWord;
            if (sw != Sw9000)
            {
                FailCard(EmvReadError.StatusWord, step + ": status " + EmvReadError.StatusWordText(sw), fallback);
                return false;
            }

            int n = _responseLength - 2;
            int next = BerTlv.Validate(_response, 0, n) < 0 ? -1 : BerTlv.ReadHeader(_response, 0, n, out int tag, out int valueOffset, out int valueLength);
            if (next <= 0)
            {
                FailCard(EmvReadError.MalformedData, step + ": answer is not well-formed BER-TLV", fallback);
                return false;
            }

            BerTlv.ReadHeader(_response, 0, n, out tag, out valueOffset, out valueLength);
            if (tag == EmvTag.ResponseFormat1 && valueLength >= 11 && valueLength <= 43)
            {
                // Format 1: CID (1), ATC (2), AC (8), then issuer application data (up to 32).
                store.Put(EmvTag.CryptogramInfo, _response, valueOffset, 1);
                store.Put(EmvTag.Atc, _response, valueOffset + 1, 2);
                store.Put(EmvTag.Cryptogram, _response, valueOffset + 3, 8);
                if (valueLength > 11)
                {
                    store.Put(EmvTag.Iad, _response, valueOffset + 11, valueLength - 11);
                }
            }
            else if (tag != EmvTag.ResponseFormat2)
            {
                FailCard(EmvReadError.MalformedData, step + ": unexpected answer template", fallback);
                return false;
            }
            else if (BerTlv.Find(_response, 0, n, EmvTag.CryptogramInfo, out _) != 1 || BerTlv.Find(_response, 0, n, EmvTag.Atc, out _) != 2
                || BerTlv.Find(_response, 0, n, EmvTag.Cryptogram, out _) != 8)
            {
                // Checked in the answer itself: the store still holds the first GENERATE AC's values.
                FailCard(EmvReadError.MissingData, step + ": CID, ATC or cryptogram missing", fallback);
                return false;
            }
            else if (store.PutAll(_response, 0, n) < 0)
            {
                FailCard(EmvReadError.TooMuchData, step + ": cannot keep the answer", fallback);
                return false;
            }

            return true;
        }

        // The cryptogram type of the CID (bits 8-7): AskAac, AskTc, AskArqc, or 0xC0 (reserved).
        private int CryptogramType()
        {
            _card.Data.Find(EmvTag.CryptogramInfo, out int offset);
            return _card.Data.Buffer[offset] & 0xC0;
        }

        private static string CryptogramName(int type)
        {
            switch (type)
            {
                case AskAac: return "AAC";
                case AskTc: return "TC";
                case AskArqc: return "ARQC";
                default: return "reserved cryptogram type";
            }
        }

        // The transaction date as YYYYMMDD.
        private static int Date(System.DateTime d) => (d.Year * 10000) + (d.Month * 100) + d.Day;

        // A YYMMDD date (n6) as YYYYMMDD, years 50-99 in the 1900s (Book 4, annex); a non-BCD date counts as 0.
        private static int YyMmDd(byte[] b, int offset)
        {
            int yy = Bcd(b, offset, 1);
            int mmdd = Bcd(b, offset + 1, 2);
            if (yy < 0 || mmdd < 0)
            {
                return 0;
            }

            return ((yy < 50 ? 2000 + yy : 1900 + yy) * 10000) + mmdd;
        }

        // BCD digits as an int, or -1 when a nibble is not a digit.
        private static int Bcd(byte[] b, int offset, int length)
        {
            int value = 0;
            for (int i = 0; i < length; i++)
            {
                int high = b[offset + i] >> 4;
                int low = b[offset + i] & 0x0F;
                if (high > 9 || low > 9)
                {
                    return -1;
                }

                value = (value * 100) + (high * 10) + low;
            }

            return value;
        }
    }
}
