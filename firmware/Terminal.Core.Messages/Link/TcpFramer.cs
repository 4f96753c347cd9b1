using Terminal.Hal;

namespace Terminal.Core.Link
{
    /// <summary>
    /// Host-link framing over TCP: each message is preceded by its length in 2 bytes, big-endian. The
    /// reader is fed bytes as they arrive, in any split, and holds one complete frame at a time in a
    /// buffer it owns; nothing is allocated per frame. A length above the buffer's capacity is skipped
    /// (counted), and a frame left incomplete longer than the inter-byte timeout is discarded, so one
    /// bad length cannot wedge the link.
    /// </summary>
    public sealed class TcpFramer
    {
        /// <summary>Bytes of length prefix.</summary>
        public const int PrefixLength = 2;

        private readonly byte[] _frame;
        private readonly int _interByteTimeoutMs;
        private int _prefixHave;
        private int _expected;
        private int _have;
        private int _skip;
        private bool _ready;
        private long _lastByteMs;
        private int _frames;
        private int _oversized;
        private int _timedOut;

        /// <summary>Creates a reader for frames up to <paramref name="maxFrameLength"/> bytes, discarding a partial frame after <paramref name="interByteTimeoutMs"/> of silence.</summary>
        public TcpFramer(int maxFrameLength, int interByteTimeoutMs)
        {
            _frame = new byte[maxFrameLength];
            _interByteTimeoutMs = interByteTimeoutMs;
        }

        /// <summary>Whether a complete frame waits in <see cref="Frame"/>; call <see cref="Release"/> when done with it.</summary>
        public bool FrameReady => _ready;

        /// <summary>The frame buffer (valid for <see cref="FrameLength"/> bytes while <see cref="FrameReady"/>).</summary>
        public byte[] Frame => _frame;

        /// <summary>Length of the waiting frame.</summary>
        public int FrameLength => _ready ? _expected : 0;

        /// <summary>Frames received.</summary>
        public int Frames => _frames;

        /// <summary>Frames skipped because their length exceeded the buffer.</summary>
        public int Oversized => _oversized;

        /// <summary>Partial frames discarded after the inter-byte timeout.</summary>
        public int TimedOut => _timedOut;

        /// <summary>Whether a frame is partly received.</summary>
        public bool InFrame => _prefixHave > 0 || _skip > 0;

        /// <summary>Writes the length prefix of a <paramref name="length"/>-byte message at <paramref name="offset"/> (pack the message right after it).</summary>
        public static void WritePrefix(byte[] dest, int offset, int length)
        {
            dest[offset] = (byte)(length >> 8);
            dest[offset + 1] = (byte)length;
        }

        /// <summary>Frees the frame buffer for the next frame.</summary>
        public void Release()
        {
            _ready = false;
            _prefixHave = 0;
            _have = 0;
            _expected = 0;
        }

        /// <summary>
        /// Consumes received bytes; returns how many were used. Stops right after completing a frame, so
        /// the caller handles it, releases it, and feeds the rest. Consumes nothing while a frame waits.
        /// </summary>
        public int Feed(byte[] data, int offset, int count, long nowMs)
        {
            if (_ready || data == null || offset < 0 || count <= 0 || offset > data.Length - count)
            {
                return 0;
            }

            if (InFrame && nowMs - _lastByteMs >= _interByteTimeoutMs)
            {
                Discard();
            }

            _lastByteMs = nowMs;
            int i = 0;
            while (i < count)
            {
                if (_skip > 0)
                {
                    int n = count - i < _skip ? count - i : _skip;
                    _skip -= n;
                    i += n;
                    if (_skip == 0)
                    {
                        _prefixHave = 0;
                    }

                    continue;
                }

                if (_prefixHave < PrefixLength)
                {
                    _expected = (_expected << 8) | data[offset + i];
                    _prefixHave++;
                    i++;
                    if (_prefixHave == PrefixLength)
                    {
                        if (_expected == 0)
                        {
                            // An empty frame is a keep-alive: nothing to deliver.
                            _prefixHave = 0;
                        }
                        else if (_expected > _frame.Length)
                        {
                            _oversized++;
                            _skip = _expected;
                            _expected = 0;
                        }
                    }

                    continue;
                }

                int want = _expected - _have;
                int take = count - i < want ? count - i : want;
                System.Array.Copy(data, offset + i, _frame, _have, take);
                _have += take;
                i += take;
                if (_have == _expected)
                {
                    _ready = true;
                    _frames++;
                    return i;
                }
            }

            return i;
        }

        /// <summary>Discards a partial frame that has been silent too long; returns when it next wants polling.</summary>
        public long Poll(long nowMs)
        {
            if (!InFrame || _ready)
            {
                return Deadline.Never;
            }

            long due = _lastByteMs + _interByteTimeoutMs;
            if (nowMs >= due)
            {
                Discard();
                return Deadline.Never;
            }

            return due;
        }

        private void Discard()
        {
            _timedOut++;
            _prefixHave = 0;
            _expected = 0;
            _have = 0;
            _skip = 0;
        }
    }
}
