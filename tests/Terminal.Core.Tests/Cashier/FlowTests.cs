using System.Globalization;
using Terminal.Core.Payments;
using Terminal.Core.Tests.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Cashier;

/// <summary>
/// Each cashier flow from its first key to its result screen, on a text panel with a fake magstripe head and QR
/// engine, against a host scripted in memory: no board, no TCP.
/// </summary>
public class FlowTests
{
    private const string Track2 = "4761730000000010=30121011000000000000"; // a stripe-only card (service code 101): chip-first lets it through
    private const string Masked = "476173******0010";
    private const string WeChatCode = "134567890123456789";

    [Fact]
    public void An_approved_sale_says_APPROVED_once_with_its_amount_and_masked_card()
    {
        var rig = new CashierRig();
        rig.Host.Answer = r => rig.Host.Reply(r, "00");

        Sell(rig, "4550", Track2);

        string screen = rig.Screen;
        Assert.Contains("SALE", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Single(Occurrences(screen, "A P P R O V E D"));
        Assert.DoesNotContain("Approved", screen, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("CNY 45.50", screen, StringComparison.Ordinal);
        Assert.Contains(Masked, screen, StringComparison.Ordinal);
        Assert.DoesNotContain("4761730000000010", screen, StringComparison.Ordinal);
        Assert.Contains("Customer copy?", screen, StringComparison.Ordinal);
        Assert.Empty(rig.Panel.Overflows);
    }

    [Fact]
    public void The_customer_copy_question_goes_to_the_idle_screen_on_any_answer()
    {
        var rig = new CashierRig();
        rig.Host.Answer = r => rig.Host.Reply(r, "00");
        Sell(rig, "100", Track2);

        rig.Press(KeyCode.Cancel);

        Assert.True(rig.App.Idle);
        Assert.Equal(TxnState.Approved, rig.Store.Store.At(0).State);
    }

    [Fact]
    public void A_declined_sale_shows_its_amount_the_masked_card_and_the_hosts_reason()
    {
        var rig = new CashierRig();
        rig.Host.Answer = r => rig.Host.Reply(r, "51");

        Sell(rig, "2051", Track2);

        string screen = rig.Screen;
        Assert.Contains("DECLINED", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("SALE  CNY 20.51", screen, StringComparison.Ordinal);
        Assert.Contains(Masked, screen, StringComparison.Ordinal);
        Assert.Contains("Insufficient funds", screen, StringComparison.Ordinal);
        rig.Press(KeyCode.Enter);
        Assert.True(rig.App.Idle);
    }

    [Fact]
    public void A_scanned_payment_code_is_sold_and_shown_masked()
    {
        var rig = new CashierRig();
        rig.Host.Answer = r => rig.Host.Reply(r, "00");

        rig.Type("2300");
        rig.Press(KeyCode.Enter);
        rig.Scan(WeChatCode);
        rig.RunWhileBusy();

        Assert.Single(Occurrences(rig.Screen, "A P P R O V E D"));
        Assert.Contains("134567********6789", rig.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain(WeChatCode, rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sale_the_host_does_not_answer_is_reversed_and_says_nothing_was_charged()
    {
        var rig = new CashierRig();
        rig.Host.Answer = r => r.Mti == 400 ? rig.Host.Reply(r, "00") : null;

        Sell(rig, "999", Track2);

        Assert.Contains("NOT COMPLETED", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("nothing charged", rig.Screen, StringComparison.Ordinal);
        Assert.Contains("SALE  CNY 9.99", rig.Screen, StringComparison.Ordinal);
        Assert.Contains(Masked, rig.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain("DECLINED", rig.Screen, StringComparison.Ordinal);
        Assert.Equal(new[] { 200, 400 }, rig.Host.Mtis);
        Assert.Empty(rig.Panel.Overflows);
    }

    [Fact]
    public void A_void_behind_the_manager_password_shows_the_void_approved()
    {
        var rig = new CashierRig();
        TxnEntry sale = rig.Store.Answered(StoreRig.SaleTemplate(2_500));
        rig.Host.Answer = r => rig.Host.Reply(r, "00");

        Manager(rig, 2);
        rig.Type(sale.Invoice.ToString(CultureInfo.InvariantCulture));
        rig.Press(KeyCode.Enter, KeyCode.Enter);
        rig.RunWhileBusy();

        Assert.Contains("VOID", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Single(Occurrences(rig.Screen, "A P P R O V E D"));
        Assert.Contains("CNY 25.00", rig.Screen, StringComparison.Ordinal);
        Assert.True(sale.Voided);
    }

    [Fact]
    public void A_refund_asks_reference_date_and_amount_then_shows_the_refund_approved()
    {
        var rig = new CashierRig();
        rig.Host.Answer = r => rig.Host.Reply(r, "00");

        Manager(rig, 3);
        Assert.Contains("Original reference no.", rig.Screen, StringComparison.Ordinal);
        rig.Type("000000000042");
        rig.Press(KeyCode.Enter);
        Assert.Contains("Original date (MMDD)", rig.Screen, StringComparison.Ordinal);
        rig.Type("1124");
        rig.Press(KeyCode.Enter);
        rig.Type("2800");
        rig.Press(KeyCode.Enter);
        rig.RunWhileBusy();

        Assert.Contains("REFUND", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Single(Occurrences(rig.Screen, "A P P R O V E D"));
        Assert.Contains("CNY 28.00", rig.Screen, StringComparison.Ordinal);
        Assert.Equal(TxnKind.Refund, rig.Store.Store.At(0).Kind);
    }

    [Fact]
    public void After_settlement_the_settled_screen_shows_the_batch_its_totals_and_how_it_balanced()
    {
        var rig = new CashierRig();
        rig.Store.Answered(StoreRig.SaleTemplate(2_500));
        rig.Store.Answered(StoreRig.SaleTemplate(1_000));
        int batch = rig.Store.Store.Batch;
        rig.Host.Answer = r => rig.Host.Reply(r, "00", r.Mti == 500 ? Balanced(r) : null);

        Manager(rig, 4);
        rig.Press(KeyCode.Enter);
        rig.RunWhileBusy();

        string screen = rig.Screen;
        Assert.Contains("SETTLED", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("Batch " + batch.ToString("D6", CultureInfo.InvariantCulture), screen, StringComparison.Ordinal);
        Assert.Contains("CNY 35.00", screen, StringComparison.Ordinal);
        Assert.Contains("Z report printing", screen, StringComparison.Ordinal);
        Assert.Empty(rig.Panel.Overflows);

        rig.Press(KeyCode.Enter);

        Assert.True(rig.App.Idle);
        Assert.Contains($"Batch {batch:D6} settled", rig.Screen, StringComparison.Ordinal);
        Assert.Contains("Totals agreed with the host", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settled_screen_stays_until_a_key_or_its_timeout()
    {
        var rig = new CashierRig();
        rig.Store.Answered(StoreRig.SaleTemplate(2_500));
        rig.Host.Answer = r => rig.Host.Reply(r, "00", r.Mti == 500 ? Balanced(r) : null);
        Manager(rig, 4);
        rig.Press(KeyCode.Enter);
        rig.RunWhileBusy();

        rig.Wait(Terminal.Core.App.Cashier.ResultTimeoutMs - 1_000);
        Assert.Contains("SETTLED", rig.Panel.Row(0), StringComparison.Ordinal);
        rig.Wait(2_000);

        Assert.True(rig.App.Idle);
    }

    [Fact]
    public void An_item_above_its_stock_asks_the_manager_saying_why_on_an_uncrowded_screen()
    {
        var rig = new CashierRig();
        StockCatalog(rig, mooncakes: 2);

        ThreeMooncakes(rig);

        Assert.Contains("MANAGER", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("Mooncake: only 2 in stock", rig.Screen, StringComparison.Ordinal);
        Assert.Empty(rig.Panel.Overflows);
        // Title, prompt, the stars and the reason, each on rows of their own with a blank row between.
        int[] used = Enumerable.Range(0, rig.Panel.Rows - 1).Where(r => rig.Panel.Row(r).Length > 0).ToArray();
        Assert.True(used.Length <= 4, "rows in use: " + string.Join(", ", used));
    }

    [Fact]
    public void The_manager_allows_an_item_above_its_stock_and_the_line_is_added()
    {
        var rig = new CashierRig();
        StockCatalog(rig, mooncakes: 2);
        ThreeMooncakes(rig);

        rig.Type("8888");
        rig.Press(KeyCode.Enter);

        Assert.Contains("ITEM SALE", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("3x Mooncake", rig.Screen, StringComparison.Ordinal);
        Assert.Contains("Allowed by the manager", rig.Screen, StringComparison.Ordinal);
        Assert.Empty(rig.Panel.Overflows);
    }

    [Fact]
    public void Without_the_manager_an_item_above_its_stock_is_left_out()
    {
        var rig = new CashierRig();
        StockCatalog(rig, mooncakes: 2);
        ThreeMooncakes(rig);

        rig.Press(KeyCode.Cancel);

        Assert.Contains("ITEM SALE", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.DoesNotContain("3x Mooncake", rig.Screen, StringComparison.Ordinal);
        Assert.Contains("TOTAL", rig.Screen, StringComparison.Ordinal);
        Assert.Contains("CNY 0.00", rig.Screen, StringComparison.Ordinal);
        Assert.Contains("Mooncake: only 2 in stock", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_sale_is_paid_as_a_sale_of_its_total()
    {
        var rig = new CashierRig();
        StockCatalog(rig, mooncakes: 5);
        rig.Host.Answer = r => rig.Host.Reply(r, "00");
        rig.Press(KeyCode.F2);
        rig.Type("1006");
        rig.Press(KeyCode.Enter);
        rig.Type("2");
        rig.Press(KeyCode.Enter, KeyCode.Enter);

        rig.Swipe(Track2);
        rig.RunWhileBusy();

        Assert.Contains("CNY 31.60", rig.Screen, StringComparison.Ordinal);
        Assert.Equal(3, rig.Store.Store.Stock(0));
    }

    [Fact]
    public void Training_mode_puts_its_banner_on_and_its_sales_never_reach_the_host()
    {
        var rig = new CashierRig();
        rig.Host.Answer = r => rig.Host.Reply(r, "00");

        Manager(rig, 0);
        rig.Press(KeyCode.Digit0 + 3);
        Assert.True(rig.App.Training);
        Assert.Contains("TRAINING 培训模式", rig.Panel.Row(0), StringComparison.Ordinal);
        Sell(rig, "8800", Track2);

        Assert.Single(Occurrences(rig.Screen, "A P P R O V E D"));
        Assert.Empty(rig.Host.Requests);
        Assert.Equal(0, rig.Store.Store.Count);
        rig.Press(KeyCode.Cancel);

        Manager(rig, 0);
        rig.Press(KeyCode.Digit0 + 3);
        Assert.False(rig.App.Training);
        Assert.DoesNotContain("培训模式", rig.Panel.Row(0), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_manager_password_is_asked_twice_and_then_is_the_password()
    {
        var rig = new CashierRig();
        Manager(rig, 0);
        rig.Press(KeyCode.Digit0 + 4);

        rig.Type("135790");
        rig.Press(KeyCode.Enter);
        rig.Type("135790");
        rig.Press(KeyCode.Enter);

        Assert.Contains("Manager password changed", rig.Screen, StringComparison.Ordinal);
        rig.Press(KeyCode.Enter);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);
        Assert.Contains("MANAGER", rig.Panel.Row(0), StringComparison.Ordinal);
        rig.Press(KeyCode.Cancel);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);
        rig.Type("135790");
        rig.Press(KeyCode.Enter);
        Assert.Contains("SETTLEMENT", rig.Panel.Row(0), StringComparison.Ordinal);
    }

    [Fact]
    public void Reprint_last_on_an_empty_batch_says_there_is_nothing_to_reprint()
    {
        var rig = new CashierRig();

        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 5);

        Assert.Equal("Nothing to reprint", rig.App.LastMessage);
        Assert.Contains("Nothing to reprint", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_up_a_new_terminal_on_the_keypad_shows_the_master_keys_check_value()
    {
        var rig = new CashierRig(provisioned: false);

        rig.Type(StoreRig.MerchantId);
        rig.Press(KeyCode.Enter);
        rig.Type(StoreRig.TerminalId);
        rig.Press(KeyCode.Enter);
        Assert.Contains("SET-UP 3/3", rig.Panel.Row(0), StringComparison.Ordinal);
        foreach (char c in "1111111111111111" + "2222222222222222")
        {
            rig.Type(c.ToString());
        }

        rig.Press(KeyCode.Enter);

        Assert.Contains("check value", rig.Screen, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(rig.Panel.Overflows);
    }

    [Fact]
    public void The_master_key_shows_as_stars_in_two_rows_of_four_groups_with_only_its_last_digit()
    {
        var rig = new CashierRig(provisioned: false);
        rig.Type(StoreRig.MerchantId);
        rig.Press(KeyCode.Enter);
        rig.Type(StoreRig.TerminalId);
        rig.Press(KeyCode.Enter);

        rig.Type("12345123451234512");

        Assert.Equal("**** **** **** ****", rig.Panel.Row(5).Trim());
        Assert.Equal("2", rig.Panel.Row(6).Trim());
        rig.Type("123451234512345");
        Assert.Equal("**** **** **** ***5", rig.Panel.Row(6).Trim());
        Assert.Empty(rig.Panel.Overflows);
    }

    [Fact]
    public void The_self_test_opens_only_with_the_technicians_password()
    {
        var rig = new CashierRig(selfTest: true);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 1);
        Assert.Contains("TECHNICIAN", rig.Panel.Row(0), StringComparison.Ordinal);

        rig.Type("8888");
        rig.Press(KeyCode.Enter);
        Assert.Equal("Wrong password (1/3)", rig.App.LastMessage);
        rig.Type("2468");
        rig.Press(KeyCode.Enter);

        // Checks of parts the rig lacks are skipped: it stops at the first it has, the magstripe head.
        Assert.StartsWith("SELF-TEST 5/11: magstripe", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.False(rig.App.Idle);
    }

    private static void Sell(CashierRig rig, string amount, string track2)
    {
        rig.Type(amount);
        rig.Press(KeyCode.Enter);
        rig.Swipe(track2);
        rig.RunWhileBusy();
    }

    private static void Manager(CashierRig rig, int menuKey)
    {
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + menuKey);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);
    }

    // The host's 0510 saying its totals agree (F48 position 31: 1 balanced).
    private static string Balanced(Messages.Iso8583.Iso8583Message request)
    {
        string f48 = request.GetString(48) ?? new string('0', 62);
        return f48[..30] + '1' + f48[31..];
    }

    // F2, item 1006, quantity 3: one more than the two in stock.
    private static void ThreeMooncakes(CashierRig rig)
    {
        rig.Press(KeyCode.F2);
        rig.Type("1006");
        rig.Press(KeyCode.Enter);
        rig.Type("3");
        rig.Press(KeyCode.Enter);
    }

    private static void StockCatalog(CashierRig rig, int mooncakes)
    {
        var catalog = new ItemCatalog { Version = 1 };
        Assert.Equal(string.Empty, catalog.Add(1006, "Mooncake", "月饼", 1_580, mooncakes, 1));
        Assert.True(rig.Store.Store.ReplaceCatalog(catalog), rig.Store.Store.Problem);
    }

    private static IEnumerable<int> Occurrences(string text, string what)
    {
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
        {
            yield return at;
        }
    }
}
