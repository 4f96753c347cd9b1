using Terminal.Hal;

namespace Terminal.Drivers.Contact
{
    /// <summary>
    /// ISO/IEC 7816-3 T=0 (EMV Book 1 9.2 and annex A) as the terminal runs it: the command header (CLA INS P1 P2
    /// P3), procedure bytes from the card (0x60 NULL: keep waiting; INS: send all remaining data or receive all;
    /// ~INS: one byte; 6x/9x: SW1, then SW2), GET RESPONSE on 61xx and the command resent with P3 = xx on 6Cxx.
    /// Short APDUs only (cases 1 to 4; extended lengths are refused). No allocation.
    /// </summary>
    internal sealed class T0Protocol
    {
        private const int MaxRounds = 32;     // 61xx/6Cxx rounds of one command
        private const int MaxNulls = 2000;    // NULL bytes tolerated in a row (a card stuck asking for time)

        private readonly CardLine _line;
        private readonly byte[] _header = new byte[5];
        private int _waitMs;

        public T0Protocol(CardLine line)
        {
            _line = line;
        }

        /// <summary>Sets the work waiting time from WI: 960 x WI etu, plus EMV's 480 etu of tolerance.</summary>
        public void Configure(int wi)
        {
            _waitMs = _line.Ms((960 * wi) + 480);
        }

        /// <summary>Work waiting time in milliseconds: the longest wait for each procedure or data byte.</summary>
        public int WaitMs => _waitMs;

        public int Transceive(byte[] command, int offset, int length, byte[] response, int responseOffset, int capacity)
        {
            if (length < 4 || capacity < 2)
            {
                return length < 4 ? ReaderStatus.ProtocolError : ReaderStatus.BufferTooSmall;
            }

            int lc = 0;
            int le = 0;
            if (length == 5)
            {
                le = command[offset + 4] == 0 ? 256 : command[offset + 4];
            }
            else if (length > 5)
            {
                lc = command[offset + 4];
                if (lc == 0 || (length != 5 + lc && length != 6 + lc))
                {
                    return ReaderStatus.ProtocolError;
                }
            }

            for (int i = 0; i < 4; i++)
            {
                _header[i] = command[offset + i];
            }

            _header[4] = (byte)(lc > 0 ? lc : (le == 256 ? 0 : le));
            int received = 0;
            int sw = Exchange(command, offset + 5, lc, lc > 0 ? 0 : le, response, responseOffset, capacity - 2, ref received);
            for (int round = 0; round < MaxRounds && sw >= 0; round++)
            {
                int sw1 = sw >> 8;
                int sw2 = sw & 0xFF;
                if (sw1 == 0x61)
                {
                    // The answer waits: GET RESPONSE with Le = SW2 (00 means 256).
                    _header[0] = 0x00;
                    _header[1] = 0xC0;
                    _header[2] = 0x00;
                    _header[3] = 0x00;
                    _header[4] = (byte)sw2;
                }
                else if (sw1 == 0x6C && (lc == 0 || _header[1] == 0xC0))
                {
                    // Wrong Le: the same header again with P3 = SW2.
                    _header[4] = (byte)sw2;
                }
                else
                {
                    response[responseOffset + received] = (byte)sw1;
                    response[responseOffset + received + 1] = (byte)sw2;
                    return received + 2;
                }

                sw = Exchange(command, 0, 0, sw2 == 0 ? 256 : sw2, response, responseOffset, capacity - 2, ref received);
            }

            return sw < 0 ? sw : ReaderStatus.ProtocolError;
        }

        // Sends _header, then data as the card asks; receives up to `expect` bytes into the response; returns SW1 SW2 or a negative status.
        private int Exchange(byte[] data, int dataOffset, int dataLength, int expect, byte[] response, int responseOffset, int capacity, ref int received)
        {
            int status = _line.Send(_header, 0, 5);
            if (status < 0)
            {
                return status;
            }

            byte ins = _header[1];
            int sent = 0;
            int got = 0;
            int nulls = 0;
            while (true)
            {
                int b = _line.ReadByte(_waitMs);
                if (b < 0)
                {
                    return b;
                }

                if (b == 0x60)
                {
                    if (++nulls > MaxNulls)
                    {
                        return ReaderStatus.Timeout;
                    }

                    continue;
                }

                nulls = 0;
                if ((b & 0xF0) == 0x60 || (b & 0xF0) == 0x90)
                {
                    int sw2 = _line.ReadByte(_waitMs);
                    return sw2 < 0 ? sw2 : (b << 8) | sw2;
                }

                bool all = b == ins;
                if (!all && b != (ins ^ 0xFF))
                {
                    return ReaderStatus.ProtocolError;
                }

                if (sent < dataLength)
                {
                    int n = all ? dataLength - sent : 1;
                    status = _line.Send(data, dataOffset + sent, n);
                    if (status < 0)
                    {
                        return status;
                    }

                    sent += n;
                }
                else if (got < expect)
                {
                    int n = all ? expect - got : 1;
                    for (int i = 0; i < n; i++)
                    {
                        int d = _line.ReadByte(_waitMs);
                        if (d < 0)
                        {
                            return d;
                        }

                        if (received >= capacity)
                        {
                            return ReaderStatus.BufferTooSmall;
                        }

                        response[responseOffset + received++] = (byte)d;
                    }

                    got += n;
                }
                else
                {
                    // An acknowledgement with nothing left to send or receive.
                    return ReaderStatus.ProtocolError;
                }
            }
        }
    }
}
