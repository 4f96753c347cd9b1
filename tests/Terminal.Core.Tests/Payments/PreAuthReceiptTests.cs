using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>The pre-authorization family on paper, line by line in both languages: the kind, the limit, the original's references.</summary>
public class PreAuthReceiptTests
{
    private const string Rule = "--------------------------------";
    private static readonly DateTime PrintedAt = new(2026, 11, 25, 14, 5, 9);

    private static TxnEntry Completion() => new()
    {
        Kind = TxnKind.Completion, Channel = TxnChannel.Card, Mode = EntryMode.Reference, State = TxnState.Approved, Invoice = 15, Stan = 21,
        Batch = 7, Operator = 3, Amount = 65_200, MaskedPan = "622848******0019", Rrn = "500000000015", AuthCode = "B00015",
        DateMmdd = 1125, TimeHhmmss = 151200, OriginalStan = 20, OriginalBatch = 7, OriginalInvoice = 14, OriginalRrn = "500000000014",
        OriginalDateMmdd = 1125, OriginalAuthCode = "A00014",
    };

    private static string[] Slip(TxnEntry e, int language, int copy)
    {
        var paper = new Paper();
        var receipts = new ReceiptPrinter(paper, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678")) { Language = language };
        Assert.True(receipts.PrintTransaction(e, copy, false, PrintedAt));
        return [.. paper.Lines];
    }

    [Fact]
    public void A_completion_slip_names_its_kind_and_its_pre_auth_by_invoice_RRN_date_and_auth_code()
    {
        Assert.Equal(
            [
                "POS SALES SLIP", "MERCHANT COPY", Rule,
                "MERCHANT NAME:", "DEMO STORE", "MID:             123456789012345", "TID:                    12345678", "OPERATOR:                     03", Rule,
                "TYPE:", "COMPLETION", "Card / REFERENCE", "CARD NO:", "622848******0019",
                "BATCH:                    000007", "INVOICE:                  000015", "TRACE:                    000021",
                "RRN:                500000000015", "AUTH:                     B00015", "DATE:        2026/11/25 15:12:00",
                "REMARKS:", "ORIG INVOICE:             000014", "ORIG RRN:           500000000014", "ORIG DATE:                 11/25", "ORIG AUTH:                A00014", Rule,
                "AMOUNT:", "CNY 652.00", Rule,
                "CARDHOLDER SIGNATURE:", new string('_', 32), "I ACKNOWLEDGE SATISFACTORY", "RECEIPT OF GOODS/SERVICES",
            ],
            Slip(Completion(), Language.English, ReceiptPrinter.MerchantCopy));
    }

    [Fact]
    public void A_completion_slip_in_Chinese_carries_the_same_references_with_Chinese_labels()
    {
        string[] slip = Slip(Completion(), Language.Chinese, ReceiptPrinter.CustomerCopy);

        Assert.Equal("预授权完成", slip[10]);
        Assert.Contains("原授权码：                A00014", slip);
        Assert.DoesNotContain(slip, l => l.Contains('_', StringComparison.Ordinal)); // the customer copy is not signed
    }

    [Fact]
    public void A_pre_auth_slip_prints_the_most_its_completion_may_charge()
    {
        TxnEntry e = Completion();
        e.Kind = TxnKind.PreAuth;
        e.Amount = 80_000;
        e.OriginalAuthCode = string.Empty;

        string[] english = Slip(e, Language.English, ReceiptPrinter.MerchantCopy);
        string[] chinese = Slip(e, Language.Chinese, ReceiptPrinter.MerchantCopy);

        Assert.Equal(("PRE-AUTH", "LIMIT (115%):             920.00"), (english[10], english.Single(l => l.StartsWith("LIMIT", StringComparison.Ordinal))));
        Assert.DoesNotContain("REMARKS:", english); // a pre-auth refers to nothing before it
        Assert.Equal(("预授权", "可完成金额：              920.00"), (chinese[10], chinese.Single(l => l.StartsWith("可完成金额", StringComparison.Ordinal))));
    }
}
