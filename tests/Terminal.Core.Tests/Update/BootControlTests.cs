using Terminal.Core.Update;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Update;

public class BootControlTests
{
    [Fact]
    public void The_newest_record_wins_across_many_writes_that_wrap_both_sectors()
    {
        using var fx = new UpdateFixture();
        var (_, control, _, _) = fx.PowerUp();
        control.Load();
        int perSector = fx.Flash.SectorSize / BootControl.RecordLength;
        for (int i = 1; i <= (3 * perSector) + 5; i++)
        {
            control.Write(i % 2 == 0 ? BootState.Confirmed : BootState.Pending, i % 2, 1 - (i % 2), i % 3, i, -1);
        }

        var reloaded = fx.PowerUp().Control;
        Assert.True(reloaded.Load());
        Assert.Equal((3 * perSector) + 5, reloaded.ActiveVersion);
        Assert.Equal(control.Sequence, reloaded.Sequence);
        Assert.Equal(control.ActiveSlot, reloaded.ActiveSlot);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(31)]
    public void A_record_torn_by_a_power_cut_leaves_the_previous_state(int keepBytes)
    {
        using var fx = new UpdateFixture();
        var (_, control, _, _) = fx.PowerUp();
        control.Load();
        control.Write(BootState.Confirmed, 0, -1, 0, 10000, -1);
        fx.Flash.CutPowerAt(0, keepBytes);

        Assert.Throws<PowerLossException>(() => control.Write(BootState.Pending, 1, 0, 0, 10200, -1));

        var reloaded = fx.PowerUp().Control;
        Assert.True(reloaded.Load());
        Assert.Equal((BootState.Confirmed, 0, 10000), (reloaded.State, reloaded.ActiveSlot, reloaded.ActiveVersion));
    }

    [Fact]
    public void A_cut_while_erasing_the_next_sector_leaves_the_newest_record_in_the_full_one()
    {
        using var fx = new UpdateFixture();
        var (_, control, _, _) = fx.PowerUp();
        control.Load();
        int perSector = fx.Flash.SectorSize / BootControl.RecordLength;
        for (int i = 1; i <= 2 * perSector; i++)
        {
            control.Write(BootState.Confirmed, 0, -1, 0, i, -1); // sector 0, then sector 1 full
        }

        fx.Flash.CutPowerAt(0, 1000); // the erase of sector 0 for the next record
        Assert.Throws<PowerLossException>(() => control.Write(BootState.Confirmed, 1, 0, 0, 99999, -1));

        var reloaded = fx.PowerUp().Control;
        Assert.True(reloaded.Load());
        Assert.Equal(2 * perSector, reloaded.ActiveVersion);
        reloaded.Write(BootState.Pending, 1, 0, 0, 77, -1);
        var again = fx.PowerUp().Control;
        again.Load();
        Assert.Equal(77, again.ActiveVersion);
    }
}
