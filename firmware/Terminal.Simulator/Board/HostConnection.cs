using AcquirerHost;
using AcquirerHost.Links;
using AcquirerHost.Tls;
using System.Security.Cryptography.X509Certificates;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.PcAdapters;

namespace Terminal.Simulator.Board;

/// <summary>How the simulated terminal reaches its acquirer host.</summary>
public sealed class HostConnectionOptions
{
    /// <summary>"tcp" (Wi-Fi/Ethernet framing) or "serial" (STX/ETX/LRC with ACK/NAK over a pty pair or a port).</summary>
    public string Link { get; init; } = "tcp";

    /// <summary>An external host as HOST:PORT (tcp) or a serial device path; null runs AcquirerHost in-process.</summary>
    public string? Address { get; init; }

    /// <summary>Terminal ID.</summary>
    public string TerminalId { get; init; } = TerminalRig.TerminalId;

    /// <summary>Merchant ID.</summary>
    public string MerchantId { get; init; } = TerminalRig.MerchantId;

    /// <summary>Terminal master key (the public FACTS.md example key by default: a demo key, never a real one).</summary>
    public byte[] MasterKey { get; init; } = TerminalRig.MasterKey;

    /// <summary>TLS on the tcp link: the CA certificate (PEM) the terminal pins; null for plain TCP.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>The in-process host's certificate and key (PKCS#12); with <see cref="TlsCaFile"/>, that host serves TLS.</summary>
    public string? TlsHostCertificateFile { get; init; }

    /// <summary>The name the host's certificate must carry; the host part of the address when null.</summary>
    public string? TlsHostName { get; init; }

    /// <summary>These options with TLS from the test PKI in <paramref name="folder"/> (its CA pinned, its host certificate served in-process).</summary>
    public HostConnectionOptions WithTls(HostTlsFolder folder, string? hostName = null) => new()
    {
        Link = Link,
        Address = Address,
        TerminalId = TerminalId,
        MerchantId = MerchantId,
        MasterKey = MasterKey,
        HostDatabase = HostDatabase,
        HostLog = HostLog,
        TlsCaFile = folder.CaFile,
        TlsHostCertificateFile = folder.HostFile,
        TlsHostName = hostName,
    };

    /// <summary>Database of the in-process host; a temporary file when null.</summary>
    public string? HostDatabase { get; init; }

    /// <summary>Where the in-process host writes its log (one line per message, PANs masked); null for nowhere.</summary>
    public Action<string>? HostLog { get; init; }
}

/// <summary>
/// The host side of a simulator run over a real link: an in-process AcquirerHost (over loopback TCP, or over a
/// socat pty pair for the serial link) or an external one, and the terminal's transport to it.
/// </summary>
public sealed class HostConnection : IAsyncDisposable
{
    private readonly string? _tempDb;
    private readonly PtyPair? _pty;
    private readonly bool _serial;
    private readonly string _address;
    private readonly X509Certificate2? _authority;
    private readonly string? _tlsHostName;
    private IDisposable? _resource;

    private HostConnection(AcquirerHostServer? host, PtyPair? pty, string? tempDb, bool serial, string address, string description, X509Certificate2? authority, string? tlsHostName)
    {
        _authority = authority;
        _tlsHostName = tlsHostName;
        Host = host;
        _pty = pty;
        _tempDb = tempDb;
        _serial = serial;
        _address = address;
        Description = description;
    }

    /// <summary>The in-process host, when there is one.</summary>
    public AcquirerHostServer? Host { get; }

    /// <summary>Where the terminal is connected, in words.</summary>
    public string Description { get; }

    /// <summary>
    /// Starts the host (unless external); the terminal's end comes from <see cref="OpenTransport"/>. An in-process
    /// host answers with <paramref name="hostTime"/>'s date and time (the machine's when null), so a simulated
    /// terminal's clock, set from the host at sign-in, stays the one clock of the simulation.
    /// </summary>
    public static HostConnection Open(HostConnectionOptions options, TimeProvider? hostTime = null)
    {
        bool serial = options.Link == "serial";
        if (!serial && options.Link != "tcp")
        {
            throw new ArgumentException($"link must be tcp or serial, not '{options.Link}'");
        }

        if (serial && options.TlsCaFile != null)
        {
            throw new ArgumentException("TLS is for the tcp link, not serial");
        }

        X509Certificate2? authority = options.TlsCaFile != null ? LoadAuthority(options.TlsCaFile) : null;
        X509Certificate2? hostCertificate = authority != null && options.Address == null
            ? X509CertificateLoader.LoadPkcs12FromFile(options.TlsHostCertificateFile ?? throw new ArgumentException("an in-process host over TLS needs its certificate"), null)
            : null;

        AcquirerHostServer? host = null;
        PtyPair? pty = null;
        string? tempDb = null;
        string address;
        if (options.Address == null)
        {
            if (serial)
            {
                pty = new PtyPair();
            }

            tempDb = options.HostDatabase == null ? Path.Combine(Path.GetTempPath(), "terminal-host-" + Guid.NewGuid().ToString("N") + ".db") : null;
            host = new AcquirerHostServer(new AcquirerHostOptions
            {
                TcpPort = serial ? null : 0,
                TlsCertificate = hostCertificate,
                SerialDevice = pty?.HostEnd,
                DatabasePath = options.HostDatabase ?? tempDb!,
                Profile = "cup",
                Log = options.HostLog,
                Time = hostTime,
            });
            host.ProvisionTerminal(options.TerminalId, options.MerchantId, options.MasterKey);
            host.Start();
            address = serial ? pty!.TerminalEnd : "127.0.0.1:" + host.TcpPort;
        }
        else
        {
            address = options.Address;
        }

        string over = authority != null ? "tcp with TLS 1.2 (CA " + authority.Subject + ")" : options.Link;
        string where = (host != null ? "in-process AcquirerHost" : "host") + " over " + over + " at " + address;
        return new HostConnection(host, pty, tempDb, serial, address, where, authority, options.TlsHostName);
    }

    /// <summary>Whether the tcp link is TLS.</summary>
    public bool Tls => _authority != null;

    private static X509Certificate2 LoadAuthority(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"TLS CA certificate {path} not found (`terminal signin` or `acquirer --tcp 0 --tls` makes the set-up folder)", path);
        }

        return X509Certificate2.CreateFromPem(File.ReadAllText(path));
    }

    /// <summary>
    /// The terminal's end of the link: serial framing over the pty (or port), or TCP framing to HOST:PORT. A terminal
    /// rebooting opens a new one: the previous one is closed (the host, its database and the pty stay up).
    /// </summary>
    public IHostTransport OpenTransport()
    {
        _resource?.Dispose();
        if (_serial)
        {
            var port = new PcSerialPort(_address, 115200);
            port.Open();
            _resource = port;
            return new SerialHostTransport(port, FactoryDefaults.MaxMessage, FactoryDefaults.SerialAckTimeoutMs, FactoryDefaults.SerialInterByteTimeoutMs);
        }

        int colon = _address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(_address[(colon + 1)..], out int tcpPort) || tcpPort is < 1 or > 65535)
        {
            throw new ArgumentException($"host address must be HOST:PORT with a port from 1 to 65535, not '{_address}'");
        }

        INetworkStream stream = _authority != null ? new TlsNetworkStream(_authority, _tlsHostName) : new TcpNetworkStream();
        _resource = stream;
        return new TcpHostTransport(stream, _address[..colon], tcpPort, FactoryDefaults.MaxMessage, FactoryDefaults.TcpConnectTimeoutMs);
    }

    /// <summary>
    /// A bare session on a new transport, for the link tools that run one flow without the terminal (`terminal
    /// signin`): the CUP profile and the factory TPDU and header, as the composition root sets them.
    /// </summary>
    public HostSession OpenSession(IClock clock, IWireTraceSink? trace)
    {
        var session = new HostSession(CupProfile.Create(), OpenTransport(), new HostCrypto(), clock, trace, FactoryDefaults.MaxMessage);
        session.SetPreamble(FactoryDefaults.CupPreamble(), 0);
        return session;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _resource?.Dispose();
        if (Host != null)
        {
            await Host.DisposeAsync();
        }

        _pty?.Dispose();
        if (_tempDb != null)
        {
            foreach (var file in new[] { _tempDb, _tempDb + "-wal", _tempDb + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
