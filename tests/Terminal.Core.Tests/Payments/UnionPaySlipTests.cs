using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// The UnionPay slip's lines, line by line in both languages: issuer and acquirer (发卡行 / 收单行) from F44, the masked
/// expiry, the remarks (备注) of a void, a refund and a fallback swipe, and the refund slip's signature. The expected
/// lines are written out here, from the slip layout of docs/receipts.md.
/// </summary>
public sealed class UnionPaySlipTests
{
    private static readonly DateTime PrintedAt = new(2026, 11, 25, 14, 5, 9);
    private static readonly string Rule = new('-', 32);

    private static TxnEntry Swiped(int kind = TxnKind.Sale, int mode = EntryMode.Swipe) => new()
    {
        Kind = kind,
        Channel = TxnChannel.Card,
        Mode = mode,
        State = TxnState.Approved,
        Invoice = 12,
        Stan = 345,
        Batch = 7,
        Operator = 1,
        Amount = 12800,
        MaskedPan = "621234*********4569",
        Rrn = "332914000123",
        AuthCode = "269911",
        ResponseCode = "00",
        IssuerId = "01020000",
        AcquirerId = "48020000",
        DateMmdd = 1125,
        TimeHhmmss = 140309,
        ExpiryYymm = 2812,
    };

    private static string[] Slip(TxnEntry e, int language, int copy)
    {
        var paper = new LinePaper();
        var receipts = new ReceiptPrinter(paper, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678")) { Language = language };
        Assert.True(receipts.PrintTransaction(e, copy, reprint: false, PrintedAt));
        return [.. paper.Lines];
    }

    [Fact]
    public void A_swiped_sale_prints_issuer_acquirer_and_the_masked_expiry_under_the_card_number()
    {
        Assert.Equal(
            [
                "POS SALES SLIP", "CUSTOMER COPY", Rule,
                "MERCHANT NAME:", "DEMO STORE", "MID:             123456789012345", "TID:                    12345678", "OPERATOR:                     01", Rule,
                "TYPE:", "SALE", "Card / SWIPE", "CARD NO:", "621234*********4569 /S",
                "ISSUER:            01020000 ICBC", "ACQUIRER:      48020000 CHINAUMS", "EXP DATE:                  **/**",
                "BATCH:                    000007", "INVOICE:                  000012", "TRACE:                    000345",
                "RRN:                332914000123", "AUTH:                     269911", "DATE:        2026/11/25 14:03:09", Rule,
                "AMOUNT:", "CNY 128.00", Rule,
            ],
            Slip(Swiped(), Language.English, ReceiptPrinter.CustomerCopy));
    }

    [Fact]
    public void The_Chinese_slip_names_the_banks_in_Chinese()
    {
        Assert.Equal(
            [
                "POS签购单", "持卡人存根", Rule,
                "商户名称：", "DEMO STORE", "商户编号：       123456789012345", "终端编号：              12345678", "操作员：                      01", Rule,
                "交易类型：", "消费", "银行卡 / 刷卡", "卡号：", "621234*********4569 /S",
                "发卡行：       01020000 工商银行", "收单行：       48020000 银联商务", "有效期：                   **/**",
                "批次号：                  000007", "凭证号：                  000012", "流水号：                  000345",
                "参考号：            332914000123", "授权码：                  269911", "日期/时间：  2026/11/25 14:03:09", Rule,
                "金额：", "CNY 128.00", Rule,
            ],
            Slip(Swiped(), Language.Chinese, ReceiptPrinter.CustomerCopy));
    }

    [Fact]
    public void An_issuer_the_table_does_not_know_prints_as_its_code_and_none_prints_no_line()
    {
        TxnEntry e = Swiped();
        e.IssuerId = "06540000";
        e.AcquirerId = string.Empty;

        string[] slip = Slip(e, Language.English, ReceiptPrinter.CustomerCopy);

        Assert.Contains("ISSUER:                 06540000", slip);
        Assert.DoesNotContain(slip, l => l.StartsWith("ACQUIRER", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refund_slip_says_what_it_refunds_and_the_merchant_copy_has_the_cardholder_signature()
    {
        TxnEntry refund = Swiped(TxnKind.Refund);
        refund.Amount = 5000;
        refund.AuthCode = string.Empty;
        refund.OriginalRrn = "331012000999";
        refund.OriginalDateMmdd = 1012;

        string[] slip = Slip(refund, Language.English, ReceiptPrinter.MerchantCopy);

        Assert.Equal(
            [
                "RRN:                332914000123", "DATE:        2026/11/25 14:03:09",
                "REMARKS:", "REFUND CNY 50.00 OF SALE:", "ORIG RRN:           331012000999", "ORIG DATE:                 10/12", Rule,
                "AMOUNT:", "CNY -50.00", Rule,
                "CARDHOLDER SIGNATURE:", new string('_', 32), "I AGREE TO THE REFUND ABOVE",
            ],
            slip[Array.IndexOf(slip, "RRN:                332914000123")..]);
    }

    [Fact]
    public void A_Chinese_refund_slip_says_what_it_refunds_in_Chinese()
    {
        TxnEntry refund = Swiped(TxnKind.Refund);
        refund.Amount = 5000;
        refund.AuthCode = string.Empty;
        refund.OriginalRrn = "331012000999";
        refund.OriginalDateMmdd = 1012;

        string[] slip = Slip(refund, Language.Chinese, ReceiptPrinter.MerchantCopy);

        Assert.Equal(
            [
                "备注：", "退货 CNY 50.00，原交易：", "原参考号：          331012000999", "原交易日期：               10/12", Rule,
                "金额：", "CNY -50.00", Rule,
                "持卡人签名：", new string('_', 32), "本人同意以上退货交易",
            ],
            slip[Array.IndexOf(slip, "备注：")..]);
    }

    [Fact]
    public void The_customer_copy_of_a_refund_has_no_signature_line()
    {
        string[] slip = Slip(Swiped(TxnKind.Refund), Language.English, ReceiptPrinter.CustomerCopy);

        Assert.DoesNotContain(slip, l => l.Contains("SIGNATURE", StringComparison.Ordinal));
        Assert.Contains("REMARKS:", slip);
    }

    [Fact]
    public void A_void_slip_remarks_the_invoice_it_voids()
    {
        TxnEntry v = Swiped(TxnKind.Void, EntryMode.Reference);
        v.OriginalInvoice = 11;
        v.OriginalRrn = "332914000120";

        string[] slip = Slip(v, Language.English, ReceiptPrinter.MerchantCopy);

        Assert.Equal(
            ["REMARKS:", "VOID OF INVOICE 000011", "ORIG INVOICE:             000011", "ORIG RRN:           332914000120", Rule],
            slip[Array.IndexOf(slip, "REMARKS:")..(Array.IndexOf(slip, "REMARKS:") + 5)]);
        Assert.Contains("撤销原凭证号 000011 的交易", Slip(v, Language.Chinese, ReceiptPrinter.MerchantCopy));
    }

    [Fact]
    public void A_fallback_swipe_remarks_that_the_chip_was_not_read()
    {
        string[] slip = Slip(Swiped(TxnKind.Sale, EntryMode.Fallback), Language.English, ReceiptPrinter.MerchantCopy);
        string[] zh = Slip(Swiped(TxnKind.Sale, EntryMode.Fallback), Language.Chinese, ReceiptPrinter.MerchantCopy);

        Assert.Equal(["REMARKS:", "FALLBACK: CHIP NOT READ", Rule], slip[Array.IndexOf(slip, "REMARKS:")..(Array.IndexOf(slip, "REMARKS:") + 3)]);
        Assert.Contains("降级交易：芯片读卡失败", zh);
        Assert.DoesNotContain("REMARKS:", Slip(Swiped(), Language.English, ReceiptPrinter.MerchantCopy));
    }
}
