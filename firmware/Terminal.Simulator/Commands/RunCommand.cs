using System.CommandLine;
using Terminal.Hal;
using Terminal.Simulator.Board;

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
        var cmd = new Command("run", "Boot the terminal on the simulated board and show its display.") { keys, seed, trace, frames, interactive };
        cmd.SetAction(parse =>
        {
            FileInfo? keyFile = parse.GetValue(keys);
            bool live = parse.GetValue(interactive) || (keyFile == null && !Console.IsInputRedirected && !Console.IsOutputRedirected);
            return live
                ? RunInteractive()
                : RunScripted(keyFile, parse.GetValue(seed), parse.GetValue(trace), parse.GetValue(frames));
        });
        return cmd;
    }

    private static int RunScripted(FileInfo? keyFile, long seed, FileInfo? traceFile, bool everyFrame)
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

        using var board = new SimulatedBoard(new SimulatedBoardOptions { Seed = seed, KeepTraceText = traceFile != null });
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

        Console.WriteLine($"seed {seed}: {board.Display.Frames} frames, {board.Loop.Dispatched} events, loop faults {board.Loop.Faults}, trace {board.Trace.Digest()[..16]}");
        return 0;
    }

    private static int RunInteractive()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions { RealTime = true });
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
