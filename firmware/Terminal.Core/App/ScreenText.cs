namespace Terminal.Core.App
{
    /// <summary>Placing text on the display's cell grid: padded rows and centred titles.</summary>
    internal static class ScreenText
    {
        /// <summary>Column that centres <paramref name="text"/> in <paramref name="width"/> cells.</summary>
        public static int Center(string text, int width) => text.Length >= width ? 0 : (width - text.Length) / 2;

        /// <summary>As <see cref="Center"/> for Large text, which the panel draws double width.</summary>
        public static int CenterLarge(string text, int width) => 2 * text.Length >= width ? 0 : (width - (2 * text.Length)) / 2;

        /// <summary><paramref name="text"/> cut or space-padded to exactly <paramref name="width"/> cells (inverse bars).</summary>
        public static string Pad(string text, int width)
        {
            if (text.Length >= width)
            {
                return text.Substring(0, width);
            }

            return text + new string(' ', width - text.Length);
        }
    }
}
