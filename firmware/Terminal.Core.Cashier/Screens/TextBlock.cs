using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// Text laid on the display's cell grid without ever cutting a word: wrapped at spaces over the rows it may use,
    /// and, when it still does not fit, ended at a word with "..." (a Chinese character takes two cells and may
    /// break anywhere). Nothing is allocated for a text that fits on one row.
    /// </summary>
    public static class TextBlock
    {
        /// <summary>What ends a text that has more words than its rows can hold.</summary>
        public const string More = "...";

        /// <summary>Rows <paramref name="text"/> takes wrapped in <paramref name="width"/> cells (at most <paramref name="maxRows"/>).</summary>
        public static int RowsNeeded(string text, int width, int maxRows)
        {
            int rows = 0;
            int at = 0;
            while (at < text.Length && rows < maxRows)
            {
                at = Next(text, at, width, out _);
                rows++;
            }

            return rows == 0 ? 1 : rows;
        }

        /// <summary>
        /// Writes <paramref name="text"/> from <paramref name="row"/>, column <paramref name="column"/>, wrapped over at
        /// most <paramref name="maxRows"/> rows of the cells left of the right edge less <paramref name="margin"/>; returns the rows used.
        /// </summary>
        public static int Write(IDisplay display, int row, int column, string text, int maxRows, int margin, TextStyle style)
        {
            int width = display.Columns - column - margin;
            if (Texts.Width(text) <= width)
            {
                display.Write(row, column, text, style);
                return 1;
            }

            int used = 0;
            int at = 0;
            while (at < text.Length && used < maxRows)
            {
                int end;
                int next = Next(text, at, width, out end);
                if (used == maxRows - 1 && next < text.Length)
                {
                    display.Write(row + used, column, Shorten(text.Substring(at), width), style);
                    return used + 1;
                }

                display.Write(row + used, column, text.Substring(at, end - at), style);
                used++;
                at = next;
            }

            return used;
        }

        /// <summary>
        /// <paramref name="text"/> as it fits in <paramref name="width"/> cells on one row: whole, or cut after its last
        /// whole word that leaves room for "...", then "...".
        /// </summary>
        public static string Shorten(string text, int width)
        {
            if (Texts.Width(text) <= width)
            {
                return text;
            }

            int room = width - More.Length;
            int cells = 0;
            int fit = 0;
            while (fit < text.Length && cells + Cells(text[fit]) <= room)
            {
                cells += Cells(text[fit]);
                fit++;
            }

            int cut = fit;
            if (fit < text.Length && !EndsWord(text[fit]) && !Texts.IsWide(text[fit]))
            {
                // Back to the end of the last whole word (a wide character is a word of its own).
                while (cut > 0 && text[cut - 1] != ' ' && !Texts.IsWide(text[cut - 1]))
                {
                    cut--;
                }

                if (cut == 0)
                {
                    cut = fit; // one word wider than the row: nothing better than cutting it
                }
            }

            while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ':' || text[cut - 1] == ';'))
            {
                cut--;
            }

            return text.Substring(0, cut) + More;
        }

        // The end of the row that starts at `at` (exclusive, trailing spaces dropped) and where the next row starts.
        private static int Next(string text, int at, int width, out int end)
        {
            int n = 0;
            int cells = 0;
            while (at + n < text.Length && cells + Cells(text[at + n]) <= width)
            {
                cells += Cells(text[at + n]);
                n++;
            }

            if (n == 0)
            {
                n = 1;
            }

            if (at + n < text.Length && text[at + n] != ' ' && !Texts.IsWide(text[at + n]) && !Texts.IsWide(text[at + n - 1]))
            {
                int back = n;
                while (back > 0 && text[at + back - 1] != ' ' && !Texts.IsWide(text[at + back - 1]))
                {
                    back--;
                }

                if (back > 0)
                {
                    n = back;
                }
            }

            end = at + n;
            while (end > at && text[end - 1] == ' ')
            {
                end--;
            }

            int next = at + n;
            while (next < text.Length && text[next] == ' ')
            {
                next++;
            }

            return next;
        }

        private static int Cells(char c) => Texts.IsWide(c) ? 2 : 1;

        // A character a word may be cut before (the punctuation goes with the dots).
        private static bool EndsWord(char c) => c == ' ' || c == ':' || c == ',' || c == ';' || c == '.';
    }
}
