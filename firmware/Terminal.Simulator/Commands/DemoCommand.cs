using System.CommandLine;
using System.Globalization;
using AcquirerHost.Catalog;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Simulator.Board;
using Terminal.Simulator.Cli;
using Terminal.Simulator.Demo;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal demo`: a whole business day on the simulated terminal against AcquirerHost, over TCP or a
/// serial pty pair, with every receipt, report and key screen saved, and a reconciliation summary.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var link = new Option<string>("--link") { Description = "tcp (default) or serial (a socat pty pair to the in-process host).", DefaultValueFactory = _ => "tcp" };
        var plain = new Option<bool>("--plain") { Description = "Plain TCP instead of TLS 1.2 on the tcp link (the default pins the set-up's test CA, made on first run in HOME/tls)." };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for receipts, reports (.escpos, .txt, .png), display frames and wire.log.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulated board (key timing, card data).", DefaultValueFactory = _ => 1 };
        var provision = new Option<FileInfo?>("--provision") { Description = "Set the terminal up from a provisioning file ({\"terminalId\", \"merchantId\", \"tmk\"}) instead of keying it; the in-process host is given the same." };
        var keys = new Option<FileInfo?>("--keys") { Description = "The terminal's encrypted key-store file (AES-GCM under the device secret in the simulator's private folder, see --home); default HOME/demo-keys.bin, never in OUT." };
        var home = new Option<DirectoryInfo?>("--home") { Description = "The simulator's private folder for the device secret that opens key files (owner-only); default $TERMINAL_HOME, else $XDG_CONFIG_HOME/terminal or ~/.config/terminal." };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "The item catalog the in-process host serves at sign-in (JSON, see docs/languages-catalog-training.md); default a small café's." };
        var cmd = new Command("demo", "Run a scripted business day against the simulated acquirer host and reconcile it.") { link, plain, outDir, seed, provision, keys, catalog, home };
        cmd.SetAction(parse =>
        {
            string linkName = parse.GetValue(link)!;
            if (linkName is not ("tcp" or "serial"))
            {
                Console.Error.WriteLine($"terminal: --link is tcp or serial, not '{linkName}'");
                return 2;
            }

            ProvisioningFile? setUp = null;
            try
            {
                FileInfo? file = parse.GetValue(provision);
                setUp = file == null ? null : ProvisioningFile.Load(file.FullName);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"terminal: {e.Message}");
                return 2;
            }

            HostItemCatalog items;
            try
            {
                FileInfo? file = parse.GetValue(catalog);
                items = file == null ? DemoCatalog.Create() : HostItemCatalog.Load(file.FullName);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"terminal: catalog: {e.Message}");
                return 2;
            }

            if (items.Items.Count < 3)
            {
                Console.Error.WriteLine("terminal: catalog: items: the demo sells three different items, so it needs at least 3");
                return 2;
            }

            UserFiles.WritableFolder(parse.GetValue(outDir)!, "--out");
            FileKeyStore? keyStore = null;
            string secret;
            try
            {
                // The simulator keeps its keys as the device would keep them in protected storage: encrypted, and the
                // secret that opens them in a private folder, never beside the receipts a merchant shares.
                string folder = parse.GetValue(home)?.FullName ?? SimulatorHome.Default;
                secret = SimulatorHome.Secret(folder);
                FileInfo keyFile = parse.GetValue(keys) ?? new FileInfo(Path.Combine(folder, "demo-keys.bin"));
                keyStore = FileKeyStore.OpenWithSecretFile(keyFile.FullName, secret);
            }
            catch (Exception e) when (e is KeyStoreException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"terminal: key store: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"terminal: key store: {e.Message}");
                return 2;
            }

            try
            {
                return Run(linkName, linkName == "tcp" && !parse.GetValue(plain), parse.GetValue(outDir)!, parse.GetValue(seed), setUp, keyStore, secret, items);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Console.Error.WriteLine($"terminal: demo stopped: {e.Message}");
                return 1;
            }
            finally
            {
                keyStore?.Dispose();
            }
        });
        return cmd;
    }

    private static int Run(string link, bool tls, DirectoryInfo outDir, long seed, ProvisioningFile? setUp, FileKeyStore keys, string secret, HostItemCatalog items)
    {
        outDir.Create();
        // A fresh day: the previous run's documents, screens, index and trace go (and a key file an older version left here).
        foreach (var old in outDir.EnumerateFiles().Where(f => f.Extension is ".escpos" or ".txt" or ".png" || f.Name is "wire.log" or "INDEX.md" or "keys.bin" or "keys.bin.secret"))
        {
            old.Delete();
        }

        string wirePath = Path.Combine(outDir.FullName, "wire.log");
        using var wire = new WireLogFile(wirePath);
        var started = DateTime.UtcNow;
        AcquirerHost.Tls.HostTlsFolder? pki = null;
        if (tls)
        {
            pki = AcquirerHost.Tls.HostTlsFolder.Ensure(AcquirerHost.Tls.HostTlsFolder.DefaultPath, out bool created);
            if (created)
            {
                Console.WriteLine($"TLS set-up: a new test CA and host certificate in {pki.Path} (the terminal pins {pki.CaFile})");
            }
        }

        var rig = TerminalRig.Start(link, new SimulatedBoardOptions { Seed = seed }, wire, provisioning: setUp, keys: keys, tls: pki);
        rig.Host.Processor.Catalog = items;
        try
        {
            Console.WriteLine($"Business day on terminal {rig.Provisioning.TerminalId} (merchant {rig.Provisioning.MerchantId}), {rig.Description}");
            var summary = new DemoDay(rig, outDir.FullName, Console.Out, setUp != null).Run();
            Print(summary, outDir.FullName, wirePath, keys.Path, secret, DateTime.UtcNow - started);
            return summary.Reconciled ? 0 : 1;
        }
        finally
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Print(DemoSummary summary, string outDir, string wirePath, string keyFile, string secret, TimeSpan took)
    {
        var counts = new SortedDictionary<string, int>(summary.Counts, StringComparer.Ordinal);
        int Take(string key)
        {
            int n = counts.GetValueOrDefault(key);
            counts.Remove(key);
            return n;
        }

        var channels = counts.Keys.Where(k => k.StartsWith("sale approved (", StringComparison.Ordinal)).ToList();
        int kept = channels.Sum(k => counts[k]);
        string byChannel = string.Join(", ", channels.Select(k => k["sale approved (".Length..^1] + " " + counts[k]));
        channels.ForEach(k => counts.Remove(k));
        int voided = Take("sale voided");
        int voids = Take("void approved");
        int refunds = Take("refund approved");
        int declined = Take("sale declined");
        int reversed = Take("sale reversed");

        Console.WriteLine();
        Console.WriteLine("Summary");
        Console.WriteLine("  transactions of the settled batches:");
        Console.WriteLine($"    {kept,3} {Plural(kept, "sale")} kept ({byChannel})");
        Console.WriteLine($"    {voided,3} {Plural(voided, "sale")} voided by the manager: {voids} {Plural(voids, "void")} cancelled {(voids == 1 ? "it" : "them")}, so neither counts in the totals");
        Console.WriteLine($"    {refunds,3} {Plural(refunds, "refund")}");
        Console.WriteLine($"    {declined,3} {Plural(declined, "sale")} declined by the host (nothing charged)");
        Console.WriteLine($"    {reversed,3} {Plural(reversed, "sale")} reversed: the host did not answer in time, or the chip card refused what the host approved, so the terminal cancelled {(reversed == 1 ? "it" : "them")} (nothing charged)");
        foreach (var (kind, count) in counts)
        {
            Console.WriteLine($"    {count,3} {kind}");
        }

        Console.WriteLine("  settlements (totals on the terminal and on the host at the end):");
        foreach (var (batch, terminal, host, how) in summary.Batches)
        {
            bool same = terminal.DebitCount == host.DebitCount && terminal.DebitAmount == host.DebitAmount && terminal.CreditCount == host.CreditCount && terminal.CreditAmount == host.CreditAmount;
            Console.WriteLine($"    batch {batch:D6}: {DemoDay.DebitsAndCredits(terminal)} on the terminal, "
                + (same ? "the same on the host" : "host " + Totals(host.DebitCount, host.DebitAmount, host.CreditCount, host.CreditAmount)));
            foreach (string line in Wrap(how, 96))
            {
                Console.WriteLine("                  " + line);
            }
        }

        Console.WriteLine(summary.Reconciled
            ? "  reconciled: every settled batch ends with the same totals on the terminal and on the host"
            : "  NOT RECONCILED: the terminal's and the host's totals differ");
        if (summary.Training.Length > 0)
        {
            Console.WriteLine("  training mode: " + summary.Training);
        }

        Console.WriteLine($"  {outDir}: {summary.Documents} receipts and reports, {summary.Frames} screens; INDEX.md says which file is which");
        Console.WriteLine($"  wire trace: {wirePath} (how to read it: its first lines)");
        Console.WriteLine($"  the terminal's keys: {keyFile} (encrypted; its secret {secret} is owner-only, outside {outDir})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  took {took.TotalSeconds:F1} s"));
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";

    private static IEnumerable<string> Wrap(string text, int width)
    {
        string line = string.Empty;
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    // The host keeps debits and credits only: it does not split them by kind.
    private static string Totals(int debits, long debitAmount, int credits, long creditAmount) =>
        $"{debits} {Plural(debits, "debit")} {Money.Format(debitAmount)}, {credits} {Plural(credits, "credit")} {Money.Format(creditAmount)}";
}
