using System.Text;
using SkiaSharp;

namespace Terminal.Drivers.Simulated.Printer;

/// <summary>Draws what an <see cref="EscPosPrinterModel"/> printed (the whole roll or one document): as text for tests and logs, as PNG for people.</summary>
public static class EscPosPaperRenderer
{
    // Debian font packages: fonts-dejavu-core for Latin; fonts-wqy-zenhei or fonts-unifont for Chinese.
    private static readonly string[] LatinFonts = ["/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"];
    private static readonly string[] CjkFonts =
    [
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/unifont/unifont.otf",
        "/usr/share/fonts/truetype/unifont/unifont.ttf",
    ];

    /// <summary>Display width of a character in font columns (CJK and full-width forms take two).</summary>
    public static int CellWidth(char c) => c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6)) ? 2 : 1;

    /// <summary>Width of a string in font columns.</summary>
    public static int TextWidth(string s) => s.Sum(CellWidth);

    /// <summary>The printer's whole roll as text, one printed line per line.</summary>
    public static string RenderText(EscPosPrinterModel printer) => RenderText(printer.Paper, printer.Columns);

    /// <summary><paramref name="items"/> on paper of <paramref name="columns"/> as text, one printed line per line.</summary>
    public static string RenderText(IReadOnlyList<PaperItem> items, int columns)
    {
        var text = new StringBuilder();
        foreach (PaperItem item in items)
        {
            switch (item.Kind)
            {
                case PaperItemKind.Text:
                    int lineColumns = columns / item.WidthMultiplier;
                    int width = TextWidth(item.Text);
                    int pad = item.Align switch
                    {
                        1 => Math.Max(0, (lineColumns - width) / 2),
                        2 => Math.Max(0, lineColumns - width),
                        _ => 0,
                    };
                    text.Append(' ', pad).Append(item.Text).Append('\n');
                    break;
                case PaperItemKind.Qr:
                    text.Append("[QR ").Append(item.Text).Append("]\n");
                    break;
                case PaperItemKind.Image:
                    text.Append('[').Append(item.Text).Append("]\n");
                    break;
                case PaperItemKind.Feed:
                    text.Append('\n', item.HeightDots / 30);
                    break;
                case PaperItemKind.Cut:
                    text.Append(new string('-', columns)).Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The printer's whole roll as a PNG, one pixel per printer dot, black on white.</summary>
    public static byte[] RenderPng(EscPosPrinterModel printer) => RenderPng(printer.Paper, printer.WidthDots);

    /// <summary><paramref name="items"/> on paper <paramref name="width"/> dots wide as a PNG, one pixel per printer dot, black on white.</summary>
    public static byte[] RenderPng(IReadOnlyList<PaperItem> items, int width)
    {
        int height = Math.Max(1, items.Sum(p => p.Kind == PaperItemKind.Cut ? 12 : p.HeightDots) + 16);
        using var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };
            using SKTypeface? latin = LoadFirst(LatinFonts);
            using SKTypeface? cjk = LoadFirst(CjkFonts);
            int y = 8;
            foreach (PaperItem item in items)
            {
                switch (item.Kind)
                {
                    case PaperItemKind.Text:
                        DrawText(canvas, item, width, y, latin, cjk, black);
                        break;
                    case PaperItemKind.Qr:
                    case PaperItemKind.Image:
                        DrawDots(canvas, item, width, y, black);
                        break;
                    case PaperItemKind.Cut:
                        for (int x = 0; x < width; x += 8)
                        {
                            canvas.DrawRect(x, y + 5, 4, 1, black);
                        }

                        y += 12;
                        continue;
                }

                y += item.HeightDots;
            }
        }

        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKTypeface? LoadFirst(string[] paths) =>
        paths.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t != null);

    private static void DrawText(SKCanvas canvas, PaperItem item, int width, int y, SKTypeface? latin, SKTypeface? cjk, SKPaint black)
    {
        int cell = 12 * item.WidthMultiplier;
        int textWidth = TextWidth(item.Text) * cell;
        int x = item.Align switch
        {
            1 => Math.Max(0, (width - textWidth) / 2),
            2 => Math.Max(0, width - textWidth),
            _ => 0,
        };
        int glyphHeight = 24 * item.HeightMultiplier;
        if (item.Inverse)
        {
            canvas.DrawRect(x, y, textWidth, glyphHeight, black);
        }

        using var paint = new SKPaint { Color = item.Inverse ? SKColors.White : SKColors.Black, IsAntialias = true };
        foreach (char c in item.Text)
        {
            int w = CellWidth(c) * cell;
            SKTypeface? face = w == 2 * cell ? cjk : latin;
            if (face == null && c != ' ')
            {
                // No font for this character on this machine: a box stands for it.
                using var box = new SKPaint { Color = paint.Color, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
                canvas.DrawRect(x + 2, y + 2, w - 4, glyphHeight - 4, box);
            }
            else if (c != ' ')
            {
                using var font = new SKFont(face, glyphHeight * 0.9f)
                {
                    ScaleX = item.WidthMultiplier / (float)item.HeightMultiplier,
                    Embolden = item.Bold,
                };
                canvas.DrawText(c.ToString(), x, y + (glyphHeight * 0.8f), SKTextAlign.Left, font, paint);
            }

            x += w;
        }
    }

    private static void DrawDots(SKCanvas canvas, PaperItem item, int width, int y, SKPaint black)
    {
        bool[][] dots = item.Dots!;
        int module = item.ModuleSize;
        int dotsWidth = (dots.Length == 0 ? 0 : dots[0].Length) * module;
        int x0 = item.Align switch
        {
            1 => Math.Max(0, (width - dotsWidth) / 2),
            2 => Math.Max(0, width - dotsWidth),
            _ => 0,
        };
        for (int row = 0; row < dots.Length; row++)
        {
            for (int col = 0; col < dots[row].Length; col++)
            {
                if (dots[row][col])
                {
                    canvas.DrawRect(x0 + (col * module), y + (row * module), module, module, black);
                }
            }
        }
    }
}
