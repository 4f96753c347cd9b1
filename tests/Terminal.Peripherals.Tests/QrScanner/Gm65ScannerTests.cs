using System.Text;
using Terminal.Drivers.QrScanner;
using Terminal.Drivers.Simulated.Imaging;
using Terminal.Drivers.Simulated.QrScanner;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.QrScanner;

public sealed class Gm65ScannerTests : IDisposable
{
    private const string WeChatCode = "134567890123456789";

    private readonly SimulatedSerialPort _board;
    private readonly SimulatedSerialPort _device;
    private readonly Gm65Model _engine;
    private readonly RecordingSink _sink = new();
    private Gm65Scanner _scanner;
    private long _now;

    public Gm65ScannerTests()
    {
        (_board, _device) = SimulatedSerialPort.CreatePair("COM2", 9600);
        _engine = new Gm65Model(_device);
        _scanner = new Gm65Scanner(_board);
    }

    public void Dispose() => _scanner.Dispose();

    private void Advance(long ms)
    {
        long until = _now + ms;
        long next = _scanner.Poll(_now);
        while (next != Deadline.Never && next <= until)
        {
            _now = Math.Max(_now, next);
            next = _scanner.Poll(_now);
        }

        _now = until;
    }

    private string Taken()
    {
        byte[] buffer = new byte[512];
        int n = _scanner.TakeCode(buffer, 0, buffer.Length);
        return n < 0 ? "status " + n : Encoding.ASCII.GetString(buffer, 0, n);
    }

    private int[] ScanArgs => [.. _sink.Events.Where(e => e.Kind == EventKind.ScanComplete).Select(e => e.Arg)];

    [Fact]
    public void The_protocol_CRC_matches_the_manuals_write_zone_example()
    {
        byte[] frame = [0x7E, 0x00, 0x08, 0x01, 0x00, 0x0A, 0x3E];

        Assert.Equal(0x4CCF, Gm65Scanner.Crc16(frame, 2, 5));
    }

    [Fact]
    public void Starting_puts_the_engine_in_command_mode_with_a_write_zone_frame_it_acknowledges()
    {
        _scanner.Start(_sink);
        Advance(10);

        Assert.Equal(1, _engine.Mode);
        Assert.Equal(_scanner.SettingsByte, _engine.Zones[0]);
        Assert.True(_scanner.Attached);
        Assert.Equal(Deadline.Never, _scanner.Poll(_now));
    }

    [Fact]
    public void A_trigger_starts_a_scan_and_the_code_in_view_is_taken_once()
    {
        _scanner.Start(_sink);
        _engine.Present(WeChatCode);
        Advance(10);
        Assert.Empty(ScanArgs); // command mode: nothing is read before the trigger

        _scanner.Trigger();
        Advance(50);

        Assert.Equal([WeChatCode.Length], ScanArgs);
        Assert.Equal(WeChatCode, Taken());
        Assert.Equal("", Taken());
        Assert.False(_scanner.Scanning);
    }

    [Fact]
    public void A_QR_image_is_decoded_by_the_engine_and_its_text_arrives()
    {
        const string code = "6212345678901234567";
        _scanner.Start(_sink);
        _scanner.Trigger();

        Assert.True(_engine.PresentImage(QrImage.Encode(code)));
        Advance(50);

        Assert.Equal(code, Taken());
    }

    [Fact]
    public void Continuous_mode_reads_every_code_presented_while_armed()
    {
        _scanner = new Gm65Scanner(_board, continuousMode: true);
        _scanner.Start(_sink);
        _scanner.Trigger();
        Advance(10);

        _engine.Present("281234567890123456");
        Advance(30);
        string first = Taken();
        _engine.Present(WeChatCode);
        Advance(30);

        Assert.Equal(2, _engine.Mode);
        Assert.Equal("281234567890123456", first);
        Assert.Equal(WeChatCode, Taken());
    }

    [Fact]
    public void A_code_arriving_in_pieces_across_polls_is_put_together()
    {
        _scanner.Start(_sink);
        _scanner.Trigger();
        Advance(10);

        _engine.Send(Encoding.ASCII.GetBytes("134567"));
        Advance(20);
        _engine.Send(Encoding.ASCII.GetBytes("890123456789\r"));
        Advance(20);

        Assert.Equal(WeChatCode, Taken());
    }

    [Fact]
    public void A_code_cut_short_is_dropped_after_the_inter_byte_timeout_as_a_bad_read()
    {
        _scanner.Start(_sink);
        _scanner.Trigger();
        Advance(10);

        _engine.SendCutShort(WeChatCode, 7);
        Advance(Gm65Scanner.InterByteTimeoutMs + 40);

        Assert.Equal([ReaderStatus.Timeout], ScanArgs);
        Assert.Equal("", Taken());
    }

    [Fact]
    public void Noise_inside_a_code_makes_it_a_bad_read_not_a_code()
    {
        _scanner.Start(_sink);
        _scanner.Trigger();
        Advance(10);

        _engine.Send([.. "1345"u8, 0x00, 0xF3, .. "67890\r"u8]);
        Advance(20);

        Assert.Equal([ReaderStatus.TransmissionError], ScanArgs);
        Assert.Equal("", Taken());
    }

    [Fact]
    public void Noise_on_an_idle_line_before_a_code_is_forgotten()
    {
        _scanner.Start(_sink);
        _scanner.Trigger();
        Advance(10);
        _engine.SendNoise([0xFF, 0x00, 0x85]);
        Advance(Gm65Scanner.InterByteTimeoutMs + 40);

        _engine.Present(WeChatCode);
        _scanner.Trigger();
        Advance(50);

        Assert.Equal(WeChatCode, Taken());
        Assert.Equal([WeChatCode.Length], ScanArgs);
    }

    [Fact]
    public void An_overlong_code_is_refused_as_too_long()
    {
        _scanner = new Gm65Scanner(_board, maxCodeLength: 32);
        _scanner.Start(_sink);
        _scanner.Trigger();
        Advance(10);

        _engine.Present(new string('7', 40));
        Advance(30);

        Assert.Equal([ReaderStatus.BufferTooSmall], ScanArgs);
    }

    [Fact]
    public void A_code_larger_than_the_callers_buffer_is_not_truncated()
    {
        _scanner.Start(_sink);
        _scanner.Trigger();
        _engine.Present(WeChatCode);
        Advance(30);

        Assert.Equal(ReaderStatus.BufferTooSmall, _scanner.TakeCode(new byte[8], 0, 8));
    }

    [Fact]
    public void No_scanner_attached_is_reported_once_after_the_retries()
    {
        _device.Unplugged = true;
        _scanner.Start(_sink);

        Advance(3 * Gm65Scanner.AckTimeoutMs + 100);

        Assert.False(_scanner.Attached);
        Assert.Equal([ReaderStatus.ReaderFault], ScanArgs);
        Assert.Equal(Deadline.Never, _scanner.Poll(_now));
    }

    [Fact]
    public void The_engine_ignores_a_frame_with_a_wrong_CRC_and_accepts_the_AB_CD_wildcard()
    {
        _board.Open();
        _board.Write([0x7E, 0x00, 0x08, 0x01, 0x00, 0x0A, 0x3E, 0x11, 0x22], 0, 9);
        _board.Write([0x7E, 0x00, 0x08, 0x01, 0x00, 0x02, 0x01, 0xAB, 0xCD], 0, 9);

        Assert.Equal((1, 1), (_engine.FramesIgnored, _engine.FramesAnswered));
        Assert.Equal(0x01, _engine.Zones[2]);
    }

    [Fact]
    public void Stopping_a_scan_writes_zero_to_zone_2()
    {
        _scanner.Start(_sink);
        _scanner.Trigger();
        Advance(10);

        _scanner.StopScan();
        Advance(10);

        Assert.False(_engine.ScanActive);
        Assert.Equal(Deadline.Never, _scanner.Poll(_now));
    }
}
