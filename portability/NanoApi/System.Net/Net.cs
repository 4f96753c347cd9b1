using System.Net.Sockets;

namespace System.Net
{
    /// <summary>Name resolution.</summary>
    public static class Dns
    {
        /// <summary>Resolves a host name (or parses an address).</summary>
        public static IPHostEntry GetHostEntry(string hostNameOrAddress) => throw new NotImplementedException();
    }

    /// <summary>What a name resolved to.</summary>
    public class IPHostEntry
    {
        /// <summary>The addresses.</summary>
        public IPAddress[] AddressList => throw new NotImplementedException();
    }

    /// <summary>An IP address.</summary>
    public class IPAddress
    {
        internal IPAddress() => throw new NotImplementedException();

        /// <summary>Parses dotted-quad text.</summary>
        public static IPAddress Parse(string ipString) => throw new NotImplementedException();
    }

    /// <summary>A network address (base of <see cref="IPEndPoint"/>).</summary>
    public abstract class EndPoint
    {
        /// <summary>The address in socket form.</summary>
        public abstract SocketAddress Serialize();

        /// <summary>An endpoint from a socket address.</summary>
        public abstract EndPoint Create(SocketAddress socketAddress);
    }

    /// <summary>An address in the form sockets take it.</summary>
    public class SocketAddress
    {
        internal SocketAddress() => throw new NotImplementedException();
    }

    /// <summary>An IP address and a port.</summary>
    public class IPEndPoint : EndPoint
    {
        /// <summary>The endpoint <paramref name="address"/>:<paramref name="port"/>.</summary>
        public IPEndPoint(IPAddress address, int port) => throw new NotImplementedException();

        /// <inheritdoc />
        public override SocketAddress Serialize() => throw new NotImplementedException();

        /// <inheritdoc />
        public override EndPoint Create(SocketAddress socketAddress) => throw new NotImplementedException();
    }
}

namespace System.Net.Sockets
{
    /// <summary>A BSD-style socket (lwIP underneath).</summary>
    public class Socket : IDisposable
    {
        /// <summary>A socket of the family, type and protocol.</summary>
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw new NotImplementedException();

        /// <summary>Bytes received and not read yet.</summary>
        public int Available => throw new NotImplementedException();

        /// <summary>Longest a send waits, in ms.</summary>
        public int SendTimeout
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Connects (blocking).</summary>
        public void Connect(EndPoint remoteEP) => throw new NotImplementedException();

        /// <summary>Closes the socket.</summary>
        public void Close() => throw new NotImplementedException();

        /// <summary>Whether the socket is readable, writable or in error within <paramref name="microSeconds"/>.</summary>
        public bool Poll(int microSeconds, SelectMode mode) => throw new NotImplementedException();

        /// <summary>Receives up to <paramref name="size"/> bytes.</summary>
        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw new NotImplementedException();

        /// <summary>Sends up to <paramref name="size"/> bytes; returns how many went.</summary>
        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) => throw new NotImplementedException();

        /// <summary>Sets a boolean socket option.</summary>
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, bool optionValue) => throw new NotImplementedException();

        void IDisposable.Dispose() => throw new NotImplementedException();
    }

    /// <summary>A socket call failed.</summary>
    public class SocketException : Exception
    {
        internal SocketException() => throw new NotImplementedException();
    }

    /// <summary>Address families (the one the device uses).</summary>
    public enum AddressFamily
    {
        /// <summary>IPv4.</summary>
        InterNetwork = 2,
    }

    /// <summary>Socket types.</summary>
    public enum SocketType
    {
        /// <summary>Unknown.</summary>
        Unknown = -1,

        /// <summary>A byte stream (TCP).</summary>
        Stream = 1,

        /// <summary>Datagrams.</summary>
        Dgram = 2,

        /// <summary>Raw.</summary>
        Raw = 3,

        /// <summary>Reliably delivered messages.</summary>
        Rdm = 4,

        /// <summary>Sequenced packets.</summary>
        Seqpacket = 5,
    }

    /// <summary>Protocols (the one the device uses).</summary>
    public enum ProtocolType
    {
        /// <summary>TCP.</summary>
        Tcp = 6,
    }

    /// <summary>What <see cref="Socket.Poll"/> waits for.</summary>
    public enum SelectMode
    {
        /// <summary>Readable (or closed by the peer).</summary>
        SelectRead = 0,

        /// <summary>Writable.</summary>
        SelectWrite = 1,

        /// <summary>In error.</summary>
        SelectError = 2,
    }

    /// <summary>Send and receive flags (the one the device uses).</summary>
    [Flags]
    public enum SocketFlags
    {
        /// <summary>None.</summary>
        None = 0,
    }

    /// <summary>The level a socket option applies to.</summary>
    public enum SocketOptionLevel
    {
        /// <summary>IP.</summary>
        IP = 0,

        /// <summary>TCP.</summary>
        Tcp = 6,

        /// <summary>UDP.</summary>
        Udp = 17,

        /// <summary>IPv6.</summary>
        IPv6 = 41,

        /// <summary>The socket itself.</summary>
        Socket = 65535,
    }

    /// <summary>Socket options (the one the device sets).</summary>
    public enum SocketOptionName
    {
        /// <summary>TCP_NODELAY: no Nagle delay.</summary>
        NoDelay = 1,
    }
}

namespace System.Net.NetworkInformation
{
    /// <summary>A network interface of the device (Wi-Fi station, access point, Ethernet).</summary>
    public class NetworkInterface
    {
        /// <summary>The interface at <paramref name="interfaceIndex"/>.</summary>
        protected NetworkInterface(int interfaceIndex) => throw new NotImplementedException();

        /// <summary>Every interface the device has.</summary>
        public static NetworkInterface[] GetAllNetworkInterfaces() => throw new NotImplementedException();

        /// <summary>The interface's MAC address.</summary>
        public byte[] PhysicalAddress
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }
    }
}

namespace System.Net.Sockets
{
    /// <summary>A stream over a connected socket (the base of <see cref="System.Net.Security.SslStream"/>).</summary>
    public class NetworkStream : IO.Stream
    {
        internal NetworkStream() => throw new NotImplementedException();

        /// <inheritdoc />
        public override long Length => throw new NotImplementedException();

        /// <inheritdoc />
        public override void Flush() => throw new NotImplementedException();

        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <inheritdoc />
        public override long Seek(long offset, IO.SeekOrigin origin) => throw new NotImplementedException();

        /// <inheritdoc />
        public override void Write(byte[] buffer, int offset, int count) => throw new NotImplementedException();
    }
}

namespace System.Net.Security
{
    using System.Net.Sockets;
    using System.Security.Cryptography.X509Certificates;

    /// <summary>TLS over a connected socket (mbedTLS underneath).</summary>
    public class SslStream : NetworkStream
    {
        /// <summary>TLS over <paramref name="socket"/>, which the stream then owns.</summary>
        public SslStream(Socket socket) => throw new NotImplementedException();

        /// <summary>How the peer's certificate is verified.</summary>
        public SslVerification SslVerification
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Decrypted bytes waiting to be read.</summary>
        public override long Length => throw new NotImplementedException();

        /// <summary>The client handshake: the server's certificate must chain to <paramref name="ca"/> and name <paramref name="targetHost"/>.</summary>
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, X509Certificate ca, SslProtocols enabledSslProtocols) => throw new NotImplementedException();

        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int size) => throw new NotImplementedException();

        /// <inheritdoc />
        public override void Write(byte[] buffer, int offset, int size) => throw new NotImplementedException();
    }

    /// <summary>TLS versions.</summary>
    [Flags]
    public enum SslProtocols
    {
        /// <summary>TLS 1.2.</summary>
        Tls12 = 3072,
    }

    /// <summary>How a certificate is verified.</summary>
    public enum SslVerification
    {
        /// <summary>The peer must present a certificate that verifies.</summary>
        CertificateRequired = 4,
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    /// <summary>An X.509 certificate (DER, or PEM with its terminating zero byte).</summary>
    public class X509Certificate
    {
        /// <summary>The certificate in <paramref name="certificate"/>.</summary>
        public X509Certificate(byte[] certificate) => throw new NotImplementedException();
    }
}
