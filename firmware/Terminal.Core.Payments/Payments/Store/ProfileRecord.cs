using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// MerchantProfile (0x1C): the merchant's name (u8 length, UTF-8), the hotline (<see cref="Codec.PutText"/>), the
    /// service contact (u8 length, UTF-8), then the glyph count (u8) and per glyph the character (u16), its GB18030
    /// code (u16, 0: none) and its 16x16 bitmap (32 bytes); then, only when one is set (flagged by the count's top bit,
    /// <see cref="UrlFollows"/>), the e-invoice page's URL (<see cref="Codec.PutText"/>): a record without it (every record before it existed) means the factory default.
    /// Written at set-up or by a provisioning package, and restated at every compaction.
    /// </summary>
    public sealed class ProfileRecord : StoreRecord
    {
        /// <summary>Largest encoding.</summary>
        public const int MaxEncoded = 4 + MerchantProfile.MaxNameBytes + MerchantProfile.MaxHotline + MerchantProfile.MaxContactBytes
            + (MerchantProfile.MaxGlyphs * (4 + GlyphSupplement.GlyphBytes)) + 1 + MerchantProfile.MaxInvoiceUrl;

        /// <summary>The glyph count's top bit: the e-invoice page's URL follows the glyphs (a record cut before it is refused).</summary>
        public const int UrlFollows = 0x80;

        /// <summary>The merchant's name.</summary>
        public string Name = string.Empty;

        /// <summary>The service hotline.</summary>
        public string Hotline = string.Empty;

        /// <summary>The service contact.</summary>
        public string Contact = string.Empty;

        /// <summary>The e-invoice page's URL; empty: none (the factory default).</summary>
        public string InvoiceUrl = string.Empty;

        /// <summary>The glyphs it carries.</summary>
        public readonly GlyphSupplement Glyphs = new GlyphSupplement(MerchantProfile.MaxGlyphs);

        /// <summary>An empty record.</summary>
        public ProfileRecord()
            : base(PaymentRecord.MerchantProfile)
        {
        }

        /// <summary>Bytes <see cref="Encode"/> writes.</summary>
        public int EncodedSize => 4 + Utf8Text.ByteCount(Name) + Hotline.Length + Utf8Text.ByteCount(Contact) + (Glyphs.Count * (4 + GlyphSupplement.GlyphBytes))
            + (InvoiceUrl.Length > 0 ? 1 + InvoiceUrl.Length : 0);

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = PutUtf8(b, at, Name);
            p = Codec.PutText(b, p, Hotline, MerchantProfile.MaxHotline);
            p = PutUtf8(b, p, Contact);
            b[p++] = (byte)(Glyphs.Count | (InvoiceUrl.Length > 0 ? UrlFollows : 0));
            for (int i = 0; i < Glyphs.Count; i++)
            {
                p = Codec.Put16(b, p, Glyphs.CharAt(i));
                p = Codec.Put16(b, p, Glyphs.CodeAt(i));
                Glyphs.CopyGlyph(i, b, p);
                p += GlyphSupplement.GlyphBytes;
            }

            return InvoiceUrl.Length > 0 ? Codec.PutText(b, p, InvoiceUrl, MerchantProfile.MaxInvoiceUrl) : p;
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            Glyphs.Clear();
            InvoiceUrl = string.Empty;
            int p = GetUtf8(b, at, end, MerchantProfile.MaxNameBytes, out Name);
            p = p < 0 ? -1 : Codec.GetText(b, p, end, out Hotline);
            p = p < 0 ? -1 : GetUtf8(b, p, end, MerchantProfile.MaxContactBytes, out Contact);
            if (p < 0 || p >= end || Hotline.Length > MerchantProfile.MaxHotline)
            {
                return false;
            }

            bool url = (b[p] & UrlFollows) != 0;
            int count = b[p++] & ~UrlFollows;
            if (count > MerchantProfile.MaxGlyphs || p + (count * (4 + GlyphSupplement.GlyphBytes)) > end)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                if (!Glyphs.Add((char)Codec.Get16(b, p), Codec.Get16(b, p + 2), b, p + 4))
                {
                    return false; // a character twice
                }

                p += 4 + GlyphSupplement.GlyphBytes;
            }

            if (!url)
            {
                return p == end;
            }

            p = Codec.GetText(b, p, end, out InvoiceUrl);
            return p == end && InvoiceUrl.Length > 0 && InvoiceUrl.Length <= MerchantProfile.MaxInvoiceUrl;
        }

        private static int PutUtf8(byte[] b, int at, string text)
        {
            int end = Utf8Text.Put(b, at + 1, text);
            b[at] = (byte)(end - at - 1);
            return end;
        }

        private static int GetUtf8(byte[] b, int at, int end, int max, out string text)
        {
            text = string.Empty;
            if (at >= end || b[at] > max || at + 1 + b[at] > end)
            {
                return -1;
            }

            string? s = Utf8Text.Get(b, at + 1, b[at]);
            if (s == null)
            {
                return -1;
            }

            text = s;
            return at + 1 + b[at];
        }
    }
}
