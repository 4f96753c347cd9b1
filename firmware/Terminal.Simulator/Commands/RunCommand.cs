using System.Collections.Concurrent;
using System.CommandLine;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Boards;
using Terminal.Simulator.Cli;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal run`: the whole cashier's terminal on the simulated board, against an acquirer host in this process,
/// driven by a key script or by a person at the keyboard.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var keys = new Option<FileInfo?>("--keys") { Description = "Key script to play (samples/*.keys: 'keys 1 2 0 0 ENTER', 'swipe unionpay', 'tap visa', 'insert unionpay-debit', 'withdraw', 'scan CODE', 'wait MS'), then exit." };
        var seed = new Option<long>("--seed") { Description = "Seed of the run: the same seed and keys give the same run byte for byte.", DefaultValueFactory = _ => 1 };
        var trace = new Option<FileInfo?>("--trace") { Description = "Write the run trace (every frame, stamped with virtual time) to this file." };
        var frames = new Option<bool>("--frames") { Description = "Print every display frame, not only the last." };
        var interactive = new Option<bool>("--interactive") { Description = "Keys from the keyboard, in real time (the default on a terminal when no --keys is given)." };
        var boardFile = new Option<FileInfo?>("--board") { Description = "Board file (board-configs/*.json) giving the keypad and display wiring; default: the built-in simulated board." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write the final display frame as display.png (the ST7789 framebuffer), what the printer printed as printer.txt and printer.png, and each cut-delimited document as document-NNN.escpos/.txt/.png, into this folder." };
        var fresh = new Option<bool>("--fresh") { Description = "Boot a new terminal into set-up on the keypad (MID, TID, master key) instead of one set up from the demo provisioning file." };
        var package = new Option<FileInfo?>("--provision-package") { Description = "A device provisioning package (`terminal provision --device-file`) the firmware takes at boot, as the device takes I:\\provision.bin: applied or refused, it is wiped and deleted." };
        var cmd = new Command("run", "Run the cashier's terminal on the simulated board against an acquirer host in this process.") { keys, seed, trace, frames, interactive, boardFile, outDir, fresh, package };
        cmd.SetAction(parse =>
        {
            FileInfo? keyFile = parse.GetValue(keys);
            var options = new SimulatedBoardOptions
            {
                Seed = parse.GetValue(seed),
                KeepTraceText = parse.GetValue(trace) != null,
                Provisioning = parse.GetValue(fresh) ? null : ProvisioningFile.Demo,
                ProvisioningPackage = parse.GetValue(package) is FileInfo drop ? new ProvisioningPackageFile(drop.FullName) : null,
            };
            FileInfo? board = parse.GetValue(boardFile);
            if (board != null)
            {
                try
                {
                    options = BoardSimulation.Options(BoardConfigLoader.Load(board.FullName), options);
                }
                catch (BoardConfigException e)
                {
                    Console.Error.WriteLine($"terminal: {e.Message}");
                    return 2;
                }
            }

            bool live = parse.GetValue(interactive) || (keyFile == null && !Console.IsInputRedirected && !Console.IsOutputRedirected);
            if (live)
            {
                return RunInteractive(options);
            }

            IReadOnlyList<KeyStep> steps = keyFile == null ? [] : ReadScript(keyFile);
            // Where the results go is checked before the script is played, not found unwritable after it.
            FileInfo? traceFile = parse.GetValue(trace);
            DirectoryInfo? folder = parse.GetValue(outDir);
            folder = folder == null ? null : UserFiles.WritableFolder(folder, "--out");
            using FileStream? traceStream = traceFile == null ? null : UserFiles.CreateFile(traceFile, "--trace");
            return RunScripted(options, steps, traceStream, parse.GetValue(frames), folder);
        });
        return cmd;
    }

    // Every line of the script is checked (keys, cards, the PNGs it scans) before the first is played.
    private static IReadOnlyList<KeyStep> ReadScript(FileInfo keyFile)
    {
        string text = UserFiles.ReadText(keyFile, "--keys");
        try
        {
            return KeyScript.Parse(text, keyFile.Name);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message); // FILE:LINE: reason
        }
    }

    private static int RunScripted(SimulatedBoardOptions options, IReadOnlyList<KeyStep> steps, FileStream? traceFile, bool everyFrame, DirectoryInfo? outDir)
    {
        using var updates = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var board = new SimulatedBoard(WithUpdates(options, updates));
        if (everyFrame)
        {
            board.Display.FramePresented += panel => ConsoleView.Draw(Console.Out, panel, board.Clock.NowMs);
        }

        board.Boot();
        board.RunUntilIdle();
        try
        {
            board.Play(steps);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"terminal: {e.Message}");
            return 2;
        }

        board.RunUntilIdle(settleMs: 2000);
        if (!everyFrame)
        {
            ConsoleView.Draw(Console.Out, board.Display, board.Clock.NowMs);
        }

        if (traceFile != null)
        {
            using var writer = new StreamWriter(traceFile);
            writer.Write(board.Trace.Text);
        }

        if (outDir != null)
        {
            string png = Path.Combine(outDir.FullName, "display.png");
            File.WriteAllBytes(png, board.Panel.RenderPng(2));
            Console.WriteLine($"display: {png}");
            if (board.PrinterMechanism.BytesReceived > 0)
            {
                string paper = Path.Combine(outDir.FullName, "printer");
                File.WriteAllText(paper + ".txt", board.PrinterMechanism.RenderText());
                File.WriteAllBytes(paper + ".png", board.PrinterMechanism.RenderPng());
                Console.WriteLine($"printer: {paper}.txt, {paper}.png");
                foreach (var document in board.PrinterMechanism.Documents)
                {
                    Console.WriteLine($"document {document.Index + 1}: {document.Save(outDir.FullName)}.escpos, .txt, .png");
                }
            }
        }

        Console.WriteLine($"seed {options.Seed}: {board.Display.Frames} frames, {board.Loop.Dispatched} events, loop faults {board.Loop.Faults}, {board.PrinterMechanism.Documents.Count} document(s) printed, trace {board.Trace.Digest()[..16]}");
        return 0;
    }

    // The terminal as it leaves the factory: version 1.0.0 signed into its first slot, so MENU F1 (software update) is
    // there as on the device; the vendor's key lives as long as the run.
    private static SimulatedBoardOptions WithUpdates(SimulatedBoardOptions options, System.Security.Cryptography.ECDsa vendorKey)
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        return options with { Keys = keys, FirmwareFlash = BoardUpdates.Factory(options.Board, keys, vendorKey, "1.0.0") };
    }

    // A person at the keyboard: virtual time follows real time, and what they type is played on the board between
    // steps of the loop (the chip models are not thread-safe: only this thread touches the board).
    private static int RunInteractive(SimulatedBoardOptions options)
    {
        using var updates = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var board = new SimulatedBoard(WithUpdates(options, updates));
        var typed = new ConcurrentQueue<ConsoleKeyInfo>();
        bool quit = false;
        board.Display.FramePresented = panel =>
        {
            Console.Clear();
            ConsoleView.Draw(Console.Out, panel, board.Clock.NowMs);
            Console.WriteLine(ConsoleView.Help);
        };
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            quit = true;
        };
        var reader = new Thread(() =>
        {
            while (true)
            {
                typed.Enqueue(Console.ReadKey(intercept: true));
            }
        }) { IsBackground = true, Name = "keyboard" };
        board.Boot();
        reader.Start();
        var session = new InteractiveSession(board);
        long last = Environment.TickCount64;
        while (!quit)
        {
            while (typed.TryDequeue(out var key))
            {
                session.Apply(key);
            }

            Thread.Sleep(10);
            long now = Environment.TickCount64;
            board.RunFor(Math.Max(1, now - last));
            last = now;
        }

        return 0;
    }
}

/// <summary>What a person's keys do on the simulated board: keypad keys, and letters that swipe, tap or scan test cards and codes.</summary>
internal sealed class InteractiveSession(SimulatedBoard board)
{
    /// <summary>Plays one key from the PC's keyboard on the board.</summary>
    public void Apply(ConsoleKeyInfo key)
    {
        int code = ConsoleView.MapKey(key);
        if (code != KeyCode.None)
        {
            board.Keys.Tap(code, 80);
            return;
        }

        var (action, argument) = ConsoleView.MapAction(key);
        switch (action)
        {
            case "swipe":
                board.MagstripeHead.Swipe(TestCards.Track2(argument), new Terminal.Drivers.Simulated.Magstripe.SwipeOptions());
                break;
            case "tap":
                board.Tap(argument);
                break;
            case "scan":
                board.Scan(argument);
                break;
            case "insert" when board.ContactSlot != null:
                board.ContactSlot.Insert(Terminal.Drivers.Simulated.ChipCards.ContactEmvTestCards.Create(argument));
                break;
            case "withdraw" when board.ContactSlot != null:
                board.ContactSlot.Withdraw();
                break;
            default:
                break;
        }
    }
}
