using Terminal.Hal;

namespace Terminal.Drivers.QrScanner
{
    /// <summary>
    /// A GM65-class QR/barcode scan engine on a UART (Hangzhou Grow GM65 serial protocol). Configuration
    /// writes "zone bits" with frames 7E 00 | type | lens | address (2) | data | CRC-16 (poly 0x1021, init 0,
    /// over type..data); the engine acknowledges with 02 00 00 01 00 33 31. Zone 0x0000 bits 1-0 choose
    /// command mode (01) or continuous mode (10); writing 01 to zone 0x0002 starts a scan in command mode.
    /// Decoded codes arrive as ASCII ending in CR. Noise, partial codes (inter-byte timeout) and overlong
    /// codes are reported as bad reads, never as codes.
    /// </summary>
    public sealed class Gm65Scanner : IQrScanner
    {
        /// <summary>A code whose bytes stop for this long is incomplete and dropped.</summary>
        public const int InterByteTimeoutMs = 100;

        /// <summary>How long the engine has to acknowledge a command frame.</summary>
        public const int AckTimeoutMs = 500;

        /// <summary>How often the driver reads the UART while a scan is active.</summary>
        public const int ScanPollMs = 20;

        /// <summary>Zone bit 0x0000: LED, beeper, aiming, illumination and read mode.</summary>
        public const int ZoneSettings = 0x0000;

        /// <summary>Zone bit 0x0002: bit 0 starts a scan in command mode.</summary>
        public const int ZoneScan = 0x0002;

        private const byte CR = 0x0D;
        private const byte LF = 0x0A;
        private const int MaxAttempts = 3;

        private readonly ISerialPort _port;
        private readonly bool _continuous;
        private readonly bool _shouldDispose;
        private readonly byte[] _rx = new byte[64];
        private readonly byte[] _command = new byte[10];
        private readonly byte[] _frame = new byte[16];
        private readonly byte[] _code;
        private readonly byte[] _last;
        private IEventSink? _sink;
        private int _codeLength;
        private bool _corrupt;
        private bool _overflow;
        private int _lastLength;
        private int _frameLength;
        private long _lastByteMs;
        private bool _scanning;
        private bool _awaitingAck;
        private long _ackDeadline;
        private int _attempts;
        private int _pendingZone = -1;
        private int _pendingValue;
        private bool _resendNow;
        private int _outstanding;

        /// <summary>
        /// Creates the driver on <paramref name="port"/> (9600 8N1 by default on the engine). In continuous
        /// mode the engine scans whenever armed; otherwise each <see cref="Trigger"/> starts one scan.
        /// </summary>
        public Gm65Scanner(ISerialPort port, bool continuousMode = false, int maxCodeLength = 512, bool shouldDispose = true)
        {
            _port = port;
            _continuous = continuousMode;
            _shouldDispose = shouldDispose;
            _code = new byte[maxCodeLength];
            _last = new byte[maxCodeLength];
        }

        /// <summary>False once the engine failed to acknowledge a command after retries.</summary>
        public bool Attached { get; private set; } = true;

        /// <summary>Whether a scan is active (triggered, or armed in continuous mode).</summary>
        public bool Scanning => _scanning;

        /// <summary>Bad reads seen: noise, partial or overlong codes.</summary>
        public int BadReads { get; private set; }

        /// <summary>The settings byte written to zone 0x0000: LED on read, beeper, standard aiming and light, the mode.</summary>
        public byte SettingsByte => (byte)(0x80 | 0x40 | 0x10 | 0x04 | (_continuous ? 0x02 : 0x01));

        /// <inheritdoc />
        public void Start(IEventSink sink)
        {
            _sink = sink;
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            _port.ReadTimeout = 0;
            SendWriteZone(ZoneSettings, SettingsByte);
        }

        /// <inheritdoc />
        public void Trigger()
        {
            ResetCode();
            _scanning = true;
            if (!_continuous)
            {
                SendWriteZone(ZoneScan, 0x01);
            }
        }

        /// <inheritdoc />
        public void StopScan()
        {
            _scanning = false;
            ResetCode();
            if (!_continuous)
            {
                SendWriteZone(ZoneScan, 0x00);
            }
        }

        /// <inheritdoc />
        public int TakeCode(byte[] buffer, int offset, int capacity)
        {
            int n = _lastLength;
            if (n > capacity)
            {
                return ReaderStatus.BufferTooSmall;
            }

            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _last[i];
                _last[i] = 0;
            }

            _lastLength = 0;
            return n;
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (_resendNow)
            {
                _resendNow = false;
                _ackDeadline = nowMs + AckTimeoutMs;
            }

            int n;
            while ((n = _port.Read(_rx, 0, _rx.Length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    Receive(_rx[i], nowMs);
                }
            }

            if ((_codeLength > 0 || _corrupt || _overflow) && nowMs - _lastByteMs >= InterByteTimeoutMs)
            {
                // The code stopped mid-way: a partial read, or noise on an idle line.
                bool partial = _codeLength > 0 && _scanning;
                ResetCode();
                if (partial)
                {
                    BadRead(ReaderStatus.Timeout);
                }
            }

            if (_awaitingAck && nowMs >= _ackDeadline)
            {
                if (++_attempts >= MaxAttempts)
                {
                    _awaitingAck = false;
                    _outstanding = 0;
                    _scanning = false;
                    if (Attached)
                    {
                        Attached = false;
                        Post(ReaderStatus.ReaderFault);
                    }
                }
                else
                {
                    WriteCommandFrame();
                    _outstanding = 1; // only the newest frame's answer matters now
                    _ackDeadline = nowMs + AckTimeoutMs;
                }
            }

            long next = Deadline.Never;
            if (_awaitingAck)
            {
                next = _ackDeadline;
            }

            if (_scanning || _codeLength > 0 || _corrupt || _overflow)
            {
                long due = nowMs + ScanPollMs;
                next = due < next ? due : next;
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

        /// <summary>CRC-16 of the GM65 protocol: polynomial 0x1021, initial value 0, no reflection (XMODEM).</summary>
        public static int Crc16(byte[] data, int offset, int count)
        {
            int crc = 0;
            for (int i = 0; i < count; i++)
            {
                crc ^= data[offset + i] << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
                }
            }

            return crc;
        }

        private void Receive(byte b, long nowMs)
        {
            _lastByteMs = nowMs;
            // A reply frame starts with STX, which no printable code does.
            if (_frameLength > 0 || (_codeLength == 0 && !_corrupt && b == 0x02))
            {
                ReceiveFrameByte(b);
                return;
            }

            if (b == CR)
            {
                CompleteCode();
                return;
            }

            if (b == LF && _codeLength == 0)
            {
                return; // the LF of a CR LF suffix
            }

            if (b < 0x20 || b > 0x7E)
            {
                _corrupt = true;
                return;
            }

            if (_codeLength == _code.Length)
            {
                _overflow = true;
                return;
            }

            _code[_codeLength++] = b;
        }

        private void ReceiveFrameByte(byte b)
        {
            // 02 00 | type | lens | data (lens) | CRC (2)
            _frame[_frameLength++] = b;
            if (_frameLength == 2 && b != 0x00)
            {
                _frameLength = 0;
                _corrupt = true;
                return;
            }

            if (_frameLength < 4)
            {
                return;
            }

            int lens = _frame[3];
            int total = 6 + lens;
            if (total > _frame.Length)
            {
                _frameLength = 0;
                return;
            }

            if (_frameLength < total)
            {
                return;
            }

            _frameLength = 0;
            int crc = Crc16(_frame, 2, 2 + lens);
            bool crcOk = _frame[total - 2] == (byte)(crc >> 8) && _frame[total - 1] == (byte)crc;
            if (crcOk && _frame[2] == 0x00 && _outstanding > 0 && --_outstanding == 0)
            {
                _awaitingAck = false;
                _attempts = 0;
                Attached = true;
            }
        }

        private void CompleteCode()
        {
            if (_codeLength == 0 && !_corrupt && !_overflow)
            {
                return; // an empty line
            }

            if (_overflow)
            {
                BadRead(ReaderStatus.BufferTooSmall);
            }
            else if (_corrupt)
            {
                BadRead(ReaderStatus.TransmissionError);
            }
            else
            {
                for (int i = 0; i < _codeLength; i++)
                {
                    _last[i] = _code[i];
                }

                _lastLength = _codeLength;
                if (!_continuous)
                {
                    _scanning = false; // command mode: one scan per trigger
                }

                Post(_codeLength);
            }

            ResetCode();
        }

        private void BadRead(int status)
        {
            BadReads++;
            Post(status);
        }

        private void ResetCode()
        {
            for (int i = 0; i < _codeLength; i++)
            {
                _code[i] = 0;
            }

            _codeLength = 0;
            _corrupt = false;
            _overflow = false;
        }

        private void Post(int arg)
        {
            if (_sink != null)
            {
                _sink.Post(EventKind.ScanComplete, 0, arg, EventPriority.Normal);
            }
        }

        private void SendWriteZone(int zone, int value)
        {
            _pendingZone = zone;
            _pendingValue = value;
            _attempts = 0;
            WriteCommandFrame();
            _outstanding++;
            _awaitingAck = true;
            _resendNow = true; // the deadline is set at the next poll, which knows the time
            _ackDeadline = 0;
        }

        private void WriteCommandFrame()
        {
            // 7E 00 | 08 (write) | 01 (one byte) | address high, low | data | CRC high, low
            _command[0] = 0x7E;
            _command[1] = 0x00;
            _command[2] = 0x08;
            _command[3] = 0x01;
            _command[4] = (byte)(_pendingZone >> 8);
            _command[5] = (byte)_pendingZone;
            _command[6] = (byte)_pendingValue;
            int crc = Crc16(_command, 2, 5);
            _command[7] = (byte)(crc >> 8);
            _command[8] = (byte)crc;
            _port.Write(_command, 0, 9);
        }
    }
}
