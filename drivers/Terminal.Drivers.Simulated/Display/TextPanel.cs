using System.Text;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Display;

/// <summary>
/// A display whose panel is the character-cell grid itself: what the console view of the simulator shows.
/// Each flush that changed something becomes a frame; frames are counted and handed to an observer.
/// Wide (CJK) characters take two cells, as on the real panel.
/// </summary>
public sealed class TextPanel : IDisplay
{
    private readonly char[] _cells;
    private readonly TextStyle[] _styles;
    private readonly char[] _shown;
    private readonly TextStyle[] _shownStyles;
    private readonly bool[] _rowChanged;
    private bool _dirty;

    /// <summary>Creates a panel of <paramref name="rows"/> by <paramref name="columns"/> cells.</summary>
    public TextPanel(int columns, int rows)
    {
        Columns = columns;
        Rows = rows;
        _cells = new char[columns * rows];
        _styles = new TextStyle[columns * rows];
        _shown = new char[columns * rows];
        _shownStyles = new TextStyle[columns * rows];
        _rowChanged = new bool[rows];
        Array.Fill(_cells, ' ');
        Array.Fill(_shown, ' ');
    }

    /// <summary>A continuation cell: the right half of a wide character.</summary>
    public const char WideTail = '\0';

    /// <inheritdoc />
    public int Columns { get; }

    /// <inheritdoc />
    public int Rows { get; }

    /// <summary>Frames presented (flushes that changed the panel).</summary>
    public int Frames { get; private set; }

    /// <summary>Backlight level last set.</summary>
    public int Backlight { get; private set; } = 100;

    /// <summary>Called after each new frame.</summary>
    public Action<TextPanel>? FramePresented { get; set; }

    /// <inheritdoc />
    public void Clear()
    {
        Array.Fill(_cells, ' ');
        Array.Fill(_styles, TextStyle.Normal);
        _dirty = true;
    }

    /// <inheritdoc />
    public void ClearRow(int row)
    {
        if (row < 0 || row >= Rows)
        {
            return;
        }

        Array.Fill(_cells, ' ', row * Columns, Columns);
        Array.Fill(_styles, TextStyle.Normal, row * Columns, Columns);
        _dirty = true;
    }

    /// <inheritdoc />
    public void Write(int row, int column, string text, TextStyle style)
    {
        if (row < 0 || row >= Rows || text == null)
        {
            return;
        }

        int col = column;
        foreach (char ch in text)
        {
            int width = IsWide(ch) ? 2 : 1;
            if (col < 0 || col + width > Columns)
            {
                break;
            }

            int at = row * Columns + col;
            _cells[at] = ch;
            _styles[at] = style;
            if (width == 2)
            {
                _cells[at + 1] = WideTail;
                _styles[at + 1] = style;
            }

            col += width;
        }

        _dirty = true;
    }

    /// <inheritdoc />
    public void Flush()
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        if (_cells.AsSpan().SequenceEqual(_shown) && _styles.AsSpan().SequenceEqual(_shownStyles))
        {
            return;
        }

        for (int r = 0; r < Rows; r++)
        {
            int at = r * Columns;
            _rowChanged[r] = !_cells.AsSpan(at, Columns).SequenceEqual(_shown.AsSpan(at, Columns))
                || !_styles.AsSpan(at, Columns).SequenceEqual(_shownStyles.AsSpan(at, Columns));
        }

        _cells.CopyTo(_shown, 0);
        _styles.CopyTo(_shownStyles, 0);
        Frames++;
        FramePresented?.Invoke(this);
    }

    /// <inheritdoc />
    public void SetBacklight(int percent) => Backlight = Math.Clamp(percent, 0, 100);

    /// <summary>The text of one presented row, wide characters once, trailing spaces kept.</summary>
    public string RowText(int row)
    {
        var sb = new StringBuilder(Columns);
        for (int c = 0; c < Columns; c++)
        {
            char ch = _shown[row * Columns + c];
            if (ch != WideTail)
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The cells of one presented row as they are (a wide character's right half is <see cref="WideTail"/>):
    /// for observers that look at every frame and must not allocate for it.
    /// </summary>
    public ReadOnlySpan<char> ShownRow(int row) => _shown.AsSpan(row * Columns, Columns);

    /// <summary>Whether the last frame presented changed this row (text or style) from the frame before it.</summary>
    public bool RowChanged(int row) => _rowChanged[row];

    /// <summary>Style of a presented cell.</summary>
    public TextStyle StyleAt(int row, int column) => _shownStyles[row * Columns + column];

    /// <summary>The presented frame as text, one line per row.</summary>
    public string FrameText()
    {
        var sb = new StringBuilder();
        for (int r = 0; r < Rows; r++)
        {
            sb.Append(RowText(r).TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Whether a character takes two cells (CJK ideographs, full-width forms, Hangul).</summary>
    public static bool IsWide(char ch) => Terminal.Hal.DisplayCells.IsWide(ch);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
