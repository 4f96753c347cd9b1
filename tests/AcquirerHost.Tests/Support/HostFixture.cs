using AcquirerHost.Rules;
using AcquirerHost.Tls;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Tests.Support;

/// <summary>A host on a fresh database in a temp folder, listening on a free loopback port, with one terminal provisioned.</summary>
public sealed class HostFixture : IAsyncDisposable
{
    /// <summary>Terminal id of the provisioned terminal.</summary>
    public const string Tid = "12345678";

    /// <summary>Merchant id of the provisioned terminal.</summary>
    public const string Mid = "123456789012345";

    /// <summary>Its double-length TMK (the public worked example's).</summary>
    public static readonly byte[] Tmk = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");

    private readonly List<string> _log = [];

    private static readonly Lazy<TestPki> Pki = new(() => TestPki.Create(System.IO.Directory.CreateTempSubdirectory("acquirer-tls-").FullName));

    /// <summary>
    /// Starts a host with <paramref name="profile"/> on <paramref name="databasePath"/> (a new temp file by default);
    /// with <paramref name="tls"/> its TCP link is TLS 1.2 with this test run's CA (<see cref="TestPki"/>).
    /// </summary>
    public HostFixture(string profile = "cup", string? databasePath = null, string? serialDevice = null, bool tcp = true, bool tls = false)
    {
        Tls = tls;
        Directory = databasePath == null ? System.IO.Directory.CreateTempSubdirectory("acquirer-").FullName : Path.GetDirectoryName(databasePath)!;
        DatabasePath = databasePath ?? Path.Combine(Directory, "host.db");
        ProfileName = profile;
        Server = new AcquirerHostServer(new AcquirerHostOptions
        {
            TcpPort = tcp ? 0 : null,
            SerialDevice = serialDevice,
            DatabasePath = DatabasePath,
            Profile = profile,
            Rules = Rules,
            TlsCertificate = tls ? Pki.Value.Good.LoadHostCertificate() : null,
            Log = line =>
            {
                lock (_log)
                {
                    _log.Add(line);
                }
            },
        });
        Server.ProvisionTerminal(Tid, Mid, Tmk);
        Server.Start();
    }

    /// <summary>Whether the TCP link is TLS.</summary>
    public bool Tls { get; }

    /// <summary>This test run's PKI: the CA, and the host set-ups it and another CA issued.</summary>
    public static TestPki TestPki => Pki.Value;

    /// <summary>The folder holding the database.</summary>
    public string Directory { get; }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The profile name.</summary>
    public string ProfileName { get; }

    /// <summary>The response rules.</summary>
    public RuleBook Rules { get; } = new();

    /// <summary>The running host.</summary>
    public AcquirerHostServer Server { get; }

    /// <summary>The host's log lines so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>A terminal connected over loopback TCP (TLS when the host serves it, the test CA pinned).</summary>
    public TestTerminal Connect() =>
        new(new TcpTransport(Server.TcpPort, Tls ? Pki.Value.Good.LoadAuthority() : null), AcquirerHostServer.ProfileByName(ProfileName), Tid, Mid, Tmk);

    /// <summary>Stops the host (the database file stays).</summary>
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
