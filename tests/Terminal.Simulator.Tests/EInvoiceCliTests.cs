using AcquirerHost.Invoicing;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>`terminal einvoice check URL`: a link the terminal signed with the demo key checks, a changed one is refused.</summary>
[Collection("Console")]
public class EInvoiceCliTests
{
    private static string TerminalLink()
    {
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.InvoiceKey, EInvoiceService.DemoKey, 0, EInvoiceService.DemoKey.Length);
        var sale = new TxnEntry { Kind = TxnKind.Sale, State = TxnState.Approved, Amount = 12800, DateMmdd = 1125, TimeHhmmss = 94100, Rrn = "000000000001", Invoice = 1 };
        return new EInvoice(keys, new HostCrypto(), string.Empty).Url(sale, "898310048990001", "12345678", 2026)!;
    }

    [Fact]
    public void A_link_the_terminal_signed_is_valid_and_its_fields_are_printed()
    {
        var (exit, output, _) = CliTests.Run("einvoice", "check", TerminalLink());

        Assert.Equal(0, exit);
        Assert.Equal("valid: merchant 898310048990001, terminal 12345678, 20261125 094100, amount 128.00 CNY, RRN 000000000001, invoice 000001", output.Trim());
    }

    [Fact]
    public void A_link_with_a_changed_amount_is_refused_with_exit_code_1()
    {
        var (exit, output, _) = CliTests.Run("einvoice", "check", TerminalLink().Replace("amt=12800", "amt=1280", StringComparison.Ordinal));

        Assert.Equal(1, exit);
        Assert.StartsWith("refused: signature does not match", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_key_refuses_the_link_and_a_key_that_is_not_hex_is_a_usage_mistake()
    {
        Assert.Equal(1, CliTests.Run("einvoice", "check", "--key", new string('0', 64), TerminalLink()).Exit);

        var (exit, _, err) = CliTests.Run("einvoice", "check", "--key", "xyz", TerminalLink());
        Assert.Equal(2, exit);
        Assert.StartsWith("terminal: einvoice check: --key:", err, StringComparison.Ordinal);
    }
}
