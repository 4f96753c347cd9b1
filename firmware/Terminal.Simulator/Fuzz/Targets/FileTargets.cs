using System.Text;
using Terminal.Core.Payments;
using Terminal.Core.Training;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Boards;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// board-file: the shipped board files (board-configs/*.json), damaged, into <see cref="BoardConfigLoader.Parse"/>
/// (its documented refusal is a <see cref="BoardConfigException"/>), then what `terminal run --board` takes from
/// an accepted board: the display and keypad, and the storage plan. Invariant: an accepted board's journal fits
/// the I: partition it states, in 64-bit arithmetic. (The device reads the same file with nanoFramework.Json,
/// which runs only on the device; the PC loader is the gate a file passes before it is deployed.)
/// </summary>
internal sealed class BoardFileTarget : FuzzTarget
{
    private static readonly Lazy<List<byte[]>> Files = new(() =>
        [.. new[] { "simulated.json", "esp32-terminal.json" }.Select(name => Embedded(name))]);

    public override string Name => "board-file";

    public override string Feeds => "board-configs/simulated.json and esp32-terminal.json, damaged: BoardConfigLoader.Parse (BoardConfigException is the documented refusal), BoardSimulation, StoragePlan";

    public override IReadOnlyList<byte[]> Seeds => Files.Value;

    public override int MaxInput => 8192;

    public override void Feed(byte[] input, int length)
    {
        BoardConfig board;
        try
        {
            board = BoardConfigLoader.Parse(Encoding.UTF8.GetString(input, 0, length), "fuzz.json");
        }
        catch (BoardConfigException)
        {
            return;
        }

        SimulatedBoardOptions options = BoardSimulation.Options(board, new SimulatedBoardOptions());
        Check(options.DisplayColumns > 0 && options.DisplayRows > 0, "a display of no cells");
        Check(BoardSimulation.KeyCodes(board).Length == board.Keypad.Rows.Length * board.Keypad.Columns.Length, "the key layout does not fill the matrix");
        StoragePlan plan = StoragePlan.For(board.Storage);
        plan.Breakdown();
        long journal = (long)board.Storage.JournalSectors * board.Storage.SectorSize;
        Check(journal <= (long)board.Storage.FlashMb * 1024 * 1024 && plan.TotalBytes >= journal, $"a journal of {journal} bytes was accepted on {board.Storage.FlashMb} MB of flash");
    }

    internal static byte[] Embedded(string name)
    {
        using Stream stream = typeof(BoardFileTarget).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(name + " is not embedded in the simulator");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>
/// provisioning-file: a technician's provisioning file (TID, MID, TMK, language, catalog), damaged, into
/// <see cref="ProvisioningFile.Parse"/> (its documented refusal is a <see cref="FormatException"/>), then what
/// set-up does with an accepted file: the TMK into the key store, the identity, language and catalog into the
/// store's journal. Invariant: what set-up stored replays from the journal.
/// </summary>
internal sealed class ProvisioningFileTarget : FuzzTarget
{
    private static readonly List<byte[]> Files =
    [
        Encoding.UTF8.GetBytes("""{ "terminalId": "12345678", "merchantId": "898310048990001", "tmk": "70F2A84CCBC2AE8625CBB0F2C22AB923" }"""),
        Encoding.UTF8.GetBytes("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", "language": "zh-CN" }"""),
        Encoding.UTF8.GetBytes("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", "merchantName": "北京东方大酒店", "hotline": "400-820-8820", "serviceContact": "王经理" }"""),
        Encoding.UTF8.GetBytes("""
            { "terminalId": "12345678", "merchantId": "898310048990001", "tmk": "70F2A84CCBC2AE8625CBB0F2C22AB923", "language": "en",
              "catalog": { "version": 3, "items": [
                { "code": 1001, "nameEn": "Green tea", "nameZh": "绿茶", "price": 350, "stock": 40, "lowStock": 5 },
                { "code": 1006, "nameEn": "Mooncake", "nameZh": "月饼", "price": 1580, "stock": 2, "lowStock": 3 },
                { "code": 2001, "nameEn": "Gift card", "price": 10000 } ] } }
            """),
    ];

    public override string Name => "provisioning-file";

    public override string Feeds => "provisioning files (TID, MID, TMK, language, merchant profile, catalog), damaged: ProvisioningFile.Parse (FormatException is the documented refusal), then the TMK, identity, language, profile and catalog stored as set-up stores them";

    public override IReadOnlyList<byte[]> Seeds => Files;

    public override int MaxInput => 4096;

    public override void Feed(byte[] input, int length)
    {
        ProvisioningFile file;
        try
        {
            file = ProvisioningFile.Parse(input[..length], "fuzz.json");
        }
        catch (FormatException)
        {
            return;
        }

        // TerminalApp.ProvisionFromConfig and LoadCatalogFromConfig, on a fresh store.
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.Tmk, file.MasterKey, 0, file.MasterKey.Length);
        var journal = new JournalLog(new RamFlash(4096, 8, 256), 0, 8, 1024);
        journal.Mount();
        var store = new PaymentStore(journal);
        store.Load();
        bool stored = store.Provision(file.TerminalId, file.MerchantId);
        if (file.Language is int language)
        {
            stored &= store.SetLanguage(language);
        }

        if (file.HasProfile)
        {
            // What the file's checks let through, the store's take too (the same rules).
            Check(store.SetProfile(file.MerchantName ?? string.Empty, file.Hotline ?? string.Empty, file.ServiceContact ?? string.Empty, SetUpFont.GlyphsFor(_ => { }, file.MerchantName ?? string.Empty, file.ServiceContact ?? string.Empty)),
                "a profile the file's checks passed was refused: " + store.Problem);
        }

        if (file.Catalog != null)
        {
            stored &= store.ReplaceCatalog(file.Catalog.ToItemCatalog());
        }

        var replayed = new PaymentStore(journal);
        replayed.Load();
        Check(!stored || (replayed.Identity?.TerminalId == file.TerminalId && replayed.Catalog.Count == store.Catalog.Count && replayed.Language == store.Language && replayed.Profile.Name == store.Profile.Name && replayed.Profile.Hotline == store.Profile.Hotline),
            "what set-up stored does not replay");
    }
}
