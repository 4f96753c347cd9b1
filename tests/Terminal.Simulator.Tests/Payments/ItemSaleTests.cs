using AcquirerHost.Catalog;
using Terminal.Core.Payments;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>Selling by item code: the catalog from the host at sign-in, stock, the manager's override, receipts, voids.</summary>
public sealed class ItemSaleTests
{
    private const int Tea = 1001;
    private const int Coffee = 1003;
    private const int Mooncake = 1006; // stock 2, low-stock mark 3

    internal static async Task<TerminalRig> ReadyRig(HostItemCatalog? catalog = null)
    {
        var rig = TerminalRig.Start("tcp");
        rig.Host.Processor.Catalog = catalog ?? DemoCatalog.Create();
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        await Task.CompletedTask;
        return rig;
    }

    private static int StockOf(TerminalRig rig, int code) => rig.Store.Stock(rig.Store.Catalog.IndexOf(code));

    [Fact]
    public async Task The_catalog_comes_from_the_host_at_sign_in_and_survives_a_reboot()
    {
        await using var rig = await ReadyRig();

        Assert.Equal("Catalog v1 loaded: 8 items", rig.Pos.Engine.CatalogMessage);
        Assert.Equal((1, 8), (rig.Store.Catalog.Version, rig.Store.Catalog.Count));
        rig.Reboot();
        Assert.Equal((1, 8, "绿茶"), (rig.Store.Catalog.Version, rig.Store.Catalog.Count, rig.Store.Catalog.NameZh(0)));
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 8);
        rig.Board.RunWhileHostBusy();
        Assert.Equal("Catalog up to date (v1)", rig.Pos.Engine.CatalogMessage);
    }

    [Fact]
    public async Task In_Chinese_the_item_screen_and_the_slip_show_the_Chinese_names_and_DOT_opens_it_without_F2()
    {
        await using var rig = await ReadyRig();
        Assert.True(rig.Store.SetLanguage(Terminal.Core.Ui.Language.Chinese));
        int before = rig.Board.PrinterMechanism.Documents.Count;

        rig.Press(KeyCode.Dot);
        rig.Type(Tea.ToString(System.Globalization.CultureInfo.InvariantCulture));
        rig.Press(KeyCode.Enter);
        Assert.Contains("绿茶 数量", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Type("2");
        rig.Press(KeyCode.Enter, KeyCode.Enter);
        rig.Present("swipe:visa");
        rig.Board.RunWhileHostBusy();
        rig.Press(KeyCode.Cancel);
        rig.FinishPrinting();

        Assert.Equal(700, rig.Store.At(0).Amount);
        string slip = string.Join('\n', rig.Board.PrinterMechanism.DocumentsSince(before)[0].TextLines);
        Assert.Contains("商品", slip, StringComparison.Ordinal);
        Assert.Contains("绿茶", slip, StringComparison.Ordinal);
        Assert.DoesNotContain("Green tea", slip, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_sale_charges_the_total_takes_the_stock_and_lists_the_items_on_the_receipt()
    {
        await using var rig = await ReadyRig();
        int before = rig.Board.PrinterMechanism.Documents.Count;

        string message = rig.ItemSale("swipe:visa", [(Tea, 3), (Coffee, 1)]);
        rig.FinishPrinting();

        Assert.Equal("Approved", message);
        TxnEntry sale = rig.Store.At(0);
        Assert.Equal(3 * 350 + 1800, sale.Amount);
        Assert.Equal(3 * 350 + 1800, rig.Host.Store.Authorizations(TerminalRig.TerminalId).Single(a => a.Kind == "sale").Amount);
        Assert.Equal((37, 24), (StockOf(rig, Tea), StockOf(rig, Coffee)));
        string receipt = string.Join('\n', rig.Board.PrinterMechanism.DocumentsSince(before)[0].TextLines);
        Assert.Contains("Green tea", receipt, StringComparison.Ordinal);
        Assert.Contains("3 x 3.50", receipt, StringComparison.Ordinal);
        Assert.Contains("10.50", receipt, StringComparison.Ordinal);
        Assert.Contains("Coffee", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_void_of_an_item_sale_puts_its_items_back()
    {
        await using var rig = await ReadyRig();
        rig.ItemSale("scan:134567890123456789", [(Tea, 2)]);
        Assert.Equal(38, StockOf(rig, Tea));

        Assert.Equal("Approved", rig.Void(rig.Store.At(0).Invoice));

        Assert.Equal(40, StockOf(rig, Tea));
    }

    [Fact]
    public async Task A_declined_item_sale_leaves_the_stock()
    {
        await using var rig = await ReadyRig();
        rig.Host.Rules.Add(new AcquirerHost.Rules.ResponseRule { Mti = "0200", Action = AcquirerHost.Rules.RuleAction.Decline, ResponseCode = "51", Times = 1 });

        rig.ItemSale("swipe:visa", [(Tea, 2)]);

        Assert.Equal(TxnState.Declined, rig.Store.At(0).State);
        Assert.Equal(40, StockOf(rig, Tea));
    }

    [Fact]
    public async Task More_than_the_stock_is_refused_without_the_manager_and_the_sale_goes_on_without_that_line()
    {
        await using var rig = await ReadyRig();

        rig.ItemLines([(Mooncake, 3)]);
        Assert.Contains("Mooncake: only 2 in stock", rig.Pos.LastMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Mooncake", rig.Board.Display.RowText(2), StringComparison.Ordinal);
        rig.Press(KeyCode.Enter);
        Assert.Equal("Key an item code", rig.Pos.LastMessage);
        rig.Press(KeyCode.Cancel);

        Assert.True(rig.Pos.Idle);
        Assert.Equal(0, rig.Store.Count);
        Assert.Equal(2, StockOf(rig, Mooncake));
    }

    [Fact]
    public async Task The_manager_can_allow_a_sale_above_the_stock()
    {
        await using var rig = await ReadyRig();

        string message = rig.ItemSale("swipe:visa", [(Mooncake, 3)], managerAllows: true);

        Assert.Equal("Approved", message);
        Assert.Equal(-1, StockOf(rig, Mooncake));
    }

    [Fact]
    public async Task A_wrong_manager_password_does_not_allow_it()
    {
        await using var rig = await ReadyRig();
        rig.Press(KeyCode.F2);
        rig.Type("1006");
        rig.Press(KeyCode.Enter);
        rig.Type("3");
        rig.Press(KeyCode.Enter);
        Assert.Contains("Manager password", rig.Board.Display.FrameText(), StringComparison.Ordinal);

        rig.Type("1111");
        rig.Press(KeyCode.Enter);
        Assert.StartsWith("Wrong password", rig.Pos.LastMessage, StringComparison.Ordinal);
        rig.Press(KeyCode.Cancel);

        Assert.DoesNotContain("Mooncake", rig.Board.Display.FrameText().Split('\n')[2], StringComparison.Ordinal);
        Assert.Contains("TOTAL", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Contains("CNY 0.00", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_at_its_low_stock_mark_is_flagged_on_the_screen()
    {
        await using var rig = await ReadyRig();

        rig.ItemLines([(Mooncake, 1)]);

        Assert.Contains("LOW STOCK Mooncake: 1", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Contains("1x Mooncake", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_deletes_digits_then_the_last_line_and_an_unknown_code_is_refused()
    {
        await using var rig = await ReadyRig();
        rig.ItemLines([(Tea, 2), (Coffee, 1)]);

        rig.Type("999");
        rig.Press(KeyCode.Enter);
        Assert.Equal("No item 999", rig.Pos.LastMessage);
        rig.Type("12");
        rig.Press(KeyCode.Clear);
        Assert.Contains("Item code: 1_", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Press(KeyCode.Clear);
        Assert.Contains("Item code: _", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Contains("CNY 25.00", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Press(KeyCode.Clear);

        Assert.Contains("CNY 7.00", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Coffee", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_catalog_F2_says_so()
    {
        var rig = TerminalRig.Start("tcp");
        await using (rig)
        {
            rig.ProvisionFromConfig();
            rig.Boot();
            Assert.Equal("Host has no catalog", rig.Pos.Engine.CatalogMessage);

            rig.Press(KeyCode.F2);

            Assert.True(rig.Pos.Idle);
            Assert.Equal("No catalog: sign in (MENU 8)", rig.Pos.LastMessage);
        }
    }

    [Fact]
    public async Task A_newer_catalog_is_loaded_at_the_next_sign_in_and_a_broken_one_is_survived()
    {
        await using var rig = await ReadyRig();
        rig.ItemSale("swipe:visa", [(Tea, 5)]);

        var newer = new HostItemCatalog(2, [new HostItem(Tea, "Green tea", "绿茶", 380, 100, 5), new HostItem(3001, "Noodles", "面条", 1500, 9, 2)]);
        newer.CorruptChunk = 0;
        rig.Host.Processor.Catalog = newer;
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 8);
        rig.Board.RunWhileHostBusy();
        Assert.True(rig.Pos.Engine.SignedIn);
        Assert.StartsWith("Catalog answer malformed", rig.Pos.Engine.CatalogMessage, StringComparison.Ordinal);
        Assert.Equal((1, 35), (rig.Store.Catalog.Version, StockOf(rig, Tea)));
        rig.Press(KeyCode.Cancel);

        newer.CorruptChunk = null;
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 8);
        rig.Board.RunWhileHostBusy();
        rig.Press(KeyCode.Cancel);

        Assert.Equal("Catalog v2 loaded: 2 items", rig.Pos.Engine.CatalogMessage);
        Assert.Equal((2, 100, 9), (rig.Store.Catalog.Version, StockOf(rig, Tea), StockOf(rig, 3001)));
        Assert.Equal("Approved", rig.Void(rig.Store.At(0).Invoice));
        Assert.Equal(105, StockOf(rig, Tea));
    }

    [Fact]
    public async Task The_sales_analysis_prints_the_top_items_and_after_settlement_those_of_the_last_batch()
    {
        await using var rig = await ReadyRig();
        rig.ItemSale("swipe:visa", [(Tea, 3), (Coffee, 1)]);
        rig.ItemSale("scan:134567890123456789", [(Coffee, 3)]);
        int before = rig.Board.PrinterMechanism.Documents.Count;
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + 4);
        rig.FinishPrinting();
        Assert.Contains("Top item Coffee x4", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Press(KeyCode.Cancel);
        string report = string.Join('\n', rig.Board.PrinterMechanism.DocumentsSince(before)[0].TextLines);
        Assert.Matches(@"TOP ITEMS BY QUANTITY\nCoffee\s+4\s+72\.00\nGreen tea\s+3\s+10\.50", report);
        Assert.Matches(@"TOP ITEMS BY AMOUNT\nCoffee\s+4\s+72\.00", report);

        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);
        rig.FinishPrinting();
        rig.Reboot();
        before = rig.Board.PrinterMechanism.Documents.Count;
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + 4);
        rig.FinishPrinting();
        rig.Press(KeyCode.Cancel);

        string after = string.Join('\n', rig.Board.PrinterMechanism.DocumentsSince(before)[0].TextLines);
        Assert.Contains("LAST SETTLED BATCH 000001", after, StringComparison.Ordinal);
        Assert.Matches(@"OPERATOR 01\s+2\s+82\.50", after);
        Assert.Matches(@"TOP ITEMS BY QUANTITY\nCoffee\s+4\s+72\.00", after);
        Assert.Equal((37, 21), (StockOf(rig, Tea), StockOf(rig, Coffee)));
    }

    [Fact]
    public async Task In_training_mode_item_sales_take_the_training_stock_and_never_the_real_one()
    {
        await using var rig = await ReadyRig();
        PaymentStore live = rig.Store;
        rig.ItemSale("swipe:visa", [(Tea, 2)]);

        Assert.Contains("Training mode ON", rig.SwitchTraining(), StringComparison.Ordinal);
        Assert.Equal(38, StockOf(rig, Tea));
        Assert.Equal("Approved", rig.ItemSale("scan:134567890123456789", [(Tea, 5), (Mooncake, 1)]));
        Assert.Equal((33, 1), (StockOf(rig, Tea), StockOf(rig, Mooncake)));

        Assert.Contains("Training mode OFF", rig.SwitchTraining(), StringComparison.Ordinal);
        Assert.Same(live, rig.Store);
        Assert.Equal((38, 2), (StockOf(rig, Tea), StockOf(rig, Mooncake)));
        Assert.Single(rig.Host.Store.Authorizations(TerminalRig.TerminalId), a => a.Kind == "sale");
    }
}
