using AcquirerHost;
using AcquirerHost.Links;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Terminal.Drivers.Simulated.Crypto;
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
    public string TerminalId { get; init; } = "12345678";

    /// <summary>Merchant ID.</summary>
    public string MerchantId { get; init; } = "898310048990001";

    /// <summary>Terminal master key (the public FACTS.md example key by default: a demo key, never a real one).</summary>
    public byte[] MasterKey { get; init; } = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");

    /// <summary>Database of the in-process host; a temporary file when null.</summary>
    public string? HostDatabase { get; init; }

    /// <summary>Where the in-process host writes its log (one line per message, PANs masked); null for nowhere.</summary>
    public Action<string>? HostLog { get; init; }
}

/// <summary>
/// The host side of a simulator run: an in-process AcquirerHost (over loopback TCP, or over a socat pty
/// pair for the serial link) or an external one, and the terminal's <see cref="HostSession"/> to it.
/// </summary>
public sealed class HostConnection : IAsyncDisposable
{
    /// <summary>The CUP TPDU and header the terminal sends (FACTS.md examples).</summary>
    public static readonly byte[] CupPreamble = Convert.FromHexString("6000030000" + "603100311003");

    private readonly string? _tempDb;
    private readonly PtyPair? _pty;
    private readonly IDisposable? _transportResource;

    private HostConnection(HostSession session, AcquirerHostServer? host, PtyPair? pty, IDisposable? resource, string? tempDb, string description)
    {
        Session = session;
        Host = host;
        _pty = pty;
        _transportResource = resource;
        _tempDb = tempDb;
        Description = description;
    }

    /// <summary>The terminal's session with the host.</summary>
    public HostSession Session { get; private set; }

    /// <summary>The in-process host, when there is one.</summary>
    public AcquirerHostServer? Host { get; }

    /// <summary>Where the terminal is connected, in words.</summary>
    public string Description { get; }

    /// <summary>Starts the host (unless external) and builds the terminal's session to it.</summary>
    public static HostConnection Open(HostConnectionOptions options, IClock clock, IWireTraceSink? trace)
    {
        bool serial = options.Link == "serial";
        if (!serial && options.Link != "tcp")
        {
            throw new ArgumentException($"link must be tcp or serial, not '{options.Link}'");
        }

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
                SerialDevice = pty?.HostEnd,
                DatabasePath = options.HostDatabase ?? tempDb!,
                Profile = "cup",
                Log = options.HostLog,
            });
            host.ProvisionTerminal(options.TerminalId, options.MerchantId, options.MasterKey);
            host.Start();
            address = serial ? pty!.TerminalEnd : "127.0.0.1:" + host.TcpPort;
        }
        else
        {
            address = options.Address;
        }

        var (session, resource) = Connect(serial, address, clock, trace);
        string where = (host != null ? "in-process AcquirerHost" : "host") + " over " + options.Link + " at " + address;
        return new HostConnection(session, host, pty, resource, tempDb, where) { _serial = serial, _address = address };
    }

    private bool _serial;
    private string _address = string.Empty;
    private IDisposable? _reconnected;

    /// <summary>
    /// A terminal rebooting: closes the terminal's end of the link and opens a fresh session to the same
    /// host (the host, its database and the pty stay up).
    /// </summary>
    public HostSession Reconnect(IClock clock, IWireTraceSink? trace)
    {
        (_reconnected ?? _transportResource)?.Dispose();
        var (session, resource) = Connect(_serial, _address, clock, trace);
        _reconnected = resource;
        Session = session;
        return session;
    }

    private static (HostSession Session, IDisposable Resource) Connect(bool serial, string address, IClock clock, IWireTraceSink? trace)
    {
        IHostTransport transport;
        IDisposable resource;
        if (serial)
        {
            var port = new PcSerialPort(address, 115200);
            port.Open();
            transport = new SerialHostTransport(port, 2048, ackTimeoutMs: 2000, interByteTimeoutMs: 500);
            resource = port;
        }
        else
        {
            int colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out int tcpPort))
            {
                throw new ArgumentException($"host address must be HOST:PORT, not '{address}'");
            }

            var stream = new TcpNetworkStream();
            transport = new TcpHostTransport(stream, address[..colon], tcpPort, 2048, connectTimeoutMs: 5000);
            resource = stream;
        }

        var session = new HostSession(CupProfile.Create(), transport, new HostCrypto(), clock, trace, 2048);
        session.SetPreamble(CupPreamble, 0);
        return (session, resource);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _reconnected?.Dispose();
        _transportResource?.Dispose();
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
