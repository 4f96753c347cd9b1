using System.Globalization;
using Terminal.Drivers.Simulated.Random;

namespace Terminal.Simulator.Campaign;

/// <summary>The character of a day's faults.</summary>
public enum FaultStyle
{
    /// <summary>No faults at all (only the workload's own mistakes): the baseline the others are compared with.</summary>
    None,

    /// <summary>Few faults: 4 to 8% of actions.</summary>
    Calm,

    /// <summary>About one action in five, spread over the kinds switched on.</summary>
    Steady,

    /// <summary>40 to 65% of actions.</summary>
    Stormy,

    /// <summary>20 to 45% of actions, of which one kind takes 70 to 90%.</summary>
    Dominant,
}

/// <summary>
/// How often each fault comes on one day, drawn from the day's seed (swarm testing, as TigerBeetle's VOPR does it):
/// some days are calm, some stormy, some have one kind dominant, and on each day a kind is switched off now and
/// then, so faults meet each other in mixes no fixed rate would give. Rates are in per mille of cashier actions;
/// each action draws at most one fault.
/// </summary>
public sealed class FaultPlan
{
    /// <summary>Every plan cuts power at least this often (per mille): the write-ahead design every other fault leans on.</summary>
    public const int PowerCutFloor = 20;

    /// <summary>At most this many cells stick per day: a journal flash with more is at the end of its life.</summary>
    public const int StuckCellLimit = 6;

    /// <summary>At most this many sectors are damaged per day.</summary>
    public const int CorruptionLimit = 3;

    private readonly int[] _perMille;

    private FaultPlan(FaultStyle style, int[] perMille, FaultKind? dominant)
    {
        Style = style;
        _perMille = perMille;
        Dominant = dominant;
    }

    /// <summary>A plan without faults.</summary>
    public static FaultPlan None { get; } = new(FaultStyle.None, new int[FaultNames.All.Length], null);

    /// <summary>The day's character.</summary>
    public FaultStyle Style { get; }

    /// <summary>The kind that dominates a <see cref="FaultStyle.Dominant"/> day.</summary>
    public FaultKind? Dominant { get; }

    /// <summary>Per mille of actions that draw a fault of any kind.</summary>
    public int TotalPerMille => _perMille.Sum();

    /// <summary>Per mille of actions that draw <paramref name="kind"/>.</summary>
    public int PerMille(FaultKind kind) => _perMille[(int)kind];

    /// <summary>Whether the plan ever draws <paramref name="kind"/>.</summary>
    public bool Draws(FaultKind kind) => _perMille[(int)kind] > 0;

    /// <summary>The plan of the day <paramref name="seed"/>.</summary>
    public static FaultPlan For(long seed)
    {
        SeededRandom rng = DaySeeds.For(seed, DaySeeds.Plan);
        int roll = rng.Next(100);
        FaultStyle style = roll < 25 ? FaultStyle.Calm : roll < 60 ? FaultStyle.Steady : roll < 80 ? FaultStyle.Stormy : FaultStyle.Dominant;
        int total = style switch
        {
            FaultStyle.Calm => rng.Next(40, 81),
            FaultStyle.Steady => rng.Next(150, 301),
            FaultStyle.Stormy => rng.Next(400, 651),
            _ => rng.Next(200, 451),
        };

        // Each kind but power cuts is switched off one day in four; those on get a weight of 1 to 10.
        int kinds = FaultNames.All.Length;
        var weights = new int[kinds];
        for (int k = 0; k < kinds; k++)
        {
            weights[k] = (FaultKind)k == FaultKind.PowerCut || !rng.OneIn(4) ? rng.Next(1, 11) : 0;
        }

        FaultKind? dominant = null;
        int spread = total;
        var perMille = new int[kinds];
        if (style == FaultStyle.Dominant)
        {
            var d = (FaultKind)rng.Next(kinds);
            dominant = d;
            perMille[(int)d] = total * rng.Next(70, 91) / 100;
            spread = total - perMille[(int)d];
            weights[(int)d] = 0;
        }

        int sum = Math.Max(1, weights.Sum());
        for (int k = 0; k < kinds; k++)
        {
            perMille[k] += spread * weights[k] / sum;
        }

        perMille[(int)FaultKind.PowerCut] = Math.Max(perMille[(int)FaultKind.PowerCut], PowerCutFloor);
        return new FaultPlan(style, perMille, dominant);
    }

    /// <summary>A plan with exactly these rates (per mille of actions), for tests that aim at some kinds.</summary>
    public static FaultPlan Of(params (FaultKind Kind, int PerMille)[] rates)
    {
        var perMille = new int[FaultNames.All.Length];
        foreach (var (kind, rate) in rates)
        {
            perMille[(int)kind] = rate;
        }

        return new FaultPlan(FaultStyle.Steady, perMille, null);
    }

    /// <summary>This action's fault, or null: one draw per action against the plan's rates.</summary>
    public FaultKind? Draw(SeededRandom rng)
    {
        int roll = rng.Next(1000);
        for (int k = 0; k < _perMille.Length; k++)
        {
            if (roll < _perMille[k])
            {
                return (FaultKind)k;
            }

            roll -= _perMille[k];
        }

        return null;
    }

    /// <summary>One line: the style, the total rate and each kind's ("steady, 22.4% of actions: power cut 2.0%, ...").</summary>
    public override string ToString()
    {
        string kinds = string.Join(", ", FaultNames.All.Where(Draws).Select(k => string.Create(CultureInfo.InvariantCulture, $"{FaultNames.Name(k)} {PerMille(k) / 10.0:0.0}%")));
        string style = Style.ToString().ToLowerInvariant() + (Dominant is FaultKind d ? " (" + FaultNames.Name(d) + ")" : string.Empty);
        return string.Create(CultureInfo.InvariantCulture, $"{style}, {TotalPerMille / 10.0:0.0}% of actions: {(kinds.Length == 0 ? "none" : kinds)}");
    }
}
