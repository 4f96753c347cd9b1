using AcquirerHost.Catalog;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The host's catalog file and `terminal demo --catalog`: good files load, bad ones are refused naming the field.</summary>
public sealed class CatalogFileTests
{
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
