using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Terminal.Hal;

namespace Terminal.Core.Link
{
    /// <summary>What became of a received response.</summary>
    public enum MatchOutcome
    {
        /// <summary>It answers a request still waiting: hand it to the flow.</summary>
        Matched = 0,
        /// <summary>It answers a request whose wait had already timed out: dropped.</summary>
        Late = 1,
        /// <summary>It answers a request already answered: dropped.</summary>
        Duplicate = 2,
        /// <summary>It answers nothing we sent (or lacks MTI, STAN or terminal id): dropped.</summary>
        Unmatched = 3,
    }

    /// <summary>
    /// Pairs responses with requests by MTI pair (0200 to 0210, 0800 to 0810: request + 10), STAN (F11) and
    /// terminal id (F41). Requests wait with a deadline; answered and timed-out requests are remembered
    /// (up to the table's capacity, oldest forgotten first) so a late or duplicate response is recognised,
    /// counted, reported to the trace sink, and dropped rather than taken for a new answer.
    /// </summary>
    public sealed class ResponseMatcher
    {
        /// <summary>Bytes of terminal id (F41).</summary>
        public const int TerminalIdLength = 8;

        private const byte Free = 0;
        private const byte Pending = 1;
        private const byte Answered = 2;
        private const byte Expired = 3;

        private readonly byte[] _state;
        private readonly int[] _mti;
        private readonly int[] _stan;
        private readonly byte[] _tid;
        private readonly long[] _deadline;
        private readonly long[] _age;
        private readonly byte[] _probe = new byte[TerminalIdLength];
        private readonly IWireTraceSink? _log;
        private long _sequence;
        private int _matched;
        private int _late;
        private int _duplicates;
        private int _unmatched;
        private int _timedOut;

        /// <summary>Creates a matcher remembering <paramref name="capacity"/> requests (pending and recent).</summary>
        public ResponseMatcher(int capacity, IWireTraceSink? log)
        {
            _state = new byte[capacity];
            _mti = new int[capacity];
            _stan = new int[capacity];
            _tid = new byte[capacity * TerminalIdLength];
            _deadline = new long[capacity];
            _age = new long[capacity];
            _log = log;
        }

        /// <summary>Responses matched to a waiting request.</summary>
        public int Matched => _matched;

        /// <summary>Responses that came after their request timed out.</summary>
        public int Late => _late;

        /// <summary>Second and later responses to one request.</summary>
        public int Duplicates => _duplicates;

        /// <summary>Responses to nothing we sent.</summary>
        public int Unmatched => _unmatched;

        /// <summary>Requests whose wait ran out.</summary>
        public int TimedOut => _timedOut;

        /// <summary>The response MTI of a request MTI (0200 to 0210), or -1 when the MTI is not a request.</summary>
        public static int ResponseMti(int requestMti)
        {
            if (requestMti < 0 || requestMti > 9999 || ((requestMti / 10) % 2) != 0)
            {
                return -1;
            }

            return requestMti + 10;
        }

        /// <summary>
        /// Records a sent request awaiting its response until <paramref name="deadlineMs"/>; returns a handle,
        /// or -1 when every slot holds a pending request or the MTI is not a request.
        /// </summary>
        public int Expect(int requestMti, int stan, byte[] terminalId, int terminalIdOffset, long deadlineMs)
        {
            if (ResponseMti(requestMti) < 0 || terminalIdOffset < 0 || terminalId.Length - terminalIdOffset < TerminalIdLength)
            {
                return -1;
            }

            int slot = -1;
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] == Free)
                {
                    slot = i;
                    break;
                }

                if (_state[i] != Pending && (slot < 0 || _age[i] < _age[slot]))
                {
                    slot = i; // the oldest remembered answer or timeout makes room
                }
            }

            if (slot < 0)
            {
                return -1;
            }

            _state[slot] = Pending;
            _mti[slot] = requestMti;
            _stan[slot] = stan;
            System.Array.Copy(terminalId, terminalIdOffset, _tid, slot * TerminalIdLength, TerminalIdLength);
            _deadline[slot] = deadlineMs;
            _age[slot] = ++_sequence;
            return slot;
        }

        /// <summary>Records a request sent with the message's MTI, F11 and F41; -1 when they are missing or no slot is free.</summary>
        public int Expect(Iso8583Message request, long deadlineMs)
        {
            long stan = request.GetNumber(Field.Stan);
            if (stan < 0 || request.GetBytes(Field.TerminalId, _probe, 0) != TerminalIdLength)
            {
                return -1;
            }

            return Expect(request.Mti, (int)stan, _probe, 0, deadlineMs);
        }

        /// <summary>Whether the request behind <paramref name="handle"/> still waits.</summary>
        public bool IsPending(int handle) => handle >= 0 && handle < _state.Length && _state[handle] == Pending;

        /// <summary>Stops waiting for a request (the flow gave up for its own reason); a later response counts as late.</summary>
        public void Cancel(int handle)
        {
            if (IsPending(handle))
            {
                _state[handle] = Expired;
            }
        }

        /// <summary>Classifies a received response; <paramref name="handle"/> is the request it answers (when Matched), else -1.</summary>
        public MatchOutcome Match(Iso8583Message response, long nowMs, out int handle)
        {
            handle = -1;
            long stan = response.GetNumber(Field.Stan);
            bool hasTid = response.GetBytes(Field.TerminalId, _probe, 0) == TerminalIdLength;
            int slot = -1;
            if (stan >= 0 && hasTid)
            {
                for (int i = 0; i < _state.Length; i++)
                {
                    if (_state[i] != Free && ResponseMti(_mti[i]) == response.Mti && _stan[i] == stan && SameTid(i))
                    {
                        // Prefer a pending request over a remembered one with the same keys.
                        if (slot < 0 || _state[i] == Pending)
                        {
                            slot = i;
                        }
                    }
                }
            }

            if (slot < 0)
            {
                _unmatched++;
                Report("unmatched", response.Mti, stan);
                return MatchOutcome.Unmatched;
            }

            byte state = _state[slot];
            if (state == Pending && nowMs >= _deadline[slot])
            {
                // The deadline passed but Poll has not run yet: still late.
                _timedOut++;
                state = Expired;
            }

            _state[slot] = Answered;
            if (state == Pending)
            {
                _matched++;
                handle = slot;
                return MatchOutcome.Matched;
            }

            if (state == Expired)
            {
                _late++;
                Report("late", response.Mti, stan);
                return MatchOutcome.Late;
            }

            _duplicates++;
            Report("duplicate", response.Mti, stan);
            return MatchOutcome.Duplicate;
        }

        /// <summary>Times out requests past their deadline; returns the next deadline.</summary>
        public long Poll(long nowMs)
        {
            long next = Deadline.Never;
            for (int i = 0; i < _state.Length; i++)
            {
                if (_state[i] != Pending)
                {
                    continue;
                }

                if (nowMs >= _deadline[i])
                {
                    _state[i] = Expired;
                    _timedOut++;
                }
                else if (_deadline[i] < next)
                {
                    next = _deadline[i];
                }
            }

            return next;
        }

        private bool SameTid(int slot)
        {
            int at = slot * TerminalIdLength;
            for (int i = 0; i < TerminalIdLength; i++)
            {
                if (_tid[at + i] != _probe[i])
                {
                    return false;
                }
            }

            return true;
        }

        private void Report(string what, int mti, long stan)
        {
            if (_log != null)
            {
                // Rare path: a line for the wire log. The terminal id is not card data.
                _log.WriteLine(what + " response dropped: MTI " + Pad(mti, 4) + " STAN " + (stan < 0 ? "none" : Pad(stan, 6)));
            }
        }

        private static string Pad(long value, int digits)
        {
            var c = new char[digits];
            for (int i = digits - 1; i >= 0; i--)
            {
                c[i] = (char)('0' + (int)(value % 10));
                value /= 10;
            }

            return new string(c);
        }
    }
}
