using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Util;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>The catalog download (0800, 60.3 = 380) against a scripted host: chunks, "current", and broken answers.</summary>
public class CatalogFlowTests
{
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 10, 15, 0, DateTimeKind.Local));
    private readonly ScriptedHost _host = new();
    private readonly StoreRig _rig = StoreRig.Provisioned();
    private readonly HostSession _session;
    private readonly CatalogFlow _flow;
    private readonly Observer _observer = new();

    public CatalogFlowTests()
    {
        _session = new HostSession(CupProfile.Create(), _host, new HostCrypto(), _clock, null, 2048);
        _session.SetPreamble(ScriptedHost.Preamble, 0);
        _session.SetMak(ScriptedHost.Mak, 0, ScriptedHost.Mak.Length);
        _flow = new CatalogFlow(_session, _rig.Store) { TimeoutMs = 2_000 };
    }

    private static ItemCatalog Items(int version, int count)
    {
        var c = new ItemCatalog { Version = version };
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(string.Empty, c.Add(100 + i, "Item " + i, "商品", 100 + i, 10 + i, 2));
        }

        return c;
    }

    // F62 of chunk index: version, index, chunks, total, items here, items (7 a chunk, as the host sends them).
    private static byte[] Chunk(ItemCatalog c, int index)
    {
        int chunks = Math.Max(1, (c.Count + 6) / 7);
        int first = index * 7;
        int n = Math.Min(7, c.Count - first);
        var b = new byte[600];
        int p = Codec.Put32(b, 0, c.Version);
        b[p++] = (byte)index;
        b[p++] = (byte)chunks;
        b[p++] = (byte)c.Count;
        b[p++] = (byte)n;
        for (int i = 0; i < n; i++)
        {
            p = c.EncodeItem(first + i, b, p);
        }

        return b[..p];
    }

    // Serves c: chunk i for F61 = version + i; tamper may change each F62 before it goes.
    private void Serve(ItemCatalog c, Func<int, byte[], byte[]>? tamper = null)
    {
        _host.Answer = r =>
        {
            string f61 = r.GetString(Field.OriginalData)!;
            int index = int.Parse(f61[6..], System.Globalization.CultureInfo.InvariantCulture);
            byte[] chunk = Chunk(c, index);
            return _host.Reply(r, "00", field62: tamper != null ? tamper(index, chunk) : chunk);
        };
    }

    private (bool Loaded, string Message) Run()
    {
        _flow.Start(_observer);
        for (int step = 0; step < 10_000 && _observer.Message == null; step++)
        {
            long next = _session.Poll(_clock.NowMs);
            _clock.AdvanceTo(Math.Max(next == Deadline.Never ? _clock.NowMs + 10 : next, _clock.NowMs + 1));
        }

        Assert.NotNull(_observer.Message);
        return (_observer.Loaded, _observer.Message!);
    }

    [Fact]
    public void A_catalog_of_several_chunks_is_downloaded_and_journaled()
    {
        Serve(Items(3, 20));

        var (loaded, message) = Run();

        Assert.True(loaded, message);
        Assert.Equal("Catalog v3 loaded: 20 items", message);
        Assert.Equal(3, _host.Requests.Count);
        Assert.Equal(["000000000", "000003001", "000003002"], _host.Requests.Select(r => r.GetString(Field.OriginalData)!));
        Assert.All(_host.Requests, r => Assert.Equal(380, r.GetSubfieldNumber(Field.MessageInfo, 3)));
        Assert.All(_host.RequestMacValid, Assert.True);
        PaymentStore after = _rig.Reboot();
        Assert.Equal((3, 20, "Item 19", 29), (after.Catalog.Version, after.Catalog.Count, after.Catalog.NameEn(19), after.Stock(19)));
    }

    [Fact]
    public void A_host_that_says_the_catalog_is_current_changes_nothing()
    {
        Assert.True(_rig.Store.ReplaceCatalog(Items(3, 2)));
        _host.Answer = r => _host.Reply(r, "00", field62: [0, 0, 0, 3, 0, 0, 2, 0]);

        var (loaded, message) = Run();

        Assert.False(loaded);
        Assert.Equal("Catalog up to date (v3)", message);
        Assert.Equal("000003000", _host.Requests[0].GetString(Field.OriginalData));
    }

    [Fact]
    public void A_host_without_a_catalog_leaves_the_terminal_without_one()
    {
        _host.Answer = r => _host.Reply(r, "00");

        var (loaded, message) = Run();

        Assert.False(loaded);
        Assert.Equal("Host has no catalog", message);
        Assert.Equal(0, _rig.Store.Catalog.Count);
    }

    public static TheoryData<string> Breakages() =>
    [
        "item count too high", "truncated item", "trailing bytes", "wrong chunk index", "version changes", "duplicate code", "bad price", "short header",
    ];

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_malformed_answer_keeps_the_catalog_the_terminal_had(string breakage)
    {
        Assert.True(_rig.Store.ReplaceCatalog(Items(2, 3)));
        ItemCatalog served = Items(3, 10);
        if (breakage == "duplicate code")
        {
            served = new ItemCatalog { Version = 3 };
            served.Add(1, "A", string.Empty, 100, 1, 0);
            served.Add(2, "B", string.Empty, 100, 1, 0);
        }

        Serve(served, (index, chunk) => index != (breakage == "duplicate code" ? 0 : 1) ? chunk : breakage switch
        {
            "item count too high" => Set(chunk, 7, (byte)(chunk[7] + 1)),
            "truncated item" => chunk[..^3],
            "trailing bytes" => [.. chunk, 0],
            "wrong chunk index" => Set(chunk, 4, 0),
            "version changes" => Set(chunk, 3, 4),
            "duplicate code" => Set(chunk, 8 + ItemEncodedLength(served, 0) + 2, 1),
            "bad price" => Set(Set(Set(Set(chunk, 11, 0), 12, 0), 13, 0), 14, 0),
            "short header" => chunk[..5],
            _ => throw new ArgumentException(breakage),
        });

        var (loaded, message) = Run();

        Assert.False(loaded);
        Assert.StartsWith("Catalog answer malformed", message, StringComparison.Ordinal);
        Assert.EndsWith("kept v2", message, StringComparison.Ordinal);
        PaymentStore after = _rig.Reboot();
        Assert.Equal((2, 3), (after.Catalog.Version, after.Catalog.Count));
    }

    [Fact]
    public void An_answer_with_a_bad_MAC_or_none_at_all_keeps_the_catalog()
    {
        Assert.True(_rig.Store.ReplaceCatalog(Items(2, 3)));
        ItemCatalog served = Items(3, 10);
        _host.Answer = r => r.GetString(Field.OriginalData) == "000002000" ? _host.Reply(r, "00", field62: Chunk(served, 0), badMac: true) : null;

        var (loaded, message) = Run();
        Assert.False(loaded);
        Assert.Contains("MAC", message, StringComparison.Ordinal);

        _observer.Message = null;
        _host.Answer = _ => null;
        (loaded, message) = Run();
        Assert.False(loaded);
        Assert.Contains("did not answer", message, StringComparison.Ordinal);
        Assert.Equal(2, _rig.Reboot().Catalog.Version);
    }

    [Fact]
    public void A_refusing_host_keeps_the_catalog()
    {
        _host.Answer = r => _host.Reply(r, "25");

        var (loaded, message) = Run();

        Assert.False(loaded);
        Assert.Equal("Catalog refused by host (code 25)", message);
    }

    private static int ItemEncodedLength(ItemCatalog c, int i) => c.EncodeItem(i, new byte[100], 0);

    private static byte[] Set(byte[] b, int at, int value)
    {
        byte[] copy = (byte[])b.Clone();
        copy[at] = (byte)value;
        return copy;
    }

    private sealed class Observer : ICatalogObserver
    {
        public bool Loaded { get; private set; }

        public string? Message { get; set; }

        public void OnCatalogDone(bool loaded, string message)
        {
            Loaded = loaded;
            Message = message;
        }
    }
}
