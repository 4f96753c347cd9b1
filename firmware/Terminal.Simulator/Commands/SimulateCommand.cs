using System.CommandLine;
using System.Diagnostics;
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
        var seeds = new Option<int?>("--seeds") { Description = "Play the days of seeds 1..K and print a summary (--from 1 --count K)." };
        var from = new Option<long>("--from") { Description = "The first seed of a range.", DefaultValueFactory = _ => 1 };
        var count = new Option<int?>("--count") { Description = "How many days (seeds) of the range to play." };
        var jobs = new Option<int>("--jobs") { Description = "Days played at once (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var steps = new Option<int>("--steps") { Description = "Cashier actions per day.", DefaultValueFactory = _ => SimulatedDay.DefaultActions };
        var allowDebug = BuildConfiguration.AllowDebugOption();
        var cmd = new Command("simulate", "Randomized business days against AcquirerHost on the virtual clock, with faults; prints invariant violations.")
        {
            seed, seeds, from, count, jobs, steps, allowDebug,
        };
        cmd.SetAction(parse =>
        {
            long? one = parse.GetValue(seed);
            int? many = parse.GetValue(seeds);
            int? n = parse.GetValue(count);
            int perDay = parse.GetValue(steps);
            int parallel = parse.GetValue(jobs);
            AtLeastOne("simulate --seeds", many);
            AtLeastOne("simulate --count", n);
            AtLeastOne("simulate --steps", perDay);
            AtLeastOne("simulate --jobs", parallel);
            if (many != null && n != null)
            {
                throw new UsageException("simulate --seeds", "is --from 1 --count K; give one or the other");
            }

            BuildConfiguration.Check("simulate", parse.GetValue(allowDebug), Console.Out);
            if (one != null)
            {
                return RunOne(one.Value, perDay);
            }

            long first = many != null ? 1 : parse.GetValue(from);
            return RunMany(first, many ?? n ?? 20, perDay, parallel);
        });
        return cmd;
    }

    private static void AtLeastOne(string what, int? value)
    {
        if (value < 1)
        {
            throw new UsageException(what, $"must be at least 1, not {value}");
        }
    }

    private static int RunOne(long seed, int steps)
    {
        DayResult day = SimulatedDay.Run(seed, steps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {day.Steps} steps, {day.Transactions} transactions, {day.Settlements} settlements, {day.Virtual.TotalMinutes:0} min of virtual time in {day.Wall.TotalMilliseconds:0} ms ({day.HostWall.TotalMilliseconds:0} ms in the host)"));
        Console.WriteLine("  fault plan: " + day.Plan);
        foreach (var (kind, n) in day.Exercised)
        {
            Console.WriteLine($"  {kind}: {n}");
        }

        foreach (var (kind, n) in day.Faults)
        {
            Console.WriteLine($"  fault {kind}: {n}");
        }

        foreach (var (kind, n) in day.Damage)
        {
            Console.WriteLine($"  damage: {kind}: {n}");
        }

        foreach (string v in day.Violations)
        {
            Console.WriteLine("  VIOLATION " + v);
        }

        Console.WriteLine($"violations: {day.Violations.Count}");
        return day.Violations.Count == 0 ? 0 : 1;
    }

    // Days run on `jobs` threads, each its own world (flash, host, database, clock): nothing is shared but the
    // read-only tables of the firmware, so a seed plays the same day alone or in a range.
    private static int RunMany(long first, int count, int steps, int jobs)
    {
        var days = new DayResult[count];
        var gate = new object();
        long started = Stopwatch.GetTimestamp();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
        {
            DayResult day = SimulatedDay.Run(first + i, steps);
            days[i] = day;
            if (day.Violations.Count > 0)
            {
                lock (gate)
                {
                    Console.WriteLine($"seed {day.Seed} FAILED (replay: {day.ReplayCommand}): {day.Violations[0]}");
                }
            }
        });
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);

        var faults = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var exercised = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var damage = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var styles = new SortedDictionary<string, int>(StringComparer.Ordinal);
        long transactions = 0;
        long settlements = 0;
        var walls = new List<double>(count);
        foreach (DayResult day in days)
        {
            transactions += day.Transactions;
            settlements += day.Settlements;
            walls.Add(day.Wall.TotalMilliseconds);
            Add(faults, day.Faults);
            Add(exercised, day.Exercised);
            Add(damage, day.Damage);
            string style = day.Plan.Style.ToString().ToLowerInvariant();
            styles[style] = styles.GetValueOrDefault(style) + 1;
        }

        int violations = days.Sum(d => d.Violations.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scenarios run: {count} days of {steps} steps (seeds {first}..{first + count - 1}), {transactions} transactions, {settlements} settlements"));
        Console.WriteLine("fault plans: " + Join(styles));
        Console.WriteLine("exercised: " + (exercised.Count == 0 ? "nothing else" : Join(exercised)));
        Console.WriteLine("faults injected: " + (faults.Count == 0 ? "none" : Join(faults)));
        Console.WriteLine("flash damage: " + (damage.Count == 0 ? "none" : Join(damage)));

        // The median too: on a machine shared with other work a few days that waited for a core move the mean.
        walls.Sort();
        double median = walls.Count % 2 == 1 ? walls[walls.Count / 2] : (walls[(walls.Count / 2) - 1] + walls[walls.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wall time per simulated day: {walls.Average():0.0} ms (median {median:0.0} ms); {count} days in {elapsed.TotalSeconds:0.0} s on {jobs} job(s)"));
        Console.WriteLine($"violations: {violations}");
        return violations == 0 ? 0 : 1;
    }

    private static void Add(SortedDictionary<string, int> total, SortedDictionary<string, int> day)
    {
        foreach (var (kind, n) in day)
        {
            total[kind] = total.GetValueOrDefault(kind) + n;
        }
    }

    private static string Join(SortedDictionary<string, int> counts) => string.Join(", ", counts.Select(f => $"{f.Key} {f.Value}"));
}
