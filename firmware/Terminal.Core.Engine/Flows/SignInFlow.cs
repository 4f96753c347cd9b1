using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Security;
using Terminal.Hal;

namespace Terminal.Core.Flows
{
    /// <summary>Told how a sign-in ended.</summary>
    public interface ISignInObserver
    {
        /// <summary>Sign-in finished; <paramref name="message"/> says what happened in words for the screen.</summary>
        void OnSignInDone(bool success, string message);
    }

    /// <summary>
    /// Sign-in (签到), 0800/0810 with 60.3 = 004: the host sends a fresh PIN key, MAC key and track data key in F62,
    /// each encrypted under the terminal master key with a 4-byte check value: PIK (16) + CV, MAK (8 and 8 zero
    /// bytes, or 16) + CV, TDK (16) + CV, 60 bytes. A host without track keys answers 40 bytes (PIK, MAK; 24 for
    /// single-length keys): the terminal then holds no TDK and sends track data in clear. Every check value must
    /// match before any key is stored; then the clock is set from F12/F13, the batch from F60.2, and the
    /// response's MAC checked under the new MAK.
    /// </summary>
    public sealed class SignInFlow : IHostExchangeHandler
    {
        /// <summary>F60.3 network management code of a sign-in for double-length keys with a track data key.</summary>
        public const int NetworkCode = 4;

        /// <summary>Bytes of F62 carrying PIK, MAK and TDK (60.3 = 004), each in 16 bytes + a 4-byte check value.</summary>
        public const int KeysWithTdk = 60;

        /// <summary>Bytes of the TMK: a double-length key, as set-up takes it (32 hex digits).</summary>
        public const int TmkLength = 16;

        /// <summary>Whether a working key (PIK, MAK) of <paramref name="length"/> bytes is one sign-in gives: single or double length.</summary>
        public static bool IsWorkingKeyLength(int length) => length == 8 || length == 16;

        private readonly HostSession _session;
        private readonly IKeyStore _keys;
        private readonly ICrypto _crypto;
        private readonly IClock _clock;
        private readonly TerminalIdentity _identity;
        private readonly KeyCheck _check;
        private readonly byte[] _f62 = new byte[64];
        private readonly byte[] _tmk = new byte[24];
        private readonly byte[] _pik = new byte[24];
        private readonly byte[] _mak = new byte[24];
        private readonly byte[] _tdk = new byte[24];
        private ISignInObserver? _observer;
        private int _timeoutMs = 30000;

        /// <summary>Creates the flow.</summary>
        public SignInFlow(HostSession session, IKeyStore keys, ICrypto crypto, IClock clock, TerminalIdentity identity)
        {
            _session = session;
            _keys = keys;
            _crypto = crypto;
            _clock = clock;
            _identity = identity;
            _check = new KeyCheck(crypto);
        }

        /// <summary>How long to wait for the host.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>Whether a sign-in is in progress.</summary>
        public bool Running => _observer != null;

        /// <summary>Sends the 0800; the outcome reaches <paramref name="observer"/>.</summary>
        public void Start(ISignInObserver observer)
        {
            if (_keys.Load(KeySlot.Tmk, _tmk, 0) != TmkLength)
            {
                Wipe.Bytes(_tmk, 0, _tmk.Length);
                observer.OnSignInDone(false, "No master key: load the TMK first");
                return;
            }

            Wipe.Bytes(_tmk, 0, _tmk.Length);
            Iso8583Message request = _session.NewNetworkRequest(800, _identity, NetworkCode);
            request.Set(Field.OperatorData, "01 ");
            _observer = observer;
            if (!_session.Send(this, _timeoutMs, false, false))
            {
                Done(false, "Cannot send sign-in (host link busy)");
            }
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            if (outcome != ExchangeOutcome.Response)
            {
                Done(false, "Sign-in failed: " + reason);
                return;
            }

            Iso8583Message response = _session.Response;
            string? code = response.GetString(Field.ResponseCode);
            if (code != "00")
            {
                Done(false, "Sign-in refused by host (code " + (code ?? "none") + ")");
                return;
            }

            int length = response.GetBytes(Field.PrivateData, _f62, 0);
            if (length != 24 && length != 40 && length != KeysWithTdk)
            {
                Done(false, "Sign-in answer has no usable keys (F62 of " + length.ToString() + " bytes)");
                return;
            }

            int keyLength = length == 24 ? 8 : 16;

            // CUP's double-length set sends the MAK as 8 bytes and 8 zero bytes (a single-length MAK, single-DES check
            // value); a MAK slot whose second half is not zero holds a double-length MAK.
            int makLength = keyLength == 16 && IsZero(_f62, 28, 8) ? 8 : keyLength;
            int tmkLength = _keys.Load(KeySlot.Tmk, _tmk, 0);
            try
            {
                if (tmkLength != TmkLength)
                {
                    // The key store's length is trusted no further than set-up would have accepted it.
                    Done(false, "No master key: load the TMK first");
                    return;
                }

                if (!OpenKey(tmkLength, _f62, 0, keyLength, _pik))
                {
                    Done(false, "PIN key check value wrong: keys not loaded");
                    return;
                }

                if (!OpenKey(tmkLength, _f62, keyLength + 4, makLength, _mak, keyLength + 4 + keyLength))
                {
                    Done(false, "MAC key check value wrong: keys not loaded");
                    return;
                }

                if (length == KeysWithTdk && !OpenKey(tmkLength, _f62, 40, 16, _tdk, 56))
                {
                    Done(false, "Track key check value wrong: keys not loaded");
                    return;
                }

                if (!_session.ResponseMacValid(_mak, 0, makLength))
                {
                    Done(false, "Sign-in answer failed its MAC check: keys not loaded");
                    return;
                }

                // The TDK first: a power cut before the MAK lands leaves the old MAK, which the host refuses anyway.
                if (length == KeysWithTdk)
                {
                    _keys.Store(KeySlot.Tdk, _tdk, 0, 16);
                }
                else
                {
                    // No track key from this host: a TDK of an earlier sign-in must not encrypt for it.
                    _keys.Erase(KeySlot.Tdk);
                }

                _keys.Store(KeySlot.Pik, _pik, 0, keyLength);
                _keys.Store(KeySlot.Mak, _mak, 0, makLength);
                _session.SetMak(_mak, 0, makLength);
            }
            finally
            {
                Wipe.Bytes(_tmk, 0, _tmk.Length);
                Wipe.Bytes(_pik, 0, _pik.Length);
                Wipe.Bytes(_mak, 0, _mak.Length);
                Wipe.Bytes(_tdk, 0, _tdk.Length);
                Wipe.Bytes(_f62, 0, _f62.Length);
            }

            SetClock(response);
            long batch = response.GetSubfieldNumber(Field.MessageInfo, 2);
            if (batch > 0)
            {
                _identity.Batch = (int)batch;
            }

            Done(true, "Signed in, batch " + _identity.Batch.ToString() + (length == KeysWithTdk ? string.Empty : " (no track key: tracks sent in clear)"));
        }

        // Decrypts a key (ECB, block by block) under the TMK and checks the 4-byte check value at checkAt.
        private bool OpenKey(int tmkLength, byte[] f62, int at, int keyLength, byte[] clear, int checkAt = -1)
        {
            for (int block = 0; block < keyLength; block += 8)
            {
                _crypto.DesBlock(false, _tmk, 0, tmkLength, f62, at + block, clear, block);
            }

            return _check.Verify(clear, 0, keyLength, f62, checkAt < 0 ? at + keyLength : checkAt);
        }

        private static bool IsZero(byte[] bytes, int offset, int count)
        {
            int bits = 0;
            for (int i = 0; i < count; i++)
            {
                bits |= bytes[offset + i];
            }

            return bits == 0;
        }

        private void SetClock(Iso8583Message response)
        {
            long time = response.GetNumber(Field.LocalTime);
            long date = response.GetNumber(Field.LocalDate);
            if (time < 0 || date < 0)
            {
                return;
            }

            int month = (int)(date / 100);
            int day = (int)(date % 100);
            int hour = (int)(time / 10000);
            int minute = (int)(time / 100 % 100);
            int second = (int)(time % 100);
            System.DateTime now = _clock.WallTime;
            int year = now.Year;

            // F13 has no year: a December date seen in January belongs to last year, and the reverse.
            if (month == 12 && now.Month == 1)
            {
                year--;
            }
            else if (month == 1 && now.Month == 12)
            {
                year++;
            }

            if (month < 1 || month > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                return;
            }

            _clock.SetWallTime(new System.DateTime(year, month, day, hour, minute, second));
        }

        private void Done(bool success, string message)
        {
            ISignInObserver? observer = _observer;
            _observer = null;
            observer?.OnSignInDone(success, message);
        }
    }
}
