using Terminal.Core.Messages.WireTrace;
using Terminal.Drivers.Simulated.Serial;
using Xunit;

namespace Terminal.Messages.Tests.WireTrace;

public class SerialTraceSinkTests
{
    private static string Received(SimulatedSerialPort port)
    {
        var buffer = new byte[8192];
        int n = port.Read(buffer, 0, buffer.Length);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
    }

    [Fact]
    public void Trace_lines_go_to_the_debug_uart_as_ascii_with_crlf()
    {
        var (board, pc) = SimulatedSerialPort.CreatePair("COM1", 115200);
        pc.Open();
        var sink = new SerialTraceSink(board, 64);

        sink.WriteLine("   0.158 TX   60 6000030000");
        sink.WriteLine("   0.208 RX   12 60000000");

        Assert.Equal("   0.158 TX   60 6000030000\r\n   0.208 RX   12 60000000\r\n", Received(pc));
    }

    [Fact]
    public void A_line_longer_than_the_buffer_is_cut_and_marked()
    {
        var (board, pc) = SimulatedSerialPort.CreatePair("COM1", 115200);
        pc.Open();
        var sink = new SerialTraceSink(board, 10);

        sink.WriteLine("0123456789ABCDEF");

        Assert.Equal("0123456...\r\n", Received(pc));
    }
}
