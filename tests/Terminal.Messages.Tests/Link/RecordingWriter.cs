using Terminal.Core.Link;

namespace Terminal.Messages.Tests.Link;

/// <summary>A link writer that keeps every byte written, for asserting what went on the wire.</summary>
internal sealed class RecordingWriter : ILinkWriter
{
    public List<byte> Bytes { get; } = [];

    public void Write(byte[] buffer, int offset, int count) => Bytes.AddRange(buffer.AsSpan(offset, count).ToArray());

    public string Hex() => Convert.ToHexString(Bytes.ToArray());

    public void Clear() => Bytes.Clear();
}
