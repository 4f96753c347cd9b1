using Terminal.Core.Util;

namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>
    /// Packs an <see cref="Iso8583Message"/> into bytes and unpacks bytes into one, by the table of its
    /// <see cref="Iso8583Profile"/> (jPOS's packager to its ISOMsg). Holds nothing but the profile, so one
    /// codec per profile serves every message of it; packing writes into the caller's buffer and
    /// unpacking records where each field lies in the caller's bytes, so neither allocates. Errors name
    /// the field by its number and its profile name ("F35 Track 2: bad BCD nibble at byte 42").
    /// </summary>
    public sealed class Iso8583Codec
    {
        private readonly Iso8583Profile _profile;

        /// <summary>Creates the codec of <paramref name="profile"/>.</summary>
        public Iso8583Codec(Iso8583Profile profile)
        {
            _profile = profile;
        }

        /// <summary>The message format.</summary>
        public Iso8583Profile Profile => _profile;

        // ---- pack ----

        /// <summary>
        /// Packs the message's preamble, MTI, bitmap(s) and fields into <paramref name="dest"/> at
        /// <paramref name="offset"/>; returns the length, or a negative <see cref="Iso8583ErrorCode"/> with
        /// the message's <see cref="Iso8583Message.LastError"/> naming the field. Afterwards the message
        /// knows where its MTI and each field lie (<see cref="Iso8583Message.MacInputOffset"/>).
        /// </summary>
        public int Pack(Iso8583Message message, byte[] dest, int offset)
        {
            CheckProfile(message);
            message.ResetLayout();
            if (dest == null || offset < 0 || offset > dest.Length)
            {
                return Fail(message, Iso8583ErrorCode.BufferTooSmall, -1, 0);
            }

            int end = dest.Length;
            int p = offset;
            int pre = _profile.PreambleLength;
            if (pre > 0)
            {
                byte[]? preamble = message.PreambleBuffer;
                if (preamble == null)
                {
                    return Fail(message, Iso8583ErrorCode.BadHeader, -1, 0);
                }

                if (end - p < pre)
                {
                    return Fail(message, Iso8583ErrorCode.BufferTooSmall, -1, 0);
                }

                System.Array.Copy(preamble, message.PreambleOffset, dest, p, pre);
                p += pre;
            }

            int mtiAt = p - offset;
            int mti = message.Mti;
            if (mti < 0 || mti > 9999)
            {
                return Fail(message, Iso8583ErrorCode.BadMti, 0, mtiAt);
            }

            int mtiLen = _profile.MtiWireLength;
            if (end - p < mtiLen)
            {
                return Fail(message, Iso8583ErrorCode.BufferTooSmall, 0, mtiAt);
            }

            if (_profile.MtiEncoding == FieldEncoding.Bcd)
            {
                dest[p] = (byte)((((mti / 1000) % 10) << 4) | ((mti / 100) % 10));
                dest[p + 1] = (byte)((((mti / 10) % 10) << 4) | (mti % 10));
            }
            else
            {
                dest[p] = (byte)('0' + ((mti / 1000) % 10));
                dest[p + 1] = (byte)('0' + ((mti / 100) % 10));
                dest[p + 2] = (byte)('0' + ((mti / 10) % 10));
                dest[p + 3] = (byte)('0' + (mti % 10));
            }

            p += mtiLen;

            // Bitmaps: bit 1 announces the secondary bitmap when any field above 64 is present.
            bool secondary = message.NextField(64) > 0;
            int bmLen = _profile.BitmapWireLength;
            if (end - p < (secondary ? 2 * bmLen : bmLen))
            {
                return Fail(message, Iso8583ErrorCode.BufferTooSmall, 1, p - offset);
            }

            WriteBitmap(message, dest, p, 0, secondary);
            p += bmLen;
            if (secondary)
            {
                WriteBitmap(message, dest, p, 64, false);
                p += bmLen;
            }

            for (int f = message.NextField(1); f > 0; f = message.NextField(f))
            {
                int at = p - offset;
                if (!_profile.IsDefined(f))
                {
                    return Fail(message, Iso8583ErrorCode.UndefinedField, f, at);
                }

                int written = PackField(message, f, dest, p, end, at);
                if (written < 0)
                {
                    return written;
                }

                message.RecordField(f, at);
                p += written;
            }

            message.RecordLayout(mtiAt, p - offset);
            return p - offset;
        }

        private int PackField(Iso8583Message m, int f, byte[] dest, int p, int end, int at)
        {
            LengthKind kind = _profile.LengthKindOf(f);
            FieldEncoding enc = _profile.EncodingOf(f);
            FieldType type = _profile.TypeOf(f);
            int len = m.GetLength(f);
            int max = _profile.LengthOf(f);
            if (m.HasOddHexText(f) || len < 0 || (kind == LengthKind.Fixed ? len != max : len > max))
            {
                return Fail(m, Iso8583ErrorCode.WrongLength, f, at);
            }

            int prefixLen = _profile.PrefixWireLength(kind);
            int dataLen = WireSize(enc, len);
            if (end - p < prefixLen + dataLen)
            {
                return Fail(m, Iso8583ErrorCode.BufferTooSmall, f, at);
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
            byte[]? src = m.BytesOf(f);
            int so = m.OffsetOf(f);
            if (enc == FieldEncoding.Bcd)
            {
                int shift = (len & 1) != 0 && _profile.AlignmentOf(f) == BcdAlignment.Right ? 1 : 0;
                if (shift == 1)
                {
                    dest[q] = 0;
                }

                for (int i = 0; i < len; i++)
                {
                    int c = src != null ? src[so + i] : m.CharAt(f, i);
                    int v = c - '0';
                    if (v < 0 || v > 9)
                    {
                        // A track (z) carries 'D' or '=' as its separator and, encrypted under the TDK, any hex digit.
                        v = type != FieldType.Track ? -1 : c == '=' ? 0x0D : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                        if (v < 0)
                        {
                            return Fail(m, Iso8583ErrorCode.BadCharacter, f, at);
                        }
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
                    int b = src != null ? src[so + i] : m.CharAt(f, i);
                    if (b < 0)
                    {
                        return Fail(m, Iso8583ErrorCode.BadCharacter, f, at);
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
                        int c = m.CharAt(f, i);
                        if (c < 0)
                        {
                            return Fail(m, Iso8583ErrorCode.BadCharacter, f, at);
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
                            return Fail(m, Iso8583ErrorCode.BadCharacter, f, at);
                        }
                    }
                }
            }

            return prefixLen + dataLen;
        }

        private void WriteBitmap(Iso8583Message m, byte[] dest, int p, int baseField, bool secondary)
        {
            for (int b = 0; b < 8; b++)
            {
                int v = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    int f = baseField + (b * 8) + bit + 1;
                    bool on = f == 1 ? secondary : m.Has(f);
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
        /// Parses a message from <paramref name="buffer"/> into <paramref name="into"/> (cleared first); its
        /// fields then reference those bytes (keep them unchanged while the message is used). Malformed
        /// input returns an error naming the field and byte offset; it never throws and never reads
        /// outside the given range. Fields parsed before an error stay readable.
        /// </summary>
        public Iso8583Error Unpack(Iso8583Message into, byte[] buffer, int offset, int count)
        {
            CheckProfile(into);
            into.Clear();
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length || count > buffer.Length - offset)
            {
                return Error(into, Iso8583ErrorCode.Truncated, -1, 0);
            }

            int end = offset + count;
            int p = offset;
            int pre = _profile.PreambleLength;
            if (pre > 0)
            {
                if (count < pre)
                {
                    return Error(into, Iso8583ErrorCode.Truncated, -1, count);
                }

                into.SetPreamble(buffer, offset);
                p += pre;
            }

            int mtiLen = _profile.MtiWireLength;
            if (end - p < mtiLen)
            {
                return Error(into, Iso8583ErrorCode.Truncated, 0, p - offset);
            }

            int mti = 0;
            for (int k = 0; k < 4; k++)
            {
                int d = _profile.MtiEncoding == FieldEncoding.Bcd
                    ? ((k & 1) == 0 ? buffer[p + (k / 2)] >> 4 : buffer[p + (k / 2)] & 0x0F)
                    : buffer[p + k] - '0';
                if (d < 0 || d > 9)
                {
                    return Error(into, Iso8583ErrorCode.BadMti, 0, p - offset);
                }

                mti = (mti * 10) + d;
            }

            into.Mti = mti;
            into.RecordLayout(p - offset, 0); // kept on error too, so a trace can still locate the fields parsed so far
            p += mtiLen;

            int bmLen = _profile.BitmapWireLength;
            int primaryAt = p;
            if (end - p < bmLen)
            {
                return Error(into, Iso8583ErrorCode.Truncated, 1, p - offset);
            }

            if (!BitmapValid(buffer, p))
            {
                return Error(into, Iso8583ErrorCode.BadCharacter, 1, p - offset);
            }

            p += bmLen;
            int secondaryAt = -1;
            if (BitmapBit(buffer, primaryAt, 1))
            {
                if (end - p < bmLen)
                {
                    return Error(into, Iso8583ErrorCode.Truncated, 1, p - offset);
                }

                if (!BitmapValid(buffer, p))
                {
                    return Error(into, Iso8583ErrorCode.BadCharacter, 1, p - offset);
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
                    return Error(into, Iso8583ErrorCode.UndefinedField, f, at);
                }

                int used = UnpackField(into, f, buffer, p, end, offset);
                if (used < 0)
                {
                    return into.LastError;
                }

                into.RecordField(f, at);
                p += used;
            }

            if (p != end)
            {
                return Error(into, Iso8583ErrorCode.TrailingBytes, -1, p - offset);
            }

            into.RecordLayout(into.MtiOffset, count);
            return into.LastError;
        }

        private int UnpackField(Iso8583Message m, int f, byte[] buffer, int p, int end, int origin)
        {
            LengthKind kind = _profile.LengthKindOf(f);
            FieldEncoding enc = _profile.EncodingOf(f);
            int max = _profile.LengthOf(f);
            int len = max;
            int q = p;
            if (kind != LengthKind.Fixed)
            {
                int prefixLen = _profile.PrefixWireLength(kind);
                if (end - q < prefixLen)
                {
                    Error(m, Iso8583ErrorCode.Truncated, f, q - origin);
                    return -1;
                }

                len = 0;
                bool bcd = _profile.PrefixEncoding == FieldEncoding.Bcd;
                for (int k = 0; k < prefixLen; k++)
                {
                    int b = buffer[q + k];
                    int hi = bcd ? b >> 4 : 0;
                    int lo = bcd ? b & 0x0F : b - '0';
                    if (hi > 9 || lo < 0 || lo > 9)
                    {
                        Error(m, Iso8583ErrorCode.BadLength, f, q - origin);
                        return -1;
                    }

                    len = bcd ? (len * 100) + (hi * 10) + lo : (len * 10) + lo;
                }

                if (len > max)
                {
                    Error(m, Iso8583ErrorCode.BadLength, f, q - origin);
                    return -1;
                }

                q += prefixLen;
            }

            int dataLen = WireSize(enc, len);
            if (end - q < dataLen)
            {
                Error(m, Iso8583ErrorCode.Truncated, f, q - origin);
                return -1;
            }

            int bad = ValidateWire(_profile.TypeOf(f), enc, _profile.AlignmentOf(f), buffer, q, len);
            if (bad >= 0)
            {
                Error(m, enc == FieldEncoding.Bcd ? Iso8583ErrorCode.BadBcd : Iso8583ErrorCode.BadCharacter, f, q + bad - origin);
                return -1;
            }

            m.ReferenceWire(f, buffer, q, len);
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
                    bool ok = pad ? (v == 0 || v == 0x0F) : (v <= 9 || type == FieldType.Track);
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

        // ---- the wire form of one field, read in place ----

        /// <summary>Logical character (or byte, for b) <paramref name="i"/> of a field whose content lies
        /// in its wire form at <paramref name="off"/> (validated when unpacked).</summary>
        internal static int WireChar(Iso8583Profile profile, int f, byte[] b, int off, int len, int i)
        {
            FieldEncoding enc = profile.EncodingOf(f);
            if (enc == FieldEncoding.Bcd)
            {
                int k = (len & 1) != 0 && profile.AlignmentOf(f) == BcdAlignment.Right ? i + 1 : i;
                int v = (k & 1) == 0 ? b[off + (k / 2)] >> 4 : b[off + (k / 2)] & 0x0F;
                return HexText.Digit(v);
            }

            if (enc == FieldEncoding.Hex)
            {
                return (HexText.Value(b[off + (2 * i)]) << 4) | HexText.Value(b[off + (2 * i) + 1]);
            }

            return b[off + i];
        }

        // ---- helpers ----

        private static bool Allowed(FieldType type, int c)
        {
            switch (type)
            {
                case FieldType.Numeric: return c >= '0' && c <= '9';
                case FieldType.Track: return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || c == '=';
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

        private void CheckProfile(Iso8583Message message)
        {
            if (message == null || message.Profile != _profile)
            {
                // A caller's bug: a message is packed and unpacked by the codec of its own profile.
                throw new System.ArgumentException(nameof(message));
            }
        }

        private int Fail(Iso8583Message m, Iso8583ErrorCode code, int field, int offset)
        {
            m.ResetLayout();
            m.RecordError(new Iso8583Error(code, field, offset, _profile.NameOf(field)));
            return -(int)code;
        }

        private Iso8583Error Error(Iso8583Message m, Iso8583ErrorCode code, int field, int offset)
        {
            var error = new Iso8583Error(code, field, offset, _profile.NameOf(field));
            m.RecordError(error);
            return error;
        }
    }
}
