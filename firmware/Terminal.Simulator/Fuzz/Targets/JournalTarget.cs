using Terminal.Core.Payments;
using Terminal.Core.Util;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// journal: the journal's flash after a real day (sign-in, catalog download, sales by swipe, tap and QR, a
/// void, a settlement, a second batch), damaged, into boot recovery: Journal.Mount and PaymentStore.Load, then
/// what the terminal does next: the batch, totals, catalog and stock, a detail report and each receipt
/// reprinted, and a new record appended. Half the damaged images have their CRCs made right again (an
/// attacker with the flash can), so lies reach the record decoders.
/// </summary>
internal sealed class JournalTarget : FuzzTarget
{
    private const int Sectors = 16;
    private const int SectorSize = 4096;
    private const int SectorHeader = 12;
    private const int RecordOverhead = 12;
    private static readonly Lazy<(List<byte[]> Images, List<int[]> Lengths)> Day = new(PlayDay);

    public override string Name => "journal";

    public override string Feeds => "the journal flash image of a simulated day (16 sectors), damaged: Journal.Mount, PaymentStore.Load, totals, stock, detail report, receipts reprinted, a record appended";

    public override IReadOnlyList<byte[]> Seeds => Day.Value.Images;

    public override int MaxInput => Sectors * SectorSize;

    public override IReadOnlyList<int> LengthFields(int seed) => Day.Value.Lengths[seed];

    public override int Seal(byte[] input, int length)
    {
        for (int s = 0; s < Sectors && (s + 1) * SectorSize <= length; s++)
        {
            int b = s * SectorSize;
            if (input[b] != 0x54 || input[b + 1] != 0x4A)
            {
                continue;
            }

            BigEndian.Put32(input, b + 8, Crc32.Compute(input, b, 8));
            int at = b + SectorHeader;
            while (at + RecordOverhead <= b + SectorSize)
            {
                int n = BigEndian.Get16(input, at);
                if (n == 0xFFFF || at + RecordOverhead + n > b + SectorSize)
                {
                    break;
                }

                BigEndian.Put32(input, at + 8 + n, Crc32.Compute(input, at, 8 + n));
                at += RecordOverhead + n;
            }
        }

        return length;
    }

    public override void Feed(byte[] input, int length)
    {
        var flash = new ImageFlash(input, length, Sectors, SectorSize);
        var journal = new JournalLog(flash, 0, Sectors, FactoryDefaults.JournalMaxPayload);
        journal.Mount();
        var store = new PaymentStore(journal);
        store.Load();

        var totals = new BatchTotals();
        store.Totals(totals);
        store.UnresolvedCount();
        store.SettlingCount();
        store.NearlyFull(1);
        ItemCatalog catalog = store.Catalog;
        for (int i = 0; i < catalog.Count; i++)
        {
            store.Stock(i);
            Check(catalog.NameEn(i) != null, "a catalog item without a name");
        }

        var receipts = new ReceiptPrinter(new DiscardPrinter(), new ReceiptHeader("FUZZ", store.Identity?.MerchantId ?? "000000000000000", store.Identity?.TerminalId ?? "00000000"));
        var at = new DateTime(2026, 11, 25, 18, 0, 0, DateTimeKind.Local);
        for (int i = 0; i < store.Count; i++)
        {
            TxnEntry e = store.At(i);
            Check(!LooksLikeWholePan(e.MaskedPan), "a replayed record shows a whole card number");
            receipts.PrintTransaction(e, ReceiptPrinter.MerchantCopy, true, at);
        }

        receipts.PrintDetailReport(store, at);
        receipts.PrintTotalsReport(totals, at);
        store.ReserveStans();
    }

    private static bool LooksLikeWholePan(string text)
    {
        int run = 0;
        foreach (char c in text)
        {
            run = c is >= '0' and <= '9' ? run + 1 : 0;
            if (run >= 13)
            {
                return true;
            }
        }

        return false;
    }

    // A short real day on the simulated board (in-process host, virtual clock); its journal after the first
    // batch and at the end of the day.
    private static (List<byte[]>, List<int[]>) PlayDay()
    {
        var images = new List<byte[]>();
        using var board = new SimulatedBoard(new SimulatedBoardOptions { Seed = 16 });
        board.Boot();
        board.RunUntilIdle();
        Sale(board, 1280, b => b.Swipe("unionpay"));
        Sale(board, 455, b => b.Tap("visa"));
        Sale(board, 230, b => b.Scan("134567890123456789"));
        Sale(board, 666, b => b.Scan("6212345678901234567"));
        Keys(board, KeyCode.Menu, KeyCode.Digit0 + 2);
        Type(board, board.Options.ManagerPassword);
        Keys(board, KeyCode.Enter);
        Type(board, "2");
        Keys(board, KeyCode.Enter, KeyCode.Enter);
        board.RunUntilIdle();
        Keys(board, KeyCode.Cancel);
        images.Add(Journal(board));
        Keys(board, KeyCode.Menu, KeyCode.Digit0 + 4);
        Type(board, board.Options.ManagerPassword);
        Keys(board, KeyCode.Enter, KeyCode.Enter);
        board.RunUntilIdle();
        Keys(board, KeyCode.Cancel);
        Sale(board, 330, b => b.Swipe("mastercard"));
        Sale(board, 180, b => b.Scan("104567890123456789"));
        images.Add(Journal(board));
        return (images, [.. images.Select(RecordLengths)]);
    }

    private static void Sale(SimulatedBoard board, long fen, Action<SimulatedBoard> present)
    {
        Type(board, fen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Keys(board, KeyCode.Enter);
        present(board);
        board.RunUntilIdle();
        Keys(board, KeyCode.Cancel);
        board.RunUntilIdle();
    }

    private static void Type(SimulatedBoard board, string digits)
    {
        foreach (char c in digits)
        {
            Keys(board, KeyCode.Digit0 + (c - '0'));
        }
    }

    private static void Keys(SimulatedBoard board, params int[] keys)
    {
        foreach (int key in keys)
        {
            board.RunFor(150);
            board.PressKey(key);
        }
    }

    private static byte[] Journal(SimulatedBoard board) => board.Flash.Image()[..(Sectors * SectorSize)];

    // Where each record's length field is: the places a lie does the most.
    private static int[] RecordLengths(byte[] image)
    {
        var fields = new List<int>();
        for (int s = 0; s < Sectors; s++)
        {
            int b = s * SectorSize;
            if (image[b] != 0x54 || image[b + 1] != 0x4A)
            {
                continue;
            }

            int at = b + SectorHeader;
            while (at + RecordOverhead <= b + SectorSize)
            {
                int n = BigEndian.Get16(image, at);
                if (n == 0xFFFF)
                {
                    break;
                }

                fields.Add(at);
                fields.Add(at + 1);
                fields.Add(at + 8); // the payload's first bytes: the record's own counts and lengths
                at += RecordOverhead + n;
            }
        }

        return [.. fields];
    }
}
