using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Util;

namespace Terminal.Core.Messages.WireTrace
{
    /// <summary>Which way a frame went.</summary>
    public enum WireDirection
    {
        /// <summary>Terminal to host (TX).</summary>
        Outbound = 0,
        /// <summary>Host to terminal (RX).</summary>
        Inbound = 1,
    }

    /// <summary>
    /// Writes each host-link message as one hex line with direction and time, card data blanked first:
    /// F2 keeps its first 6 and last 4 digits; F35/F36 and EMV tag 57 keep the first 6 and last 4 digits of
    /// the PAN before the separator and blank everything after it (expiry, service code and discretionary
    /// data, which can hold CVV digits); a track F53 says is encrypted under the TDK keeps 6 + 4 only when its separator
    /// lies in the clear part before the encrypted block, else its first 6 clear digits alone, and its ciphertext is blanked
    /// too; F52 (PIN block) and F62 (working keys) are blanked whole; tag 5A inside F55 (BER-TLV)
    /// keeps 6 + 4 digits, and so does the payment code in F59 (usage A3), as the receipt shows it. Blanking writes zero digits in place, so lengths and bitmaps are kept and the
    /// masked line still decodes with `terminal iso8583 decode`. A message that does not unpack has every
    /// byte from the first bad field onwards blanked, since a PAN could lie there.
    /// </summary>
    public sealed class WireTracer
    {
        private readonly Iso8583Profile _profile;
        private readonly Iso8583Codec _codec;
        private readonly IWireTraceSink _sink;
        private readonly Iso8583Message _message;
        private readonly byte[] _masked;

        // The field being masked: destination bytes, where its content starts, how it is encoded.
        private byte[] _d = new byte[0];
        private int _ds;
        private FieldEncoding _enc;
        private bool _padFirst;
        private bool _track;

        /// <summary>Creates a trace for messages of <paramref name="profile"/> up to <paramref name="maxMessageLength"/> bytes.</summary>
        public WireTracer(Iso8583Profile profile, IWireTraceSink sink, int maxMessageLength)
        {
            _profile = profile;
            _codec = new Iso8583Codec(profile);
            _sink = sink;
            _message = new Iso8583Message(profile, 16);
            _masked = new byte[maxMessageLength];
        }

        /// <summary>The unpack outcome of the last masked message.</summary>
        public Iso8583Error LastError => _message.LastError;

        /// <summary>Masks and writes one message (without its transport length prefix) as a trace line.</summary>
        public void Record(WireDirection direction, long timeMs, byte[] message, int offset, int count)
        {
            if (count > _masked.Length)
            {
                _sink.WriteLine(Prefix(direction, timeMs, count) + "(too long to trace)");
                return;
            }

            Mask(message, offset, count, _masked, 0);
            string line = Prefix(direction, timeMs, count) + HexText.Encode(_masked, 0, count);
            if (_message.LastError.IsError)
            {
                line = line + " (undecodable: " + _message.LastError.Message + "; blanked from there)";
            }

            _sink.WriteLine(line);
        }

        /// <summary>
        /// Copies the message into <paramref name="dest"/> with card data blanked; returns the count copied,
        /// or -1 when <paramref name="dest"/> is too small or the range is invalid.
        /// </summary>
        public int Mask(byte[] message, int offset, int count, byte[] dest, int destOffset)
        {
            if (message == null || dest == null || offset < 0 || count < 0 || offset > message.Length - count
                || destOffset < 0 || destOffset > dest.Length - count)
            {
                return -1;
            }

            System.Array.Copy(message, offset, dest, destOffset, count);
            Iso8583Error error = _codec.Unpack(_message, message, offset, count);
            int shift = destOffset - offset;
            _d = dest;
            MaskPan(Field.Pan, shift);
            bool encrypted = TracksEncrypted();
            MaskTrack(Field.Track2, shift, encrypted);
            MaskTrack(Field.Track3, shift, encrypted);
            MaskWhole(Field.PinBlock, shift);
            MaskIcc(Field.IccData, shift);
            MaskUsages(Field.UsageData, shift); // a scanned payment code: first 6 and last 4 digits, as on the receipt
            MaskWhole(Field.PrivateData, shift); // working keys from sign-in: encrypted, but keys never go to a log
            if (error.IsError)
            {
                int from = error.Offset;
                int headerEnd = _message.MtiOffset < 0 ? 0 : _message.MtiOffset;
                if (from < headerEnd)
                {
                    from = headerEnd;
                }

                for (int i = from; i < count; i++)
                {
                    dest[destOffset + i] = 0;
                }
            }

            return count;
        }

        private static string Prefix(WireDirection direction, long timeMs, int count)
        {
            // "   12.345 TX  65 " without formatting APIs: seconds, milliseconds, direction, length.
            long seconds = timeMs / 1000;
            int millis = (int)(timeMs % 1000);
            return Pad(seconds, 8, ' ') + "." + Pad(millis, 3, '0') + (direction == WireDirection.Outbound ? " TX " : " RX ") + Pad(count, 4, ' ') + " ";
        }

        private static string Pad(long value, int width, char fill)
        {
            var c = new char[width];
            for (int i = width - 1; i >= 0; i--)
            {
                c[i] = value > 0 || i == width - 1 ? (char)('0' + (int)(value % 10)) : fill;
                value /= 10;
            }

            return new string(c);
        }

        private bool Select(int field, int shift)
        {
            int at = _message.WireDataIndex(field);
            if (at < 0)
            {
                return false;
            }

            _ds = at + shift;
            _enc = _profile.GetSpec(field).Encoding;
            _track = _profile.TypeOf(field) == FieldType.Track;
            _padFirst = (_message.GetLength(field) & 1) != 0 && _profile.GetSpec(field).Alignment == BcdAlignment.Right;
            return true;
        }

        // ---- character view (n, z, ans fields) ----

        private int CharAt(int i)
        {
            if (_enc == FieldEncoding.Bcd)
            {
                int v = Nibble(i + (_padFirst ? 1 : 0));
                return v == 0x0D ? 'D' : '0' + v;
            }

            return _d[_ds + i];
        }

        private void ZeroChar(int i)
        {
            if (_enc == FieldEncoding.Bcd)
            {
                SetNibble(i + (_padFirst ? 1 : 0), 0);
            }
            else if ((_d[_ds + i] >= '0' && _d[_ds + i] <= '9') || (_track && _d[_ds + i] >= 'A' && _d[_ds + i] <= 'F'))
            {
                // Digits, and in a track the hex digits of its encrypted block (a text track's 'D' separator goes too: harmless).
                _d[_ds + i] = (byte)'0';
            }
        }

        private void MaskPan(int field, int shift)
        {
            if (Select(field, shift))
            {
                BlankMiddle(0, _message.GetLength(field));
            }
        }

        // F53.3 (the third digit of security control) = 1: F35/F36 carry an 8-byte block encrypted under the TDK.
        private bool TracksEncrypted() =>
            _message.GetLength(Field.SecurityControl) == 16 && _message.CharAt(Field.SecurityControl, 2) == '1';

        private void MaskTrack(int field, int shift, bool encrypted)
        {
            if (!Select(field, shift))
            {
                return;
            }

            int len = _message.GetLength(field);

            // Encrypted (CUP rule): the 16 characters before the last byte are ciphertext, in which a 'D' nibble means
            // nothing. A separator counts only before them; without one there, the PAN's end is unknown: keep 6 clear digits.
            int clearEnd = len;
            if (encrypted)
            {
                int bytes = (len + 1) / 2;
                clearEnd = bytes < 9 ? 0 : 2 * (bytes - 9);
            }

            int separator = encrypted ? -1 : len;
            for (int i = 0; i < clearEnd; i++)
            {
                int c = CharAt(i);
                if (c == 'D' || c == '=')
                {
                    separator = i;
                    break;
                }
            }

            if (separator < 0)
            {
                for (int i = clearEnd < 6 ? clearEnd : 6; i < len; i++)
                {
                    ZeroChar(i);
                }

                return;
            }

            BlankMiddle(0, separator);
            for (int i = separator + 1; i < len; i++)
            {
                ZeroChar(i);
            }
        }

        // F59 (CUP usage data): usage tag (2), length (3 digits), value, repeated. The value of usage A3 is the
        // payment code a QR sale carries; what does not parse as usages keeps only its first 6 and last 4 digits.
        private void MaskUsages(int field, int shift)
        {
            if (!Select(field, shift))
            {
                return;
            }

            int len = _message.GetLength(field);
            int at = 0;
            while (at + 5 <= len)
            {
                int n = Digit(CharAt(at + 2)) * 100 + Digit(CharAt(at + 3)) * 10 + Digit(CharAt(at + 4));
                if (n < 0 || n > len - at - 5)
                {
                    break;
                }

                if (CharAt(at) == 'A' && CharAt(at + 1) == '3')
                {
                    BlankMiddle(at + 5, at + 5 + n);
                }

                at += 5 + n;
            }

            if (at < len)
            {
                BlankMiddle(at, len);
            }
        }

        // A decimal digit's value; a large negative for anything else, so a sum of them stays negative.
        private static int Digit(int c) => c >= '0' && c <= '9' ? c - '0' : -10000;

        private void BlankMiddle(int from, int to)
        {
            for (int i = from + 6; i < to - 4; i++)
            {
                ZeroChar(i);
            }
        }

        // ---- nibble view (BCD content, b fields in binary or hex text) ----

        private int Nibble(int k)
        {
            if (_enc == FieldEncoding.Hex)
            {
                return HexText.Value(_d[_ds + k]);
            }

            int b = _d[_ds + (k / 2)];
            return (k & 1) == 0 ? b >> 4 : b & 0x0F;
        }

        private void SetNibble(int k, int v)
        {
            if (_enc == FieldEncoding.Hex)
            {
                _d[_ds + k] = (byte)HexText.Digit(v);
                return;
            }

            int at = _ds + (k / 2);
            _d[at] = (k & 1) == 0 ? (byte)((_d[at] & 0x0F) | (v << 4)) : (byte)((_d[at] & 0xF0) | v);
        }

        private int ByteAt(int j) => (Nibble(2 * j) << 4) | Nibble((2 * j) + 1);

        private void MaskWhole(int field, int shift)
        {
            if (Select(field, shift))
            {
                int nibbles = _message.GetLength(field) * 2;
                for (int k = 0; k < nibbles; k++)
                {
                    SetNibble(k, 0);
                }
            }
        }

        private void MaskIcc(int field, int shift)
        {
            if (!Select(field, shift))
            {
                return;
            }

            int len = _message.GetLength(field);
            int bad = WalkTlv(0, len, 0);
            if (bad >= 0)
            {
                // Malformed TLV: a PAN could sit anywhere after this point.
                for (int k = bad * 2; k < len * 2; k++)
                {
                    SetNibble(k, 0);
                }
            }
        }

        // Walks BER-TLV in [pos, end); returns -1 when well formed, else the byte where it broke.
        private int WalkTlv(int pos, int end, int depth)
        {
            while (pos < end)
            {
                int start = pos;
                int first = ByteAt(pos++);
                if (first == 0x00 || first == 0xFF)
                {
                    continue; // EMV padding between objects
                }

                int tag = first;
                if ((first & 0x1F) == 0x1F)
                {
                    int more;
                    int tagBytes = 1;
                    do
                    {
                        if (pos >= end || ++tagBytes > 4)
                        {
                            return start;
                        }

                        more = ByteAt(pos++);
                        tag = (tag << 8) | more;
                    }
                    while ((more & 0x80) != 0);
                }

                if (pos >= end)
                {
                    return start;
                }

                int length = ByteAt(pos++);
                if (length > 0x80)
                {
                    int lengthBytes = length & 0x7F;
                    if (lengthBytes > 2 || end - pos < lengthBytes)
                    {
                        return start;
                    }

                    length = 0;
                    for (int i = 0; i < lengthBytes; i++)
                    {
                        length = (length << 8) | ByteAt(pos++);
                    }
                }
                else if (length == 0x80)
                {
                    return start;
                }

                if (length > end - pos)
                {
                    return start;
                }

                if ((first & 0x20) != 0 && depth < 4)
                {
                    int bad = WalkTlv(pos, pos + length, depth + 1);
                    if (bad >= 0)
                    {
                        return bad;
                    }
                }
                else if (tag == 0x5A)
                {
                    MaskNibbleDigits(pos * 2, (pos + length) * 2, false);
                }
                else if (tag == 0x57)
                {
                    MaskNibbleDigits(pos * 2, (pos + length) * 2, true);
                }

                pos += length;
            }

            return -1;
        }

        // PAN digits run up to a 'D' separator (track) or an 'F' pad; keep 6 + 4 of them, zero the rest of a track.
        private void MaskNibbleDigits(int from, int to, bool track)
        {
            int panEnd = to;
            for (int k = from; k < to; k++)
            {
                int v = Nibble(k);
                if (v == 0x0F || (track && v == 0x0D))
                {
                    panEnd = k;
                    break;
                }
            }

            for (int k = from + 6; k < panEnd - 4; k++)
            {
                SetNibble(k, 0);
            }

            if (track)
            {
                for (int k = panEnd + 1; k < to; k++)
                {
                    if (Nibble(k) != 0x0F)
                    {
                        SetNibble(k, 0);
                    }
                }
            }
        }
    }
}
