using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>The `terminal` command line, run in-process with its output captured.</summary>
[Collection("Console")]
public class CliTests
{
    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var outWriter = new StringWriter();
        var errWriter = new StringWriter();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(outWriter);
        Console.SetError(errWriter);
        try
        {
            int exit = Program.Main(args);
            return (exit, outWriter.ToString(), errWriter.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    [Fact]
    public void Run_with_a_key_script_shows_the_screen_and_a_summary()
    {
        string script = Path.GetTempFileName();
        File.WriteAllText(script, "keys 4 2\n");
        try
        {
            var (exit, output, _) = Run("run", "--keys", script, "--seed", "3");

            Assert.Equal(0, exit);
            Assert.Contains("WELCOME", output, StringComparison.Ordinal);
            Assert.Contains("Key 2", output, StringComparison.Ordinal);
            Assert.Contains("seed 3:", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void A_bad_key_script_exits_2_with_a_one_line_reason()
    {
        string script = Path.GetTempFileName();
        File.WriteAllText(script, "key 1\nkey NOPE\n");
        try
        {
            var (exit, _, error) = Run("run", "--keys", script);

            Assert.Equal(2, exit);
            Assert.Contains(":2: unknown key 'NOPE'", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void Bench_reports_zero_bytes_per_idle_tick()
    {
        var (exit, output, _) = Run("bench");

        Assert.Equal(0, exit);
        Assert.Contains("idle: bytes allocated per idle tick: 0", output, StringComparison.Ordinal);
    }
}
