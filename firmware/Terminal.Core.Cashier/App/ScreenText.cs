using Terminal.Core.Ui;

namespace Terminal.Core.App
{
    /// <summary>Placing text on the display's cell grid: padded rows and centred titles (a Chinese character takes two cells).</summary>
    internal static class ScreenText
    {
        /// <summary>Column that centres <paramref name="text"/> in <paramref name="width"/> cells.</summary>
        public static int Center(string text, int width)
        {
            int cells = Texts.Width(text);
            return cells >= width ? 0 : (width - cells) / 2;
        }

        /// <summary>As <see cref="Center"/> for Large text, which the panel draws double width.</summary>
        public static int CenterLarge(string text, int width)
        {
            int cells = 2 * Texts.Width(text);
            return cells >= width ? 0 : (width - cells) / 2;
        }

        /// <summary><paramref name="text"/> cut or space-padded to exactly <paramref name="width"/> cells (inverse bars).</summary>
        public static string Pad(string text, int width)
        {
            int cells = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int w = Texts.IsWide(text[i]) ? 2 : 1;
                if (cells + w > width)
                {
                    // Cut before the character that would not fit; a half cell left over is a space.
                    return text.Substring(0, i) + new string(' ', width - cells);
                }

                cells += w;
            }

            return cells == width ? text : text + new string(' ', width - cells);
        }
    }
}
