using System.Diagnostics;

namespace Terminal.Simulator.Bench;

/// <summary>One benchmark result: allocation and time per unit of work.</summary>
public sealed record BenchResult(string Name, string Unit, long Units, long AllocatedBytes, TimeSpan Elapsed)
{
    /// <summary>Bytes allocated per unit.</summary>
    public double BytesPerUnit => Units == 0 ? 0 : (double)AllocatedBytes / Units;

    /// <summary>Nanoseconds per unit.</summary>
    public double NanosPerUnit => Units == 0 ? 0 : Elapsed.TotalMilliseconds * 1_000_000 / Units;
}

/// <summary>
/// Measures a body on this thread: a warm-up pass first (JIT, lazy buffers), then allocated bytes
/// (GC.GetAllocatedBytesForCurrentThread, exact) and wall time over the measured pass.
/// </summary>
public static class Measure
{
    /// <summary>Runs <paramref name="body"/> for <paramref name="units"/> units after a warm-up of the same size.</summary>
    public static BenchResult Run(string name, string unit, int units, Action<int> body)
    {
        body(units);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        body(units);
        long end = Stopwatch.GetTimestamp();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new BenchResult(name, unit, units, allocated, Stopwatch.GetElapsedTime(start, end));
    }
}
