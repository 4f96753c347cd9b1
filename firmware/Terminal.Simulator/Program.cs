using System.CommandLine;
using Terminal.Simulator.Commands;

namespace Terminal.Simulator;

/// <summary>Entry point of `terminal`: the firmware on a simulated board, and its tools.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command; returns the exit code.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("Terminal: payment-terminal firmware on a simulated board, and its tools.");
        var run = RunCommand.Create();
        root.Subcommands.Add(run);
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(SignInCommand.Create());
        root.Subcommands.Add(SelfTestCommand.Create());
        root.Subcommands.Add(Iso8583Command.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(UpdateCommand.Create());
        root.Subcommands.Add(FuzzCommand.Create());

        // `terminal` alone boots the terminal, as `terminal run` does.
        foreach (var option in run.Options)
        {
            root.Options.Add(option);
        }

        root.Action = run.Action;
        return root.Parse(args).Invoke();
    }
}
