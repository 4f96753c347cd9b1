namespace Terminal.Core.Emv
{
    /// <summary>
    /// After the host's answer (EMV Book 3, 10.9 to 10.11): issuer authentication, issuer scripts 71 before and
    /// 72 after the second GENERATE AC, and the script results CUP reports in DF31.
    /// </summary>
    public sealed partial class ContactEmvKernel
    {
        /// <summary>Issuer scripts one answer may carry that the kernel runs and reports; later ones are ignored.</summary>
        public const int MaxScripts = 8;

        // One DF31 entry: result nibble and sequence (1 byte), then the script identifier 9F18 (4 bytes, zeros when absent).
        private const int ScriptResultLength = 5;

        private const int ScriptNotPerformed = 0x00;
        private const int ScriptFailed = 0x10;
        private const int ScriptPerformed = 0x20;

        private readonly byte[] _scriptResults = new byte[MaxScripts * ScriptResultLength];
        private int _scriptCount;

        private ContactKernelResult CompleteOnline(HostDecision decision, string? responseCode, byte[]? field55, int offset, int length)
        {
            EmvDataStore store = _card.Data;
            EmvTerminalData terminal = _terminal!;
            bool approved = decision == HostDecision.Approved;
            _result.SetHostApproved(approved);
            bool usable = field55 != null && offset >= 0 && length > 0 && length <= field55.Length - offset && BerTlv.Validate(field55, offset, length) == 0;

            int ask = approved ? AskTc : AskAac;
            if (decision == HostDecision.Unreachable)
            {
                ask = DefaultAction(terminal);
                _scratch[0] = ask == AskTc ? (byte)'Y' : (byte)'Z'; // Y3 / Z3: unable to go online, offline approved / declined
                _scratch[1] = (byte)'3';
                store.Put(EmvTag.AuthorisationResponseCode, _scratch, 0, 2);
            }
            else
            {
                int arcOffset = 0;
                int arcLength = usable ? BerTlv.Find(field55!, offset, length, EmvTag.AuthorisationResponseCode, out arcOffset) : -1;
                if (arcLength == 2)
                {
                    store.Put(EmvTag.AuthorisationResponseCode, field55!, arcOffset, 2);
                }
                else
                {
                    _scratch[0] = responseCode != null && responseCode.Length == 2 ? (byte)responseCode[0] : (byte)'0';
                    _scratch[1] = responseCode != null && responseCode.Length == 2 ? (byte)responseCode[1] : (byte)(approved ? '0' : '5');
                    store.Put(EmvTag.AuthorisationResponseCode, _scratch, 0, 2);
                }
            }

            bool issuerDataInCdol2 = false;
            if (usable && decision != HostDecision.Unreachable && !AuthenticateIssuer(field55!, offset, length, out issuerDataInCdol2))
            {
                return _result;
            }

            if (usable && !RunScripts(EmvTag.IssuerScript1, field55!, offset, length))
            {
                return _result;
            }

            if (!GenerateAc(ask, EmvTag.Cdol2, "GENERATE AC 2", false))
            {
                return _result;
            }

            int type = CryptogramType();
            if (issuerDataInCdol2)
            {
                _result.SetIssuerAuthentication(type == AskTc ? IssuerAuthentication.Passed : IssuerAuthentication.Failed);
            }

            ContactOutcome outcome;
            if (type == AskTc && ask == AskTc)
            {
                outcome = ContactOutcome.Approved;
            }
            else if (type == AskAac)
            {
                outcome = approved ? ContactOutcome.DeclinedAfterApproval : ContactOutcome.Declined;
            }
            else
            {
                return FailCard(EmvReadError.Terminated, "GENERATE AC 2: the card answered a " + CryptogramName(type) + " to a request for " + CryptogramName(ask), false);
            }

            // Scripts 72 run after the card's final word: their failure, a pulled card included, no longer changes the outcome.
            if (usable)
            {
                RunScripts(EmvTag.IssuerScript2, field55!, offset, length);
            }

            if (_scriptCount > 0)
            {
                store.Put(EmvTag.ScriptResults, _scriptResults, 0, _scriptCount * ScriptResultLength);
            }

            PutStatus();
            _stage = Stage.Done;
            _result.SetScriptCount(_scriptCount);
            _result.SetReversalRequired(outcome == ContactOutcome.DeclinedAfterApproval);
            return _result.Set(outcome);
        }

        // Unable to go online (Book 3, 10.7): an online-only terminal (9F35 x1 or x4) declines; another one compares the TVR with IAC-default and TAC-default.
        private int DefaultAction(EmvTerminalData terminal)
        {
            int kind = terminal.TerminalType & 0x0F;
            if (kind == 1 || kind == 4)
            {
                return AskAac;
            }

            EmvDataStore store = _card.Data;
            int iacLength = store.Find(EmvTag.IacDefault, out int iacOffset);
            for (int i = 0; i < TvrLength; i++)
            {
                // An absent IAC-default counts as all ones.
                int iac = iacLength == TvrLength ? store.Buffer[iacOffset + i] : 0xFF;
                int tac = i < terminal.TacDefault.Length ? terminal.TacDefault[i] : 0;
                if ((_tvr[i] & (iac | tac)) != 0)
                {
                    return AskAac;
                }
            }

            return AskTc;
        }

        // Issuer authentication data (91): EXTERNAL AUTHENTICATE when the AIP supports it and 91 is not in CDOL2; false when the session ended.
        private bool AuthenticateIssuer(byte[] field55, int offset, int length, out bool inCdol2)
        {
            EmvDataStore store = _card.Data;
            inCdol2 = false;
            int dataLength = BerTlv.Find(field55, offset, length, EmvTag.IssuerAuthenticationData, out int dataOffset);
            if (dataLength < 8 || dataLength > 16)
            {
                return true;
            }

            store.Put(EmvTag.IssuerAuthenticationData, field55, dataOffset, dataLength);
            inCdol2 = DolNames(EmvTag.Cdol2, EmvTag.IssuerAuthenticationData);
            int aipLength = store.Find(EmvTag.Aip, out int aipOffset);
            bool supported = aipLength == 2 && (store.Buffer[aipOffset] & 0x04) != 0;
            if (inCdol2)
            {
                _tsi[0] |= 0x10; // issuer authentication was performed (by the card, in GENERATE AC 2)
                return true;
            }

            if (!supported)
            {
                return true;
            }

            int p = 0;
            _command[p++] = 0x00;
            _command[p++] = 0x82; // EXTERNAL AUTHENTICATE
            _command[p++] = 0x00;
            _command[p++] = 0x00;
            _command[p++] = (byte)dataLength;
            for (int i = 0; i < dataLength; i++)
            {
                _command[p++] = field55[dataOffset + i];
            }

            if (!Exchange(p, "EXTERNAL AUTHENTICATE"))
            {
                return false;
            }

            _tsi[0] |= 0x10;
            if (StatusWord == Sw9000)
            {
                _result.SetIssuerAuthentication(IssuerAuthentication.Passed);
            }
            else
            {
                _tvr[4] |= 0x40; // issuer authentication failed
                _result.SetIssuerAuthentication(IssuerAuthentication.Failed);
            }

            return true;
        }

        // Whether the DOL held under dolTag names wanted.
        private bool DolNames(int dolTag, int wanted)
        {
            EmvDataStore store = _card.Data;
            int length = store.Find(dolTag, out int position);
            if (length <= 0)
            {
                return false;
            }

            byte[] b = store.Buffer;
            int end = position + length;
            while (position < end)
            {
                int tag = b[position++];
                if ((tag & 0x1F) == 0x1F)
                {
                    int count = 1;
                    while (position < end && count++ < 3)
                    {
                        int more = b[position++];
                        tag = (tag << 8) | more;
                        if ((more & 0x80) == 0)
                        {
                            break;
                        }
                    }
                }

                if (tag == wanted)
                {
                    return true;
                }

                position++; // the length byte
            }

            return false;
        }

        // Runs every script of one template kind (71 or 72) in the answer (Book 3, 10.10); false when the session ended before the final GENERATE AC.
        private bool RunScripts(int templateTag, byte[] field55, int offset, int length)
        {
            bool before = templateTag == EmvTag.IssuerScript1;
            int position = offset;
            int end = offset + length;
            while (position < end)
            {
                int next = BerTlv.ReadHeader(field55, position, end, out int tag, out int valueOffset, out int valueLength);
                if (next <= position)
                {
                    break;
                }

                if (tag == templateTag && _scriptCount < MaxScripts)
                {
                    _tsi[0] |= 0x04; // script processing was performed
                    int status = RunScript(field55, valueOffset, valueLength, before);
                    if (status < 0 && before)
                    {
                        return false;
                    }
                }

                position = next;
            }

            return true;
        }

        // Runs the commands (86) of one script and records its result; -1 when the reader failed (result set before the final GENERATE AC).
        private int RunScript(byte[] data, int offset, int length, bool before)
        {
            int slot = _scriptCount++ * ScriptResultLength;
            _scriptResults[slot] = ScriptNotPerformed;
            for (int i = 1; i < ScriptResultLength; i++)
            {
                _scriptResults[slot + i] = 0;
            }

            int idLength = BerTlv.Find(data, offset, length, EmvTag.IssuerScriptId, out int idOffset);
            if (idLength == 4)
            {
                for (int i = 0; i < 4; i++)
                {
                    _scriptResults[slot + 1 + i] = data[idOffset + i];
                }
            }

            int sequence = 0;
            int position = offset;
            int end = offset + length;
            while (position < end)
            {
                int next = BerTlv.ReadHeader(data, position, end, out int tag, out int commandOffset, out int commandLength);
                if (next <= position)
                {
                    break;
                }

                position = next;
                if (tag == EmvTag.IssuerScriptId)
                {
                    continue;
                }

                sequence++;
                if (tag != EmvTag.IssuerScriptCommand || commandLength < 4 || commandLength > _command.Length)
                {
                    // A script the terminal cannot parse is not run any further (Book 3, 10.10).
                    return FailScript(slot, 0, before);
                }

                for (int i = 0; i < commandLength; i++)
                {
                    _command[i] = data[commandOffset + i];
                }

                int n = _reader.Transceive(_command, 0, commandLength, _response, 0, _response.Length);
                if (n < 0 || n < 2)
                {
                    FailScript(slot, sequence, before);
                    if (before)
                    {
                        if (n < 0)
                        {
                            FailReader(n, "issuer script", false);
                        }
                        else
                        {
                            FailCard(EmvReadError.MalformedData, "issuer script: answer shorter than a status word", false);
                        }

                        return -1;
                    }

                    return 0;
                }

                int sw1 = _response[n - 2];
                _result.SetStatusWord((sw1 << 8) | _response[n - 1]);
                if (sw1 != 0x90 && sw1 != 0x62 && sw1 != 0x63)
                {
                    return FailScript(slot, sequence, before);
                }
            }

            _scriptResults[slot] = sequence == 0 ? (byte)ScriptNotPerformed : (byte)ScriptPerformed;
            return 0;
        }

        private int FailScript(int slot, int sequence, bool before)
        {
            _scriptResults[slot] = (byte)(ScriptFailed | (sequence > 14 ? 0x0F : sequence));
            _tvr[4] |= before ? (byte)0x20 : (byte)0x10; // script processing failed before / after the final GENERATE AC
            return 0;
        }
    }
}
