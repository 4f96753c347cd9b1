using System.Text;
using Terminal.Core.Messages.WireTrace;

namespace Terminal.Simulator.Board;

/// <summary>A wire trace kept as text in memory (what wire.log would hold), for checks that read it afterwards.</summary>
public sealed class WireTraceText : IWireTraceSink
{
    private readonly StringBuilder _text = new();

    /// <summary>Every line so far.</summary>
    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <inheritdoc />
    public void WriteLine(string line)
    {
        lock (_text)
        {
            _text.AppendLine(line);
        }
    }
}
