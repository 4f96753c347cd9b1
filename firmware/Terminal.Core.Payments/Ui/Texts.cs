namespace Terminal.Core.Ui
{
    /// <summary>
    /// Every text the cashier and the manager see, on the screen and on paper, in each <see cref="Language"/>: an id
    /// per text and one table holding, per id, the English text then the Simplified Chinese one. Both are generated
    /// (Texts.Generated.cs, by tools/TextsGen) from one data file, Texts.tsv beside it: a row per text, grouped in
    /// sections (Banner, Title, Line...) each with the widest its texts may be, which the tests check, so a text that
    /// would not fit the 30-column display or the 32-column paper fails the tests, not a cashier. A lookup is an array
    /// index: no allocation, no dictionary. <c>{0}</c> and <c>{1}</c> in a text are filled by
    /// <see cref="Format(int, int, string)"/>, so each language orders its words its own way. Chinese characters take
    /// two columns on both. Every Chinese character must be in the display font (tools/FontGen) and in the printer's
    /// GB18030 table (scripts/gen_gb18030_table.py); a test checks both. To add a text: add its row to Texts.tsv in
    /// its section, run `dotnet run --project tools/TextsGen`, and regenerate both character tables.
    /// </summary>
    public static partial class Texts
    {
        /// <summary>The text <paramref name="id"/> in <paramref name="language"/> (English for an unknown language).</summary>
        public static string Get(int language, int id)
        {
            int lang = language == Language.Chinese ? 1 : 0;
            return Table[(id * Language.Count) + lang];
        }

        /// <summary>Entries in the table: <see cref="Count"/> times <see cref="Language.Count"/> when it is whole.</summary>
        public static int TableLength => Table.Length;

        /// <summary>Text <paramref name="id"/> with <c>{0}</c> replaced by <paramref name="arg0"/>.</summary>
        public static string Format(int language, int id, string arg0) => Fill(Get(language, id), arg0, string.Empty);

        /// <summary>Text <paramref name="id"/> with <c>{0}</c> and <c>{1}</c> replaced.</summary>
        public static string Format(int language, int id, string arg0, string arg1) => Fill(Get(language, id), arg0, arg1);

        /// <summary>
        /// Columns <paramref name="text"/> takes on the display: two for a wide character (CJK ideographs and
        /// punctuation, full-width forms, the display driver's rule), one otherwise.
        /// </summary>
        public static int Width(string text)
        {
            int width = 0;
            for (int i = 0; i < text.Length; i++)
            {
                width += IsWide(text[i]) ? 2 : 1;
            }

            return width;
        }

        /// <summary>Whether <paramref name="ch"/> takes two display cells (<see cref="Terminal.Hal.DisplayCells"/>).</summary>
        public static bool IsWide(char ch) => Terminal.Hal.DisplayCells.IsWide(ch);

        // One allocation per formatted text (the result): the pieces are copied into a shared buffer under a lock
        // (several terminals may run in one process on the PC), not joined by substring and concatenation.
        private static readonly char[] FillBuffer = new char[512];
        private static readonly object FillGate = new object();

        private static string Fill(string template, string arg0, string arg1)
        {
            if (template.IndexOf('{') < 0)
            {
                return template;
            }

            lock (FillGate)
            {
                int n = 0;
                for (int i = 0; i < template.Length; i++)
                {
                    char c = template[i];
                    if (c == '{' && i + 2 < template.Length && template[i + 2] == '}' && (template[i + 1] == '0' || template[i + 1] == '1'))
                    {
                        string arg = template[i + 1] == '0' ? arg0 : arg1;
                        if (n + arg.Length > FillBuffer.Length)
                        {
                            return template; // a text this long is a bug in its caller; show the template rather than fail
                        }

                        for (int j = 0; j < arg.Length; j++)
                        {
                            FillBuffer[n++] = arg[j];
                        }

                        i += 2;
                        continue;
                    }

                    if (n == FillBuffer.Length)
                    {
                        return template;
                    }

                    FillBuffer[n++] = c;
                }

                return new string(FillBuffer, 0, n);
            }
        }
    }
}
