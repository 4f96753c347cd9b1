namespace Terminal.Core.Messages.WireTrace
{
    /// <summary>Where trace lines go: wire.log in the simulator, a debug UART on the device. Lines are already masked.</summary>
    public interface IWireTraceSink
    {
        /// <summary>Writes one line (no newline included).</summary>
        void WriteLine(string line);
    }
}
