using Terminal.Hal;

namespace Terminal.Core.Tests.Payments;

/// <summary>Paper of 32 columns that keeps the text of each line printed.</summary>
internal sealed class Paper(int columns = 32) : IPrinter
{
    public List<string> Lines { get; } = [];

    public int Columns => columns;

    public int WidthDots => columns * 12;

    public PrinterStatus Status => PrinterStatus.Ready;

    public bool Busy => false;

    public void Start(IEventSink sink)
    {
    }

    public void PrintLine(string text, TextStyle style, TextAlign align) => Lines.Add(text);

    public void PrintQr(string data, int moduleSize)
    {
    }

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
