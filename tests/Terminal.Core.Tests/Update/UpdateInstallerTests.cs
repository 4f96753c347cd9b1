using System.Security.Cryptography;
using Terminal.Core.Update;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Update;

public class UpdateInstallerTests
{
    private const int V1 = 10000;
    private const int V2 = 10200;

    [Fact]
    public void A_truncated_download_resumes_after_a_reboot_from_the_chunks_already_in_flash()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        byte[] image = fx.Image(V2, 5000);
        Assert.Equal(ImageCheck.Truncated, UpdateFixture.Install(fx.PowerUp().Installer, running, image, stopAfter: 2048));

        var (_, _, manager, installer) = fx.PowerUp();
        running = manager.Boot();
        int resumeAt = installer.Begin(running.Slot, V2, image.Length, UpdateFixture.Digest(image), 0, UpdateFixture.ChunkSize);

        Assert.Equal(2048, resumeAt);
        Assert.Equal(ImageCheck.Valid, UpdateFixture.Install(installer, running, image));
    }

    [Fact]
    public void A_different_image_announced_mid_download_starts_over()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        UpdateFixture.Install(fx.PowerUp().Installer, running, fx.Image(V2, 5000), stopAfter: 2048);
        byte[] newer = fx.Image(FirmwareImage.Version(1, 3, 0), 5000);

        int resumeAt = fx.PowerUp().Installer.Begin(running.Slot, FirmwareImage.Version(1, 3, 0), newer.Length, UpdateFixture.Digest(newer), 0, UpdateFixture.ChunkSize);

        Assert.Equal(0, resumeAt);
    }

    [Fact]
    public void A_tampered_chunk_is_rejected_and_the_next_attempt_starts_from_zero()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        byte[] image = fx.Image(V2);
        byte[] announced = UpdateFixture.Digest(image);
        byte[] tampered = (byte[])image.Clone();
        tampered[700] ^= 0x40;
        var installer = fx.PowerUp().Installer;
        installer.Begin(running.Slot, V2, image.Length, announced, 0, UpdateFixture.ChunkSize);
        for (int at = 0; at < image.Length; at += UpdateFixture.ChunkSize)
        {
            installer.WriteChunk(at, tampered, at, Math.Min(UpdateFixture.ChunkSize, image.Length - at));
        }

        var check = installer.Finish(running.Version);

        Assert.Equal(ImageCheck.BadSignature, check);
        Assert.Equal(0, fx.PowerUp().Installer.Begin(running.Slot, V2, image.Length, announced, 0, UpdateFixture.ChunkSize));
        Assert.Equal(V1, fx.PowerUp().Manager.Boot().Version);
    }

    [Fact]
    public void An_image_whose_hash_differs_from_the_announced_one_is_rejected()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        byte[] image = fx.Image(V2);
        var installer = fx.PowerUp().Installer;
        installer.Begin(running.Slot, V2, image.Length, new byte[32], 0, UpdateFixture.ChunkSize);
        for (int at = 0; at < image.Length; at += UpdateFixture.ChunkSize)
        {
            installer.WriteChunk(at, image, at, Math.Min(UpdateFixture.ChunkSize, image.Length - at));
        }

        Assert.Equal(ImageCheck.BadDigest, installer.Finish(running.Version));
    }

    [Fact]
    public void An_image_signed_with_the_wrong_key_is_not_installed()
    {
        using var fx = new UpdateFixture();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var running = fx.Factory(fx.Image(V1));
        byte[] image = UpdateFixture.Sign(UpdateFixture.Payload(3000, 5), V2, stranger);

        var check = UpdateFixture.Install(fx.PowerUp().Installer, running, image);

        Assert.Equal(ImageCheck.BadSignature, check);
        var decision = fx.PowerUp().Manager.Boot();
        Assert.Equal((0, V1, false), (decision.Slot, decision.Version, decision.Trial));
    }

    [Theory]
    [InlineData(10000)]
    [InlineData(9999)]
    public void An_older_or_equal_version_is_not_installed(int version)
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));

        var installer = fx.PowerUp().Installer;
        var check = UpdateFixture.Install(installer, running, fx.Image(version));

        Assert.Equal(ImageCheck.VersionRefused, check);
        Assert.Contains("is not newer than 1.0.0", installer.Problem, StringComparison.Ordinal);
        Assert.False(fx.PowerUp().Manager.Boot().Trial);
    }

    [Fact]
    public void An_image_larger_than_a_slot_is_refused_before_anything_is_erased()
    {
        using var fx = new UpdateFixture();
        var running = fx.Factory(fx.Image(V1));
        long before = fx.Flash.Operations;

        int from = fx.PowerUp().Installer.Begin(running.Slot, V2, (UpdateFixture.SlotSectors * 4096) + 1, new byte[32], 0, UpdateFixture.ChunkSize);

        Assert.Equal(-1, from);
        Assert.Equal(before, fx.Flash.Operations);
    }

    [Fact]
    public void A_power_cut_at_any_flash_operation_of_an_install_leaves_a_bootable_image_and_the_install_completes()
    {
        int installOps;
        using (var clean = new UpdateFixture())
        {
            var running = clean.Factory(clean.Image(V1));
            long before = clean.Flash.Operations;
            Assert.Equal(ImageCheck.Valid, UpdateFixture.Install(clean.PowerUp().Installer, running, clean.Image(V2, 5000)));
            installOps = (int)(clean.Flash.Operations - before);
        }

        Assert.True(installOps > 30);
        foreach (int keepBytes in new[] { 0, 5, 200 })
        {
            for (int cut = 0; cut < installOps; cut++)
            {
                using var fx = new UpdateFixture();
                byte[] v2 = fx.Image(V2, 5000);
                var running = fx.Factory(fx.Image(V1));
                fx.Flash.CutPowerAt(cut, keepBytes);
                Assert.Throws<PowerLossException>(() => UpdateFixture.Install(fx.PowerUp().Installer, running, v2));

                // Power back: the old image (or, if the cut came after the commit, the new one on trial) runs.
                var (_, _, manager, installer) = fx.PowerUp();
                var decision = manager.Boot();
                Assert.True(decision.Slot >= 0, $"cut {cut}/{keepBytes}: {decision.Message}");
                if (!decision.Trial)
                {
                    Assert.Equal(V1, decision.Version);
                    Assert.Equal(ImageCheck.Valid, UpdateFixture.Install(installer, decision, v2));
                    (_, _, manager, _) = fx.PowerUp();
                    decision = manager.Boot();
                }

                Assert.True(decision.Trial, $"cut {cut}/{keepBytes}: {decision.Message}");
                Assert.Equal(V2, decision.Version);
                manager.Confirm();
                var final = fx.PowerUp().Manager.Boot();
                Assert.Equal((1, V2, false), (final.Slot, final.Version, final.Trial));
            }
        }
    }

    [Fact]
    public void A_power_cut_during_the_trial_boot_or_its_confirmation_never_leaves_the_terminal_without_a_valid_image()
    {
        for (int cut = 0; cut < 2; cut++)
        {
            using var fx = new UpdateFixture();
            var running = fx.Factory(fx.Image(V1));
            UpdateFixture.Install(fx.PowerUp().Installer, running, fx.Image(V2));
            fx.Flash.CutPowerAt(cut, 7); // 0: the trial-count record, 1: the confirmation
            Assert.Throws<PowerLossException>(() =>
            {
                var manager = fx.PowerUp().Manager;
                manager.Boot();
                manager.Confirm();
            });

            var (_, control, again, _) = fx.PowerUp();
            var decision = again.Boot();

            // A cut before the trial was counted retries the trial; a cut after it counts as a failed trial (rolled back, remembered).
            Assert.True(decision.Slot >= 0);
            Assert.True(cut == 0 ? decision.Trial && decision.Version == V2 : decision.RolledBack && decision.Version == V1 && control.FailedVersion == V2,
                $"cut {cut}: {decision.Message}");
        }
    }
}
