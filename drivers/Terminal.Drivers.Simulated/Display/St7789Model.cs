using System.Text;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Imaging;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Display;

/// <summary>
/// A Sitronix ST7789 controller with its 240x320 panel on a write-only 4-wire SPI bus: reads the D/C line
/// for every byte, interprets the command set (an unknown command, a wrong parameter count or a datasheet
/// timing violation throws at once), keeps the controller's RGB565 frame memory, and shows what the panel
/// would: nothing while asleep or off, colours inverted unless INVON is set on this IPS panel.
/// </summary>
public sealed class St7789Model : ISpiDevice
{
    /// <summary>Frame memory width.</summary>
    public const int Width = 240;

    /// <summary>Frame memory height.</summary>
    public const int Height = 320;

    // Parameter counts of the commands this model accepts; -1 for the memory writes that stream pixels.
    private static readonly Dictionary<byte, int> ParameterCounts = new()
    {
        [0x00] = 0, // NOP
        [0x01] = 0, // SWRESET
        [0x10] = 0, // SLPIN
        [0x11] = 0, // SLPOUT
        [0x12] = 0, // PTLON
        [0x13] = 0, // NORON
        [0x20] = 0, // INVOFF
        [0x21] = 0, // INVON
        [0x26] = 1, // GAMSET
        [0x28] = 0, // DISPOFF
        [0x29] = 0, // DISPON
        [0x2A] = 4, // CASET
        [0x2B] = 4, // RASET
        [0x2C] = -1, // RAMWR
        [0x30] = 4, // PTLAR
        [0x33] = 6, // VSCRDEF
        [0x34] = 0, // TEOFF
        [0x35] = 1, // TEON
        [0x36] = 1, // MADCTL
        [0x37] = 2, // VSCSAD
        [0x38] = 0, // IDMOFF
        [0x39] = 0, // IDMON
        [0x3A] = 1, // COLMOD
        [0x3C] = -1, // RAMWRC
        [0x51] = 1, // WRDISBV
        [0x53] = 1, // WRCTRLD
        [0x55] = 1, // WRCACE
        [0xB2] = 5, // PORCTRL
        [0xB7] = 1, // GCTRL
        [0xBB] = 1, // VCOMS
        [0xC0] = 1, // LCMCTRL
        [0xC2] = 2, // VDVVRHEN
        [0xC3] = 1, // VRHS
        [0xC4] = 1, // VDVS
        [0xC6] = 1, // FRCTRL2
        [0xD0] = 2, // PWCTRL1
        [0xE0] = 14, // PVGAMCTRL
        [0xE1] = 14, // NVGAMCTRL
    };

    private readonly SimulatedGpio _gpio;
    private readonly int _dcPin;
    private readonly IClock _clock;
    private readonly ushort[] _frame = new ushort[Width * Height];
    private readonly byte[] _params = new byte[16];
    private readonly List<Command> _log = [];
    private int _command = -1;
    private int _paramCount;
    private int _pendingHigh = -1;
    private int _xs, _xe, _ys, _ye, _x, _y;
    private long _resetAtMs;
    private long _sleepOutAtMs = long.MinValue / 2;
    private bool _disposed;

    /// <summary>
    /// Puts the controller on the bus: <paramref name="dataCommandPin"/> is the D/C line it samples,
    /// <paramref name="resetPin"/> (or -1) its RESX input; <paramref name="ipsPanel"/> panels show inverted
    /// colours until INVON.
    /// </summary>
    public St7789Model(SimulatedGpio gpio, int dataCommandPin, IClock clock, int resetPin = -1, bool ipsPanel = true, SpiConnectionSettings? settings = null)
    {
        _gpio = gpio;
        _dcPin = dataCommandPin;
        _clock = clock;
        IpsPanel = ipsPanel;
        ConnectionSettings = settings ?? new SpiConnectionSettings(1, 5) { ClockFrequency = 40_000_000, Mode = SpiMode.Mode3 };
        PowerOnReset();
        if (resetPin >= 0)
        {
            gpio.Watch(resetPin, level =>
            {
                if (level == PinValue.Low)
                {
                    PowerOnReset();
                }
                else
                {
                    _resetAtMs = _clock.NowMs;
                }
            });
        }
    }

    /// <summary>One command as received, with its parameters (pixel data is counted, not kept).</summary>
    public sealed record Command(long TimeMs, byte Code, byte[] Parameters);

    /// <inheritdoc />
    public SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>Whether the panel is IPS (needs INVON for true colours).</summary>
    public bool IpsPanel { get; }

    /// <summary>Commands received, in order.</summary>
    public IReadOnlyList<Command> Log => _log;

    /// <summary>Pixels written to frame memory since start.</summary>
    public long PixelsWritten { get; private set; }

    /// <summary>In sleep mode (after reset until SLPOUT).</summary>
    public bool Sleeping { get; private set; }

    /// <summary>Display output on (DISPON).</summary>
    public bool DisplayOn { get; private set; }

    /// <summary>Inversion on (INVON).</summary>
    public bool Inverted { get; private set; }

    /// <summary>Interface pixel format (COLMOD).</summary>
    public byte PixelFormat { get; private set; }

    /// <summary>Memory access control (MADCTL).</summary>
    public byte AccessControl { get; private set; }

    /// <summary>The RGB565 value in frame memory at a physical pixel.</summary>
    public ushort PixelAt(int x, int y) => _frame[(y * Width) + x];

    /// <summary>Forgets the command log and pixel count (to look at what one flush sends).</summary>
    public void ClearLog()
    {
        _log.Clear();
        PixelsWritten = 0;
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        bool data = _gpio.LevelOf(_dcPin) == PinValue.High;
        for (int i = 0; i < count; i++)
        {
            if (data)
            {
                Data(buffer[offset + i]);
            }
            else
            {
                Begin(buffer[offset + i]);
            }
        }
    }

    /// <summary>The module has no MISO line wired: reading is a wiring error.</summary>
    public void Read(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("ST7789 on this board is write-only: no MISO line, nothing to read");

    /// <summary>The module has no MISO line wired: reading is a wiring error.</summary>
    public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count) =>
        throw new InvalidOperationException("ST7789 on this board is write-only: no MISO line, nothing to read");

    /// <inheritdoc />
    public void Dispose() => _disposed = true;

    /// <summary>The colour the panel shows at a physical pixel, as 8-bit RGB (black while asleep or off).</summary>
    public (byte R, byte G, byte B) ShownAt(int x, int y)
    {
        if (Sleeping || !DisplayOn)
        {
            return (0, 0, 0);
        }

        ushort p = _frame[(y * Width) + x];
        if (Inverted != IpsPanel)
        {
            p = (ushort)~p;
        }

        int r = (p >> 11) & 0x1F, g = (p >> 5) & 0x3F, b = p & 0x1F;
        if ((AccessControl & 0x08) != 0)
        {
            (r, b) = (b, r); // BGR order
        }

        return ((byte)((r << 3) | (r >> 2)), (byte)((g << 2) | (g >> 4)), (byte)((b << 3) | (b >> 2)));
    }

    /// <summary>What the panel shows, as a PNG (each pixel <paramref name="scale"/> x <paramref name="scale"/>).</summary>
    public byte[] RenderPng(int scale = 1)
    {
        int w = Width * scale, h = Height * scale;
        var rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                var (r, g, b) = ShownAt(x / scale, y / scale);
                int at = ((y * w) + x) * 3;
                rgb[at] = r;
                rgb[at + 1] = g;
                rgb[at + 2] = b;
            }
        }

        return PngWriter.Encode(w, h, rgb);
    }

    /// <summary>
    /// What the panel shows as console text: Braille characters, each 2x4 pixels, a dot for every pixel
    /// brighter than mid-grey (120 columns x 80 lines for the whole panel; a region when given).
    /// </summary>
    public string RenderText(int x0 = 0, int y0 = 0, int width = Width, int height = Height)
    {
        var sb = new StringBuilder();
        for (int y = y0; y < y0 + height; y += 4)
        {
            for (int x = x0; x < x0 + width; x += 2)
            {
                int dots = 0;
                for (int dy = 0; dy < 4; dy++)
                {
                    for (int dx = 0; dx < 2; dx++)
                    {
                        if (Lit(x + dx, y + dy))
                        {
                            dots |= BrailleBit(dx, dy);
                        }
                    }
                }

                sb.Append(dots == 0 ? ' ' : (char)(0x2800 + dots));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private bool Lit(int x, int y)
    {
        if (x >= Width || y >= Height)
        {
            return false;
        }

        var (r, g, b) = ShownAt(x, y);
        return (r * 299) + (g * 587) + (b * 114) > 128_000;
    }

    private static int BrailleBit(int dx, int dy) => dy == 3 ? (dx == 0 ? 0x40 : 0x80) : 1 << (dy + (dx * 3));

    private void PowerOnReset()
    {
        _resetAtMs = _clock.NowMs;
        Sleeping = true;
        DisplayOn = false;
        Inverted = false;
        PixelFormat = 0x66; // 18-bit after reset, per the datasheet's default
        AccessControl = 0;
        _xs = 0;
        _xe = Width - 1;
        _ys = 0;
        _ye = Height - 1;
        _command = -1;
        _pendingHigh = -1;

        // Frame memory is not cleared by a reset: fill it with a visible pattern so a driver that forgets
        // to clear shows garbage, as the real panel does.
        for (int i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (ushort)(((i * 2654435761u) >> 16) & 0xFFFF);
        }
    }

    private void Begin(byte code)
    {
        End();
        long now = _clock.NowMs;
        if (!ParameterCounts.ContainsKey(code))
        {
            throw new InvalidOperationException($"ST7789: unknown command 0x{code:X2}");
        }

        if (code != 0x01 && now - _resetAtMs < 5)
        {
            throw new InvalidOperationException($"ST7789: command 0x{code:X2} {now - _resetAtMs} ms after reset; the datasheet needs 5 ms");
        }

        if (code == 0x11 && now - _resetAtMs < 120)
        {
            throw new InvalidOperationException($"ST7789: SLPOUT {now - _resetAtMs} ms after reset; the datasheet needs 120 ms");
        }

        if (now - _sleepOutAtMs < 5)
        {
            throw new InvalidOperationException($"ST7789: command 0x{code:X2} {now - _sleepOutAtMs} ms after SLPOUT; the datasheet needs 5 ms");
        }

        _command = code;
        _paramCount = 0;
        _pendingHigh = -1;
        switch (code)
        {
            case 0x01:
                PowerOnReset();
                _command = -1;
                break;
            case 0x10:
                Sleeping = true;
                break;
            case 0x11:
                Sleeping = false;
                _sleepOutAtMs = now;
                break;
            case 0x20:
                Inverted = false;
                break;
            case 0x21:
                Inverted = true;
                break;
            case 0x28:
                DisplayOn = false;
                break;
            case 0x29:
                DisplayOn = true;
                break;
            case 0x2C:
                _x = _xs;
                _y = _ys;
                break;
        }

        _log.Add(new Command(now, code, []));
    }

    private void Data(byte value)
    {
        if (_command < 0)
        {
            throw new InvalidOperationException($"ST7789: data byte 0x{value:X2} with no command before it");
        }

        int expected = ParameterCounts[(byte)_command];
        if (expected < 0)
        {
            Pixel(value);
            return;
        }

        if (_paramCount >= expected)
        {
            throw new InvalidOperationException($"ST7789: command 0x{_command:X2} takes {expected} parameters, got more");
        }

        _params[_paramCount++] = value;
        if (_paramCount == expected)
        {
            Apply();
        }
    }

    private void Pixel(byte value)
    {
        if ((PixelFormat & 0x07) != 0x05)
        {
            throw new NotSupportedException($"ST7789 model: pixel data in COLMOD 0x{PixelFormat:X2}; only 16 bits per pixel (0x55) is modelled");
        }

        if (_pendingHigh < 0)
        {
            _pendingHigh = value;
            return;
        }

        ushort pixel = (ushort)((_pendingHigh << 8) | value);
        _pendingHigh = -1;
        bool mv = (AccessControl & 0x20) != 0, mx = (AccessControl & 0x40) != 0, my = (AccessControl & 0x80) != 0;
        int col = mv ? _y : _x, row = mv ? _x : _y;
        if (mx)
        {
            col = Width - 1 - col;
        }

        if (my)
        {
            row = Height - 1 - row;
        }

        if (col >= 0 && col < Width && row >= 0 && row < Height)
        {
            _frame[(row * Width) + col] = pixel;
        }

        PixelsWritten++;
        if (++_x > _xe)
        {
            _x = _xs;
            if (++_y > _ye)
            {
                _y = _ys;
            }
        }
    }

    private void Apply()
    {
        var last = _log[^1];
        _log[^1] = last with { Parameters = _params[.._paramCount] };
        switch (_command)
        {
            case 0x2A:
                (_xs, _xe) = Range("CASET");
                break;
            case 0x2B:
                (_ys, _ye) = Range("RASET");
                break;
            case 0x36:
                AccessControl = _params[0];
                break;
            case 0x3A:
                PixelFormat = _params[0];
                break;
        }
    }

    private (int Start, int End) Range(string name)
    {
        int start = (_params[0] << 8) | _params[1], end = (_params[2] << 8) | _params[3];
        if (start > end)
        {
            throw new InvalidOperationException($"ST7789: {name} start {start} after end {end}");
        }

        return (start, end);
    }

    // A command whose parameters stopped short is a driver bug the real chip would silently misread.
    private void End()
    {
        if (_command >= 0)
        {
            int expected = ParameterCounts[(byte)_command];
            if (expected > 0 && _paramCount < expected)
            {
                throw new InvalidOperationException($"ST7789: command 0x{_command:X2} got {_paramCount} of {expected} parameters");
            }

            if (expected < 0 && _pendingHigh >= 0)
            {
                throw new InvalidOperationException("ST7789: memory write ended on half a pixel");
            }
        }

        _command = -1;
    }
}
