using System.Text;
using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Imaging;
using Terminal.Drivers.Simulated.Printer;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.Printer;

/// <summary>The printer model splits what it prints into cut-delimited documents, each with its raw bytes.</summary>
public sealed class PrintedDocumentTests : IDisposable
{
    private static readonly byte[] PartialCut = [0x1D, 0x56, 0x01];
    private static readonly byte[] Init = [0x1B, 0x40];

    private readonly EscPosPrinterModel _model;
    private readonly EscPosPrinter _printer;
    private long _now;

    public PrintedDocumentTests()
    {
        var (board, device) = SimulatedSerialPort.CreatePair("COM3", 115200);
        board.Handshake = Handshake.XOnXOff;
        _model = new EscPosPrinterModel(device);
        _printer = new EscPosPrinter(board);
        _printer.Start(new RecordingSink());
    }

    public void Dispose() => _printer.Dispose();

    private void Run(long untilMs = 10_000) => PrinterPolling.Run(_printer, ref _now, untilMs);

    private void Document(params string[] lines)
    {
        foreach (string line in lines)
        {
            _printer.PrintLine(line, TextStyle.Normal, TextAlign.Left);
        }

        _printer.Feed(2);
        _printer.Cut();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        int n = 0;
        for (int at = haystack.AsSpan().IndexOf(needle); at >= 0; at = IndexFrom(haystack, needle, at + 1))
        {
            n++;
        }

        return n;
    }

    private static int IndexFrom(byte[] haystack, byte[] needle, int from)
    {
        int i = haystack.AsSpan(from).IndexOf(needle);
        return i < 0 ? -1 : from + i;
    }

    [Fact]
    public void Two_documents_printed_with_cuts_come_out_as_two_documents_with_their_own_bytes_and_text()
    {
        Document("FIRST SLIP", "AMOUNT 12.34");
        Document("SECOND SLIP");

        Run();

        Assert.Equal(2, _model.Documents.Count);
        PrintedDocument first = _model.Documents[0];
        PrintedDocument second = _model.Documents[1];
        Assert.Equal(Init, first.Bytes[..2]);
        Assert.True(Contains(first.Bytes, "FIRST SLIP\n"u8.ToArray()));
        Assert.True(Contains(first.Bytes, "AMOUNT 12.34\n"u8.ToArray()));
        Assert.Equal(PartialCut, first.Bytes[^3..]);
        Assert.False(Contains(second.Bytes, "FIRST SLIP"u8.ToArray()));
        Assert.Equal([0x1B, 0x45, 0x00, 0x1B, 0x61, 0x00], second.Bytes[..6]); // its first line's ESC E, ESC a
        Assert.Equal(PartialCut, second.Bytes[^3..]);
        Assert.Equal(["FIRST SLIP", "AMOUNT 12.34"], first.TextLines);
        Assert.Equal(["SECOND SLIP"], second.TextLines);
        Assert.Equal("FIRST SLIP\nAMOUNT 12.34\n\n\n" + new string('-', 32) + "\n", first.RenderText());
        Assert.True(first.StartOffset + first.Bytes.Length <= second.StartOffset);
    }

    [Fact]
    public void A_document_is_a_slice_of_every_byte_received()
    {
        Document("ONE");
        Document("TWO");

        Run();

        byte[] all = [.. _model.Received];
        Assert.Equal(_model.BytesReceived, all.Length);
        foreach (PrintedDocument d in _model.Documents)
        {
            Assert.Equal(all.AsSpan((int)d.StartOffset, d.Bytes.Length).ToArray(), d.Bytes);
        }
    }

    [Fact]
    public void Paper_out_mid_document_still_ends_up_as_one_document_when_paper_is_loaded()
    {
        string[] lines = [.. Enumerable.Range(1, 20).Select(i => $"LINE {i:D2}")];
        _model.PaperRemainingDots = (7 * 30) + 10;
        Document(lines);

        Run(untilMs: 2_000);
        Assert.Empty(_model.Documents);
        Assert.Equal(7, _model.UncutItems.Count);

        _model.LoadPaper();
        Run();

        PrintedDocument only = Assert.Single(_model.Documents);
        Assert.Equal(lines, only.TextLines);
        Assert.Equal(PaperItemKind.Cut, only.Items[^1].Kind);
        Assert.Equal(1, only.Refused);
        Assert.Equal(2, Occurrences(only.Bytes, "LINE 08\n"u8.ToArray())); // refused once, then sent again
        Assert.Empty(_model.UncutItems);
    }

    [Fact]
    public void A_documents_bytes_printed_again_on_a_fresh_printer_give_the_same_paper()
    {
        _printer.PrintLine("签购单 POS", TextStyle.Large | TextStyle.Bold, TextAlign.Center);
        _printer.PrintQr("https://pay.example.cn/r/1", 4);
        Document("CNY 12.34");
        Run();
        PrintedDocument original = _model.Documents.Single();

        var (host, device) = SimulatedSerialPort.CreatePair("COM8", 115200);
        var fresh = new EscPosPrinterModel(device);
        host.Open();
        host.Write(original.Bytes, 0, original.Bytes.Length);

        PrintedDocument copy = fresh.Documents.Single();
        Assert.Equal(original.RenderText(), copy.RenderText());
        Assert.Equal(original.Bytes, copy.Bytes);
    }

    [Fact]
    public void A_documents_PNG_holds_its_QR_code()
    {
        Document("FIRST");
        _printer.PrintQr("https://pay.example.cn/r/2", 4);
        Document("SECOND");
        Run();

        Assert.Null(QrImage.Decode(_model.Documents[0].RenderPng()));
        Assert.Equal("https://pay.example.cn/r/2", QrImage.Decode(_model.Documents[1].RenderPng()));
    }

    [Fact]
    public void Documents_since_an_index_are_those_printed_after_it_and_each_is_announced()
    {
        var announced = new List<int>();
        _model.DocumentPrinted += d => announced.Add(d.Index);
        Document("A");
        Run();
        int seen = _model.Documents.Count;
        Document("B");
        Document("C");
        Run();

        Assert.Equal([["B"], ["C"]], _model.DocumentsSince(seen).Select(d => d.TextLines.ToArray()));
        Assert.Empty(_model.DocumentsSince(3));
        Assert.Equal([0, 1, 2], announced);
    }

    [Fact]
    public void Lines_printed_without_a_cut_are_no_document_yet()
    {
        _printer.PrintLine("NOT CUT", TextStyle.Normal, TextAlign.Left);
        Run();

        Assert.Empty(_model.Documents);
        Assert.Equal(["NOT CUT"], _model.UncutItems.Select(i => i.Text));
    }

    [Fact]
    public void A_cut_refused_with_the_cover_open_closes_the_document_only_when_it_reaches_the_paper()
    {
        _printer.PrintLine("BEFORE", TextStyle.Normal, TextAlign.Left);
        Run();
        _model.OpenCover();
        _printer.Cut();

        Run(untilMs: _now + 2_000);
        Assert.Empty(_model.Documents);

        _model.CloseCover();
        Run(untilMs: _now + 2_000);

        Assert.Equal(["BEFORE"], Assert.Single(_model.Documents).TextLines);
        Assert.Equal(1, Encoding.ASCII.GetString(_model.Documents[0].Bytes).Split("BEFORE").Length - 1);
    }

    [Fact]
    public void A_saved_document_is_its_raw_bytes_text_and_PNG_numbered_from_one()
    {
        Document("SAVED");
        Run();
        string directory = Directory.CreateTempSubdirectory("documents").FullName;

        string path = _model.Documents[0].Save(directory);

        Assert.Equal(Path.Combine(directory, "document-001"), path);
        Assert.Equal(_model.Documents[0].Bytes, File.ReadAllBytes(path + ".escpos"));
        Assert.Equal(_model.Documents[0].RenderText(), File.ReadAllText(path + ".txt"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(path + ".png")[..4]);
        Directory.Delete(directory, recursive: true);
    }
}
