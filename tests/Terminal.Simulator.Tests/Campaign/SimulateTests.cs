using Terminal.Simulator.Campaign;
using Xunit;

namespace Terminal.Simulator.Tests.Campaign;

/// <summary>The randomized campaign: a fixed set of seeds holds every invariant, a seed replays exactly, a disagreement is caught.</summary>
public sealed class SimulateTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void A_faulty_day_keeps_every_invariant(long seed)
    {
        DayResult day = SimulatedDay.Run(seed, 200);

        Assert.True(day.Violations.Count == 0, string.Join("\n", day.Violations));
        Assert.True(day.Transactions > 50, $"{day.Transactions} transactions");
        Assert.True(day.Settlements >= 2, $"{day.Settlements} settlements");
        Assert.True(day.Faults.Values.Sum() > 10, "faults were injected");
        Assert.True(day.Faults.ContainsKey("power cut"), "power was cut");
    }

    [Fact]
    public void The_days_exercise_the_whole_terminal_PINs_items_catalog_training_self_test_and_a_software_update()
    {
        var exercised = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (long seed = 1; seed <= 8; seed++)
        {
            DayResult day = SimulatedDay.Run(seed, 200);
            Assert.True(day.Violations.Count == 0, $"seed {seed}: " + string.Join("\n", day.Violations));
            foreach (var (kind, n) in day.Exercised)
            {
                exercised[kind] = exercised.GetValueOrDefault(kind) + n;
            }
        }

        foreach (string kind in new[] { "PIN keyed", "item sale", "training session", "self-test", "catalog items downloaded", "update installed", "update confirmed" })
        {
            Assert.True(exercised.GetValueOrDefault(kind) > 0, kind + " never happened in 8 days: " + string.Join(", ", exercised));
        }
    }

    [Fact]
    public void No_output_of_a_day_holds_a_whole_card_number_track_or_payment_code()
    {
        // The day scans its journal image, printed bytes, wire trace and every screen (CardDataLeaks) and
        // reports what it finds as a violation.
        DayResult day = SimulatedDay.Run(21, 200);

        Assert.DoesNotContain(day.Violations, v => v.Contains(" holds ", StringComparison.Ordinal));
        Assert.True(day.Transactions > 50);
    }

    [Fact]
    public void The_same_seed_replays_the_same_day()
    {
        DayResult first = SimulatedDay.Run(11, 150);
        DayResult second = SimulatedDay.Run(11, 150);

        Assert.Equal(first.Transactions, second.Transactions);
        Assert.Equal(first.Settlements, second.Settlements);
        Assert.Equal(first.Faults, second.Faults);
        Assert.Equal(first.Exercised, second.Exercised);
        Assert.Equal(first.Violations, second.Violations);
    }

    [Fact]
    public void A_sale_the_host_booked_but_the_terminal_never_made_is_a_violation()
    {
        DayResult day = SimulatedDay.Run(2, 60, sabotageAtStep: 10);

        Assert.Contains(day.Violations, v => v.StartsWith("step 10: host-approved sale STAN 999999", StringComparison.Ordinal));
    }
}
