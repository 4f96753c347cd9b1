using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Tests.Cashier;

/// <summary>
/// A display that keeps text, not pixels: rows of cells (a Chinese character takes two, Large text twice the width
/// and two rows), and every write that runs past the right edge, so a test can say nothing was ever cut.
/// </summary>
internal sealed class TextPanel(int columns = 30, int rows = 20) : IDisplay
{
    private readonly char[,] _cells = Blank(rows, columns);

    public int Columns => columns;

    public int Rows => rows;

    /// <summary>Writes that did not fit in the row (the text and where it was written).</summary>
    public List<string> Overflows { get; } = [];

    public int Flushes { get; private set; }

    public void Clear()
    {
        for (int r = 0; r < rows; r++)
        {
            ClearRow(r);
        }
    }

    public void ClearRow(int row)
    {
        for (int c = 0; c < columns && row >= 0 && row < rows; c++)
        {
            _cells[row, c] = ' ';
        }
    }

    public void Write(int row, int column, string text, TextStyle style)
    {
        int scale = (style & TextStyle.Large) != 0 ? 2 : 1;
        int at = column;
        foreach (char ch in text)
        {
            int span = (Texts.IsWide(ch) ? 2 : 1) * scale;
            if (at + span > columns)
            {
                Overflows.Add($"row {row} col {column}: '{text}'");
                return;
            }

            if (row >= 0 && row < rows)
            {
                _cells[row, at] = ch;
                for (int k = 1; k < span; k++)
                {
                    _cells[row, at + k] = scale == 2 && !Texts.IsWide(ch) && k == 1 ? ' ' : '\u0001';
                }
            }

            at += span;
        }
    }

    public void Flush() => Flushes++;

    public void SetBacklight(int percent)
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Row <paramref name="row"/>'s text (wide characters once, Large text with a space after each character).</summary>
    public string Row(int row)
    {
        var text = new System.Text.StringBuilder();
        for (int c = 0; c < columns; c++)
        {
            if (_cells[row, c] != '\u0001')
            {
                text.Append(_cells[row, c]);
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Every row, one a line.</summary>
    public string Text() => string.Join("\n", Enumerable.Range(0, rows).Select(Row));

    private static char[,] Blank(int rows, int columns)
    {
        var cells = new char[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                cells[r, c] = ' ';
            }
        }

        return cells;
    }
}
