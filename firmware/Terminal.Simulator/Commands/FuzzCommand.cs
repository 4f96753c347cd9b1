using System.CommandLine;
using System.Globalization;
using Terminal.Simulator.Cli;
using Terminal.Simulator.Fuzz;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal fuzz TARGET --count N [--seed S]`: hostile inputs (mutated real frames, card dialogues, flash images
/// and files, with length lies) into one parser or all; prints inputs tried, escapes and the first escaping input
/// as hex; `--replay HEX` feeds one input again. Exit 1 when anything escaped or hung.
/// </summary>
internal static class FuzzCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("target") { Description = "A target (see --list), or all.", Arity = ArgumentArity.ZeroOrOne };
        var count = new Option<long>("--count") { Description = "Inputs per target.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the mutations (a run replays exactly).", DefaultValueFactory = _ => 1 };
        var replay = new Option<string?>("--replay") { Description = "Feed this one input (hex, as a run prints it) to the target instead." };
        var list = new Option<bool>("--list") { Description = "List the targets and what each feeds." };
        var hang = new Option<int>("--hang-seconds") { Description = "An input that takes longer than this is a hang.", DefaultValueFactory = _ => 10 };
        var cmd = new Command("fuzz", "Feed mutated real inputs (frames, card dialogues, flash images, files) to the firmware's parsers and what runs after them; counts escapes.") { target, count, seed, replay, list, hang };
        cmd.SetAction(parse =>
        {
            string? name = parse.GetValue(target);
            if (parse.GetValue(list))
            {
                foreach (string n in FuzzTargets.Names)
                {
                    Console.WriteLine($"{n,-18} {FuzzTargets.Create(n)!.Feeds}");
                }

                return 0;
            }

            string known = string.Join(", ", FuzzTargets.Names) + " or all";
            if (name == null)
            {
                throw new UsageException("fuzz", "needs a target: " + known + " (--list says what each feeds)");
            }

            if (name != "all" && FuzzTargets.Create(name) == null)
            {
                throw new UsageException("fuzz", $"no target '{name}': " + known);
            }

            if (parse.GetValue(count) < 1)
            {
                throw new UsageException("fuzz --count", $"must be at least 1, not {parse.GetValue(count)}");
            }

            if (parse.GetValue(hang) < 1)
            {
                throw new UsageException("fuzz --hang-seconds", $"must be at least 1, not {parse.GetValue(hang)}");
            }

            string[] names = name == "all" ? FuzzTargets.Names : [name];
            string? hex = parse.GetValue(replay);
            if (hex != null)
            {
                if (name == "all")
                {
                    throw new UsageException("fuzz --replay", "replays into one target, not all");
                }

                return Replay(FuzzTargets.Create(name)!, hex);
            }

            bool clean = true;
            foreach (string n in names)
            {
                clean &= Run(FuzzTargets.Create(n)!, parse.GetValue(count), parse.GetValue(seed), TimeSpan.FromSeconds(parse.GetValue(hang)));
            }

            return clean ? 0 : 1;
        });
        return cmd;
    }

    private static bool Run(FuzzTarget target, long count, long seed, TimeSpan hangAfter)
    {
        FuzzReport r = FuzzRunner.Run(target, count, seed, hangAfter);
        double perSecond = r.Elapsed.TotalSeconds > 0 ? r.Inputs / r.Elapsed.TotalSeconds : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Target}: {r.Inputs:N0} inputs (seed {seed}) in {r.Elapsed.TotalSeconds:0.0} s ({perSecond:N0}/s), escapes {r.Escapes}{(r.Hung ? ", HUNG" : string.Empty)}"));
        if (r.FirstEscape != null)
        {
            Console.WriteLine("  first escape: " + r.FirstEscape);
            Console.WriteLine($"  replay: terminal fuzz {r.Target} --replay {r.FirstEscapeHex}");
        }

        return r.Clean;
    }

    private static int Replay(FuzzTarget target, string hex)
    {
        byte[] input;
        try
        {
            input = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            Console.Error.WriteLine("terminal: --replay takes hex digits");
            return 2;
        }

        string? escape = FuzzRunner.FeedOne(target, input, input.Length);
        Console.WriteLine(escape == null ? $"{target.Name}: handled ({input.Length} bytes)" : $"{target.Name}: ESCAPE {escape}");
        return escape == null ? 0 : 1;
    }
}
