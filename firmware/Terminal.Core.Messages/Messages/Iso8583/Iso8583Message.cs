using Terminal.Core.Util;

namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>
    /// One ISO 8583 message: the preamble (TPDU + header), the MTI and fields, each field a reference into
    /// a buffer the caller owns. Unpacking records where each field lies in the received bytes (no copy);
    /// setters record the caller's bytes or string (no copy); numbers and composed fields go into a
    /// scratch area allocated once. So a warmed-up build, pack and unpack allocate nothing. A field's
    /// logical value is its characters (digits, 'D' separator, text) or, for b fields, its raw bytes.
    /// Not thread-safe: one message per flow, reused with <see cref="Clear"/>.
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

        /// <summary>The last pack or unpack outcome.</summary>
        public Iso8583Error LastError => _lastError;

        /// <summary>Offset of the MTI from the start of the message after the last pack or unpack (-1 before).</summary>
        public int MtiOffset => _mtiOffset;

        /// <summary>Length of the message after the last pack or unpack.</summary>
        public int WireLength => _wireLength;

        /// <summary>Offset where the CUP MAC input starts (the MTI), after a pack or unpack.</summary>
        public int MacInputOffset => _mtiOffset;

        /// <summary>Bytes of MAC input: MTI up to F64 (or to the end when F64 is absent), after a pack or unpack.</summary>
        public int MacInputLength => (Has(64) ? _start[64] : _wireLength) - _mtiOffset;

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

        // ---- pack ----

        /// <summary>
        /// Packs preamble, MTI, bitmap(s) and fields into <paramref name="dest"/> at <paramref name="offset"/>;
        /// returns the length, or a negative <see cref="Iso8583ErrorCode"/> with <see cref="LastError"/> naming the field.
        /// </summary>
        public int Pack(byte[] dest, int offset)
        {
            _lastError = default(Iso8583Error);
            _mtiOffset = -1;
            if (dest == null || offset < 0 || offset > dest.Length)
            {
                return Fail(Iso8583ErrorCode.BufferTooSmall, -1, 0);
            }

            int end = dest.Length;
            int p = offset;
            int pre = _profile.PreambleLength;
            if (pre > 0)
            {
                if (_preBuf == null)
                {
                    return Fail(Iso8583ErrorCode.BadHeader, -1, 0);
                }

                if (end - p < pre)
                {
                    return Fail(Iso8583ErrorCode.BufferTooSmall, -1, 0);
                }

                System.Array.Copy(_preBuf, _preOff, dest, p, pre);
                p += pre;
            }

            int mtiAt = p - offset;
            if (_mti < 0 || _mti > 9999)
            {
                return Fail(Iso8583ErrorCode.BadMti, 0, mtiAt);
            }

            int mtiLen = _profile.MtiWireLength;
            if (end - p < mtiLen)
            {
                return Fail(Iso8583ErrorCode.BufferTooSmall, 0, mtiAt);
            }

            if (_profile.MtiEncoding == FieldEncoding.Bcd)
            {
                dest[p] = (byte)((((_mti / 1000) % 10) << 4) | ((_mti / 100) % 10));
                dest[p + 1] = (byte)((((_mti / 10) % 10) << 4) | (_mti % 10));
            }
            else
            {
                dest[p] = (byte)('0' + ((_mti / 1000) % 10));
                dest[p + 1] = (byte)('0' + ((_mti / 100) % 10));
                dest[p + 2] = (byte)('0' + ((_mti / 10) % 10));
                dest[p + 3] = (byte)('0' + (_mti % 10));
            }

            p += mtiLen;

            // Bitmaps: bit 1 announces the secondary bitmap when any field above 64 is present.
            bool secondary = NextField(64) > 0;
            int bitmapAt = p - offset;
            int bmLen = _profile.BitmapWireLength;
            if (end - p < (secondary ? 2 * bmLen : bmLen))
            {
                return Fail(Iso8583ErrorCode.BufferTooSmall, 1, bitmapAt);
            }

            WriteBitmap(dest, p, 0, secondary);
            p += bmLen;
            if (secondary)
            {
                WriteBitmap(dest, p, 64, false);
                p += bmLen;
            }

            for (int f = 2; f < Slots; f++)
            {
                if (_kind[f] == KindNone)
                {
                    continue;
                }

                int at = p - offset;
                if (!_profile.IsDefined(f))
                {
                    return Fail(Iso8583ErrorCode.UndefinedField, f, at);
                }

                int written = PackField(f, dest, p, end, at);
                if (written < 0)
                {
                    return written;
                }

                _start[f] = at;
                p += written;
            }

            _mtiOffset = mtiAt;
            _wireLength = p - offset;
            return _wireLength;
        }

        private int PackField(int f, byte[] dest, int p, int end, int at)
        {
            LengthKind kind = _profile.LengthKindOf(f);
            FieldEncoding enc = _profile.EncodingOf(f);
            FieldType type = _profile.TypeOf(f);
            int len = _len[f];
            int max = _profile.LengthOf(f);
            if (_kind[f] == KindText && type == FieldType.Binary && (_str[f]!.Length & 1) != 0)
            {
                return Fail(Iso8583ErrorCode.WrongLength, f, at);
            }

            if (len < 0 || (kind == LengthKind.Fixed ? len != max : len > max))
            {
                return Fail(Iso8583ErrorCode.WrongLength, f, at);
            }

            int prefixLen = _profile.PrefixWireLength(kind);
            int dataLen = WireSize(enc, len);
            if (end - p < prefixLen + dataLen)
            {
                return Fail(Iso8583ErrorCode.BufferTooSmall, f, at);
            }

            int q = p;
            if (kind != LengthKind.Fixed)
            {
                if (_profile.PrefixEncoding == FieldEncoding.Bcd)
                {
                    if (kind == LengthKind.LLLVar)
                    {
                        dest[q++] = (byte)(len / 100);
                    }

                    dest[q++] = (byte)((((len / 10) % 10) << 4) | (len % 10));
                }
                else
                {
                    if (kind == LengthKind.LLLVar)
                    {
                        dest[q++] = (byte)('0' + (len / 100));
                    }

                    dest[q++] = (byte)('0' + ((len / 10) % 10));
                    dest[q++] = (byte)('0' + (len % 10));
                }
            }

            // Encode and validate in one pass; on failure the destination's contents do not matter.
            byte[]? src = _kind[f] == KindBytes ? _buf[f] : null;
            int so = _off[f];
            if (enc == FieldEncoding.Bcd)
            {
                int shift = (len & 1) != 0 && _profile.AlignmentOf(f) == BcdAlignment.Right ? 1 : 0;
                if (shift == 1)
                {
                    dest[q] = 0;
                }

                for (int i = 0; i < len; i++)
                {
                    int c = src != null ? src[so + i] : CharAt(f, i);
                    int v = c - '0';
                    if (v < 0 || v > 9)
                    {
                        if (type != FieldType.Track || (c != 'D' && c != '='))
                        {
                            return Fail(Iso8583ErrorCode.BadCharacter, f, at);
                        }

                        v = 0x0D;
                    }

                    int k = i + shift;
                    if ((k & 1) == 0)
                    {
                        dest[q + (k >> 1)] = (byte)(v << 4);
                    }
                    else
                    {
                        dest[q + (k >> 1)] |= (byte)v;
                    }
                }
            }
            else if (enc == FieldEncoding.Hex)
            {
                for (int i = 0; i < len; i++)
                {
                    int b = src != null ? src[so + i] : CharAt(f, i);
                    if (b < 0)
                    {
                        return Fail(Iso8583ErrorCode.BadCharacter, f, at);
                    }

                    dest[q + (2 * i)] = (byte)HexText.Digit(b >> 4);
                    dest[q + (2 * i) + 1] = (byte)HexText.Digit(b & 0x0F);
                }
            }
            else
            {
                if (src != null)
                {
                    System.Array.Copy(src, so, dest, q, len);
                }
                else
                {
                    for (int i = 0; i < len; i++)
                    {
                        int c = CharAt(f, i);
                        if (c < 0)
                        {
                            return Fail(Iso8583ErrorCode.BadCharacter, f, at);
                        }

                        dest[q + i] = (byte)c;
                    }
                }

                if (type == FieldType.Numeric || type == FieldType.Track || type == FieldType.Alpha)
                {
                    for (int i = 0; i < len; i++)
                    {
                        if (!Allowed(type, dest[q + i]))
                        {
                            return Fail(Iso8583ErrorCode.BadCharacter, f, at);
                        }
                    }
                }
            }

            return prefixLen + dataLen;
        }

        private void WriteBitmap(byte[] dest, int p, int baseField, bool secondary)
        {
            for (int b = 0; b < 8; b++)
            {
                int v = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    int f = baseField + (b * 8) + bit + 1;
                    bool on = f == 1 ? secondary : _kind[f] != KindNone;
                    if (on)
                    {
                        v |= 0x80 >> bit;
                    }
                }

                if (_profile.BitmapEncoding == FieldEncoding.Hex)
                {
                    dest[p + (2 * b)] = (byte)HexText.Digit(v >> 4);
                    dest[p + (2 * b) + 1] = (byte)HexText.Digit(v & 0x0F);
                }
                else
                {
                    dest[p + b] = (byte)v;
                }
            }
        }

        // ---- unpack ----

        /// <summary>
        /// Parses a message from <paramref name="buffer"/>; fields then reference those bytes (keep them
        /// unchanged while the message is used). Malformed input returns an error naming the field and
        /// byte offset; it never throws and never reads outside the given range. Fields parsed before an
        /// error stay readable.
        /// </summary>
        public Iso8583Error Unpack(byte[] buffer, int offset, int count)
        {
            Clear();
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                return Error(Iso8583ErrorCode.Truncated, -1, 0);
            }

            int end = offset + count;
            int p = offset;
            int pre = _profile.PreambleLength;
            if (pre > 0)
            {
                if (count < pre)
                {
                    return Error(Iso8583ErrorCode.Truncated, -1, count);
                }

                _preBuf = buffer;
                _preOff = offset;
                p += pre;
            }

            int mtiLen = _profile.MtiWireLength;
            if (end - p < mtiLen)
            {
                return Error(Iso8583ErrorCode.Truncated, 0, p - offset);
            }

            int mti = 0;
            for (int k = 0; k < 4; k++)
            {
                int d = _profile.MtiEncoding == FieldEncoding.Bcd
                    ? ((k & 1) == 0 ? buffer[p + (k / 2)] >> 4 : buffer[p + (k / 2)] & 0x0F)
                    : buffer[p + k] - '0';
                if (d < 0 || d > 9)
                {
                    return Error(Iso8583ErrorCode.BadMti, 0, p - offset);
                }

                mti = (mti * 10) + d;
            }

            _mti = mti;
            int mtiAt = p - offset;
            _mtiOffset = mtiAt; // kept on error too, so a trace can still locate the fields parsed so far
            p += mtiLen;

            int bmLen = _profile.BitmapWireLength;
            int primaryAt = p;
            if (end - p < bmLen)
            {
                return Error(Iso8583ErrorCode.Truncated, 1, p - offset);
            }

            if (!BitmapValid(buffer, p))
            {
                return Error(Iso8583ErrorCode.BadCharacter, 1, p - offset);
            }

            p += bmLen;
            int secondaryAt = -1;
            if (BitmapBit(buffer, primaryAt, 1))
            {
                if (end - p < bmLen)
                {
                    return Error(Iso8583ErrorCode.Truncated, 1, p - offset);
                }

                if (!BitmapValid(buffer, p))
                {
                    return Error(Iso8583ErrorCode.BadCharacter, 1, p - offset);
                }

                secondaryAt = p;
                p += bmLen;
            }

            int last = secondaryAt >= 0 ? 128 : 64;
            for (int f = 2; f <= last; f++)
            {
                bool on = f <= 64 ? BitmapBit(buffer, primaryAt, f) : BitmapBit(buffer, secondaryAt, f - 64);
                if (!on)
                {
                    continue;
                }

                int at = p - offset;
                if (!_profile.IsDefined(f))
                {
                    return Error(Iso8583ErrorCode.UndefinedField, f, at);
                }

                int used = UnpackField(f, buffer, p, end, offset);
                if (used < 0)
                {
                    return _lastError;
                }

                _start[f] = at;
                p += used;
            }

            if (p != end)
            {
                return Error(Iso8583ErrorCode.TrailingBytes, -1, p - offset);
            }

            _wireLength = count;
            return _lastError;
        }

        private int UnpackField(int f, byte[] buffer, int p, int end, int origin)
        {
            LengthKind kind = _profile.LengthKindOf(f);
            FieldEncoding enc = _profile.EncodingOf(f);
            FieldType type = _profile.TypeOf(f);
            int max = _profile.LengthOf(f);
            int len = max;
            int q = p;
            if (kind != LengthKind.Fixed)
            {
                int prefixLen = _profile.PrefixWireLength(kind);
                if (end - q < prefixLen)
                {
                    Error(Iso8583ErrorCode.Truncated, f, q - origin);
                    return -1;
                }

                len = 0;
                if (_profile.PrefixEncoding == FieldEncoding.Bcd)
                {
                    for (int k = 0; k < prefixLen; k++)
                    {
                        int hi = buffer[q + k] >> 4;
                        int lo = buffer[q + k] & 0x0F;
                        if (hi > 9 || lo > 9)
                        {
                            Error(Iso8583ErrorCode.BadLength, f, q - origin);
                            return -1;
                        }

                        len = (len * 100) + (hi * 10) + lo;
                    }
                }
                else
                {
                    for (int k = 0; k < prefixLen; k++)
                    {
                        int d = buffer[q + k] - '0';
                        if (d < 0 || d > 9)
                        {
                            Error(Iso8583ErrorCode.BadLength, f, q - origin);
                            return -1;
                        }

                        len = (len * 10) + d;
                    }
                }

                if (len > max)
                {
                    Error(Iso8583ErrorCode.BadLength, f, q - origin);
                    return -1;
                }

                q += prefixLen;
            }

            int dataLen = WireSize(enc, len);
            if (end - q < dataLen)
            {
                Error(Iso8583ErrorCode.Truncated, f, q - origin);
                return -1;
            }

            int bad = ValidateWire(type, enc, _profile.AlignmentOf(f), buffer, q, len);
            if (bad >= 0)
            {
                Error(enc == FieldEncoding.Bcd ? Iso8583ErrorCode.BadBcd : Iso8583ErrorCode.BadCharacter, f, q + bad - origin);
                return -1;
            }

            _kind[f] = KindWire;
            _buf[f] = buffer;
            _off[f] = q;
            _len[f] = len;
            return (q - p) + dataLen;
        }

        // Returns the byte index (from start) of the first bad byte, or -1 when the content is valid.
        private static int ValidateWire(FieldType type, FieldEncoding enc, BcdAlignment align, byte[] b, int start, int len)
        {
            if (enc == FieldEncoding.Bcd)
            {
                bool padFirst = (len & 1) != 0 && align == BcdAlignment.Right;
                int nibbles = ((len + 1) / 2) * 2;
                for (int k = 0; k < nibbles; k++)
                {
                    int v = (k & 1) == 0 ? b[start + (k / 2)] >> 4 : b[start + (k / 2)] & 0x0F;
                    int i = padFirst ? k - 1 : k;
                    bool pad = i < 0 || i >= len;
                    bool ok = pad ? (v == 0 || v == 0x0F) : (v <= 9 || (v == 0x0D && type == FieldType.Track));
                    if (!ok)
                    {
                        return k / 2;
                    }
                }

                return -1;
            }

            if (enc == FieldEncoding.Hex)
            {
                for (int i = 0; i < len * 2; i++)
                {
                    if (HexText.Value(b[start + i]) < 0)
                    {
                        return i;
                    }
                }

                return -1;
            }

            if (enc == FieldEncoding.Binary || type == FieldType.AlphaSpecial || type == FieldType.Binary)
            {
                return -1;
            }

            for (int i = 0; i < len; i++)
            {
                if (!Allowed(type, b[start + i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private bool BitmapValid(byte[] b, int p)
        {
            if (_profile.BitmapEncoding != FieldEncoding.Hex)
            {
                return true;
            }

            for (int i = 0; i < 16; i++)
            {
                if (HexText.Value(b[p + i]) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        // Bit n (1..64) of the bitmap at p; the bitmap was validated first.
        private bool BitmapBit(byte[] b, int p, int n)
        {
            int index = (n - 1) / 8;
            int mask = 0x80 >> ((n - 1) % 8);
            int v;
            if (_profile.BitmapEncoding == FieldEncoding.Hex)
            {
                v = (HexText.Value(b[p + (2 * index)]) << 4) | HexText.Value(b[p + (2 * index) + 1]);
            }
            else
            {
                v = b[p + index];
            }

            return (v & mask) != 0;
        }

        // ---- helpers ----

        // Logical character (or byte, for b) i of field f; -1 when a text source holds an invalid hex pair.
        private int CharAt(int f, int i)
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

            byte[] b = _buf[f]!;
            int off = _off[f];
            FieldEncoding enc = _profile.EncodingOf(f);
            if (enc == FieldEncoding.Bcd)
            {
                int k = (_len[f] & 1) != 0 && _profile.AlignmentOf(f) == BcdAlignment.Right ? i + 1 : i;
                int v = (k & 1) == 0 ? b[off + (k / 2)] >> 4 : b[off + (k / 2)] & 0x0F;
                return v == 0x0D ? 'D' : '0' + v;
            }

            if (enc == FieldEncoding.Hex)
            {
                return (HexText.Value(b[off + (2 * i)]) << 4) | HexText.Value(b[off + (2 * i) + 1]);
            }

            return b[off + i];
        }

        private static bool Allowed(FieldType type, int c)
        {
            switch (type)
            {
                case FieldType.Numeric: return c >= '0' && c <= '9';
                case FieldType.Track: return (c >= '0' && c <= '9') || c == 'D' || c == '=';
                case FieldType.Alpha: return c >= 0x20 && c <= 0x7E;
                default: return true;
            }
        }

        private static int WireSize(FieldEncoding enc, int len)
        {
            if (enc == FieldEncoding.Bcd)
            {
                return (len + 1) / 2;
            }

            return enc == FieldEncoding.Hex ? len * 2 : len;
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

        private int Fail(Iso8583ErrorCode code, int field, int offset)
        {
            _lastError = new Iso8583Error(code, field, offset);
            _mtiOffset = -1;
            return -(int)code;
        }

        private Iso8583Error Error(Iso8583ErrorCode code, int field, int offset)
        {
            _lastError = new Iso8583Error(code, field, offset);
            return _lastError;
        }
    }
}
