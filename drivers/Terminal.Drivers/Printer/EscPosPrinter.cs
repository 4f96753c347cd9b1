using Terminal.Hal;

namespace Terminal.Drivers.Printer
{
    /// <summary>
    /// An ESC/POS thermal receipt printer on a UART (58 mm: 384 dots, 32 columns; 80 mm: 576 dots, 48
    /// columns). Each line, QR code, logo, feed or cut becomes one self-contained unit of bytes in a queue.
    /// When polled the driver sends units as flow control (XON/XOFF or CTS) allows, each followed by
    /// DLE EOT 4 and DLE EOT 2, and keeps sending while up to <see cref="MaxWindow"/> answers are on their
    /// way. The answers come back in order, one pair per unit: a unit the printer could not print (paper-end
    /// stop, error with the cover open) is sent again from its start once paper is loaded and the cover
    /// closed, so no line is lost or printed twice; a unit counts as printed only once its answer says so.
    /// Chinese text goes in FS &amp; mode as GB18030 from <see cref="Gb18030Table"/>.
    /// </summary>
    public sealed class EscPosPrinter : IPrinter
    {
        /// <summary>How long the printer has to answer DLE EOT before it counts as offline.</summary>
        public const int StatusTimeoutMs = 500;

        /// <summary>How often a paused printer is asked whether paper and cover are back.</summary>
        public const int PausedRecheckMs = 500;

        /// <summary>
        /// Units whose status answer may be outstanding at once. With one, every unit waits for the round trip
        /// of its status (a third of a line's time at 115200 baud); with three the UART never idles while the
        /// answers come back. The first unit after an idle spell, a pause or a lost answer goes alone (the
        /// printer may have changed meanwhile: cover opened, cable pulled), and so does every unit near the
        /// end of the roll.
        /// </summary>
        public const int MaxWindow = 3;

        private const int ChunkBytes = 32;
        private const int PassesPerPoll = 16; // answer-and-send rounds in one poll when the answers are already in
        private const int Probe = -1;
        private const byte UnitQueued = 0;   // not sent yet
        private const byte UnitSent = 1;     // sent, its answer owed
        private const byte UnitPrinted = 2;  // answered printed, behind a refused unit still to be sent again
        private const byte UnitRefused = 3;  // answered refused: to be sent again
        private const byte UnitUnknown = 4;  // its answer was lost: the next probe decides

        private static readonly byte[] StatusQuery = new byte[]
        {
            EscPos.DLE, EscPos.EOT, EscPos.StatusPaper, EscPos.DLE, EscPos.EOT, EscPos.StatusOffline,
        };

        private readonly ISerialPort _port;
        private readonly bool _shouldDispose;
        private readonly byte[] _queue;
        private readonly int[] _unitEnds;
        private readonly byte[] _status = new byte[8];
        private int _head;
        private int _tail;
        private int _unitFirst;
        private int _unitCount;
        private readonly byte[] _unitState;
        private readonly int[] _expectSlot = new int[MaxWindow + 1];
        private readonly long[] _expectDueUs = new long[MaxWindow + 1];
        private int _expectFirst;
        private int _expectCount;
        private int _unitsInFlight;
        private int _window = 1;
        private int _sendingSlot = -1;
        private int _sent;
        private bool _paused;
        private bool _probing;
        private bool _asleep = true;
        private long _deadline;
        private long _lineFreeUs;
        private IEventSink? _sink;

        /// <summary>The Code of this driver's <see cref="EventKind.DeviceWake"/> events.</summary>
        public const int WakeTag = 0x5052; // "PR"
        private PrinterStatus _printerStatus;
        private int _droppedUnits;
        private bool _overflow;
        private int _compactShift;

        /// <summary>GB18030 codes given at run time (the merchant's name) for characters the built-in table lacks; null: none ('?' then).</summary>
        public GlyphSupplement? Glyphs { get; set; }

        /// <summary>
        /// Creates the driver on <paramref name="port"/> for <paramref name="paperWidthMm"/> paper (58 or 80)
        /// with a queue of <paramref name="queueBytes"/> bytes and up to <paramref name="maxUnits"/> units.
        /// </summary>
        public EscPosPrinter(ISerialPort port, int paperWidthMm = 58, int queueBytes = 8192, int maxUnits = 256, bool shouldDispose = true)
        {
            _port = port;
            _shouldDispose = shouldDispose;
            WidthDots = paperWidthMm >= 80 ? 576 : 384;
            Columns = paperWidthMm >= 80 ? 48 : 32;
            _queue = new byte[queueBytes];
            _unitEnds = new int[maxUnits];
            _unitState = new byte[maxUnits];
        }

        /// <inheritdoc />
        public int Columns { get; }

        /// <inheritdoc />
        public int WidthDots { get; }

        /// <inheritdoc />
        public PrinterStatus Status => _printerStatus;

        /// <inheritdoc />
        public bool Busy => _unitCount > 0;

        /// <summary>Units refused because the queue was full.</summary>
        public int DroppedUnits => _droppedUnits;

        /// <summary>Units printed and confirmed by status.</summary>
        public int UnitsPrinted { get; private set; }

        /// <summary>Units that had to be sent again after a paper-out or cover-open stop.</summary>
        public int UnitsResent { get; private set; }

        /// <inheritdoc />
        public void Start(IEventSink sink)
        {
            _sink = sink;
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            // ESC @: a known state before the first receipt.
            int start = BeginUnit();
            Append(EscPos.ESC);
            Append((byte)'@');
            FinishUnit(start);
        }

        /// <inheritdoc />
        public void PrintLine(string text, TextStyle style, TextAlign align)
        {
            int start = BeginUnit();
            bool large = (style & TextStyle.Large) != 0;
            Append(EscPos.ESC);
            Append((byte)'E');
            Append((style & TextStyle.Bold) != 0 ? (byte)1 : (byte)0);
            Append(EscPos.ESC);
            Append((byte)'a');
            Append((byte)align);
            Append(EscPos.GS);
            Append((byte)'!');
            Append(large ? (byte)0x11 : (byte)0x00);
            Append(EscPos.GS);
            Append((byte)'B');
            Append((style & TextStyle.Inverse) != 0 ? (byte)1 : (byte)0);

            bool chinese = false;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] >= 0x80)
                {
                    chinese = true;
                    break;
                }
            }

            if (chinese)
            {
                Append(EscPos.FS);
                Append((byte)'&');
            }

            int columns = large ? Columns / 2 : Columns;
            int used = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    if (used + 1 > columns)
                    {
                        break;
                    }

                    Append(c < 0x20 ? (byte)' ' : (byte)c);
                    used++;
                    continue;
                }

                int code = Gb18030Table.Lookup(c);
                if (code < 0 && Glyphs != null)
                {
                    code = Glyphs.Code(c);
                }

                if (code < 0)
                {
                    if (used + 1 > columns)
                    {
                        break;
                    }

                    Append((byte)'?');
                    used++;
                    continue;
                }

                if (used + 2 > columns)
                {
                    break; // a wide character takes two columns
                }

                Append((byte)(code >> 8));
                Append((byte)code);
                used += 2;
            }

            if (chinese)
            {
                Append(EscPos.FS);
                Append((byte)'.');
            }

            Append(EscPos.LF);
            FinishUnit(start);
        }

        /// <inheritdoc />
        public void PrintQr(string data, int moduleSize)
        {
            int start = BeginUnit();
            Append(EscPos.ESC);
            Append((byte)'a');
            Append((byte)TextAlign.Center);
            QrFunction(4, EscPos.QrSelectModel);
            Append(0x32); // model 2
            Append(0x00);
            QrFunction(3, EscPos.QrModuleSize);
            Append((byte)(moduleSize < 1 ? 1 : moduleSize > 16 ? 16 : moduleSize));
            QrFunction(3, EscPos.QrErrorCorrection);
            Append(0x31); // level M
            QrFunction(data.Length + 3, EscPos.QrStore);
            Append(0x30);
            for (int i = 0; i < data.Length; i++)
            {
                char c = data[i];
                Append(c < 0x80 ? (byte)c : (byte)'?');
            }

            QrFunction(3, EscPos.QrPrint);
            Append(0x30);
            FinishUnit(start);
        }

        /// <inheritdoc />
        public void PrintStoredLogo(int logoId)
        {
            int start = BeginUnit();
            Append(EscPos.ESC);
            Append((byte)'a');
            Append((byte)TextAlign.Center);
            Append(EscPos.FS);
            Append((byte)'p');
            Append((byte)logoId);
            Append(0x00); // normal size
            FinishUnit(start);
        }

        /// <summary>Queues a raster image (GS v 0): <paramref name="widthBytes"/> x 8 dots wide, one bit per dot, MSB left.</summary>
        public void PrintRaster(byte[] bits, int offset, int widthBytes, int height)
        {
            int start = BeginUnit();
            Append(EscPos.GS);
            Append((byte)'v');
            Append((byte)'0');
            Append(0x00);
            Append((byte)widthBytes);
            Append((byte)(widthBytes >> 8));
            Append((byte)height);
            Append((byte)(height >> 8));
            int count = widthBytes * height;
            for (int i = 0; i < count; i++)
            {
                Append(bits[offset + i]);
            }

            FinishUnit(start);
        }

        /// <inheritdoc />
        public void Feed(int lines)
        {
            int start = BeginUnit();
            Append(EscPos.ESC);
            Append((byte)'d');
            Append((byte)(lines < 0 ? 0 : lines > 255 ? 255 : lines));
            FinishUnit(start);
        }

        /// <inheritdoc />
        public void Cut()
        {
            int start = BeginUnit();
            Append(EscPos.GS);
            Append((byte)'V');
            Append(0x01); // partial cut
            FinishUnit(start);
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            _asleep = false;
            long flowWait = Deadline.Never;
            for (int pass = 0; pass < PassesPerPoll; pass++)
            {
                if (_expectCount > 0)
                {
                    ReadAnswers(nowMs);
                }

                flowWait = Deadline.Never;
                if (_paused)
                {
                    if (_expectCount == 0 && nowMs >= _deadline)
                    {
                        SendQuery(nowMs, Probe); // are paper and cover back?
                    }
                }
                else if (!_probing)
                {
                    flowWait = SendUnits(nowMs);
                }

                // A printer (or a port) that has already answered needs no waiting for its line time.
                if (_expectCount == 0 || _port.BytesToRead < 2)
                {
                    break;
                }
            }

            long next = flowWait;
            if (_expectCount > 0)
            {
                long answer = NextAnswerCheck(nowMs);
                next = answer < next ? answer : next;
            }
            else if (_paused)
            {
                next = _deadline < next ? _deadline : next;
            }

            if (next == Deadline.Never)
            {
                // Nothing queued, nothing asked: the next unit after this pause goes alone (see MaxWindow).
                _window = 1;
                _asleep = true;
            }

            return next;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _sink = null;
            if (_shouldDispose)
            {
                _port.Dispose();
            }
        }

        // Sends units (each followed by its status query) while the window, the queue and flow control allow.
        // Returns when to look again for flow control, or Never when it is not what stops the sending.
        private long SendUnits(long nowMs)
        {
            while (true)
            {
                if (_sendingSlot < 0)
                {
                    if (_unitsInFlight >= _window)
                    {
                        return Deadline.Never;
                    }

                    int slot = NextToSend();
                    if (slot < 0)
                    {
                        return Deadline.Never;
                    }

                    _sendingSlot = slot;
                    _sent = 0;
                }

                int unitStart = _sendingSlot == _unitFirst ? _head : _unitEnds[(_sendingSlot + _unitEnds.Length - 1) % _unitEnds.Length];
                int length = _unitEnds[_sendingSlot] - unitStart;
                while (_sent < length)
                {
                    if (!_port.CanSend)
                    {
                        return nowMs + 10; // XOFF or CTS low: the printer's buffer is full
                    }

                    int chunk = length - _sent;
                    if (chunk > ChunkBytes)
                    {
                        chunk = ChunkBytes;
                    }

                    _port.Write(_queue, unitStart + _sent, chunk);
                    OnLine(nowMs, chunk);
                    _sent += chunk;
                }

                _unitState[_sendingSlot] = UnitSent;
                _unitsInFlight++;
                int sentSlot = _sendingSlot;
                _sendingSlot = -1;
                _sent = 0;
                SendQuery(nowMs, sentSlot);
            }
        }

        // The first unit from the front that still has to go out: never sent, or refused and to be sent again.
        private int NextToSend()
        {
            for (int i = 0; i < _unitCount; i++)
            {
                int slot = (_unitFirst + i) % _unitEnds.Length;
                int state = _unitState[slot];
                if (state == UnitQueued || state == UnitRefused)
                {
                    return slot;
                }

                if (state == UnitUnknown)
                {
                    return -1; // wait for the probe to tell whether it printed
                }
            }

            return -1;
        }

        // Sends DLE EOT 4 + DLE EOT 2 for a unit just sent (its slot) or as a probe, and expects its two answer bytes.
        private void SendQuery(long nowMs, int slot)
        {
            if (_expectCount == 0)
            {
                DiscardInput(); // nothing is owed: what is there is stale or noise
            }

            _port.Write(StatusQuery, 0, StatusQuery.Length);
            OnLine(nowMs, StatusQuery.Length);

            // The answer cannot come before everything sent so far and the question have left the UART, and
            // its two bytes have come back, at the baud rate.
            int at = (_expectFirst + _expectCount) % _expectSlot.Length;
            _expectSlot[at] = slot;
            _expectDueUs[at] = _lineFreeUs + (2 * ByteTimeUs());
            _expectCount++;
            if (slot == Probe)
            {
                _probing = true;
            }
        }

        // Processes the answers that have come, oldest question first; a missing or garbled one loses track.
        private void ReadAnswers(long nowMs)
        {
            while (_expectCount > 0)
            {
                if (_port.BytesToRead < 2)
                {
                    if (nowMs >= (_expectDueUs[_expectFirst] / 1000) + StatusTimeoutMs)
                    {
                        // No answer: whether the units in flight printed is unknown, so they are neither resent
                        // nor dropped until a probe says whether the printer stopped.
                        UpdateStatus(PrinterStatus.Offline);
                        LoseTrack(nowMs);
                    }

                    return;
                }

                _port.Read(_status, 0, 2);
                int slot = _expectSlot[_expectFirst];
                _expectFirst = (_expectFirst + 1) % _expectSlot.Length;
                _expectCount--;
                int paper = _status[0];
                int offline = _status[1];
                if ((paper & 0x93) != EscPos.StatusFixedBits || (offline & 0x93) != EscPos.StatusFixedBits)
                {
                    if (slot >= 0)
                    {
                        _unitState[slot] = UnitUnknown; // its answer is unreadable
                        _unitsInFlight--;
                    }

                    LoseTrack(nowMs); // not a status byte pair: noise on the line
                    return;
                }

                OnAnswer(nowMs, slot, paper, offline);
            }
        }

        private void OnAnswer(long nowMs, int slot, int paper, int offline)
        {
            PrinterStatus status = PrinterStatus.Ready;
            if ((paper & EscPos.PaperEnd) != 0)
            {
                status |= PrinterStatus.PaperOut;
            }
            else if ((paper & EscPos.PaperNearEnd) != 0)
            {
                status |= PrinterStatus.PaperLow;
            }

            if ((offline & EscPos.OfflineCoverOpen) != 0)
            {
                status |= PrinterStatus.CoverOpen;
            }

            // A stop latches until paper is loaded or the cover closed: a unit answered "stopped" was refused
            // (so were the units behind it, which get their own answers), one answered otherwise printed.
            bool stopped = (offline & (EscPos.OfflinePaperEndStop | EscPos.OfflineError)) != 0;
            if (slot == Probe)
            {
                _probing = false;
                for (int i = 0; i < _unitCount; i++)
                {
                    int s = (_unitFirst + i) % _unitEnds.Length;
                    if (_unitState[s] == UnitUnknown)
                    {
                        Settle(s, !stopped);
                    }
                }
            }
            else
            {
                _unitsInFlight--;
                Settle(slot, !stopped);
            }

            while (_unitCount > 0 && _unitState[_unitFirst] == UnitPrinted)
            {
                CommitUnit();
            }

            bool blocked = stopped || (status & (PrinterStatus.PaperOut | PrinterStatus.CoverOpen)) != 0;
            UpdateStatus(status);
            if (blocked)
            {
                _paused = true;
                _deadline = nowMs + PausedRecheckMs;
                _window = 1;
                return;
            }

            _paused = false;

            // Pipeline only while the printer has just confirmed a unit with paper well above the near-end
            // mark: near the end of the roll one unit at a time, so a paper-end stop refuses only that unit.
            _window = slot != Probe && status == PrinterStatus.Ready ? MaxWindow : 1;
        }

        private void Settle(int slot, bool printed)
        {
            if (printed)
            {
                _unitState[slot] = UnitPrinted;
                return;
            }

            // The printer refused the unit: send all of it again once the cause is gone.
            _unitState[slot] = UnitRefused;
            UnitsResent++;
        }

        // Forgets every answer owed (the units in flight become unknown) and asks once more.
        private void LoseTrack(long nowMs)
        {
            while (_expectCount > 0)
            {
                int slot = _expectSlot[_expectFirst];
                if (slot >= 0)
                {
                    _unitState[slot] = UnitUnknown;
                    _unitsInFlight--;
                }

                _expectFirst = (_expectFirst + 1) % _expectSlot.Length;
                _expectCount--;
            }

            _window = 1;
            DiscardInput();
            SendQuery(nowMs, Probe);
        }

        // When to look for the oldest answer: once it can have arrived, then every millisecond, until its timeout.
        private long NextAnswerCheck(long nowMs)
        {
            long dueUs = _expectDueUs[_expectFirst];
            long due = (dueUs + 999) / 1000;
            long timeout = (dueUs / 1000) + StatusTimeoutMs;
            long next = due > nowMs ? due : nowMs + 1;
            return next < timeout ? next : timeout;
        }

        // Keeps track of when the UART will have sent everything written so far.
        private void OnLine(long nowMs, int bytes)
        {
            long nowUs = nowMs * 1000;
            if (_lineFreeUs < nowUs)
            {
                _lineFreeUs = nowUs;
            }

            _lineFreeUs += bytes * ByteTimeUs();
        }

        private long ByteTimeUs()
        {
            int baud = _port.BaudRate > 0 ? _port.BaudRate : 9600;
            return 10000000L / baud; // start bit, 8 data bits, stop bit
        }

        private void CommitUnit()
        {
            _unitState[_unitFirst] = UnitQueued;
            _head = _unitEnds[_unitFirst];
            _unitFirst = (_unitFirst + 1) % _unitEnds.Length;
            _unitCount--;
            UnitsPrinted++;
            if (_unitCount == 0)
            {
                _head = 0;
                _tail = 0;
            }
        }

        private void DiscardInput()
        {
            while (_port.BytesToRead > 0)
            {
                if (_port.Read(_status, 0, _status.Length) <= 0)
                {
                    break;
                }
            }
        }

        private void UpdateStatus(PrinterStatus status)
        {
            if (status == _printerStatus)
            {
                return;
            }

            _printerStatus = status;
            if (_sink != null)
            {
                _sink.Post(EventKind.PrinterStatus, 0, (int)status, EventPriority.Normal);
            }
        }

        private void QrFunction(int parameterLength, byte fn)
        {
            // GS ( k pL pH cn fn: pL + pH x 256 counts cn, fn and the parameters.
            Append(EscPos.GS);
            Append((byte)'(');
            Append((byte)'k');
            Append((byte)parameterLength);
            Append((byte)(parameterLength >> 8));
            Append(EscPos.QrCn);
            Append(fn);
        }

        private int BeginUnit()
        {
            _overflow = _unitCount == _unitEnds.Length;
            if (_head > 0 && _head > _queue.Length / 2)
            {
                Compact();
            }

            _compactShift = 0;
            return _tail;
        }

        private void Append(byte value)
        {
            if (_tail >= _queue.Length)
            {
                if (_head > 0)
                {
                    Compact();
                }

                if (_tail >= _queue.Length)
                {
                    _overflow = true;
                    return;
                }
            }

            _queue[_tail++] = value;
        }

        private void FinishUnit(int start)
        {
            if (_overflow)
            {
                _tail = start - _compactShift; // take back the partial unit
                _droppedUnits++;
                _compactShift = 0;
                return;
            }

            _compactShift = 0;
            int slot = (_unitFirst + _unitCount) % _unitEnds.Length;
            _unitEnds[slot] = _tail;
            _unitState[slot] = UnitQueued;
            _unitCount++;
            if (_asleep && _sink != null)
            {
                _asleep = false;
                // An idle driver is polled only after an event: work queued from a timer or another
                // driver's poll (a receipt printed when the host answers) must wake it.
                _sink.Post(EventKind.DeviceWake, WakeTag, 0, EventPriority.Low);
            }
        }

        private void Compact()
        {
            // Move the unsent bytes to the front; the unit being sent keeps its progress in _sent.
            int shift = _head;
            System.Array.Copy(_queue, shift, _queue, 0, _tail - shift);
            _tail -= shift;
            _head = 0;
            for (int i = 0; i < _unitCount; i++)
            {
                int slot = (_unitFirst + i) % _unitEnds.Length;
                _unitEnds[slot] -= shift;
            }

            _compactShift += shift;
        }
    }
}
