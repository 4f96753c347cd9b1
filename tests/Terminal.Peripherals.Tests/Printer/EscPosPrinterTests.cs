using System.Text;
using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Imaging;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.Printer;

public sealed class EscPosPrinterTests : IDisposable
{
    private readonly SimulatedSerialPort _board;
    private readonly SimulatedSerialPort _device;
    private readonly EscPosPrinterModel _model;
    private readonly EscPosPrinter _printer;
    private readonly RecordingSink _sink = new();
    private long _now;

    public EscPosPrinterTests()
    {
        (_board, _device) = SimulatedSerialPort.CreatePair("COM3", 115200);
        _board.Handshake = Handshake.XOnXOff;
        _model = new EscPosPrinterModel(_device);
        _printer = new EscPosPrinter(_board);
        _printer.Start(_sink);
    }

    public void Dispose() => _printer.Dispose();

    /// <summary>Polls the driver as the event loop would until it has nothing due or <paramref name="untilMs"/> passes.</summary>
    private void Run(long untilMs = 10_000) => PrinterPolling.Run(_printer, ref _now, untilMs);

    private static string[] Receipt(int lines) => [.. Enumerable.Range(1, lines).Select(i => $"LINE {i:D2} AMOUNT {i * 100,8}")];

    private void PrintAll(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            _printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }
    }

    [Fact]
    public void A_58_mm_printer_has_384_dots_and_32_columns_and_an_80_mm_one_576_and_48()
    {
        var (port, _) = SimulatedSerialPort.CreatePair("COM9", 9600);
        using var wide = new EscPosPrinter(port, paperWidthMm: 80);

        Assert.Equal((384, 32), (_printer.WidthDots, _printer.Columns));
        Assert.Equal((576, 48), (wide.WidthDots, wide.Columns));
    }

    [Fact]
    public void A_bold_centred_line_goes_out_as_ESC_E_ESC_a_GS_exclamation_then_text_and_LF()
    {
        var captured = new List<byte>();
        var (port, far) = SimulatedSerialPort.CreatePair("COM4", 9600);
        far.Open();
        far.SetDataReceivedHandler((p, _) =>
        {
            byte[] b = new byte[p.BytesToRead];
            p.Read(b, 0, b.Length);
            captured.AddRange(b);
        });
        using var printer = new EscPosPrinter(port);
        printer.Start(_sink);

        printer.PrintLine("TOTAL", TextStyle.Bold, TextAlign.Center);
        printer.Poll(0);
        far.Write([0x12, 0x12], 0, 2); // status of ESC @: paper present, no stop
        printer.Poll(1);
        printer.Poll(2);

        byte[] expected = [0x1B, 0x40, 0x10, 0x04, 0x04, 0x10, 0x04, 0x02,
            0x1B, 0x45, 0x01, 0x1B, 0x61, 0x01, 0x1D, 0x21, 0x00, 0x1D, 0x42, 0x00, .. "TOTAL"u8, 0x0A,
            0x10, 0x04, 0x04, 0x10, 0x04, 0x02];
        Assert.Equal(expected, captured.ToArray());
    }

    [Fact]
    public void Lines_come_out_in_order_with_their_style_and_alignment()
    {
        _printer.PrintLine("DEMO STORE", TextStyle.Large | TextStyle.Bold, TextAlign.Center);
        _printer.PrintLine("AMOUNT", TextStyle.Normal, TextAlign.Right);

        Run();

        Assert.Equal(
            [("DEMO STORE", true, 1, 2), ("AMOUNT", false, 2, 1)],
            _model.Paper.Select(p => (p.Text, p.Bold, p.Align, p.WidthMultiplier)).ToArray());
        Assert.False(_printer.Busy);
    }

    [Fact]
    public void Chinese_text_is_sent_in_FS_ampersand_mode_as_GB18030_and_reads_back_the_same()
    {
        _printer.PrintLine("签购单 POS 消费", TextStyle.Normal, TextAlign.Center);

        Run();

        Assert.Equal(["签购单 POS 消费"], _model.TextLines.ToArray());
    }

    [Fact]
    public void Every_character_of_the_GB18030_table_matches_the_GB18030_standard()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding gb = Encoding.GetEncoding("GB18030");
        int found = 0;
        for (char c = '\u0080'; c < '\uFFFF'; c++) // every BMP character: full-width punctuation is in the table too
        {
            if (char.IsSurrogate(c))
            {
                continue;
            }

            int code = Gb18030Table.Lookup(c);
            if (code < 0)
            {
                continue;
            }

            found++;
            Assert.Equal(gb.GetBytes(c.ToString()), new[] { (byte)(code >> 8), (byte)code });
        }

        Assert.Equal(Gb18030Table.Count, found);
    }

    [Fact]
    public void A_character_missing_from_the_table_prints_as_a_question_mark()
    {
        _printer.PrintLine("龘A", TextStyle.Normal, TextAlign.Left);

        Run();

        Assert.Equal(["?A"], _model.TextLines.ToArray());
    }

    [Fact]
    public void A_line_longer_than_the_paper_is_cut_at_the_last_whole_column()
    {
        _printer.PrintLine(new string('X', 40), TextStyle.Normal, TextAlign.Left);
        _printer.PrintLine("金额金额金额金额金额金额金额金额金额", TextStyle.Normal, TextAlign.Left);
        _printer.PrintLine(new string('Y', 40), TextStyle.Large, TextAlign.Left);

        Run();

        Assert.Equal([new string('X', 32), "金额金额金额金额金额金额金额金额", new string('Y', 16)], _model.TextLines.ToArray());
    }

    [Fact]
    public void A_receipt_rendered_to_PNG_has_a_QR_code_that_decodes_to_the_printed_data()
    {
        const string data = "https://pay.example.cn/r/20261125-000123";
        _printer.PrintLine("SCAN FOR E-RECEIPT", TextStyle.Bold, TextAlign.Center);
        _printer.PrintQr(data, 4);
        _printer.Feed(2);
        _printer.Cut();

        Run();
        byte[] png = _model.RenderPng();

        Assert.Equal(data, QrImage.Decode(png));
        Assert.Equal([PaperItemKind.Text, PaperItemKind.Qr, PaperItemKind.Feed, PaperItemKind.Cut], _model.Paper.Select(p => p.Kind).ToArray());
        Assert.Equal(4, _model.Paper[1].ModuleSize);
    }

    [Fact]
    public void Paper_out_mid_receipt_pauses_and_loading_paper_resumes_with_no_line_lost_or_printed_twice()
    {
        string[] receipt = Receipt(20);
        _model.PaperRemainingDots = (7 * 30) + 10; // seven lines, then not enough for the eighth
        PrintAll(receipt);

        Run(untilMs: 2_000);
        Assert.Equal(receipt[..7], _model.TextLines.ToArray());
        Assert.True(_printer.Busy);
        Assert.True(_printer.Status.HasFlag(PrinterStatus.PaperOut));
        Assert.Contains((EventKind.PrinterStatus, 0, (int)PrinterStatus.PaperOut), _sink.Events);

        _model.LoadPaper();
        Run();

        Assert.Equal(receipt, _model.TextLines.ToArray());
        Assert.Equal(PrinterStatus.Ready, _printer.Status);
        Assert.Equal((int)PrinterStatus.Ready, _sink.Events[^1].Arg);
        Assert.Equal(1, _printer.UnitsResent);
    }

    [Fact]
    public void Paper_that_ends_exactly_at_a_line_boundary_loses_and_repeats_nothing()
    {
        string[] receipt = Receipt(12);
        _model.PaperRemainingDots = 5 * 30;
        PrintAll(receipt);

        Run(untilMs: 2_000);
        _model.LoadPaper();
        Run();

        Assert.Equal(receipt, _model.TextLines.ToArray());
    }

    [Fact]
    public void Opening_the_cover_mid_receipt_pauses_printing_until_it_is_closed()
    {
        string[] receipt = Receipt(10);
        PrintAll(receipt[..4]);
        Run();
        _model.OpenCover();
        PrintAll(receipt[4..]);

        Run(untilMs: _now + 3_000);
        Assert.Equal(receipt[..4], _model.TextLines.ToArray());
        Assert.True(_printer.Status.HasFlag(PrinterStatus.CoverOpen));

        _model.CloseCover();
        Run(untilMs: _now + 3_000);

        Assert.Equal(receipt, _model.TextLines.ToArray());
    }

    [Fact]
    public void XOFF_from_the_printer_stops_sending_until_XON()
    {
        Run();
        _model.HoldOff();
        _printer.PrintLine("WAITING", TextStyle.Normal, TextAlign.Left);
        long before = _board.BytesWritten;

        Run(untilMs: _now + 200);
        Assert.Equal(before, _board.BytesWritten);

        _model.Release();
        Run(untilMs: _now + 200);
        Assert.Equal(["WAITING"], _model.TextLines.ToArray());
    }

    [Fact]
    public void A_printer_that_does_not_answer_is_reported_offline_and_nothing_is_lost_when_it_returns()
    {
        Run();
        _device.Unplugged = true;
        PrintAll(Receipt(3));

        Run(untilMs: _now + 1_000);
        Assert.Equal(PrinterStatus.Offline, _printer.Status);
        Assert.Empty(_model.TextLines);

        _device.Unplugged = false;
        Run(untilMs: _now + 2_000);

        // The first line went out while unplugged and was lost on the cable: the driver cannot know, and
        // says so by not counting it printed; lines after it are not skipped.
        Assert.Equal(Receipt(3)[1..], _model.TextLines.ToArray());
        Assert.Equal(PrinterStatus.Ready, _printer.Status);
    }

    [Fact]
    public void The_paper_near_end_sensor_shows_as_paper_low()
    {
        _model.PaperRemainingDots = 1000;
        _printer.PrintLine("X", TextStyle.Normal, TextAlign.Left);

        Run();

        Assert.Equal(PrinterStatus.PaperLow, _printer.Status);
    }

    [Fact]
    public void A_stored_logo_is_printed_with_FS_p()
    {
        bool[][] logo = [.. Enumerable.Range(0, 40).Select(y => Enumerable.Range(0, 120).Select(x => (x + y) % 7 == 0).ToArray())];
        _model.StoreLogo(1, logo);

        _printer.PrintStoredLogo(1);
        Run();

        Assert.Equal(PaperItemKind.Image, _model.Paper.Single().Kind);
        Assert.Same(logo, _model.Paper.Single().Dots);
    }

    [Fact]
    public void A_raster_image_prints_the_dots_it_was_given()
    {
        byte[] bits = [0x80, 0x01, 0xFF, 0x00];

        _printer.PrintRaster(bits, 0, widthBytes: 2, height: 2);
        Run();

        bool[][] dots = _model.Paper.Single().Dots!;
        Assert.True(dots[0][0] && dots[0][15] && !dots[0][1]);
        Assert.True(dots[1][..8].All(d => d) && !dots[1][8..].Any(d => d));
    }

    [Fact]
    public void An_idle_printer_asks_not_to_be_polled()
    {
        Run();

        Assert.Equal(Deadline.Never, _printer.Poll(_now));
    }

    [Fact]
    public void The_paper_renders_as_aligned_text()
    {
        _printer.PrintLine("CENTRE", TextStyle.Normal, TextAlign.Center);
        _printer.PrintLine("RIGHT", TextStyle.Normal, TextAlign.Right);
        _printer.Cut();
        Run();

        string[] lines = _model.RenderText().Split('\n');

        Assert.Equal(new string(' ', 13) + "CENTRE", lines[0]);
        Assert.Equal(new string(' ', 27) + "RIGHT", lines[1]);
        Assert.Equal(new string('-', 32), lines[2]);
    }

    [Fact]
    public void The_printer_model_rejects_an_unknown_command_naming_its_byte_offset()
    {
        Run();
        long offset = _model.BytesReceived;

        var error = Assert.Throws<EscPosProtocolException>(() => _board.Write([0x41, 0x1B, 0x7A, 0x00], 0, 4));

        Assert.Contains($"1B 7A at byte offset {offset + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_queue_too_small_for_a_unit_refuses_it_and_counts_it()
    {
        var (port, _) = SimulatedSerialPort.CreatePair("COM5", 9600);
        using var small = new EscPosPrinter(port, queueBytes: 64);

        small.PrintQr(new string('9', 100), 3);

        Assert.Equal(1, small.DroppedUnits);
        Assert.False(small.Busy);
    }

    [Fact]
    public void With_RTS_CTS_handshake_a_low_CTS_stops_sending_until_it_rises()
    {
        Run();
        _board.Handshake = Handshake.RequestToSend;
        _device.SetRequestToSend(false);
        _printer.PrintLine("HELD", TextStyle.Normal, TextAlign.Left);
        long before = _board.BytesWritten;

        Run(untilMs: _now + 200);
        Assert.Equal(before, _board.BytesWritten);

        _device.SetRequestToSend(true);
        Run(untilMs: _now + 200);
        Assert.Equal(["HELD"], _model.TextLines.ToArray());
    }

    [Fact]
    public void A_Chinese_receipt_with_a_logo_still_has_a_QR_code_that_decodes_from_the_PNG()
    {
        _model.StoreLogo(1, [.. Enumerable.Range(0, 48).Select(y => Enumerable.Range(0, 160).Select(x => ((x / 8) + (y / 8)) % 2 == 0).ToArray())]);
        _printer.PrintStoredLogo(1);
        _printer.PrintLine("签购单", TextStyle.Large | TextStyle.Bold, TextAlign.Center);
        _printer.PrintLine("消费 金额 RMB 12.34", TextStyle.Normal, TextAlign.Left);
        _printer.PrintQr("62000000000000000123", 5);
        _printer.Cut();

        Run();

        Assert.Equal("62000000000000000123", QrImage.Decode(_model.RenderPng()));
        Assert.Equal(["签购单", "消费 金额 RMB 12.34"], _model.TextLines.ToArray());
    }
}
