namespace Terminal.Core.Link
{
    /// <summary>Where a framer's outgoing bytes go: the UART or socket adapter of the board.</summary>
    public interface ILinkWriter
    {
        /// <summary>Queues bytes for sending; must not block the loop.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
