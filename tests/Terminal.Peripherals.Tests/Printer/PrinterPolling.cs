using Terminal.Drivers.Printer;
using Terminal.Hal;

namespace Terminal.Peripherals.Tests.Printer;

/// <summary>Polls a printer driver the way the event loop does, for the tests that drive one without a loop.</summary>
internal static class PrinterPolling
{
    /// <summary>Polls until the driver has nothing due or <paramref name="untilMs"/> passes; <paramref name="now"/> follows.</summary>
    public static void Run(EscPosPrinter printer, ref long now, long untilMs)
    {
        for (int i = 0; i < 100_000; i++)
        {
            long next = printer.Poll(now);
            if (next == Deadline.Never || next > untilMs)
            {
                now = Math.Max(now, Math.Min(untilMs, next == Deadline.Never ? now : untilMs));
                return;
            }

            now = Math.Max(now, next);
        }

        throw new InvalidOperationException("the printer never went idle");
    }
}
