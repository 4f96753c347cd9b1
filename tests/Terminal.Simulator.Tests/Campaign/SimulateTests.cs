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

    [Theory]
    [InlineData(FaultKind.StuckBits, 31)]
    [InlineData(FaultKind.CorruptedSector, 32)]
    public void A_day_of_flash_damage_keeps_every_invariant_and_reports_what_it_lost(FaultKind kind, long seed)
    {
        DayResult day = SimulatedDay.Run(seed, 200, FaultPlan.Of((kind, 150), (FaultKind.PowerCut, 30)));

        Assert.True(day.Violations.Count == 0, string.Join("\n", day.Violations));
        Assert.True(day.Faults.GetValueOrDefault(FaultNames.Name(kind)) > 0, FaultNames.Name(kind) + " was injected");
        Assert.True(day.Transactions > 50, $"{day.Transactions} transactions");
    }

    [Fact]
    public void Each_seed_draws_its_own_fault_plan_calm_stormy_or_one_kind_dominant()
    {
        var plans = Enumerable.Range(1, 60).Select(seed => FaultPlan.For(seed)).ToList();

        Assert.Equal([FaultStyle.Calm, FaultStyle.Steady, FaultStyle.Stormy, FaultStyle.Dominant], plans.Select(p => p.Style).Distinct().Order());
        Assert.True(plans.Min(p => p.TotalPerMille) <= 80 && plans.Max(p => p.TotalPerMille) >= 400, "rates from calm to stormy");
        Assert.Contains(plans, p => p.Draws(FaultKind.StuckBits) && p.Draws(FaultKind.CorruptedSector));
        Assert.Contains(plans, p => !p.Draws(FaultKind.HostRestart));
        Assert.All(plans, p => Assert.True(p.PerMille(FaultKind.PowerCut) >= FaultPlan.PowerCutFloor));
        Assert.Equal(FaultPlan.For(17).ToString(), FaultPlan.For(17).ToString());
    }

    [Fact]
    public void A_failing_seed_is_replayed_by_one_command()
    {
        DayResult day = SimulatedDay.Run(2, 60, sabotageAtStep: 10);

        Assert.Equal("terminal simulate --seed 2 --steps 60", day.ReplayCommand);
        Assert.Equal("terminal simulate --seed 81", SimulatedDay.ReplayCommand(81, SimulatedDay.DefaultActions));
    }

    [Fact]
    public void A_sale_the_host_booked_but_the_terminal_never_made_is_a_violation()
    {
        DayResult day = SimulatedDay.Run(2, 60, sabotageAtStep: 10);

        Assert.Contains(day.Violations, v => v.StartsWith("step 10: host-approved sale STAN 999999", StringComparison.Ordinal));
    }
}
