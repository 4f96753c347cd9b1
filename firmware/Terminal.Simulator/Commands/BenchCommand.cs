using System.CommandLine;
using System.Globalization;
using Terminal.Simulator.Bench;
using Terminal.Simulator.Cli;

namespace Terminal.Simulator.Commands;

/// <summary>`terminal bench`: allocation and time per unit of the firmware's hot paths.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bootHeap = new Option<bool>("--boot-heap") { Description = "Only the boot heap: what the firmware's static tables and literals take on the device (exit 1 when over budget)." };
        var allowDebug = BuildConfiguration.AllowDebugOption();
        var cmd = new Command("bench", "Measure bytes allocated and time per event, idle tick and other hot paths (a command, never a timed test), and the boot heap against its budget.") { bootHeap, allowDebug };
        cmd.SetAction(parse =>
        {
            BuildConfiguration.Check("bench", parse.GetValue(allowDebug), Console.Out);
            if (parse.GetValue(bootHeap))
            {
                return PrintBootHeap(BootHeapBench.Measure()) ? 0 : 1;
            }

            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}");
            Console.WriteLine($"{"benchmark",-36} {"unit",-8} {"units",8} {"bytes/unit",11} {"ns/unit",10}");
            foreach (var r in LoopBench.Run())
            {
                Print(r);
            }

            foreach (var r in Iso8583Bench.Run())
            {
                Print(r);
            }

            foreach (var r in PaymentBench.Run())
            {
                Print(r);
            }

            foreach (var r in SecurityBench.Run())
            {
                Print(r);
            }

            foreach (int baud in new[] { 9600, 115200 })
            {
                var (bytes, printedMs, boundMs) = PaymentBench.ReceiptPrinting(baud);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"receipt printing at {baud} baud: {bytes} bytes in {printedMs:0} ms (virtual clock); UART bound {boundMs:0} ms; {(printedMs / boundMs - 1) * 100:0.#}% over"));
            }

            var (average, worst) = PaymentBench.KeyToDisplay();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"key edge to display update (virtual clock): {average:0.#} ms average, {worst} ms worst of 20 presses"));

            // The one budget here that is not per unit: a firmware over it exits non-zero.
            return PrintBootHeap(BootHeapBench.Measure()) ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>Prints the boot heap by assembly and by type, largest first; false when it is over budget.</summary>
    internal static bool PrintBootHeap(BootHeapReport report)
    {
        const int Listed = 100;
        string verdict = report.WithinBudget ? "ok" : "FAIL: over budget";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"boot heap (nanoFramework model, docs/boot-heap.md): {report.Total:N0} bytes of static tables and literals (budget {BootHeapBench.Budget:N0}): {verdict}"));
        foreach (string assembly in report.Assemblies)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {assembly,-50} {report.AssemblyTotal(assembly),8:N0}"));
        }

        Console.WriteLine($"  {"type (static fields, arrays, strings, objects)",-50} {"bytes",8} {"fields",7} {"arrays",8} {"strings",8} {"objects",8}");
        int others = 0;
        int otherBytes = 0;
        foreach (BootHeapType t in report.Types)
        {
            if (t.Total < Listed)
            {
                others++;
                otherBytes += t.Total;
                continue;
            }

            string unknown = t.UnknownArrays > 0 ? $" ({t.UnknownArrays} array(s) of unknown length counted empty)" : string.Empty;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {t.Type,-50} {t.Total,8:N0} {t.FieldBytes,7:N0} {t.ArrayBytes,8:N0} {t.StringBytes,8:N0} {t.ObjectBytes,8:N0}{unknown}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {others} more types under {Listed} bytes each: {otherBytes:N0} bytes"));
        return report.WithinBudget;
    }

    private static void Print(BenchResult r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-36} {r.Unit,-8} {r.Units,8} {r.BytesPerUnit,11:0.##} {r.NanosPerUnit,10:0.#}"));
        if (r.Unit == "event")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  bytes allocated per 10,000 events: {r.BytesPerUnit * 10_000:0}"));
        }
        else if (r.Unit == "msg" && r.Name.EndsWith("unpack", StringComparison.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Name}: {r.NanosPerUnit / 1000:0.00} us and {r.BytesPerUnit:0.##} bytes per message"));
        }
        else if (r.Unit == "sale")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  complete sale in the firmware: {r.BytesPerUnit:0} bytes allocated (budget 8192), {r.NanosPerUnit / 1000:0} us"));
        }
        else if (r.Unit == "chip sale")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  chip sale in the firmware (with the previous sale's TC upload): {r.BytesPerUnit:0} bytes allocated (budget 8192), {r.NanosPerUnit / 1000:0} us"));
        }
        else if (r.Unit == "tick")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle: bytes allocated per idle tick: {r.BytesPerUnit:0.##}"));
        }
    }
}
