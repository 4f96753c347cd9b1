using System.CommandLine;
using System.Globalization;
using Terminal.Simulator.Bench;

namespace Terminal.Simulator.Commands;

/// <summary>`terminal bench`: allocation and time per unit of the firmware's hot paths.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var cmd = new Command("bench", "Measure bytes allocated and time per event, idle tick and other hot paths (a command, never a timed test).");
        cmd.SetAction(_ =>
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
            Console.WriteLine($"{"benchmark",-36} {"unit",-8} {"units",8} {"bytes/unit",11} {"ns/unit",10}");
            foreach (var r in LoopBench.Run())
            {
                Print(r);
            }

            return 0;
        });
        return cmd;
    }

    private static void Print(BenchResult r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-36} {r.Unit,-8} {r.Units,8} {r.BytesPerUnit,11:0.##} {r.NanosPerUnit,10:0.#}"));
        if (r.Unit == "event")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bytes allocated per 10,000 events: {r.BytesPerUnit * 10_000:0}"));
        }
        else if (r.Unit == "tick")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle: bytes allocated per idle tick: {r.BytesPerUnit:0.##}"));
        }
    }
}
