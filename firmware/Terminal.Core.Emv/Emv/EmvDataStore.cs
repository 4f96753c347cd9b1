namespace Terminal.Core.Emv
{
    /// <summary>
    /// The data objects of one card read (card and terminal), kept in one byte buffer with parallel tag,
    /// offset and length tables: no allocation per tag. A later value of the same tag replaces the earlier one.
    /// </summary>
    public sealed class EmvDataStore
    {
        private readonly byte[] _data;
        private readonly int[] _tags;
        private readonly int[] _offsets;
        private readonly int[] _lengths;
        private readonly byte[] _digits = new byte[8];
        private int _count;
        private int _used;

        /// <summary>Creates a store of <paramref name="capacityBytes"/> value bytes and <paramref name="capacityTags"/> tags.</summary>
        public EmvDataStore(int capacityBytes, int capacityTags)
        {
            _data = new byte[capacityBytes];
            _tags = new int[capacityTags];
            _offsets = new int[capacityTags];
            _lengths = new int[capacityTags];
        }

        /// <summary>Tags held.</summary>
        public int Count => _count;

        /// <summary>The buffer the offsets returned by <see cref="Find"/> point into.</summary>
        public byte[] Buffer => _data;

        /// <summary>Forgets everything and wipes the bytes (they held card data).</summary>
        public void Clear()
        {
            for (int i = 0; i < _used; i++)
            {
                _data[i] = 0;
            }

            _count = 0;
            _used = 0;
        }

        /// <summary>Stores a value (over the old one when it has the same length); returns false when the store is full.</summary>
        public bool Put(int tag, byte[] source, int offset, int length)
        {
            int slot = IndexOf(tag);
            if (slot >= 0 && _lengths[slot] == length)
            {
                // Same length: rewritten in place, so a value the kernel updates (TVR, TSI) does not use up the buffer.
                for (int i = 0; i < length; i++)
                {
                    _data[_offsets[slot] + i] = source[offset + i];
                }

                return true;
            }

            if (_used + length > _data.Length)
            {
                return false;
            }

            if (slot < 0)
            {
                if (_count == _tags.Length)
                {
                    return false;
                }

                slot = _count++;
                _tags[slot] = tag;
            }

            for (int i = 0; i < length; i++)
            {
                _data[_used + i] = source[offset + i];
            }

            _offsets[slot] = _used;
            _lengths[slot] = length;
            _used += length;
            return true;
        }

        /// <summary>
        /// Stores <paramref name="value"/> as <paramref name="bytes"/> bytes of BCD (n format, right-aligned, at most 8
        /// bytes); returns false when the store is full.
        /// </summary>
        public bool PutNumeric(int tag, long value, int bytes)
        {
            for (int i = bytes - 1; i >= 0; i--)
            {
                int low = (int)(value % 10);
                value /= 10;
                int high = (int)(value % 10);
                value /= 10;
                _digits[i] = (byte)((high << 4) | low);
            }

            return Put(tag, _digits, 0, bytes);
        }

        /// <summary>Stores a one-byte value (9C, 9F35: codes written as they are, not as digits); returns false when the store is full.</summary>
        public bool PutByte(int tag, int value)
        {
            _digits[0] = (byte)value;
            return Put(tag, _digits, 0, 1);
        }

        /// <summary>Returns the value length of <paramref name="tag"/> (value in <see cref="Buffer"/> at <paramref name="offset"/>), or -1.</summary>
        public int Find(int tag, out int offset)
        {
            int slot = IndexOf(tag);
            if (slot < 0)
            {
                offset = 0;
                return -1;
            }

            offset = _offsets[slot];
            return _lengths[slot];
        }

        /// <summary>Whether the tag is held.</summary>
        public bool Contains(int tag) => IndexOf(tag) >= 0;

        /// <summary>
        /// Stores every primitive object found in the TLV range, descending into templates; returns 0 or a
        /// negative <see cref="BerTlv"/> error, or -10 when the store is full.
        /// </summary>
        public int PutAll(byte[] data, int offset, int length) => PutAll(data, offset, offset + length, 0);

        private int PutAll(byte[] data, int position, int end, int depth)
        {
            if (depth > BerTlv.MaxDepth)
            {
                return BerTlv.TooDeep;
            }

            while (position < end)
            {
                int next = BerTlv.ReadHeader(data, position, end, out int tag, out int valueOffset, out int valueLength);
                if (next < 0)
                {
                    return next;
                }

                if (tag != 0)
                {
                    if (BerTlv.IsConstructed(tag))
                    {
                        int inner = PutAll(data, valueOffset, valueOffset + valueLength, depth + 1);
                        if (inner < 0)
                        {
                            return inner;
                        }
                    }
                    else if (!Put(tag, data, valueOffset, valueLength))
                    {
                        return -10;
                    }
                }

                position = next;
            }

            return 0;
        }

        private int IndexOf(int tag)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_tags[i] == tag)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
