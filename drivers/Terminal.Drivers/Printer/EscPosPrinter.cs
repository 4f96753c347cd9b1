using Terminal.Hal;

namespace Terminal.Drivers.Printer
{
    /// <summary>
    /// An ESC/POS thermal receipt printer on a UART (58 mm: 384 dots, 32 columns; 80 mm: 576 dots, 48
    /// columns). Each line, QR code, logo, feed or cut becomes one self-contained unit of bytes in a queue.
    /// When polled the driver sends the current unit as flow control (XON/XOFF or CTS) allows, then asks
    /// DLE EOT 4 and DLE EOT 2: a unit the printer could not print (paper-end stop, error with the cover
    /// open) is sent again from its start once paper is loaded and the cover closed, so no line is lost or
    /// printed twice. Chinese text goes in FS &amp; mode as GB18030 from <see cref="Gb18030Table"/>.
    /// </summary>
    public sealed class EscPosPrinter : IPrinter
    {
        /// <summary>How long the printer has to answer DLE EOT before it counts as offline.</summary>
        public const int StatusTimeoutMs = 500;

        /// <summary>How often a paused printer is asked whether paper and cover are back.</summary>
        public const int PausedRecheckMs = 500;

        private const int ChunkBytes = 32;
        private const int StateIdle = 0;
        private const int StateSending = 1;
        private const int StateAwaitingStatus = 2;
        private const int StatePaused = 3;

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
        private int _sent;
        private int _state;
        private bool _afterUnit;
        private long _deadline;
        private long _answerDue;
        private IEventSink? _sink;

        /// <summary>The Code of this driver's <see cref="EventKind.DeviceWake"/> events.</summary>
        public const int WakeTag = 0x5052; // "PR"
        private PrinterStatus _printerStatus;
        private int _droppedUnits;
        private bool _overflow;
        private int _compactShift;

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
            switch (_state)
            {
                case StateIdle:
                    if (_unitCount == 0)
                    {
                        return Deadline.Never;
                    }

                    _state = StateSending;
                    return SendSome(nowMs);
                case StateSending:
                    return SendSome(nowMs);
                case StateAwaitingStatus:
                    return AwaitStatus(nowMs);
                default:
                    if (nowMs < _deadline)
                    {
                        return _deadline;
                    }

                    return AskStatus(nowMs, afterUnit: false);
            }
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

        private long SendSome(long nowMs)
        {
            int unitStart = _head;
            int unitEnd = _unitEnds[_unitFirst];
            while (_sent < unitEnd - unitStart)
            {
                if (!_port.CanSend)
                {
                    return nowMs + 10; // XOFF or CTS low: the printer's buffer is full
                }

                int chunk = unitEnd - unitStart - _sent;
                if (chunk > ChunkBytes)
                {
                    chunk = ChunkBytes;
                }

                _port.Write(_queue, unitStart + _sent, chunk);
                _sent += chunk;
            }

            return AskStatus(nowMs, afterUnit: true, unitEnd - unitStart);
        }

        private long AskStatus(long nowMs, bool afterUnit, int bytesInFlight = 0)
        {
            DiscardInput();
            _port.Write(StatusQuery, 0, StatusQuery.Length);
            _afterUnit = afterUnit;

            // The answer cannot come before the unit and the question have left the UART at its baud rate.
            int baud = _port.BaudRate > 0 ? _port.BaudRate : 9600;
            long lineMs = ((long)(bytesInFlight + StatusQuery.Length + 2) * 10 * 1000 / baud) + 1;
            _deadline = nowMs + lineMs + StatusTimeoutMs;

            // The earliest the answer can come (the unit may have left the UART already): the question and
            // the two answer bytes on the line. Until then there is nothing to look at.
            _answerDue = nowMs + ((long)(StatusQuery.Length + 2) * 10 * 1000 / baud);
            _state = StateAwaitingStatus;
            return AwaitStatus(nowMs);
        }

        private long AwaitStatus(long nowMs)
        {
            if (_port.BytesToRead < 2)
            {
                if (nowMs >= _deadline)
                {
                    // No answer: whether the unit printed is unknown, so it is neither resent nor dropped; ask again.
                    UpdateStatus(PrinterStatus.Offline);
                    return AskStatus(nowMs, _afterUnit);
                }

                // Sleep until the answer can have arrived, then look every millisecond.
                long next = nowMs + 1 < _answerDue ? _answerDue : nowMs + 1;
                return next < _deadline ? next : _deadline;
            }

            _port.Read(_status, 0, 2);
            int paper = _status[0];
            int offline = _status[1];
            if ((paper & 0x93) != EscPos.StatusFixedBits || (offline & 0x93) != EscPos.StatusFixedBits)
            {
                return AskStatus(nowMs, _afterUnit); // not a status byte pair: noise on the line
            }

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

            bool stopped = (offline & (EscPos.OfflinePaperEndStop | EscPos.OfflineError)) != 0;
            if (_afterUnit)
            {
                if (stopped)
                {
                    // The printer refused the unit: send all of it again once the cause is gone.
                    _sent = 0;
                    UnitsResent++;
                }
                else
                {
                    CommitUnit();
                }
            }

            bool blocked = stopped || (status & (PrinterStatus.PaperOut | PrinterStatus.CoverOpen)) != 0;
            UpdateStatus(status);
            if (blocked)
            {
                _state = StatePaused;
                _deadline = nowMs + PausedRecheckMs;
                return _deadline;
            }

            _state = _unitCount > 0 ? StateSending : StateIdle;
            return _unitCount > 0 ? nowMs : Deadline.Never;
        }

        private void CommitUnit()
        {
            _head = _unitEnds[_unitFirst];
            _unitFirst = (_unitFirst + 1) % _unitEnds.Length;
            _unitCount--;
            _sent = 0;
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
            _unitEnds[(_unitFirst + _unitCount) % _unitEnds.Length] = _tail;
            _unitCount++;
            if (_unitCount == 1 && _state == StateIdle && _sink != null)
            {
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
