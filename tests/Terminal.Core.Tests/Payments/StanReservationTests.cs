using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>Every STAN, whoever takes it (echo, self-test, sign-in), is covered by a journaled reservation.</summary>
public sealed class StanReservationTests
{
    [Fact]
    public void Stans_taken_outside_the_payment_flows_are_never_reused_after_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        int last = 0;
        for (int i = 0; i < 137; i++)
        {
            // What an echo test or the self-test's host check does: take a STAN straight from the identity.
            last = rig.Store.Identity!.NextStan();
        }

        var after = rig.Reboot();
        int next = after.Identity!.NextStan();

        Assert.True(next > last, $"STAN {next} after a reboot, {last} used before");
    }
}
