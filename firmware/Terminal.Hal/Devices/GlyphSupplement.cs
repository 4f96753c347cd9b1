namespace Terminal.Hal
{
    /// <summary>
    /// Wide (16x16) glyphs and GB18030 codes of characters the drivers' built-in tables lack, given at run time: the
    /// merchant's name in Chinese comes with its own glyphs (set-up journals them beside the name), because the
    /// built-in font and the printer's table hold only the characters of the firmware's texts. The board makes one and
    /// gives it to its display and printer drivers; the payment store fills it. A driver looks here only for what its
    /// own table lacks.
    /// </summary>
    public sealed class GlyphSupplement
    {
        /// <summary>Bytes of one glyph: 16 rows of 2 bytes, most significant bit leftmost.</summary>
        public const int GlyphBytes = 32;

        private readonly char[] _chars;
        private readonly int[] _codes;
        private readonly byte[] _bitmaps;
        private int _count;

        /// <summary>A supplement with room for <paramref name="capacity"/> characters.</summary>
        public GlyphSupplement(int capacity)
        {
            _chars = new char[capacity];
            _codes = new int[capacity];
            _bitmaps = new byte[capacity * GlyphBytes];
        }

        /// <summary>Characters held.</summary>
        public int Count => _count;

        /// <summary>Characters it has room for.</summary>
        public int Capacity => _chars.Length;

        /// <summary>Holds nothing.</summary>
        public void Clear() => _count = 0;

        /// <summary>
        /// Adds <paramref name="ch"/> with its two-byte GB18030 code (0 when it has none) and its glyph, 32 bytes at
        /// <paramref name="offset"/>; false when full or <paramref name="ch"/> is already held.
        /// </summary>
        public bool Add(char ch, int gbCode, byte[] glyph, int offset)
        {
            if (_count >= _chars.Length || Find(ch) >= 0)
            {
                return false;
            }

            _chars[_count] = ch;
            _codes[_count] = gbCode;
            System.Array.Copy(glyph, offset, _bitmaps, _count * GlyphBytes, GlyphBytes);
            _count++;
            return true;
        }

        /// <summary>Holds what <paramref name="from"/> holds (as far as there is room), and nothing else.</summary>
        public void CopyFrom(GlyphSupplement from)
        {
            if (from == this)
            {
                return;
            }

            _count = 0;
            for (int i = 0; i < from._count; i++)
            {
                Add(from._chars[i], from._codes[i], from._bitmaps, i * GlyphBytes);
            }
        }

        /// <summary>The i-th character held.</summary>
        public char CharAt(int i) => _chars[i];

        /// <summary>The two-byte GB18030 code of the i-th character (0: none).</summary>
        public int CodeAt(int i) => _codes[i];

        /// <summary>Copies the i-th glyph into <paramref name="rows"/> at <paramref name="offset"/>.</summary>
        public void CopyGlyph(int i, byte[] rows, int offset) => System.Array.Copy(_bitmaps, i * GlyphBytes, rows, offset, GlyphBytes);

        /// <summary>Index of <paramref name="ch"/>, or -1.</summary>
        public int Find(char ch)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_chars[i] == ch)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The two-byte GB18030 code of <paramref name="ch"/>, or -1 when not held or without one.</summary>
        public int Code(char ch)
        {
            int i = Find(ch);
            return i < 0 || _codes[i] == 0 ? -1 : _codes[i];
        }

        /// <summary>Copies the glyph of <paramref name="ch"/> into <paramref name="rows"/> at <paramref name="offset"/>; false when not held.</summary>
        public bool Load(char ch, byte[] rows, int offset)
        {
            int i = Find(ch);
            if (i < 0)
            {
                return false;
            }

            CopyGlyph(i, rows, offset);
            return true;
        }
    }
}
