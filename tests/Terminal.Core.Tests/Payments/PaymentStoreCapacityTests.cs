using Terminal.Core.Payments;
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
}
