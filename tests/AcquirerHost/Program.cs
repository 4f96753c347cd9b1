using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using AcquirerHost.Rules;

namespace AcquirerHost;

/// <summary>Entry point of the acquirer host simulator.</summary>
public static class Program
{
    /// <summary>Parses the command line, runs the host until Ctrl-C or SIGTERM; returns the exit code.</summary>
    public static int Main(string[] args)
    {
        var tcp = new Option<int?>("--tcp") { Description = "Listen on this TCP port (2-byte big-endian length framing); 0 picks a free port." };
        var serial = new Option<string?>("--serial") { Description = "Serve one terminal on this serial device or pty (STX/length/ETX/LRC framing with ACK/NAK)." };
        var db = new Option<string>("--db") { Description = "SQLite database file; created on first run, kept across restarts.", DefaultValueFactory = _ => "acquirer.db" };
        var profile = new Option<string>("--profile") { Description = "Message profile: cup (TPDU + header, BCD) or ascii87 (text ISO 8583:1987).", DefaultValueFactory = _ => "cup" };
        profile.AcceptOnlyFromAmong("cup", "ascii87");
        var rules = new Option<string?>("--rules") { Description = "JSON response rules file (see docs/host-link.md)." };
        var terminal = new Option<string[]>("--terminal") { Description = "Provision a terminal as TID:MID:TMKHEX (TID 8 chars, MID 15, TMK 16 or 32 hex digits); repeatable.", AllowMultipleArgumentsPerToken = false };
        var updates = new Option<string?>("--updates") { Description = "Folder of signed firmware images (*.img, made by `terminal update sign`) offered to terminals for update." };
        var catalog = new Option<string?>("--catalog") { Description = "JSON item catalog served to terminals at sign-in (0800, 60.3 = 380; see docs/languages-catalog-training.md)." };
        var tls = new Option<bool>("--tls") { Description = "TCP over TLS 1.2 with the host certificate of --tls-dir (created there, with its CA, on first use)." };
        var tlsDir = new Option<string>("--tls-dir") { Description = "Folder of the link's test PKI: ca.crt (the CA terminals pin) and host.pfx (this host's certificate and key). Default: tls in $TERMINAL_HOME, else in $XDG_CONFIG_HOME/terminal or ~/.config/terminal.", DefaultValueFactory = _ => Tls.HostTlsFolder.DefaultPath };
        var log = new Option<string?>("--log") { Description = "Append log lines (one per message; PANs masked, keys never logged) to this file instead of standard error." };

        var root = new RootCommand("Acquirer host simulator: the bank side of the terminal's ISO 8583 link, with SQLite state and scripted response rules.")
        {
            tcp, serial, db, profile, rules, terminal, log, updates, catalog, tls, tlsDir,
        };
        root.SetAction(parse => Run(
            parse.GetValue(tcp), parse.GetValue(serial), parse.GetValue(db)!, parse.GetValue(profile)!,
            parse.GetValue(rules), parse.GetValue(terminal) ?? [], parse.GetValue(log), parse.GetValue(updates), parse.GetValue(catalog),
            parse.GetValue(tls) ? parse.GetValue(tlsDir) : null));
        return root.Parse(args).Invoke();
    }

    private static int Run(int? tcp, string? serial, string db, string profile, string? rulesFile, string[] terminals, string? logFile, string? updatesFolder, string? catalogFile, string? tlsFolder)
    {
        Catalog.HostItemCatalog? items = null;
        if (catalogFile != null)
        {
            try
            {
                items = Catalog.HostItemCatalog.Load(catalogFile);
            }
            catch (Exception e) when (e is ArgumentException or IOException)
            {
                Console.Error.WriteLine($"acquirer: catalog {catalogFile}: {e.Message}");
                return 2;
            }
        }

        if (tcp == null && serial == null)
        {
            Console.Error.WriteLine("acquirer: give --tcp PORT and/or --serial DEVICE");
            return 2;
        }

        if (tlsFolder != null && tcp == null)
        {
            Console.Error.WriteLine("acquirer: --tls needs --tcp PORT");
            return 2;
        }

        StreamWriter? file = logFile != null ? new StreamWriter(logFile, append: true) { AutoFlush = true } : null;
        var gate = new Lock();
        void Log(string line)
        {
            string stamped = DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + line;
            lock (gate)
            {
                (file ?? Console.Error).WriteLine(stamped);
            }
        }

        try
        {
            System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
            if (tlsFolder != null)
            {
                var pki = Tls.HostTlsFolder.Ensure(tlsFolder, out bool created);
                certificate = pki.LoadHostCertificate();
                Log($"tls: {(created ? "created a new test CA and host certificate" : "host certificate")} in {pki.Path}; terminals pin {pki.CaFile}");
            }

            var options = new AcquirerHostOptions
            {
                TlsCertificate = certificate,
                TcpPort = tcp,
                SerialDevice = serial,
                DatabasePath = db,
                Profile = profile,
                Rules = rulesFile != null ? RuleBook.Load(rulesFile) : new RuleBook(),
                Log = Log,
                UpdatesFolder = updatesFolder,
                Catalog = items,
            };
            var server = new AcquirerHostServer(options);
            foreach (string spec in terminals)
            {
                string[] parts = spec.Split(':');
                if (parts.Length != 3)
                {
                    Console.Error.WriteLine($"acquirer: --terminal wants TID:MID:TMKHEX, got '{spec}'");
                    return 2;
                }

                server.ProvisionTerminal(parts[0], parts[1], Convert.FromHexString(parts[2]));
            }

            using var stopped = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stopped.Set();
            };
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stopped.Set();
            });
            server.Start();
            if (tcp != null)
            {
                // Standard output carries only this line (logs go to stderr), so a script can start with --tcp 0 and read the port.
                Console.WriteLine($"acquirer: tcp port {server.TcpPort}, profile {profile}, db {db}{(tlsFolder != null ? ", tls" : string.Empty)}");
            }

            stopped.Wait();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException or System.Security.Cryptography.CryptographicException)
        {
            Console.Error.WriteLine("acquirer: " + e.Message);
            return 1;
        }
        finally
        {
            file?.Dispose();
        }
    }
}
