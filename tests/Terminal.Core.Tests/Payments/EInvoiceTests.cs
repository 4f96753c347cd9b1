using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>The e-invoice claim text: its documented layout and its CRC.</summary>
public sealed class EInvoiceTests
{
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

    [Fact]
    public void The_crc_is_CRC16_CCITT_FALSE()
    {
        // The catalogue check value of CRC-16/CCITT-FALSE.
        Assert.Equal(0x29B1, EInvoice.Crc16("123456789"));
    }

    [Fact]
    public void The_payload_carries_merchant_terminal_date_time_amount_reference_and_invoice()
    {
        string payload = EInvoice.Payload(Sale(), "898310048990001", "12345678", 2026);

        Assert.StartsWith("EINV1;MID=898310048990001;TID=12345678;DATE=20261125;TIME=101500;AMT=12800;RRN=000000000001;INV=000007;CRC=", payload, StringComparison.Ordinal);
        Assert.True(EInvoice.Valid(payload));
    }

    [Theory]
    [InlineData("AMT=12800", "AMT=12900")]
    [InlineData("RRN=000000000001", "RRN=000000000002")]
    [InlineData("EINV1", "EINV2")]
    public void A_changed_payload_is_not_valid(string from, string to)
    {
        string payload = EInvoice.Payload(Sale(), "898310048990001", "12345678", 2026);
        Assert.False(EInvoice.Valid(payload.Replace(from, to, StringComparison.Ordinal)));
    }
}
