using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Tests.Payments;

public class ReceiptPrinterTests
{
    private const string FullPan = "6222021234567890123";
    private const string MaskedPan = "622202*********0123";
    private static readonly DateTime PrintedAt = new(2026, 11, 25, 14, 5, 9);

    private readonly RecordingPrinter _paper = new(columns: 32);
    private readonly ReceiptPrinter _receipts;

    public ReceiptPrinterTests()
    {
        _receipts = new ReceiptPrinter(_paper, new ReceiptHeader("DEMO STORE 示例商户", "123456789012345", "12345678"));
    }

    private static TxnEntry Sale(long fen = 1234, int channel = TxnChannel.Card) => new()
    {
        Kind = TxnKind.Sale,
        Channel = channel,
        Mode = channel == TxnChannel.Card ? EntryMode.Contactless : EntryMode.Qr,
        State = TxnState.Approved,
        Invoice = 12,
        Stan = 345,
        Batch = 7,
        Operator = 1,
        Amount = fen,
        MaskedPan = MaskedPan,
        Rrn = "332914000123",
        AuthCode = "A1B2C3",
        ResponseCode = "00",
        DateMmdd = 1125,
        TimeHhmmss = 140309,
        ExpiryYymm = 2812,
    };

    private static TxnEntry Void() => new()
    {
        Kind = TxnKind.Void,
        Channel = TxnChannel.Card,
        Mode = EntryMode.Reference,
        State = TxnState.Approved,
        Invoice = 13,
        Stan = 346,
        Batch = 7,
        Amount = 1234,
        MaskedPan = MaskedPan,
        Rrn = "332914000124",
        DateMmdd = 1125,
        TimeHhmmss = 141000,
        OriginalStan = 345,
        OriginalBatch = 7,
        OriginalInvoice = 12,
        OriginalRrn = "332914000123",
    };

    private static TxnEntry Refund() => new()
    {
        Kind = TxnKind.Refund,
        Channel = TxnChannel.Card,
        Mode = EntryMode.Contactless,
        State = TxnState.Approved,
        Invoice = 14,
        Stan = 347,
        Batch = 7,
        Amount = 500,
        MaskedPan = MaskedPan,
        Rrn = "332914000125",
        DateMmdd = 1125,
        TimeHhmmss = 142000,
        OriginalRrn = "331012000999",
        OriginalDateMmdd = 1012,
    };

    [Fact]
    public void A_card_slip_shows_the_masked_number_exactly_as_stored()
    {
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);

        // Followed by the mark of how the card was read (a tapped card: /C).
        Assert.Contains(MaskedPan + " /C", _paper.Texts);
        Assert.DoesNotContain(_paper.Texts, t => t.Contains(FullPan, StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_number_put_in_the_masked_field_by_mistake_is_still_printed_masked()
    {
        TxnEntry sale = Sale();
        sale.MaskedPan = FullPan;

        _receipts.PrintTransaction(sale, ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);

        Assert.Contains(MaskedPan + " /C", _paper.Texts);
        Assert.DoesNotContain(_paper.Texts, t => t.Contains("2021234567", StringComparison.Ordinal));
    }

    [Fact]
    public void The_expiry_date_is_printed_only_masked()
    {
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);

        Assert.Contains("EXP DATE:                  **/**", _paper.Texts);
        Assert.DoesNotContain(_paper.Texts, t => t.Contains("2812", StringComparison.Ordinal) || t.Contains("28/12", StringComparison.Ordinal) || t.Contains("12/28", StringComparison.Ordinal));
    }

    [Fact]
    public void Copy_one_is_the_merchant_copy_and_copy_two_the_customer_copy()
    {
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);
        string merchant = _paper.Document(0);
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);
        string customer = _paper.Document(1);

        Assert.Contains("MERCHANT COPY", merchant, StringComparison.Ordinal);
        Assert.DoesNotContain("CUSTOMER COPY", merchant, StringComparison.Ordinal);
        Assert.Contains("CUSTOMER COPY", customer, StringComparison.Ordinal);
        Assert.DoesNotContain("MERCHANT COPY", customer, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_slip_ends_with_a_feed_and_a_cut()
    {
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);

        int firstCut = _paper.Log.IndexOf("cut");
        Assert.Equal(2, _paper.Cuts);
        Assert.Equal("feed", _paper.Log[firstCut - 1]);
        Assert.Equal(["feed", "cut"], _paper.Log.Skip(_paper.Log.Count - 2));
    }

    [Fact]
    public void A_sale_slip_shows_the_amount_large_and_bold()
    {
        _receipts.PrintTransaction(Sale(1234), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);

        RecordingPrinter.Line amount = Assert.Single(_paper.Lines, l => l.Text == "CNY 12.34");
        Assert.Equal(TextStyle.Large | TextStyle.Bold, amount.Style);
    }

    [Fact]
    public void A_void_slip_shows_a_negative_amount_and_the_original_invoice_and_reference()
    {
        _receipts.PrintTransaction(Void(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);

        Assert.Contains("CNY -12.34", _paper.Texts);
        Assert.Contains("VOID", _paper.Texts);
        Assert.Contains(_paper.Texts, t => t.StartsWith("ORIG INVOICE:", StringComparison.Ordinal) || t == "000012");
        Assert.Contains(_paper.Texts, t => t.EndsWith("332914000123", StringComparison.Ordinal) && t.StartsWith("ORIG RRN:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refund_slip_shows_a_negative_amount_and_the_original_reference_and_date()
    {
        _receipts.PrintTransaction(Refund(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);

        Assert.Contains("CNY -5.00", _paper.Texts);
        Assert.Contains("REFUND", _paper.Texts);
        Assert.Contains(_paper.Texts, t => t.StartsWith("ORIG RRN:", StringComparison.Ordinal) && t.EndsWith("331012000999", StringComparison.Ordinal));
        Assert.Contains(_paper.Texts, t => t.StartsWith("ORIG DATE:", StringComparison.Ordinal) && t.EndsWith("10/12", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reprint_carries_the_reprint_banner_and_an_original_print_does_not()
    {
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);
        string original = _paper.Document(0);
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.CustomerCopy, reprint: true, PrintedAt);
        string again = _paper.Document(1);

        Assert.DoesNotContain("REPRINT", original, StringComparison.Ordinal);
        Assert.Contains("REPRINT", again, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_merchant_copy_of_a_card_sale_has_a_signature_line_of_the_sales()
    {
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);
        _receipts.PrintTransaction(Sale(channel: TxnChannel.WeChat), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);
        _receipts.PrintTransaction(Void(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);

        Assert.Equal(
            [true, false, false, false],
            Enumerable.Range(0, 4).Select(i => _paper.Document(i).Contains("SIGNATURE", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TxnState.Declined)]
    [InlineData(TxnState.Pending)]
    [InlineData(TxnState.ReversalPending)]
    [InlineData(TxnState.Reversed)]
    public void A_transaction_that_is_not_approved_gets_no_slip(int state)
    {
        TxnEntry sale = Sale();
        sale.State = state;

        bool printed = _receipts.PrintTransaction(sale, ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);

        Assert.False(printed);
        Assert.Empty(_paper.Log);
    }

    [Fact]
    public void The_slip_carries_the_merchant_terminal_and_transaction_numbers()
    {
        _receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);
        string slip = _paper.Document(0);

        foreach (string expected in new[] { "DEMO STORE 示例商户", "123456789012345", "12345678", "SALE", "Card / CONTACTLESS", "000007", "000012", "000345", "332914000123", "A1B2C3", "2026/11/25 14:03:09" })
        {
            Assert.Contains(expected, slip, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_QR_payment_slip_labels_the_number_as_the_payment_code()
    {
        _receipts.PrintTransaction(Sale(channel: TxnChannel.Alipay), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);

        Assert.Contains("PAY CODE:", _paper.Texts);
        Assert.Contains("Alipay / QR CODE", _paper.Texts);
    }

    [Fact]
    public void A_slip_of_december_reprinted_in_january_carries_last_year()
    {
        TxnEntry sale = Sale();
        sale.DateMmdd = 1231;
        sale.TimeHhmmss = 235959;

        _receipts.PrintTransaction(sale, ReceiptPrinter.CustomerCopy, reprint: true, new DateTime(2027, 1, 1, 0, 10, 0));

        Assert.Contains("2026/12/31 23:59:59", _paper.Document(0), StringComparison.Ordinal);
    }

    // Every document the printer makes, at its widest: every kind of slip (both copies, reprinted, with chip lines, a
    // wallet's order numbers at their longest, a fallback, a sale the card declined after approval), the detail report
    // of a batch holding every kind and state, the totals report, the settlement report with both parts unbalanced on
    // every figure, and the sales analysis; amounts at the terminal's maximum, counts in the hundreds.
    private static void PrintEverything(ReceiptPrinter receipts)
    {
        const long Max = Money.DefaultMaximum;
        var batch = new Batch();
        TxnEntry Kind(int kind, int state = TxnState.Approved)
        {
            TxnEntry e = Sale(Max);
            e.Kind = kind;
            e.Mode = kind == TxnKind.Sale || kind == TxnKind.PreAuth || kind == TxnKind.Refund ? EntryMode.Swipe : EntryMode.Reference;
            e.State = state;
            e.IssuerId = "01020000";
            e.AcquirerId = "48020000";
            e.OriginalInvoice = 999999;
            e.OriginalRrn = "331012000999";
            e.OriginalDateMmdd = 1231;
            e.OriginalAuthCode = kind == TxnKind.Sale || kind == TxnKind.PreAuth || kind == TxnKind.Refund || kind == TxnKind.Void ? string.Empty : "A00014";
            e.Invoice = 999999;
            e.Batch = 999999;
            return e;
        }

        int[] kinds = [TxnKind.Sale, TxnKind.Void, TxnKind.Refund, TxnKind.PreAuth, TxnKind.PreAuthVoid, TxnKind.Completion, TxnKind.CompletionVoid, TxnKind.CompletionAdvice];
        foreach (int kind in kinds)
        {
            foreach (int copy in new[] { ReceiptPrinter.MerchantCopy, ReceiptPrinter.CustomerCopy })
            {
                receipts.PrintTransaction(Kind(kind), copy, reprint: true, PrintedAt, eInvoice: true);
            }
        }

        TxnEntry chip = Kind(TxnKind.Sale);
        chip.Mode = EntryMode.Inserted;
        chip.Chip = new ChipData { Label = "UNIONPAY DEBIT 1", PanSequence = 1, FinalCid = CryptogramKind.Tc };
        chip.Chip.AidLength = 8; // UnionPay's A000000333010101, as long as the schemes' AIDs are
        receipts.PrintTransaction(chip, ReceiptPrinter.MerchantCopy, reprint: true, PrintedAt);
        TxnEntry declined = Kind(TxnKind.Sale, TxnState.ReversalPending);
        declined.CardDeclined = true;
        declined.Mode = EntryMode.Fallback;
        receipts.PrintTransaction(declined, ReceiptPrinter.MerchantCopy, reprint: true, PrintedAt);
        TxnEntry qr = Kind(TxnKind.Sale);
        qr.Channel = TxnChannel.UnionPayQr;
        qr.Mode = EntryMode.QrOrder;
        qr.QrPart().OrderNumber = new string('8', 32);
        qr.QrPart().WalletOrder = new string('4', 32);
        receipts.PrintTransaction(qr, ReceiptPrinter.CustomerCopy, reprint: true, PrintedAt, eInvoice: true);
        var items = new SaleItems();
        items.Add(123456, SaleItems.MaxQuantity, Max / SaleItems.MaxQuantity);
        TxnEntry itemSale = Kind(TxnKind.Sale);
        itemSale.Items = items;
        receipts.PrintTransaction(itemSale, ReceiptPrinter.MerchantCopy, reprint: true, PrintedAt);

        // The batch: each kind approved, and sales in every other state.
        foreach (int kind in kinds)
        {
            TxnEntry e = Kind(kind);
            e.Channel = TxnChannel.UnionPayQr;
            batch.Approve(e);
            batch.Approve(Kind(kind));
        }

        batch.Decline(Kind(TxnKind.Sale));
        batch.Reverse(Kind(TxnKind.Sale));
        TxnEntry pending = batch.Store.Begin(Kind(TxnKind.Sale))!;
        batch.Store.NeedsReversal(pending);
        batch.Store.Begin(Kind(TxnKind.PreAuthVoid));
        receipts.PrintDetailReport(batch.Store, PrintedAt);

        var totals = new BatchTotals { Batch = 999999 };
        for (int i = 0; i < 600; i++)
        {
            foreach (int kind in kinds)
            {
                TxnEntry e = Kind(kind);
                e.Channel = i % TxnChannel.Count;
                totals.Add(e);
            }
        }

        receipts.PrintTotalsReport(totals, PrintedAt);
        var sides = new SettlementSides();
        sides.SetTerminal(totals);
        Assert.True(sides.ReadAnswer("000000000001" + "001" + "000000000001" + "001" + "2" + "000000000001" + "001" + "000000000001" + "001" + "2"));
        var analysis = new SalesAnalysis();
        analysis.Compute(batch.Store);
        receipts.PrintSettlementReport(totals, analysis, sides, balanced: false, uploads: 600, PrintedAt, reprint: true);
        receipts.PrintSettlementReport(totals, analysis, new SettlementSides(), balanced: true, uploads: 0, PrintedAt, reprint: false);
        receipts.PrintSalesAnalysis(analysis, totals, analysis, PrintedAt);
    }

    [Theory]
    [InlineData(32, Language.English)]
    [InlineData(48, Language.English)]
    [InlineData(32, Language.Chinese)]
    [InlineData(48, Language.Chinese)]
    public void Every_line_of_every_document_fits_the_paper_without_being_broken(int columns, int language)
    {
        // The printer wraps what does not fit, so every line it prints fits: the check that only measured printed lines
        // could not fail, and it printed neither the settlement's two sides nor the pre-authorization family, whose long
        // lines ("DIFFERS: DEBIT COUNT, DEBIT AMOUNT", "000015 预授权完成通知 成功 652.00") came out broken in two.
        // What counts is that no line had to be broken (LinesBroken: wrapped, or a label and its value split).
        var paper = new RecordingPrinter(columns);
        var receipts = new ReceiptPrinter(paper, new ReceiptHeader("DEMO STORE 示例商户", "123456789012345", "12345678") { Training = true }) { Language = language };

        PrintEverything(receipts);

        Assert.All(paper.Lines, l => Assert.True(
            ReceiptPrinter.TextWidth(l.Text) <= ((l.Style & TextStyle.Large) != 0 ? columns / 2 : columns),
            $"'{l.Text}' is wider than {columns} columns"));
        Assert.True(receipts.LinesBroken == 0, $"{receipts.LinesBroken} lines broken on {columns} columns:\n" + string.Join("\n", paper.Texts));
        Assert.True(paper.Lines.Count > 1000, $"{paper.Lines.Count} lines");
    }

    [Fact]
    public void A_line_too_long_for_the_paper_is_counted_as_broken()
    {
        var receipts = new ReceiptPrinter(new RecordingPrinter(32), new ReceiptHeader("A MERCHANT NAME FAR TOO LONG FOR ONE LINE", "123456789012345", "12345678"));

        receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);

        Assert.Equal(1, receipts.LinesBroken);
    }

    [Fact]
    public void The_totals_report_shows_each_kind_and_channel_and_the_net_and_keeps_the_batch_open()
    {
        var totals = new BatchTotals { Batch = 7 };
        TxnEntry voided = Sale(1000, TxnChannel.Card);
        voided.Voided = true;
        totals.Add(voided);
        totals.Add(Sale(2000, TxnChannel.Card));
        totals.Add(Sale(350, TxnChannel.WeChat));
        totals.Add(Sale(150, TxnChannel.UnionPayQr));
        TxnEntry v = Void();
        v.Amount = 1000;
        totals.Add(v);
        totals.Add(Refund());

        _receipts.PrintTotalsReport(totals, PrintedAt);

        string[] t = _paper.Texts;
        // Every line says what it counts: SALES has the voided sale too, SALES KEPT (= DEBIT) does not.
        Assert.Contains(Row("SALES", 4, "35.00"), t);
        Assert.Contains(Row("VOIDED", 1, "-10.00"), t);
        Assert.Contains(Row("SALES KEPT", 3, "25.00"), t);
        Assert.Contains(Row("REFUNDS", 1, "-5.00"), t);
        Assert.Contains("SALES KEPT BY CHANNEL", t);
        Assert.Contains(Row("Card", 1, "20.00"), t);
        Assert.Contains("DEBIT=SALES KEPT CREDIT=REFUNDS", t);
        Assert.Contains(Row("WeChat Pay", 1, "3.50"), t);
        Assert.Contains(Row("Alipay", 0, "0.00"), t);
        Assert.Contains(Row("UnionPay QR", 1, "1.50"), t);
        Assert.Contains(Row("DEBIT", 3, "25.00"), t);
        Assert.Contains(Row("CREDIT", 1, "5.00"), t);
        Assert.Contains(ReceiptPrinter.AlignPair("NET:", "20.00", 32), t);
        Assert.Contains("X REPORT - batch stays open", t);
        Assert.Equal(1, _paper.Cuts);
    }

    [Fact]
    public void A_balanced_settlement_report_shows_debits_credits_net_and_closes_the_batch()
    {
        var totals = new BatchTotals { Batch = 7, DebitCount = 3, DebitAmount = 2500, CreditCount = 1, CreditAmount = 500 };

        _receipts.PrintSettlementReport(totals, balanced: true, uploads: 0, PrintedAt, reprint: false);

        string[] t = _paper.Texts;
        Assert.Contains(ReceiptPrinter.AlignPair("BATCH:", "000007", 32), t);
        Assert.Contains(Row("DEBIT", 3, "25.00"), t);
        Assert.Contains(Row("CREDIT", 1, "5.00"), t);
        Assert.Contains(ReceiptPrinter.AlignPair("NET:", "20.00", 32), t);
        Assert.Contains("BALANCED", t);
        Assert.Contains("Z REPORT - batch closed", t);
        Assert.DoesNotContain(t, l => l.Contains("UNBALANCED", StringComparison.Ordinal) || l.Contains("REPRINT", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unbalanced_settlement_report_says_how_many_transactions_were_uploaded()
    {
        var totals = new BatchTotals { Batch = 7, DebitCount = 3, DebitAmount = 2500 };

        _receipts.PrintSettlementReport(totals, balanced: false, uploads: 3, PrintedAt, reprint: true);

        Assert.Contains("UNBALANCED - 3 uploaded", _paper.Texts);
        Assert.Contains("REPRINT", _paper.Texts);
        Assert.DoesNotContain(_paper.Texts, l => l.Contains(" BALANCED", StringComparison.Ordinal) && !l.Contains("UNBALANCED", StringComparison.Ordinal));
    }

    [Fact]
    public void The_detail_report_lists_every_transaction_with_its_state_and_signed_amount()
    {
        var batch = new Batch();
        TxnEntry sale = batch.Approve(Sale(1234));
        TxnEntry @void = Void();
        @void.OriginalStan = sale.Stan;
        @void.OriginalBatch = sale.Batch;
        batch.Approve(@void);
        batch.Approve(Sale(800, TxnChannel.WeChat));
        batch.Decline(Sale(999, TxnChannel.Alipay));
        batch.Approve(Refund());
        batch.Reverse(Sale(777));

        _receipts.PrintDetailReport(batch.Store, PrintedAt);

        string[] t = _paper.Texts;
        int at = Array.IndexOf(t, "INVOICE TYPE              AMOUNT");
        Assert.Equal(
            [
                "INVOICE TYPE              AMOUNT",
                "CHANNEL             CARD/CODE NO",
                "  STATE, WHEN NOT APPROVED",
                new string('-', 32),
                "000001 SALE                12.34", ReceiptPrinter.AlignPair("Card /C", MaskedPan, 32)!, "  VOIDED",
                "000002 VOID               -12.34", ReceiptPrinter.AlignPair("Card", MaskedPan, 32)!,
                "000003 SALE                 8.00", ReceiptPrinter.AlignPair("WeChat Pay", MaskedPan, 32)!,
                "000004 SALE                 9.99", ReceiptPrinter.AlignPair("Alipay", MaskedPan, 32)!, "  DECLINED",
                "000005 REFUND              -5.00", ReceiptPrinter.AlignPair("Card /C", MaskedPan, 32)!,
                "000006 SALE                 7.77", ReceiptPrinter.AlignPair("Card /C", MaskedPan, 32)!, "  REVERSED",
                new string('-', 32),
                "TRANSACTIONS:                  6",
                "NET:                        3.00", // 8.00 settles, minus the 5.00 refund
            ],
            t[at..(at + 22)]);
    }

    [Fact]
    public void The_Chinese_detail_report_names_the_completion_kinds_short_so_each_line_keeps_its_amount()
    {
        var batch = new Batch();
        TxnEntry advice = Sale(65_200);
        advice.Kind = TxnKind.CompletionAdvice;
        advice.Mode = EntryMode.Reference;
        batch.Approve(advice);
        TxnEntry voided = Sale(10_000);
        voided.Kind = TxnKind.CompletionVoid;
        voided.Mode = EntryMode.Reference;
        batch.Approve(voided);
        _receipts.Language = Language.Chinese;

        _receipts.PrintDetailReport(batch.Store, PrintedAt);

        string[] t = _paper.Texts;
        int at = Array.IndexOf(t, "凭证号 类型                 金额");
        Assert.Equal(
            [
                "凭证号 类型                 金额",
                "渠道                 卡号/付款码",
                "  状态（成功不注明）",
                new string('-', 32),
                "000001 完成通知           652.00", ReceiptPrinter.AlignPair("银行卡", MaskedPan, 32)!,
                "000002 完成撤销          -100.00", ReceiptPrinter.AlignPair("银行卡", MaskedPan, 32)!,
            ],
            t[at..(at + 8)]);
        Assert.Equal(0, _receipts.LinesBroken);
    }

    [Fact]
    public void The_detail_report_of_an_empty_batch_says_so()
    {
        var batch = new Batch();

        _receipts.PrintDetailReport(batch.Store, PrintedAt);

        Assert.Contains("NO TRANSACTIONS", _paper.Texts);
        Assert.Equal(1, _paper.Cuts);
    }

    [Fact]
    public void Every_Chinese_character_of_the_documents_reaches_the_paper_through_the_GB18030_table()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM3", 115200);
        var model = new EscPosPrinterModel(device);
        using var printer = new EscPosPrinter(board);
        printer.Start(new NullSink());
        var receipts = new ReceiptPrinter(printer, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678")) { Language = Language.Chinese };
        var totals = new BatchTotals { Batch = 7, DebitCount = 1, DebitAmount = 100 };

        receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: true, PrintedAt);
        receipts.PrintTransaction(Void(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);
        receipts.PrintTransaction(Refund(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);
        long now = Drain(printer, 0); // the driver's queue holds a few documents, not all of them
        receipts.PrintTotalsReport(totals, PrintedAt);
        receipts.PrintSettlementReport(totals, balanced: true, 0, PrintedAt, reprint: false);
        receipts.PrintSettlementReport(totals, balanced: false, 1, PrintedAt, reprint: false);
        now = Drain(printer, now);
        var batch = new Batch();
        batch.Approve(Sale());
        receipts.PrintDetailReport(batch.Store, PrintedAt);
        var analysis = new SalesAnalysis();
        analysis.Compute(batch.Store);
        receipts.PrintSalesAnalysis(analysis, totals, PrintedAt);

        Drain(printer, now);

        Assert.False(printer.Busy);
        Assert.Equal(0, printer.DroppedUnits);
        Assert.Contains("POS签购单", model.TextLines);
        Assert.Contains("销售分析", model.TextLines);
        Assert.DoesNotContain(model.TextLines, l => l.Contains('?', StringComparison.Ordinal));
    }

    [Fact]
    public void A_detail_report_of_a_large_batch_prints_a_page_at_a_time_and_is_cut_once_at_the_end()
    {
        var batch = new Batch();
        for (int i = 0; i < 45; i++)
        {
            batch.Approve(Sale(100 + i));
        }

        int next = _receipts.PrintDetailReport(batch.Store, PrintedAt);
        Assert.Equal((ReceiptPrinter.DetailPageSize, 0), (next, _paper.Cuts));
        next = _receipts.ContinueDetailReport(batch.Store, next);
        Assert.Equal((2 * ReceiptPrinter.DetailPageSize, 0), (next, _paper.Cuts));
        next = _receipts.ContinueDetailReport(batch.Store, next);

        Assert.Equal((45, 1), (next, _paper.Cuts));
        Assert.Equal(
            Enumerable.Range(1, 45).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)),
            _paper.Texts.Where(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^\d{6} SALE ")).Select(t => t[..6]));
    }

    [Fact]
    public void A_detail_report_of_150_transactions_printed_page_by_page_reaches_the_paper_whole_as_one_document()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM3", 115200);
        var model = new EscPosPrinterModel(device);
        using var printer = new EscPosPrinter(board);
        printer.Start(new NullSink());
        var receipts = new ReceiptPrinter(printer, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678"));
        var batch = new Batch();
        for (int i = 0; i < 150; i++)
        {
            batch.Approve(Sale(100 + i, i % TxnChannel.Count));
        }

        long now = 0;
        int next = receipts.PrintDetailReport(batch.Store, PrintedAt);
        while (next < batch.Store.Count)
        {
            now = Drain(printer, now);
            next = receipts.ContinueDetailReport(batch.Store, next);
        }

        Drain(printer, now);

        Assert.Equal(0, printer.DroppedUnits);
        PrintedDocument report = Assert.Single(model.Documents);
        Assert.Equal(150, report.TextLines.Count(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^\d{6} SALE ")));
        Assert.Contains(ReceiptPrinter.AlignPair("TRANSACTIONS:", "150", 32), report.TextLines);
    }

    [Fact]
    public void A_Chinese_sale_slip_carries_the_UnionPay_labels_in_Chinese_and_no_English_ones()
    {
        _receipts.Language = Language.Chinese;

        _receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);

        string[] t = _paper.Texts;
        Assert.Contains("POS签购单", t);
        Assert.Contains("商户存根", t);
        Assert.Contains("商户名称：", t);
        Assert.Contains("交易类型：", t);
        Assert.Contains("消费", t);
        Assert.Contains("银行卡 / 挥卡", t);
        Assert.Contains("卡号：", t);
        Assert.Contains("持卡人签名：", t);
        // The currency is its ISO code in both languages, as every screen shows it.
        Assert.Contains("CNY 12.34", t);
        Assert.DoesNotContain(t, l => l.Contains("MERCHANT", StringComparison.Ordinal) || l.Contains("SALE", StringComparison.Ordinal) || l.Contains("RMB", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Chinese_slip_aligns_its_values_counting_each_Chinese_character_as_two_columns()
    {
        _receipts.Language = Language.Chinese;

        _receipts.PrintTransaction(Refund(), ReceiptPrinter.CustomerCopy, reprint: false, PrintedAt);

        string[] t = _paper.Texts;
        // "商户编号：" is 5 characters but 10 columns: the ID ends exactly at column 32.
        Assert.Contains("商户编号：" + new string(' ', 32 - 10 - 15) + "123456789012345", t);
        Assert.Contains("终端编号：" + new string(' ', 32 - 10 - 8) + "12345678", t);
        Assert.Contains(ReceiptPrinter.AlignPair("凭证号：", "000014", 32), t);
        Assert.Contains(ReceiptPrinter.AlignPair("批次号：", "000007", 32), t);
        Assert.Contains(ReceiptPrinter.AlignPair("参考号：", "332914000125", 32), t);
        Assert.Contains(ReceiptPrinter.AlignPair("原参考号：", "331012000999", 32), t);
        Assert.Contains(ReceiptPrinter.AlignPair("日期/时间：", "2026/11/25 14:20:00", 32), t);
        Assert.Contains("持卡人存根", t);
        Assert.Contains("退货", t);
        Assert.Contains("CNY -5.00", t);
    }

    [Fact]
    public void The_Chinese_totals_and_settlement_reports_use_Chinese_rows()
    {
        _receipts.Language = Language.Chinese;
        var totals = new BatchTotals { Batch = 7, DebitCount = 3, DebitAmount = 2500, CreditCount = 1, CreditAmount = 500 };

        _receipts.PrintSettlementReport(totals, balanced: false, uploads: 3, PrintedAt, reprint: true);

        string[] t = _paper.Texts;
        Assert.Contains("结算单", t);
        Assert.Contains("重打印", t);
        Assert.Contains(Row("借记", 3, "25.00"), t);
        Assert.Contains(Row("贷记", 1, "5.00"), t);
        Assert.Contains(ReceiptPrinter.AlignPair("净额：", "20.00", 32), t);
        Assert.Contains("对账不平 - 已批上送 (3 笔)", t);
    }

    [Fact]
    public void A_Chinese_slip_goes_to_the_printer_as_GB18030_between_FS_ampersand_and_FS_dot()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM3", 115200);
        var model = new EscPosPrinterModel(device);
        using var printer = new EscPosPrinter(board);
        printer.Start(new NullSink());
        var receipts = new ReceiptPrinter(printer, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678")) { Language = Language.Chinese };

        receipts.PrintTransaction(Sale(), ReceiptPrinter.MerchantCopy, reprint: false, PrintedAt);
        Drain(printer, 0);

        byte[] bytes = model.Received.ToArray();
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        byte[] title = System.Text.Encoding.GetEncoding("GB18030").GetBytes("签购单");
        int at = IndexOf(bytes, title);
        Assert.True(at > 0, "签购单 is not on the wire in GB18030");
        int on = LastIndexOf(bytes, [0x1C, 0x26], at);
        int off = IndexOf(bytes, [0x1C, 0x2E], at);
        Assert.True(on >= 0 && off > at, "the GB18030 bytes are not between FS & and FS .");
        Assert.True(IndexOf(bytes[on..off], [0x1C, 0x2E]) < 0, "Chinese mode is switched off before the text");
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from = 0)
    {
        for (int i = from; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private static int LastIndexOf(byte[] haystack, byte[] needle, int before)
    {
        for (int i = before - needle.Length; i >= 0; i--)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private static long Drain(EscPosPrinter printer, long now)
    {
        for (; printer.Busy && now < 10_000_000; now++)
        {
            printer.Poll(now);
        }

        return now;
    }

    [Fact]
    public void The_sales_analysis_labels_every_block_and_says_so_where_a_block_has_no_rows()
    {
        var rig = StoreRig.Provisioned();
        var items = new SaleItems();
        items.Add(1, 2, 500);
        TxnEntry t0 = StoreRig.SaleTemplate(items.Total);
        t0.Items = items;
        TxnEntry e = rig.Store.Begin(t0)!;
        rig.Store.RecordOutcome(e, true, "00", StoreRig.Rrn(e.Stan), "A00001", 1125, 93000);
        var settled = new SalesAnalysis();
        settled.Compute(rig.Store);
        var settledTotals = new BatchTotals();
        rig.Store.Totals(settledTotals);
        settled.Batch = settledTotals.Batch = 1;

        _receipts.PrintSalesAnalysis(new SalesAnalysis { Batch = 2 }, settledTotals, settled, PrintedAt);

        var t = _paper.Texts.ToList();
        int last = t.IndexOf("LAST SETTLED BATCH 000001");
        int open = t.IndexOf("OPEN BATCH 000002");
        Assert.True(open >= 0 && open < last, "the open batch's block is labelled, before the settled one");

        // The open batch sold nothing: its blocks say so under their headings.
        List<string> openPart = t[..last];
        Assert.Equal(2, openPart.Count(l => l == "NO SALES"));
        Assert.Contains("NO SALES BY ITEM CODE", openPart);
        Assert.Contains(Row("SALES KEPT", 0, "0.00"), openPart);

        // The settled batch shows its rows, each block under its heading, and no "none" lines.
        List<string> settledPart = t[last..];
        Assert.Contains(Row("09:00-09:59", 1, "10.00"), settledPart);
        Assert.Contains("BY CHANNEL", settledPart);
        Assert.Contains("BY OPERATOR", settledPart);
        Assert.Contains("TOP ITEMS BY QUANTITY", settledPart);
        Assert.Contains(Row("SALES KEPT", 1, "10.00"), settledPart);
        Assert.DoesNotContain("NO SALES", settledPart);
        Assert.DoesNotContain("NO SALES BY ITEM CODE", settledPart);
    }

    [Fact]
    public void A_settled_batch_without_its_analysis_shows_its_sales_kept_by_channel_from_its_totals()
    {
        var totals = new BatchTotals { Batch = 4, DebitCount = 1, DebitAmount = 1000 };
        totals.SetCell(TxnKind.Sale, TxnChannel.Card, 2, 3000);
        totals.SetCell(TxnKind.Void, TxnChannel.Card, 1, 2000);

        _receipts.PrintSalesAnalysis(new SalesAnalysis { Batch = 5 }, totals, null, PrintedAt);

        var t = _paper.Texts.ToList();
        List<string> settledPart = t[t.IndexOf("LAST SETTLED BATCH 000004")..];
        Assert.Contains("SALES KEPT BY CHANNEL", settledPart);
        Assert.Contains(Row("Card", 1, "10.00"), settledPart);
        Assert.Contains(Row("SALES KEPT", 1, "10.00"), settledPart);
    }

    private static string Row(string label, int count, string amount)
    {
        string right = count.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6) + amount.PadLeft(13);
        return ReceiptPrinter.AlignPair(label, right, 32)!;
    }

    /// <summary>A batch in a payment store on simulated flash, its transactions approved, declined or reversed as a flow would.</summary>
    private sealed class Batch
    {
        public Batch()
        {
            var journal = new JournalLog(new SimulatedFlash(16, 4096, 256), firstSector: 0, sectorCount: 16, maxPayload: 200);
            journal.Mount();
            Store = new PaymentStore(journal);
            Store.Load();
            Assert.True(Store.Provision("12345678", "123456789012345"));
        }

        public PaymentStore Store { get; }

        public TxnEntry Approve(TxnEntry request) => Answer(request, approved: true);

        public TxnEntry Decline(TxnEntry request) => Answer(request, approved: false);

        public TxnEntry Reverse(TxnEntry request)
        {
            TxnEntry e = Store.Begin(request)!;
            Store.NeedsReversal(e);
            Assert.True(Store.RecordReversed(e));
            return e;
        }

        private TxnEntry Answer(TxnEntry request, bool approved)
        {
            TxnEntry e = Store.Begin(request)!;
            Assert.NotNull(e);
            Assert.True(Store.RecordOutcome(e, approved, approved ? "00" : "51", request.Rrn, request.AuthCode, request.DateMmdd, request.TimeHhmmss));
            return e;
        }
    }

    private sealed class NullSink : IEventSink
    {
        public bool Post(EventKind kind, int code, int arg, EventPriority priority) => true;
    }

    /// <summary>An <see cref="IPrinter"/> that records what it is asked to print, for assertions on content.</summary>
    private sealed class RecordingPrinter(int columns) : IPrinter
    {
        public sealed record Line(string Text, TextStyle Style, TextAlign Align);

        public List<Line> Lines { get; } = [];

        public List<string> Log { get; } = [];

        public string[] Texts => [.. Lines.Select(l => l.Text)];

        public int Cuts => Log.Count(l => l == "cut");

        public int Columns { get; } = columns;

        public int WidthDots => Columns * 12;

        public PrinterStatus Status => PrinterStatus.Ready;

        public bool Busy => false;

        /// <summary>The text of the <paramref name="index"/>-th cut-delimited document.</summary>
        public string Document(int index)
        {
            var docs = new List<List<string>> { new() };
            foreach (string entry in Log)
            {
                if (entry == "cut")
                {
                    docs.Add([]);
                }
                else if (entry.StartsWith("line:", StringComparison.Ordinal))
                {
                    docs[^1].Add(entry[5..]);
                }
            }

            return string.Join('\n', docs[index]);
        }

        public void Start(IEventSink sink)
        {
        }

        public void PrintLine(string text, TextStyle style, TextAlign align)
        {
            Lines.Add(new Line(text, style, align));
            Log.Add("line:" + text);
        }

        public void PrintQr(string data, int moduleSize) => Log.Add("qr:" + data);

        public void PrintStoredLogo(int logoId) => Log.Add("logo:" + logoId);

        public void Feed(int lines) => Log.Add("feed");

        public void Cut() => Log.Add("cut");

        public long Poll(long nowMs) => Deadline.Never;

        public void Dispose()
        {
        }
    }
}
