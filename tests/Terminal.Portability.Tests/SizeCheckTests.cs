using Terminal.NanoSize;
using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>
/// The gate's size check: an assembly that would overflow a table of nanoFramework's metadata processor (or pass
/// 75% of it) fails the normal build, naming the assembly and its figures.
/// </summary>
[Collection(NestedBuilds.Name)]
public sealed class SizeCheckTests : IClassFixture<GateProbe>
{
    private const string Source = """
        namespace Probe
        {
            public static class Sized
            {
                public static string Name(int i) { return i == 0 ? "zero" : i == 1 ? "one" : "many"; }
            }
        }
        """;

    private readonly GateProbe _probe;

    public SizeCheckTests(GateProbe probe) => _probe = probe;

    [Fact]
    public void An_assembly_within_its_budgets_builds()
    {
        var (exit, output) = _probe.BuildWithArguments("SizedOk", Source);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public void An_assembly_over_its_bytecode_budget_fails_the_build_naming_it_and_its_figures()
    {
        var (exit, output) = _probe.BuildWithArguments("SizedOver", Source, "-p:NanoSizeArguments=--method-bodies%2010");

        Assert.NotEqual(0, exit);
        Assert.Matches(@"error NANOSIZE: SizedOver: method bodies \d+ bytes over the budget of 10 \(about \d+ bytes of nanoFramework bytecode", output);
    }

    [Theory]
    [InlineData("--strings", "strings up to")]
    [InlineData("--signatures", "signatures and static data up to")]
    public void An_assembly_over_its_string_or_signature_budget_fails_the_build(string option, string says)
    {
        var (exit, output) = _probe.BuildWithArguments("Sized" + option.Trim('-'), Source, "-p:NanoSizeArguments=" + option + "%2020");

        Assert.NotEqual(0, exit);
        Assert.Contains("error NANOSIZE: Sized" + option.Trim('-') + ": " + says, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_gate_assembly_is_measured_within_the_default_budget()
    {
        // The gates are built with this project (it references them all), in its configuration.
        string configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!)!;
        var gates = Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "portability"), "*.Nano")
            .Select(dir => Path.Combine(dir, "bin", configuration, "netstandard2.0", Path.GetFileName(dir)[..^".Nano".Length] + ".dll"))
            .ToList();

        Assert.True(gates.Count >= 16, "gate projects found: " + gates.Count);
        foreach (string dll in gates)
        {
            Assert.True(File.Exists(dll), dll + " was not built");
            AssemblySize size = AssemblySize.Measure(dll);
            Assert.Equal(Path.GetFileNameWithoutExtension(dll), size.Name);
            Assert.Empty(Budget.Default.Check(size));
        }
    }

    [Fact]
    public void The_bytecode_budget_keeps_the_assumed_ratio_under_75_percent_of_the_table()
    {
        Assert.True(Budget.Default.MethodBodies * Budget.AssumedBytecodeRatio <= Budget.TableBudget);
        Assert.Equal(49_151, Budget.TableBudget);
    }

    [Fact]
    public void Each_table_over_budget_gives_its_own_line()
    {
        var size = new AssemblySize("Big", 60_000, 50_000, 70_000);

        IReadOnlyList<string> over = Budget.Default.Check(size);

        Assert.Equal(3, over.Count);
        Assert.StartsWith("Big: method bodies 60,000 bytes over the budget of 55,000", over[0], StringComparison.Ordinal);
        Assert.StartsWith("Big: strings up to 50,000 bytes", over[1], StringComparison.Ordinal);
        Assert.StartsWith("Big: signatures and static data up to 70,000 bytes", over[2], StringComparison.Ordinal);
    }
}
