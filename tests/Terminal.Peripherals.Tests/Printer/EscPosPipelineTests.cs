using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.Printer;

/// <summary>
/// The driver keeps up to <see cref="EscPosPrinter.MaxWindow"/> units on the wire while their status answers
/// come back: what goes out when, and what a fault in the middle of such a window prints, reprints and reports.
/// </summary>
public sealed class EscPosPipelineTests
{
    private static readonly byte[] Ready = [0x12, 0x12];
    private static readonly byte[] NearEnd = [0x1E, 0x12]; // DLE EOT 4: near-end bits; DLE EOT 2: online
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
    private readonly RecordingSink _sink = new();

    private static string[] Lines(int count) => [.. Enumerable.Range(1, count).Select(i => $"LINE {i:D2} AMOUNT {i * 100,8}")];

    // A printer end that records the bytes and answers only when the test says.
    private static (EscPosPrinter Printer, SimulatedSerialPort Far, List<byte> Wire) Scripted()
    {
        var wire = new List<byte>();
        var (port, far) = SimulatedSerialPort.CreatePair("COM4", 115200);
        far.Open();
        far.SetDataReceivedHandler((p, _) =>
        {
            byte[] b = new byte[p.BytesToRead];
            p.Read(b, 0, b.Length);
            wire.AddRange(b);
        });
        return (new EscPosPrinter(port), far, wire);
    }

    // Units sent so far: each one is followed by its DLE EOT 4 question.
    private static int Questions(List<byte> wire)
    {
        int n = 0;
        for (int i = 0; i + 2 < wire.Count; i++)
        {
            if (wire[i] == EscPos.DLE && wire[i + 1] == EscPos.EOT && wire[i + 2] == EscPos.StatusPaper)
            {
                n++;
            }
        }

        return n;
    }

    private static int LineFeeds(List<byte> wire) => wire.Count(b => b == EscPos.LF);

    [Fact]
    public void The_first_unit_goes_alone_then_three_go_out_before_their_answers_and_each_answer_lets_one_more_go()
    {
        var (printer, far, wire) = Scripted();
        printer.Start(_sink);
        foreach (string line in Lines(6))
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        printer.Poll(0);
        Assert.Equal((1, 0), (Questions(wire), LineFeeds(wire))); // ESC @ alone: the printer has not said it is there

        far.Write(Ready, 0, 2);
        printer.Poll(1);
        Assert.Equal((4, 3), (Questions(wire), LineFeeds(wire)));

        far.Write(Ready, 0, 2);
        printer.Poll(2);
        Assert.Equal((5, 4), (Questions(wire), LineFeeds(wire)));
    }

    [Fact]
    public void The_job_is_busy_until_the_printer_has_confirmed_its_last_unit()
    {
        var (printer, far, wire) = Scripted();
        printer.Start(_sink);
        printer.Poll(0);
        far.Write(Ready, 0, 2);
        printer.Poll(1);
        printer.PrintLine("ONE", TextStyle.Normal, TextAlign.Left);
        printer.PrintLine("TWO", TextStyle.Normal, TextAlign.Left);

        printer.Poll(2); // ONE goes alone (after an idle spell), then TWO once ONE is confirmed
        far.Write(Ready, 0, 2);
        printer.Poll(3);
        Assert.Equal(2, LineFeeds(wire));
        Assert.True(printer.Busy);

        far.Write(Ready, 0, 2);
        printer.Poll(4);
        Assert.False(printer.Busy);
        Assert.Equal(3, printer.UnitsPrinted);
    }

    [Fact]
    public void Near_the_end_of_the_roll_units_go_one_at_a_time()
    {
        var (printer, far, wire) = Scripted();
        printer.Start(_sink);
        foreach (string line in Lines(4))
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        printer.Poll(0);
        far.Write(NearEnd, 0, 2);
        printer.Poll(1);
        Assert.Equal(1, LineFeeds(wire));

        far.Write(NearEnd, 0, 2);
        printer.Poll(2);
        Assert.Equal(2, LineFeeds(wire));
        Assert.Equal(PrinterStatus.PaperLow, printer.Status);
    }

    [Fact]
    public void A_cover_opened_while_a_window_is_on_the_wire_keeps_what_printed_and_reprints_only_the_refused_units()
    {
        var (printer, model, _) = Clocked();
        string[] lines = Lines(6);
        printer.PrintLine(lines[0], TextStyle.Normal, TextAlign.Left);
        Run(printer, 1_000);
        foreach (string line in lines[1..])
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        // LINE 02 goes alone, then 03, 04 and 05 together; the cover opens as 03 reaches the paper.
        Run(printer, _clock.NowMs + 3_000, () => model.TextLines.Count() == 3, model.OpenCover);
        Assert.Equal(lines[..3], model.TextLines.ToArray());
        Assert.Equal(2, model.Refused); // 04 and 05 were on the wire behind it
        Assert.True(printer.Status.HasFlag(PrinterStatus.CoverOpen));
        Assert.Contains((EventKind.PrinterStatus, 0, (int)PrinterStatus.CoverOpen), _sink.Events);
        Assert.True(printer.Busy);

        model.CloseCover();
        Run(printer, _clock.NowMs + 3_000);

        Assert.Equal(lines, model.TextLines.ToArray());
        Assert.Equal(2, printer.UnitsResent);
        Assert.Equal(PrinterStatus.Ready, printer.Status);
        Assert.False(printer.Busy);
    }

    [Fact]
    public void Paper_running_out_inside_a_window_without_a_near_end_warning_reports_paper_out_and_loses_or_doubles_nothing()
    {
        var (printer, model, _) = Clocked();
        model.NearEndDots = 0; // no near-end sensor fitted: the driver has no warning to slow down for
        model.PaperRemainingDots = (4 * 30) + 10; // the ESC @ and four lines, then not enough for the fifth
        string[] lines = Lines(12);
        foreach (string line in lines)
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        Run(printer, 3_000);
        Assert.Equal(lines[..4], model.TextLines.ToArray());
        Assert.True(model.Refused > 1); // the fifth, and what was on the wire behind it
        Assert.Equal(PrinterStatus.PaperOut, printer.Status & PrinterStatus.PaperOut);
        Assert.Equal(4 + 1, printer.UnitsPrinted); // ESC @ and four lines: nothing refused counts as printed

        model.LoadPaper();
        Run(printer, _clock.NowMs + 5_000);

        Assert.Equal(lines, model.TextLines.ToArray());
        Assert.Equal(model.Refused, printer.UnitsResent);
        Assert.Equal(PrinterStatus.Ready, printer.Status);
    }

    [Fact]
    public void Paper_loaded_while_later_units_are_still_on_the_wire_prints_them_once_and_resends_only_the_refused_one()
    {
        var (printer, model, _) = Clocked();
        model.NearEndDots = 0;
        model.PaperRemainingDots = (2 * 30) + 10; // two lines fit, the third does not
        string[] lines = Lines(6);
        printer.PrintLine(lines[0], TextStyle.Normal, TextAlign.Left);
        Run(printer, 1_000);
        foreach (string line in lines[1..])
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        // 03 is refused; as soon as the driver reports it, someone loads a roll: 04 and 05, already on the
        // wire behind 03, reach the printer after that.
        Run(printer, _clock.NowMs + 5_000, () => printer.Status.HasFlag(PrinterStatus.PaperOut), () => model.LoadPaper());

        // Each line on the paper exactly once; 04 and 05 printed before the reprint of 03 and were not sent again.
        Assert.Equal([lines[0], lines[1], lines[3], lines[4], lines[2], lines[5]], model.TextLines.ToArray());
        Assert.Equal(1, printer.UnitsResent);
        Assert.False(printer.Busy);
    }

    [Fact]
    public void Unreadable_answers_in_a_window_lose_nothing_the_probe_decides_for_the_units_in_flight()
    {
        var (printer, far, wire) = Scripted();
        printer.Start(_sink);
        foreach (string line in Lines(4))
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        printer.Poll(0);
        far.Write(Ready, 0, 2);
        printer.Poll(1); // three lines out
        far.Write([0x00, 0xFF], 0, 2); // noise instead of the first line's answer
        printer.Poll(2);
        Assert.Equal(3, LineFeeds(wire)); // nothing more is sent while the printer is asked again
        int questions = Questions(wire);

        far.Write(Ready, 0, 2); // the probe: online, not stopped, so the three lines printed
        printer.Poll(3);

        Assert.Equal(questions + 1, Questions(wire)); // the fourth line, alone after the lost answers
        Assert.Equal(4, LineFeeds(wire));
        Assert.Equal(0, printer.UnitsResent);
    }

    [Fact]
    public void Answers_already_in_are_read_at_once_rather_than_after_the_line_time_a_unit_would_take()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM3", 9600); // no clock: the printer answers at once
        var model = new EscPosPrinterModel(device);
        using var printer = new EscPosPrinter(board);
        printer.Start(_sink);
        string[] lines = Lines(20);
        foreach (string line in lines)
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        long next = printer.Poll(0);

        Assert.Equal(lines, model.TextLines.ToArray());
        Assert.False(printer.Busy);
        Assert.Equal(Deadline.Never, next);
    }

    private (EscPosPrinter Printer, EscPosPrinterModel Model, SimulatedSerialPort Board) Clocked()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM3", 9600, _clock);
        board.Handshake = Handshake.XOnXOff;
        var model = new EscPosPrinterModel(device);
        var printer = new EscPosPrinter(board);
        printer.Start(_sink);
        return (printer, model, board);
    }

    // Polls the driver every millisecond of virtual time; when <paramref name="when"/> first holds, does <paramref name="then"/>.
    private void Run(EscPosPrinter printer, long untilMs, Func<bool>? when = null, Action? then = null)
    {
        bool done = false;
        while (_clock.NowMs < untilMs)
        {
            printer.Poll(_clock.NowMs);
            if (!done && when != null && when())
            {
                done = true;
                then!();
            }

            _clock.Advance(1);
        }
    }
}
