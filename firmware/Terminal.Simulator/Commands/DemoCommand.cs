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
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for receipts, reports (.escpos, .txt, .png), display frames and wire.log.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulated board (key timing, card data).", DefaultValueFactory = _ => 1 };
        var provision = new Option<FileInfo?>("--provision") { Description = "Set the terminal up from a provisioning file ({\"terminalId\", \"merchantId\", \"tmk\"}) instead of keying it; the in-process host is given the same." };
        var keys = new Option<FileInfo?>("--keys") { Description = "The terminal's encrypted key-store file (AES-GCM under a device secret kept in FILE.secret, created when missing); default OUT/keys.bin." };
        var catalog = new Option<FileInfo?>("--catalog") { Description = "The item catalog the in-process host serves at sign-in (JSON, see docs/catalog.md); default a small café's." };
        var cmd = new Command("demo", "Run a scripted business day against the simulated acquirer host and reconcile it.") { link, outDir, seed, provision, keys, catalog };
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
            try
            {
                // The simulator keeps its keys as the device would keep them in protected storage: encrypted.
                DirectoryInfo outFolder = parse.GetValue(outDir)!;
                outFolder.Create();
                FileInfo keyFile = parse.GetValue(keys) ?? new FileInfo(Path.Combine(outFolder.FullName, "keys.bin"));
                keyStore = FileKeyStore.OpenWithSecretFile(keyFile.FullName, keyFile.FullName + ".secret");
            }
            catch (Exception e) when (e is KeyStoreException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"terminal: key store: {e.Message}");
                return 2;
            }

            try
            {
                return Run(linkName, parse.GetValue(outDir)!, parse.GetValue(seed), setUp, keyStore, items);
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

    private static int Run(string link, DirectoryInfo outDir, long seed, ProvisioningFile? setUp, FileKeyStore? keys, HostItemCatalog items)
    {
        outDir.Create();
        foreach (var old in outDir.EnumerateFiles().Where(f => f.Extension is ".escpos" or ".txt" or ".png" || f.Name == "wire.log"))
        {
            old.Delete();
        }

        string wirePath = Path.Combine(outDir.FullName, "wire.log");
        using var wire = new WireLogFile(wirePath);
        var started = DateTime.UtcNow;
        var rig = TerminalRig.Start(link, new SimulatedBoardOptions { Seed = seed }, wire, provisioning: setUp, keys: keys);
        rig.Host.Processor.Catalog = items;
        try
        {
            Console.WriteLine($"Business day on terminal {rig.Provisioning.TerminalId} (merchant {rig.Provisioning.MerchantId}), {rig.Description}");
            var summary = new DemoDay(rig, outDir.FullName, Console.Out, setUp != null).Run();
            Print(summary, outDir.FullName, wirePath, DateTime.UtcNow - started);
            return summary.Reconciled ? 0 : 1;
        }
        finally
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void Print(DemoSummary summary, string outDir, string wirePath, TimeSpan took)
    {
        Console.WriteLine();
        Console.WriteLine("Summary");
        Console.WriteLine("  transactions by kind:");
        foreach (var (kind, count) in summary.Counts)
        {
            Console.WriteLine($"    {kind,-36} {count,3}");
        }

        Console.WriteLine("  settled batches (terminal | host):");
        foreach (var (batch, terminal, host, how) in summary.Batches)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    batch {batch:D6}: terminal {terminal.DebitCount} sales {Money.Format(terminal.DebitAmount)}, {terminal.CreditCount} refunds {Money.Format(terminal.CreditAmount)}"
                + $" | host {host.DebitCount} sales {Money.Format(host.DebitAmount)}, {host.CreditCount} refunds {Money.Format(host.CreditAmount)} ({how})"));
        }

        Console.WriteLine(summary.Reconciled
            ? "  reconciled: the terminal's and the host's totals agree for every batch"
            : "  NOT RECONCILED: the terminal's and the host's totals differ");
        if (summary.Training.Length > 0)
        {
            Console.WriteLine("  training mode: " + summary.Training);
        }

        Console.WriteLine($"  {summary.Documents} receipts and reports, display frames: {outDir}");
        Console.WriteLine($"  wire trace: {wirePath}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  took {took.TotalSeconds:F1} s"));
    }
}
