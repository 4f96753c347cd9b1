namespace Terminal.Drivers.Display
{
    /// <summary>Looks glyphs up in <see cref="Glyphs"/> and says how many cells a character takes.</summary>
    public static class GlyphFont
    {
        /// <summary>Glyph height in pixels.</summary>
        public const int Height = 16;

        /// <summary>Width of a narrow glyph (one cell) in pixels.</summary>
        public const int NarrowWidth = 8;

        /// <summary>Index of the glyph of <paramref name="ch"/>, or -1 when the table lacks it.</summary>
        public static int Find(char ch)
        {
            char[] index = Glyphs.Index;
            int lo = 0;
            int hi = index.Length - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                char at = index[mid];
                if (at == ch)
                {
                    return mid;
                }

                if (at < ch)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return -1;
        }

        /// <summary>Offset of glyph <paramref name="glyph"/> in <see cref="Glyphs.Bitmaps"/>.</summary>
        public static int Offset(int glyph) =>
            glyph < Glyphs.NarrowCount ? glyph * 16 : (Glyphs.NarrowCount * 16) + ((glyph - Glyphs.NarrowCount) * 32);

        /// <summary>Whether glyph <paramref name="glyph"/> is 16 pixels wide.</summary>
        public static bool IsWideGlyph(int glyph) => glyph >= Glyphs.NarrowCount;

        /// <summary>
        /// Whether a character takes two cells: CJK ideographs and punctuation, full-width forms, Hangul
        /// (the display's rule, <see cref="Terminal.Hal.DisplayCells"/>).
        /// </summary>
        public static bool IsWide(char ch) => Terminal.Hal.DisplayCells.IsWide(ch);

        /// <summary>
        /// Whether pixel (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="ch"/>'s glyph is set;
        /// a character missing from the table draws as a hollow box, so it is seen rather than silently blank.
        /// </summary>
        public static bool PixelOf(char ch, int glyph, int x, int y)
        {
            int width = glyph >= 0 ? (IsWideGlyph(glyph) ? 16 : 8) : (IsWide(ch) ? 16 : 8);
            if (x < 0 || y < 0 || x >= width || y >= Height)
            {
                return false;
            }

            if (glyph < 0)
            {
                return ch != ' ' && ((x == 1 || x == width - 2) ? (y >= 2 && y <= 13) : ((y == 2 || y == 13) && x >= 1 && x <= width - 2));
            }

            int bytesPerRow = width >> 3;
            int b = Glyphs.Bitmaps[Offset(glyph) + (y * bytesPerRow) + (x >> 3)];
            return ((b >> (7 - (x & 7))) & 1) != 0;
        }
    }
}
