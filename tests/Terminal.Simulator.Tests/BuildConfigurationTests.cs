using Terminal.Simulator.Cli;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>`bench` and `simulate` say which build their figures come from, and give none from a Debug build unless asked.</summary>
[Collection("Console")]
public sealed class BuildConfigurationTests
{
    [Theory]
    [InlineData("bench")]
    [InlineData("simulate")]
    public void A_debug_build_refuses_to_report_figures(string command)
    {
        string? refusal = BuildConfiguration.Refusal(command, "Debug", allowDebug: false);

        Assert.NotNull(refusal);
        Assert.StartsWith($"{command}: this is a Debug build", refusal, StringComparison.Ordinal);
        Assert.Contains("--allow-debug", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_debug_build_reports_figures_when_asked()
    {
        Assert.Null(BuildConfiguration.Refusal("bench", "Debug", allowDebug: true));
    }

    [Fact]
    public void A_release_build_reports_figures()
    {
        Assert.Null(BuildConfiguration.Refusal("bench", "Release", allowDebug: false));
    }

    [Fact]
    public void The_build_is_the_configuration_the_simulator_was_compiled_in()
    {
#if DEBUG
        Assert.Equal("Debug", BuildConfiguration.Name);
#else
        Assert.Equal("Release", BuildConfiguration.Name);
#endif
    }

    [Fact]
    public void Simulate_prints_the_build_its_figures_come_from()
    {
        var (exit, output, error) = CliTests.Run("simulate", "--seed", "1", "--steps", "5", "--allow-debug");

        Assert.True(exit == 0, error);
        Assert.StartsWith("build: " + BuildConfiguration.Name, output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_build_refuses_nothing_and_says_release()
    {
        if (BuildConfiguration.Name != "Release")
        {
            return; // the rule itself is checked above, for every configuration
        }

        var (exit, output, error) = CliTests.Run("simulate", "--seed", "1", "--steps", "5");

        Assert.True(exit == 0, error);
        Assert.StartsWith("build: Release\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
