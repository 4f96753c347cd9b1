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

    /// <summary>Why a connection failed or was refused; the board's link adapter says it, the firmware shows it.</summary>
    public enum LinkFailure
    {
        /// <summary>No failure (or none known).</summary>
        None = 0,
        /// <summary>The host could not be reached (no route, refused, timed out).</summary>
        Unreachable = 1,
        /// <summary>An open connection was lost.</summary>
        Lost = 2,
        /// <summary>TLS: the host's certificate has expired (or is not valid yet). The TLS reasons are this one and those after it.</summary>
        CertificateExpired = 3,
        /// <summary>TLS: the host's certificate is for another host name.</summary>
        CertificateWrongHost = 4,
        /// <summary>TLS: the host's certificate was not issued by the pinned CA.</summary>
        CertificateUnknownCa = 5,
        /// <summary>TLS: the handshake was refused and the TLS stack does not say why (nanoFramework's does not).</summary>
        CertificateRefused = 6,
        /// <summary>TLS: the handshake did not complete (the host closed it, or does not speak TLS).</summary>
        HandshakeFailed = 7,
    }

    /// <summary>
    /// A non-blocking byte stream to the acquirer host (a TCP socket over Wi-Fi or Ethernet, plain or TLS).
    /// Connect starts the connection; the loop polls <see cref="State"/> and reads what has arrived.
    /// </summary>
    public interface INetworkStream : System.IDisposable
    {
        /// <summary>Connection state.</summary>
        LinkState State { get; }

        /// <summary>Starts connecting to host:port.</summary>
        void Connect(string host, int port);

        /// <summary>Why the last connect or I/O failed (meaningful when <see cref="State"/> is Failed or Closed).</summary>
        LinkFailure Failure { get; }

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
