using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

public class DeterminismTests
{
    private const string Script = """
        # a cashier keys a few amounts
        keys 1 2 0 0 ENTER
        wait 5000
        keys 9 CLEAR 8 ENTER CANCEL
        wait 1000
        key MENU
        """;

    private static string RunWithSeed(long seed)
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions { Seed = seed, KeepTraceText = true });
        board.Boot();
        board.Play(KeyScript.Parse(Script, "test"));
        board.RunFor(10_000);
        return board.Trace.Text;
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_byte_for_byte()
    {
        string first = RunWithSeed(42);
        string second = RunWithSeed(42);

        Assert.Equal(first, second);
        Assert.Contains("frame", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_seeds_give_different_key_timing()
    {
        Assert.NotEqual(RunWithSeed(1), RunWithSeed(2));
    }
}
