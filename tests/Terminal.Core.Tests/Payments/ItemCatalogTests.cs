using Terminal.Core.Payments;
using Terminal.Core.Util;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class ItemCatalogTests
{
    [Fact]
    public void An_item_round_trips_through_its_encoding_with_its_Chinese_name()
    {
        var catalog = new ItemCatalog();
        Assert.Equal(string.Empty, catalog.Add(1001, "Green tea", "绿茶", 350, -4, 5));
        var buffer = new byte[ItemCatalog.MaxEncodedItem];
        int n = catalog.EncodeItem(0, buffer, 0);

        var copy = new ItemCatalog();
        int end = copy.DecodeItem(buffer, 0, n, out string problem);

        Assert.Equal((n, string.Empty), (end, problem));
        Assert.Equal((1001, "Green tea", "绿茶", 350L, -4, 5), (copy.Code(0), copy.NameEn(0), copy.NameZh(0), copy.Price(0), copy.StockCount(0), copy.LowStock(0)));
    }

    [Fact]
    public void The_longest_item_fits_its_declared_maximum()
    {
        var catalog = new ItemCatalog();
        Assert.Equal(string.Empty, catalog.Add(999999, new string('W', 20), new string('龍', 10), Money.DefaultMaximum, -999999, 65535));

        Assert.Equal(ItemCatalog.MaxEncodedItem, catalog.EncodeItem(0, new byte[200], 0));
    }

    [Theory]
    [InlineData(0, "Tea", 100, "code")]
    [InlineData(1000000, "Tea", 100, "code")]
    [InlineData(5, "", 100, "nameEn")]
    [InlineData(5, "A name far longer than twenty", 100, "nameEn")]
    [InlineData(5, "Tea\u00e9", 100, "nameEn")]
    [InlineData(5, "Tea", 0, "price")]
    [InlineData(5, "Tea", 100_000_000, "price")]
    public void An_item_with_a_bad_field_is_refused_naming_the_field(int code, string nameEn, long price, string field)
    {
        var catalog = new ItemCatalog();

        string problem = catalog.Add(code, nameEn, string.Empty, price, 1, 0);

        Assert.Contains(field, problem, StringComparison.Ordinal);
        Assert.Equal(0, catalog.Count);
    }

    [Fact]
    public void A_code_given_twice_is_refused()
    {
        var catalog = new ItemCatalog();
        catalog.Add(7, "Tea", string.Empty, 100, 1, 0);

        Assert.Contains("twice", catalog.Add(7, "Coffee", string.Empty, 200, 1, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_holds_at_most_64_items()
    {
        var catalog = new ItemCatalog();
        for (int i = 1; i <= ItemCatalog.MaxItems; i++)
        {
            Assert.Equal(string.Empty, catalog.Add(i, "Item", string.Empty, 100, 1, 0));
        }

        Assert.Contains("64", catalog.Add(65, "Item", string.Empty, 100, 1, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_or_garbled_item_is_refused_without_reading_past_the_end()
    {
        var catalog = new ItemCatalog();
        catalog.Add(1001, "Green tea", "绿茶", 350, 4, 5);
        var buffer = new byte[100];
        int n = catalog.EncodeItem(0, buffer, 0);

        for (int cut = 0; cut < n; cut++)
        {
            Assert.True(new ItemCatalog().DecodeItem(buffer, 0, cut, out string problem) < 0, $"cut at {cut}");
            Assert.NotEmpty(problem);
        }

        buffer[n - 1] = 0xFF; // not UTF-8
        Assert.True(new ItemCatalog().DecodeItem(buffer, 0, n, out string why) < 0);
        Assert.Contains("text", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xE4, 0xB8 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 })]
    [InlineData(new byte[] { 0x0A })]
    public void Malformed_or_control_UTF8_is_not_text(byte[] bytes)
    {
        Assert.Null(Utf8Text.Get(bytes, 0, bytes.Length));
    }

    [Fact]
    public void UTF8_agrees_with_the_platform_encoder()
    {
        const string text = "饺子六个 Dumplings é";
        var buffer = new byte[64];
        int n = Utf8Text.Put(buffer, 0, text);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), buffer[..n]);
        Assert.Equal(n, Utf8Text.ByteCount(text));
        Assert.Equal(text, Utf8Text.Get(buffer, 0, n));
    }

    [Fact]
    public void Sale_items_round_trip_and_total_their_lines()
    {
        var items = new SaleItems();
        Assert.True(items.Add(1001, 3, 350));
        Assert.True(items.Add(1002, 2, 420));
        Assert.True(items.Add(1001, 1, 350));
        var buffer = new byte[SaleItems.MaxEncoded];
        int n = items.Encode(buffer, 0);

        var copy = new SaleItems();
        Assert.True(copy.Decode(buffer, 0, n));

        Assert.Equal((2, 4, 2, 350 * 4 + 420 * 2L), (copy.Count, copy.QuantityOf(1001), copy.QuantityOf(1002), copy.Total));
        Assert.False(copy.Decode(buffer, 0, n - 1));
    }
}
