using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>
/// Cards, codes and the printer reach the firmware through the chip models of the simulated board: the cashier keys
/// an amount and the customer pays with them, against the acquirer host in the simulator's process.
/// </summary>
public class PeripheralScriptTests
{
    private static SimulatedBoard Play(string script)
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions { KeepTraceText = true });
        board.Boot();
        board.RunUntilIdle();
        board.Play(KeyScript.Parse(script, "test"));
        board.RunUntilIdle();
        return board;
    }

    [Fact]
    public void A_swiped_card_pays_and_shows_only_its_first_6_and_last_4_digits()
    {
        using var board = Play("keys 1 2 0 0 ENTER\nswipe unionpay\nwait 2000");

        Assert.Equal("Approved", board.Payments.LastMessage);
        Assert.Equal("621234*********" + EmvTestCards.UnionPayPan[^4..], board.Store.At(0).MaskedPan);
        Assert.Contains("621234*********" + EmvTestCards.UnionPayPan[^4..], board.Trace.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmvTestCards.UnionPayPan, board.Trace.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tapped_card_is_read_over_the_mfrc522_and_pays_shown_masked()
    {
        using var board = Play("keys 4 5 5 0 ENTER\ntap visa\nwait 2000");

        Assert.Equal("Approved", board.Payments.LastMessage);
        Assert.Equal(EntryMode.Contactless, board.Store.At(0).Mode);
        Assert.Equal("476173******" + EmvTestCards.VisaPan[^4..], board.Store.At(0).MaskedPan);
        Assert.DoesNotContain(EmvTestCards.VisaPan, board.Trace.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_with_malformed_records_gives_a_reason_not_a_crash()
    {
        using var board = Play("keys 1 0 0 ENTER\ntap malformed");

        Assert.Contains("Card read failed: ", board.Trace.Text, StringComparison.Ordinal);
        Assert.Equal(0, board.Store.Count);
        Assert.Equal(0, board.Loop.Faults);
    }

    [Theory]
    [InlineData("134567890123456789", TxnChannel.WeChat)]
    [InlineData("2812345678901234", TxnChannel.Alipay)]
    [InlineData("6212345678901234567", TxnChannel.UnionPayQr)]
    public void A_scanned_code_pays_through_its_wallet(string code, int channel)
    {
        using var board = Play("keys 2 3 0 0 ENTER\nscan " + code + "\nwait 2000");

        Assert.Equal("Approved", board.Payments.LastMessage);
        Assert.Equal(channel, board.Store.At(0).Channel);
    }

    [Fact]
    public void A_code_that_is_no_payment_code_is_refused_and_nothing_is_sent()
    {
        using var board = Play("keys 2 3 0 0 ENTER\nscan HELLO");

        Assert.Contains("Not a payment code we accept", board.Trace.Text, StringComparison.Ordinal);
        Assert.Equal(0, board.Store.Count);
        Assert.Empty(board.Host!.Store.Authorizations(ProvisioningFile.Demo.TerminalId));
    }

    [Fact]
    public void A_card_presented_before_an_amount_is_keyed_asks_for_the_amount()
    {
        using var board = Play("swipe unionpay");

        Assert.Contains("amount", board.Display.FrameText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, board.Store.Count);
    }

    [Fact]
    public void Feed_at_the_idle_screen_reprints_the_last_receipt_which_the_printer_model_reads_to_the_end()
    {
        using var board = Play("keys 1 2 0 0 ENTER\nswipe unionpay\nwait 2000\nkey CANCEL\nwait 5000");
        int printed = board.PrinterMechanism.Documents.Count;

        board.Play(KeyScript.Parse("key FEED\nwait 5000", "test"));

        Assert.Equal(printed + 1, board.PrinterMechanism.Documents.Count);
        string reprint = board.PrinterMechanism.Documents[^1].RenderText();
        Assert.Contains("TERMINAL DEMO STORE", reprint, StringComparison.Ordinal);
        Assert.Contains("000001", reprint, StringComparison.Ordinal);
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
    public void The_self_tests_printer_page_QR_rendered_to_png_scans_with_an_ordinary_qr_reader()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();
        board.RunUntilIdle();
        board.App.StartSelfTest();
        Terminal.Simulator.Commands.SelfTestCommand.Technician(board, board.SelfTest);

        string? decoded = Terminal.Drivers.Simulated.Imaging.QrImage.Decode(board.PrinterMechanism.RenderPng());

        Assert.Equal("TERMINAL PRINTER TEST " + Terminal.Core.App.TerminalApp.FirmwareVersion, decoded);
    }

    [Fact]
    public void Bytes_on_the_printer_and_scanner_links_are_in_the_run_trace_the_scanned_code_masked()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions { KeepTraceText = true });
        board.Boot();
        board.RunUntilIdle();
        board.Play(KeyScript.Parse("keys 5 0 0 ENTER\nscan 134567890123456789\nwait 3000", "test"));

        Assert.Contains("scanner>\n" + Convert.ToHexString("134567********6789\r"u8), board.Trace.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString("134567890123456789"u8), board.Trace.Text, StringComparison.Ordinal);
        Assert.Contains("printer<\n1B40", board.Trace.Text, StringComparison.Ordinal);
    }
}
