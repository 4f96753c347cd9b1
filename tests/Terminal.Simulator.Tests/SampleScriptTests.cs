using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>
/// The sample key scripts in samples/ play on `terminal run` (the whole terminal, against the acquirer host in the
/// simulator's process) to the receipts in samples/expected/: a sale, a void with the manager password, a
/// settlement. A run is deterministic (seed 1, virtual time), so the documents are compared byte for byte.
/// After a deliberate change to what is printed, regenerate them with TERMINAL_UPDATE_SAMPLES=1.
/// </summary>
[Collection("Console")]
public sealed class SampleScriptTests
{
    private static string Samples => Path.Combine(RepoPaths.Root, "samples");

    [Theory]
    [InlineData("sale", 2, "SALE")]
    [InlineData("void", 2, "VOID")]
    [InlineData("settlement", 3, "BALANCED")]
    public void A_sample_script_plays_to_its_expected_receipts(string script, int documents, string says)
    {
        string outDir = Path.Combine(Path.GetTempPath(), "terminal-sample-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = CliTests.Run("run", "--keys", Path.Combine(Samples, script + ".keys"), "--out", outDir);

            Assert.True(exit == 0, output + error);
            Assert.Contains("loop faults 0", output, StringComparison.Ordinal);
            string printed = string.Join(string.Empty, Directory.EnumerateFiles(outDir, "document-*.txt").Order(StringComparer.Ordinal)
                .Select(f => "=== " + Path.GetFileName(f) + " ===\n" + File.ReadAllText(f)));
            Assert.Equal(documents, Directory.EnumerateFiles(outDir, "document-*.txt").Count());
            Assert.Contains(says, printed, StringComparison.Ordinal);

            string expectedPath = Path.Combine(Samples, "expected", script + ".txt");
            if (Environment.GetEnvironmentVariable("TERMINAL_UPDATE_SAMPLES") == "1")
            {
                File.WriteAllText(expectedPath, printed);
            }

            Assert.Equal(File.ReadAllText(expectedPath), printed);
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    [Fact]
    public void Every_sample_script_has_its_expected_receipts()
    {
        var scripts = Directory.EnumerateFiles(Samples, "*.keys").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(new[] { "sale", "settlement", "void" }, scripts);
        Assert.All(scripts, s => Assert.True(File.Exists(Path.Combine(Samples, "expected", s + ".txt")), s));
    }
}
