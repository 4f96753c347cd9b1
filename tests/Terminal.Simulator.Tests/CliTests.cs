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
            Assert.Contains("0.42", output, StringComparison.Ordinal);
            Assert.Contains("seed 3:", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void Run_is_the_whole_terminal_even_software_update_is_in_its_menu()
    {
        string script = Path.GetTempFileName();
        string trace = Path.GetTempFileName();
        File.WriteAllText(script, "keys MENU F1\nkeys 2 4 6 8 ENTER\nwait 5000\n");
        try
        {
            var (exit, output, _) = Run("run", "--keys", script, "--trace", trace);

            Assert.Equal(0, exit);
            string frames = File.ReadAllText(trace);
            Assert.Contains("F1 Software update", frames, StringComparison.Ordinal);
            Assert.Contains("Checking for a software update", frames, StringComparison.Ordinal);
            Assert.Contains("Update: No update published", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
            File.Delete(trace);
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
        // Allocation is the same in either build; --allow-debug lets a Debug test run measure it too.
        var (exit, output, _) = Run("bench", "--allow-debug");

        Assert.Equal(0, exit);
        Assert.Contains("idle: bytes allocated per idle tick: 0", output, StringComparison.Ordinal);
    }
}

[Collection("Console")]
public class RunBoardTests
{
    private static string Repo([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    [Fact]
    public void Run_on_the_esp32_board_file_boots_and_writes_the_panel_as_png()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "terminal-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = CliTests.Run("run", "--board", Path.Combine(Repo(), "board-configs", "esp32-terminal.json"), "--out", outDir);

            Assert.True(exit == 0, error);
            Assert.Contains("WELCOME", output, StringComparison.Ordinal);
            byte[] png = File.ReadAllBytes(Path.Combine(outDir, "display.png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
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
    public void A_broken_board_file_exits_2_naming_the_file_and_field()
    {
        string file = Path.Combine(Path.GetTempPath(), "broken-board-" + Guid.NewGuid().ToString("N") + ".json");
        string json = File.ReadAllText(Path.Combine(Repo(), "board-configs", "simulated.json")).Replace("\"debounceMs\"", "\"debounceMS\"", StringComparison.Ordinal);
        File.WriteAllText(file, json);
        try
        {
            var (exit, _, error) = CliTests.Run("run", "--board", file);

            Assert.Equal(2, exit);
            Assert.Contains(Path.GetFileName(file), error, StringComparison.Ordinal);
            Assert.Contains("debounceMS", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
