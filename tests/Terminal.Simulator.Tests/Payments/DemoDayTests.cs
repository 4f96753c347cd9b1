using System.Text;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Simulator.Board;
using Terminal.Simulator.Demo;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The demo business day: it reconciles, writes every document, and leaks no card number anywhere.</summary>
public sealed class DemoDayTests
{
    private sealed class LinesSink : Terminal.Core.Messages.WireTrace.IWireTraceSink
    {
        public StringBuilder Text { get; } = new();

        public void WriteLine(string line)
        {
            lock (Text)
            {
                Text.AppendLine(line);
            }
        }
    }

    [Fact]
    public void The_demo_counts_a_batchs_debits_as_sales_kept_and_completions()
    {
        // Three sales, one voided, and two completions: four debits, of which two are sales.
        var totals = new Terminal.Core.Payments.BatchTotals();
        void Add(int kind, long fen, bool voided = false) => totals.Add(new Terminal.Core.Payments.TxnEntry { Kind = kind, State = Terminal.Core.Payments.TxnState.Approved, Amount = fen, Voided = voided });
        Add(Terminal.Core.Payments.TxnKind.Sale, 10_000);
        Add(Terminal.Core.Payments.TxnKind.Sale, 10_000);
        Add(Terminal.Core.Payments.TxnKind.Sale, 5_000, voided: true);
        Add(Terminal.Core.Payments.TxnKind.Void, 5_000);
        Add(Terminal.Core.Payments.TxnKind.Completion, 15_000);
        Add(Terminal.Core.Payments.TxnKind.CompletionAdvice, 5_000);
        Add(Terminal.Core.Payments.TxnKind.Refund, 2_800);

        Assert.Equal("4 debits 400.00 (sales 2, completions 2), 1 credit 28.00 (refunds)", DemoDay.DebitsAndCredits(totals));
    }

    [Fact]
    public async Task A_whole_day_reconciles_and_no_output_holds_a_full_card_number()
    {
        string dir = Path.Combine(Path.GetTempPath(), "demo-" + Guid.NewGuid().ToString("N"));
        var wire = new LinesSink();
        var hostLog = new StringBuilder();
        var progress = new StringWriter();
        await using var rig = TerminalRig.Start("tcp", new SimulatedBoardOptions { KeepTraceText = true }, wire, hostLog: line => { lock (hostLog) { hostLog.AppendLine(line); } });
        try
        {
            DemoSummary summary = new DemoDay(rig, dir, progress).Run();

            Assert.True(summary.Reconciled, progress.ToString());
            Assert.Equal(2, summary.Batches.Count);
            Assert.Equal("balanced at the first try", summary.Batches[0].How);
            Assert.Contains("uploaded its 5 transactions and the host then agreed: balanced after the batch upload", summary.Batches[1].How, StringComparison.Ordinal);
            Assert.Equal(1, summary.Counts["sale declined"]);
            // The host that did not answer, and the chip card that declined after the host approved.
            Assert.Equal(2, summary.Counts["sale reversed"]);
            Assert.Equal(2, summary.Counts["sale voided"]);
            Assert.Equal(2, summary.Counts["void approved"]);
            Assert.Equal(1, summary.Counts["refund approved"]);
            foreach (string channel in new[] { "Card", "WeChat Pay", "Alipay", "UnionPay QR" })
            {
                Assert.True(summary.Counts.ContainsKey($"sale approved ({channel})"), channel);
            }

            // The chip sales: an inserted sale with its TC uploaded, a script result notified, a fallback swipe.
            Assert.Contains("by insert unionpay-debit", progress.ToString(), StringComparison.Ordinal);
            Assert.True(rig.Host.Store.ChipAdviceCount(TerminalRig.TerminalId, "tc") >= 2, hostLog.ToString());
            Assert.Equal(1, rig.Host.Store.ChipAdviceCount(TerminalRig.TerminalId, "script-result"));
            Assert.Contains("as a fallback", progress.ToString(), StringComparison.Ordinal);
            Assert.Contains(hostLog.ToString().Split('\n'), l => l.Contains("0400", StringComparison.Ordinal) && l.Contains("reason 06", StringComparison.Ordinal));

            string[] files = Directory.GetFiles(dir).Select(Path.GetFileName).ToArray()!;
            foreach (string name in new[] { "sale-swipe-unionpay-receipt-merchant", "sale-swipe-unionpay-receipt-customer", "void-receipt", "refund-receipt", "detail-report", "totals-x-report", "settlement-balanced-z-report", "settlement-unbalanced-z-report", "item-sale-swipe-receipt-merchant", "item-sale-swipe-receipt-customer", "item-void-receipt", "sales-analysis-report", "sales-analysis-settled-report" })
            {
                foreach (string ext in new[] { ".escpos", ".txt", ".png" })
                {
                    Assert.Contains(files, f => f.EndsWith(name + ext, StringComparison.Ordinal));
                }
            }

            Assert.Contains(files, f => f.StartsWith("frame-", StringComparison.Ordinal) && f.EndsWith("-declined.png", StringComparison.Ordinal));
            Assert.Contains(files, f => f.StartsWith("frame-", StringComparison.Ordinal) && f.EndsWith("-item-sale-swipe-items.png", StringComparison.Ordinal));

            // Item sales: the catalog came from the host at sign-in; the receipt lists the items; the analysis ranks them.
            Assert.Contains("Catalog v1 loaded: 8 items", progress.ToString(), StringComparison.Ordinal);
            string itemReceipt = File.ReadAllText(Directory.GetFiles(dir, "*item-sale-swipe-receipt-merchant.txt").Single());
            Assert.Contains("Green tea", itemReceipt, StringComparison.Ordinal);
            Assert.Contains("3 x 3.50", itemReceipt, StringComparison.Ordinal);
            string analysis = File.ReadAllText(Directory.GetFiles(dir, "*-sales-analysis-report.txt").Single());
            Assert.Contains("TOP ITEMS BY QUANTITY", analysis, StringComparison.Ordinal);
            Assert.Contains("LAST SETTLED BATCH 000001", analysis, StringComparison.Ordinal);
            Assert.Contains("OPERATOR 01", analysis, StringComparison.Ordinal);
            string settled = File.ReadAllText(Directory.GetFiles(dir, "*sales-analysis-settled-report.txt").Single());
            Assert.Contains("LAST SETTLED BATCH 000002", settled, StringComparison.Ordinal);
            Assert.Contains("Mooncake", settled, StringComparison.Ordinal);

            // One clock through a day at store hours: each batch sold over several hours, and every document's date is
            // the virtual day's, in the order the day made them.
            Assert.True(System.Text.RegularExpressions.Regex.Matches(analysis, @"(?m)^\d\d:00-\d\d:59 ").Count >= 6, analysis);
            DateTime previous = DateTime.MinValue;
            foreach (string document in Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal))
            {
                var date = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(document), @"(?m)^(DATE|日期/时间)：?:? +(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d)$");
                if (date.Success)
                {
                    DateTime at = DateTime.ParseExact(date.Groups[2].Value, "yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Equal(new DateTime(2026, 11, 25), at.Date);
                    Assert.True(at >= previous, $"{Path.GetFileName(document)} is dated {at}, before the document made before it ({previous})");
                    previous = at;
                }
            }

            Assert.Equal("3 training transactions; the host saw none of them, the real batch is untouched", summary.Training);

            // The index names every file the day wrote, in order, and nothing else.
            string index = File.ReadAllText(Path.Combine(dir, "INDEX.md"));
            foreach (string stem in Directory.GetFiles(dir).Select(f => Path.GetFileNameWithoutExtension(f)).Distinct().Where(f => f != "INDEX" && f != "wire"))
            {
                Assert.Contains("| " + stem + " | ", index, StringComparison.Ordinal);
            }

            Assert.Contains("receipt, merchant copy: Sale CNY 128.00", index, StringComparison.Ordinal);
            Assert.Contains("report: Manager settles batch 000001", index, StringComparison.Ordinal);
            Assert.DoesNotContain(" 1 lines", progress.ToString(), StringComparison.Ordinal);
            Assert.Contains("made on ", progress.ToString(), StringComparison.Ordinal);

            // The settlement step names what its debits are: the pre-auth completions of the day are not called sales.
            string[] settles = progress.ToString().Split('\n').Where(l => l.Contains("Manager settles batch", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(settles);
            Assert.All(settles, l => Assert.Matches(@"\(\d+ debits? [\d,.]+ \(sales \d+, completions \d+\), \d+ credits? [\d,.]+ \(refunds\)\)", l));
            Assert.Contains(settles, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"completions [1-9]"));
            string training = File.ReadAllText(Directory.GetFiles(dir, "*training-sale-swipe-receipt-merchant.txt").Single());
            Assert.Contains("TRAINING", training, StringComparison.Ordinal);
            Assert.Contains("NOT A REAL TRANSACTION", training, StringComparison.Ordinal);

            // One receipt in each language: the Chinese sale's slip is GB18030 with the UnionPay labels.
            string zh = Assert.Single(Directory.GetFiles(dir), f => f.EndsWith("-sale-zh-swipe-unionpay-receipt-merchant.escpos", StringComparison.Ordinal));
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            string zhText = Encoding.GetEncoding("GB18030").GetString(File.ReadAllBytes(zh));
            Assert.Contains("签购单", zhText, StringComparison.Ordinal);
            Assert.Contains("商户名称", zhText, StringComparison.Ordinal);

            // The demo merchant's Chinese name on every slip, in GB18030 on paper; the help slip printed once.
            Assert.Contains(Terminal.Simulator.Demo.DemoDay.DemoMerchantName, zhText, StringComparison.Ordinal);
            Assert.Contains("\n" + Terminal.Simulator.Demo.DemoDay.DemoMerchantName + "\n", File.ReadAllText(Assert.Single(Directory.GetFiles(dir), f => f.EndsWith("-sale-swipe-unionpay-receipt-merchant.txt", StringComparison.Ordinal))), StringComparison.Ordinal);
            string help = File.ReadAllText(Assert.Single(Directory.GetFiles(dir), f => f.EndsWith("-help-slip-receipt.txt", StringComparison.Ordinal)));
            Assert.Contains("Hotline: " + Terminal.Simulator.Demo.DemoDay.DemoHotline, help, StringComparison.Ordinal);
            Assert.Contains("MERCHANT COPY", File.ReadAllText(Assert.Single(Directory.GetFiles(dir), f => f.EndsWith("-sale-swipe-unionpay-receipt-merchant.txt", StringComparison.Ordinal))), StringComparison.Ordinal);

            // Every output: documents (bytes and text), the journal's flash image, the run trace (display
            // frames, printer and scanner links), the wire trace and the host's log.
            var outputs = new List<(string Where, string Text)>();
            foreach (string file in Directory.GetFiles(dir))
            {
                outputs.Add((file, Encoding.Latin1.GetString(File.ReadAllBytes(file))));
            }

            byte[] flash = rig.Board.Flash.Image();
            outputs.Add(("journal flash image", Encoding.Latin1.GetString(flash)));
            outputs.Add(("journal flash image as hex", Convert.ToHexString(flash)));
            outputs.Add(("display frames and device links", rig.Board.Trace.Text));
            outputs.Add(("wire trace", wire.Text.ToString()));
            outputs.Add(("host log", hostLog.ToString()));
            outputs.Add(("progress", progress.ToString()));
            // Whole PANs, track data and the payment codes the day scanned, as text, hex of text and BCD.
            Assert.NotEmpty(rig.Board.ScanEngine.CodesSent);
            var leaks = new CardDataLeaks(rig.Board.ScanEngine.CodesSent);
            foreach (var (where, text) in outputs)
            {
                Assert.Empty(leaks.Find(text).Select(what => where + " holds " + what));
            }

            Assert.Contains("621234*********4569", File.ReadAllText(Directory.GetFiles(dir, "*sale-swipe-unionpay-receipt-merchant.txt").Single()), StringComparison.Ordinal);
            foreach (string copy in new[] { "*sale-swipe-unionpay-receipt-customer.png", "*sale-zh-swipe-unionpay-receipt-customer.png" })
            {
                // The English and the Chinese customer copy: a link the invoicing service accepts.
                string? claim = Terminal.Drivers.Simulated.Imaging.QrImage.Decode(File.ReadAllBytes(Directory.GetFiles(dir, copy).Single()));
                Assert.True(claim != null && AcquirerHost.Invoicing.EInvoiceService.Check(claim, AcquirerHost.Invoicing.EInvoiceService.DemoKey).Valid, copy + " carries a valid e-invoice link: " + claim);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

/// <summary>`terminal demo` on the command line.</summary>
[Collection("Console")]
public sealed class DemoCommandTests
{
    [Fact]
    public void The_demo_command_runs_the_day_over_a_serial_pty_pair_and_says_reconciled()
    {
        string dir = Path.Combine(Path.GetTempPath(), "demo-serial-" + Guid.NewGuid().ToString("N"));
        string home = Path.Combine(Path.GetTempPath(), "demo-home-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = CliTests.Run("demo", "--link", "serial", "--out", dir, "--home", home);

            Assert.True(exit == 0, output + error);
            Assert.Contains("over serial", output, StringComparison.Ordinal);
            Assert.Contains("reconciled:", output, StringComparison.Ordinal);
            Assert.Contains("INDEX.md says which file is which", output, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(dir, "*settlement*report*.png"));
            string[] wire = File.ReadAllLines(Path.Combine(dir, "wire.log"));
            Assert.StartsWith("# wire.log:", wire[0], StringComparison.Ordinal);
            Assert.Equal(WireLogFile.Legend.Length, wire.TakeWhile(l => l.StartsWith('#')).Count());
            Assert.Matches(@"^\s+\d+\.\d{3} TX ", wire[WireLogFile.Legend.Length]);

            // The terminal's keys are in the encrypted key file in the private folder, never in clear, and nothing
            // that opens them is beside the outputs.
            Assert.Empty(Directory.GetFiles(dir, "*keys*"));
            Assert.Empty(Directory.GetFiles(dir, "*.secret"));
            byte[] keyFile = File.ReadAllBytes(Path.Combine(home, "demo-keys.bin"));
            Assert.True(keyFile.Length > 40);
            Assert.False(keyFile.AsSpan().IndexOf(TerminalRig.MasterKey.AsSpan(0, 8)) >= 0, "the TMK is in the key file in clear");
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(home, SimulatorHome.SecretName)));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(home));
            }

            Assert.Contains(Path.Combine(home, SimulatorHome.SecretName), output, StringComparison.Ordinal);
        }
        finally
        {
            foreach (string d in new[] { dir, home })
            {
                if (Directory.Exists(d))
                {
                    Directory.Delete(d, recursive: true);
                }
            }
        }
    }

    [Fact]
    public void A_device_secret_that_others_can_read_stops_the_demo_with_one_line()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string home = Directory.CreateTempSubdirectory("demo-home-").FullName;
        try
        {
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string secret = Path.Combine(home, SimulatorHome.SecretName);
            File.WriteAllBytes(secret, new byte[32]);
            File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

            var (exit, _, error) = CliTests.Run("demo", "--home", home, "--out", Path.Combine(home, "out"));

            Assert.Equal(2, exit);
            Assert.Equal($"terminal: key store: {secret} can be read by others: chmod 600 it (or delete it, and the key files it opens)", error.Trim());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
