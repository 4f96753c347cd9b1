using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>The idle screen's "journal nearly full" warning comes before the journal refuses a sale.</summary>
public sealed class PaymentStoreCapacityTests
{
    [Fact]
    public void Nearly_full_is_said_before_the_journal_refuses_and_not_on_an_empty_one()
    {
        var rig = StoreRig.Provisioned(sectors: 4);
        Assert.False(rig.Store.NearlyFull(5));

        int warnedAt = -1;
        int begun = 0;
        TxnEntry? e;
        while ((e = rig.Store.Begin(StoreRig.SaleTemplate(100 + begun))) != null)
        {
            begun++;
            rig.Store.RecordOutcome(e, true, "00", StoreRig.Rrn(e.Stan), "A00001", 1125, 101501);
            rig.Store.RecordPrinted(e, 1);
            if (warnedAt < 0 && rig.Store.NearlyFull(5))
            {
                warnedAt = begun;
            }
        }

        Assert.True(warnedAt > 0, "warned at all");
        Assert.True(begun - warnedAt >= 3, $"warned at transaction {warnedAt}, refused after {begun}");
    }

    private static TxnEntry OrderTemplate(long amount) => new()
    {
        Kind = TxnKind.Sale, Channel = TxnChannel.WeChat, Mode = EntryMode.QrOrder, Amount = amount, DateMmdd = 1125, TimeHhmmss = 101500,
    };

    // The longest numbers the records keep: an order that fills the journal to its edge with every byte it may write.
    private static readonly string LongOrder = new('7', QrOrderRecord.MaxOrderNumber);

    [Theory]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(6, true)]
    public void An_open_QR_order_on_a_journal_filled_to_the_edge_can_still_be_paid_or_closed_and_the_batch_settled(int sectors, bool paid)
    {
        var rig = StoreRig.Provisioned(sectors);
        int sales = 0;
        while (!rig.Store.NearlyFull(3))
        {
            TxnEntry sale = rig.Store.Begin(StoreRig.SaleTemplate(100 + sales))!;
            sales++;
            Assert.True(rig.Store.RecordOutcome(sale, true, "00", StoreRig.Rrn(sale.Stan), "A00001", 1125, 101501), rig.Store.Problem);
            Assert.True(rig.Store.RecordPrinted(sale, 1), rig.Store.Problem);
        }

        // The order is made (its number journaled); while it waits, what may write beside the settlement's room fills the
        // journal to the edge (the language changed back and forth until the store refuses).
        TxnEntry order = rig.Store.Begin(OrderTemplate(8_800))!;
        Assert.NotNull(order);
        Assert.True(rig.Store.RecordQrOrder(order, LongOrder), rig.Store.Problem);
        int changes = 0;
        while (rig.Store.SetLanguage(changes % 2 == 0 ? Terminal.Core.Ui.Language.Chinese : Terminal.Core.Ui.Language.English))
        {
            changes++;
        }

        // The host says paid (the wallet's order number at its longest, then the approval), or the order is closed, the
        // close answered, and the host reports a payment after all: every record fits, and the settlement still does.
        if (paid)
        {
            Assert.True(rig.Store.RecordWallet(order, TxnChannel.WeChat, LongOrder), $"wallet after {sales} sales, {changes} changes: {rig.Store.Problem}");
            Assert.True(rig.Store.RecordOutcome(order, true, "00", StoreRig.Rrn(order.Stan), "A00001", 1125, 101501), rig.Store.Problem);
            Assert.True(rig.Store.RecordPrinted(order, 1), rig.Store.Problem);
        }
        else
        {
            Assert.True(rig.Store.RecordQrOrderClosed(order, QrOrderEnd.TimedOut), $"close after {sales} sales, {changes} changes: {rig.Store.Problem}");
        }

        Assert.False(rig.Store.NearlyFull(0), "the order's records came out of the settlement's room");
        Assert.Null(rig.Store.OpenQrOrder());
        StoreRig.Settle(rig.Store);
        Assert.True(rig.Store.RecordSettlementPrinted(), rig.Store.Problem);
        Assert.Equal(0, rig.Reboot().Count);
    }
}
