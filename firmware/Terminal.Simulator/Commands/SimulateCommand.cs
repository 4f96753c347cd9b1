using System.CommandLine;
using System.Globalization;
using Terminal.Simulator.Campaign;
using Terminal.Simulator.Cli;

namespace Terminal.Simulator.Commands;

/// <summary>`terminal simulate`: randomized business days with faults, invariants checked after every step.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var seed = new Option<long?>("--seed") { Description = "Play (or replay) the day of this seed and print what happened." };
        var seeds = new Option<int?>("--seeds") { Description = "Play the days of seeds 1..K and print a summary." };
        var steps = new Option<int>("--steps") { Description = "Cashier actions per day.", DefaultValueFactory = _ => 200 };
        var allowDebug = BuildConfiguration.AllowDebugOption();
        var cmd = new Command("simulate", "Randomized business days against AcquirerHost on the virtual clock, with faults; prints invariant violations.") { seed, seeds, steps, allowDebug };
        cmd.SetAction(parse =>
        {
            long? one = parse.GetValue(seed);
            int? many = parse.GetValue(seeds);
            int perDay = parse.GetValue(steps);
            if (many < 1 || perDay < 1)
            {
                throw new UsageException(many < 1 ? "simulate --seeds" : "simulate --steps", $"must be at least 1, not {(many < 1 ? many : perDay)}");
            }

            BuildConfiguration.Check("simulate", parse.GetValue(allowDebug), Console.Out);
            if (one == null && many == null)
            {
                many = 20;
            }

            return one != null ? RunOne(one.Value, perDay) : RunMany(many!.Value, perDay);
        });
        return cmd;
    }

    private static int RunOne(long seed, int steps)
    {
        DayResult day = SimulatedDay.Run(seed, steps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {day.Steps} steps, {day.Transactions} transactions, {day.Settlements} settlements, {day.Virtual.TotalMinutes:0} min of virtual time in {day.Wall.TotalMilliseconds:0} ms ({day.HostWall.TotalMilliseconds:0} ms in the host)"));
        foreach (var (kind, count) in day.Exercised)
        {
            Console.WriteLine($"  {kind}: {count}");
        }

        foreach (var (kind, count) in day.Faults)
        {
            Console.WriteLine($"  fault {kind}: {count}");
        }

        foreach (string v in day.Violations)
        {
            Console.WriteLine("  VIOLATION " + v);
        }

        Console.WriteLine($"violations: {day.Violations.Count}");
        return day.Violations.Count == 0 ? 0 : 1;
    }

    private static int RunMany(int count, int steps)
    {
        var faults = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var exercised = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failing = new List<DayResult>();
        long transactions = 0;
        long settlements = 0;
        double wall = 0;
        var walls = new List<double>(count);
        for (long seed = 1; seed <= count; seed++)
        {
            DayResult day = SimulatedDay.Run(seed, steps);
            transactions += day.Transactions;
            settlements += day.Settlements;
            wall += day.Wall.TotalMilliseconds;
            walls.Add(day.Wall.TotalMilliseconds);
            foreach (var (kind, n) in day.Faults)
            {
                faults[kind] = faults.GetValueOrDefault(kind) + n;
            }

            foreach (var (kind, n) in day.Exercised)
            {
                exercised[kind] = exercised.GetValueOrDefault(kind) + n;
            }

            if (day.Violations.Count > 0)
            {
                failing.Add(day);
                Console.WriteLine($"seed {seed} FAILED (replay: terminal simulate --seed {seed}): {day.Violations[0]}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenarios run: {count} days of {steps} steps, {transactions} transactions, {settlements} settlements"));
        Console.WriteLine("exercised: " + (exercised.Count == 0 ? "nothing else" : string.Join(", ", exercised.Select(f => $"{f.Key} {f.Value}"))));
        Console.WriteLine("faults injected: " + (faults.Count == 0 ? "none" : string.Join(", ", faults.Select(f => $"{f.Key} {f.Value}"))));
        // The median too: on a machine shared with other work a few days that waited for a core move the mean.
        walls.Sort();
        double median = walls.Count == 0 ? 0 : walls.Count % 2 == 1 ? walls[walls.Count / 2] : (walls[(walls.Count / 2) - 1] + walls[walls.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time per simulated day: {wall / Math.Max(1, count):0.0} ms (median {median:0.0} ms)"));
        Console.WriteLine($"violations: {failing.Sum(d => d.Violations.Count)}");
        return failing.Count == 0 ? 0 : 1;
    }
}
