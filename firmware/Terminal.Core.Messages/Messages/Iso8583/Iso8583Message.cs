using Terminal.Core.Util;

namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>
    /// One ISO 8583 message as values: the preamble (TPDU + header), the MTI and fields, each field a
    /// reference into a buffer the caller owns. <see cref="Iso8583Codec"/> packs it and unpacks into it:
    /// unpacking records where each field lies in the received bytes (no copy); setters record the
    /// caller's bytes or string (no copy); numbers and composed fields go into a scratch area allocated
    /// once. So a warmed-up build, pack and unpack allocate nothing. A field's logical value is its
    /// characters (digits, 'D' separator, text) or, for b fields, its raw bytes. After a pack or unpack
    /// the message also knows where its MTI and fields lay (the MAC and the trace need it). Not
    /// thread-safe: one message per flow, reused with <see cref="Clear"/>.
    /// </summary>
    public sealed class Iso8583Message
    {
        private const byte KindNone = 0;
        private const byte KindWire = 1;  // wire-encoded bytes in _buf (received, or copied by CopyField)
        private const byte KindBytes = 2; // logical value in _buf
        private const byte KindText = 3;  // logical value in _str (hex text for b fields)

        private const int Slots = Iso8583Profile.MaxFieldNumber + 1;

        private readonly Iso8583Profile _profile;
        private readonly byte[] _kind = new byte[Slots];
        private readonly byte[]?[] _buf = new byte[]?[Slots];
        private readonly string?[] _str = new string?[Slots];
        private readonly int[] _off = new int[Slots];
        private readonly int[] _len = new int[Slots];
        private readonly int[] _start = new int[Slots];
        private readonly byte[] _scratch;
        private int _scratchUsed;
        private int _composeField;
        private int _composeStart;
        private int _mti = -1;
        private byte[]? _preBuf;
        private int _preOff;
        private int _mtiOffset = -1;
        private int _wireLength;
        private Iso8583Error _lastError;

        /// <summary>Creates a message of <paramref name="profile"/> with 256 bytes of scratch for numbers.</summary>
        public Iso8583Message(Iso8583Profile profile)
            : this(profile, 256)
        {
        }

        /// <summary>Creates a message with <paramref name="scratchCapacity"/> bytes for numbers and composed fields.</summary>
        public Iso8583Message(Iso8583Profile profile, int scratchCapacity)
        {
            _profile = profile;
            _scratch = new byte[scratchCapacity];
        }

        /// <summary>The message format.</summary>
        public Iso8583Profile Profile => _profile;

        /// <summary>Message type indicator as a number (200 for 0200); -1 when unset.</summary>
        public int Mti
        {
            get => _mti;
            set => _mti = value;
        }

        /// <summary>The last pack or unpack outcome (the codec records it here).</summary>
        public Iso8583Error LastError => _lastError;

        /// <summary>Offset of the MTI from the start of the message after the last pack or unpack (-1 before).</summary>
        public int MtiOffset => _mtiOffset;

        /// <summary>Length of the message after the last pack or unpack.</summary>
        public int WireLength => _wireLength;

        /// <summary>Offset where the CUP MAC input starts (the MTI), after a pack or unpack.</summary>
        public int MacInputOffset => _mtiOffset;

        /// <summary>Bytes of MAC input: MTI up to F64 (or to the end when F64 is absent), after a pack or unpack.</summary>
        public int MacInputLength => (Has(Field.Mac) ? _start[Field.Mac] : _wireLength) - _mtiOffset;

        /// <summary>Whether the preamble (TPDU + header) is set.</summary>
        public bool HasPreamble => _preBuf != null;

        /// <summary>Forgets every field, the MTI and the preamble; the scratch is reused.</summary>
        public void Clear()
        {
            System.Array.Clear(_kind, 0, Slots);
            System.Array.Clear(_buf, 0, Slots);
            System.Array.Clear(_str, 0, Slots);
            _scratchUsed = 0;
            _composeField = 0;
            _mti = -1;
            _preBuf = null;
            _mtiOffset = -1;
            _wireLength = 0;
            _lastError = default(Iso8583Error);
        }

        /// <summary>References the TPDU + header bytes (length <see cref="Iso8583Profile.PreambleLength"/>).</summary>
        public void SetPreamble(byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || offset > buffer.Length - _profile.PreambleLength)
            {
                throw new System.ArgumentOutOfRangeException(nameof(offset));
            }

            _preBuf = buffer;
            _preOff = offset;
        }

        /// <summary>Copies the preamble into <paramref name="dest"/>; returns its length or -1 when unset.</summary>
        public int GetPreamble(byte[] dest, int offset)
        {
            int n = _profile.PreambleLength;
            if (_preBuf == null || dest.Length - offset < n)
            {
                return -1;
            }

            System.Array.Copy(_preBuf, _preOff, dest, offset, n);
            return n;
        }

        // ---- setters ----

        /// <summary>Sets a field to the caller's bytes (logical value: characters, or raw bytes for b). Not copied: keep them until packed.</summary>
        public void Set(int field, byte[] value, int offset, int count)
        {
            CheckField(field);
            if (value == null || offset < 0 || count < 0 || offset > value.Length - count)
            {
                // A caller's bug, caught here rather than as an out-of-range copy inside Pack.
                throw new System.ArgumentOutOfRangeException(nameof(count));
            }

            _kind[field] = KindBytes;
            _buf[field] = value;
            _str[field] = null;
            _off[field] = offset;
            _len[field] = count;
        }

        /// <summary>Sets a field from a string: its characters, or hex text for a b field.</summary>
        public void Set(int field, string value)
        {
            CheckField(field);
            _kind[field] = KindText;
            _buf[field] = null;
            _str[field] = value;
            _off[field] = 0;
            _len[field] = _profile.TypeOf(field) == FieldType.Binary ? value.Length / 2 : value.Length;
        }

        /// <summary>Sets a numeric field to <paramref name="value"/>: zero-padded to a fixed field's length, shortest digits for a variable one.</summary>
        public bool SetNumber(int field, long value)
        {
            CheckField(field);
            int digits = _profile.LengthKindOf(field) == LengthKind.Fixed ? _profile.LengthOf(field) : CountDigits(value);
            return SetNumber(field, value, digits);
        }

        /// <summary>Sets a numeric field to <paramref name="value"/> written as exactly <paramref name="digits"/> digits (in the scratch).</summary>
        public bool SetNumber(int field, long value, int digits)
        {
            CheckField(field);
            int at = _scratchUsed;
            if (!WriteDigits(value, digits))
            {
                return false;
            }

            Set(field, _scratch, at, digits);
            return true;
        }

        /// <summary>Starts composing a field from parts (sub-fields) in the scratch; finish with <see cref="EndField"/>.</summary>
        public void BeginField(int field)
        {
            CheckField(field);
            _composeField = field;
            _composeStart = _scratchUsed;
        }

        /// <summary>Appends <paramref name="value"/> as <paramref name="digits"/> zero-padded digits to the field being composed.</summary>
        public bool AppendDigits(long value, int digits) => _composeField != 0 && WriteDigits(value, digits);

        /// <summary>Appends the characters of <paramref name="text"/> (each below 256) to the field being composed.</summary>
        public bool AppendText(string text)
        {
            if (_composeField == 0 || _scratch.Length - _scratchUsed < text.Length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                _scratch[_scratchUsed++] = (byte)text[i];
            }

            return true;
        }

        /// <summary>Finishes the field started by <see cref="BeginField"/>.</summary>
        public void EndField()
        {
            if (_composeField != 0)
            {
                Set(_composeField, _scratch, _composeStart, _scratchUsed - _composeStart);
                _composeField = 0;
            }
        }

        /// <summary>Removes a field.</summary>
        public void Remove(int field)
        {
            CheckField(field);
            _kind[field] = KindNone;
            _buf[field] = null;
            _str[field] = null;
        }

        /// <summary>
        /// Makes <paramref name="field"/> the same value as in <paramref name="source"/> (a host echoing
        /// request fields). Same profile: references the source's bytes (keep them alive until packed).
        /// Another profile: the logical value is copied into this message's scratch.
        /// </summary>
        public bool CopyField(Iso8583Message source, int field)
        {
            CheckField(field);
            if (!source.Has(field))
            {
                Remove(field);
                return true;
            }

            if (source._profile == _profile || source._kind[field] != KindWire)
            {
                _kind[field] = source._kind[field];
                _buf[field] = source._buf[field];
                _str[field] = source._str[field];
                _off[field] = source._off[field];
                _len[field] = source._len[field];
                return true;
            }

            int n = source._len[field];
            if (_scratch.Length - _scratchUsed < n)
            {
                return false;
            }

            int at = _scratchUsed;
            source.GetBytes(field, _scratch, at);
            _scratchUsed += n;
            Set(field, _scratch, at, n);
            return true;
        }

        // ---- getters ----

        /// <summary>Whether the field is present.</summary>
        public bool Has(int field) => field >= 2 && field < Slots && _kind[field] != KindNone;

        /// <summary>The next present field after <paramref name="after"/>, or -1.</summary>
        public int NextField(int after)
        {
            for (int f = after < 1 ? 2 : after + 1; f < Slots; f++)
            {
                if (_kind[f] != KindNone)
                {
                    return f;
                }
            }

            return -1;
        }

        /// <summary>The field's logical length (digits, characters, or bytes for b); -1 when absent.</summary>
        public int GetLength(int field) => Has(field) ? _len[field] : -1;

        /// <summary>Offset of the field (its length prefix) from the start of the message, after a pack or unpack; -1 when absent.</summary>
        public int GetWireOffset(int field) => Has(field) && _mtiOffset >= 0 ? _start[field] : -1;

        /// <summary>Copies the field's logical value into <paramref name="dest"/>; returns its length, or a negative <see cref="Iso8583ErrorCode"/> (absent, too small).</summary>
        public int GetBytes(int field, byte[] dest, int offset)
        {
            if (!Has(field))
            {
                return -(int)Iso8583ErrorCode.Absent;
            }

            int n = _len[field];
            if (offset < 0 || dest.Length - offset < n)
            {
                return -(int)Iso8583ErrorCode.BufferTooSmall;
            }

            if (_kind[field] == KindBytes)
            {
                System.Array.Copy(_buf[field]!, _off[field], dest, offset, n);
                return n;
            }

            for (int i = 0; i < n; i++)
            {
                dest[offset + i] = (byte)CharAt(field, i);
            }

            return n;
        }

        /// <summary>Whether the field's logical value equals the given bytes (no allocation).</summary>
        public bool FieldEquals(int field, byte[] value, int offset, int count)
        {
            if (!Has(field) || _len[field] != count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (CharAt(field, i) != value[offset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The field as a string (hex for b fields); null when absent. Allocates: not for hot paths.</summary>
        public string? GetString(int field)
        {
            if (!Has(field))
            {
                return null;
            }

            int n = _len[field];
            bool binary = _profile.TypeOf(field) == FieldType.Binary;
            var chars = new char[binary ? n * 2 : n];
            for (int i = 0; i < n; i++)
            {
                int c = CharAt(field, i);
                if (binary)
                {
                    chars[2 * i] = HexText.Digit(c >> 4);
                    chars[(2 * i) + 1] = HexText.Digit(c & 0x0F);
                }
                else
                {
                    chars[i] = (char)c;
                }
            }

            return new string(chars);
        }

        /// <summary>The field's digits as a number; -1 when absent, not all digits, or longer than 18 digits.</summary>
        public long GetNumber(int field)
        {
            if (!Has(field))
            {
                return -1;
            }

            return Number(field, 0, _len[field]);
        }

        /// <summary>Copies sub-field <paramref name="index"/> (1-based, e.g. 60.2) into <paramref name="dest"/>; returns its length, or -1 when the field is absent or too short.</summary>
        public int GetSubfield(int field, int index, byte[] dest, int offset)
        {
            int start;
            int width;
            if (!LocateSubfield(field, index, out start, out width) || dest.Length - offset < width)
            {
                return -1;
            }

            for (int i = 0; i < width; i++)
            {
                dest[offset + i] = (byte)CharAt(field, start + i);
            }

            return width;
        }

        /// <summary>Sub-field <paramref name="index"/> (1-based) as a number; -1 when absent or not digits.</summary>
        public long GetSubfieldNumber(int field, int index)
        {
            int start;
            int width;
            return LocateSubfield(field, index, out start, out width) ? Number(field, start, width) : -1;
        }

        /// <summary>Index in the unpacked buffer where the field's content (after its prefix) starts; -1 unless the field came from the wire.</summary>
        internal int WireDataIndex(int field) => Has(field) && _kind[field] == KindWire ? _off[field] : -1;

        // ---- what the codec reads and records ----

        internal byte[]? PreambleBuffer => _preBuf;

        internal int PreambleOffset => _preOff;

        // The caller's bytes holding a field's logical value, or null when it is text or wire-encoded.
        internal byte[]? BytesOf(int field) => _kind[field] == KindBytes ? _buf[field] : null;

        internal int OffsetOf(int field) => _off[field];

        // A b field set from hex text of odd length: it has no whole number of bytes.
        internal bool HasOddHexText(int field) =>
            _kind[field] == KindText && _profile.TypeOf(field) == FieldType.Binary && (_str[field]!.Length & 1) != 0;

        // An unpacked field: its content lies wire-encoded in buffer at offset.
        internal void ReferenceWire(int field, byte[] buffer, int offset, int length)
        {
            _kind[field] = KindWire;
            _buf[field] = buffer;
            _str[field] = null;
            _off[field] = offset;
            _len[field] = length;
        }

        internal void RecordField(int field, int wireOffset) => _start[field] = wireOffset;

        internal void RecordLayout(int mtiOffset, int wireLength)
        {
            _mtiOffset = mtiOffset;
            _wireLength = wireLength;
        }

        internal void ResetLayout()
        {
            _mtiOffset = -1;
            _wireLength = 0;
            _lastError = default(Iso8583Error);
        }

        internal void RecordError(Iso8583Error error) => _lastError = error;

        // ---- helpers ----

        // Logical character (or byte, for b) i of field f; -1 when a text source holds an invalid hex pair.
        internal int CharAt(int f, int i)
        {
            byte kind = _kind[f];
            if (kind == KindBytes)
            {
                return _buf[f]![_off[f] + i];
            }

            if (kind == KindText)
            {
                string s = _str[f]!;
                if (_profile.TypeOf(f) == FieldType.Binary)
                {
                    int hi = HexText.Value(s[2 * i]);
                    int lo = HexText.Value(s[(2 * i) + 1]);
                    return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
                }

                int c = s[i];
                return c > 0xFF ? -1 : c;
            }

            return Iso8583Codec.WireChar(_profile, f, _buf[f]!, _off[f], _len[f], i);
        }

        private long Number(int field, int start, int count)
        {
            if (count > 18)
            {
                return -1;
            }

            long v = 0;
            for (int i = 0; i < count; i++)
            {
                int c = CharAt(field, start + i);
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                v = (v * 10) + (c - '0');
            }

            return v;
        }

        private bool LocateSubfield(int field, int index, out int start, out int width)
        {
            start = 0;
            width = 0;
            byte[]? widths = _profile.SubfieldWidths(field);
            if (widths == null || !Has(field) || index < 1 || index > widths.Length)
            {
                return false;
            }

            for (int i = 0; i < index - 1; i++)
            {
                start += widths[i];
            }

            width = widths[index - 1];
            return start + width <= _len[field];
        }

        private bool WriteDigits(long value, int digits)
        {
            if (value < 0 || digits < 1 || digits > 18 || _scratch.Length - _scratchUsed < digits)
            {
                return false;
            }

            for (int i = digits - 1; i >= 0; i--)
            {
                _scratch[_scratchUsed + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            if (value != 0)
            {
                return false;
            }

            _scratchUsed += digits;
            return true;
        }

        private static int CountDigits(long value)
        {
            int n = 1;
            while (value >= 10)
            {
                value /= 10;
                n++;
            }

            return n;
        }

        private static void CheckField(int field)
        {
            if (field < 2 || field >= Slots)
            {
                throw new System.ArgumentOutOfRangeException(nameof(field));
            }
        }

    }
}
