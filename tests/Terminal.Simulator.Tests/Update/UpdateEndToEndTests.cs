using System.Security.Cryptography;
using Terminal.Core.Flows;
using Terminal.Core.Update;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Update;

/// <summary>Software update end to end: the simulated terminal and the in-process AcquirerHost over TCP.</summary>
public sealed class UpdateEndToEndTests
{
    private const int V1 = 10000;
    private const int V2 = 10200;

    // On-demand checks only: a background check would run on virtual time racing ahead of the real host.
    private static TerminalRig ReadyRig(Action<TerminalRig>? beforeBoot = null, bool automatic = false)
    {
        var rig = TerminalRig.Start("tcp", new SimulatedBoardOptions { KeepTraceText = true }, firmwareUpdates: true);
        rig.AutomaticUpdateChecks = automatic;
        beforeBoot?.Invoke(rig);
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, "the terminal signs in at boot: " + rig.Pos.LastMessage);
        Assert.Equal(V1, rig.Updates.RunningVersion);
        return rig;
    }

    [Fact]
    public async Task A_published_update_is_downloaded_over_the_host_link_and_runs_confirmed_after_a_reboot()
    {
        await using var rig = ReadyRig();
        rig.PublishUpdate("1.2.0");

        var (result, message) = rig.CheckForUpdate();
        rig.Reboot();

        Assert.Equal(UpdateResult.Installed, result);
        Assert.Contains("restart to run it", message, StringComparison.Ordinal);
        Assert.Equal(V2, rig.Updates.RunningVersion);
        Assert.True(rig.Updates.Decision!.Trial);
        Assert.Equal(BootState.Confirmed, rig.Updates.Control.State);
        Assert.Contains(rig.Board.Trace.Text.Split('\n'), l => l.Contains("1.2.0 confirmed", StringComparison.Ordinal));
        Assert.True(rig.Pos.Engine.SignedIn);
        Assert.Equal("Approved", rig.Sale(100, "swipe:visa"));
    }

    [Fact]
    public async Task The_terminal_checks_for_an_update_by_itself_after_sign_in()
    {
        await using var rig = ReadyRig(r => r.PublishUpdate("1.2.0"), automatic: true);

        // The check starts by itself once signed in; a chunk lost to virtual time outrunning the host is retried and resumed.
        for (int i = 0; i < 100 && rig.Updates.Flow.LastResult != UpdateResult.Installed; i++)
        {
            rig.Board.RunFor(5000);
            rig.Updates.RunWhileBusy();
        }

        Assert.Equal(UpdateResult.Installed, rig.Updates.Flow.LastResult);
    }

    [Fact]
    public async Task An_image_that_fails_its_boot_self_check_is_rolled_back_and_not_installed_again()
    {
        await using var rig = ReadyRig();
        rig.PublishUpdate("1.2.0", failSelfCheck: true);
        Assert.Equal(UpdateResult.Installed, rig.CheckForUpdate().Result);

        rig.Reboot();

        Assert.Equal(V1, rig.Updates.RunningVersion);
        Assert.True(rig.Updates.Decision!.RolledBack);
        Assert.Equal(V2, rig.Updates.Control.FailedVersion);
        Assert.Contains(rig.Board.Trace.Text.Split('\n'), l => l.Contains("rolled back to 1.0.0", StringComparison.Ordinal));
        Assert.True(rig.Pos.Engine.SignedIn);
        var (again, message) = rig.CheckForUpdate();
        Assert.Equal(UpdateResult.Rejected, again);
        Assert.Contains("failed its boot check here before", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_signed_with_another_key_is_rejected_and_the_terminal_keeps_its_version()
    {
        await using var rig = ReadyRig();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        rig.PublishUpdate("1.2.0", key: stranger);

        var (result, message) = rig.CheckForUpdate();
        rig.Reboot();

        Assert.Equal(UpdateResult.Rejected, result);
        Assert.Contains("signature does not verify", message, StringComparison.Ordinal);
        Assert.Equal(V1, rig.Updates.RunningVersion);
        Assert.False(rig.Updates.Decision!.Trial);
    }

    [Fact]
    public async Task A_tampered_image_is_rejected()
    {
        await using var rig = ReadyRig();
        byte[] image = rig.SignedImage("1.2.0");
        image[FirmwareImage.HeaderLength + 4000] ^= 0x20;
        rig.Host.Updates.Publish(image);

        var (result, message) = rig.CheckForUpdate();

        Assert.Equal(UpdateResult.Rejected, result);
        Assert.Contains("signature does not verify", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_image_on_the_host_is_not_a_downgrade_target()
    {
        await using var rig = ReadyRig();
        rig.PublishUpdate("0.9.0");

        var (result, message) = rig.CheckForUpdate();

        Assert.Equal(UpdateResult.UpToDate, result);
        Assert.Contains("host offers 0.9.0", message, StringComparison.Ordinal);
        Assert.Equal(0, rig.Host.Updates.ServedBytes);
    }

    [Fact]
    public async Task A_download_cut_off_midway_resumes_after_a_reboot_without_fetching_the_same_bytes_again()
    {
        await using var rig = ReadyRig();
        byte[] image = rig.PublishUpdate("1.2.0");
        rig.Host.Updates.CutOffAt = 3000;

        var (cut, message) = rig.CheckForUpdate();
        int inFlash = rig.Updates.Flow.Downloaded;
        rig.Host.Updates.CutOffAt = null;
        rig.Reboot();
        var (resumed, resumedMessage) = rig.CheckForUpdate();

        Assert.Equal(UpdateResult.Interrupted, cut);
        Assert.Contains("resumes from there", message, StringComparison.Ordinal);
        Assert.True(inFlash == 2816, $"{inFlash}: {message}"); // 11 chunks of 256; the 12th reaches past the cut
        Assert.True(resumed == UpdateResult.Installed, resumedMessage);
        Assert.Equal(image.Length, rig.Host.Updates.ServedBytes);
        rig.Reboot();
        Assert.Equal(V2, rig.Updates.RunningVersion);
    }

    [Fact]
    public async Task A_power_cut_during_the_install_leaves_the_old_version_running_and_the_update_completes_later()
    {
        await using var rig = ReadyRig();
        rig.PublishUpdate("1.2.0");
        rig.FirmwareFlash!.CutPowerAt(30, 100);

        Assert.Throws<PowerLossException>(() => rig.CheckForUpdate());
        rig.Reboot();
        Assert.Equal(V1, rig.Updates.RunningVersion);
        Assert.Equal(UpdateResult.Installed, rig.CheckForUpdate().Result);
        rig.Reboot();

        Assert.Equal(V2, rig.Updates.RunningVersion);
        Assert.Equal(BootState.Confirmed, rig.Updates.Control.State);
    }

    [Fact]
    public async Task A_link_that_stops_answering_midway_leaves_the_download_to_resume_at_the_next_check()
    {
        await using var rig = ReadyRig();
        byte[] image = rig.PublishUpdate("1.2.0");
        rig.Host.Updates.CutOffAt = 1000;

        var (cut, _) = rig.CheckForUpdate();
        rig.Host.Updates.CutOffAt = null;
        var (resumed, _) = rig.CheckForUpdate();

        Assert.Equal(UpdateResult.Interrupted, cut);
        Assert.Equal(UpdateResult.Installed, resumed);
        Assert.Equal(image.Length, rig.Host.Updates.ServedBytes);
    }
}
