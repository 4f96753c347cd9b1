using Terminal.Hal;

namespace Terminal.Drivers.Contact
{
    /// <summary>
    /// ISO/IEC 7816-3 T=1 (EMV Book 1 9.2.4) as the terminal runs it: blocks NAD PCB LEN INF LRC; I-blocks with
    /// N(S) and the chaining bit both ways (the card's IFSC bounds ours, our IFSD bounds the card's); R-blocks to
    /// acknowledge a chained block or to report a broken or missing one (the other side then sends its last block
    /// again); S(IFS) after the ATR and when the card asks, S(WTX) answered and the next wait stretched, S(ABORT)
    /// ends the exchange. Three retransmissions of one block, then the exchange fails. No allocation.
    /// </summary>
    internal sealed class T1Protocol
    {
        private const int MaxRetries = 3;
        private const int MaxInf = 254;
        private const int PcbIfsRequest = 0xC1;
        private const int PcbIfsResponse = 0xE1;
        private const int PcbAbortRequest = 0xC2;
        private const int PcbWtxRequest = 0xC3;
        private const int PcbWtxResponse = 0xE3;

        private readonly CardLine _line;
        private readonly int _ifsd;
        private readonly byte[] _tx = new byte[MaxInf + 4];
        private readonly byte[] _rx = new byte[MaxInf + 4];
        private int _txLength;
        private int _ns;
        private int _cardNs;
        private int _ifsc = 32;
        private int _bwtMs;
        private int _cwtMs;

        public T1Protocol(CardLine line, int ifsd)
        {
            _line = line;
            _ifsd = ifsd;
        }

        /// <summary>Block waiting time in milliseconds (11 etu + 2^BWI x 960 etu, plus EMV's 960 etu of tolerance).</summary>
        public int BlockWaitMs => _bwtMs;

        /// <summary>The card's information field size now.</summary>
        public int Ifsc => _ifsc;

        /// <summary>Broken or missing blocks that were asked again (diagnostics).</summary>
        public int Retransmissions { get; private set; }

        /// <summary>S(WTX) requests answered (diagnostics).</summary>
        public int WaitExtensions { get; private set; }

        /// <summary>Starts a session with the ATR's parameters and sends S(IFS request) with our IFSD.</summary>
        public int Start(AnswerToReset atr)
        {
            _ns = 0;
            _cardNs = 0;
            _ifsc = atr.Ifsc;
            _bwtMs = _line.Ms(11 + ((1 << atr.Bwi) * 960) + 960);
            _cwtMs = _line.Ms(11 + (1 << atr.Cwi) + 4);
            for (int attempt = 0; attempt <= MaxRetries; attempt++)
            {
                _tx[3] = (byte)_ifsd;
                BuildBlock(PcbIfsRequest, 1);
                int status = SendAndReceive(1);
                if (status == ReaderStatus.NoCard)
                {
                    return status;
                }

                if (status >= 0 && _rx[1] == PcbIfsResponse && _rx[2] == 1 && _rx[3] == _ifsd)
                {
                    return ReaderStatus.Ok;
                }
            }

            return ReaderStatus.ProtocolError;
        }

        public int Transceive(byte[] command, int offset, int length, byte[] response, int responseOffset, int capacity)
        {
            int sent = 0;
            int chunk = BuildIBlock(command, offset, length, sent);
            bool ourChainDone = false;
            int received = 0;
            int retries = 0;
            int wtx = 1;
            while (true)
            {
                int status = SendAndReceive(wtx);
                wtx = 1;
                if (status == ReaderStatus.NoCard || status == ReaderStatus.ReaderFault)
                {
                    return status;
                }

                if (status < 0)
                {
                    if (++retries > MaxRetries)
                    {
                        return status;
                    }

                    // Broken or missing block: ask for the block we expect (EDC error or other error).
                    Retransmissions++;
                    BuildRBlock(_cardNs, status == ReaderStatus.TransmissionError ? 1 : 2);
                    continue;
                }

                int pcb = _rx[1];
                int len = _rx[2];
                if ((pcb & 0x80) == 0)
                {
                    // I-block from the card: our last block is acknowledged.
                    if (!ourChainDone && sent + chunk < length)
                    {
                        return ReaderStatus.ProtocolError;
                    }

                    if (((pcb >> 6) & 1) != _cardNs)
                    {
                        if (++retries > MaxRetries)
                        {
                            return ReaderStatus.ProtocolError;
                        }

                        BuildRBlock(_cardNs, 2);
                        continue;
                    }

                    if (!ourChainDone)
                    {
                        ourChainDone = true;
                        _ns ^= 1;
                    }

                    _cardNs ^= 1;
                    retries = 0;
                    if (received + len > capacity)
                    {
                        return ReaderStatus.BufferTooSmall;
                    }

                    for (int i = 0; i < len; i++)
                    {
                        response[responseOffset + received++] = _rx[3 + i];
                    }

                    if ((pcb & 0x20) == 0)
                    {
                        return received;
                    }

                    BuildRBlock(_cardNs, 0);
                    continue;
                }

                if ((pcb & 0xC0) == 0x80)
                {
                    int nr = (pcb >> 4) & 1;
                    if (!ourChainDone && nr != _ns && sent + chunk < length)
                    {
                        // Our chained block is acknowledged: the next part.
                        _ns ^= 1;
                        sent += chunk;
                        retries = 0;
                        chunk = BuildIBlock(command, offset, length, sent);
                        continue;
                    }

                    // The card did not get our last block right: send it again.
                    if (++retries > MaxRetries)
                    {
                        return ReaderStatus.TransmissionError;
                    }

                    Retransmissions++;
                    if (!ourChainDone)
                    {
                        chunk = BuildIBlock(command, offset, length, sent);
                    }

                    continue;
                }

                if (pcb == PcbWtxRequest && len == 1)
                {
                    WaitExtensions++;
                    wtx = _rx[3] == 0 ? 1 : _rx[3];
                    _tx[3] = _rx[3];
                    BuildBlock(PcbWtxResponse, 1);
                    continue;
                }

                if (pcb == PcbIfsRequest && len == 1 && _rx[3] >= 0x10 && _rx[3] <= 0xFE)
                {
                    _ifsc = _rx[3];
                    _tx[3] = _rx[3];
                    BuildBlock(PcbIfsResponse, 1);
                    continue;
                }

                // S(ABORT) or anything else: the exchange cannot go on.
                return ReaderStatus.ProtocolError;
            }
        }

        private int BuildIBlock(byte[] command, int offset, int length, int sent)
        {
            int n = length - sent;
            bool more = n > _ifsc;
            if (more)
            {
                n = _ifsc;
            }

            for (int i = 0; i < n; i++)
            {
                _tx[3 + i] = command[offset + sent + i];
            }

            BuildBlock((_ns << 6) | (more ? 0x20 : 0), n);
            return n;
        }

        private void BuildRBlock(int nr, int error) => BuildBlock(0x80 | (nr << 4) | error, 0);

        // The INF is already in _tx[3..]; adds NAD 0, PCB, LEN and the LRC.
        private void BuildBlock(int pcb, int infLength)
        {
            _tx[0] = 0;
            _tx[1] = (byte)pcb;
            _tx[2] = (byte)infLength;
            int lrc = 0;
            for (int i = 0; i < 3 + infLength; i++)
            {
                lrc ^= _tx[i];
            }

            _tx[3 + infLength] = (byte)lrc;
            _txLength = 4 + infLength;
        }

        // Sends the block in _tx and reads the answer into _rx; returns its INF length, or Timeout (nothing),
        // TransmissionError (LRC), ProtocolError (format), NoCard.
        private int SendAndReceive(int wtx)
        {
            int status = _line.Send(_tx, 0, _txLength);
            if (status < 0)
            {
                return status;
            }

            int b = _line.ReadByte(_bwtMs * wtx);
            if (b < 0)
            {
                return b;
            }

            _rx[0] = (byte)b;
            for (int i = 1; i < 3; i++)
            {
                b = _line.ReadByte(_cwtMs);
                if (b < 0)
                {
                    return b == ReaderStatus.Timeout ? ReaderStatus.TransmissionError : b;
                }

                _rx[i] = (byte)b;
            }

            int len = _rx[2];
            if (len > MaxInf || _rx[0] != 0)
            {
                DrainBlock();
                return ReaderStatus.ProtocolError;
            }

            int lrc = _rx[0] ^ _rx[1] ^ _rx[2];
            for (int i = 0; i <= len; i++)
            {
                b = _line.ReadByte(_cwtMs);
                if (b < 0)
                {
                    return b == ReaderStatus.Timeout ? ReaderStatus.TransmissionError : b;
                }

                _rx[3 + i] = (byte)b;
                lrc ^= b;
            }

            if (lrc != 0)
            {
                return ReaderStatus.TransmissionError;
            }

            return len > _ifsd ? ReaderStatus.ProtocolError : len;
        }

        // A block that cannot be framed: let the card finish it (a character waiting time of silence).
        private void DrainBlock()
        {
            while (_line.ReadByte(_cwtMs) >= 0)
            {
            }
        }
    }
}
