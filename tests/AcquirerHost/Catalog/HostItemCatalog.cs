using System.Text.Json;
using Terminal.Core.Payments;
using Terminal.Core.Util;

namespace AcquirerHost.Catalog;

/// <summary>One item as the host's catalog file gives it.</summary>
public sealed record HostItem(int Code, string NameEn, string NameZh, long Price, int Stock, int LowStock);

/// <summary>
/// The item catalog the host serves in 0800/0810 with F60.3 = 380 (see <c>Terminal.Core.Flows.CatalogFlow</c>):
/// a version and up to 64 items, in chunks of <see cref="ItemsPerChunk"/> items that fit F62 (512 bytes).
/// Loaded from JSON (<c>--catalog FILE</c>) or set by a test; checked with the terminal's own rules, so what
/// the host serves is what the terminal accepts (a test breaks an answer on purpose with <see cref="CorruptChunk"/>).
/// </summary>
public sealed class HostItemCatalog
{
    /// <summary>Items per F62 chunk: 8-byte header + 7 items of at most 65 bytes stay within 512.</summary>
    public const int ItemsPerChunk = 7;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Creates a catalog; throws <see cref="ArgumentException"/> naming the field when an item is not acceptable.</summary>
    public HostItemCatalog(int version, IReadOnlyList<HostItem> items)
    {
        if (version < 1 || version > 999999)
        {
            throw new ArgumentException("version: must be 1..999999");
        }

        var check = new ItemCatalog();
        for (int i = 0; i < items.Count; i++)
        {
            HostItem item = items[i];
            string problem = check.Add(item.Code, item.NameEn ?? string.Empty, item.NameZh ?? string.Empty, item.Price, item.Stock, item.LowStock);
            if (problem.Length > 0)
            {
                throw new ArgumentException($"items[{i}]: {problem}");
            }
        }

        check.Version = version;
        Version = version;
        Items = items;
        Encoded = check;
    }

    /// <summary>Version offered (a terminal holding an older one downloads this).</summary>
    public int Version { get; }

    /// <summary>The items.</summary>
    public IReadOnlyList<HostItem> Items { get; }

    /// <summary>Fault: the chunk with this index is answered with a wrong item count (a malformed F62); null for none.</summary>
    public int? CorruptChunk { get; set; }

    /// <summary>Chunks needed for the items.</summary>
    public int ChunkCount => Math.Max(1, (Items.Count + ItemsPerChunk - 1) / ItemsPerChunk);

    private ItemCatalog Encoded { get; }

    /// <summary>The catalog as the terminal keeps it (a copy), to load from configuration.</summary>
    public ItemCatalog ToItemCatalog()
    {
        var copy = new ItemCatalog();
        copy.CopyFrom(Encoded);
        return copy;
    }

    /// <summary>Reads a catalog file: <c>{ "version": 3, "items": [ { "code", "nameEn", "nameZh", "price", "stock", "lowStock" } ] }</c>.</summary>
    public static HostItemCatalog Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses catalog JSON; throws <see cref="ArgumentException"/> naming the field on bad input.</summary>
    public static HostItemCatalog Parse(string json)
    {
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"not a catalog ({e.Path}: {e.Message.Split('.')[0]})", e);
        }

        if (file == null)
        {
            throw new ArgumentException("empty catalog file");
        }

        if (file.Version is not int version)
        {
            throw new ArgumentException("version: missing");
        }

        if (file.Items == null)
        {
            throw new ArgumentException("items: missing");
        }

        var items = new List<HostItem>();
        for (int i = 0; i < file.Items.Count; i++)
        {
            ItemEntry e = file.Items[i] ?? throw new ArgumentException($"items[{i}]: null");
            items.Add(new HostItem(
                e.Code ?? throw new ArgumentException($"items[{i}].code: missing"),
                e.NameEn ?? throw new ArgumentException($"items[{i}].nameEn: missing"),
                e.NameZh ?? string.Empty,
                e.Price ?? throw new ArgumentException($"items[{i}].price: missing"),
                e.Stock ?? 0,
                e.LowStock ?? 0));
        }

        return new HostItemCatalog(version, items);
    }

    /// <summary>F62 of chunk <paramref name="index"/>: version, index, chunk count, item total, items here, items.</summary>
    public byte[] Chunk(int index)
    {
        var buffer = new byte[CatalogHeader + (ItemsPerChunk * ItemCatalog.MaxEncodedItem)];
        int first = index * ItemsPerChunk;
        int n = Math.Min(ItemsPerChunk, Items.Count - first);
        int p = Header(buffer, index, ChunkCount, n);
        for (int i = 0; i < n; i++)
        {
            p = Encoded.EncodeItem(first + i, buffer, p);
        }

        if (CorruptChunk == index)
        {
            buffer[7] = (byte)(n + 1);
        }

        return buffer.AsSpan(0, p).ToArray();
    }

    /// <summary>F62 saying "what you hold is current": the header with no chunks.</summary>
    public byte[] UpToDate()
    {
        var buffer = new byte[CatalogHeader];
        Header(buffer, 0, 0, 0);
        return buffer;
    }

    private const int CatalogHeader = 8;

    private int Header(byte[] b, int index, int chunks, int here)
    {
        int p = Codec.Put32(b, 0, Version);
        b[p++] = (byte)index;
        b[p++] = (byte)chunks;
        b[p++] = (byte)Items.Count;
        b[p++] = (byte)here;
        return p;
    }

    private sealed class CatalogFile
    {
        public int? Version { get; set; }

        public List<ItemEntry?>? Items { get; set; }
    }

    private sealed class ItemEntry
    {
        public int? Code { get; set; }

        public string? NameEn { get; set; }

        public string? NameZh { get; set; }

        public long? Price { get; set; }

        public int? Stock { get; set; }

        public int? LowStock { get; set; }
    }
}
