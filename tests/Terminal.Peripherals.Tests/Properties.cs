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

    // One data object a card may send for the accessors: a PAN, a track 2, an expiry or a cryptogram, of any length,
    // its nibbles mostly digits, sometimes the D separator or F padding.
    private static readonly Gen<byte[]> CardObject =
        Gen.Select(Gen.OneOfConst(0x5A, 0x57, 0x5F24, 0x9F26, 0x9F27), Gen.Int[0, 40], Gen.Int[0, 15].Array[0, 80])
            .Select((tag, length, nibbles) =>
            {
                var value = new byte[length];
                for (int i = 0; i < length && (2 * i) + 1 < nibbles.Length; i++)
                {
                    value[i] = (byte)((Nibble(nibbles[2 * i]) << 4) | Nibble(nibbles[(2 * i) + 1]));
                }

                return Terminal.Drivers.Simulated.Contactless.BerTlv.Tlv(tag, value);
            });

    private static int Nibble(int n) => n < 10 ? n : n == 10 ? 0x0D : n == 11 ? 0x0F : n % 10;

    [Fact]
    public void Whatever_lengths_a_card_gives_its_PAN_track_and_expiry_the_accessors_stay_in_their_bounds()
    {
        CardObject.Array[1, 6].Sample(objects =>
        {
            byte[] tlv = [.. objects.SelectMany(o => o)];
            var store = new EmvDataStore(1024, 64);
            Assert.Equal(0, store.PutAll(tlv, 0, tlv.Length));
            var read = new EmvReadResult(store);

            byte[] pan = new byte[19];
            int digits = read.CopyPan(pan, 0);
            Assert.True(digits == -1 || (digits >= 1 && digits <= 19), "PAN of " + digits + " digits");
            Assert.All(pan[..Math.Max(0, digits)], b => Assert.InRange(b, (byte)'0', (byte)'9'));
            Assert.True(read.CopyPan(new byte[Math.Max(0, digits - 1)], 0) == -1 || digits <= 0, "a PAN copied into a buffer one byte short");
            int track = read.CopyTrack2(new byte[40], 0);
            Assert.InRange(track, -1, 38);
            int yymm = read.ExpiryYymm;
            Assert.True(yymm == -1 || (yymm % 100 >= 1 && yymm % 100 <= 12 && yymm <= 9912), "expiry " + yymm);
            string masked = read.MaskedPan();
            Assert.True(masked.Length == 0 || (masked.Length == digits && masked.Count(c => c == '*') == digits - 10), "masked " + masked);
            Assert.InRange(read.BuildField55(new byte[255], 0, 255), -1, 255);
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
