using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// What a chip sale puts on paper: the slip of an inserted sale, of a fallback swipe and of a sale the card declined
/// after the host approved, line by line in both languages; a reprint and the slip of the journal-recovered
/// transaction are the same; the reports count card sales by how the card was read.
/// </summary>
public class ChipReceiptTests
{
    private static readonly DateTime PrintedAt = new(2026, 11, 25, 14, 5, 9);

    private static ReceiptPrinter Receipts(Paper paper, int language) =>
        new(paper, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678")) { Language = language };

    // A chip sale answered and completed by the card, in a store on simulated flash.
    private static (StoreRig Rig, TxnEntry Sale) ChipSale(int mode, int cid)
    {
        var rig = StoreRig.Provisioned();
        TxnEntry template = StoreRig.ChipSaleTemplate(12_800, mode);
        if (!EntryMode.IsChip(mode))
        {
            template.Chip = null;
        }

        TxnEntry sale = rig.Answered(template);
        if (mode == EntryMode.Inserted)
        {
            Assert.True(rig.Store.RecordChipResult(sale, StoreRig.Completion(cid)));
        }

        return (rig, sale);
    }

    private static string[] Slip(TxnEntry e, int language, int copy = ReceiptPrinter.MerchantCopy, bool reprint = false)
    {
        var paper = new Paper();
        Assert.True(Receipts(paper, language).PrintTransaction(e, copy, reprint, PrintedAt));
        return [.. paper.Lines];
    }

    [Fact]
    public void An_inserted_sale_slip_marks_the_card_I_and_prints_the_chip_lines_under_the_amount()
    {
        (_, TxnEntry sale) = ChipSale(EntryMode.Inserted, CryptogramKind.Tc);

        Assert.Equal(
            [
                "POS SALES SLIP", "MERCHANT COPY", Rule,
                "MERCHANT NAME:", "DEMO STORE", "MID:             123456789012345", "TID:                    12345678", "OPERATOR:                     03", Rule,
                "TYPE:", "SALE", "Card / INSERT", "CARD NO:", "622848******0019 /I", "EXP DATE:                  **/**",
                "BATCH:                    000007", "INVOICE:                  000001", "TRACE:                    000001",
                "RRN:                500000000001", "AUTH:                     A00001", "DATE:        2026/11/25 10:15:01", Rule,
                "AMOUNT:", "CNY 128.00", Rule,
                "AID:            A000000333010101", "APP LABEL:            PBOC DEBIT", "TC:             3C9D0E1F2A3B4C5D",
                "TVR:                  0000048000", "TSI:                        F800", "ATC:                        0012", "CARD SEQ NO:                 001", Rule,
                "CARDHOLDER SIGNATURE:", new string('_', 32), "I ACKNOWLEDGE SATISFACTORY", "RECEIPT OF GOODS/SERVICES",
            ],
            Slip(sale, Language.English));
    }

    [Fact]
    public void An_inserted_sale_slip_in_Chinese_carries_the_same_chip_lines_with_Chinese_labels()
    {
        (_, TxnEntry sale) = ChipSale(EntryMode.Inserted, CryptogramKind.Tc);

        Assert.Equal(
            [
                "POS签购单", "持卡人存根", Rule,
                "商户名称：", "DEMO STORE", "商户编号：       123456789012345", "终端编号：              12345678", "操作员：                      03", Rule,
                "交易类型：", "消费", "银行卡 / 插卡", "卡号：", "622848******0019 /I", "有效期：                   **/**",
                "批次号：                  000007", "凭证号：                  000001", "流水号：                  000001",
                "参考号：            500000000001", "授权码：                  A00001", "日期/时间：  2026/11/25 10:15:01", Rule,
                "金额：", "CNY 128.00", Rule,
                "AID:            A000000333010101", "应用标签：            PBOC DEBIT", "TC:             3C9D0E1F2A3B4C5D",
                "TVR:                  0000048000", "TSI:                        F800", "ATC:                        0012", "卡序号：                     001", Rule,
            ],
            Slip(sale, Language.Chinese, ReceiptPrinter.CustomerCopy));
    }

    [Fact]
    public void A_tapped_sale_slip_marks_the_card_C_and_shows_its_ARQC_where_the_card_gave_no_TC()
    {
        (_, TxnEntry sale) = ChipSale(EntryMode.Contactless, CryptogramKind.Tc);

        string[] slip = Slip(sale, Language.English);

        Assert.Contains("622848******0019 /C", slip);
        Assert.Contains("ARQC:           8E3C1A2B4D5E6F70", slip);
        Assert.Contains("ATC:                        0012", slip);
    }

    [Fact]
    public void A_fallback_swipe_slip_says_fallback_and_marks_the_card_S_with_no_chip_lines()
    {
        (_, TxnEntry sale) = ChipSale(EntryMode.Fallback, CryptogramKind.Tc);

        string[] english = Slip(sale, Language.English);
        string[] chinese = Slip(sale, Language.Chinese);

        Assert.Equal(["Card / FALLBACK", "CARD NO:", "622848******0019 /S"], english[11..14]);
        Assert.Equal(["银行卡 / 降级刷卡", "卡号：", "622848******0019 /S"], chinese[11..14]);
        Assert.DoesNotContain(english, l => l.StartsWith("AID:", StringComparison.Ordinal) || l.StartsWith("TVR:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sale_the_card_declined_after_approval_prints_as_not_completed_with_its_reversal_and_no_signature()
    {
        (StoreRig rig, TxnEntry sale) = ChipSale(EntryMode.Inserted, CryptogramKind.Aac);

        string[] pending = Slip(sale, Language.English);
        Assert.True(rig.Store.RecordReversed(sale));
        string[] reversed = Slip(sale, Language.English);

        Assert.Equal(["POS SALES SLIP", "MERCHANT COPY", "TRANSACTION NOT COMPLETED", Rule], pending[..4]);
        Assert.Equal(
            [
                "AMOUNT:", "CNY 128.00", Rule,
                "AID:            A000000333010101", "APP LABEL:            PBOC DEBIT", "AAC:            0A0B0C0D0E0F1011",
                "TVR:                  0000048000", "TSI:                        F800", "ATC:                        0012", "CARD SEQ NO:                 001", Rule,
                "CARD DECLINED AFTER APPROVAL", "REVERSAL PENDING - NOT CHARGED",
            ],
            pending[^13..]);
        Assert.Equal(["CARD DECLINED AFTER APPROVAL", "REVERSED - NOT CHARGED"], reversed[^2..]);
        Assert.DoesNotContain(pending, l => l.Contains("SIGNATURE", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sale_the_card_declined_after_approval_prints_as_not_completed_in_Chinese()
    {
        (StoreRig rig, TxnEntry sale) = ChipSale(EntryMode.Inserted, CryptogramKind.Aac);
        Assert.True(rig.Store.RecordReversed(sale));

        string[] slip = Slip(sale, Language.Chinese);

        Assert.Equal(["POS签购单", "商户存根", "交易未完成", Rule], slip[..4]);
        Assert.Equal(["AAC:            0A0B0C0D0E0F1011", "主机已批准，卡片拒绝", "已冲正，不扣款"], [slip[^8], slip[^2], slip[^1]]);
        Assert.DoesNotContain(slip, l => l.Contains("签名", StringComparison.Ordinal));
    }

    [Fact]
    public void A_declined_sale_that_the_card_did_not_decline_after_approval_still_gets_no_slip()
    {
        (_, TxnEntry sale) = ChipSale(EntryMode.Inserted, CryptogramKind.Aac);
        sale.CardDeclined = false;

        Assert.False(Receipts(new Paper(), Language.English).PrintTransaction(sale, ReceiptPrinter.MerchantCopy, false, PrintedAt));
    }

    [Theory]
    [InlineData(EntryMode.Inserted, CryptogramKind.Tc)]
    [InlineData(EntryMode.Inserted, CryptogramKind.Aac)]
    [InlineData(EntryMode.Contactless, CryptogramKind.Tc)]
    [InlineData(EntryMode.Fallback, CryptogramKind.Tc)]
    public void The_slip_of_the_transaction_recovered_from_the_journal_is_the_one_printed_live(int mode, int cid)
    {
        (StoreRig rig, TxnEntry live) = ChipSale(mode, cid);
        string[] printedLive = Slip(live, Language.Chinese, reprint: true);

        TxnEntry recovered = rig.Reboot().FindInvoice(live.Invoice)!;

        Assert.Equal(printedLive, Slip(recovered, Language.Chinese, reprint: true));
    }

    [Fact]
    public void The_totals_report_counts_card_sales_kept_by_entry_mode_and_the_card_declined_ones_apart()
    {
        var rig = StoreRig.Provisioned(sectors: 16);
        TxnEntry inserted = rig.Answered(StoreRig.ChipSaleTemplate(10_000));
        Assert.True(rig.Store.RecordChipResult(inserted, StoreRig.Completion(CryptogramKind.Tc)));
        TxnEntry declined = rig.Answered(StoreRig.ChipSaleTemplate(20_000));
        Assert.True(rig.Store.RecordChipResult(declined, StoreRig.Completion(CryptogramKind.Aac)));
        Assert.True(rig.Store.RecordReversed(declined));
        rig.Answered(StoreRig.ChipSaleTemplate(300, EntryMode.Contactless));
        rig.Answered(StoreRig.ChipSaleTemplate(400, EntryMode.Contactless));
        rig.Answered(StoreRig.SaleTemplate(500));
        TxnEntry fallback = StoreRig.ChipSaleTemplate(600, EntryMode.Fallback);
        fallback.Chip = null;
        TxnEntry voided = rig.Answered(fallback);
        rig.Answered(StoreRig.VoidTemplate(voided));
        rig.Answered(StoreRig.SaleTemplate(700, TxnChannel.WeChat));
        var totals = new BatchTotals();
        rig.Store.Totals(totals);
        var paper = new Paper();

        Receipts(paper, Language.English).PrintTotalsReport(totals, PrintedAt);

        int at = paper.Lines.IndexOf("CARD SALES KEPT BY ENTRY");
        Assert.Equal(
            [
                "CARD SALES KEPT BY ENTRY",
                "INSERT            1       100.00",
                "CONTACTLESS       2         7.00",
                "SWIPE             1         5.00",
                "FALLBACK          0         0.00",
                "CARD REFUSED      1       200.00",
            ],
            paper.Lines[at..(at + 6)]);
        Assert.Equal((5, 10_000L + 300 + 400 + 500 + 700), (totals.DebitCount, totals.DebitAmount));
        // The sale of 5.00 is of StoreRig's Visa card: the foreign part; the rest are domestic (UnionPay, WeChat Pay).
        Assert.Equal("000000011400" + "004" + new string('0', 15) + "0" + "000000000500" + "001" + new string('0', 15) + "0", totals.Field48());
    }

    [Fact]
    public void The_settlement_report_counts_the_settled_batch_by_entry_mode_after_a_reboot()
    {
        var rig = StoreRig.Provisioned(sectors: 16);
        TxnEntry inserted = rig.Answered(StoreRig.ChipSaleTemplate(10_000));
        Assert.True(rig.Store.RecordChipResult(inserted, StoreRig.Completion(CryptogramKind.Tc)));
        TxnEntry fallback = StoreRig.ChipSaleTemplate(600, EntryMode.Fallback);
        fallback.Chip = null;
        rig.Answered(fallback);
        var totals = new BatchTotals();
        rig.Store.Totals(totals);
        Assert.True(rig.Store.CompleteSettlement(totals, true, 0));

        PaymentStore after = rig.Reboot();
        var paper = new Paper();
        Receipts(paper, Language.Chinese).PrintSettlementReport(after.LastSettled, after.LastSettledAnalysis, true, 0, PrintedAt, true);

        int at = paper.Lines.IndexOf("银行卡有效消费按读卡方式");
        Assert.Equal(
            [
                "银行卡有效消费按读卡方式",
                "插卡              1       100.00",
                "挥卡              0         0.00",
                "刷卡              0         0.00",
                "降级刷卡          1         6.00",
            ],
            paper.Lines[at..(at + 5)]);
    }

    [Fact]
    public void A_settled_batch_of_swipes_only_is_journaled_as_before_and_still_counted_as_swiped()
    {
        var rig = StoreRig.Provisioned(sectors: 16);
        rig.Answered(StoreRig.SaleTemplate(500));
        rig.Answered(StoreRig.SaleTemplate(700));
        var totals = new BatchTotals();
        rig.Store.Totals(totals);
        var analysis = new SalesAnalysis();
        analysis.Compute(rig.Store);
        Assert.False(analysis.Modes.BeyondSwipe);
        Assert.True(rig.Store.CompleteSettlement(totals, true, 0));

        SalesAnalysis settled = rig.Reboot().LastSettledAnalysis;

        Assert.Equal((2, 1_200L), (settled.Modes.Count(EntryMode.Swipe), settled.Modes.Amount(EntryMode.Swipe)));

        // The same batch with one sale inserted instead writes the entry-mode section; the swipes-only one does not.
        var chipRig = StoreRig.Provisioned(sectors: 16);
        chipRig.Answered(StoreRig.SaleTemplate(500));
        TxnEntry inserted = chipRig.Answered(StoreRig.ChipSaleTemplate(700));
        Assert.True(chipRig.Store.RecordChipResult(inserted, StoreRig.Completion(CryptogramKind.Tc)));
        var chipAnalysis = new SalesAnalysis();
        chipAnalysis.Compute(chipRig.Store);
        byte[] b = new byte[SalesAnalysis.MaxEncoded];
        Assert.Equal(analysis.Encode(b, 0, b.Length) + CardModeTotals.EncodedSize, chipAnalysis.Encode(b, 0, b.Length));
    }

    [Fact]
    public void The_detail_report_marks_each_card_line_with_its_entry_and_the_card_declined_sale()
    {
        var rig = StoreRig.Provisioned(sectors: 16);
        TxnEntry declined = rig.Answered(StoreRig.ChipSaleTemplate(20_000));
        Assert.True(rig.Store.RecordChipResult(declined, StoreRig.Completion(CryptogramKind.Aac)));
        rig.Answered(StoreRig.ChipSaleTemplate(300, EntryMode.Contactless));
        var paper = new Paper();

        Receipts(paper, Language.English).PrintDetailReport(rig.Store, PrintedAt);

        int at = paper.Lines.FindIndex(l => l.StartsWith("000001 SALE", StringComparison.Ordinal));
        Assert.Equal(
            [
                "000001 SALE               200.00",
                "Card /I         622848******0019",
                "  REVERSAL PENDING",
                "  CARD DECLINED AFTER APPROVAL",
                "000002 SALE                 3.00",
                "Card /C         622848******0019",
            ],
            paper.Lines[at..(at + 6)]);
    }

    [Theory]
    [InlineData(32, Language.English)]
    [InlineData(48, Language.English)]
    [InlineData(32, Language.Chinese)]
    [InlineData(48, Language.Chinese)]
    public void Every_line_of_a_chip_slip_and_the_reports_fits_the_paper(int columns, int language)
    {
        (StoreRig rig, TxnEntry declined) = ChipSale(EntryMode.Inserted, CryptogramKind.Aac);
        declined.Chip!.Label = new string('W', ChipData.MaxLabel);
        declined.Chip.SetAid(new byte[ChipData.MaxAid], 0, ChipData.MaxAid);
        declined.Amount = Money.DefaultMaximum;
        TxnEntry fallback = StoreRig.ChipSaleTemplate(Money.DefaultMaximum, EntryMode.Fallback);
        fallback.Chip = null;
        rig.Answered(fallback);
        var totals = new BatchTotals();
        rig.Store.Totals(totals);
        var analysis = new SalesAnalysis();
        analysis.Compute(rig.Store);
        var paper = new Paper(columns);
        ReceiptPrinter receipts = Receipts(paper, language);

        receipts.PrintTransaction(declined, ReceiptPrinter.MerchantCopy, true, PrintedAt);
        receipts.PrintTransaction(rig.Store.At(1), ReceiptPrinter.MerchantCopy, true, PrintedAt);
        receipts.PrintTotalsReport(totals, PrintedAt);
        receipts.PrintDetailReport(rig.Store, PrintedAt);
        receipts.PrintSettlementReport(totals, analysis, true, 0, PrintedAt, true);
        receipts.PrintSalesAnalysis(analysis, totals, PrintedAt);

        Assert.All(paper.Lines, l => Assert.True(ReceiptPrinter.TextWidth(l) <= (l.StartsWith("CNY ", StringComparison.Ordinal) ? columns / 2 : columns), $"'{l}' is wider than {columns} columns"));
        Assert.Contains(paper.Lines, l => l.EndsWith(new string('0', 32), StringComparison.Ordinal)); // the longest AID, whole
    }

    private static readonly string Rule = new('-', 32);
}
