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
            Assert.Contains("balanced", summary.Batches[0].How, StringComparison.Ordinal);
            Assert.Contains("batch uploaded (5)", summary.Batches[1].How, StringComparison.Ordinal);
            Assert.Equal(1, summary.Counts["sale declined"]);
            Assert.Equal(1, summary.Counts["sale reversed"]);
            Assert.Equal(2, summary.Counts["sale voided"]);
            Assert.Equal(2, summary.Counts["void approved"]);
            Assert.Equal(1, summary.Counts["refund approved"]);
            foreach (string channel in new[] { "Card", "WeChat Pay", "Alipay", "UnionPay QR" })
            {
                Assert.True(summary.Counts.ContainsKey($"sale approved ({channel})"), channel);
            }

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

            Assert.Equal("3 training transactions; host saw 0, real batch untouched", summary.Training);
            string training = File.ReadAllText(Directory.GetFiles(dir, "*training-sale-swipe-receipt-merchant.txt").Single());
            Assert.Contains("TRAINING", training, StringComparison.Ordinal);
            Assert.Contains("NOT A REAL TRANSACTION", training, StringComparison.Ordinal);

            // One receipt in each language: the Chinese sale's slip is GB18030 with the UnionPay labels.
            string zh = Assert.Single(Directory.GetFiles(dir), f => f.EndsWith("-sale-zh-swipe-unionpay-receipt-merchant.escpos", StringComparison.Ordinal));
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            string zhText = Encoding.GetEncoding("GB18030").GetString(File.ReadAllBytes(zh));
            Assert.Contains("签购单", zhText, StringComparison.Ordinal);
            Assert.Contains("商户名称", zhText, StringComparison.Ordinal);
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
            string? claim = Terminal.Drivers.Simulated.Imaging.QrImage.Decode(File.ReadAllBytes(Directory.GetFiles(dir, "*sale-swipe-unionpay-receipt-customer.png").Single()));
            Assert.True(claim != null && Terminal.Core.Payments.EInvoice.Valid(claim), "the customer copy carries a valid e-invoice QR: " + claim);
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
        try
        {
            var (exit, output, error) = CliTests.Run("demo", "--link", "serial", "--out", dir);

            Assert.True(exit == 0, output + error);
            Assert.Contains("over serial", output, StringComparison.Ordinal);
            Assert.Contains("reconciled:", output, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(dir, "*settlement*report*.png"));
            Assert.True(File.Exists(Path.Combine(dir, "wire.log")));

            // The terminal's keys were kept in the encrypted key file, never in clear.
            byte[] keyFile = File.ReadAllBytes(Path.Combine(dir, "keys.bin"));
            Assert.True(keyFile.Length > 40);
            Assert.False(keyFile.AsSpan().IndexOf(TerminalRig.MasterKey.AsSpan(0, 8)) >= 0, "the TMK is in the key file in clear");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
