using System.CommandLine;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Boards;

namespace Terminal.Simulator.Commands;

/// <summary>`terminal run`: boots the firmware on the simulated board and shows its display.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var keys = new Option<FileInfo?>("--keys") { Description = "Key script to play (one 'key K', 'keys K...' or 'wait MS' a line) on the virtual clock, then exit." };
        var seed = new Option<long>("--seed") { Description = "Seed of the run: the same seed and keys give the same run byte for byte.", DefaultValueFactory = _ => 1 };
        var trace = new Option<FileInfo?>("--trace") { Description = "Write the run trace (every frame, stamped with virtual time) to this file." };
        var frames = new Option<bool>("--frames") { Description = "Print every display frame, not only the last." };
        var interactive = new Option<bool>("--interactive") { Description = "Real time, keys from the keyboard (the default on a terminal when no --keys is given)." };
        var boardFile = new Option<FileInfo?>("--board") { Description = "Board file (board-configs/*.json) giving the keypad and display wiring; default: the built-in simulated board." };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write the final display frame as display.png (the ST7789 framebuffer), what the printer printed as printer.txt and printer.png, and each cut-delimited document as document-NNN.escpos/.txt/.png, into this folder." };
        var cmd = new Command("run", "Boot the terminal on the simulated board and show its display.") { keys, seed, trace, frames, interactive, boardFile, outDir };
        cmd.SetAction(parse =>
        {
            FileInfo? keyFile = parse.GetValue(keys);
            var options = new SimulatedBoardOptions { Seed = parse.GetValue(seed), KeepTraceText = parse.GetValue(trace) != null };
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
            return live
                ? RunInteractive(options)
                : RunScripted(options, keyFile, parse.GetValue(trace), parse.GetValue(frames), parse.GetValue(outDir));
        });
        return cmd;
    }

    private static int RunScripted(SimulatedBoardOptions options, FileInfo? keyFile, FileInfo? traceFile, bool everyFrame, DirectoryInfo? outDir)
    {
        IReadOnlyList<KeyStep> steps = [];
        if (keyFile != null)
        {
            try
            {
                steps = KeyScript.Parse(File.ReadAllText(keyFile.FullName), keyFile.Name);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"terminal: {e.Message}");
                return 2;
            }
        }

        long seed = options.Seed;
        using var board = new SimulatedBoard(options);
        if (everyFrame)
        {
            board.Display.FramePresented += panel => ConsoleView.Draw(Console.Out, panel, board.Clock.NowMs);
        }

        board.Boot();
        board.Play(steps);
        board.RunFor(100);
        if (!everyFrame)
        {
            ConsoleView.Draw(Console.Out, board.Display, board.Clock.NowMs);
        }

        if (traceFile != null)
        {
            File.WriteAllText(traceFile.FullName, board.Trace.Text);
        }

        if (outDir != null && board.Panel != null)
        {
            outDir.Create();
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

        Console.WriteLine($"seed {seed}: {board.Display.Frames} frames, {board.Loop.Dispatched} events, loop faults {board.Loop.Faults}, trace {board.Trace.Digest()[..16]}");
        return 0;
    }

    private static int RunInteractive(SimulatedBoardOptions options)
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions
        {
            RealTime = true,
            Seed = options.Seed,
            Board = options.Board,
            DisplayColumns = options.DisplayColumns,
            DisplayRows = options.DisplayRows,
        });
        var redraw = new object();
        board.Display.FramePresented = panel =>
        {
            lock (redraw)
            {
                Console.Clear();
                ConsoleView.Draw(Console.Out, panel, board.Clock.NowMs);
                Console.WriteLine("keys: 0-9  Enter=ENTER  Backspace=CLEAR  Esc=CANCEL  m=MENU  F1 F2  .=DOT  Ctrl-C quits");
            }
        };
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            board.Loop.Stop();
        };
        var reader = new Thread(() =>
        {
            while (true)
            {
                int key = ConsoleView.MapKey(Console.ReadKey(intercept: true));
                if (key != KeyCode.None)
                {
                    board.Loop.Events.Post(EventKind.KeyDown, key, 0, EventPriority.Normal);
                    board.Loop.Events.Post(EventKind.KeyUp, key, 0, EventPriority.Normal);
                }
            }
        }) { IsBackground = true, Name = "keyboard" };
        board.Boot();
        reader.Start();
        board.Loop.Run();
        return 0;
    }
}
