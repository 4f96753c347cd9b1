using AcquirerHost.Catalog;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The host's catalog file and `terminal demo --catalog`: good files load, bad ones are refused naming the field.</summary>
public sealed class CatalogFileTests
{
    [Fact]
    public async Task A_catalog_in_the_provisioning_file_is_loaded_at_set_up_and_kept_across_a_reboot()
    {
        var file = ProvisioningFile.Parse("""
            { "terminalId": "12345678", "merchantId": "898310048990001", "tmk": "70F2A84CCBC2AE8625CBB0F2C22AB923",
              "catalog": { "version": 5, "items": [ { "code": 7, "nameEn": "Noodles", "nameZh": "面条", "price": 1500, "stock": 9, "lowStock": 2 } ] } }
            """, "p.json");
        await using var rig = TerminalRig.Start("tcp", provisioning: file);
        rig.ProvisionFromConfig();
        rig.Boot();

        Assert.Equal("Host has no catalog", rig.Pos.Engine.CatalogMessage);
        Assert.Equal((5, "面条", 9), (rig.Store.Catalog.Version, rig.Store.Catalog.NameZh(0), rig.Store.Stock(0)));
        Assert.Equal("Approved", rig.ItemSale("swipe:visa", [(7, 2)]));
        rig.Reboot();
        Assert.Equal(7, rig.Store.Stock(0));
    }

    [Fact]
    public void A_bad_catalog_in_the_provisioning_file_is_refused_naming_the_field()
    {
        var e = Assert.Throws<FormatException>(() => ProvisioningFile.Parse("""
            { "terminalId": "12345678", "merchantId": "898310048990001", "tmk": "70F2A84CCBC2AE8625CBB0F2C22AB923",
              "catalog": { "version": 5, "items": [ { "code": 7, "nameEn": "Noodles", "price": 0 } ] } }
            """, "p.json"));

        Assert.StartsWith("p.json: catalog: items[0]: item 7: price", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_file_loads_and_is_served_in_chunks_that_fit_F62()
    {
        string items = string.Join(",", Enumerable.Range(1, 64).Select(i => $$"""{ "code": {{i}}, "nameEn": "Item number {{i,8}}", "nameZh": "商品商品商品商品商品", "price": 99999999, "stock": 999999, "lowStock": 5 }"""));

        HostItemCatalog catalog = HostItemCatalog.Parse($$"""{ "version": 12, "items": [ {{items}} ] }""");

        Assert.Equal((12, 64, 10), (catalog.Version, catalog.Items.Count, catalog.ChunkCount));
        Assert.All(Enumerable.Range(0, catalog.ChunkCount), i => Assert.InRange(catalog.Chunk(i).Length, 9, 512));
    }

    [Theory]
    [InlineData("""{ "items": [] }""", "version")]
    [InlineData("""{ "version": 1 }""", "items")]
    [InlineData("""{ "version": 0, "items": [] }""", "version")]
    [InlineData("""{ "version": 1, "items": [ { "nameEn": "Tea", "price": 100 } ] }""", "items[0].code")]
    [InlineData("""{ "version": 1, "items": [ { "code": 1, "price": 100 } ] }""", "items[0].nameEn")]
    [InlineData("""{ "version": 1, "items": [ { "code": 1, "nameEn": "Tea" } ] }""", "items[0].price")]
    [InlineData("""{ "version": 1, "items": [ { "code": 1, "nameEn": "Tea", "price": 100 }, { "code": 2, "nameEn": "Tea", "price": -5 } ] }""", "items[1]: item 2: price")]
    [InlineData("""{ "version": 1, "items": [ { "code": 1, "nameEn": "Tea", "price": 100 }, { "code": 1, "nameEn": "Tea", "price": 100 } ] }""", "items[1]: code 1: appears twice")]
    [InlineData("""{ "version": 1, "items": [ { "code": "x" } ] }""", "not a catalog")]
    public void A_bad_catalog_is_refused_naming_the_field(string json, string field)
    {
        var e = Assert.Throws<ArgumentException>(() => HostItemCatalog.Parse(json));

        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }
}

/// <summary>`terminal demo --catalog` with a bad file.</summary>
[Collection("Console")]
public sealed class DemoCatalogCommandTests
{
    [Fact]
    public void The_demo_exits_2_on_a_bad_catalog_file_naming_the_field()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "version": 1, "items": [ { "code": 1, "nameEn": "", "price": 100 } ] }""");

            var (exit, _, error) = CliTests.Run("demo", "--catalog", file, "--out", Path.Combine(Path.GetTempPath(), "demo-bad-catalog"));

            Assert.Equal(2, exit);
            Assert.Contains("nameEn", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
