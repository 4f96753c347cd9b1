using System.CommandLine;
using AcquirerHost.Invoicing;
using Terminal.Simulator.Cli;

namespace Terminal.Simulator.Commands;

/// <summary>`terminal einvoice check URL [--key HEX]`: what the invoicing service makes of an e-invoice link from a customer copy.</summary>
internal static class EInvoiceCommand
{
    public static Command Create()
    {
        var cmd = new Command("einvoice", "E-invoice links from customer copies (docs/receipts.md).");
        var key = new Option<string?>("--key") { Description = "The terminal's invoice key in hex (default: the simulator's demo key)." };
        var url = new Argument<string>("url") { Description = "The link, as a phone reads it from the customer copy's QR code." };
        var check = new Command("check", "Check the link's signature and print its fields; exit 1 when it is refused.") { key, url };
        check.SetAction(parse => Check(parse.GetValue(url)!, parse.GetValue(key)));
        cmd.Subcommands.Add(check);
        return cmd;
    }

    private static int Check(string url, string? keyHex)
    {
        byte[] key = EInvoiceService.DemoKey;
        if (keyHex != null)
        {
            if (keyHex.Length == 0 || keyHex.Length % 2 != 0 || !keyHex.All(char.IsAsciiHexDigit))
            {
                throw new UsageException("einvoice check: --key", "must be hex digits, an even number of them");
            }

            key = Convert.FromHexString(keyHex);
        }

        EInvoiceClaim claim = EInvoiceService.Check(url, key);
        Console.WriteLine(claim.ToString());
        return claim.Valid ? 0 : 1;
    }
}
