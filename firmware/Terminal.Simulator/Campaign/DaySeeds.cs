using Terminal.Drivers.Simulated.Random;

namespace Terminal.Simulator.Campaign;

/// <summary>
/// The random streams of one day, each a <see cref="SeededRandom"/> (stable across .NET versions) from the day's
/// 64-bit seed and the stream's number. Separate streams keep the parts apart: the fault plan a seed draws does not
/// move when the workload changes, and the workload does not shift when a fault kind is switched off.
/// </summary>
public static class DaySeeds
{
    /// <summary>The fault plan: style and rates.</summary>
    public const int Plan = 1;

    /// <summary>The cashier's, customer's, manager's and technician's actions.</summary>
    public const int Workload = 2;

    /// <summary>Which fault comes when, and where on the flash.</summary>
    public const int Faults = 3;

    /// <summary>The seeds of each power-up's board random source.</summary>
    public const int Board = 4;

    /// <summary>The host's authorization codes.</summary>
    public const int Host = 5;

    /// <summary>The stream <paramref name="stream"/> of the day <paramref name="seed"/>.</summary>
    public static SeededRandom For(long seed, int stream) => new(unchecked((seed * -7046029254386353131L) + stream));

    /// <summary>A non-negative int (as <see cref="Random.Next()"/> gives).</summary>
    public static int NextInt(this SeededRandom random) => (int)(random.NextUInt() >> 1);

    /// <summary>True once in <paramref name="n"/>.</summary>
    public static bool OneIn(this SeededRandom random, int n) => random.Next(n) == 0;

    /// <summary>One of <paramref name="items"/>.</summary>
    public static T Pick<T>(this SeededRandom random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

/// <summary>System.Random over a <see cref="SeededRandom"/>, for the host's authorization codes (AcquirerHost takes a Random).</summary>
internal sealed class SeededSystemRandom(SeededRandom source) : Random
{
    public override int Next() => source.NextInt();

    public override int Next(int maxValue) => source.Next(maxValue);

    public override int Next(int minValue, int maxValue) => source.Next(minValue, maxValue);

    public override double NextDouble() => source.NextUInt() / 4294967296.0;

    protected override double Sample() => NextDouble();

    public override void NextBytes(byte[] buffer) => source.NextBytes(buffer, 0, buffer.Length);
}
