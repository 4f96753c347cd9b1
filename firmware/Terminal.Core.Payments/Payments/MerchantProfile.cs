using Terminal.Hal;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// Who the merchant is to the customer and whom to call: the merchant's name as the slips and the idle screen
    /// show it (Chinese or Latin), the service hotline and an optional service contact, with the glyphs and GB18030
    /// codes of the name's wide characters (<see cref="GlyphSupplement"/>), journaled together
    /// (<see cref="PaymentRecord.MerchantProfile"/>) so that a name the firmware's own font lacks still prints and shows.
    /// </summary>
    public sealed class MerchantProfile
    {
        /// <summary>Most characters of the name (a 58 mm slip's line holds 16 Chinese characters).</summary>
        public const int MaxNameChars = 16;

        /// <summary>Most UTF-8 bytes of the name.</summary>
        public const int MaxNameBytes = 48;

        /// <summary>Most characters of the hotline.</summary>
        public const int MaxHotline = 20;

        /// <summary>Fewest digits of the hotline.</summary>
        public const int MinHotlineDigits = 3;

        /// <summary>Most characters of the service contact's name.</summary>
        public const int MaxContactChars = 8;

        /// <summary>Most UTF-8 bytes of the service contact's name.</summary>
        public const int MaxContactBytes = 24;

        /// <summary>Most glyphs carried: every character of the name and the contact.</summary>
        public const int MaxGlyphs = MaxNameChars + MaxContactChars;

        /// <summary>
        /// Most characters of the e-invoice page's URL: with it the largest profile still fits one 1 KB journal record,
        /// and the customer copy's QR code (this URL and some 110 characters of parameters) stays small.
        /// </summary>
        public const int MaxInvoiceUrl = 63;

        /// <summary>A profile holding nothing, its glyphs in <paramref name="glyphs"/>.</summary>
        public MerchantProfile(GlyphSupplement glyphs)
        {
            Glyphs = glyphs;
        }

        /// <summary>The merchant's name; empty when not set (the board's name is used then).</summary>
        public string Name { get; private set; } = string.Empty;

        /// <summary>The service hotline; empty until set.</summary>
        public string Hotline { get; private set; } = string.Empty;

        /// <summary>The service contact's name; may be empty.</summary>
        public string Contact { get; private set; } = string.Empty;

        /// <summary>Glyphs and GB18030 codes of the name's and contact's wide characters (the drivers read them).</summary>
        public GlyphSupplement Glyphs { get; }

        /// <summary>The merchant's e-invoice page (a provisioning package's); empty: the factory default.</summary>
        public string InvoiceUrl { get; private set; } = string.Empty;

        /// <summary>Whether a profile was set.</summary>
        public bool IsSet => Name.Length > 0 || Hotline.Length > 0 || InvoiceUrl.Length > 0;

        /// <summary>Takes the values of <paramref name="from"/> (a record written or replayed).</summary>
        public void Set(string name, string hotline, string contact, string invoiceUrl, GlyphSupplement from)
        {
            Name = name;
            Hotline = hotline;
            Contact = contact;
            InvoiceUrl = invoiceUrl;
            Glyphs.CopyFrom(from);
        }

        /// <summary>Forgets it (a boot before replay).</summary>
        public void Reset()
        {
            Name = string.Empty;
            Hotline = string.Empty;
            Contact = string.Empty;
            InvoiceUrl = string.Empty;
            Glyphs.Clear();
        }

        /// <summary>Why <paramref name="name"/>, <paramref name="hotline"/> and <paramref name="contact"/> cannot be a profile; empty when they can.</summary>
        public static string Check(string name, string hotline, string contact)
        {
            string problem = CheckText("merchant name", name, MaxNameChars, MaxNameBytes);
            if (problem.Length > 0)
            {
                return problem;
            }

            if (name.Length > 0 && name.Trim().Length == 0)
            {
                return "merchant name: only spaces";
            }

            problem = CheckHotline(hotline);
            return problem.Length > 0 ? problem : CheckText("service contact", contact, MaxContactChars, MaxContactBytes);
        }

        /// <summary>Why <paramref name="hotline"/> is not a hotline (digits, with '+' first, '-' or spaces between; empty: none); empty when it is.</summary>
        public static string CheckHotline(string hotline)
        {
            if (hotline.Length == 0)
            {
                return string.Empty;
            }

            if (hotline.Length > MaxHotline)
            {
                return "hotline: at most " + MaxHotline.ToString() + " characters";
            }

            int digits = 0;
            for (int i = 0; i < hotline.Length; i++)
            {
                char c = hotline[i];
                if (c >= '0' && c <= '9')
                {
                    digits++;
                }
                else if (!(c == '-' || c == ' ' || (c == '+' && i == 0)))
                {
                    return "hotline: only digits, '-', spaces and a leading '+'";
                }
            }

            return digits < MinHotlineDigits ? "hotline: at least " + MinHotlineDigits.ToString() + " digits" : string.Empty;
        }

        /// <summary>
        /// Why <paramref name="url"/> is not an e-invoice page (https, a host, at most <see cref="MaxInvoiceUrl"/>
        /// characters of letters, digits and <c>-._~/:%</c>, no query or fragment: the terminal appends its own); empty
        /// when it is, or when it is empty (none).
        /// </summary>
        public static string CheckInvoiceUrl(string url)
        {
            if (url.Length == 0)
            {
                return string.Empty;
            }

            if (url.Length > MaxInvoiceUrl)
            {
                return "invoice URL: at most " + MaxInvoiceUrl.ToString() + " characters";
            }

            const string Scheme = "https://";
            if (url.Length <= Scheme.Length || url.IndexOf(Scheme) != 0 || url[Scheme.Length] == '/')
            {
                return "invoice URL: must be https://host/...";
            }

            for (int i = Scheme.Length; i < url.Length; i++)
            {
                char c = url[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == ':' || c == '%'))
                {
                    return "invoice URL: character at " + (i + 1).ToString() + " not allowed (no query, fragment or spaces)";
                }
            }

            return string.Empty;
        }

        // Length in characters and UTF-8 bytes; no control characters, no surrogates (the display shows the BMP only).
        private static string CheckText(string what, string text, int maxChars, int maxBytes)
        {
            if (text.Length > maxChars || Util.Utf8Text.ByteCount(text) > maxBytes)
            {
                return what + ": at most " + maxChars.ToString() + " characters";
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || (c >= '\u007F' && c <= '\u009F') || c == '\u2028' || c == '\u2029')
                {
                    return what + ": control character at " + (i + 1).ToString();
                }

                if (c >= '\uD800' && c <= '\uDFFF')
                {
                    return what + ": character at " + (i + 1).ToString() + " is outside the Basic Multilingual Plane";
                }
            }

            return string.Empty;
        }
    }
}
