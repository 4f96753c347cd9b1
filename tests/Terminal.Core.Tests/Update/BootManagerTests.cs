using Terminal.Core.Update;
using Xunit;

namespace Terminal.Core.Tests.Update;

public class BootManagerTests
{
    private const int V1 = 10000;
    private const int V2 = 10200;

    [Fact]
    public void The_factory_image_in_slot_A_boots_as_the_confirmed_image()
    {
        using var fx = new UpdateFixture();

        var decision = fx.Factory(fx.Image(V1));

        Assert.Equal(0, decision.Slot);
        Assert.Equal(V1, decision.Version);
        Assert.False(decision.Trial);
        Assert.Equal(BootState.Confirmed, fx.PowerUp().Control.Load() ? fx.PowerUp().Control.State : -1);
    }

    [Fact]
    public void An_installed_image_boots_on_trial_in_the_other_slot_and_stays_once_confirmed()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        Assert.Equal(ImageCheck.Valid, UpdateFixture.Install(fx.PowerUp().Installer, running, fx.Image(V2)));

        var (_, _, manager, _) = fx.PowerUp();
        var trial = manager.Boot();
        Assert.True(manager.Confirm());
        var after = fx.PowerUp().Manager.Boot();

        Assert.True(trial.Trial);
        Assert.Equal((1, V2), (trial.Slot, trial.Version));
        Assert.False(after.Trial);
        Assert.Equal((1, V2), (after.Slot, after.Version));
    }

    [Fact]
    public void A_trial_image_that_is_not_confirmed_is_rolled_back_at_the_next_boot()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        UpdateFixture.Install(fx.PowerUp().Installer, running, fx.Image(V2));
        fx.PowerUp().Manager.Boot(); // trial boot; its self-check fails, so no Confirm, and the board resets

        var (_, control, manager, _) = fx.PowerUp();
        var decision = manager.Boot();

        Assert.True(decision.RolledBack);
        Assert.Equal((0, V1), (decision.Slot, decision.Version));
        Assert.Equal(V2, control.FailedVersion);
        Assert.Contains("rolled back to 1.0.0", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_rolled_back_once_is_not_installed_again()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        UpdateFixture.Install(fx.PowerUp().Installer, running, fx.Image(V2));
        fx.PowerUp().Manager.Boot();
        running = fx.PowerUp().Manager.Boot();

        var again = fx.PowerUp().Installer;
        var check = UpdateFixture.Install(again, running, fx.Image(V2));

        Assert.Equal(ImageCheck.VersionRefused, check);
        Assert.Contains("failed its boot check before", again.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_image_whose_slot_went_bad_is_rolled_back_without_running_it()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        UpdateFixture.Install(fx.PowerUp().Installer, running, fx.Image(V2));
        var slots = fx.PowerUp().Slots;
        fx.Flash.Corrupt(slots.SlotAddress(1) + 100, 0x10);

        var decision = fx.PowerUp().Manager.Boot();

        Assert.False(decision.Trial);
        Assert.True(decision.RolledBack);
        Assert.Equal(V1, decision.Version);
        Assert.Contains("signature does not verify", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmed_image_that_went_bad_falls_back_to_the_other_valid_slot()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        UpdateFixture.Install(fx.PowerUp().Installer, running, fx.Image(V2));
        var (_, _, manager, _) = fx.PowerUp();
        manager.Boot();
        manager.Confirm();
        fx.Flash.Corrupt(fx.PowerUp().Slots.SlotAddress(1) + 40, 0x01);

        var decision = fx.PowerUp().Manager.Boot();

        Assert.Equal((0, V1), (decision.Slot, decision.Version));
    }

    [Fact]
    public void Flash_without_any_valid_image_boots_nothing()
    {
        using var fx = new UpdateFixture();

        var decision = fx.PowerUp().Manager.Boot();

        Assert.Equal(-1, decision.Slot);
        Assert.Contains("No valid firmware image", decision.Message, StringComparison.Ordinal);
    }
}
