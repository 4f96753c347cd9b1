namespace Terminal.Drivers.Display
{
    /// <summary>Looks glyphs up in <see cref="Glyphs"/>, decodes their bitmaps and says how many cells a character takes.</summary>
    public static class GlyphFont
    {
        /// <summary>Glyph height in pixels.</summary>
        public const int Height = 16;

        /// <summary>Width of a narrow glyph (one cell) in pixels.</summary>
        public const int NarrowWidth = 8;

        /// <summary>Bytes of the largest decoded glyph (16 rows of 2 bytes): what a <see cref="Load"/> buffer needs.</summary>
        public const int MaxBytes = 32;

        /// <summary>
        /// First of the 256 QR module glyphs (Private Use Area U+E000..U+E0FF), drawn without a table: a cell of 2 x 4
        /// QR modules of 4 x 4 pixels, bit (2 row + column) of the character's low byte set for a light module. A QR
        /// code is written as text in them (Core's QrCodeView), so the display draws it with no pixel interface.
        /// </summary>
        public const char QrModulesFirst = '\uE000';

        /// <summary>Last of the QR module glyphs.</summary>
        public const char QrModulesLast = '\uE0FF';

        /// <summary>Index of the glyph of <paramref name="ch"/>, or -1 when the table lacks it.</summary>
        public static int Find(char ch) => Glyphs.Find(ch);

        /// <summary>Whether glyph <paramref name="glyph"/> is 16 pixels wide.</summary>
        public static bool IsWideGlyph(int glyph) => glyph >= Glyphs.NarrowCount;

        /// <summary>
        /// Whether a character takes two cells: CJK ideographs and punctuation, full-width forms, Hangul
        /// (the display's rule, <see cref="Terminal.Hal.DisplayCells"/>).
        /// </summary>
        public static bool IsWide(char ch) => Terminal.Hal.DisplayCells.IsWide(ch);

        /// <summary>
        /// Decodes the glyph of <paramref name="ch"/> (<paramref name="glyph"/> = <see cref="Find"/>(ch)) into
        /// <paramref name="rows"/> at <paramref name="offset"/>: 16 rows top to bottom of 1 byte (8 pixels wide) or 2
        /// bytes (16), most significant bit leftmost. Returns the width in pixels. A character missing from the table
        /// loads a hollow box, so it is seen rather than silently blank.
        /// </summary>
        public static int Load(char ch, int glyph, byte[] rows, int offset)
        {
            if (glyph < 0 && ch >= QrModulesFirst && ch <= QrModulesLast)
            {
                return LoadQrModules(ch, rows, offset);
            }

            if (glyph < 0)
            {
                return LoadBox(ch, rows, offset);
            }

            int width = IsWideGlyph(glyph) ? 16 : 8;
            int bytes = (width >> 3) * Height;

            // Read once per drawn glyph, never per pixel: on nanoFramework a string's characters are read from
            // its UTF-8 in flash, one walk per index.
            string data = Glyphs.Bitmap(glyph);
            int acc = 0;
            int bits = 0;
            int k = 0;
            for (int i = 0; k < bytes; i++)
            {
                acc = (acc << 6) | (data[i] - '0');
                bits += 6;
                if (bits >= 8)
                {
                    bits -= 8;
                    rows[offset + k] = (byte)(acc >> bits);
                    k++;
                    acc &= (1 << bits) - 1;
                }
            }

            return width;
        }

        // Module (column c, row r) of the cell is light when bit 2r + c is set: 4 x 4 pixels of foreground.
        private static int LoadQrModules(char ch, byte[] rows, int offset)
        {
            int bits = ch - QrModulesFirst;
            for (int y = 0; y < Height; y++)
            {
                int r = y >> 2;
                rows[offset + y] = (byte)((((bits >> (2 * r)) & 1) != 0 ? 0xF0 : 0) | (((bits >> ((2 * r) + 1)) & 1) != 0 ? 0x0F : 0));
            }

            return NarrowWidth;
        }

        /// <summary>
        /// Whether pixel (<paramref name="x"/>, <paramref name="y"/>) is set in a glyph of <paramref name="width"/>
        /// pixels that <see cref="Load"/> decoded into <paramref name="rows"/> at <paramref name="offset"/>;
        /// false outside the glyph.
        /// </summary>
        public static bool Pixel(byte[] rows, int offset, int width, int x, int y)
        {
            if (x < 0 || y < 0 || x >= width || y >= Height)
            {
                return false;
            }

            int b = rows[offset + (y * (width >> 3)) + (x >> 3)];
            return ((b >> (7 - (x & 7))) & 1) != 0;
        }

        // The missing-glyph box: columns 1 and width-2 from row 2 to 13, rows 2 and 13 between them.
        private static int LoadBox(char ch, byte[] rows, int offset)
        {
            int width = IsWide(ch) ? 16 : 8;
            int bytesPerRow = width >> 3;
            for (int y = 0; y < Height; y++)
            {
                for (int b = 0; b < bytesPerRow; b++)
                {
                    int value = 0;
                    for (int bit = 0; bit < 8; bit++)
                    {
                        int x = (b * 8) + bit;
                        bool on = ch != ' ' && ((x == 1 || x == width - 2) ? (y >= 2 && y <= 13) : ((y == 2 || y == 13) && x >= 1 && x <= width - 2));
                        if (on)
                        {
                            value |= 0x80 >> bit;
                        }
                    }

                    rows[offset + (y * bytesPerRow) + b] = (byte)value;
                }
            }

            return width;
        }
    }
}
