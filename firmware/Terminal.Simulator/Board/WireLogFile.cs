using Terminal.Core.Messages.WireTrace;

namespace Terminal.Simulator.Board;

/// <summary>The simulator's wire trace sink: appends each (already masked) line to wire.log and flushes it, so a crash loses nothing.</summary>
public sealed class WireLogFile : IWireTraceSink, IDisposable
{
    private readonly StreamWriter _writer;

    /// <summary>Opens (appending) the log at <paramref name="path"/>.</summary>
    public WireLogFile(string path)
    {
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
    }

    /// <inheritdoc />
    public void WriteLine(string line) => _writer.WriteLine(line);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
