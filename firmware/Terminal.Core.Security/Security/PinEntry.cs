using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>What a key did to the PIN being entered.</summary>
    public enum PinEntryResult
    {
        /// <summary>A digit was added or removed: redraw the stars.</summary>
        Changed = 0,
        /// <summary>The key was not accepted (a 13th digit, ENTER with fewer than 4): beep.</summary>
        Refused = 1,
        /// <summary>CANCEL: the digits are wiped; no transaction.</summary>
        Cancelled = 2,
        /// <summary>ENTER with 4 to 12 digits: call <see cref="PinEntry.Seal"/>.</summary>
        Confirmed = 3,
    }

    /// <summary>How a PIN block is encrypted: under the PIK (TDES), or by DUKPT.</summary>
    public interface IPinBlockCipher
    {
        /// <summary>
        /// Encrypts the 8-byte clear block into <paramref name="dest"/>; writes the KSN (DUKPT) into
        /// <paramref name="ksn"/> and returns its length (0 for the PIK scheme), or -1 when no key is available.
        /// </summary>
        int Encrypt(byte[] clearBlock, int clearOffset, byte[] dest, int destOffset, byte[] ksn, int ksnOffset);
    }

    /// <summary>
    /// The PIN as the customer keys it: digits (shown only as stars), CLEAR empties it, CANCEL abandons it,
    /// ENTER accepts 4 to 12 digits. The clear digits stay in this object's own buffer: nothing reads them out;
    /// <see cref="Seal"/> turns them into an encrypted ISO 9564 format 0 block and wipes them (and the clear
    /// block), and every other ending wipes them too.
    /// </summary>
    public sealed class PinEntry
    {
        private readonly byte[] _digits = new byte[PinBlock.MaxPinLength];
        private readonly byte[] _clear = new byte[8];
        private readonly char[] _stars = new char[PinBlock.MaxPinLength];
        private int _length;

        /// <summary>Digits keyed so far.</summary>
        public int Length => _length;

        /// <summary>One star per digit keyed (never the digits).</summary>
        public string Masked
        {
            get
            {
                for (int i = 0; i < _length; i++)
                {
                    _stars[i] = '*';
                }

                return new string(_stars, 0, _length);
            }
        }

        /// <summary>Applies a key (digits, CLEAR, CANCEL, ENTER; others are refused).</summary>
        public PinEntryResult Key(int key)
        {
            if (KeyCode.IsDigit(key))
            {
                if (_length >= PinBlock.MaxPinLength)
                {
                    return PinEntryResult.Refused;
                }

                _digits[_length++] = (byte)('0' + (key - KeyCode.Digit0));
                return PinEntryResult.Changed;
            }

            switch (key)
            {
                case KeyCode.Clear:
                    Wipe();
                    return PinEntryResult.Changed;
                case KeyCode.Cancel:
                    Wipe();
                    return PinEntryResult.Cancelled;
                case KeyCode.Enter:
                    return _length >= PinBlock.MinPinLength ? PinEntryResult.Confirmed : PinEntryResult.Refused;
                default:
                    return PinEntryResult.Refused;
            }
        }

        /// <summary>
        /// Builds the format 0 block of the PIN with the PAN (ASCII digits), encrypts it with <paramref name="cipher"/>
        /// into 8 bytes at <paramref name="dest"/> (and the KSN, for DUKPT), and wipes the PIN. Returns the KSN
        /// length (0 for the PIK scheme), or -1 when the PIN or PAN has the wrong shape or no key is available.
        /// </summary>
        public int Seal(byte[] pan, int panOffset, int panLength, IPinBlockCipher cipher, byte[] dest, int destOffset, byte[] ksn, int ksnOffset)
        {
            int result = -1;
            if (_length >= PinBlock.MinPinLength && PinBlock.Format0(_digits, 0, _length, pan, panOffset, panLength, _clear, 0))
            {
                result = cipher.Encrypt(_clear, 0, dest, destOffset, ksn, ksnOffset);
            }

            Wipe();
            return result;
        }

        /// <summary>Forgets the digits (timeout, cancel, card removed).</summary>
        public void Wipe()
        {
            Security.Wipe.Bytes(_digits, 0, _digits.Length);
            Security.Wipe.Bytes(_clear, 0, _clear.Length);
            _length = 0;
        }
    }

    /// <summary>PIN blocks encrypted (TDES ECB) under the double-length PIK that sign-in stored in the key store (F53 2600...).</summary>
    public sealed class PikCipher : IPinBlockCipher
    {
        private readonly IKeyStore _keys;
        private readonly ICrypto _crypto;
        private readonly byte[] _pik = new byte[24];

        /// <summary>Reads the PIK from <paramref name="keys"/> at each use (a new sign-in replaces it).</summary>
        public PikCipher(IKeyStore keys, ICrypto crypto)
        {
            _keys = keys;
            _crypto = crypto;
        }

        /// <summary>Whether a PIK is loaded (signed in).</summary>
        public bool HasKey
        {
            get
            {
                int n = _keys.Load(KeySlot.Pik, _pik, 0);
                Wipe.Bytes(_pik, 0, _pik.Length);
                return n == 16;
            }
        }

        /// <inheritdoc />
        public int Encrypt(byte[] clearBlock, int clearOffset, byte[] dest, int destOffset, byte[] ksn, int ksnOffset)
        {
            int n = _keys.Load(KeySlot.Pik, _pik, 0);
            int result = -1;
            if (n == 16)
            {
                _crypto.DesBlock(true, _pik, 0, n, clearBlock, clearOffset, dest, destOffset);
                result = 0;
            }

            Wipe.Bytes(_pik, 0, _pik.Length);
            return result;
        }
    }

    /// <summary>PIN blocks encrypted by DUKPT: the registers are restored from the key store, used once and saved back.</summary>
    public sealed class DukptCipher : IPinBlockCipher
    {
        private readonly IKeyStore _keys;
        private readonly DukptRegisters _registers;
        private readonly byte[] _state = new byte[DukptRegisters.StateLength];

        /// <summary>Keeps the registers in <see cref="KeySlot.DukptRegisters"/> of <paramref name="keys"/>.</summary>
        public DukptCipher(IKeyStore keys, ICrypto crypto)
        {
            _keys = keys;
            _registers = new DukptRegisters(crypto);
        }

        /// <summary>Whether DUKPT registers were injected and still have keys.</summary>
        public bool HasKey
        {
            get
            {
                int n = _keys.Load(KeySlot.DukptRegisters, _state, 0);
                bool ready = n == DukptRegisters.StateLength && _registers.Restore(_state, 0, n) && _registers.Ready;
                _registers.Clear();
                Wipe.Bytes(_state, 0, _state.Length);
                return ready;
            }
        }

        /// <summary>Loads an initial key and KSN (key injection) and saves the filled registers; the initial key is not kept.</summary>
        public void Inject(byte[] ipek, int ipekOffset, byte[] ksn, int ksnOffset)
        {
            _registers.LoadInitialKey(ipek, ipekOffset, ksn, ksnOffset);
            SaveAndClear();
        }

        /// <inheritdoc />
        public int Encrypt(byte[] clearBlock, int clearOffset, byte[] dest, int destOffset, byte[] ksn, int ksnOffset)
        {
            int n = _keys.Load(KeySlot.DukptRegisters, _state, 0);
            bool ok = n == DukptRegisters.StateLength && _registers.Restore(_state, 0, n)
                && _registers.EncryptPinBlock(clearBlock, clearOffset, dest, destOffset, ksn, ksnOffset);
            if (n == DukptRegisters.StateLength)
            {
                // Saved even when used up, so the spent key is gone from storage too.
                SaveAndClear();
            }

            Wipe.Bytes(_state, 0, _state.Length);
            return ok ? Dukpt.KsnLength : -1;
        }

        private void SaveAndClear()
        {
            _registers.Save(_state, 0);
            _keys.Store(KeySlot.DukptRegisters, _state, 0, _state.Length);
            Wipe.Bytes(_state, 0, _state.Length);
            _registers.Clear();
        }
    }
}
