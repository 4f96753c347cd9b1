using Terminal.Hal;

namespace Terminal.Core.Link
{
    /// <summary>Where the sending side of a serial link stands.</summary>
    public enum SerialSendState
    {
        /// <summary>Nothing sent yet, or the last outcome was taken.</summary>
        Idle = 0,
        /// <summary>A frame is out; waiting for ACK.</summary>
        AwaitingAck = 1,
        /// <summary>The far end acknowledged the frame.</summary>
        Delivered = 2,
        /// <summary>No ACK after the first send and all retransmissions.</summary>
        Failed = 3,
    }

    /// <summary>
    /// Host-link framing over a serial line: STX, length (2 bytes BCD, e.g. 0x01 0x23 for 123), data, ETX,
    /// LRC (XOR of the length bytes through ETX). The receiver answers ACK (0x06) to a good frame and NAK
    /// (0x15) to a bad one; the sender retransmits up to <see cref="MaxRetransmissions"/> times on NAK or
    /// when no ACK comes within the ACK timeout. A partial frame silent longer than the inter-byte timeout
    /// is discarded. A state machine driven by <see cref="Feed"/> and <see cref="Poll"/> with the loop's
    /// clock: no thread, no sleep, no allocation after construction.
    /// </summary>
    public sealed class SerialFramer
    {
        /// <summary>Start of text.</summary>
        public const byte Stx = 0x02;
        /// <summary>End of text.</summary>
        public const byte Etx = 0x03;
        /// <summary>Positive acknowledgement.</summary>
        public const byte Ack = 0x06;
        /// <summary>Negative acknowledgement.</summary>
        public const byte Nak = 0x15;
        /// <summary>Retransmissions after the first send before giving up.</summary>
        public const int MaxRetransmissions = 3;
        /// <summary>Bytes of framing around the data: STX, 2 length, ETX, LRC.</summary>
        public const int Overhead = 5;

        private const int Hunt = 0;
        private const int Length1 = 1;
        private const int Length2 = 2;
        private const int Data = 3;
        private const int WaitEtx = 4;
        private const int WaitLrc = 5;
        private const int Skip = 6;

        private static readonly byte[] AckByte = new byte[] { Ack };
        private static readonly byte[] NakByte = new byte[] { Nak };

        private readonly ILinkWriter _writer;
        private readonly byte[] _rx;
        private readonly byte[] _tx;
        private readonly int _ackTimeoutMs;
        private readonly int _interByteTimeoutMs;

        private int _rxState;
        private int _rxExpected;
        private int _rxHave;
        private int _rxSkip;
        private int _lrc;
        private bool _ready;
        private long _lastByteMs;

        private SerialSendState _sendState;
        private int _txLength;
        private int _attempts;
        private long _sentAtMs;

        private int _framesReceived;
        private int _badFrames;
        private int _interByteTimeouts;
        private int _retransmissions;
        private int _naksReceived;
        private int _ackTimeouts;
        private int _strayControls;

        /// <summary>Creates a framer writing to <paramref name="writer"/>, for messages up to <paramref name="maxMessageLength"/> bytes (at most 9999).</summary>
        public SerialFramer(ILinkWriter writer, int maxMessageLength, int ackTimeoutMs, int interByteTimeoutMs)
        {
            if (maxMessageLength < 1 || maxMessageLength > 9999)
            {
                throw new System.ArgumentOutOfRangeException(nameof(maxMessageLength));
            }

            _writer = writer;
            _rx = new byte[maxMessageLength];
            _tx = new byte[maxMessageLength + Overhead];
            _ackTimeoutMs = ackTimeoutMs;
            _interByteTimeoutMs = interByteTimeoutMs;
        }

        /// <summary>Whether a good frame's data waits in <see cref="Frame"/>; call <see cref="Release"/> when done.</summary>
        public bool FrameReady => _ready;

        /// <summary>The receive buffer (valid for <see cref="FrameLength"/> bytes while <see cref="FrameReady"/>).</summary>
        public byte[] Frame => _rx;

        /// <summary>Data length of the waiting frame.</summary>
        public int FrameLength => _ready ? _rxExpected : 0;

        /// <summary>The sending side's state.</summary>
        public SerialSendState SendState => _sendState;

        /// <summary>Transmissions of the current frame so far (1 + retransmissions).</summary>
        public int Attempts => _attempts;

        /// <summary>Good frames received (and ACKed).</summary>
        public int FramesReceived => _framesReceived;

        /// <summary>Frames NAKed: bad length, missing ETX, wrong LRC, or too long.</summary>
        public int BadFrames => _badFrames;

        /// <summary>Partial frames discarded after the inter-byte timeout.</summary>
        public int InterByteTimeouts => _interByteTimeouts;

        /// <summary>Frames sent again after a NAK or an ACK timeout.</summary>
        public int Retransmissions => _retransmissions;

        /// <summary>NAKs received for our frames.</summary>
        public int NaksReceived => _naksReceived;

        /// <summary>Times no ACK came within the ACK timeout.</summary>
        public int AckTimeouts => _ackTimeouts;

        /// <summary>ACK or NAK bytes received while nothing awaited one.</summary>
        public int StrayControls => _strayControls;

        /// <summary>
        /// Frames and sends a message; false when a frame still awaits its ACK or the message is empty or
        /// too long. The outcome shows in <see cref="SendState"/>.
        /// </summary>
        public bool Send(byte[] message, int offset, int count, long nowMs)
        {
            if (_sendState == SerialSendState.AwaitingAck || count < 1 || count > _tx.Length - Overhead
                || offset < 0 || offset > message.Length - count)
            {
                return false;
            }

            _tx[0] = Stx;
            _tx[1] = (byte)((((count / 1000) % 10) << 4) | ((count / 100) % 10));
            _tx[2] = (byte)((((count / 10) % 10) << 4) | (count % 10));
            System.Array.Copy(message, offset, _tx, 3, count);
            _tx[3 + count] = Etx;
            int lrc = 0;
            for (int i = 1; i <= 3 + count; i++)
            {
                lrc ^= _tx[i];
            }

            _tx[4 + count] = (byte)lrc;
            _txLength = count + Overhead;
            _attempts = 0;
            Transmit(nowMs);
            return true;
        }

        /// <summary>Takes a Delivered or Failed outcome, returning the sender to Idle.</summary>
        public void ClearSendOutcome()
        {
            if (_sendState != SerialSendState.AwaitingAck)
            {
                _sendState = SerialSendState.Idle;
            }
        }

        /// <summary>Frees the receive buffer for the next frame.</summary>
        public void Release()
        {
            _ready = false;
            _rxState = Hunt;
        }

        /// <summary>
        /// Consumes received bytes; returns how many were used. Stops right after a good frame, so the
        /// caller handles it, releases it, and feeds the rest; consumes nothing while a frame waits.
        /// </summary>
        public int Feed(byte[] data, int offset, int count, long nowMs)
        {
            if (_ready || data == null || offset < 0 || count <= 0 || offset > data.Length - count)
            {
                return 0;
            }

            if (_rxState != Hunt && nowMs - _lastByteMs >= _interByteTimeoutMs)
            {
                _interByteTimeouts++;
                _rxState = Hunt;
            }

            _lastByteMs = nowMs;
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                switch (_rxState)
                {
                    case Hunt:
                        if (b == Stx)
                        {
                            _rxState = Length1;
                            _lrc = 0;
                        }
                        else if (b == Ack || b == Nak)
                        {
                            OnControl(b == Ack, nowMs);
                        }

                        // Anything else between frames is line noise.
                        break;
                    case Length1:
                    case Length2:
                        if ((b >> 4) > 9 || (b & 0x0F) > 9)
                        {
                            Reject();
                            break;
                        }

                        _lrc ^= b;
                        int digits = ((b >> 4) * 10) + (b & 0x0F);
                        if (_rxState == Length1)
                        {
                            _rxExpected = digits * 100;
                            _rxState = Length2;
                        }
                        else
                        {
                            _rxExpected += digits;
                            _rxHave = 0;
                            if (_rxExpected == 0)
                            {
                                Reject();
                            }
                            else if (_rxExpected > _rx.Length)
                            {
                                // Too long to hold: let it pass (data, ETX, LRC), then NAK it.
                                _rxSkip = _rxExpected + 2;
                                _rxState = Skip;
                            }
                            else
                            {
                                _rxState = Data;
                            }
                        }

                        break;
                    case Data:
                        _rx[_rxHave++] = (byte)b;
                        _lrc ^= b;
                        if (_rxHave == _rxExpected)
                        {
                            _rxState = WaitEtx;
                        }

                        break;
                    case WaitEtx:
                        if (b != Etx)
                        {
                            Reject();
                            break;
                        }

                        _lrc ^= b;
                        _rxState = WaitLrc;
                        break;
                    case WaitLrc:
                        if (b != _lrc)
                        {
                            Reject();
                            break;
                        }

                        _framesReceived++;
                        _writer.Write(AckByte, 0, 1);
                        _ready = true;
                        return i + 1;
                    default:
                        if (--_rxSkip == 0)
                        {
                            Reject();
                        }

                        break;
                }
            }

            return count;
        }

        /// <summary>Handles ACK timeouts and inter-byte timeouts; returns when it next wants polling.</summary>
        public long Poll(long nowMs)
        {
            if (_rxState != Hunt && !_ready && nowMs - _lastByteMs >= _interByteTimeoutMs)
            {
                _interByteTimeouts++;
                _rxState = Hunt;
            }

            if (_sendState == SerialSendState.AwaitingAck && nowMs - _sentAtMs >= _ackTimeoutMs)
            {
                _ackTimeouts++;
                RetryOrFail(nowMs);
            }

            long next = Deadline.Never;
            if (_rxState != Hunt && !_ready)
            {
                next = _lastByteMs + _interByteTimeoutMs;
            }

            if (_sendState == SerialSendState.AwaitingAck && _sentAtMs + _ackTimeoutMs < next)
            {
                next = _sentAtMs + _ackTimeoutMs;
            }

            return next;
        }

        private void OnControl(bool ack, long nowMs)
        {
            if (_sendState != SerialSendState.AwaitingAck)
            {
                _strayControls++;
                return;
            }

            if (ack)
            {
                _sendState = SerialSendState.Delivered;
                return;
            }

            _naksReceived++;
            RetryOrFail(nowMs);
        }

        private void RetryOrFail(long nowMs)
        {
            if (_attempts > MaxRetransmissions)
            {
                _sendState = SerialSendState.Failed;
                return;
            }

            _retransmissions++;
            Transmit(nowMs);
        }

        private void Transmit(long nowMs)
        {
            _attempts++;
            _sentAtMs = nowMs;
            _sendState = SerialSendState.AwaitingAck;
            _writer.Write(_tx, 0, _txLength);
        }

        private void Reject()
        {
            _badFrames++;
            _rxState = Hunt;
            _writer.Write(NakByte, 0, 1);
        }
    }
}
