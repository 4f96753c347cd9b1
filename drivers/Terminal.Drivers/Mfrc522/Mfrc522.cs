using Terminal.Hal;

namespace Terminal.Drivers.Contactless
{
    /// <summary>
    /// An NXP MFRC522 reader on SPI as an ISO/IEC 14443-4 type A reader: card detection (WUPA/HLTA),
    /// anticollision and SELECT over up to three cascade levels, RATS, and ISO-DEP block exchange with
    /// chaining both ways, R(ACK)/R(NAK) recovery and S(WTX). Frames go through the chip's FIFO with the
    /// Transceive command; CRC_A comes from the chip's CRC coprocessor. Buffers are allocated once.
    /// </summary>
    public sealed partial class Mfrc522 : IContactlessReader
    {
        /// <summary>How often an idle reader looks for a card, in milliseconds.</summary>
        public const int PollIntervalMs = 200;

        private const int FifoSize = 64;
        private const int FsdiCode = 5; // FSD 64: the FIFO is 64 bytes, so larger frames would need refilling mid-frame.
        private const int Layer3TimeoutUs = 5000; // FDT of layer 3 is ~0.1 ms; RATS may take up to 65536/fc (4.8 ms).
        private const int FwtMarginUs = 3700; // delta FWT of ISO/IEC 14443-4 (49152/fc).
        private const int MaxRetries = 2;
        private const int MaxWtxInARow = 60;
        private const int TimerPrescaler = 678; // (2*678+1)/13.56 MHz = 100.07 us per timer tick.

        private const int StateIdle = 0;
        private const int StatePresent = 1;
        private const int StateActive = 2;

        private readonly ISpiDevice _spi;
        private readonly IGpioController? _gpio;
        private readonly int _resetPin;
        private readonly bool _shouldDispose;
        private readonly byte[] _spiTx = new byte[FifoSize + 2];
        private readonly byte[] _spiRx = new byte[FifoSize + 2];
        private readonly byte[] _tx = new byte[FifoSize];
        private readonly byte[] _rx = new byte[FifoSize];
        private readonly byte[] _lastIBlock = new byte[FifoSize];
        private readonly byte[] _uid = new byte[10];

        private IEventSink? _sink;
        private bool _started;

        /// <summary>The Code of this driver's <see cref="EventKind.DeviceWake"/> events.</summary>
        public const int WakeTag = 0x5246; // "RF"
        private bool _fieldOn;
        private int _state;
        private int _misses;
        private long _nextPollMs;
        private int _timerTicks = -1;
        private int _pcdBlockNumber;
        private int _fsc = 32;
        private int _fwtUs = 4833;
        private int _uidLength;
        private int _lastIBlockLength;
        private int _sak;
        private int _lastError;

        /// <summary>
        /// Creates the driver on <paramref name="spi"/> (mode 0, up to 10 MHz). With a GPIO controller and a
        /// reset pin, NRSTPD is driven high at start; <paramref name="shouldDispose"/> makes Dispose release the bus.
        /// </summary>
        public Mfrc522(ISpiDevice spi, IGpioController? gpio = null, int resetPin = -1, bool shouldDispose = true)
        {
            _spi = spi;
            _gpio = gpio;
            _resetPin = resetPin;
            _shouldDispose = shouldDispose;
            if (_gpio != null && _resetPin >= 0)
            {
                _gpio.OpenPin(_resetPin, PinMode.Output);
                _gpio.Write(_resetPin, PinValue.High);
            }

            Initialize();
        }

        /// <summary>The UID of the last activated card (4, 7 or 10 bytes) is copied out; returns its length.</summary>
        public int GetUid(byte[] buffer, int offset)
        {
            for (int i = 0; i < _uidLength; i++)
            {
                buffer[offset + i] = _uid[i];
            }

            return _uidLength;
        }

        /// <summary>SAK of the last selected card.</summary>
        public int Sak => _sak;

        /// <summary>Frame size the card accepts (FSC from its ATS, capped by the FIFO).</summary>
        public int CardFrameSize => _fsc;

        /// <summary>Frame waiting time of the card from its ATS, in microseconds.</summary>
        public int FrameWaitingTimeUs => _fwtUs;

        /// <summary>The last negative <see cref="ReaderStatus"/> a frame exchange ended with (for diagnostics).</summary>
        public int LastError => _lastError;

        /// <summary>True while a card is activated to ISO-DEP.</summary>
        public bool IsActive => _state == StateActive;

        /// <inheritdoc />
        public void Start(IEventSink sink)
        {
            _sink = sink;
            _state = StateIdle;
            _nextPollMs = 0;
            SetField(true);
            _started = true;
        }

        /// <inheritdoc />
        public void SetField(bool on)
        {
            if (on)
            {
                SetBits(Mfrc522Register.TxControlReg, Mfrc522Bits.TxRfEnable);
            }
            else
            {
                ClearBits(Mfrc522Register.TxControlReg, Mfrc522Bits.TxRfEnable);
                _state = StateIdle; // an unpowered card forgets its session
            }

            bool wasOn = _fieldOn;
            _fieldOn = on;
            if (on && !wasOn && _started && _sink != null)
            {
                // Polling stops while the field is off; the loop polls an idle driver again only after an event.
                _nextPollMs = 0;
                _sink.Post(EventKind.DeviceWake, WakeTag, 0, EventPriority.Low);
            }
        }

        /// <inheritdoc />
        public bool SelfCheck()
        {
            int version = ReadRegister(Mfrc522Register.VersionReg);
            return version == 0x91 || version == 0x92;
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (!_started || !_fieldOn)
            {
                return Deadline.Never;
            }

            if (nowMs < _nextPollMs)
            {
                return _nextPollMs;
            }

            bool present = _state == StateActive ? PresenceCheck() : WakeAndHalt();
            if (present)
            {
                _misses = 0;
                if (_state == StateIdle)
                {
                    _state = StatePresent;
                    Post(EventKind.CardPresent);
                }
            }
            else if (_state != StateIdle && ++_misses >= 2)
            {
                // Two misses in a row: one lost frame is noise, two is a card that left.
                _misses = 0;
                _state = StateIdle;
                Post(EventKind.CardRemoved);
            }

            _nextPollMs = nowMs + PollIntervalMs;
            return _nextPollMs;
        }

        /// <inheritdoc />
        public int Activate()
        {
            if (!_fieldOn)
            {
                SetField(true);
            }

            // A broken frame during activation is retried from WUPA, which any card state accepts. Two cards
            // are not resolved: like an EMV contactless reader, the driver reports the collision so the
            // terminal can ask for one card.
            int status = ReaderStatus.NoCard;
            for (int attempt = 0; attempt <= MaxRetries; attempt++)
            {
                status = ActivateOnce();
                if (status == ReaderStatus.Ok || status == ReaderStatus.NoCard || status == ReaderStatus.ReaderFault || status == ReaderStatus.Collision)
                {
                    return status;
                }
            }

            return status;
        }

        /// <inheritdoc />
        public int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity)
        {
            if (_state != StateActive)
            {
                return ReaderStatus.NoCard;
            }

            int maxInf = _fsc - 3; // PCB + CRC_A
            int sent = 0;
            int received = 0;
            bool cardChaining = false;
            int errors = 0;
            int wtxInARow = 0;
            int wtxm = 1;
            int txLength = BuildIBlock(command, commandOffset, commandLength, 0, maxInf);
            CopyToLastIBlock(txLength);

            while (true)
            {
                int n = ExchangeWithCrc(_tx, txLength, _rx, ((_fwtUs * wtxm) + FwtMarginUs));
                wtxm = 1;
                if (n < 1)
                {
                    if (n == ReaderStatus.BufferTooSmall || n == ReaderStatus.ReaderFault || ++errors > MaxRetries)
                    {
                        return n < 0 ? n : ReaderStatus.ProtocolError;
                    }

                    // Rule 4 and 5: on a lost or broken frame ask again; while the card chains, R(ACK) asks for the next part.
                    txLength = RBlock(cardChaining ? Iso14443.RAck : Iso14443.RNak);
                    continue;
                }

                int pcb = _rx[0];
                if ((pcb & 0xC0) == 0x00 && (pcb & 0x22) == 0x02)
                {
                    // I-block from the card: only valid once our whole command has gone out.
                    if (sent + LastChunkLength(commandLength, sent, maxInf) < commandLength || (pcb & 0x01) != _pcdBlockNumber || (pcb & 0x0C) != 0)
                    {
                        return ReaderStatus.ProtocolError;
                    }

                    int inf = n - 1;
                    if (received + inf > responseCapacity)
                    {
                        return ReaderStatus.BufferTooSmall;
                    }

                    for (int i = 0; i < inf; i++)
                    {
                        response[responseOffset + received + i] = _rx[1 + i];
                    }

                    received += inf;
                    _pcdBlockNumber ^= 1; // Rule B
                    errors = 0;
                    wtxInARow = 0;
                    if ((pcb & Iso14443.Chaining) == 0)
                    {
                        return received;
                    }

                    cardChaining = true;
                    txLength = RBlock(Iso14443.RAck); // Rule 2
                    continue;
                }

                if ((pcb & 0xE6) == 0xA2)
                {
                    if ((pcb & 0x10) != 0 || cardChaining)
                    {
                        return ReaderStatus.ProtocolError; // a card never sends R(NAK), nor R(ACK) while it chains
                    }

                    if ((pcb & 0x01) != _pcdBlockNumber)
                    {
                        // Rule 6: the card did not get our last I-block; send it again.
                        if (++errors > MaxRetries)
                        {
                            return ReaderStatus.TransmissionError;
                        }

                        txLength = RestoreLastIBlock();
                        continue;
                    }

                    int chunk = LastChunkLength(commandLength, sent, maxInf);
                    if (sent + chunk >= commandLength)
                    {
                        return ReaderStatus.ProtocolError; // an acknowledgement of a block we did not chain
                    }

                    // Rule 7: our chained block arrived; toggle and send the next part.
                    _pcdBlockNumber ^= 1;
                    sent += chunk;
                    errors = 0;
                    txLength = BuildIBlock(command, commandOffset, commandLength, sent, maxInf);
                    CopyToLastIBlock(txLength);
                    continue;
                }

                if ((pcb & 0xF7) == Iso14443.SWtx && n >= 2)
                {
                    if (++wtxInARow > MaxWtxInARow)
                    {
                        return ReaderStatus.Timeout;
                    }

                    wtxm = _rx[1] & 0x3F;
                    if (wtxm == 0 || wtxm > 59)
                    {
                        return ReaderStatus.ProtocolError;
                    }

                    // Rule 3: S(WTX) request answered by S(WTX) response with the same WTXM; the next wait is FWT x WTXM.
                    _tx[0] = Iso14443.SWtx;
                    _tx[1] = (byte)wtxm;
                    txLength = 2;
                    continue;
                }

                return ReaderStatus.ProtocolError;
            }
        }

        /// <inheritdoc />
        public void Deactivate()
        {
            if (_state != StateActive)
            {
                return;
            }

            for (int attempt = 0; attempt <= MaxRetries; attempt++)
            {
                _tx[0] = Iso14443.SDeselect;
                int n = ExchangeWithCrc(_tx, 1, _rx, _fwtUs + FwtMarginUs);
                if (n >= 1 && _rx[0] == Iso14443.SDeselect)
                {
                    break; // Rule 8: otherwise retry, then ignore the card
                }
            }

            _state = StatePresent; // the card is in HALT; Poll reports when it leaves
            _misses = 0;

            // The frames of the session held the card's answers (track 2 and PAN among them).
            Clear(_rx);
            Clear(_spiRx);
            Clear(_lastIBlock);
        }

        private static void Clear(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = 0;
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (_fieldOn)
            {
                SetField(false);
            }

            _started = false;
            _sink = null;
            if (_gpio != null && _resetPin >= 0)
            {
                _gpio.Write(_resetPin, PinValue.Low); // hard power-down
                _gpio.ClosePin(_resetPin);
            }

            if (_shouldDispose)
            {
                _spi.Dispose();
            }
        }

        private void Initialize()
        {
            WriteRegister(Mfrc522Register.CommandReg, Mfrc522Command.SoftReset);
            WriteRegister(Mfrc522Register.TxModeReg, 0x00);
            WriteRegister(Mfrc522Register.RxModeReg, 0x00);
            WriteRegister(Mfrc522Register.TxASKReg, 0x40); // Force100ASK, as type A needs
            WriteRegister(Mfrc522Register.ModeReg, 0x3D); // CRC preset 0x6363 (CRC_A)
            _timerTicks = -1;
        }

        private int ActivateOnce()
        {
            _state = _state == StateActive ? StatePresent : _state;
            int status = RequestA(Iso14443.Wupa);
            if (status < 0)
            {
                return status;
            }

            status = SelectCascade();
            if (status < 0)
            {
                return status;
            }

            if ((_sak & Iso14443.SakIso14443_4) == 0)
            {
                return ReaderStatus.ProtocolError;
            }

            status = RequestAts();
            if (status < 0)
            {
                return status;
            }

            _pcdBlockNumber = 0;
            _state = StateActive;
            _misses = 0;
            return ReaderStatus.Ok;
        }

        private bool WakeAndHalt()
        {
            if (RequestA(Iso14443.Wupa) < 0)
            {
                return false;
            }

            // HLTA gets no answer; it sends the card back to IDLE (or HALT) so the next WUPA finds it again.
            _tx[0] = Iso14443.Hlta;
            _tx[1] = 0x00;
            ExchangeWithCrc(_tx, 2, _rx, 1000);
            return true;
        }

        private bool PresenceCheck()
        {
            // ISO/IEC 14443-4 presence check: an R(NAK) is answered with an R(ACK) without changing the session.
            _tx[0] = (byte)(Iso14443.RNak | _pcdBlockNumber);
            int n = ExchangeWithCrc(_tx, 1, _rx, _fwtUs + FwtMarginUs);
            return n >= 1 && (_rx[0] & 0xF6) == Iso14443.RAck;
        }

        private int RequestA(byte command)
        {
            WriteRegister(Mfrc522Register.CollReg, 0x80); // ValuesAfterColl: clear bits after a collision
            _tx[0] = command;
            int n = Exchange(_tx, 1, 7, _rx, Layer3TimeoutUs);
            if (n == ReaderStatus.Timeout)
            {
                return ReaderStatus.NoCard;
            }

            if (n < 0)
            {
                return n;
            }

            return n == 2 ? ReaderStatus.Ok : ReaderStatus.ProtocolError;
        }

        private int SelectCascade()
        {
            _uidLength = 0;
            for (int level = 0; level < 3; level++)
            {
                byte sel = (byte)(Iso14443.SelectCl1 + (2 * level));
                _tx[0] = sel;
                _tx[1] = Iso14443.NvbAnticollision;
                int n = Exchange(_tx, 2, 0, _rx, Layer3TimeoutUs);
                if (n < 0)
                {
                    return n == ReaderStatus.Timeout ? ReaderStatus.NoCard : n;
                }

                if (n != 5 || (_rx[0] ^ _rx[1] ^ _rx[2] ^ _rx[3]) != _rx[4])
                {
                    return ReaderStatus.TransmissionError; // BCC is the XOR of the four UID bytes
                }

                _tx[1] = Iso14443.NvbSelect;
                for (int i = 0; i < 5; i++)
                {
                    _tx[2 + i] = _rx[i];
                }

                n = ExchangeWithCrc(_tx, 7, _rx, Layer3TimeoutUs);
                if (n < 0)
                {
                    return n;
                }

                if (n != 1)
                {
                    return ReaderStatus.ProtocolError;
                }

                _sak = _rx[0];
                bool more = (_sak & Iso14443.SakCascade) != 0;
                int from = more ? 1 : 0;
                if (more && _tx[2] != Iso14443.CascadeTag)
                {
                    return ReaderStatus.ProtocolError;
                }

                for (int i = from; i < 4; i++)
                {
                    _uid[_uidLength++] = _tx[2 + i];
                }

                if (!more)
                {
                    return ReaderStatus.Ok;
                }
            }

            return ReaderStatus.ProtocolError;
        }

        private int RequestAts()
        {
            _tx[0] = Iso14443.Rats;
            _tx[1] = (byte)(FsdiCode << 4); // CID 0
            int n = ExchangeWithCrc(_tx, 2, _rx, Layer3TimeoutUs);
            if (n < 0)
            {
                return n;
            }

            if (n < 1 || _rx[0] != n)
            {
                return ReaderStatus.ProtocolError; // TL counts itself and excludes the CRC
            }

            int fsci = 2;
            int fwi = 4;
            if (n >= 2)
            {
                int t0 = _rx[1];
                fsci = t0 & 0x0F;
                int next = 2;
                if ((t0 & 0x10) != 0)
                {
                    next++; // TA(1): bit rates, we stay at 106 kbit/s
                }

                if ((t0 & 0x20) != 0)
                {
                    if (next >= n)
                    {
                        return ReaderStatus.ProtocolError;
                    }

                    fwi = _rx[next] >> 4;
                    if (fwi == 15)
                    {
                        fwi = 4; // RFU: the default
                    }
                }
            }

            _fsc = Iso14443.FrameSize(fsci);
            if (_fsc > FifoSize)
            {
                _fsc = FifoSize;
            }

            _fwtUs = 302 << fwi; // FWT = 256 x 16 x 2^FWI / fc
            return ReaderStatus.Ok;
        }

        private static int LastChunkLength(int total, int sent, int maxInf)
        {
            int rest = total - sent;
            return rest > maxInf ? maxInf : rest;
        }

        private int BuildIBlock(byte[] command, int commandOffset, int commandLength, int sent, int maxInf)
        {
            int chunk = LastChunkLength(commandLength, sent, maxInf);
            bool chaining = sent + chunk < commandLength;
            _tx[0] = (byte)(Iso14443.IBlock | _pcdBlockNumber | (chaining ? Iso14443.Chaining : 0));
            for (int i = 0; i < chunk; i++)
            {
                _tx[1 + i] = command[commandOffset + sent + i];
            }

            return chunk + 1;
        }

        private void CopyToLastIBlock(int length)
        {
            for (int i = 0; i < length; i++)
            {
                _lastIBlock[i] = _tx[i];
            }

            _lastIBlockLength = length;
        }

        private int RestoreLastIBlock()
        {
            for (int i = 0; i < _lastIBlockLength; i++)
            {
                _tx[i] = _lastIBlock[i];
            }

            return _lastIBlockLength;
        }

        private int RBlock(byte pcb)
        {
            _tx[0] = (byte)(pcb | _pcdBlockNumber);
            return 1;
        }
    }
}
