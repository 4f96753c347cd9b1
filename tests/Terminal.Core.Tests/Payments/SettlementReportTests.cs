using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// The settlement (Z) report's terminal-and-host block, line by line in both languages: each part (domestic, foreign)
/// marked, debits and credits as count/amount under TERMINAL and HOST, what differed, and what the batch upload sent.
/// </summary>
public sealed class SettlementReportTests
{
    private static readonly DateTime PrintedAt = new(2026, 11, 25, 21, 30, 0);
    private static readonly string Rule = new('-', 32);

    // Four debits (two UnionPay 48.00, two Visa 30.00) and a Visa refund of 3.00; the host's books lack one Visa sale of 20.00.
    private static (BatchTotals Totals, SettlementSides Sides) Unbalanced()
    {
        var totals = new BatchTotals
        {
            Batch = 7, DebitCount = 4, DebitAmount = 7_800, CreditCount = 1, CreditAmount = 300,
            ForeignDebitCount = 2, ForeignDebitAmount = 3_000, ForeignCreditCount = 1, ForeignCreditAmount = 300,
        };
        var sides = new SettlementSides();
        sides.SetTerminal(totals);
        Assert.True(sides.ReadAnswer("000000004800" + "002" + "000000000000" + "000" + "1" + "000000001000" + "001" + "000000000300" + "001" + "2"));
        return (totals, sides);
    }

    private static string[] Report(BatchTotals totals, SettlementSides? sides, bool balanced, int uploads, int language)
    {
        var paper = new LinePaper();
        new ReceiptPrinter(paper, new ReceiptHeader("DEMO STORE", "123456789012345", "12345678")) { Language = language }
            .PrintSettlementReport(totals, null, sides, balanced, uploads, PrintedAt, reprint: false);
        return [.. paper.Lines];
    }

    private static string[] From(string[] lines, string first, int count) => lines[Array.IndexOf(lines, first)..(Array.IndexOf(lines, first) + count)];

    [Fact]
    public void An_unbalanced_report_shows_both_sides_per_part_what_differed_and_what_the_upload_sent()
    {
        (BatchTotals totals, SettlementSides sides) = Unbalanced();

        Assert.Equal(
            [
                "TERMINAL AND HOST BY CARD",
                "            TERMINAL        HOST",
                "DOMESTIC CARDS: BALANCED",
                "DEBIT        2/48.00     2/48.00",
                "CREDIT        0/0.00      0/0.00",
                "FOREIGN CARDS: UNBALANCED",
                "DEBIT        2/30.00     1/10.00",
                "CREDIT        1/3.00      1/3.00",
                "DIFFERS: DEBIT COUNT",
                "DIFFERS: DEBIT AMOUNT",
                Rule,
                "UNBALANCED - 5 uploaded",
                "BATCH UPLOAD: 5 TXNS + END",
                "DEBIT             4        78.00",
                "CREDIT            1         3.00",
                "AFTER UPLOAD: SETTLED",
                Rule,
                "Z REPORT - batch closed",
            ],
            From(Report(totals, sides, balanced: false, uploads: 5, Language.English), "TERMINAL AND HOST BY CARD", 18));
    }

    [Fact]
    public void The_Chinese_report_shows_the_same_in_Chinese()
    {
        (BatchTotals totals, SettlementSides sides) = Unbalanced();

        Assert.Equal(
            [
                "终端与主机对账（按卡别）",
                "                终端        主机",
                "内卡：对账平",
                "借记         2/48.00     2/48.00",
                "贷记          0/0.00      0/0.00",
                "外卡：对账不平",
                "借记         2/30.00     1/10.00",
                "贷记          1/3.00      1/3.00",
                "不符：借记 笔数",
                "不符：借记 金额",
                Rule,
                "对账不平 - 已批上送 (5 笔)",
                "批上送：5 笔 + 结束",
                "借记              4        78.00",
                "贷记              1         3.00",
                "批上送后：结算完成",
            ],
            From(Report(totals, sides, balanced: false, uploads: 5, Language.Chinese), "终端与主机对账（按卡别）", 16));
    }

    [Theory]
    [InlineData(Language.English, "DEBIT", "TERMINAL", "HOST")]
    [InlineData(Language.Chinese, "借记", "终端", "主机")]
    public void Figures_too_wide_for_the_two_columns_go_under_the_label_a_side_a_line(int language, string debit, string terminal, string host)
    {
        // A batch of hundreds of debits in the hundreds of millions: count/amount takes 16 columns, two do not fit beside a label.
        var totals = new BatchTotals { Batch = 7, DebitCount = 600, DebitAmount = 59_999_999_400 };
        var sides = new SettlementSides();
        sides.SetTerminal(totals);
        Assert.True(sides.ReadAnswer("059999999400" + "600" + "000000000000" + "000" + "1" + new string('0', 30) + "1"));

        string[] report = Report(totals, sides, balanced: true, uploads: 0, language);

        int at = Array.IndexOf(report, debit);
        Assert.Equal(
            [debit, ReceiptPrinter.AlignPair("  " + terminal, "600/599999994.00", 32)!, ReceiptPrinter.AlignPair("  " + host, "600/599999994.00", 32)!],
            report[at..(at + 3)]);
    }

    [Fact]
    public void A_balanced_report_marks_both_parts_balanced_and_says_nothing_of_an_upload()
    {
        var totals = new BatchTotals { Batch = 7, DebitCount = 2, DebitAmount = 4_800 };
        var sides = new SettlementSides();
        sides.SetTerminal(totals);
        Assert.True(sides.ReadAnswer("000000004800" + "002" + "000000000000" + "000" + "1" + new string('0', 30) + "1"));

        string[] report = Report(totals, sides, balanced: true, uploads: 0, Language.English);

        Assert.Contains("DOMESTIC CARDS: BALANCED", report);
        Assert.Contains("FOREIGN CARDS: BALANCED", report);
        Assert.Contains("CREDIT        0/0.00      0/0.00", report);
        Assert.DoesNotContain(report, l => l.StartsWith("DIFFERS", StringComparison.Ordinal) || l.StartsWith("BATCH UPLOAD", StringComparison.Ordinal));
        Assert.Contains("BALANCED", report);
    }

    [Fact]
    public void A_report_of_a_batch_whose_host_side_was_not_kept_says_so()
    {
        string[] report = Report(new BatchTotals { Batch = 7 }, new SettlementSides(), balanced: true, uploads: 0, Language.English);

        Assert.Equal(["TERMINAL AND HOST BY CARD", "HOST FIGURES NOT KEPT", Rule, "BALANCED"], From(report, "TERMINAL AND HOST BY CARD", 4));
    }
}
