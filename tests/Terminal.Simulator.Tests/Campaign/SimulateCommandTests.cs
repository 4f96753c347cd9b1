using Xunit;

namespace Terminal.Simulator.Tests.Campaign;

/// <summary>`terminal simulate` over a range of seeds, on several threads: the same days as one at a time.</summary>
[Collection("Console")]
public sealed class SimulateCommandTests
{
    [Fact]
    public void A_range_runs_in_parallel_and_sums_the_same_days_as_one_job()
    {
        var (exit, parallel, error) = CliTests.Run("simulate", "--from", "40", "--count", "3", "--jobs", "2", "--steps", "30", "--allow-debug");
        var (_, serial, _) = CliTests.Run("simulate", "--from", "40", "--count", "3", "--jobs", "1", "--steps", "30", "--allow-debug");

        Assert.True(exit == 0, error + parallel);
        Assert.Contains("scenarios run: 3 days of 30 steps (seeds 40..42), ", parallel, StringComparison.Ordinal);
        Assert.Contains("fault plans: ", parallel, StringComparison.Ordinal);
        Assert.Contains("violations: 0", parallel, StringComparison.Ordinal);
        Assert.Equal(Line(serial, "scenarios run:"), Line(parallel, "scenarios run:"));
        Assert.Equal(Line(serial, "faults injected:"), Line(parallel, "faults injected:"));
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--jobs", "0")]
    public void A_range_refuses_a_count_or_jobs_under_one(string option, string value)
    {
        var (exit, _, error) = CliTests.Run("simulate", option, value);

        Assert.Equal(2, exit);
        Assert.Equal($"terminal: simulate {option}: must be at least 1, not {value}", error.Trim());
    }

    private static string Line(string output, string start) =>
        output.Split('\n').Single(l => l.StartsWith(start, StringComparison.Ordinal)).Trim();
}
