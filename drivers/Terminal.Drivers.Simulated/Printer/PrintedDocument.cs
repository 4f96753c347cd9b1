namespace Terminal.Drivers.Simulated.Printer;

/// <summary>
/// One cut-delimited piece of paper from an <see cref="EscPosPrinterModel"/>: the raw ESC/POS bytes from the
/// document's first command through its cut command inclusive (exactly as received, so DLE EOT status
/// requests and units the driver sent again after a paper-out are in them), and the items that reached
/// the paper.
/// </summary>
public sealed class PrintedDocument(int index, long startOffset, byte[] bytes, IReadOnlyList<PaperItem> items, int refused, int widthDots)
{
    /// <summary>Its number, 0 for the first document the printer cut.</summary>
    public int Index { get; } = index;

    /// <summary>Offset of its first byte in everything the printer received.</summary>
    public long StartOffset { get; } = startOffset;

    /// <summary>The raw bytes, first command through the cut command.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>What came out on this piece of paper, ending with the cut.</summary>
    public IReadOnlyList<PaperItem> Items { get; } = items;

    /// <summary>Items the printer refused while printing it (paper out, cover open); the driver sends those again.</summary>
    public int Refused { get; } = refused;

    /// <summary>Printable width in dots.</summary>
    public int WidthDots { get; } = widthDots;

    /// <summary>Columns of the 12x24 font.</summary>
    public int Columns => WidthDots / 12;

    /// <summary>Its text lines, in order.</summary>
    public IEnumerable<string> TextLines => Items.Where(p => p.Kind == PaperItemKind.Text).Select(p => p.Text);

    /// <summary>The document as text: lines aligned within the columns, other items as bracketed notes.</summary>
    public string RenderText() => EscPosPaperRenderer.RenderText(Items, Columns);

    /// <summary>The document as a PNG image, one pixel per dot.</summary>
    public byte[] RenderPng() => EscPosPaperRenderer.RenderPng(Items, WidthDots);

    /// <summary>
    /// Writes it into <paramref name="directory"/> as document-NNN.escpos (the raw bytes, replayable to a real
    /// printer), .txt and .png, NNN counting from 001; returns the path without extension.
    /// </summary>
    public string Save(string directory)
    {
        string path = Path.Combine(directory, $"document-{Index + 1:D3}");
        File.WriteAllBytes(path + ".escpos", Bytes);
        File.WriteAllText(path + ".txt", RenderText());
        File.WriteAllBytes(path + ".png", RenderPng());
        return path;
    }
}
