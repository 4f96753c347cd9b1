namespace AcquirerHost.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Help_lists_every_option()
    {
        var output = new StringWriter();
        var saved = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = Program.Main(["--help"]);
        }
        finally
        {
            Console.SetOut(saved);
        }

        Assert.Equal(0, code);
        foreach (string option in new[] { "--tcp", "--serial", "--db", "--profile", "--rules", "--terminal", "--log" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_a_link_the_host_refuses_to_start()
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = Program.Main(["--db", Path.Combine(Path.GetTempPath(), "unused.db")]);
        }
        finally
        {
            Console.SetError(saved);
        }

        Assert.Equal(2, code);
        Assert.Contains("--tcp", error.ToString(), StringComparison.Ordinal);
    }
}
