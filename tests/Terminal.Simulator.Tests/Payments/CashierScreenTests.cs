using Terminal.Core.Payments;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The cashier's screens: every wait times out to idle, keys at the wrong time are survived, set-up on the keypad.</summary>
public sealed class CashierScreenTests
{
    [Fact]
    public async Task Waiting_for_a_card_times_out_to_the_idle_screen_without_a_transaction()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.KeyAmount(500);
        Assert.False(rig.Pos.Idle);
        rig.Board.RunFor(61_000);

        Assert.True(rig.Pos.Idle);
        Assert.Equal(0, rig.Store.Count);
        Assert.Contains("WELCOME", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { KeyCode.Digit0 + 5 })]
    [InlineData(new[] { KeyCode.Menu })]
    [InlineData(new[] { KeyCode.Menu, KeyCode.Digit0 + 2 })]
    [InlineData(new[] { KeyCode.Menu, KeyCode.Digit0 + 6 })]
    public async Task Every_entry_screen_times_out_to_idle(int[] keys)
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Press(keys);
        Assert.False(rig.Pos.Idle);
        rig.Board.RunFor(61_000);
        Assert.True(rig.Pos.Idle);
    }

    [Fact]
    public async Task The_customer_copy_question_times_out_and_only_the_merchant_copy_prints()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        int before = rig.Board.PrinterMechanism.Documents.Count;
        rig.KeyAmount(700);
        rig.Present("swipe:visa");
        rig.Board.RunWhileHostBusy();
        rig.Board.RunFor(21_000);
        rig.FinishPrinting();

        Assert.True(rig.Pos.Idle);
        var printed = rig.Board.PrinterMechanism.DocumentsSince(before);
        Assert.Single(printed);
        Assert.Contains(printed[0].TextLines, l => l.Contains("MERCHANT COPY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cards_and_codes_at_the_idle_screen_are_refused_and_keys_during_processing_are_survived()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Present("swipe:visa");
        Assert.Equal("Key the amount first", rig.Pos.LastMessage);
        rig.Present("scan:134567890123456789");
        Assert.Equal("Key the amount first", rig.Pos.LastMessage);
        Assert.Equal(0, rig.Store.Count);

        rig.KeyAmount(1200);
        rig.Present("tap:visa");
        rig.Press(KeyCode.Digit0 + 9, KeyCode.Cancel, KeyCode.Menu);
        rig.Board.RunWhileHostBusy();
        Assert.Equal(TxnState.Approved, rig.Store.At(0).State);
        Assert.Equal(1200, rig.Store.At(0).Amount);
    }

    [Fact]
    public async Task Set_up_on_the_keypad_shows_the_key_check_value_and_signs_in()
    {
        await using var rig = TerminalRig.Start("tcp");
        var shown = new System.Text.StringBuilder();
        var record = rig.Board.Display.FramePresented;
        rig.Board.Display.FramePresented = panel =>
        {
            record?.Invoke(panel);
            shown.AppendLine(panel.FrameText());
        };
        rig.Board.Boot();
        Assert.Contains("Merchant ID", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Type("12345");
        rig.Press(KeyCode.Enter);
        Assert.Equal("Enter 15 digits", rig.Pos.LastMessage);
        rig.Press(KeyCode.Clear, KeyCode.Clear, KeyCode.Clear, KeyCode.Clear, KeyCode.Clear);
        rig.Type("8983100489900");
        rig.Press(KeyCode.Clear);
        rig.Type("001");
        rig.Press(KeyCode.Enter);
        rig.Type(TerminalRig.TerminalId);
        rig.Press(KeyCode.Enter);
        rig.TypeHex(Convert.ToHexString(TerminalRig.MasterKey));
        rig.Press(KeyCode.Enter);

        // The check value of the FACTS.md demo TMK: the first 4 bytes of TDES(TMK, 0000000000000000).
        Assert.Contains("47F81683", rig.Board.Display.FrameText(), StringComparison.Ordinal);

        // The key itself was never on the screen: no two of its hex digits side by side in any frame.
        string key = Convert.ToHexString(TerminalRig.MasterKey);
        string frames = shown.ToString();
        Assert.Contains("**** ****", frames, StringComparison.Ordinal);
        for (int i = 0; i + 4 <= key.Length; i += 4)
        {
            Assert.DoesNotContain(key.Substring(i, 4), frames, StringComparison.Ordinal);
        }

        rig.Press(KeyCode.Enter);
        rig.Board.RunWhileHostBusy();

        Assert.True(rig.Store.Provisioned);
        Assert.Equal("898310048990001", rig.Store.Identity!.MerchantId);
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        Assert.Equal("Approved", rig.Sale(100, "swipe:visa"));
    }

    [Fact]
    public async Task A_wrong_master_key_fails_sign_in_with_a_clear_message()
    {
        await using var rig = TerminalRig.Start("tcp");
        rig.Board.Boot();
        rig.Type(TerminalRig.MerchantId);
        rig.Press(KeyCode.Enter);
        rig.Type(TerminalRig.TerminalId);
        rig.Press(KeyCode.Enter);
        rig.TypeHex("0123456789ABCDEF0123456789ABCDEF");
        rig.Press(KeyCode.Enter);
        Assert.Equal("Both halves equal: not a double-length key", rig.Pos.LastMessage);
        rig.TypeHex("0123456789ABCDEFFEDCBA9876543210");
        rig.Press(KeyCode.Enter);
        Assert.True(rig.Board.Display.FrameText().Contains("Key check value", StringComparison.Ordinal), rig.Board.Display.FrameText());
        rig.Press(KeyCode.Enter);
        rig.Board.RunWhileHostBusy();

        Assert.False(rig.Pos.Engine.SignedIn);
        Assert.True(rig.Pos.LastMessage.Contains("check value wrong", StringComparison.Ordinal), rig.Pos.LastMessage + "\n" + rig.Board.Display.FrameText());
    }

    [Fact]
    public async Task Void_by_trace_number_reprint_by_invoice_and_a_refund_of_an_unknown_reference()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Sale(4200, "swipe:visa");
        TxnEntry sale = rig.Store.At(0);

        rig.Manager(2);
        rig.Press(KeyCode.F1);
        rig.Type(sale.Stan.ToString(System.Globalization.CultureInfo.InvariantCulture));
        rig.Press(KeyCode.Enter, KeyCode.Enter);
        rig.Board.RunWhileHostBusy();
        Assert.True(sale.Voided, rig.Pos.LastMessage);
        rig.Press(KeyCode.Cancel);

        int before = rig.Board.PrinterMechanism.Documents.Count;
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 6);
        rig.Type(sale.Invoice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        rig.Press(KeyCode.Enter);
        rig.FinishPrinting();
        var reprint = rig.Board.PrinterMechanism.DocumentsSince(before).Single();
        Assert.Contains(reprint.TextLines, l => l.Contains("REPRINT", StringComparison.Ordinal));

        Assert.Equal("Original not found", rig.Refund("000000999999", 1125, 100));
        Assert.Equal(TxnState.Declined, rig.Store.At(rig.Store.Count - 1).State);
    }

    [Fact]
    public async Task Set_up_cannot_change_while_the_batch_holds_transactions()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Sale(100, "swipe:visa");
        rig.Manager(0);
        rig.Press(KeyCode.Digit0 + 1);
        Assert.Contains("Settle the batch", rig.Pos.LastMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_RF_field_is_on_only_while_a_card_is_expected()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        Assert.False(rig.Board.RfChip.FieldOn, "idle: field off");

        rig.KeyAmount(300);
        Assert.True(rig.Board.RfChip.FieldOn, "waiting for a card: field on");
        rig.Present("tap:visa");
        rig.Board.RunWhileHostBusy();
        Assert.False(rig.Board.RfChip.FieldOn, "after the read: field off");
        Assert.Equal(TxnState.Approved, rig.Store.At(0).State);

        rig.Press(KeyCode.Cancel);
        rig.Board.Tap("visa");
        Assert.Equal(1, rig.Store.Count);
    }

    [Fact]
    public async Task F1_at_the_customer_copy_question_prints_the_e_invoice_QR_that_scans_back_to_the_sale()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        int before = rig.Board.PrinterMechanism.Documents.Count;
        rig.KeyAmount(4321);
        rig.Present("swipe:visa");
        rig.Board.RunWhileHostBusy();
        rig.Press(KeyCode.F1);
        rig.FinishPrinting();

        var printed = rig.Board.PrinterMechanism.DocumentsSince(before);
        Assert.Equal(2, printed.Count);
        Assert.DoesNotContain(printed[0].Items, i => i.Kind == Terminal.Drivers.Simulated.Printer.PaperItemKind.Qr);
        string? scanned = Terminal.Drivers.Simulated.Imaging.QrImage.Decode(printed[1].RenderPng());
        TxnEntry sale = rig.Store.At(0);
        Assert.NotNull(scanned);
        var claim = AcquirerHost.Invoicing.EInvoiceService.Check(scanned, AcquirerHost.Invoicing.EInvoiceService.DemoKey);
        Assert.True(claim.Valid, claim.ToString());
        Assert.StartsWith(Terminal.Core.Payments.EInvoice.DefaultBaseUrl + "?", scanned, StringComparison.Ordinal);
        Assert.Equal((TerminalRig.MerchantId, TerminalRig.TerminalId, 4321L, sale.Rrn, sale.Invoice.ToString("D6")), (claim.MerchantId, claim.TerminalId, claim.AmountFen, claim.Rrn, claim.Invoice));
    }

    [Fact]
    public async Task The_sales_analysis_is_shown_and_printed_by_channel_hour_and_operator()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Sale(1000, "swipe:visa");
        rig.Sale(2500, "scan:134567890123456789");
        int before = rig.Board.PrinterMechanism.Documents.Count;

        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + 4);
        Assert.Contains("SALES ANALYSIS", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Contains("WeChat Pay: 1  25.00", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.FinishPrinting();

        var report = rig.Board.PrinterMechanism.DocumentsSince(before).Single();
        string text = string.Join("\n", report.TextLines);
        Assert.Contains("BY HOUR", text, StringComparison.Ordinal);
        Assert.Contains("BY CHANNEL", text, StringComparison.Ordinal);
        Assert.Contains("OPERATOR 01", text, StringComparison.Ordinal);
        Assert.Contains("SALES ANALYSIS", text, StringComparison.Ordinal);
    }
}
