using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Cashier;

/// <summary>A new master key (set-up or a technician's file) wipes the working keys, the track key with them.</summary>
public class TrackKeyProvisioningTests
{
    [Fact]
    public void Provisioning_a_new_master_key_erases_the_track_key_with_the_pin_and_mac_keys()
    {
        var rig = new CashierRig();
        byte[] key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        rig.Keys.Store(KeySlot.Tdk, key, 0, 16);
        rig.Keys.Store(KeySlot.Pik, key, 0, 16);

        Assert.True(rig.App.ProvisionFromConfig("12345678", "898310048990001", Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923"), 0, 16, out string problem), problem);

        Assert.Equal(-1, rig.Keys.Load(KeySlot.Tdk, new byte[24], 0));
        Assert.Equal(-1, rig.Keys.Load(KeySlot.Pik, new byte[24], 0));
        Assert.Equal(-1, rig.Keys.Load(KeySlot.Mak, new byte[24], 0));
    }
}
