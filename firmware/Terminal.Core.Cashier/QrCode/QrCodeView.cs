using Terminal.Hal;

namespace Terminal.Core.QrCode
{
    /// <summary>
    /// A QR code as rows of display text: each cell holds 2 x 4 modules as one of the display's QR module glyphs
    /// (U+E000 + the cell's light modules, bit 2 row + column; the driver draws a module as 4 x 4 pixels), with the
    /// quiet zone of 4 modules around the symbol. The rows are made once per code; drawing them allocates nothing.
    /// </summary>
    public sealed class QrCodeView
    {
        /// <summary>First QR module glyph: a cell of dark modules only.</summary>
        public const char FirstGlyph = '\uE000';

        /// <summary>Modules of quiet zone on each side.</summary>
        public const int QuietZone = 4;

        /// <summary>Modules across one display cell.</summary>
        public const int ModulesPerColumn = 2;

        /// <summary>Modules down one display cell.</summary>
        public const int ModulesPerRow = 4;

        private readonly QrEncoder _encoder = new QrEncoder();
        private readonly char[] _row = new char[((QrEncoder.MaxSize + (2 * QuietZone)) / ModulesPerColumn) + 1];
        private readonly string[] _rows = new string[((QrEncoder.MaxSize + (2 * QuietZone)) / ModulesPerRow) + 1];
        private int _columns;
        private int _rowCount;

        /// <summary>The encoder (its version and mask are the last code's).</summary>
        public QrEncoder Encoder => _encoder;

        /// <summary>Display cells across the last code, quiet zone included.</summary>
        public int Columns => _columns;

        /// <summary>Display rows down the last code, quiet zone included.</summary>
        public int Rows => _rowCount;

        /// <summary>
        /// Encodes <paramref name="count"/> bytes of <paramref name="text"/> at level M, or L when M would not fit in
        /// <paramref name="maxRows"/> rows; false when neither fits.
        /// </summary>
        public bool Set(byte[] text, int offset, int count, int maxRows)
        {
            _columns = 0;
            _rowCount = 0;
            int version = _encoder.Encode(text, offset, count, QrEccLevel.M, 1, QrEncoder.AnyMask);
            if (version < 0 || CellRows(_encoder.Size) > maxRows)
            {
                version = _encoder.Encode(text, offset, count, QrEccLevel.L, 1, QrEncoder.AnyMask);
            }

            int side = _encoder.Size + (2 * QuietZone);
            if (version < 0 || CellRows(_encoder.Size) > maxRows)
            {
                return false;
            }

            _columns = (side + ModulesPerColumn - 1) / ModulesPerColumn;
            _rowCount = CellRows(_encoder.Size);
            for (int cy = 0; cy < _rowCount; cy++)
            {
                for (int cx = 0; cx < _columns; cx++)
                {
                    int bits = 0;
                    for (int my = 0; my < ModulesPerRow; my++)
                    {
                        for (int mx = 0; mx < ModulesPerColumn; mx++)
                        {
                            int x = (cx * ModulesPerColumn) + mx - QuietZone;
                            int y = (cy * ModulesPerRow) + my - QuietZone;
                            if (!_encoder.IsDark(x, y))
                            {
                                bits |= 1 << ((my * ModulesPerColumn) + mx);
                            }
                        }
                    }

                    _row[cx] = (char)(FirstGlyph + bits);
                }

                _rows[cy] = new string(_row, 0, _columns);
            }

            return true;
        }

        /// <summary>Writes the code's rows from (<paramref name="row"/>, <paramref name="column"/>).</summary>
        public void Draw(IDisplay display, int row, int column)
        {
            for (int i = 0; i < _rowCount; i++)
            {
                display.Write(row + i, column, _rows[i], TextStyle.Normal);
            }
        }

        private static int CellRows(int size) => (size + (2 * QuietZone) + ModulesPerRow - 1) / ModulesPerRow;
    }
}
