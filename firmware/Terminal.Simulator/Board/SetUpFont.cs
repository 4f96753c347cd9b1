using System.Text;
using Terminal.Drivers.Display;
using Terminal.Drivers.Printer;
using Terminal.Hal;

namespace Terminal.Simulator.Board;

/// <summary>
/// The set-up font: every GB2312 character's 16x16 glyph (GNU Unifont, made by <c>tools/FontGen --gb2312</c> and
/// committed as Fonts/gb2312-16.bin), from which set-up takes the glyphs of a merchant's name the firmware's own font
/// lacks, and .NET's GB18030 encoding, which gives their printer codes. What it gathers is journaled with the name
/// (<see cref="Terminal.Core.Payments.MerchantProfile"/>), so the terminal needs neither at run time.
/// </summary>
public static class SetUpFont
{
    private const int Positions = 94;
    private const int Areas = 87;

    private static readonly Lazy<byte[]> Cells = new(() =>
    {
        using Stream s = typeof(SetUpFont).Assembly.GetManifestResourceStream("gb2312-16.bin")
            ?? throw new InvalidOperationException("the simulator lacks its set-up font (gb2312-16.bin)");
        var font = new byte[Areas * Positions * GlyphSupplement.GlyphBytes];
        s.ReadExactly(font);
        return font;
    });

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    });

    /// <summary>
    /// The glyphs and GB18030 codes of the characters of <paramref name="texts"/> beyond ASCII. A character the font
    /// or the printer cannot take is still carried (a hollow box for the display, no code: '?' on paper) and
    /// <paramref name="warn"/> is told which and why.
    /// </summary>
    public static GlyphSupplement GlyphsFor(Action<string> warn, params string[] texts)
    {
        var glyphs = new GlyphSupplement(Terminal.Core.Payments.MerchantProfile.MaxGlyphs);
        var bitmap = new byte[GlyphSupplement.GlyphBytes];
        foreach (char ch in string.Concat(texts))
        {
            if (ch < 0x80 || glyphs.Find(ch) >= 0)
            {
                continue;
            }

            byte[] code = Gb18030.Value.GetBytes(ch.ToString());
            int gb = code.Length == 2 ? (code[0] << 8) | code[1] : 0;
            bool wide = DisplayCells.IsWide(ch);
            bool drawn = wide ? Glyph(code, bitmap) : GlyphFont.Find(ch) >= 0;
            if (!drawn)
            {
                Box(bitmap);
                warn($"'{ch}' (U+{(int)ch:X4}) has no glyph in the display's fonts: it shows as a box");
            }

            if (gb == 0 && Gb18030Table.Lookup(ch) < 0)
            {
                warn($"'{ch}' (U+{(int)ch:X4}) has no two-byte GB18030 code: it prints as '?'");
            }

            if (!glyphs.Add(ch, gb, bitmap, 0))
            {
                warn($"more than {glyphs.Capacity} characters beyond ASCII: '{ch}' and after show as boxes");
                break;
            }
        }

        return glyphs;
    }

    // A GB2312 code's glyph (A1A1..F7FE); false for anything else or an empty cell.
    private static bool Glyph(byte[] code, byte[] bitmap)
    {
        if (code.Length != 2 || code[0] < 0xA1 || code[0] > 0xA0 + Areas || code[1] < 0xA1 || code[1] > 0xFE)
        {
            return false;
        }

        int at = ((((code[0] - 0xA1) * Positions) + code[1] - 0xA1)) * GlyphSupplement.GlyphBytes;
        Array.Copy(Cells.Value, at, bitmap, 0, GlyphSupplement.GlyphBytes);
        return bitmap.Any(b => b != 0);
    }

    // The display's missing-glyph box, so a character without a glyph is seen rather than blank.
    private static void Box(byte[] bitmap)
    {
        Array.Clear(bitmap);
        for (int y = 2; y <= 13; y++)
        {
            int row = (y == 2 || y == 13) ? 0x7FFE : 0x4002;
            bitmap[2 * y] = (byte)(row >> 8);
            bitmap[(2 * y) + 1] = (byte)row;
        }
    }
}
