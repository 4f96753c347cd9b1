using Terminal.Core.Messages.WireTrace;

namespace Terminal.Simulator.Board;

/// <summary>
/// The simulator's wire trace sink: one file per run (a new run starts it afresh), a legend at its top, then each
/// (already masked) line as the firmware's tracer writes it, flushed at once so a crash loses nothing.
/// </summary>
public sealed class WireLogFile : IWireTraceSink, IDisposable
{
    /// <summary>The lines at the top of every wire.log: how to read what follows.</summary>
    public static readonly string[] Legend =
    [
        "# wire.log: every message between the terminal and the acquirer host, one a line, as the firmware's wire tracer",
        "# writes it (on a device the same lines go to the debug UART). This file is this run's alone.",
        "#   SECONDS.MS  time on the terminal's clock since power-up",
        "#   TX / RX     terminal to host / host to terminal",
        "#   LENGTH      bytes in the message",
        "#   HEX         the message: CUP TPDU (5 bytes) and header (6), then ISO 8583: type (0800 sign-in, 0200 sale",
        "#               or void, 0220 refund, 0400 reversal, 0500 settlement, 0320 batch upload; answers +10), bitmap, fields",
        "# Decode a line with: terminal iso8583 decode --profile cup HEX",
        "# Masked in place, digits zeroed and lengths kept: F2, F35, F36, EMV tags 57 and 5A, and the payment code in",
        "# F59 (only the first 6 and last 4 digits kept); F52 (PIN block) and F62 (working keys) whole.",
    ];

    private readonly StreamWriter _writer;

    /// <summary>Starts the log at <paramref name="path"/> afresh, with the legend.</summary>
    public WireLogFile(string path)
    {
        _writer = new StreamWriter(path, append: false) { AutoFlush = true };
        foreach (string line in Legend)
        {
            _writer.WriteLine(line);
        }
    }

    /// <inheritdoc />
    public void WriteLine(string line) => _writer.WriteLine(line);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
