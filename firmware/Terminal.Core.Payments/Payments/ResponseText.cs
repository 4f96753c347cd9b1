using Terminal.Core.Ui;

namespace Terminal.Core.Payments
{
    /// <summary>The words a cashier sees for a host response code (F39), as CUP terminals show them.</summary>
    public static class ResponseText
    {
        /// <summary>Short English text for <paramref name="code"/>; unknown codes show the code itself.</summary>
        public static string For(string code) => For(code, Language.English);

        /// <summary>Short text for <paramref name="code"/> in <paramref name="language"/>; unknown codes show the code itself.</summary>
        public static string For(string code, int language)
        {
            int id = Id(code);
            return id < 0 ? Texts.Format(language, Texts.ResponseOther, code) : Texts.Get(language, id);
        }

        // The text id of a response code, or -1 for one without its own text.
        private static int Id(string code)
        {
            switch (code)
            {
                case "00": return Texts.Response00;
                case "01": return Texts.Response01;
                case "03": return Texts.Response03;
                case "04": return Texts.Response04;
                case "05": return Texts.Response05;
                case "12": return Texts.Response12;
                case "13": return Texts.Response13;
                case "14": return Texts.Response14;
                case "25": return Texts.Response25;
                case "30": return Texts.Response30;
                case "40": return Texts.Response40;
                case "41": return Texts.Response41;
                case "43": return Texts.Response43;
                case "51": return Texts.Response51;
                case "54": return Texts.Response54;
                case "55": return Texts.Response55;
                case "57": return Texts.Response57;
                case "58": return Texts.Response58;
                case "61": return Texts.Response61;
                case "64": return Texts.Response64;
                case "75": return Texts.Response75;
                case "77": return Texts.Response77;
                case "91": return Texts.Response91;
                case "94": return Texts.Response94;
                case "95": return Texts.Response95;
                case "96": return Texts.Response96;
                case "98": return Texts.Response98;
                case "99": return Texts.Response99;
                case "A0": return Texts.ResponseA0;
                default: return -1;
            }
        }
    }
}
