using System.Security.Cryptography;
using System.Text;

namespace Terminal.Simulator.Board;

/// <summary>
/// Everything observable a run produced, in order and stamped with virtual time: display frames, bytes
/// on every link, journal writes. Two runs with the same seed and inputs give the same trace byte for byte.
/// </summary>
public sealed class RunTrace
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder? _text;

    /// <summary>Creates a trace; <paramref name="keepText"/> keeps the full text as well as the digest.</summary>
    public RunTrace(bool keepText) => _text = keepText ? new StringBuilder() : null;

    /// <summary>Entries recorded.</summary>
    public int Entries { get; private set; }

    /// <summary>The full trace text, when kept.</summary>
    public string Text => _text?.ToString() ?? string.Empty;

    /// <summary>Records one entry of a kind ("frame", "link>", "journal") with its content.</summary>
    public void Record(long timeMs, string kind, string content)
    {
        string entry = $"{timeMs,10} {kind}\n{content}\n";
        _hash.AppendData(Encoding.UTF8.GetBytes(entry));
        _text?.Append(entry);
        Entries++;
    }

    /// <summary>Records bytes as hex.</summary>
    public void Record(long timeMs, string kind, ReadOnlySpan<byte> bytes) => Record(timeMs, kind, Convert.ToHexString(bytes));

    /// <summary>SHA-256 of everything recorded so far, as hex.</summary>
    public string Digest() => Convert.ToHexString(_hash.GetCurrentHash());
}
