namespace Terminal.Hal
{
    /// <summary>State of a network connection.</summary>
    public enum LinkState
    {
        /// <summary>Not connected.</summary>
        Closed = 0,
        /// <summary>Connecting.</summary>
        Connecting = 1,
        /// <summary>Connected.</summary>
        Open = 2,
        /// <summary>The last connect or I/O failed.</summary>
        Failed = 3,
    }

    /// <summary>
    /// A non-blocking byte stream to the acquirer host (a TCP socket over Wi-Fi or Ethernet).
    /// Connect starts the connection; the loop polls <see cref="State"/> and reads what has arrived.
    /// </summary>
    public interface INetworkStream : System.IDisposable
    {
        /// <summary>Connection state.</summary>
        LinkState State { get; }

        /// <summary>Starts connecting to host:port.</summary>
        void Connect(string host, int port);

        /// <summary>Bytes waiting to be read.</summary>
        int Available { get; }

        /// <summary>Reads what has arrived, up to <paramref name="count"/>; returns 0 when nothing has.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Sends bytes; returns false when the connection is gone.</summary>
        bool Write(byte[] buffer, int offset, int count);

        /// <summary>Closes the connection.</summary>
        void Close();
    }
}
