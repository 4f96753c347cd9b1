using System.CommandLine;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Runtime;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Cli;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal signin`: the terminal signs in to its acquirer host (0800: working keys checked and loaded,
/// clock and batch set) and runs an echo test (0820), over TCP or serial, tracing the wire to wire.log.
/// </summary>
internal static class SignInCommand
{
    public static Command Create()
    {
        var link = new Option<string>("--link") { Description = "tcp or serial (serial runs over a socat pty pair to the in-process host).", DefaultValueFactory = _ => "tcp" };
        var host = new Option<string?>("--host") { Description = "External host: HOST:PORT for tcp, a device path for serial. Default: AcquirerHost in-process." };
        var plain = new Option<bool>("--plain") { Description = "Plain TCP instead of TLS 1.2 (for a serial-to-IP bridge or a host without TLS)." };
        var ca = new Option<FileInfo?>("--ca") { Description = "The CA certificate (PEM) to pin for TLS. Default: the set-up's HOME/tls/ca.crt, made on first run with the in-process host's certificate." };
        var tlsName = new Option<string?>("--tls-name") { Description = "The name the host's certificate must carry. Default: the host part of --host (127.0.0.1 in-process)." };
        var tid = new Option<string>("--tid") { Description = "Terminal ID (8 characters).", DefaultValueFactory = _ => "12345678" };
        var mid = new Option<string>("--mid") { Description = "Merchant ID (15 characters).", DefaultValueFactory = _ => "898310048990001" };
        var tmk = new Option<string>("--tmk") { Description = "Terminal master key as hex (16 or 32 digits). Default: the public demo key (docs/iso8583.md).", DefaultValueFactory = _ => "70F2A84CCBC2AE8625CBB0F2C22AB923" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for this run's wire.log (default out/signin, so the demo's trace in out/ is left alone).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "signin")) };
        var cmd = new Command("signin", "Sign in to the acquirer host and run an echo test; the wire trace goes to OUT/wire.log (default out/signin/wire.log).") { link, host, plain, ca, tlsName, tid, mid, tmk, outDir };
        cmd.SetAction(parse =>
        {
            string tmkHex = parse.GetValue(tmk)!;
            if (tmkHex.Length is not (16 or 32) || !tmkHex.All(char.IsAsciiHexDigit))
            {
                // The key itself is never echoed back.
                throw new UsageException("--tmk", $"must be 16 or 32 hex digits, got {tmkHex.Length} characters");
            }

            string tidText = parse.GetValue(tid)!;
            string midText = parse.GetValue(mid)!;
            if (tidText.Length != 8 || midText.Length != 15)
            {
                throw tidText.Length != 8
                    ? new UsageException($"--tid {tidText}", "a terminal ID is 8 characters")
                    : new UsageException($"--mid {midText}", "a merchant ID is 15 characters");
            }

            UserFiles.WritableFolder(parse.GetValue(outDir)!, "--out");
            byte[] key = Convert.FromHexString(tmkHex);
            try
            {
                var identity = new TerminalIdentity(tidText, midText);
                var options = new HostConnectionOptions { Link = parse.GetValue(link)!, Address = parse.GetValue(host), TerminalId = identity.TerminalId, MerchantId = identity.MerchantId, MasterKey = key };
                if (options.Link == "tcp" && !parse.GetValue(plain))
                {
                    FileInfo? pinned = parse.GetValue(ca);
                    if (pinned != null && !pinned.Exists)
                    {
                        throw new UsageException($"--ca {pinned}", "no such file");
                    }

                    var pki = AcquirerHost.Tls.HostTlsFolder.Ensure(AcquirerHost.Tls.HostTlsFolder.DefaultPath, out _);
                    options = options.WithTls(pki, parse.GetValue(tlsName));
                    if (pinned != null)
                    {
                        options = new HostConnectionOptions
                        {
                            Link = options.Link, Address = options.Address, TerminalId = options.TerminalId, MerchantId = options.MerchantId, MasterKey = options.MasterKey,
                            TlsCaFile = pinned.FullName, TlsHostCertificateFile = options.TlsHostCertificateFile, TlsHostName = options.TlsHostName,
                        };
                    }
                }

                return Run(options, identity, key, parse.GetValue(outDir)!);
            }
            catch (ArgumentException e)
            {
                // TerminalIdentity and the link options name the parameter; the user knows the option.
                Console.Error.WriteLine($"terminal: {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}");
                return 2;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                Console.Error.WriteLine($"terminal: {e.Message}");
                return 2;
            }
        });
        return cmd;
    }

    private static int Run(HostConnectionOptions options, TerminalIdentity identity, byte[] tmk, DirectoryInfo outDir)
    {
        outDir.Create();
        string wirePath = Path.Combine(outDir.FullName, "wire.log");
        using var wire = new WireLogFile(wirePath);
        using var clock = new SystemClock();
        var connection = HostConnection.Open(options);
        try
        {
            HostSession session = connection.OpenSession(clock, wire);
            var keys = new MemoryKeyStore();
            keys.Store(KeySlot.Tmk, tmk, 0, tmk.Length);
            var loop = new EventLoop(clock, 16, 8, 4);
            loop.AddPolled(session);
            var run = new SignInRun(loop, session, keys, identity, clock);
            Console.WriteLine($"terminal {identity.TerminalId}: {connection.Description}");
            run.Start();
            loop.Run();
            Console.WriteLine($"wire trace: {wirePath}");
            return run.Succeeded ? 0 : 1;
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Sign-in, then echo, then stop the loop; a watchdog timer ends a run that hangs.</summary>
    private sealed class SignInRun(EventLoop loop, HostSession session, MemoryKeyStore keys, TerminalIdentity identity, IClock clock)
        : ISignInObserver, IEchoObserver, ITimerHandler
    {
        private readonly SignInFlow _signIn = new(session, keys, new HostCrypto(), clock, identity) { TimeoutMs = 10_000 };
        private readonly EchoFlow _echo = new(session, identity, clock);

        public bool Succeeded { get; private set; }

        public void Start()
        {
            loop.Timers.Start(this, clock.NowMs + 60_000, 0);
            _signIn.Start(this);
        }

        public void OnSignInDone(bool success, string message)
        {
            Console.WriteLine((success ? "sign-in: " : "sign-in FAILED: ") + message);
            if (!success)
            {
                loop.Stop();
                return;
            }

            Console.WriteLine($"clock: {clock.WallTime:yyyy-MM-dd HH:mm:ss}, batch {identity.Batch:D6}, PIK and MAK loaded (check values verified)");
            _echo.Start(this, 10_000);
        }

        public void OnEchoDone(bool success, int roundTripMs, string message)
        {
            Console.WriteLine((success ? "echo: " : "echo FAILED: ") + message);
            Succeeded = success;
            loop.Stop();
        }

        public void OnTimer(int timerId, long nowMs)
        {
            Console.WriteLine("sign-in FAILED: no outcome within 60 s");
            loop.Stop();
        }
    }
}
