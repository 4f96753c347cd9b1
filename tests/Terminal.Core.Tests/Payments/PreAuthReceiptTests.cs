using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>The pre-authorization family on paper, line by line in both languages: the kind, the limit, the original's references.</summary>
public class PreAuthReceiptTests
{
    private const string Rule = "--------------------------------";
    private static readonly DateTime PrintedAt = new(2026, 11, 25, 14, 5, 9);

    internal static TxnEntry Completion() => new()
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

/// <summary>
/// The e-invoice link on the customer copy of the pre-authorization family, line by line in both languages: a completion
/// (request or offline advice) is the charge of the stay and carries it; a pre-auth, a pre-auth void, a completion void,
/// a void and a refund do not.
/// </summary>
public class CompletionEInvoiceTests
{
    private const string Rule = "--------------------------------";
    private static readonly DateTime PrintedAt = new(2026, 11, 25, 15, 20, 0);
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static TxnEntry Completion(int kind = TxnKind.Completion)
    {
        TxnEntry e = PreAuthReceiptTests.Completion();
        e.Kind = kind;
        return e;
    }

    private static string Link(TxnEntry e)
    {
        string query = EInvoice.Query(e, "123456789012345", "12345678", 2026);
        return EInvoice.DefaultBaseUrl + "?" + query + "&sig="
            + Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Key, System.Text.Encoding.ASCII.GetBytes(query)), 0, 16);
    }

    private static string[] CustomerCopy(TxnEntry e, int language)
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        keys.Store(Terminal.Hal.KeySlot.InvoiceKey, Key, 0, Key.Length);
        var paper = new LinePaper();
        var receipts = new ReceiptPrinter(paper, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678"))
        {
            Language = language,
            Invoices = new EInvoice(keys, new Terminal.Drivers.Crypto.SoftwareCrypto(), string.Empty),
        };
        Assert.True(receipts.PrintTransaction(e, ReceiptPrinter.CustomerCopy, false, PrintedAt, eInvoice: true));
        return [.. paper.Lines];
    }

    [Fact]
    public void The_customer_copy_of_a_completion_carries_the_e_invoice_link_of_its_charge()
    {
        Assert.Equal(
            [
                "POS SALES SLIP", "CUSTOMER COPY", Rule,
                "MERCHANT NAME:", "DEMO STORE", "MID:             123456789012345", "TID:                    12345678", "OPERATOR:                     03", Rule,
                "TYPE:", "COMPLETION", "Card / REFERENCE", "CARD NO:", "622848******0019",
                "BATCH:                    000007", "INVOICE:                  000015", "TRACE:                    000021",
                "RRN:                500000000015", "AUTH:                     B00015", "DATE:        2026/11/25 15:12:00",
                "REMARKS:", "ORIG INVOICE:             000014", "ORIG RRN:           500000000014", "ORIG DATE:                 11/25", "ORIG AUTH:                A00014", Rule,
                "AMOUNT:", "CNY 652.00", Rule,
                "SCAN FOR E-INVOICE",
                "[QR] https://fapiao.example.com/claim?mid=123456789012345&tid=12345678&date=20261125&time=151200&amt=65200&rrn=500000000015&inv=000015&sig="
                    + Link(Completion())[^32..],
            ],
            CustomerCopy(Completion(), Language.English));
    }

    [Fact]
    public void The_Chinese_customer_copy_of_a_completion_carries_the_same_link()
    {
        Assert.Equal(
            [
                "POS签购单", "持卡人存根", Rule,
                "商户名称：", "DEMO STORE", "商户编号：       123456789012345", "终端编号：              12345678", "操作员：                      03", Rule,
                "交易类型：", "预授权完成", "银行卡 / 参考号", "卡号：", "622848******0019",
                "批次号：                  000007", "凭证号：                  000015", "流水号：                  000021",
                "参考号：            500000000015", "授权码：                  B00015", "日期/时间：  2026/11/25 15:12:00",
                "备注：", "原凭证号：                000014", "原参考号：          500000000014", "原交易日期：               11/25", "原授权码：                A00014", Rule,
                "金额：", "CNY 652.00", Rule,
                "扫码开票",
                "[QR] " + Link(Completion()),
            ],
            CustomerCopy(Completion(), Language.Chinese));
    }

    [Fact]
    public void An_offline_completion_advice_carries_the_link_with_its_local_approval_and_no_reference_yet()
    {
        TxnEntry advice = Completion(TxnKind.CompletionAdvice);
        advice.Rrn = string.Empty;
        advice.AuthCode = "A00014";

        string[] english = CustomerCopy(advice, Language.English);
        string[] chinese = CustomerCopy(advice, Language.Chinese);

        Assert.Equal(["AMOUNT:", "CNY 652.00", Rule, "SCAN FOR E-INVOICE", "[QR] " + Link(advice)], english[^5..]);
        Assert.Equal(["金额：", "CNY 652.00", Rule, "扫码开票", "[QR] " + Link(advice)], chinese[^5..]);
        Assert.Contains("&amt=65200&rrn=&inv=000015&sig=", Link(advice), StringComparison.Ordinal);
        Assert.Equal("COMPL. ADVICE", english[10]);
        Assert.Equal("预授权完成通知", chinese[10]);
    }

    [Theory]
    [InlineData(TxnKind.PreAuth)]
    [InlineData(TxnKind.PreAuthVoid)]
    [InlineData(TxnKind.CompletionVoid)]
    [InlineData(TxnKind.Void)]
    [InlineData(TxnKind.Refund)]
    public void A_hold_a_release_a_void_or_a_refund_carries_no_e_invoice_link(int kind)
    {
        TxnEntry e = Completion(kind);

        Assert.False(EInvoice.Carries(e));
        foreach (int language in new[] { Language.English, Language.Chinese })
        {
            string[] slip = CustomerCopy(e, language);
            Assert.DoesNotContain(slip, l => l.StartsWith("[QR]", StringComparison.Ordinal) || l == "SCAN FOR E-INVOICE" || l == "扫码开票");
        }
    }

    [Fact]
    public void A_sale_and_both_kinds_of_completion_carry_the_link_and_a_sale_the_card_declined_does_not()
    {
        Assert.True(EInvoice.Carries(Completion(TxnKind.Sale)));
        Assert.True(EInvoice.Carries(Completion(TxnKind.Completion)));
        Assert.True(EInvoice.Carries(Completion(TxnKind.CompletionAdvice)));
        TxnEntry declined = Completion(TxnKind.Sale);
        declined.CardDeclined = true;
        Assert.False(EInvoice.Carries(declined));
        TxnEntry pending = Completion(TxnKind.Completion);
        pending.State = TxnState.Pending;
        Assert.False(EInvoice.Carries(pending));
    }
}
