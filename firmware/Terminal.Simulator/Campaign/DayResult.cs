namespace Terminal.Simulator.Campaign;

/// <summary>How one simulated day went.</summary>
public sealed class DayResult
{
    /// <summary>The seed that replays it.</summary>
    public long Seed { get; init; }

    /// <summary>Cashier actions per day the day was asked for (a replay needs the same).</summary>
    public int StepsAsked { get; init; }

    /// <summary>The fault plan the seed drew (its style and rates).</summary>
    public FaultPlan Plan { get; init; } = FaultPlan.None;

    /// <summary>Steps (cashier actions) played.</summary>
    public int Steps { get; set; }

    /// <summary>Transactions the terminal journaled.</summary>
    public int Transactions { get; set; }

    /// <summary>Settlements completed.</summary>
    public int Settlements { get; set; }

    /// <summary>What the day exercised besides sales, by kind: PINs keyed, item sales, training sessions, catalog items downloaded, updates installed, confirmed and rolled back.</summary>
    public SortedDictionary<string, int> Exercised { get; } = new(StringComparer.Ordinal);

    /// <summary>Faults injected, by kind.</summary>
    public SortedDictionary<string, int> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What flash damage cost and how the terminal answered, by kind: journal records lost (and reported), power-ups
    /// that reported damage, host/terminal disagreements the reported damage explains.
    /// </summary>
    public SortedDictionary<string, int> Damage { get; } = new(StringComparer.Ordinal);

    /// <summary>Invariant violations, each with the step it was found at.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Wall time the day took.</summary>
    public TimeSpan Wall { get; set; }

    /// <summary>Of which inside the host (its message processing and database).</summary>
    public TimeSpan HostWall { get; set; }

    /// <summary>Virtual time the day spanned.</summary>
    public TimeSpan Virtual { get; set; }

    /// <summary>The command that plays this day again.</summary>
    public string ReplayCommand => SimulatedDay.ReplayCommand(Seed, StepsAsked);

    internal void Fault(string kind) => Faults[kind] = Faults.GetValueOrDefault(kind) + 1;

    internal void Did(string kind, int count = 1) => Exercised[kind] = Exercised.GetValueOrDefault(kind) + count;

    internal void Damaged(string kind, int count = 1) => Damage[kind] = Damage.GetValueOrDefault(kind) + count;
}
