using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>
    /// A role's password (manager, technician) kept only as a salted, iterated SHA-256 hash, with a retry
    /// lockout: after <see cref="MaxFailures"/> wrong tries in a row, every try is refused for
    /// <see cref="LockoutMs"/>, doubled at each lockout that follows without a right password in between (up to
    /// <see cref="MaxLockoutMs"/>). A stored guard keeps the wrong tries, the lockout level and the lock still to
    /// run in its key-store slot, written at every wrong try, so a power cycle neither clears nor shortens a
    /// lockout (it restarts the remaining time, whole). Compares in constant time; wipes the typed digits it is given.
    /// </summary>
    public sealed class PasswordGuard
    {
        /// <summary>Wrong tries before the lockout.</summary>
        public const int MaxFailures = 3;

        /// <summary>How long the first lockout lasts; each one after it without a right password doubles.</summary>
        public const long LockoutMs = 5 * 60 * 1000;

        /// <summary>The longest lockout: a day.</summary>
        public const long MaxLockoutMs = 24L * 60 * 60 * 1000;

        /// <summary>SHA-256 rounds of the hash (docs: keys-and-pin, "Passwords", for why this many).</summary>
        public const int Iterations = 1000;

        private readonly ICrypto _crypto;
        private readonly IClock _clock;
        private readonly IRandomSource _random;
        private readonly byte[] _salt = new byte[16];
        private readonly byte[] _hash = new byte[32];
        private readonly byte[] _work = new byte[64];
        private int _failures;
        private int _level;
        private long _lockedUntil = -1;

        /// <summary>Creates a guard for <paramref name="password"/> (ASCII digits), salted from <paramref name="random"/>.</summary>
        public PasswordGuard(ICrypto crypto, IClock clock, IRandomSource random, byte[] password, int offset, int length)
            : this(crypto, clock, random)
        {
            random.NextBytes(_salt, 0, _salt.Length);
            Derive(password, offset, length, _hash);
            Wipe.Bytes(password, offset, length);
        }

        private PasswordGuard(ICrypto crypto, IClock clock, IRandomSource random)
        {
            _crypto = crypto;
            _clock = clock;
            _random = random;
        }

        /// <summary>
        /// Bytes a stored password takes in its key-store slot: the salt (16), the hash (32), the wrong tries since
        /// the last right one (1), the lockout level (1), the lock still to run in milliseconds (4, big-endian,
        /// whole seconds rounded up), and two reserved zero bytes. A slot of the first 48 bytes alone (an older
        /// terminal) reads as no wrong tries.
        /// </summary>
        public const int StoredLength = 56;

        private const int SecretLength = 48;

        /// <summary>Shortest password <see cref="Change"/> accepts.</summary>
        public const int MinLength = 4;

        /// <summary>Longest password <see cref="Change"/> accepts.</summary>
        public const int MaxLength = 8;

        private IKeyStore? _store;
        private int _slot;

        /// <summary>
        /// The guard for a role whose salt and hash live in <paramref name="slot"/> of <paramref name="keys"/>:
        /// read from there, or, on a new terminal, made from <paramref name="factoryDefault"/> and stored. The
        /// password itself is never stored; <see cref="Change"/> replaces it.
        /// </summary>
        public static PasswordGuard Stored(ICrypto crypto, IClock clock, IRandomSource random, IKeyStore keys, int slot, byte[] factoryDefault)
        {
            // Read back at every power-up (no hashing); made from the factory default only on a new terminal.
            var guard = new PasswordGuard(crypto, clock, random);
            guard._store = keys;
            guard._slot = slot;
            byte[] stored = new byte[StoredLength];
            int length = keys.Load(slot, stored, 0);
            if (length == StoredLength || length == SecretLength)
            {
                System.Array.Copy(stored, 0, guard._salt, 0, 16);
                System.Array.Copy(stored, 16, guard._hash, 0, 32);
                if (length == StoredLength)
                {
                    guard._failures = stored[48] < MaxFailures ? stored[48] : MaxFailures - 1;
                    guard._level = stored[49] < 16 ? stored[49] : 16;
                    long remaining = ((long)stored[50] << 24) | ((long)stored[51] << 16) | ((long)stored[52] << 8) | stored[53];
                    if (remaining > 0)
                    {
                        // The lock ran while the terminal was off for all we know: it starts again, whole.
                        guard._lockedUntil = clock.NowMs + (remaining < MaxLockoutMs ? remaining : MaxLockoutMs);
                    }
                }
            }
            else
            {
                random.NextBytes(guard._salt, 0, guard._salt.Length);
                guard.Derive(factoryDefault, 0, factoryDefault.Length, guard._hash);
                guard.Save();
            }

            Wipe.Bytes(factoryDefault, 0, factoryDefault.Length);

            Wipe.Bytes(stored, 0, stored.Length);
            return guard;
        }

        /// <summary>
        /// Replaces the password (ASCII digits, <see cref="MinLength"/> to <see cref="MaxLength"/>; wiped after) with
        /// a fresh salt, and stores it when the guard has a slot. False when the length is not allowed.
        /// </summary>
        public bool Change(byte[] password, int offset, int length)
        {
            if (length < MinLength || length > MaxLength)
            {
                Wipe.Bytes(password, offset, length);
                return false;
            }

            _random.NextBytes(_salt, 0, _salt.Length);

            Derive(password, offset, length, _hash);
            Wipe.Bytes(password, offset, length);
            _failures = 0;
            _level = 0;
            _lockedUntil = -1;
            Save();
            return true;
        }

        private void Save()
        {
            if (_store == null)
            {
                return;
            }

            byte[] stored = new byte[StoredLength];
            System.Array.Copy(_salt, 0, stored, 0, 16);
            System.Array.Copy(_hash, 0, stored, 16, 32);
            long remaining = LockoutRemainingMs;
            remaining = ((remaining + 999) / 1000) * 1000;
            stored[48] = (byte)_failures;
            stored[49] = (byte)_level;
            stored[50] = (byte)(remaining >> 24);
            stored[51] = (byte)(remaining >> 16);
            stored[52] = (byte)(remaining >> 8);
            stored[53] = (byte)remaining;
            _store.Store(_slot, stored, 0, StoredLength);
            Wipe.Bytes(stored, 0, stored.Length);
        }

        /// <summary>Whether tries are refused now.</summary>
        public bool LockedOut => _lockedUntil >= 0 && _clock.NowMs < _lockedUntil;

        /// <summary>Milliseconds until the lockout ends (0 when not locked).</summary>
        public long LockoutRemainingMs => LockedOut ? _lockedUntil - _clock.NowMs : 0;

        /// <summary>Whole minutes until the lockout ends, rounded up (what the screen says); 0 when not locked.</summary>
        public long LockoutRemainingMinutes => (LockoutRemainingMs + 59999) / 60000;

        /// <summary>Wrong tries since the last right one (or since the last lockout began).</summary>
        public int Failures => _failures;

        /// <summary>Lockouts since the last right password: the next lockout lasts <see cref="LockoutMs"/> times 2 to this power.</summary>
        public int Level => _level;

        /// <summary>Checks a typed password (ASCII digits, wiped after); false when wrong or locked out.</summary>
        public bool Check(byte[] typed, int offset, int length)
        {
            if (LockedOut)
            {
                Wipe.Bytes(typed, offset, length);
                return false;
            }

            byte[] candidate = new byte[32];
            Derive(typed, offset, length, candidate);
            Wipe.Bytes(typed, offset, length);
            int diff = 0;
            for (int i = 0; i < 32; i++)
            {
                diff |= candidate[i] ^ _hash[i];
            }

            Wipe.Bytes(candidate, 0, candidate.Length);
            if (diff == 0)
            {
                bool changed = _failures != 0 || _level != 0 || _lockedUntil >= 0;
                _failures = 0;
                _level = 0;
                _lockedUntil = -1;
                if (changed)
                {
                    Save();
                }

                return true;
            }

            _failures++;
            if (_failures >= MaxFailures)
            {
                _failures = 0;
                long lockMs = LockoutMs;
                for (int i = 0; i < _level && lockMs < MaxLockoutMs; i++)
                {
                    lockMs *= 2;
                }

                _lockedUntil = _clock.NowMs + (lockMs < MaxLockoutMs ? lockMs : MaxLockoutMs);
                if (_level < 16)
                {
                    _level++;
                }
            }

            // Written before the answer is shown: a power cut after a wrong try cannot forget it.
            Save();
            return false;
        }

        // hash = SHA-256 applied n times to (salt || password), iterated so guessing from a stolen hash is slow.
        // Every round after the first hashes the 32-byte digest alone: one compression per round, not two.
        private void Derive(byte[] password, int offset, int length, byte[] output)
        {
            int n = length < 32 ? length : 32;
            System.Array.Copy(_salt, 0, _work, 0, 16);
            System.Array.Copy(password, offset, _work, 16, n);
            _crypto.Sha256(_work, 0, 16 + n, output, 0);
            for (int i = 1; i < Iterations; i++)
            {
                System.Array.Copy(output, 0, _work, 0, 32);
                _crypto.Sha256(_work, 0, 32, output, 0);
            }

            Wipe.Bytes(_work, 0, _work.Length);
        }
    }
}
