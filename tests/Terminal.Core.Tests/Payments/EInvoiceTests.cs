using System.Security.Cryptography;
using System.Text;
using Terminal.Core.Payments;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>The e-invoice link: its documented layout, and a signature the BCL's HMAC-SHA256 agrees with.</summary>
public sealed class EInvoiceTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static TxnEntry Sale() => new()
    {
        Kind = TxnKind.Sale,
        State = TxnState.Approved,
        Amount = 12800,
        DateMmdd = 1125,
        TimeHhmmss = 101500,
        Rrn = "000000000001",
        Invoice = 7,
    };

    private static EInvoice Signer(byte[]? key, string baseUrl = "")
    {
        var keys = new MemoryKeyStore();
        if (key != null)
        {
            keys.Store(KeySlot.InvoiceKey, key, 0, key.Length);
        }

        return new EInvoice(keys, new SoftwareCrypto(), baseUrl);
    }

    [Fact]
    public void The_link_opens_the_invoicing_page_with_merchant_terminal_date_time_amount_reference_invoice_and_signature()
    {
        string url = Signer(Key, "https://invoice.shop.cn/claim").Url(Sale(), "898310048990001", "12345678", 2026)!;

        const string Query = "mid=898310048990001&tid=12345678&date=20261125&time=101500&amt=12800&rrn=000000000001&inv=000007";
        string sig = Convert.ToHexString(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(Query)), 0, 16);
        Assert.Equal("https://invoice.shop.cn/claim?" + Query + "&sig=" + sig, url);
    }

    [Fact]
    public void Without_a_base_url_the_link_goes_to_the_default_invoicing_page()
    {
        string url = Signer(Key).Url(Sale(), "898310048990001", "12345678", 2026)!;

        Assert.StartsWith(EInvoice.DefaultBaseUrl + "?mid=", url, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_without_an_invoice_key_makes_no_link()
    {
        Assert.Null(Signer(null).Url(Sale(), "898310048990001", "12345678", 2026));
    }

    [Fact]
    public void Another_key_signs_differently()
    {
        string one = Signer(Key).Url(Sale(), "898310048990001", "12345678", 2026)!;
        byte[] other = (byte[])Key.Clone();
        other[0] ^= 1;
        string two = Signer(other).Url(Sale(), "898310048990001", "12345678", 2026)!;

        Assert.NotEqual(one[^32..], two[^32..]);
        Assert.Equal(one[..^32], two[..^32]);
    }
}
