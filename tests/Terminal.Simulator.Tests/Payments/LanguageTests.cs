using System.Text;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Drivers.Display;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>Screens and receipts in English or Simplified Chinese, switched by the manager and kept across reboots.</summary>
public sealed class LanguageTests
{
    private const string Password = "8888";

    // MENU 0, the manager password, 2 Language, then 1 English or 2 Chinese.
    private static void SwitchLanguage(TerminalRig rig, int choice, string password = Password)
    {
        rig.Press(KeyCode.Menu, KeyCode.Digit0);
        rig.Type(password);
        rig.Press(KeyCode.Enter, KeyCode.Digit0 + 2, KeyCode.Digit0 + choice);
    }

    [Fact]
    public async Task The_manager_switches_the_screens_to_Chinese_from_the_set_up_menu()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        Assert.Contains("WELCOME", rig.Board.Display.FrameText(), StringComparison.Ordinal);

        SwitchLanguage(rig, 2);

        Assert.True(rig.Pos.Idle);
        Assert.Equal(Language.Chinese, rig.Store.Language);
        Assert.Contains("欢迎光临", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Equal("语言：简体中文", rig.Pos.LastMessage);
    }

    [Fact]
    public async Task The_set_up_and_language_screens_time_out_to_idle_without_a_change()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Manager(0);
        Assert.Contains("2 Language / 语言", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Board.RunFor(61_000);
        Assert.True(rig.Pos.Idle);

        rig.Manager(0);
        rig.Press(KeyCode.Digit0 + 2);
        Assert.Contains("2 简体中文", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Board.RunFor(61_000);

        Assert.True(rig.Pos.Idle);
        Assert.Equal(Language.English, rig.Store.Language);
    }

    [Fact]
    public async Task A_wrong_manager_password_leaves_the_language_as_it_was()
    {
        await using var rig = await SaleFlowTests.ReadyRig();

        SwitchLanguage(rig, 2, password: "1234");

        Assert.Equal(Language.English, rig.Store.Language);
        Assert.Contains("Wrong password", rig.Pos.LastMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("欢迎", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_survives_a_settlement_and_a_reboot_and_English_comes_back_when_switched()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        SwitchLanguage(rig, 2);
        rig.Sale(1000, "swipe:visa");

        rig.Settle();
        rig.Reboot();

        Assert.Equal(Language.Chinese, rig.Store.Language);
        Assert.Contains("欢迎光临", rig.Board.Display.FrameText(), StringComparison.Ordinal);

        SwitchLanguage(rig, 1);
        rig.Reboot();
        Assert.Contains("WELCOME", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Chinese_terminal_prints_a_Chinese_slip_in_GB18030_and_shows_the_decline_in_Chinese()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        SwitchLanguage(rig, 2);
        int before = rig.Board.PrinterMechanism.Documents.Count;

        Assert.Equal("交易成功", rig.Sale(1234, "swipe:unionpay"));
        rig.FinishPrinting();

        var slip = rig.Board.PrinterMechanism.DocumentsSince(before).Single();
        Assert.Contains("POS签购单", slip.TextLines);
        Assert.Contains("商户存根", slip.TextLines);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        string decoded = Encoding.GetEncoding("GB18030").GetString(slip.Bytes);
        Assert.Contains("商户名称", decoded, StringComparison.Ordinal);
        Assert.Contains("\u001C&", decoded, StringComparison.Ordinal); // FS & before the Chinese

        rig.Host.Rules.Add(new AcquirerHost.Rules.ResponseRule { Mti = "0200", Amount = "*51", Action = AcquirerHost.Rules.RuleAction.Decline, ResponseCode = "51", Times = 1 });
        Assert.Equal("余额不足", rig.Sale(2051, "swipe:visa"));
    }

    [Fact]
    public async Task The_payment_engine_answers_a_Chinese_terminal_in_Chinese()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        SwitchLanguage(rig, 2);
        rig.Sale(1000, "swipe:visa");

        Assert.Equal("交易成功", rig.Void(1));
        Assert.Equal("已撤销", rig.Void(1));
        Assert.Equal("批次 1 结算完成，对账平", rig.Settle());
    }

    [Fact]
    public async Task Training_mode_keeps_the_terminal_language()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        SwitchLanguage(rig, 2);

        rig.SwitchTraining();

        Assert.True(rig.Pos.Training);
        Assert.Equal("交易成功", rig.Sale(1000, "swipe:visa"));
        Assert.Contains("欢迎光临", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_panel_draws_the_Chinese_idle_screen_from_the_display_font()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        SwitchLanguage(rig, 2);
        rig.Board.RunFor(500);
        var panel = rig.Board.Panel!;

        // Row 6 reads "请输入金额，然后" from column 1: '请' fills cells 1 and 2, 16x16 pixels from (8, 96).
        Assert.StartsWith(" 请输入金额", rig.Board.Display.RowText(6), StringComparison.Ordinal);
        int glyph = GlyphFont.Find('请');
        Assert.True(GlyphFont.IsWideGlyph(glyph));
        var rows = new byte[GlyphFont.MaxBytes];
        Assert.Equal(16, GlyphFont.Load('请', glyph, rows, 0));
        ushort background = panel.PixelAt(0, 96);
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                bool lit = panel.PixelAt(8 + x, 96 + y) != background;
                Assert.True(lit == GlyphFont.Pixel(rows, 0, 16, x, y), $"pixel ({x}, {y}) of 请");
            }
        }
    }

    [Fact]
    public async Task A_provisioning_file_can_set_the_terminal_up_in_Chinese()
    {
        var file = ProvisioningFile.Parse("""{ "terminalId": "12345678", "merchantId": "898310048990001", "tmk": "70F2A84CCBC2AE8625CBB0F2C22AB923", "language": "zh-CN" }""", "p.json");
        await using var rig = TerminalRig.Start("tcp", provisioning: file);
        rig.ProvisionFromConfig();
        rig.Boot();

        Assert.Equal(Language.Chinese, rig.Store.Language);
        Assert.Contains("欢迎光临", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }
}
