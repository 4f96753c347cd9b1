using System.Net;
using AcquirerHost.Links;
using AcquirerHost.Processing;
using AcquirerHost.Rules;
using AcquirerHost.Security;
using AcquirerHost.Store;
using AcquirerHost.Updates;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost;

/// <summary>How to run a host: where to listen, which database, profile and rules.</summary>
public sealed class AcquirerHostOptions
{
    /// <summary>TCP port to listen on (0 picks a free one); null for no TCP.</summary>
    public int? TcpPort { get; set; }

    /// <summary>The host's TLS certificate with its private key: TCP connections are TLS 1.2 when set, plain when null.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TlsCertificate { get; set; }

    /// <summary>Address to listen on (loopback unless told otherwise).</summary>
    public IPAddress TcpAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Serial device (e.g. a pty made by socat); null for none.</summary>
    public string? SerialDevice { get; set; }

    /// <summary>Serial speed (ignored by a pty).</summary>
    public int SerialBaud { get; set; } = 115200;

    /// <summary>SQLite database file, created on first run.</summary>
    public string DatabasePath { get; set; } = "acquirer.db";

    /// <summary>Message profile: "cup" or "ascii87".</summary>
    public string Profile { get; set; } = "cup";

    /// <summary>Response rules (shared, changeable while running).</summary>
    public RuleBook Rules { get; set; } = new();

    /// <summary>The item catalog served to terminals (F60.3 380); null for none (set later through <see cref="MessageProcessor.Catalog"/>).</summary>
    public Catalog.HostItemCatalog? Catalog { get; set; }

    /// <summary>Folder of signed firmware images (*.img) to offer for update; null for none (publish through <see cref="AcquirerHostServer.Updates"/>).</summary>
    public string? UpdatesFolder { get; set; }

    /// <summary>Where log lines go (one line per message; PANs masked, keys never written); null for none.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>
    /// The host's clock: the date and time it answers with (F12/F13, which set the terminal's clock at sign-in) and
    /// stamps rows with. The machine's clock when null; a simulation gives the terminal's virtual clock.
    /// </summary>
    public TimeProvider? Time { get; set; }
}

/// <summary>
/// The acquirer host simulator, hostable in-process by the terminal simulator and tests: start it (port 0 for
/// a free port), read <see cref="TcpPort"/>, drive it with <see cref="Rules"/>, inspect <see cref="Store"/>, stop it.
/// </summary>
public sealed class AcquirerHostServer : IAsyncDisposable
{
    private readonly AcquirerHostOptions _options;
    private readonly Action<string> _log;
    private TcpLink? _tcp;
    private SerialLink? _serial;
    private bool _stopped;

    /// <summary>Opens the database (creating or migrating it); nothing listens until <see cref="Start"/>.</summary>
    public AcquirerHostServer(AcquirerHostOptions options)
    {
        _options = options;
        _log = options.Log ?? (_ => { });
        Profile = ProfileByName(options.Profile);
        Store = new AcquirerStore(options.DatabasePath, options.Time);
        Updates = new UpdateCatalog();
        if (options.UpdatesFolder != null)
        {
            Updates.PublishFolder(options.UpdatesFolder);
        }

        Processor = new MessageProcessor(Profile, Store, options.Rules, _log, options.Time, Updates) { Catalog = options.Catalog };
    }

    /// <summary>The message profile in use.</summary>
    public Iso8583Profile Profile { get; }

    /// <summary>The durable state.</summary>
    public AcquirerStore Store { get; }

    /// <summary>The response rules (change them while running).</summary>
    public RuleBook Rules => _options.Rules;

    /// <summary>The firmware images offered to terminals: <c>host.Updates.Publish(image)</c>.</summary>
    public UpdateCatalog Updates { get; }

    /// <summary>The request handler behind both links.</summary>
    public MessageProcessor Processor { get; }

    /// <summary>The TCP port listened on; 0 when TCP is off.</summary>
    public int TcpPort => _tcp?.Port ?? 0;

    /// <summary>The profile called <paramref name="name"/> (cup, ascii87).</summary>
    public static Iso8583Profile ProfileByName(string name) => name switch
    {
        "cup" => CupProfile.Create(),
        "ascii87" => Ascii87Profile.Create(),
        _ => throw new ArgumentException($"unknown profile '{name}' (cup or ascii87)", nameof(name)),
    };

    /// <summary>Adds a terminal (or replaces its MID and TMK): TID 8 characters, MID 15, TMK 8 or 16 bytes.</summary>
    public void ProvisionTerminal(string tid, string mid, byte[] tmk)
    {
        if (tid.Length != 8 || mid.Length != 15)
        {
            throw new ArgumentException("a TID is 8 characters and a MID 15");
        }

        if (!WorkingKeys.IsUsableKey(tmk))
        {
            throw new ArgumentException("a TMK is 8 or 16 bytes, not a weak DES key, and a 16-byte one has two different halves");
        }

        Store.ProvisionTerminal(tid, mid, tmk);
        _log($"terminal {tid} (merchant {mid}) provisioned");
    }

    /// <summary>
    /// Serves new TLS connections with <paramref name="certificate"/> from now on (the host must have been started
    /// with TLS); connections already open keep theirs.
    /// </summary>
    public void ServeCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        if (_tcp is not { Tls: true })
        {
            throw new InvalidOperationException("this host does not serve TLS");
        }

        _tcp.Certificate = certificate;
    }

    /// <summary>Starts the TCP listener and the serial link, as configured.</summary>
    public void Start()
    {
        if (_options.TcpPort is int port)
        {
            _tcp = new TcpLink(_options.TcpAddress, port, Processor, _log, _options.TlsCertificate);
            _tcp.Start();
            _log($"tcp: listening on {_options.TcpAddress}:{_tcp.Port} ({Profile.Name}{(_tcp.Tls ? ", TLS 1.2 as " + _options.TlsCertificate!.Subject : string.Empty)})");
        }

        if (_options.SerialDevice is string device)
        {
            _serial = new SerialLink(device, _options.SerialBaud, Processor, _log);
            _serial.Start();
        }
    }

    /// <summary>Stops listening, lets requests in progress finish (their writes are committed), then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (_tcp != null)
        {
            await _tcp.DisposeAsync().ConfigureAwait(false);
        }

        _serial?.Dispose();
        Store.Dispose();
        _log("host stopped");
    }
}
