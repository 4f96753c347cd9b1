using Terminal.Hal;

namespace Terminal.Drivers.Display
{
    /// <summary>
    /// A 240x320 TFT panel on a Sitronix ST7789 controller over 4-wire SPI (write-only, D/C on a GPIO), shown
    /// as a grid of 30x20 character cells of 8x16 pixels (CJK characters take two cells, Large text 2x2
    /// times as many). The controller keeps its own frame memory, so <see cref="Flush"/> sends only the cells
    /// that changed since the last flush, each run of changed cells as one CASET/RASET window and RAMWR.
    /// Initialisation waits the datasheet's delays by being polled, never by sleeping.
    /// </summary>
    public sealed class St7789 : IDisplay, IPolledDevice
    {
        /// <summary>Panel width in pixels.</summary>
        public const int Width = 240;

        /// <summary>Panel height in pixels.</summary>
        public const int Height = 320;

        /// <summary>SWRESET: software reset.</summary>
        public const byte SWRESET = 0x01;
        /// <summary>SLPIN: sleep in.</summary>
        public const byte SLPIN = 0x10;
        /// <summary>SLPOUT: sleep out.</summary>
        public const byte SLPOUT = 0x11;
        /// <summary>NORON: normal display mode on.</summary>
        public const byte NORON = 0x13;
        /// <summary>INVOFF: display inversion off.</summary>
        public const byte INVOFF = 0x20;
        /// <summary>INVON: display inversion on (IPS panels need it for true colours).</summary>
        public const byte INVON = 0x21;
        /// <summary>DISPOFF: display off.</summary>
        public const byte DISPOFF = 0x28;
        /// <summary>DISPON: display on.</summary>
        public const byte DISPON = 0x29;
        /// <summary>CASET: column address set (XS high, XS low, XE high, XE low).</summary>
        public const byte CASET = 0x2A;
        /// <summary>RASET: row address set (YS high, YS low, YE high, YE low).</summary>
        public const byte RASET = 0x2B;
        /// <summary>RAMWR: memory write; pixel data follows until the next command.</summary>
        public const byte RAMWR = 0x2C;
        /// <summary>MADCTL: memory data access control (scan direction, RGB/BGR order).</summary>
        public const byte MADCTL = 0x36;
        /// <summary>COLMOD: interface pixel format.</summary>
        public const byte COLMOD = 0x3A;

        /// <summary>COLMOD parameter: 65K colours, 16 bits per pixel (RGB565).</summary>
        public const byte ColmodRgb565 = 0x55;

        private const int CellWidth = 8;
        private const int CellHeight = 16;
        private const char NeverShown = '\uFFFF';

        private readonly ISpiDevice _spi;
        private readonly IGpioController _gpio;
        private readonly int _dcPin;
        private readonly int _resetPin;
        private readonly int _backlightPin;
        private readonly bool _shouldDispose;
        private readonly char[] _text;
        private readonly byte[] _style;
        private readonly byte[] _part;
        private readonly char[] _shownText;
        private readonly byte[] _shownStyle;
        private readonly byte[] _shownPart;
        private readonly byte[] _line = new byte[Width * 2];
        private readonly byte[] _glyphRows = new byte[(Width / CellWidth) * GlyphFont.MaxBytes]; // the run's glyphs, decoded once per cell
        private readonly byte[] _glyphWidth = new byte[Width / CellWidth];
        private readonly byte[] _command = new byte[1];
        private readonly byte[] _params = new byte[4];
        private int _init; // step of the power-up sequence; InitDone when ready
        private bool _disposed;
        private int _cellsDrawn;
        private int _windows;

        private const int InitDone = 100;

        /// <summary>
        /// Glyphs given at run time (the merchant's name in Chinese) for characters the built-in font lacks; null: none.
        /// A character in neither is drawn as a hollow box.
        /// </summary>
        public GlyphSupplement? Glyphs { get; set; }

        /// <summary>
        /// Takes the SPI device and the D/C pin (low: command, high: data); <paramref name="resetPin"/> and
        /// <paramref name="backlightPin"/> are optional (-1 when not wired). Nothing is sent until polled.
        /// </summary>
        public St7789(ISpiDevice spi, IGpioController gpio, int dataCommandPin, int resetPin = -1, int backlightPin = -1, bool shouldDispose = true)
        {
            if (spi == null || gpio == null)
            {
                throw new System.ArgumentNullException(spi == null ? "spi" : "gpio");
            }

            _spi = spi;
            _gpio = gpio;
            _dcPin = dataCommandPin;
            _resetPin = resetPin;
            _backlightPin = backlightPin;
            _shouldDispose = shouldDispose;
            int cells = Columns * Rows;
            _text = new char[cells];
            _style = new byte[cells];
            _part = new byte[cells];
            _shownText = new char[cells];
            _shownStyle = new byte[cells];
            _shownPart = new byte[cells];
            for (int i = 0; i < cells; i++)
            {
                _text[i] = ' ';
                _shownText[i] = NeverShown;
            }

            Foreground = 0xFFFF;
            Background = 0x0000;
            gpio.OpenPin(dataCommandPin, PinMode.Output);
            gpio.Write(dataCommandPin, PinValue.High);
            if (resetPin >= 0)
            {
                gpio.OpenPin(resetPin, PinMode.Output);
                gpio.Write(resetPin, PinValue.High);
            }

            if (backlightPin >= 0)
            {
                gpio.OpenPin(backlightPin, PinMode.Output);
                gpio.Write(backlightPin, PinValue.Low);
            }
        }

        /// <inheritdoc />
        public int Columns => Width / CellWidth;

        /// <inheritdoc />
        public int Rows => Height / CellHeight;

        /// <summary>Text colour (RGB565).</summary>
        public ushort Foreground { get; set; }

        /// <summary>Background colour (RGB565).</summary>
        public ushort Background { get; set; }

        /// <summary>True once the power-up sequence has been sent and the panel shows the cells.</summary>
        public bool IsReady => _init == InitDone;

        /// <summary>Cells sent to the panel since start (a measure of how partial the updates are).</summary>
        public int CellsDrawn => _cellsDrawn;

        /// <summary>Address windows (CASET/RASET/RAMWR) sent since start.</summary>
        public int Windows => _windows;

        /// <summary>
        /// Runs the power-up sequence one step per due time (hardware reset pulse, SWRESET, 120 ms, SLPOUT,
        /// 5 ms, COLMOD, MADCTL, INVON, NORON, DISPON, clear), then draws every cell; idle afterwards.
        /// </summary>
        public long Poll(long nowMs)
        {
            if (_disposed || _init == InitDone)
            {
                return Deadline.Never;
            }

            switch (_init)
            {
                case 0:
                    _init = 1;
                    if (_resetPin >= 0)
                    {
                        // RESX low for at least 10 us resets the controller; released on the next step.
                        _gpio.Write(_resetPin, PinValue.Low);
                        return nowMs + 1;
                    }

                    return nowMs;
                case 1:
                    if (_resetPin >= 0)
                    {
                        _gpio.Write(_resetPin, PinValue.High);
                    }

                    _init = 2;
                    return nowMs + (_resetPin >= 0 ? 120 : 0);
                case 2:
                    Command(SWRESET, 0);
                    _init = 3;
                    return nowMs + 150; // 120 ms before SLPOUT after a reset
                case 3:
                    Command(SLPOUT, 0);
                    _init = 4;
                    return nowMs + 10; // 5 ms before the next command after SLPOUT
                default:
                    _params[0] = ColmodRgb565;
                    Command(COLMOD, 1);
                    _params[0] = 0x00; // MADCTL: top to bottom, left to right, RGB order
                    Command(MADCTL, 1);
                    Command(INVON, 0);
                    Command(NORON, 0);
                    Command(DISPON, 0);
                    FillScreen(Background);
                    _init = InitDone;

                    // Frame memory now holds the background, not what the shown arrays claim: redraw all.
                    for (int i = 0; i < _shownText.Length; i++)
                    {
                        _shownText[i] = NeverShown;
                    }

                    Flush();
                    return Deadline.Never;
            }
        }

        /// <inheritdoc />
        public void Clear()
        {
            for (int i = 0; i < _text.Length; i++)
            {
                _text[i] = ' ';
                _style[i] = 0;
                _part[i] = 0;
            }
        }

        /// <inheritdoc />
        public void ClearRow(int row)
        {
            if (row < 0 || row >= Rows)
            {
                return;
            }

            for (int c = 0; c < Columns; c++)
            {
                int i = (row * Columns) + c;
                _text[i] = ' ';
                _style[i] = 0;
                _part[i] = 0;
            }
        }

        /// <summary>
        /// Writes text at a cell, clipped at the row's end. A wide character takes two cells; Large text is
        /// twice as wide and also takes the same cells of the next row.
        /// </summary>
        public void Write(int row, int column, string text, TextStyle style)
        {
            if (text == null || row < 0 || row >= Rows)
            {
                return;
            }

            int scale = (style & TextStyle.Large) != 0 ? 2 : 1;
            if (scale == 2 && row + 1 >= Rows)
            {
                return;
            }

            int col = column;
            for (int k = 0; k < text.Length; k++)
            {
                char ch = text[k];
                int span = (GlyphFont.IsWide(ch) ? 2 : 1) * scale;
                if (col < 0 || col + span > Columns)
                {
                    break;
                }

                for (int y = 0; y < scale; y++)
                {
                    for (int x = 0; x < span; x++)
                    {
                        int i = ((row + y) * Columns) + col + x;
                        _text[i] = ch;
                        _style[i] = (byte)style;
                        _part[i] = (byte)(x | (y << 2));
                    }
                }

                col += span;
            }
        }

        /// <summary>Sends every changed cell: one address window per run of adjacent changed cells in a row.</summary>
        public void Flush()
        {
            if (_init != InitDone || _disposed)
            {
                return; // the end of the power-up sequence draws everything
            }

            int columns = Columns;
            for (int row = 0; row < Rows; row++)
            {
                int c = 0;
                while (c < columns)
                {
                    if (!Changed((row * columns) + c))
                    {
                        c++;
                        continue;
                    }

                    int first = c;
                    while (c < columns && Changed((row * columns) + c))
                    {
                        c++;
                    }

                    DrawRun(row, first, c - 1);
                }
            }
        }

        /// <summary>Backlight on for any level above 0 (the pin is on/off; dimming needs PWM the board may not have).</summary>
        public void SetBacklight(int percent)
        {
            if (_backlightPin >= 0 && !_disposed)
            {
                _gpio.Write(_backlightPin, percent > 0 ? PinValue.High : PinValue.Low);
            }
        }

        /// <summary>Puts the panel to sleep (when ready) and releases the pins and, if owned, the SPI device.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            if (_init == InitDone)
            {
                Command(DISPOFF, 0);
                Command(SLPIN, 0);
            }

            _disposed = true;
            _gpio.ClosePin(_dcPin);
            if (_resetPin >= 0)
            {
                _gpio.ClosePin(_resetPin);
            }

            if (_backlightPin >= 0)
            {
                _gpio.ClosePin(_backlightPin);
            }

            if (_shouldDispose)
            {
                _spi.Dispose();
            }
        }

        private bool Changed(int i) => _text[i] != _shownText[i] || _style[i] != _shownStyle[i] || _part[i] != _shownPart[i];

        private void DrawRun(int row, int firstColumn, int lastColumn)
        {
            int x0 = firstColumn * CellWidth;
            int x1 = ((lastColumn + 1) * CellWidth) - 1;
            int y0 = row * CellHeight;
            SetWindow(x0, y0, x1, y0 + CellHeight - 1);
            int bytes = (x1 - x0 + 1) * 2;

            // Each cell's glyph is decoded once for the run's 16 pixel rows; the halves of a wide or large
            // character are neighbours and share the decoding of the first.
            for (int c = firstColumn; c <= lastColumn; c++)
            {
                int slot = c - firstColumn;
                char ch = _text[(row * Columns) + c];
                if (slot > 0 && _text[(row * Columns) + c - 1] == ch)
                {
                    System.Array.Copy(_glyphRows, (slot - 1) * GlyphFont.MaxBytes, _glyphRows, slot * GlyphFont.MaxBytes, GlyphFont.MaxBytes);
                    _glyphWidth[slot] = _glyphWidth[slot - 1];
                }
                else
                {
                    _glyphWidth[slot] = (byte)LoadGlyph(ch, slot * GlyphFont.MaxBytes);
                }
            }

            for (int y = 0; y < CellHeight; y++)
            {
                int at = 0;
                for (int c = firstColumn; c <= lastColumn; c++)
                {
                    int i = (row * Columns) + c;
                    int slot = c - firstColumn;
                    int glyphAt = slot * GlyphFont.MaxBytes;
                    int width = _glyphWidth[slot];
                    TextStyle style = (TextStyle)_style[i];
                    int scale = (style & TextStyle.Large) != 0 ? 2 : 1;
                    int gy = (((_part[i] >> 2) * CellHeight) + y) / scale;
                    int xBase = (_part[i] & 3) * CellWidth;
                    bool bold = (style & TextStyle.Bold) != 0;
                    bool inverse = (style & TextStyle.Inverse) != 0;
                    for (int x = 0; x < CellWidth; x++)
                    {
                        int gx = (xBase + x) / scale;
                        bool on = GlyphFont.Pixel(_glyphRows, glyphAt, width, gx, gy) || (bold && GlyphFont.Pixel(_glyphRows, glyphAt, width, gx - 1, gy));
                        ushort color = on != inverse ? Foreground : Background;
                        _line[at++] = (byte)(color >> 8);
                        _line[at++] = (byte)color;
                    }
                }

                _spi.Write(_line, 0, bytes);
            }

            for (int c = firstColumn; c <= lastColumn; c++)
            {
                int i = (row * Columns) + c;
                _shownText[i] = _text[i];
                _shownStyle[i] = _style[i];
                _shownPart[i] = _part[i];
                _cellsDrawn++;
            }
        }

        private void FillScreen(ushort color)
        {
            SetWindow(0, 0, Width - 1, Height - 1);
            for (int x = 0; x < Width; x++)
            {
                _line[2 * x] = (byte)(color >> 8);
                _line[(2 * x) + 1] = (byte)color;
            }

            for (int y = 0; y < Height; y++)
            {
                _spi.Write(_line, 0, _line.Length);
            }
        }

        // CASET, RASET, then RAMWR: the D/C pin stays high for the pixel bytes that follow.
        private void SetWindow(int x0, int y0, int x1, int y1)
        {
            _windows++;
            _params[0] = (byte)(x0 >> 8);
            _params[1] = (byte)x0;
            _params[2] = (byte)(x1 >> 8);
            _params[3] = (byte)x1;
            Command(CASET, 4);
            _params[0] = (byte)(y0 >> 8);
            _params[1] = (byte)y0;
            _params[2] = (byte)(y1 >> 8);
            _params[3] = (byte)y1;
            Command(RASET, 4);
            Command(RAMWR, 0);
        }

        private void Command(byte command, int parameterCount)
        {
            _command[0] = command;
            _gpio.Write(_dcPin, PinValue.Low);
            _spi.Write(_command, 0, 1);
            _gpio.Write(_dcPin, PinValue.High);
            if (parameterCount > 0)
            {
                _spi.Write(_params, 0, parameterCount);
            }
        }

        // The built-in font first, then the run-time supplement (wide characters only: a cell pair), else the box.
        private int LoadGlyph(char ch, int offset)
        {
            int glyph = GlyphFont.Find(ch);
            if (glyph < 0 && Glyphs != null && GlyphFont.IsWide(ch) && Glyphs.Load(ch, _glyphRows, offset))
            {
                return 16;
            }

            return GlyphFont.Load(ch, glyph, _glyphRows, offset);
        }
    }
}
