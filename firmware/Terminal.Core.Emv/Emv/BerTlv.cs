namespace Terminal.Core.Emv
{
    /// <summary>
    /// BER-TLV (EMV Book 3, annex B) over a byte[] and an offset: headers are decoded into out parameters,
    /// so walking a template allocates nothing. Tags are kept as written (0x9F26), up to three bytes.
    /// </summary>
    public static class BerTlv
    {
        /// <summary>Deepest template nesting accepted (EMV uses three levels at most).</summary>
        public const int MaxDepth = 6;

        /// <summary>Error: a tag or length runs past the end of its template.</summary>
        public const int Truncated = -1;

        /// <summary>Error: a length form the reader does not accept (indefinite, or more than 3 bytes).</summary>
        public const int BadLength = -2;

        /// <summary>Error: a tag longer than three bytes.</summary>
        public const int BadTag = -3;

        /// <summary>Error: templates nested deeper than <see cref="MaxDepth"/>.</summary>
        public const int TooDeep = -4;

        /// <summary>
        /// Decodes the TLV header at <paramref name="position"/> (skipping 00 padding between objects, EMV Book 3 annex B).
        /// Returns the position after the value, <paramref name="end"/> when only padding was left
        /// (tag = 0), or a negative error.
        /// </summary>
        public static int ReadHeader(byte[] data, int position, int end, out int tag, out int valueOffset, out int valueLength)
        {
            tag = 0;
            valueOffset = 0;
            valueLength = 0;
            while (position < end && data[position] == 0x00)
            {
                position++;
            }

            if (position >= end)
            {
                return end;
            }

            int first = data[position++];
            tag = first;
            if ((first & 0x1F) == 0x1F)
            {
                int more;
                int count = 1;
                do
                {
                    if (position >= end)
                    {
                        return Truncated;
                    }

                    if (++count > 3)
                    {
                        return BadTag;
                    }

                    more = data[position++];
                    tag = (tag << 8) | more;
                }
                while ((more & 0x80) != 0);
            }

            if (position >= end)
            {
                return Truncated;
            }

            int length = data[position++];
            if (length > 0x80)
            {
                int bytes = length & 0x7F;
                if (bytes > 3)
                {
                    return BadLength;
                }

                if (position + bytes > end)
                {
                    return Truncated;
                }

                length = 0;
                for (int i = 0; i < bytes; i++)
                {
                    length = (length << 8) | data[position++];
                }
            }
            else if (length == 0x80)
            {
                return BadLength;
            }

            if (length > end - position)
            {
                return Truncated;
            }

            valueOffset = position;
            valueLength = length;
            return position + length;
        }

        /// <summary>True when the first byte of <paramref name="tag"/> marks a constructed object (a template).</summary>
        public static bool IsConstructed(int tag)
        {
            int first = tag;
            while (first > 0xFF)
            {
                first >>= 8;
            }

            return (first & 0x20) != 0;
        }

        /// <summary>Checks that the range is a sequence of well-formed TLV objects, templates included; returns 0 or an error.</summary>
        public static int Validate(byte[] data, int offset, int length) => Validate(data, offset, offset + length, 0);

        /// <summary>
        /// Finds the first object with <paramref name="tag"/> in the range, looking inside templates; returns
        /// its value length with the value at <paramref name="valueOffset"/>, or -1 when absent or malformed.
        /// </summary>
        public static int Find(byte[] data, int offset, int length, int tag, out int valueOffset) =>
            Find(data, offset, offset + length, tag, 0, out valueOffset);

        /// <summary>Writes tag, length and value into <paramref name="destination"/>; returns bytes written or -1 when it does not fit.</summary>
        public static int Write(byte[] destination, int offset, int capacity, int tag, byte[] value, int valueOffset, int valueLength)
        {
            int tagBytes = tag > 0xFFFF ? 3 : tag > 0xFF ? 2 : 1;
            int lengthBytes = valueLength < 0x80 ? 1 : valueLength < 0x100 ? 2 : 3;
            int total = tagBytes + lengthBytes + valueLength;
            if (total > capacity)
            {
                return -1;
            }

            int p = offset;
            for (int shift = (tagBytes - 1) * 8; shift >= 0; shift -= 8)
            {
                destination[p++] = (byte)(tag >> shift);
            }

            if (lengthBytes == 2)
            {
                destination[p++] = 0x81;
            }
            else if (lengthBytes == 3)
            {
                destination[p++] = 0x82;
                destination[p++] = (byte)(valueLength >> 8);
            }

            destination[p++] = (byte)valueLength;
            for (int i = 0; i < valueLength; i++)
            {
                destination[p++] = value[valueOffset + i];
            }

            return total;
        }

        private static int Validate(byte[] data, int position, int end, int depth)
        {
            if (depth > MaxDepth)
            {
                return TooDeep;
            }

            while (position < end)
            {
                int next = ReadHeader(data, position, end, out int tag, out int valueOffset, out int valueLength);
                if (next < 0)
                {
                    return next;
                }

                if (tag != 0 && IsConstructed(tag))
                {
                    int inner = Validate(data, valueOffset, valueOffset + valueLength, depth + 1);
                    if (inner < 0)
                    {
                        return inner;
                    }
                }

                position = next;
            }

            return 0;
        }

        private static int Find(byte[] data, int position, int end, int wanted, int depth, out int valueOffset)
        {
            valueOffset = 0;
            if (depth > MaxDepth)
            {
                return -1;
            }

            while (position < end)
            {
                int next = ReadHeader(data, position, end, out int tag, out int offset, out int length);
                if (next < 0 || tag == 0)
                {
                    return -1;
                }

                if (tag == wanted)
                {
                    valueOffset = offset;
                    return length;
                }

                if (IsConstructed(tag))
                {
                    int found = Find(data, offset, offset + length, wanted, depth + 1, out valueOffset);
                    if (found >= 0)
                    {
                        return found;
                    }
                }

                position = next;
            }

            return -1;
        }
    }
}
