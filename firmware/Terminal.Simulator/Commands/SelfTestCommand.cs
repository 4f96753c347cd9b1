using System.CommandLine;
using Terminal.Core.Host;
using Terminal.Core.SelfTest;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.PcAdapters;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal selftest`: the technician's self-test run unattended on the simulated board. The simulator
/// plays the technician (presses every key, taps, swipes, scans); faults can be injected into the board.
/// </summary>
public static class SelfTestCommand
{
    /// <summary>Faults the simulated board can be given, and what each does.</summary>
    public static readonly (string Name, string Effect)[] Faults =
    [
        ("paper-out", "the printer has no paper"),
        ("reader", "the contactless reader's SPI returns garbage (chip not answering)"),
        ("host-down", "no acquirer host at the configured address"),
        ("stuck-key", "key 5 is stuck down"),
        ("scanner", "no scanner on its UART"),
        ("flash", "a bit of the reserved flash sector is stuck at 0"),
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var fault = new Option<string[]>("--fault")
        {
            Description = "Inject a fault (repeatable): " + string.Join("; ", Faults.Select(f => f.Name + " = " + f.Effect)) + ".",
            AllowMultipleArgumentsPerToken = false,
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the run.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("selftest", "Run every self-test check on the simulated board; exit 0 when all pass, 1 when any fails.") { fault, seed };
        cmd.SetAction(parse =>
        {
            string[] faults = parse.GetValue(fault) ?? [];
            foreach (var f in faults)
            {
                if (!Faults.Any(k => k.Name == f))
                {
                    Console.Error.WriteLine($"terminal: unknown fault '{f}' (known: {string.Join(", ", Faults.Select(k => k.Name))})");
                    return 2;
                }
            }

            return Run(new HashSet<string>(faults), parse.GetValue(seed));
        });
        return cmd;
    }

    /// <summary>Runs the self-test with the given faults; returns the exit code.</summary>
    public static int Run(ISet<string> faults, long seed)
    {
        // A terminal set up from the demo file, its host in this process; with host-down the link points at a
        // closed port, so the echo check meets a refused connection.
        using var board = new SimulatedBoard(new SimulatedBoardOptions
        {
            Seed = seed,
            ScannerUnplugged = faults.Contains("scanner"),
            Provisioning = ProvisioningFile.Demo,
            HostLink = faults.Contains("host-down") ? _ => new TcpHostTransport(new TcpNetworkStream(), "127.0.0.1", 1, FactoryDefaults.MaxMessage, FactoryDefaults.TcpConnectTimeoutMs) : null,
        });
        if (faults.Contains("stuck-key"))
        {
            board.Keys.Press(KeyCode.Digit0 + 5);
        }

        board.Boot();
        board.RunUntilIdle();
        if (faults.Contains("paper-out"))
        {
            board.PrinterMechanism.PaperRemainingDots = 0;
        }

        if (faults.Contains("reader"))
        {
            board.RfChip.GarbageReads = true;
        }

        if (faults.Contains("flash"))
        {
            board.Flash.StickBitsAtZero((board.ReservedSector * board.Flash.SectorSize) + 17, 0x01);
        }

        var report = new Report();
        board.App.SelfTestListener = report;
        board.App.StartSelfTest();
        Technician(board, board.SelfTest);
        Console.WriteLine($"self-test: {report.Passed} passed, {report.Failed} failed");
        Console.WriteLine(JournalLine(board));
        return report.Failed == 0 && report.Passed == SelfTestRun.CheckNames.Length ? 0 : 1;
    }

    // Reads the summary back from the journal, as a later boot or the technician's report would.
    private static string JournalLine(SimulatedBoard board)
    {
        var cursor = default(Terminal.Core.Journal.JournalCursor);
        var payload = new byte[64];
        string found = "journal: no self-test record";
        while (board.Journal.Next(ref cursor, payload, out var entry))
        {
            if (entry.Type == SelfTestRun.JournalRecordType)
            {
                found = $"journal: self-test record #{entry.Sequence} {System.Text.Encoding.ASCII.GetString(payload, 0, entry.Length)}";
            }
        }

        return found;
    }

    // Plays the technician: does what each check asks, and gives the host link real time to answer.
    internal static void Technician(SimulatedBoard board, SelfTestRun run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int acted = -1;
        while (run.Running && DateTime.UtcNow < deadline)
        {
            int check = run.Current;
            if (check != acted)
            {
                acted = check;
                switch (SelfTestRun.CheckNames[check])
                {
                    case "keypad":
                        foreach (int key in board.KeyLayout)
                        {
                            // A stuck key cannot be pressed again: the technician's finger finds it already down.
                            if (run.Current == check && !board.Keys.IsPressed(key))
                            {
                                board.PressKey(key);
                            }
                        }

                        continue;
                    case "contactless":
                        board.Tap("visa");
                        continue;
                    case "magstripe":
                        board.Swipe("unionpay");
                        continue;
                    case "scanner":
                        board.Scan("134567890123456789");
                        continue;
                    case "chip card" when board.ContactSlot != null:
                        board.Insert("unionpay-debit");
                        continue;
                    default:
                        break;
                }
            }

            if (SelfTestRun.CheckNames[check] == "host link")
            {
                // The host answers over a real socket: let real time pass with the virtual clock.
                Thread.Sleep(1);
                board.RunFor(5);
            }
            else
            {
                board.RunFor(100);
            }
        }

        if (run.Running)
        {
            Console.WriteLine("self-test did not finish within 60 s");
        }
    }

    private sealed class Report : ISelfTestObserver
    {
        public int Passed { get; private set; }

        public int Failed { get; private set; }

        public void OnCheckDone(int index, bool passed, string reason) =>
            Console.WriteLine($"{(passed ? "PASS" : "FAIL")} {SelfTestRun.CheckNames[index],-12} {reason}");

        public void OnSelfTestDone(int passed, int failed)
        {
            Passed = passed;
            Failed = failed;
        }
    }
}
