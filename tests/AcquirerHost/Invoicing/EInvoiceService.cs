using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AcquirerHost.Invoicing;

/// <summary>What the invoicing service read from an e-invoice link, or why it refused it.</summary>
public sealed record EInvoiceClaim(bool Valid, string Reason, string MerchantId = "", string TerminalId = "", string Date = "", string Time = "", long AmountFen = 0, string Rrn = "", string Invoice = "")
{
    /// <summary>One line for people: the claim's fields, or the refusal.</summary>
    public override string ToString() => Valid
        ? $"valid: merchant {MerchantId}, terminal {TerminalId}, {Date} {Time}, amount {AmountFen / 100}.{Math.Abs(AmountFen % 100):D2} CNY, RRN {Rrn}, invoice {Invoice}"
        : "refused: " + Reason;
}

/// <summary>
/// The merchant's invoicing service, as far as it checks an e-invoice link from a customer copy: the parameters mid,
/// tid, date, time, amt, rrn and inv in that order, then sig, the first 16 bytes of HMAC-SHA256 of the text before
/// "&amp;sig=" under the terminal's invoice key, in hex. Written from the layout (docs/receipts.md) with the BCL's
/// HMAC, not from the terminal's code, so a test that passes checks the two against each other.
/// </summary>
public static class EInvoiceService
{
    /// <summary>
    /// The demo invoice key the simulated terminals are made with and the service knows: a test key, published here,
    /// never a real one (SHA-256 of "Terminal demo e-invoice key").
    /// </summary>
    public static byte[] DemoKey { get; } = SHA256.HashData(Encoding.ASCII.GetBytes("Terminal demo e-invoice key"));

    private static readonly string[] Names = ["mid", "tid", "date", "time", "amt", "rrn", "inv"];

    /// <summary>Checks <paramref name="url"/> against <paramref name="key"/>.</summary>
    public static EInvoiceClaim Check(string url, byte[] key)
    {
        int q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return new(false, "no parameters (no '?')");
        }

        string query = url[(q + 1)..];
        int s = query.LastIndexOf("&sig=", StringComparison.Ordinal);
        if (s < 0)
        {
            return new(false, "no signature (sig)");
        }

        string signed = query[..s];
        string sig = query[(s + 5)..];
        string[] parts = signed.Split('&');
        if (parts.Length != Names.Length)
        {
            return new(false, $"{parts.Length} parameters before sig, not {Names.Length}");
        }

        var values = new string[Names.Length];
        for (int i = 0; i < Names.Length; i++)
        {
            string prefix = Names[i] + "=";
            if (!parts[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return new(false, $"parameter {i + 1} is not {Names[i]}");
            }

            values[i] = parts[i][prefix.Length..];
        }

        byte[] mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed));
        string expected = Convert.ToHexString(mac, 0, 16);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sig.ToUpperInvariant())))
        {
            return new(false, "signature does not match: a parameter was changed, or the link was not made with this terminal's invoice key");
        }

        if (!long.TryParse(values[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long amount))
        {
            return new(false, "amt is not a number of fen");
        }

        return new(true, "signature matches", values[0], values[1], values[2], values[3], amount, values[5], values[6]);
    }
}
