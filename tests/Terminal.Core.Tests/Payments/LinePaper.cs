using Terminal.Hal;

namespace Terminal.Core.Tests.Payments;

/// <summary>58 mm paper (32 columns) that keeps the text of each line printed, a QR code as "[QR] " and its data.</summary>
internal sealed class LinePaper : IPrinter
{
    public List<string> Lines { get; } = [];

    public int Columns => 32;

    public int WidthDots => 384;

    public PrinterStatus Status => PrinterStatus.Ready;

    public bool Busy => false;

    public void Start(IEventSink sink)
    {
    }

    public void PrintLine(string text, TextStyle style, TextAlign align) => Lines.Add(text);

    public void PrintQr(string data, int moduleSize) => Lines.Add("[QR] " + data);

    public void PrintStoredLogo(int logoId)
    {
    }

    public void Feed(int lines)
    {
    }

    public void Cut()
    {
    }

    public long Poll(long nowMs) => Deadline.Never;

    public void Dispose()
    {
    }
}
