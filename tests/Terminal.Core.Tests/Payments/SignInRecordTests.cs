using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// The last sign-in help shows (its batch and time) is journaled: it outlives a reboot and the compaction of
/// settlements, and a newer sign-in replaces it.
/// </summary>
public sealed class SignInRecordTests
{
    private static readonly DateTime Morning = new(2026, 11, 25, 8, 30, 15);

    [Fact]
    public void A_sign_in_outlives_reboots_and_settlements_and_the_next_one_replaces_it()
    {
        StoreRig rig = StoreRig.Provisioned();
        Assert.Equal(0, rig.Store.LastSignInBatch);

        Assert.True(rig.Store.RecordSignIn(7, Morning));
        Assert.Equal((7, Morning), (rig.Reboot().LastSignInBatch, rig.Store.LastSignIn));

        long first = rig.Store.Journal.NextSequence;
        for (int i = 0; i < 3; i++)
        {
            StoreRig.Settle(rig.Store);
        }

        Assert.Equal((7, Morning), (rig.Reboot().LastSignInBatch, rig.Store.LastSignIn));

        Assert.True(rig.Store.RecordSignIn(10, Morning.AddHours(9)));
        Assert.Equal((10, Morning.AddHours(9)), (rig.Reboot().LastSignInBatch, rig.Store.LastSignIn));
        Assert.True(rig.Store.Journal.NextSequence > first);
    }

    [Fact]
    public void A_batch_of_zero_is_not_a_sign_in()
    {
        StoreRig rig = StoreRig.Provisioned();

        Assert.False(rig.Store.RecordSignIn(0, Morning));
        Assert.Equal(0, rig.Reboot().LastSignInBatch);
    }
}
