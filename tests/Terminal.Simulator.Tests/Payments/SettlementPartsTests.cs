using AcquirerHost.Rules;
using AcquirerHost.Store;
using Terminal.Core.Payments;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;
using HostTotals = AcquirerHost.Store.BatchTotals;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// Settlement per part end to end: a day with every kind of transaction the terminal has, on domestic and foreign
/// cards, reconciled with the host's own books part by part; and a host that lost a sale, so the report says which
/// part differed and the batch is uploaded.
/// </summary>
public sealed class SettlementPartsTests
{
    // Swiped, inserted and QR domestic sales; tapped and swiped foreign ones; a void of a domestic sale and a refund of a foreign one.
    private static void EveryKind(TerminalRig rig)
    {
        Assert.Equal("Approved", rig.Sale(12800, "swipe:unionpay"));
        Assert.Equal("Approved", rig.Sale(4550, "tap:visa"));
        Assert.Equal("Approved", rig.Sale(2300, "swipe:mastercard"));
        Assert.Equal("Approved", rig.Sale(2300, "scan:134567890123456789"));
        Assert.Equal("Approved", rig.Sale(6660, "scan:284567890123456789"));
        Assert.Equal("Approved", rig.Sale(1200, "scan:6212345678901234567"));
        rig.KeyAmount(6800);
        rig.Present("insert:unionpay-debit");
        rig.EnterPinIfAsked();
        rig.Board.RunWhileHostBusy();
        rig.Board.Withdraw();
        rig.Press(KeyCode.Cancel);
        rig.FinishPrinting();
        Assert.Equal("Approved", rig.Sale(999, "swipe:unionpay"));
        Assert.Equal("Approved", rig.Void(rig.Store.At(rig.Store.Count - 1).Invoice));
        TxnEntry visa = rig.Store.At(1);
        Assert.Equal("Approved", rig.Refund(visa.Rrn, visa.DateMmdd, 1000));
    }

    private static (HostTotals All, HostTotals Foreign) HostBooks(TerminalRig rig, int batch) =>
        rig.Host.Store.InTransaction(tx => (AcquirerStore.Totals(tx, TerminalRig.TerminalId, batch), AcquirerStore.ForeignTotals(tx, TerminalRig.TerminalId, batch)));

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_day_of_every_kind_settles_balanced_in_both_parts_and_agrees_with_the_hosts_books(string link)
    {
        await using var rig = await SaleFlowTests.ReadyRig(link);
        EveryKind(rig);
        int batch = rig.Store.Batch;
        Assert.Equal(TxnState.Approved, rig.Store.At(6).State);
        Assert.Equal(EntryMode.Inserted, rig.Store.At(6).Mode);

        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);

        SettlementSides sides = rig.Store.LastSettledSides;
        Assert.True(sides.HostKnown && sides.Balanced && sides.Agree(SettlementSides.Domestic) && sides.Agree(SettlementSides.Foreign));
        // Domestic: 128.00 swiped, 68.00 inserted and the three QR codes (the voided 9.99 is out); foreign: Visa and
        // Mastercard, and the Visa refund as the one credit.
        Assert.Equal((5, 12800L + 6800 + 2300 + 6660 + 1200), (sides.Count(false, SettlementSides.Domestic, false), sides.Amount(false, SettlementSides.Domestic, false)));
        Assert.Equal((2, 4550L + 2300, 1, 1000L), (sides.Count(false, SettlementSides.Foreign, false), sides.Amount(false, SettlementSides.Foreign, false), sides.Count(false, SettlementSides.Foreign, true), sides.Amount(false, SettlementSides.Foreign, true)));
        var (all, foreign) = HostBooks(rig, batch);
        Assert.Equal(new HostTotals(2, 4550 + 2300, 1, 1000), foreign);
        Assert.Equal(new HostTotals(7, 12800L + 6800 + 2300 + 6660 + 1200 + 4550 + 2300, 1, 1000), all);
        Assert.True(rig.Host.Store.Settlements(TerminalRig.TerminalId).Single().Balanced);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_day_with_the_pre_auth_family_and_qr_orders_on_top_settles_balanced_part_by_part(string link)
    {
        await using var rig = await QrOrderTests.ReadyRig(link);
        EveryKind(rig);
        int batch = rig.Store.Batch;

        // A foreign card's deposit completed online; a domestic one released; a domestic one completed offline (advice);
        // a completion voided; a balance inquiry; a QR order paid (decoded from the panel) and one never paid.
        Assert.Equal("Approved", rig.PreAuth(50_000, "swipe:mastercard"));
        TxnEntry hotel = rig.Store.At(rig.Store.Count - 1);
        Assert.Equal("Approved", rig.Complete(hotel.AuthCode, hotel.DateMmdd, 38_000));
        Assert.Equal("Approved", rig.PreAuth(20_000, "swipe:unionpay"));
        Assert.Equal("Approved", rig.PreAuthVoid(rig.Store.At(rig.Store.Count - 1).Invoice));
        Assert.Equal("Approved", rig.PreAuth(30_000, "swipe:unionpay"));
        TxnEntry rental = rig.Store.At(rig.Store.Count - 1);
        rig.Complete(rental.AuthCode, rental.DateMmdd, 25_000, advice: true);
        Assert.Equal(TxnState.Approved, rig.Store.At(rig.Store.Count - 1).State);
        Assert.Equal("Approved", rig.PreAuth(10_000, "swipe:unionpay"));
        TxnEntry deposit = rig.Store.At(rig.Store.Count - 1);
        Assert.Equal("Approved", rig.Complete(deposit.AuthCode, deposit.DateMmdd, 9_000));
        Assert.Equal("Approved", rig.CompletionVoid(rig.Store.At(rig.Store.Count - 1).Invoice));
        rig.Balance("swipe:unionpay");
        Assert.Equal("Approved", QrOrderTests.PaidOrder(rig, 3_300, 1));
        Assert.Equal("Order closed: not paid", QrOrderTests.UnpaidOrder(rig, 700, 2));

        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);

        SettlementSides sides = rig.Store.LastSettledSides;
        Assert.True(sides.HostKnown && sides.Balanced && sides.Agree(SettlementSides.Domestic) && sides.Agree(SettlementSides.Foreign));
        long domestic = 12800L + 6800 + 2300 + 6660 + 1200 + 25_000 + 3_300;
        Assert.Equal((7, domestic), (sides.Count(false, SettlementSides.Domestic, false), sides.Amount(false, SettlementSides.Domestic, false)));
        Assert.Equal((3, 4550L + 2300 + 38_000, 1, 1000L), (sides.Count(false, SettlementSides.Foreign, false), sides.Amount(false, SettlementSides.Foreign, false), sides.Count(false, SettlementSides.Foreign, true), sides.Amount(false, SettlementSides.Foreign, true)));
        var (all, foreign) = HostBooks(rig, batch);
        Assert.Equal(new HostTotals(3, 4550 + 2300 + 38_000, 1, 1000), foreign);
        Assert.Equal(new HostTotals(10, domestic + 4550 + 2300 + 38_000, 1, 1000), all);
        Assert.True(rig.Host.Store.Settlements(TerminalRig.TerminalId).Single().Balanced);
    }

    [Fact]
    public async Task A_host_that_lost_a_foreign_sale_makes_the_report_name_the_foreign_part_and_what_the_upload_sent()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        Assert.Equal("Approved", rig.Sale(12800, "swipe:unionpay"));
        Assert.Equal("Approved", rig.Sale(4550, "tap:visa"));
        rig.Host.Rules.Add(new ResponseRule { Mti = "0500", Action = RuleAction.Unbalanced, Times = 1 });
        int before = rig.Board.PrinterMechanism.Documents.Count;

        string settled = rig.Settle();
        rig.FinishPrinting();

        Assert.True(settled.Contains("batch upload of 2", StringComparison.Ordinal), settled);
        var report = rig.Board.PrinterMechanism.DocumentsSince(before).Single(d => d.TextLines.Any(l => l.Contains("SETTLEMENT REPORT", StringComparison.Ordinal))).TextLines.ToList();
        int at = report.IndexOf("TERMINAL AND HOST BY CARD");
        Assert.Equal(
            [
                "TERMINAL AND HOST BY CARD",
                "            TERMINAL        HOST",
                "DOMESTIC CARDS: BALANCED",
                "DEBIT       1/128.00    1/128.00",
                "CREDIT        0/0.00      0/0.00",
                "FOREIGN CARDS: UNBALANCED",
                "DEBIT        1/45.50      0/0.00",
                "CREDIT        0/0.00      0/0.00",
                "DIFFERS: DEBIT COUNT",
                "DIFFERS: DEBIT AMOUNT",
                new string('-', 32),
                "UNBALANCED - 2 uploaded",
                "BATCH UPLOAD: 2 TXNS + END",
                "DEBIT             2       173.50",
                "CREDIT            0         0.00",
                "AFTER UPLOAD: SETTLED",
            ],
            report.Skip(at).Take(16));
        var record = rig.Host.Store.Settlements(TerminalRig.TerminalId).Single();
        Assert.True(record.Ended);
        Assert.Equal(2, record.UploadedCount);
    }
}
