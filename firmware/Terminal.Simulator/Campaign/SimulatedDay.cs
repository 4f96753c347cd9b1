using System.Globalization;
using AcquirerHost.Store;
using Terminal.Core.Payments;
using Terminal.Firmware;
using Terminal.Simulator.Board;

namespace Terminal.Simulator.Campaign;

/// <summary>
/// One randomized business day, all drawn from one seed: the terminal as the composition root puts it together for
/// every board (<see cref="TerminalFirmware"/>, on a <see cref="CampaignBoard"/>) against AcquirerHost's message
/// processor on an in-memory database, over an in-process link on the virtual clock. The day's parts are separate:
/// the <see cref="Workload"/> (the people at the terminal), the <see cref="FaultPlan"/> the seed draws and the
/// <see cref="FaultInjector"/> that follows it, and the <see cref="DayInvariants"/> checked after every action and
/// at every power-up. No PNG, no sockets, no threads: the same seed replays the same day.
/// </summary>
public sealed class SimulatedDay
{
    /// <summary>Cashier actions in a day unless asked otherwise.</summary>
    public const int DefaultActions = 200;

    /// <summary>
    /// Plays the day of <paramref name="seed"/> with about <paramref name="actions"/> cashier actions and the fault plan
    /// the seed draws. <paramref name="sabotageAtStep"/> (tests only) books a sale on the host that the terminal never
    /// made, at that step, to show the invariants catch a disagreement.
    /// </summary>
    public static DayResult Run(long seed, int actions = DefaultActions, int sabotageAtStep = -1) =>
        Run(seed, actions, FaultPlan.For(seed), sabotageAtStep);

    /// <summary>Plays the day of <paramref name="seed"/> under <paramref name="plan"/> instead of the one it draws (tests).</summary>
    public static DayResult Run(long seed, int actions, FaultPlan plan, int sabotageAtStep = -1)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = new DayResult { Seed = seed, StepsAsked = actions, Plan = plan };
        var world = new DayWorld(seed, result);
        try
        {
            Play(world, plan, actions, sabotageAtStep);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            result.Violations.Add($"step {world.Step}: the simulation stopped: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            world.Dispose();
        }

        result.Wall = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        result.HostWall = world.Link.HostTime;
        result.Virtual = TimeSpan.FromMilliseconds(world.Clock.NowMs);
        return result;
    }

    /// <summary>The one command that plays the day of <paramref name="seed"/> again.</summary>
    public static string ReplayCommand(long seed, int actions) =>
        "terminal simulate --seed " + seed.ToString(CultureInfo.InvariantCulture)
        + (actions == DefaultActions ? string.Empty : " --steps " + actions.ToString(CultureInfo.InvariantCulture));

    private static void Play(DayWorld world, FaultPlan plan, int actions, int sabotageAtStep)
    {
        var workload = new Workload(world, DaySeeds.For(world.Result.Seed, DaySeeds.Workload), actions);
        var faults = new FaultInjector(world, plan, DaySeeds.For(world.Result.Seed, DaySeeds.Faults));
        var invariants = new DayInvariants(world);
        world.PowerOn();
        world.Guarded(workload.SetUp);
        for (int step = 1; step <= actions; step++)
        {
            world.Step = step;
            invariants.BeforeAction();
            FaultKind? fault = faults.Inject();
            if (fault is FaultKind.StuckBits or FaultKind.CorruptedSector)
            {
                invariants.FlashDamaged();
            }

            if (fault == FaultKind.CorruptedSector)
            {
                // The sector lost its bits while the terminal was off: it is switched on again.
                world.Guarded(world.Reboot);
            }

            world.Guarded(() => workload.Act(step));
            world.PrinterPort.PaperOut = false;
            world.Result.Steps = step;
            if (step == sabotageAtStep)
            {
                Sabotage(world);
            }

            invariants.AfterAction(workload);
        }

        // End of day: settle until it goes through (faults are off now).
        world.Step = actions + 1;
        invariants.BeforeAction();
        workload.EndOfDay();
        invariants.AfterAction(workload);
        invariants.AtEndOfDay();
        world.Result.Transactions = world.Fw.Store.NextInvoice - 1;
        world.Result.Did("catalog items downloaded", world.Fw.Store.Catalog.Count);
    }

    private static void Sabotage(DayWorld world) =>
        world.HostStore.InTransaction(tx => AcquirerStore.AddAuthorization(tx, new AuthorizationRecord(
            0, TerminalRig.TerminalId, "sale", 200, "000000", 999_999, world.Fw.Store.Batch, 4242, null, "999999999999", "000000", "00", "1125", "approved", null)));
}
