using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using Terminal.Simulator.Cli;
using Terminal.Simulator.Commands;

namespace Terminal.Simulator;

/// <summary>Entry point of `terminal`: the firmware on a simulated board, and its tools.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command; returns the exit code (2: a mistake in the command line or a file it names).</summary>
    public static int Main(string[] args)
    {
        ParseResult parse = Create().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            Console.Error.WriteLine(ParseErrorLine.For(parse));
            return 2;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine("terminal: " + e.Message);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The safety net for a file a command did not check itself: one line that names the path, no stack trace.
            Console.Error.WriteLine("terminal: " + e.Message.TrimEnd('.'));
            return 2;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            Console.Error.WriteLine("terminal: " + e.Message);
            return 2;
        }
    }

    /// <summary>The command tree. The root is named `terminal` (a RootCommand is named after the executable, here
    /// Terminal.Simulator or testhost), so help and errors say `terminal` however it was started.</summary>
    internal static Command Create()
    {
        var root = new Command("terminal", "Terminal: payment-terminal firmware on a simulated board, and its tools.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
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
        root.Subcommands.Add(EInvoiceCommand.Create());
        root.Subcommands.Add(ProvisionCommand.Create());

        // `terminal` alone boots the terminal, as `terminal run` does.
        foreach (var option in run.Options)
        {
            root.Options.Add(option);
        }

        root.Action = run.Action;
        return root;
    }
}
