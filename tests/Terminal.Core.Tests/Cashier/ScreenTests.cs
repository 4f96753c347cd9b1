using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Screens;
using Terminal.Core.Tests.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Cashier;

/// <summary>The cashier's screens and flows on a text panel, keys posted to the navigator: no board, no TCP host.</summary>
public class ScreenTests
{
    [Fact]
    public void A_provisioned_terminal_boots_to_the_idle_screen()
    {
        var rig = new CashierRig();

        Assert.True(rig.App.Idle);
        Assert.Contains("TEST SHOP", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("W E L C O M E", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_terminal_boots_into_provisioning()
    {
        var rig = new CashierRig(provisioned: false);

        Assert.Contains("SET-UP 1/3", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("Merchant ID", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void The_menu_shows_each_row_of_its_table()
    {
        var rig = new CashierRig();

        rig.Press(KeyCode.Menu);

        foreach (MenuRow row in MenuTable.Main())
        {
            if (row.Action != MenuAction.SelfTest && row.Action != MenuAction.Update)
            {
                Assert.Contains(Texts.Get(Language.English, row.Text), rig.Screen, StringComparison.Ordinal);
            }
        }

        // No self-test or update on this rig: their rows are neither drawn nor chosen.
        Assert.DoesNotContain(Texts.Get(Language.English, Texts.Menu1), rig.Screen, StringComparison.Ordinal);
        rig.Press(KeyCode.Digit0 + 1);
        Assert.Contains("MENU", rig.Panel.Row(0), StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_row_asks_the_manager_password_before_its_flow()
    {
        var rig = new CashierRig();

        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 2);

        Assert.Contains("MANAGER", rig.Panel.Row(0), StringComparison.Ordinal);
        rig.Type("8888");
        Assert.Contains("* * * *", rig.Screen, StringComparison.Ordinal);
        rig.Press(KeyCode.Enter);
        Assert.Contains("VOID", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("Invoice", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_stays_on_the_prompt_and_the_third_locks_it()
    {
        var rig = new CashierRig();
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);

        rig.Type("1111");
        rig.Press(KeyCode.Enter);
        Assert.Equal("Wrong password (1/3)", rig.App.LastMessage);
        Assert.Contains("MANAGER", rig.Panel.Row(0), StringComparison.Ordinal);

        rig.Type("1111");
        rig.Press(KeyCode.Enter);
        rig.Type("1111");
        rig.Press(KeyCode.Enter);
        Assert.Equal("Wrong password: locked for 5 min", rig.App.LastMessage);

        rig.Type("8888");
        rig.Press(KeyCode.Enter);
        Assert.StartsWith("Locked: try again in", rig.App.LastMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("SETTLEMENT", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void The_technician_password_screen_is_the_same_screen_with_the_technician_title()
    {
        var rig = new CashierRig();
        rig.Press(KeyCode.Menu, KeyCode.Digit0);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);

        rig.Press(KeyCode.Digit0 + 6);

        Assert.Contains("TECHNICIAN", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("Technician password", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_screen_times_out_to_the_idle_screen()
    {
        var rig = new CashierRig();
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 9);
        Assert.Contains("OPERATOR", rig.Panel.Row(0), StringComparison.Ordinal);

        rig.Wait(Terminal.Core.App.Cashier.EntryTimeoutMs - 1_000);
        Assert.False(rig.App.Idle);
        rig.Wait(2_000);

        Assert.True(rig.App.Idle);
    }

    [Fact]
    public void A_key_restarts_the_screens_timeout()
    {
        var rig = new CashierRig();
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 9);

        rig.Wait(50_000);
        rig.Type("1");
        rig.Wait(50_000);

        Assert.False(rig.App.Idle);
    }

    [Fact]
    public void The_operator_flow_logs_the_operator_on()
    {
        var rig = new CashierRig();

        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 9);
        rig.Type("12");
        rig.Press(KeyCode.Enter);

        Assert.True(rig.App.Idle);
        Assert.Equal(12, rig.Store.Store.Operator);
        Assert.Equal("Operator 12 logged on", rig.App.LastMessage);
    }

    [Fact]
    public void A_digit_at_the_idle_screen_starts_the_sale_with_it()
    {
        var rig = new CashierRig();

        rig.Type("1250");

        Assert.Contains("SALE", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("C N Y   1 2 . 5 0", rig.Screen, StringComparison.Ordinal);
        rig.Press(KeyCode.Enter);
        Assert.Contains("swipe", rig.Screen, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_card_screen_times_out_saying_why()
    {
        var rig = new CashierRig();
        rig.Type("100");
        rig.Press(KeyCode.Enter);

        rig.Wait(Terminal.Core.App.Cashier.PresentTimeoutMs + 500);

        Assert.True(rig.App.Idle);
        Assert.Equal("Timed out: no card", rig.App.LastMessage);
        Assert.Contains("Timed out: no card", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_void_shows_the_sale_for_confirmation_and_cancel_leaves_it()
    {
        var rig = new CashierRig();
        TxnEntry sale = rig.Store.Answered(StoreRig.SaleTemplate(2_500));

        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 2);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);
        rig.Type(sale.Invoice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        rig.Press(KeyCode.Enter);

        Assert.Contains("C N Y   2 5 . 0 0", rig.Screen, StringComparison.Ordinal);
        Assert.Contains(StoreRig.MaskedPan, rig.Screen, StringComparison.Ordinal);
        rig.Press(KeyCode.Cancel);
        Assert.True(rig.App.Idle);
        Assert.Equal(TxnState.Approved, sale.State);
    }

    [Fact]
    public void The_settlement_confirmation_shows_the_batch_totals()
    {
        var rig = new CashierRig();
        rig.Store.Answered(StoreRig.SaleTemplate(2_500));
        rig.Store.Answered(StoreRig.SaleTemplate(1_000));

        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);

        Assert.Contains("SETTLEMENT", rig.Panel.Row(0), StringComparison.Ordinal);
        Assert.Contains("CNY 35.00", rig.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_status_wraps_at_words_above_the_footer_and_never_cuts_one()
    {
        var rig = new CashierRig();
        const string Long = "Host did not answer in time: transaction reversed, nothing charged";

        rig.Nav.Status(Long);

        string lines = string.Join(" ", Enumerable.Range(rig.Panel.Rows - 4, 3).Select(rig.Panel.Row).Where(r => r.Length > 0));
        Assert.Equal(Long, lines);
        Assert.Empty(rig.Panel.Overflows);
        Assert.Contains("MENU", rig.Panel.Row(rig.Panel.Rows - 1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(20)]
    public void A_long_status_never_wraps_into_the_screens_rows(int rows)
    {
        var rig = new CashierRig(rows: rows);
        string[] before = Enumerable.Range(0, Navigator.LastScreenRow + 1).Select(rig.Panel.Row).ToArray();

        rig.Nav.Status("Host did not answer in time: transaction reversed, nothing charged");

        Assert.Equal(before, Enumerable.Range(0, Navigator.LastScreenRow + 1).Select(rig.Panel.Row));
        Assert.StartsWith("Host did not answer", rig.Panel.Row(Math.Max(Navigator.LastScreenRow + 1, rows - 4)), StringComparison.Ordinal);
        Assert.Empty(rig.Panel.Overflows);
    }

    [Fact]
    public void A_device_notice_clears_after_three_seconds()
    {
        var rig = new CashierRig();

        rig.Nav.OnEvent(new DeviceEvent { Kind = EventKind.PrinterStatus, Arg = (int)PrinterStatus.PaperOut });
        Assert.Equal(Texts.Get(Language.English, Texts.PrinterOutOfPaper), rig.Panel.Row(rig.Panel.Rows - 2));
        rig.Wait(Navigator.NoticeMs + 200);

        Assert.Equal(string.Empty, rig.Panel.Row(rig.Panel.Rows - 2));
    }

    [Fact]
    public void Going_through_every_menu_writes_nothing_past_the_panels_edge()
    {
        var rig = new CashierRig();
        rig.Store.Answered(StoreRig.SaleTemplate(2_500));
        foreach (int key in new[] { 2, 3, 4, 7, 0 })
        {
            rig.Press(KeyCode.Menu, KeyCode.Digit0 + key);
            rig.Type("8888");
            rig.Press(KeyCode.Enter, KeyCode.Cancel, KeyCode.Cancel);
        }

        rig.Press(KeyCode.Menu, KeyCode.Digit0);
        rig.Type("8888");
        rig.Press(KeyCode.Enter, KeyCode.Digit0 + 2, KeyCode.Digit0 + 2);
        Assert.Equal(Language.Chinese, rig.Store.Store.Language);
        rig.Press(KeyCode.Menu);

        Assert.Contains("撤销", rig.Screen, StringComparison.Ordinal);
        Assert.Empty(rig.Panel.Overflows);
    }
}
