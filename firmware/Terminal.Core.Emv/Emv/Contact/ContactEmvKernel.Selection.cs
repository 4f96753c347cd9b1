namespace Terminal.Core.Emv
{
    /// <summary>Application selection (EMV Book 1, 12): the PSE directory or the list of AIDs, then the cardholder's choice.</summary>
    public sealed partial class ContactEmvKernel
    {
        private const int MaxAidBytes = 16;

        // Directory records read from the PSE at most (a directory of more is a hostile card).
        private const int MaxDirectoryRecords = 16;

        private const int Sw6A81 = 0x6A81;
        private const int Sw6A83 = 0x6A83;
        private const int Sw6283 = 0x6283;

        private static readonly byte[] Pse = new byte[]
        {
            (byte)'1', (byte)'P', (byte)'A', (byte)'Y', (byte)'.', (byte)'S', (byte)'Y', (byte)'S', (byte)'.',
            (byte)'D', (byte)'D', (byte)'F', (byte)'0', (byte)'1',
        };

        private readonly byte[] _candidateAids = new byte[ContactKernelResult.MaxCandidates * MaxAidBytes];
        private readonly int[] _candidateAidLengths = new int[ContactKernelResult.MaxCandidates];
        private readonly int[] _candidateRanks = new int[ContactKernelResult.MaxCandidates];
        private readonly bool[] _candidateConfirm = new bool[ContactKernelResult.MaxCandidates];
        private readonly string[] _candidateLabels = new string[ContactKernelResult.MaxCandidates];
        private int _candidateCount;

        // Fills the candidate list; false when the card session ended (result set).
        private bool BuildCandidates()
        {
            _candidateCount = 0;
            int pse = ReadPse();
            if (pse < 0)
            {
                return false;
            }

            if (_candidateCount == 0 && !SelectEachAid())
            {
                return false;
            }

            SortCandidates();
            return true;
        }

        // The PSE method (Book 1, 12.3.2): 1 when the directory was read, 0 when the list of AIDs must be used, -1 when the session ended.
        private int ReadPse()
        {
            if (!Exchange(EmvCommands.Select(_command, Pse, 0, Pse.Length, false), "SELECT PSE"))
            {
                return -1;
            }

            int sw = StatusWord;
            if (sw == Sw6A81)
            {
                FailCard(EmvReadError.StatusWord, "SELECT PSE: 6A81, card blocked or SELECT not supported", true);
                return -1;
            }

            int n = _responseLength - 2;
            if (sw != Sw9000 || n < 2 || _response[0] != EmvTag.Fci || BerTlv.Validate(_response, 0, n) < 0)
            {
                return 0;
            }

            int sfiLength = BerTlv.Find(_response, 0, n, EmvTag.Sfi, out int sfiOffset);
            int sfi = sfiLength == 1 ? _response[sfiOffset] : 0;
            if (sfi < 1 || sfi > 30)
            {
                return 0;
            }

            for (int record = 1; record <= MaxDirectoryRecords; record++)
            {
                if (!Exchange(EmvCommands.ReadRecord(_command, record, sfi), "READ RECORD (PSE directory)"))
                {
                    return -1;
                }

                sw = StatusWord;
                if (sw == Sw6A83)
                {
                    break; // record not found: the directory has ended
                }

                n = _responseLength - 2;
                if (sw != Sw9000 || n < 2 || _response[0] != EmvTag.RecordTemplate || BerTlv.Validate(_response, 0, n) < 0)
                {
                    // A directory that cannot be read is set aside for the list of AIDs.
                    _candidateCount = 0;
                    return 0;
                }

                BerTlv.ReadHeader(_response, 0, n, out _, out int body, out int bodyLength);
                int position = body;
                int end = body + bodyLength;
                while (position < end)
                {
                    int next = BerTlv.ReadHeader(_response, position, end, out int tag, out int entry, out int entryLength);
                    if (next <= position)
                    {
                        break;
                    }

                    if (tag == EmvTag.DirectoryEntry)
                    {
                        int aidLength = BerTlv.Find(_response, entry, entryLength, EmvTag.Aid, out int aidOffset);
                        if (IsSupported(_response, aidOffset, aidLength))
                        {
                            AddCandidate(_response, aidOffset, aidLength, entry, entryLength);
                        }
                    }

                    position = next;
                }
            }

            return 1;
        }

        // The list-of-AIDs method (Book 1, 12.3.3): SELECT each supported AID, with partial selection; false when the session ended.
        private bool SelectEachAid()
        {
            for (int s = 0; s < _supportedAids.Length; s++)
            {
                byte[] aid = _supportedAids[s];
                bool next = false;
                for (int guard = 0; guard < ContactKernelResult.MaxCandidates; guard++)
                {
                    if (!Exchange(EmvCommands.Select(_command, aid, 0, aid.Length, next), "SELECT AID"))
                    {
                        return false;
                    }

                    int sw = StatusWord;
                    if (sw == Sw6A81)
                    {
                        FailCard(EmvReadError.StatusWord, "SELECT AID: 6A81, card blocked or SELECT not supported", true);
                        return false;
                    }

                    int n = _responseLength - 2;
                    if ((sw != Sw9000 && sw != Sw6283) || n < 2 || _response[0] != EmvTag.Fci || BerTlv.Validate(_response, 0, n) < 0)
                    {
                        break; // 6A82 (not found) and anything else: on to the next AID
                    }

                    int dfLength = BerTlv.Find(_response, 0, n, EmvTag.DfName, out int dfOffset);
                    if (dfLength < aid.Length || dfLength > MaxAidBytes || !StartsWith(_response, dfOffset, aid))
                    {
                        break;
                    }

                    // 6283: the application is blocked; it is not offered, but a partial match still asks for the next one.
                    if (sw == Sw9000)
                    {
                        AddCandidate(_response, dfOffset, dfLength, 0, n);
                    }

                    if (dfLength == aid.Length)
                    {
                        break; // exact match: no other occurrence to look for
                    }

                    next = true;
                }
            }

            return true;
        }

        private bool IsSupported(byte[] aid, int offset, int length)
        {
            if (length < 5 || length > MaxAidBytes)
            {
                return false;
            }

            for (int s = 0; s < _supportedAids.Length; s++)
            {
                byte[] supported = _supportedAids[s];
                if (length >= supported.Length && StartsWith(aid, offset, supported))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool StartsWith(byte[] data, int offset, byte[] prefix)
        {
            for (int i = 0; i < prefix.Length; i++)
            {
                if (data[offset + i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        // Adds a candidate (AID, and the label, preferred name and priority found in the template around it); a full list or a repeated AID is left alone.
        private void AddCandidate(byte[] data, int aidOffset, int aidLength, int templateOffset, int templateLength)
        {
            if (_candidateCount == ContactKernelResult.MaxCandidates)
            {
                return;
            }

            for (int c = 0; c < _candidateCount; c++)
            {
                if (_candidateAidLengths[c] == aidLength && SameBytes(_candidateAids, c * MaxAidBytes, data, aidOffset, aidLength))
                {
                    return;
                }
            }

            int slot = _candidateCount++;
            for (int i = 0; i < aidLength; i++)
            {
                _candidateAids[(slot * MaxAidBytes) + i] = data[aidOffset + i];
            }

            _candidateAidLengths[slot] = aidLength;
            int priorityLength = BerTlv.Find(data, templateOffset, templateLength, EmvTag.Priority, out int priorityOffset);
            int priority = priorityLength == 1 ? data[priorityOffset] : 0;

            // Priority 1 ranks first, 15 last, 0 (or none) after every numbered one (Book 1, 12.4).
            _candidateRanks[slot] = (priority & 0x0F) == 0 ? 16 : priority & 0x0F;
            _candidateConfirm[slot] = (priority & 0x80) != 0;
            _candidateLabels[slot] = Label(data, templateOffset, templateLength, aidOffset, aidLength);
        }

        // The preferred name (9F12) when its code table (9F11) is 1, ISO 8859-1, which the terminal shows as far as it is ASCII; else the label (50); else the AID in hex.
        private static string Label(byte[] data, int offset, int length, int aidOffset, int aidLength)
        {
            int tableLength = BerTlv.Find(data, offset, length, EmvTag.IssuerCodeTableIndex, out int tableOffset);
            if (tableLength == 1 && data[tableOffset] == 0x01)
            {
                int nameLength = BerTlv.Find(data, offset, length, EmvTag.PreferredName, out int nameOffset);
                if (IsPrintable(data, nameOffset, nameLength))
                {
                    return Text(data, nameOffset, nameLength);
                }
            }

            int labelLength = BerTlv.Find(data, offset, length, EmvTag.ApplicationLabel, out int labelOffset);
            if (IsPrintable(data, labelOffset, labelLength))
            {
                return Text(data, labelOffset, labelLength);
            }

            return Util.HexText.Encode(data, aidOffset, aidLength);
        }

        private static bool IsPrintable(byte[] data, int offset, int length)
        {
            if (length < 1 || length > 16)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (data[offset + i] < 0x20 || data[offset + i] > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private static string Text(byte[] data, int offset, int length)
        {
            char[] c = new char[length];
            for (int i = 0; i < length; i++)
            {
                c[i] = (char)data[offset + i];
            }

            return new string(c);
        }

        private static bool SameBytes(byte[] a, int aOffset, byte[] b, int bOffset, int length)
        {
            for (int i = 0; i < length; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        // Orders the candidates by priority, keeping the card's order among equals (an insertion sort over at most eight).
        private void SortCandidates()
        {
            for (int i = 1; i < _candidateCount; i++)
            {
                for (int j = i; j > 0 && _candidateRanks[j] < _candidateRanks[j - 1]; j--)
                {
                    SwapCandidates(j, j - 1);
                }
            }
        }

        private void SwapCandidates(int a, int b)
        {
            for (int i = 0; i < MaxAidBytes; i++)
            {
                byte t = _candidateAids[(a * MaxAidBytes) + i];
                _candidateAids[(a * MaxAidBytes) + i] = _candidateAids[(b * MaxAidBytes) + i];
                _candidateAids[(b * MaxAidBytes) + i] = t;
            }

            int length = _candidateAidLengths[a];
            _candidateAidLengths[a] = _candidateAidLengths[b];
            _candidateAidLengths[b] = length;
            int rank = _candidateRanks[a];
            _candidateRanks[a] = _candidateRanks[b];
            _candidateRanks[b] = rank;
            bool confirm = _candidateConfirm[a];
            _candidateConfirm[a] = _candidateConfirm[b];
            _candidateConfirm[b] = confirm;
            string label = _candidateLabels[a];
            _candidateLabels[a] = _candidateLabels[b];
            _candidateLabels[b] = label;
        }

        // Asks the cardholder to choose, or goes on with a lone candidate that needs no confirmation (Book 1, 12.4).
        private ContactKernelResult OfferCandidates()
        {
            if (_candidateCount == 1 && !_candidateConfirm[0])
            {
                _result.ClearCandidates();
                return Process(0, _terminal!);
            }

            _result.ClearCandidates();
            for (int c = 0; c < _candidateCount; c++)
            {
                _result.AddCandidate(_candidateLabels[c]);
            }

            return _result.Set(ContactOutcome.ChooseApplication);
        }

        // The chosen candidate could not be used (final SELECT failed, or GPO 6985): it leaves the list and the choice is offered again.
        private ContactKernelResult TryAnother(int index, string reason)
        {
            for (int c = index; c < _candidateCount - 1; c++)
            {
                SwapCandidates(c, c + 1);
            }

            _candidateCount--;
            _card.Data.Clear();
            if (_candidateCount == 0)
            {
                return FailCard(EmvReadError.NoSupportedApplication, reason + "; no other application", true);
            }

            _stage = Stage.Choosing;
            OfferCandidates();
            if (_result.Outcome == ContactOutcome.ChooseApplication)
            {
                _result.SetReason(reason + "; choose again");
            }

            return _result;
        }
    }
}
