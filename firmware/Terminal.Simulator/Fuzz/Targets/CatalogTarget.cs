using AcquirerHost.Catalog;
using Terminal.Core.Flows;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Training;
using Terminal.Simulator.Board;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// catalog-download: the host's answers to a catalog download (the input: each chunk's F62, a 2-byte length
/// before each), sent in 0810s MACed under the session key as the host would, through the host session into
/// <see cref="CatalogFlow"/> and, when it accepts them, into the store's journal. Invariants: a loaded catalog
/// holds at most 64 well-formed items with unique codes, and replays from the journal as it was stored.
/// </summary>
internal sealed class CatalogTarget : FuzzTarget
{
    private static readonly byte[] Mak = Convert.FromHexString("C24A8FB57AA20123");
    private readonly List<byte[]> _seeds = [];
    private readonly List<int[]> _lengths = [];

    public CatalogTarget()
    {
        HostItemCatalog demo = DemoCatalog.Create();
        var big = new HostItemCatalog(7, [.. Enumerable.Range(0, 30).Select(i => new HostItem(100 + i, "Item " + i, "商品" + i, 100 + i, i, 1))]);
        foreach (HostItemCatalog catalog in new[] { demo, big })
        {
            var bytes = new List<byte>();
            var fields = new List<int>();
            for (int c = 0; c < catalog.ChunkCount; c++)
            {
                byte[] chunk = catalog.Chunk(c);
                fields.AddRange([bytes.Count + 2 + 4, bytes.Count + 2 + 5, bytes.Count + 2 + 6, bytes.Count + 2 + 7]); // index, chunks, total, in chunk
                ItemNameLengths(chunk, bytes.Count + 2, fields);
                bytes.Add((byte)(chunk.Length >> 8));
                bytes.Add((byte)chunk.Length);
                bytes.AddRange(chunk);
            }

            _seeds.Add([.. bytes]);
            _lengths.Add([.. fields]);
        }
    }

    public override string Name => "catalog-download";

    public override string Feeds => "the demo host's catalog chunks (F62: header, items) in MACed 0810s: HostSession, CatalogFlow, the store's journal, then the catalog replayed";

    public override IReadOnlyList<byte[]> Seeds => _seeds;

    public override int MaxInput => 4096;

    public override IReadOnlyList<int> LengthFields(int seed) => _lengths[seed];

    public override void Feed(byte[] input, int length)
    {
        var host = new FuzzHost();
        host.Session.SetMak(Mak, 0, Mak.Length);
        var journal = new JournalLog(new RamFlash(4096, 8, 256), 0, 8, 1024);
        journal.Mount();
        var store = new PaymentStore(journal);
        store.Load();
        store.Provision("12345678", "898310048990001");
        var flow = new CatalogFlow(host.Session, store);
        var done = new Done();
        flow.Start(done);
        int at = 0;
        for (int exchange = 0; exchange < 64 && !done.Called; exchange++)
        {
            if (at + 2 > length)
            {
                host.Clock.Advance(flow.TimeoutMs + 1);
                host.Session.Poll(host.Clock.NowMs);
                break;
            }

            int n = Math.Min((input[at] << 8) | input[at + 1], length - at - 2);
            byte[] f62 = input.AsSpan(at + 2, n).ToArray();
            at += 2 + n;
            host.Answer(810, answer => answer.Set(Field.PrivateData, f62, 0, f62.Length), Mak);
        }

        Check(done.Called || host.Session.Busy, "the download neither ended nor waits for the host");
        ItemCatalog catalog = store.Catalog;
        Check(catalog.Count <= ItemCatalog.MaxItems, "a catalog of " + catalog.Count + " items");
        var codes = new HashSet<int>();
        for (int i = 0; i < catalog.Count; i++)
        {
            Check(codes.Add(catalog.Code(i)), "item code " + catalog.Code(i) + " twice");
            Check(ItemCatalog.Check(catalog.Code(i), catalog.NameEn(i), catalog.NameZh(i), catalog.Price(i), catalog.StockCount(i), catalog.LowStock(i)).Length == 0, "a stored item breaks the item rules");
        }

        if (done.Loaded)
        {
            var replayed = new PaymentStore(journal);
            replayed.Load();
            Check(replayed.Catalog.Count == catalog.Count && replayed.Catalog.Version == catalog.Version, "the stored catalog does not replay as it was stored");
        }
    }

    // The length bytes of each item's names (English, then Chinese) in a chunk, shifted to where the chunk sits.
    private static void ItemNameLengths(byte[] chunk, int shift, List<int> fields)
    {
        int p = CatalogFlow.HeaderLength;
        for (int i = 0; i < chunk[7] && p + 14 <= chunk.Length; i++)
        {
            p += 13;
            fields.Add(shift + p);
            p += 1 + chunk[p];
            if (p >= chunk.Length)
            {
                return;
            }

            fields.Add(shift + p);
            p += 1 + chunk[p];
        }
    }

    private sealed class Done : ICatalogObserver
    {
        public bool Called { get; private set; }

        public bool Loaded { get; private set; }

        public void OnCatalogDone(bool loaded, string message)
        {
            Called = true;
            Loaded = loaded;
        }
    }
}
