using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>
    /// The terminal's side of TDES DUKPT (ANSI X9.24-1:2009): 21 future key registers, the KSN register with its
    /// 21-bit encryption counter, and the shift register. Loading the initial key fills every register and
    /// overwrites the initial key itself; each PIN encryption uses the register the counter's lowest set bit
    /// names, derives the future keys below it, erases the key it used and advances the counter, skipping
    /// counters with more than ten 1 bits. So the device never holds a key that decrypts an earlier
    /// transaction. The whole state is an image (<see cref="StateLength"/> bytes) the caller keeps in protected
    /// storage and saves after every use; it holds keys, so it is wiped, never logged.
    /// </summary>
    public sealed class DukptRegisters
    {
        /// <summary>Future key registers (one per counter bit).</summary>
        public const int RegisterCount = 21;

        /// <summary>Bytes of the saved state: KSN, then per register a valid flag and 16 key bytes.</summary>
        public const int StateLength = Dukpt.KsnLength + (RegisterCount * 17);

        /// <summary>The counter cannot go past 21 bits: then the device needs a new initial key.</summary>
        public const int CounterLimit = 0x200000;

        private const int MaxOneBits = 10;

        private readonly Dukpt _dukpt;
        private readonly ICrypto _crypto;
        private readonly byte[] _ksn = new byte[Dukpt.KsnLength];
        private readonly byte[] _keys = new byte[RegisterCount * 16];
        private readonly bool[] _valid = new bool[RegisterCount];
        private readonly byte[] _cr1 = new byte[8];
        private readonly byte[] _key = new byte[16];
        private int _counter;

        /// <summary>Uses the board's crypto for the DES steps.</summary>
        public DukptRegisters(ICrypto crypto)
        {
            _crypto = crypto;
            _dukpt = new Dukpt(crypto);
        }

        /// <summary>The encryption counter the next PIN block will be sent with (0: no key loaded or used up).</summary>
        public int Counter => _counter;

        /// <summary>Whether a PIN can be encrypted: a key is loaded and the counter has not run out.</summary>
        public bool Ready => _counter > 0 && _counter < CounterLimit;

        /// <summary>
        /// Load Initial Key: the 16-byte initial key and the 10-byte initial KSN (counter bits ignored). Fills
        /// the 21 future key registers from it; the initial key is gone afterwards (register 21 is overwritten).
        /// </summary>
        public void LoadInitialKey(byte[] ipek, int ipekOffset, byte[] ksn, int ksnOffset)
        {
            Clear();
            System.Array.Copy(ksn, ksnOffset, _ksn, 0, Dukpt.KsnLength);
            _counter = 0;
            WriteCounter();
            int last = RegisterCount - 1;
            System.Array.Copy(ipek, ipekOffset, _keys, last * 16, 16);
            _valid[last] = true;

            // Shift register from the leftmost bit down: register 21 (the initial key) is read before it is overwritten last.
            FillBelow(last, 1 << 20);
            _counter = 1;
            WriteCounter();
        }

        /// <summary>
        /// Request PIN Entry: encrypts the 8-byte clear PIN block under the PIN variant of the current key into
        /// <paramref name="dest"/>, and copies the KSN it was encrypted for into <paramref name="ksnDest"/>. Then
        /// moves to the next key (New Key). False, with nothing written, when no key is left.
        /// </summary>
        public bool EncryptPinBlock(byte[] clearBlock, int clearOffset, byte[] dest, int destOffset, byte[] ksnDest, int ksnOffset)
        {
            int register = -1;
            int shift = 0;
            while (Ready)
            {
                shift = _counter & -_counter;
                register = RegisterFor(shift);
                if (_valid[register])
                {
                    break;
                }

                // A damaged or erased register: skip every counter that would need it.
                _counter += shift;
                register = -1;
            }

            if (register < 0)
            {
                _counter = 0;
                return false;
            }

            WriteCounter();
            System.Array.Copy(_keys, register * 16, _key, 0, 16);
            Dukpt.PinVariant(_key, 0);
            _crypto.DesBlock(true, _key, 0, 16, clearBlock, clearOffset, dest, destOffset);
            Wipe.Bytes(_key, 0, 16);
            System.Array.Copy(_ksn, 0, ksnDest, ksnOffset, Dukpt.KsnLength);
            NewKey(register, shift);
            return true;
        }

        /// <summary>Writes the state image (<see cref="StateLength"/> bytes) for protected storage.</summary>
        public void Save(byte[] dest, int offset)
        {
            System.Array.Copy(_ksn, 0, dest, offset, Dukpt.KsnLength);
            for (int i = 0; i < RegisterCount; i++)
            {
                int at = offset + Dukpt.KsnLength + (i * 17);
                dest[at] = _valid[i] ? (byte)1 : (byte)0;
                System.Array.Copy(_keys, i * 16, dest, at + 1, 16);
            }
        }

        /// <summary>Restores a saved state image; false (and nothing loaded) when it is not one.</summary>
        public bool Restore(byte[] image, int offset, int length)
        {
            Clear();
            if (length != StateLength)
            {
                return false;
            }

            System.Array.Copy(image, offset, _ksn, 0, Dukpt.KsnLength);
            for (int i = 0; i < RegisterCount; i++)
            {
                int at = offset + Dukpt.KsnLength + (i * 17);
                _valid[i] = image[at] == 1;
                System.Array.Copy(image, at + 1, _keys, i * 16, 16);
            }

            _counter = ((_ksn[7] & 0x1F) << 16) | (_ksn[8] << 8) | _ksn[9];
            return true;
        }

        /// <summary>Erases every register and the KSN.</summary>
        public void Clear()
        {
            Wipe.Bytes(_keys, 0, _keys.Length);
            Wipe.Bytes(_ksn, 0, _ksn.Length);
            Wipe.Bytes(_key, 0, _key.Length);
            Wipe.Bytes(_cr1, 0, _cr1.Length);
            for (int i = 0; i < RegisterCount; i++)
            {
                _valid[i] = false;
            }

            _counter = 0;
        }

        // New Key: future keys for the bits below the one just used (when the counter has fewer than ten 1 bits), erase the used key, next counter.
        private void NewKey(int register, int shift)
        {
            if (OneBits(_counter) < MaxOneBits)
            {
                FillBelow(register, shift >> 1);
                Erase(register);
                _counter++;
            }
            else
            {
                // Adding the lowest set bit skips every counter with more than ten 1 bits.
                Erase(register);
                _counter += shift;
            }

            if (_counter >= CounterLimit)
            {
                _counter = 0;
            }

            WriteCounter();
        }

        // New Key-3 for each shift-register bit from 'shift' down to 1: register(bit) = NRKGP(current key, KSN | bit).
        private void FillBelow(int current, int shift)
        {
            for (int bit = shift; bit != 0; bit >>= 1)
            {
                System.Array.Copy(_ksn, 2, _cr1, 0, 8);
                _cr1[5] |= (byte)(bit >> 16);
                _cr1[6] |= (byte)(bit >> 8);
                _cr1[7] |= (byte)bit;
                int target = RegisterFor(bit);
                _dukpt.Derive(_keys, current * 16, _cr1, 0, _keys, target * 16);
                _valid[target] = true;
            }

            Wipe.Bytes(_cr1, 0, 8);
        }

        private void Erase(int register)
        {
            Wipe.Bytes(_keys, register * 16, 16);
            _valid[register] = false;
        }

        private void WriteCounter()
        {
            _ksn[7] = (byte)((_ksn[7] & 0xE0) | ((_counter >> 16) & 0x1F));
            _ksn[8] = (byte)(_counter >> 8);
            _ksn[9] = (byte)_counter;
        }

        // Register 1 is the counter's leftmost bit (0x100000), register 21 its rightmost (0x000001); index = number - 1.
        private static int RegisterFor(int bit)
        {
            int index = RegisterCount - 1;
            while (bit > 1)
            {
                bit >>= 1;
                index--;
            }

            return index;
        }

        private static int OneBits(int v)
        {
            int n = 0;
            while (v != 0)
            {
                v &= v - 1;
                n++;
            }

            return n;
        }
    }
}
