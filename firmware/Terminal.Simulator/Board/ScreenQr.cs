using Terminal.Drivers.Display;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Imaging;

namespace Terminal.Simulator.Board;

/// <summary>
/// A phone's camera on the text panel: the QR code the terminal shows in its module glyphs (U+E000 + a cell's light
/// modules, 2 x 4 per cell) drawn as an image, 4 pixels a module, every other cell light, and decoded by ZXing. For
/// boards without the ST7789 model (the campaign); the others decode the panel's own frame.
/// </summary>
public static class ScreenQr
{
    private const int Scale = 4;

    /// <summary>The text of the QR code on <paramref name="panel"/>, or null when it shows none.</summary>
    public static string? Read(TextPanel panel)
    {
        int width = panel.Columns * 2 * Scale;
        int height = panel.Rows * 4 * Scale;
        byte[] pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        bool any = false;
        for (int row = 0; row < panel.Rows; row++)
        {
            ReadOnlySpan<char> cells = panel.ShownRow(row);
            for (int col = 0; col < cells.Length; col++)
            {
                char ch = cells[col];
                if (ch < GlyphFont.QrModulesFirst || ch > GlyphFont.QrModulesLast)
                {
                    continue;
                }

                any = true;
                int bits = ch - GlyphFont.QrModulesFirst;
                for (int m = 0; m < 8; m++)
                {
                    if (((bits >> m) & 1) == 0)
                    {
                        Dark(pixels, width, ((col * 2) + (m % 2)) * Scale, ((row * 4) + (m / 2)) * Scale);
                    }
                }
            }
        }

        return any ? QrImage.DecodeGray(pixels, width, height) : null;
    }

    private static void Dark(byte[] pixels, int width, int x0, int y0)
    {
        for (int y = y0; y < y0 + Scale; y++)
        {
            Array.Fill(pixels, (byte)0, (y * width) + x0, Scale);
        }
    }
}
