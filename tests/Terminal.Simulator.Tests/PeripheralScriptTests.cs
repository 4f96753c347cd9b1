using Terminal.Drivers.Simulated.Contactless;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>Cards, codes and the printer reach the firmware through the chip models of the simulated board.</summary>
public class PeripheralScriptTests
{
    private static SimulatedBoard Play(string script)
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions { KeepTraceText = true });
        board.Boot();
        board.Play(KeyScript.Parse(script, "test"));
        return board;
    }

    [Fact]
    public void A_swiped_card_shows_only_its_first_6_and_last_4_digits()
    {
        using var board = Play("swipe unionpay");

        Assert.Equal("Swiped 621234*********" + EmvTestCards.UnionPayPan[^4..], board.App.LastStatus);
        Assert.DoesNotContain(EmvTestCards.UnionPayPan, board.Trace.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tapped_card_is_read_over_the_mfrc522_and_shown_masked()
    {
        using var board = Play("tap visa");

        Assert.Equal("Tapped 476173******" + EmvTestCards.VisaPan[^4..], board.App.LastStatus);
        Assert.DoesNotContain(EmvTestCards.VisaPan, board.Trace.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_with_malformed_records_gives_a_reason_not_a_crash()
    {
        using var board = Play("tap malformed");

        Assert.StartsWith("Card read failed: ", board.App.LastStatus, StringComparison.Ordinal);
        Assert.Equal(0, board.Loop.Faults);
    }

    [Theory]
    [InlineData("134567890123456789", "WeChat Pay code scanned")]
    [InlineData("2812345678901234", "Alipay code scanned")]
    [InlineData("6212345678901234567", "UnionPay QR code scanned")]
    [InlineData("HELLO", "Not a payment code")]
    public void A_scanned_code_is_told_apart_by_wallet(string code, string expected)
    {
        using var board = Play("scan " + code);

        Assert.Equal(expected, board.App.LastStatus);
    }

    [Fact]
    public void Feed_prints_a_test_page_that_the_printer_model_reads_to_the_end()
    {
        using var board = Play("key FEED\nwait 3000");

        string paper = board.PrinterMechanism.RenderText();
        Assert.Contains("PRINTER TEST", paper, StringComparison.Ordinal);
        Assert.Contains("TERMINAL DEMO STORE", paper, StringComparison.Ordinal);
        Assert.Equal(0, board.Loop.Faults);
    }

    [Theory]
    [InlineData("swipe amex")]
    [InlineData("tap diners")]
    public void Unknown_test_cards_are_refused_when_the_script_is_read(string line)
    {
        Assert.Throws<FormatException>(() => KeyScript.Parse(line, "s"));
    }
}

public class PrintedQrTests
{
    [Fact]
    public void The_test_page_QR_rendered_to_png_scans_with_an_ordinary_qr_reader()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();
        board.Play(KeyScript.Parse("key FEED\nwait 3000", "test"));

        string? decoded = Terminal.Drivers.Simulated.Imaging.QrImage.Decode(board.PrinterMechanism.RenderPng());

        Assert.Equal("TERMINAL PRINTER TEST " + Terminal.Core.App.TerminalApp.FirmwareVersion, decoded);
    }

    [Fact]
    public void Bytes_on_the_printer_and_scanner_links_are_in_the_run_trace()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions { KeepTraceText = true });
        board.Boot();
        board.Play(KeyScript.Parse("scan 134567890123456789\nkey FEED\nwait 3000", "test"));

        Assert.Contains("scanner>\n" + Convert.ToHexString("134567890123456789\r"u8), board.Trace.Text, StringComparison.Ordinal);
        Assert.Contains("printer<\n1B40", board.Trace.Text, StringComparison.Ordinal);
    }
}
