using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Payments;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Training
{
    /// <summary>
    /// The acquirer host of training mode, inside the terminal: it takes the packed requests the training
    /// session would send on the wire and answers them itself, so a training transaction never leaves the
    /// terminal. It checks and signs MACs with the training key, approves sales (declining amounts ending in
    /// .51 with 51, so trainees see a decline), voids, refunds, reversals and batch uploads, and keeps its
    /// own totals so a settlement is balanced only when the terminal's batch agrees with what it approved.
    /// Reference numbers start with "TR" and authorization codes with "T", so a training receipt cannot
    /// pass for a real one.
    /// </summary>
    public sealed class TrainingHost : IHostTransport
    {
        /// <summary>How long the training host takes to answer (ms), so screens show "processing" as for real.</summary>
        public const int AnswerDelayMs = 300;

        private const int Remembered = 64;
        private readonly Iso8583Codec _codec;
        private readonly Iso8583Message _req;
        private readonly Iso8583Message _resp;
        private readonly CupMac _mac;
        private readonly IClock _clock;
        private readonly byte[] _frame;
        private readonly byte[] _preamble;
        private readonly byte[] _mak = new byte[24];
        private readonly int[] _stans = new int[Remembered];
        private readonly long[] _effects = new long[Remembered];
        private readonly BatchTotals _totals = new BatchTotals();
        private readonly byte[] _f48 = new byte[62];
        private readonly byte[] _macSlot = new byte[8];
        private int _makLength;
        private int _next;
        private int _frameLength;
        private int _pendingLength;
        private long _dueAt = Deadline.Never;
        private int _rrn;

        /// <summary>Creates the host for messages of <paramref name="profile"/> up to <paramref name="maxMessage"/> bytes.</summary>
        public TrainingHost(Iso8583Profile profile, ICrypto crypto, IClock clock, int maxMessage)
        {
            _codec = new Iso8583Codec(profile);
            _req = new Iso8583Message(profile);
            _resp = new Iso8583Message(profile);
            _mac = new CupMac(crypto);
            _clock = clock;
            _frame = new byte[maxMessage];
            _preamble = new byte[profile.PreambleLength];
        }

        /// <summary>Requests answered so far.</summary>
        public int Answered { get; private set; }

        /// <inheritdoc />
        public int FrameLength => _frameLength;

        /// <inheritdoc />
        public byte[] Frame => _frame;

        /// <inheritdoc />
        public bool Failed => false;

        /// <inheritdoc />
        public string Problem => string.Empty;

        /// <inheritdoc />
        public LinkFailure Failure => LinkFailure.None;

        /// <summary>The MAC key the training session uses (copied).</summary>
        public void SetMak(byte[] key, int offset, int length)
        {
            System.Array.Copy(key, offset, _mak, 0, length);
            _makLength = length;
        }

        /// <summary>Forgets the key, the totals and anything in flight (training ended).</summary>
        public void Clear()
        {
            Security.Wipe.Bytes(_mak, 0, _mak.Length);
            _makLength = 0;
            _frameLength = 0;
            _pendingLength = 0;
            _dueAt = Deadline.Never;
            _totals.Clear();
            for (int i = 0; i < Remembered; i++)
            {
                _stans[i] = 0;
                _effects[i] = 0;
            }
        }

        /// <inheritdoc />
        public bool Send(byte[] message, int offset, int count, long nowMs)
        {
            if (_pendingLength > 0 || _frameLength > 0)
            {
                return false; // one exchange at a time, as the session guarantees
            }

            int length = Answer(message, offset, count);
            if (length > 0)
            {
                _pendingLength = length;
                _dueAt = nowMs + AnswerDelayMs;
                _clock.Wake();
            }

            return true;
        }

        /// <inheritdoc />
        public void Release() => _frameLength = 0;

        /// <inheritdoc />
        public void Reset()
        {
            _pendingLength = 0;
            _frameLength = 0;
            _dueAt = Deadline.Never;
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (_pendingLength > 0 && nowMs >= _dueAt && _frameLength == 0)
            {
                _frameLength = _pendingLength;
                _pendingLength = 0;
                _dueAt = Deadline.Never;
            }

            return _dueAt;
        }

        // Builds the answer into _frame; returns its length, or 0 to stay silent (an undecodable request).
        private int Answer(byte[] message, int offset, int count)
        {
            if (_codec.Unpack(_req, message, offset, count).IsError)
            {
                return 0;
            }

            _resp.Clear();
            _req.GetPreamble(_preamble, 0);
            _resp.SetPreamble(_preamble, 0);
            _resp.Mti = _req.Mti + 10;
            for (int f = Field.Pan; f < Field.Mac; f++)
            {
                if (f != Field.Track2 && f != Field.PinBlock && f != Field.SecurityControl && f != Field.IccData && f != Field.PrivateData && _req.Has(f))
                {
                    _resp.CopyField(_req, f);
                }
            }

            System.DateTime now = _clock.WallTime;
            _resp.SetNumber(Field.LocalTime, (now.Hour * 10000) + (now.Minute * 100) + now.Second, 6);
            _resp.SetNumber(Field.LocalDate, (now.Month * 100) + now.Day, 4);
            _resp.Set(Field.ResponseCode, Decide(message));
            _resp.Set(Field.Mac, _macSlot, 0, 8); // placeholder so the bitmap names F64; signed after packing
            int length = _codec.Pack(_resp, _frame, 0);
            if (length <= 0 || _makLength == 0)
            {
                return length > 0 ? length : 0;
            }

            _mac.Sign(_mak, 0, _makLength, _frame, _resp.MtiOffset, length);
            Answered++;
            return length;
        }

        // The response code; sets F37/F38/F48 as the request needs.
        private string Decide(byte[] message)
        {
            if (_makLength == 0)
            {
                return "77";
            }

            if (!_req.Has(Field.Mac) || !MacValid(message))
            {
                return "A0";
            }

            int mti = _req.Mti;
            long amount = _req.Has(Field.Amount) ? _req.GetNumber(Field.Amount) : 0;
            int stan = (int)_req.GetNumber(Field.Stan);
            bool sale = _req.FieldEquals(Field.ProcessingCode, SaleCode, 0, SaleCode.Length);
            switch (mti)
            {
                case 200:
                case 220:
                    if (sale && amount % 100 == 51)
                    {
                        return "51";
                    }

                    SetReference();
                    if (!Known(stan))
                    {
                        // A resent request (its answer was lost) is answered again, counted once.
                        Apply(stan, mti == 220 ? Credit(amount) : sale ? amount : -amount);
                    }

                    return "00";
                case 400:
                    Undo(stan);
                    return "00";
                case 500:
                    return Settle();
                default:
                    return "00"; // batch upload, its end, echo: accepted
            }
        }

        private static readonly byte[] SaleCode = new byte[] { (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0' };

        // A refund is remembered as a credit: amounts past this bias are credits, below it debits.
        private const long CreditBias = 1000000000000L;

        private static long Credit(long amount) => CreditBias + amount;

        private void SetReference()
        {
            _rrn++;
            _resp.Set(Field.Rrn, "TR" + DigitText.Fixed(_rrn, 10));
            _resp.Set(Field.AuthCode, "T" + DigitText.Fixed(_rrn % 100000, 5));
        }

        // Counts an approved transaction and remembers its effect so a reversal can take it back.
        private void Apply(int stan, long effect)
        {
            Count(effect, 1);
            _stans[_next] = stan;
            _effects[_next] = effect;
            _next = (_next + 1) % Remembered;
        }

        private bool Known(int stan) => Find(stan) >= 0;

        private void Undo(int stan)
        {
            int i = Find(stan);
            if (i >= 0)
            {
                Count(_effects[i], -1);
                _effects[i] = 0;
            }
        }

        // Where an approved (not yet reversed) transaction with this STAN is remembered, or -1.
        private int Find(int stan)
        {
            for (int i = 0; i < Remembered; i++)
            {
                if (_stans[i] == stan && _effects[i] != 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private void Count(long effect, int sign)
        {
            if (effect >= CreditBias)
            {
                _totals.CreditAmount += sign * (effect - CreditBias);
                _totals.CreditCount += sign;
            }
            else if (effect > 0)
            {
                _totals.DebitAmount += sign * effect;
                _totals.DebitCount += sign;
            }
            else
            {
                // A void takes its sale out of the debit totals.
                _totals.DebitAmount += sign * effect;
                _totals.DebitCount -= sign;
            }
        }

        // Settlement: balanced when the terminal's debit and credit totals (F48 digits 0-29) are the host's.
        private string Settle()
        {
            int n = _req.GetLength(Field.AdditionalData);
            if (n < 31 || n > _f48.Length)
            {
                return "30";
            }

            _req.GetBytes(Field.AdditionalData, _f48, 0);

            // Training keeps no card split: balanced when the terminal's parts add up to its own debits and credits.
            bool balanced = n == SettlementSides.Field48Length
                && Part(0, 12) + Part(31, 12) == _totals.DebitAmount && Part(12, 3) + Part(43, 3) == _totals.DebitCount
                && Part(15, 12) + Part(46, 12) == _totals.CreditAmount && Part(27, 3) + Part(58, 3) == _totals.CreditCount;
            _f48[30] = (byte)(balanced ? '1' : '2');
            if (n == SettlementSides.Field48Length)
            {
                _f48[61] = (byte)(balanced ? '1' : '2');
            }

            _resp.Set(Field.AdditionalData, _f48, 0, n);
            _totals.Clear(); // settled: unbalanced batches are uploaded and taken as the terminal counted them
            return "00";
        }

        // A number of F48's digits as received.
        private long Part(int at, int width)
        {
            long v = 0;
            for (int i = 0; i < width; i++)
            {
                v = (v * 10) + (_f48[at + i] - '0');
            }

            return v;
        }

        private bool MacValid(byte[] message)
        {
            int macAt = _req.GetWireOffset(Field.Mac);
            int start = _req.MacInputOffset;
            return macAt > start && _mac.Verify(_mak, 0, _makLength, message, start, macAt - start, message, macAt);
        }
    }
}
