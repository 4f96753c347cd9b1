namespace AcquirerHost.Tests.Support;

/// <summary>The terminal's end of a host link in tests: send one message, receive one (framing handled inside).</summary>
public interface ITerminalTransport : IDisposable
{
    /// <summary>Frames and sends a message.</summary>
    void Send(byte[] message);

    /// <summary>The next received message, or null when none arrives within <paramref name="timeoutMs"/>; throws <see cref="EndOfStreamException"/> when the host closed the link.</summary>
    byte[]? Receive(int timeoutMs);
}
