using AcquirerHost.Catalog;
using AcquirerHost.Processing;
using AcquirerHost.Tests.Support;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Tests;

/// <summary>The item catalog download (0800, F60.3 = 380): chunks, "current", and the refusals.</summary>
public sealed class CatalogTests
{
    private static HostItemCatalog Catalog(int version, int items) =>
        new(version, Enumerable.Range(1, items).Select(i => new HostItem(i, "Item " + i, "商品", 100 * i, 10, 2)).ToList());

    private static Iso8583Message Ask(TestTerminal terminal, string f61, bool mac = true)
    {
        var request = terminal.Request(800, null, null, "00", MessageProcessor.CatalogCode);
        request.Set(Field.OriginalData, f61);
        return terminal.Exchange(request, mac: mac) ?? throw new TimeoutException("no answer to the catalog request");
    }

    private static byte[] Field62(Iso8583Message response)
    {
        var bytes = new byte[1024];
        int n = response.GetBytes(Field.PrivateData, bytes, 0);
        return n < 0 ? [] : bytes[..n];
    }

    [Fact]
    public async Task A_terminal_with_an_older_catalog_gets_each_chunk_MACed()
    {
        await using var host = new HostFixture();
        HostItemCatalog catalog = Catalog(4, 10);
        host.Server.Processor.Catalog = catalog;
        using var terminal = host.Connect();
        terminal.SignIn();

        var first = Ask(terminal, "000003000");
        Assert.True(terminal.ResponseMacValid(first));
        var second = Ask(terminal, "000004001");
        Assert.True(terminal.ResponseMacValid(second));

        Assert.Equal(("00", "00"), (first.GetString(Field.ResponseCode), second.GetString(Field.ResponseCode)));
        Assert.Equal(catalog.Chunk(0), Field62(first));
        Assert.Equal(catalog.Chunk(1), Field62(second));
        Assert.Equal(new byte[] { 0, 0, 0, 4, 1, 2, 10, 3 }, Field62(second)[..8]);
    }

    [Fact]
    public async Task A_terminal_with_the_current_catalog_is_told_so()
    {
        await using var host = new HostFixture();
        host.Server.Processor.Catalog = Catalog(4, 10);
        using var terminal = host.Connect();
        terminal.SignIn();

        var response = Ask(terminal, "000004000");

        Assert.Equal("00", response.GetString(Field.ResponseCode));
        Assert.Equal(new byte[] { 0, 0, 0, 4, 0, 0, 10, 0 }, Field62(response));
    }

    [Fact]
    public async Task Without_a_catalog_the_answer_has_no_F62()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();
        terminal.SignIn();

        var response = Ask(terminal, "000000000");

        Assert.Equal("00", response.GetString(Field.ResponseCode));
        Assert.False(response.Has(Field.PrivateData));
    }

    [Theory]
    [InlineData("000003001", "25")] // a chunk of a version no longer served
    [InlineData("000004002", "25")] // past the last chunk
    [InlineData("0000040", "30")]   // F61 not version + chunk
    public async Task A_chunk_that_cannot_be_served_is_refused(string f61, string code)
    {
        await using var host = new HostFixture();
        host.Server.Processor.Catalog = Catalog(4, 10);
        using var terminal = host.Connect();
        terminal.SignIn();

        Assert.Equal(code, Ask(terminal, f61).GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_catalog_request_without_a_MAC_is_refused()
    {
        await using var host = new HostFixture();
        host.Server.Processor.Catalog = Catalog(4, 10);
        using var terminal = host.Connect();
        terminal.SignIn();

        var response = Ask(terminal, "000000000", mac: false);

        Assert.Equal("A0", response.GetString(Field.ResponseCode));
        Assert.False(response.Has(Field.PrivateData));
    }
}
