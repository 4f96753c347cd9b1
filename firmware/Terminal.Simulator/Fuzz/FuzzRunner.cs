using System.Diagnostics;
using Terminal.Drivers.Simulated.Random;

namespace Terminal.Simulator.Fuzz;

/// <summary>What a fuzz run of one target did: inputs tried, escapes, and the first escape with its input.</summary>
internal sealed record FuzzReport(string Target, long Inputs, long Escapes, bool Hung, TimeSpan Elapsed, string? FirstEscape, string? FirstEscapeHex)
{
    /// <summary>True when nothing escaped and nothing hung.</summary>
    public bool Clean => Escapes == 0 && !Hung;
}

/// <summary>
/// Runs a target over mutated inputs on a worker thread, watched: an input that does not come back within
/// the hang limit ends the run as a hang, with that input. Input i is drawn from a generator seeded with
/// (seed, i), so a run replays exactly and any input can be fed again alone from its hex.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>Feeds <paramref name="count"/> mutated inputs to <paramref name="target"/>.</summary>
    public static FuzzReport Run(FuzzTarget target, long count, long seed, TimeSpan hangAfter, Action<long>? progress = null)
    {
        var input = new byte[target.MaxInput + 64];
        long done = 0;
        long escapes = 0;
        string? first = null;
        string? firstHex = null;
        int currentLength = 0;
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            for (long i = 0; i < count; i++)
            {
                var rnd = new SeededRandom((seed * 1_000_003) ^ i);
                int length = Mutator.Mutate(target, rnd, input);
                if (rnd.Next(2) == 0)
                {
                    length = target.Seal(input, length);
                }

                Volatile.Write(ref currentLength, length);
                string? escape = FeedOne(target, input, length);
                if (escape != null)
                {
                    escapes++;
                    if (first == null)
                    {
                        first = $"input {i}: {escape}";
                        firstHex = Convert.ToHexString(input, 0, length);
                    }
                }

                Interlocked.Increment(ref done);
            }
        })
        {
            IsBackground = true,
            Name = "fuzz " + target.Name,
        };

        worker.Start();
        long seen = -1;
        var still = Stopwatch.StartNew();
        while (!worker.Join(200))
        {
            long now = Interlocked.Read(ref done);
            progress?.Invoke(now);
            if (now != seen)
            {
                seen = now;
                still.Restart();
            }
            else if (still.Elapsed > hangAfter)
            {
                // The worker is stuck in the target: report the input it is on and leave it (a background thread).
                string hex = Convert.ToHexString(input, 0, Math.Min(Volatile.Read(ref currentLength), input.Length));
                return new FuzzReport(target.Name, now + 1, escapes + 1, true, clock.Elapsed,
                    first ?? $"input {now}: hang (no answer in {hangAfter.TotalSeconds:0} s)", firstHex ?? hex);
            }
        }

        return new FuzzReport(target.Name, done, escapes, false, clock.Elapsed, first, firstHex);
    }

    /// <summary>Feeds one input; returns null when the target handled it, else what escaped.</summary>
    public static string? FeedOne(FuzzTarget target, byte[] input, int length)
    {
        try
        {
            target.Feed(input, length);
            return null;
        }
#pragma warning disable CA1031 // every exception that leaves a target is the finding a fuzz run is for
        catch (Exception e)
#pragma warning restore CA1031
        {
            string at = e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Terminal.", StringComparison.Ordinal))?.Trim() ?? string.Empty;
            return $"{e.GetType().Name}: {e.Message} {at}".TrimEnd();
        }
    }
}
