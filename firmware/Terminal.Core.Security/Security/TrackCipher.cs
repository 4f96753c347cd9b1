using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Security
{
    /// <summary>
    /// Track data encryption under the track data key (TDK), as CUP POS terminals do it: of the track packed as BCD
    /// (left-aligned, a 0 pad nibble after an odd digit count), the 8 bytes ending just before the last byte (the TDB)
    /// are TDES-encrypted in place under the double-length TDK; every other byte stays clear. On the characters of the
    /// field (digits and 'D' or '='), that is the 16 characters before the last two (even count) or the last one (odd
    /// count), which become 16 hex digits. A track shorter than <see cref="MinLength"/> characters has no such 8 bytes.
    /// Allocates nothing; the TDK leaves the key store only into a buffer wiped after each use.
    /// </summary>
    public sealed class TrackCipher
    {
        /// <summary>Fewest characters a track needs for the rule: 9 BCD bytes (the TDB and the last byte).</summary>
        public const int MinLength = 17;

        /// <summary>Characters of the encrypted block (8 bytes, 16 nibbles).</summary>
        public const int BlockLength = 16;

        private readonly IKeyStore _keys;
        private readonly ICrypto _crypto;
        private readonly byte[] _tdk = new byte[24];
        private readonly byte[] _in = new byte[8];
        private readonly byte[] _out = new byte[8];

        /// <summary>Encrypts with the TDK in <paramref name="keys"/> (slot <see cref="KeySlot.Tdk"/>) on the board's crypto.</summary>
        public TrackCipher(IKeyStore keys, ICrypto crypto)
        {
            _keys = keys;
            _crypto = crypto;
        }

        /// <summary>Where the encrypted block starts in a track of <paramref name="length"/> characters, or -1 when it is too short.</summary>
        public static int BlockStart(int length) => length < MinLength ? -1 : 2 * (((length + 1) / 2) - 9);

        /// <summary>
        /// Encrypts the track's characters in place under the stored TDK. False, with the track unchanged, when there is
        /// no double-length TDK (signed in without one) or the track is too short: it is then sent in clear (F53.3 = 0).
        /// </summary>
        public bool Encrypt(byte[] track, int offset, int length)
        {
            if (BlockStart(length) < 0)
            {
                return false;
            }

            int n = _keys.Load(KeySlot.Tdk, _tdk, 0);
            bool done = n == 16 && Transform(true, _tdk, 0, n, track, offset, length);
            Wipe.Bytes(_tdk, 0, _tdk.Length);
            return done;
        }

        /// <summary>
        /// Encrypts or decrypts the block of a track (characters '0'-'9', 'A'-'F', 'D', '=') in place under
        /// <paramref name="key"/>; the block comes back as uppercase hex digits (a clear separator as 'D'). False when
        /// the track is too short or holds another character (nothing changed then).
        /// </summary>
        public bool Transform(bool encrypt, byte[] key, int keyOffset, int keyLength, byte[] track, int offset, int length)
        {
            int start = BlockStart(length);
            if (start < 0)
            {
                return false;
            }

            int at = offset + start;
            for (int i = 0; i < BlockLength; i++)
            {
                int v = Nibble(track[at + i]);
                if (v < 0)
                {
                    Wipe.Bytes(_in, 0, _in.Length);
                    return false;
                }

                _in[i / 2] = (byte)((i & 1) == 0 ? v << 4 : _in[i / 2] | v);
            }

            _crypto.DesBlock(encrypt, key, keyOffset, keyLength, _in, 0, _out, 0);
            for (int i = 0; i < BlockLength; i++)
            {
                int v = (i & 1) == 0 ? _out[i / 2] >> 4 : _out[i / 2] & 0x0F;
                track[at + i] = (byte)HexText.Digit(v);
            }

            Wipe.Bytes(_in, 0, _in.Length);
            Wipe.Bytes(_out, 0, _out.Length);
            return true;
        }

        // A track character's nibble: digits, hex letters, and '=' as the separator D; -1 for anything else.
        private static int Nibble(byte c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return c == '=' ? 0x0D : -1;
        }
    }
}
