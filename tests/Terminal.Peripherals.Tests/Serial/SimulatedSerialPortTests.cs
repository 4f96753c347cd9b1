using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.Serial;

public class SimulatedSerialPortTests
{
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));

    [Fact]
    public void Without_a_clock_bytes_arrive_at_once()
    {
        var (a, b) = SimulatedSerialPort.CreatePair("COM1", 9600);
        a.Open();

        a.Write([1, 2, 3], 0, 3);

        Assert.Equal(3, b.BytesToRead);
    }

    [Fact]
    public void With_a_clock_each_byte_takes_ten_bit_times_at_the_baud_rate()
    {
        var (a, b) = SimulatedSerialPort.CreatePair("COM1", 9600, _clock);
        a.Open();

        a.Write(new byte[10], 0, 10);
        int atStart = b.BytesToRead;
        _clock.AdvanceTo(5);
        int after5ms = b.BytesToRead;
        _clock.AdvanceTo(11);

        Assert.Equal((0, 4, 10), (atStart, after5ms, b.BytesToRead));
    }

    [Fact]
    public void XOFF_from_the_far_end_clears_CanSend_and_is_not_data()
    {
        var (a, b) = SimulatedSerialPort.CreatePair("COM1", 9600);
        a.Handshake = Handshake.XOnXOff;
        b.Open();

        b.Write([0x13], 0, 1);
        bool whileOff = a.CanSend;
        b.Write([0x11], 0, 1);

        Assert.False(whileOff);
        Assert.True(a.CanSend);
        Assert.Equal(0, a.BytesToRead);
    }

    [Fact]
    public void CTS_follows_the_far_ends_RTS_with_RTS_CTS_handshake()
    {
        var (a, b) = SimulatedSerialPort.CreatePair("COM1", 9600);
        a.Handshake = Handshake.RequestToSend;

        b.SetRequestToSend(false);

        Assert.False(a.CanSend);
    }

    [Fact]
    public void A_receipt_at_9600_baud_survives_paper_out_with_no_line_lost_or_twice_and_takes_its_line_time()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM3", 9600, _clock);
        board.Handshake = Handshake.XOnXOff;
        var model = new EscPosPrinterModel(device) { PaperRemainingDots = (9 * 30) + 5 };
        using var printer = new EscPosPrinter(board);
        printer.Start(new RecordingSink());
        string[] receipt = [.. Enumerable.Range(1, 25).Select(i => $"ITEM {i:D2}  QTY 1  PRICE {i * 3,6}")];
        foreach (string line in receipt)
        {
            printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        for (int i = 0; i < 200_000 && printer.Busy; i++)
        {
            if (_clock.NowMs == 3_000)
            {
                model.LoadPaper();
            }

            long next = printer.Poll(_clock.NowMs);
            _clock.AdvanceTo(Math.Min(Math.Max(next, _clock.NowMs + 1), _clock.NowMs < 3_000 ? 3_000 : long.MaxValue));
        }

        Assert.Equal(receipt, model.TextLines.ToArray());
        long lineMs = board.BytesWritten * 10 * 1000 / 9600;
        Assert.True(_clock.NowMs >= lineMs, $"{_clock.NowMs} ms is less than the {lineMs} ms the bytes need on the line");
    }

    [Fact]
    public void The_scanner_driver_reads_a_code_that_arrives_at_line_speed()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM2", 9600, _clock);
        var engine = new Terminal.Drivers.Simulated.QrScanner.Gm65Model(device);
        using var scanner = new Terminal.Drivers.QrScanner.Gm65Scanner(board);
        var sink = new RecordingSink();
        scanner.Start(sink);
        scanner.Trigger();
        engine.Present("134567890123456789");

        for (int i = 0; i < 100; i++)
        {
            long next = scanner.Poll(_clock.NowMs);
            _clock.AdvanceTo(next == Deadline.Never ? _clock.NowMs + 20 : next);
        }

        byte[] code = new byte[32];
        int n = scanner.TakeCode(code, 0, code.Length);
        Assert.Equal("134567890123456789", System.Text.Encoding.ASCII.GetString(code, 0, n));
    }
}
