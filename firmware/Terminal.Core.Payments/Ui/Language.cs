namespace Terminal.Core.Ui
{
    /// <summary>The languages of the terminal's screens and receipts, and their codes in configuration files.</summary>
    public static class Language
    {
        /// <summary>English (the default).</summary>
        public const int English = 0;

        /// <summary>Simplified Chinese (zh-CN): printed in GB18030, drawn from the display font.</summary>
        public const int Chinese = 1;

        /// <summary>Number of languages.</summary>
        public const int Count = 2;

        /// <summary>The code of <paramref name="language"/>: "en" or "zh-CN".</summary>
        public static string Code(int language) => language == Chinese ? "zh-CN" : "en";

        /// <summary>The language of a code ("en", "zh-CN"; case ignored), or -1 when there is none.</summary>
        public static int Parse(string code)
        {
            if (code == null)
            {
                return -1;
            }

            if (SameIgnoringCase(code, "en"))
            {
                return English;
            }

            return SameIgnoringCase(code, "zh-CN") ? Chinese : -1;
        }

        private static bool SameIgnoringCase(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if ((a[i] | 0x20) != (b[i] | 0x20))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
