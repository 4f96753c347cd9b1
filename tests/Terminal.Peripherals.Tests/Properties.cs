using CsCheck;
using Terminal.Core.Emv;
using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests;

/// <summary>Invariants checked over many generated cases (a failing case prints its seed for replay).</summary>
public class Properties
{
    [Fact]
    public void Any_bytes_from_a_card_give_a_TLV_result_or_an_error_never_an_exception()
    {
        Gen.Byte.Array[0, 80].Sample(bytes =>
        {
            BerTlv.Validate(bytes, 0, bytes.Length);
            BerTlv.Find(bytes, 0, bytes.Length, 0x5A, out int offset);
            var store = new EmvDataStore(128, 8);
            store.PutAll(bytes, 0, bytes.Length);
            int position = 0;
            while (position >= 0 && position < bytes.Length)
            {
                int next = BerTlv.ReadHeader(bytes, position, bytes.Length, out int tag, out int valueOffset, out int length);
                Assert.True(next < 0 || (next > position && valueOffset + length <= bytes.Length && next <= bytes.Length));
                position = tag == 0 ? -1 : next;
            }
        }, iter: 5000);
    }

    [Fact]
    public void Whatever_the_paper_left_and_wherever_the_cover_opens_every_line_prints_exactly_once()
    {
        Gen.Select(Gen.Int[1, 30], Gen.Int[0, 900], Gen.Int[0, 30]).Sample((lines, paperDots, coverAfter) =>
        {
            var (board, device) = SimulatedSerialPort.CreatePair("COM3", 115200);
            board.Handshake = Handshake.XOnXOff;
            var model = new EscPosPrinterModel(device) { PaperRemainingDots = paperDots };
            using var printer = new EscPosPrinter(board);
            printer.Start(new RecordingSink());
            string[] receipt = [.. Enumerable.Range(1, lines).Select(i => "LINE " + i)];
            long now = 0;
            for (int i = 0; i < receipt.Length; i++)
            {
                if (i == coverAfter)
                {
                    model.OpenCover();
                }

                printer.PrintLine(receipt[i], TextStyle.Normal, TextAlign.Left);
                now = Math.Max(now, printer.Poll(now) is var n && n == Deadline.Never ? now : Math.Min(n, now + 10));
            }

            for (int step = 0; step < 20_000 && printer.Busy; step++)
            {
                if (step == 500)
                {
                    model.CloseCover();
                    model.LoadPaper();
                }

                long next = printer.Poll(now);
                now = next == Deadline.Never ? now + 1 : Math.Max(now + 1, Math.Min(next, now + 50));
            }

            Assert.Equal(receipt, model.TextLines.ToArray());
        }, iter: 200);
    }
}
