using Terminal.Core.Ui;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// Issuer and acquirer institution ids as a CUP answer's F44 carries them (44.1 issuer, 44.2 acquirer, 11
    /// characters each, an 8-digit member institution code padded with spaces), and the names a slip prints beside
    /// them. The table is small on purpose: the big banks' four-digit codes from the People's Bank of China list of
    /// financial institution codes (0102 ICBC ... 0308 China Merchants Bank) as public POS slips print them, the
    /// acquirer the simulated host answers as (4802, China UnionPay Merchant Services), and the foreign schemes by
    /// name. An id not in it prints as its code alone.
    /// </summary>
    public static class Institution
    {
        /// <summary>Width of each part of F44.</summary>
        public const int PartLength = 11;

        /// <summary>Part <paramref name="index"/> (0 issuer, 1 acquirer) of an F44 value, trailing spaces dropped; empty when absent.</summary>
        public static string Part(string field44, int index)
        {
            if (field44 == null)
            {
                return string.Empty;
            }

            int start = index * PartLength;
            if (start >= field44.Length)
            {
                return string.Empty;
            }

            int end = start + PartLength < field44.Length ? start + PartLength : field44.Length;
            while (end > start && field44[end - 1] == ' ')
            {
                end--;
            }

            return field44.Substring(start, end - start);
        }

        /// <summary>The institution's name in <paramref name="language"/>, or empty when the table does not know <paramref name="id"/>.</summary>
        public static string Name(string id, int language)
        {
            bool zh = language == Language.Chinese;
            if (id.Length >= 4 && id[0] == '0')
            {
                switch (id.Substring(0, 4))
                {
                    case "0102": return zh ? "工商银行" : "ICBC";
                    case "0103": return zh ? "农业银行" : "ABC";
                    case "0104": return zh ? "中国银行" : "BANK OF CHINA";
                    case "0105": return zh ? "建设银行" : "CCB";
                    case "0301": return zh ? "交通银行" : "BOCOM";
                    case "0308": return zh ? "招商银行" : "CMB";
                }
            }

            if (id.Length >= 4 && id.Substring(0, 4) == "4802")
            {
                return zh ? "银联商务" : "CHINAUMS";
            }

            switch (id)
            {
                case "VISA": return "VISA";
                case "MASTERCARD": return "MASTERCARD";
                case "JCB": return "JCB";
                case "AMEX": return "AMEX";
                default: return string.Empty;
            }
        }

        /// <summary>What a slip prints: the id and its name where known ("01020000 工商银行"), the id alone otherwise.</summary>
        public static string Text(string id, int language)
        {
            string name = Name(id, language);
            return name.Length == 0 || name == id ? id : id + " " + name;
        }
    }
}
