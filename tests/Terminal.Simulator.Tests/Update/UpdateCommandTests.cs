using Xunit;

namespace Terminal.Simulator.Tests.Update;

/// <summary>`terminal update`: keygen, sign, verify, demo, run in-process.</summary>
[Collection("Console")]
public sealed class UpdateCommandTests
{
    [Fact]
    public void Keygen_sign_and_verify_make_an_image_the_public_key_accepts_and_a_changed_one_it_refuses()
    {
        string dir = Directory.CreateTempSubdirectory("update-cli").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "build.bin"), new byte[3000]);
            var keygen = CliTests.Run("update", "keygen", "--out", dir);
            var sign = CliTests.Run("update", "sign", "--key", Path.Combine(dir, "update-signing.pem"), "--version", "1.2.0",
                "--in", Path.Combine(dir, "build.bin"), "--out", Path.Combine(dir, "terminal-1.2.0.img"));
            var good = CliTests.Run("update", "verify", "--pub", Path.Combine(dir, "update-signing.pub"), Path.Combine(dir, "terminal-1.2.0.img"));
            byte[] image = File.ReadAllBytes(Path.Combine(dir, "terminal-1.2.0.img"));
            image[1000] ^= 0x01;
            File.WriteAllBytes(Path.Combine(dir, "changed.img"), image);
            var changed = CliTests.Run("update", "verify", "--pub", Path.Combine(dir, "update-signing.pub"), Path.Combine(dir, "changed.img"));
            var again = CliTests.Run("update", "keygen", "--out", dir);

            Assert.Equal((0, 0), (keygen.Exit, sign.Exit));
            Assert.Equal(0, good.Exit);
            Assert.Contains("version 1.2.0, valid", good.Out, StringComparison.Ordinal);
            Assert.Equal(1, changed.Exit);
            Assert.Contains("signature does not verify", changed.Out, StringComparison.Ordinal);
            Assert.Equal(2, again.Exit);
            Assert.Contains("not overwriting a signing key", again.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", keygen.Out, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Bundle_packs_the_assemblies_in_order_and_the_signed_image_reads_back_as_that_bundle()
    {
        string dir = Directory.CreateTempSubdirectory("update-bundle").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "Terminal.Lib.pe"), [1, 2, 3]);
            File.WriteAllBytes(Path.Combine(dir, "Terminal.Device.pe"), [4, 5, 6, 7]);
            var keygen = CliTests.Run("update", "keygen", "--out", dir);
            var bundle = CliTests.Run("update", "bundle", "--out", Path.Combine(dir, "app.bundle"), Path.Combine(dir, "Terminal.Lib.pe"), Path.Combine(dir, "Terminal.Device.pe"));
            var sign = CliTests.Run("update", "sign", "--key", Path.Combine(dir, "update-signing.pem"), "--version", "2.0.0",
                "--in", Path.Combine(dir, "app.bundle"), "--out", Path.Combine(dir, "terminal-2.0.0.img"));
            Assert.Equal((0, 0, 0), (keygen.Exit, bundle.Exit, sign.Exit));
            Assert.Contains("2 assemblies (Terminal.Lib, Terminal.Device), entry Terminal.Device.Program", bundle.Out, StringComparison.Ordinal);

            byte[] image = File.ReadAllBytes(Path.Combine(dir, "terminal-2.0.0.img"));
            var flash = new Terminal.Drivers.Simulated.Storage.SimulatedFlash(Terminal.Core.Update.UpdateSlots.SectorsNeeded(1), 4096, 256);
            var slots = new Terminal.Core.Update.UpdateSlots(flash, 0, 1);
            slots.EraseSlot(1);
            slots.Write(1, 0, image, 0, image.Length);
            Assert.Equal(Terminal.Core.Update.ImageCheck.Valid, slots.ReadHeader(1, out _, out int payloadLength));
            var read = new Terminal.Core.Update.FirmwareBundle();
            Assert.True(read.Read(slots, 1, payloadLength), read.Problem);
            Assert.Equal(("Terminal.Device.Program", "Terminal.Lib", 3, "Terminal.Device", 4), (read.EntryType, read.Name(0), read.Length(0), read.Name(1), read.Length(1)));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Sign_refuses_a_version_that_is_not_major_minor_patch()
    {
        var (exit, _, err) = CliTests.Run("update", "sign", "--key", "none.pem", "--version", "1.2", "--in", "none.bin", "--out", "none.img");

        Assert.Equal(2, exit);
        Assert.Contains("MAJOR.MINOR.PATCH", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_update_demo_runs_every_step_as_expected()
    {
        var (exit, output, _) = CliTests.Run("update", "demo");

        Assert.True(exit == 0, output);
        Assert.Contains("rolled back to 1.1.0", output, StringComparison.Ordinal);
        Assert.Contains("none twice", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WRONG", output, StringComparison.Ordinal);
    }
}
