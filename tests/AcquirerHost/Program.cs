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
        var log = new Option<string?>("--log") { Description = "Append log lines (one per message; PANs masked, keys never logged) to this file instead of standard error." };

        var root = new RootCommand("Acquirer host simulator: the bank side of the terminal's ISO 8583 link, with SQLite state and scripted response rules.")
        {
            tcp, serial, db, profile, rules, terminal, log, updates, catalog,
        };
        root.SetAction(parse => Run(
            parse.GetValue(tcp), parse.GetValue(serial), parse.GetValue(db)!, parse.GetValue(profile)!,
            parse.GetValue(rules), parse.GetValue(terminal) ?? [], parse.GetValue(log), parse.GetValue(updates), parse.GetValue(catalog)));
        return root.Parse(args).Invoke();
    }

    private static int Run(int? tcp, string? serial, string db, string profile, string? rulesFile, string[] terminals, string? logFile, string? updatesFolder, string? catalogFile)
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
            var options = new AcquirerHostOptions
            {
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
                Console.WriteLine($"acquirer: tcp port {server.TcpPort}, profile {profile}, db {db}");
            }

            stopped.Wait();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException)
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
