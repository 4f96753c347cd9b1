using System.Text;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// The merchant's name in Chinese and the service hotline from the provisioning file, end to end: the file, the
/// journal, the slip's bytes in GB18030, the display's pixels; and the help screen and slip, and the self-test's page.
/// </summary>
public sealed class MerchantProfileTests
{
    private const string Name = "北京东方大酒店";
    private const string Hotline = "400-820-8820";
    private const string Tmk = "0123456789ABCDEFFEDCBA9876543210";

    // How the paper's text shows the cut.
    private static readonly string Cut = new('-', 32);

    // GNU Unifont's 16x16 glyphs of two of the name's characters (unifont.hex, U+9152 and U+5E97): the set-up font
    // must carry exactly these at their GB2312 cells.
    private const string UnifontJiu = "00004FFE20A020A007FC84A444A454A4151C2604E40427FC2404240427FC0404";
    private const string UnifontDian = "010000803FFE20802080208020FC2080208027F8240824084408440887F80408";

    private static readonly Encoding Gb18030 = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static ProvisioningFile File(string language = "en") => ProvisioningFile.Parse(Encoding.UTF8.GetBytes(
        $$"""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "{{Tmk}}", "language": "{{language}}", "merchantName": "{{Name}}", "hotline": "{{Hotline}}", "serviceContact": "王经理" }"""), "p.json");

    private static async Task<TerminalRig> Provisioned(string language = "en")
    {
        var rig = TerminalRig.Start("tcp", provisioning: File(language));
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        await Task.CompletedTask;
        return rig;
    }

    [Fact]
    public void The_file_gives_the_name_hotline_and_contact()
    {
        ProvisioningFile file = File();

        Assert.Equal(Name, file.MerchantName);
        Assert.Equal(Hotline, file.Hotline);
        Assert.Equal("王经理", file.ServiceContact);
    }

    [Fact]
    public void The_set_up_font_holds_unifonts_glyphs_at_their_gb2312_cells_with_their_gb18030_codes()
    {
        var warnings = new List<string>();
        GlyphSupplement glyphs = SetUpFont.GlyphsFor(warnings.Add, Name);

        Assert.Empty(warnings);
        Assert.Equal(7, glyphs.Count);
        Assert.Equal(UnifontJiu, Glyph(glyphs, '酒'));
        Assert.Equal(UnifontDian, Glyph(glyphs, '店'));
        foreach (char c in Name)
        {
            Assert.Equal(Convert.ToHexString(Gb18030.GetBytes(c.ToString())), glyphs.Code(c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_character_the_font_or_the_printer_lacks_is_carried_as_a_box_and_warned_about()
    {
        var warnings = new List<string>();

        // U+3400 (CJK extension A): not in GB2312, and four bytes in GB18030.
        GlyphSupplement glyphs = SetUpFont.GlyphsFor(warnings.Add, "店\u3400");

        Assert.Equal(
            ["'\u3400' (U+3400) has no glyph in the display's fonts: it shows as a box", "'\u3400' (U+3400) has no two-byte GB18030 code: it prints as '?'"],
            warnings);
        Assert.Equal(-1, glyphs.Code('\u3400'));
        Assert.Equal("00000000" + "7FFE" + string.Concat(Enumerable.Repeat("4002", 10)) + "7FFE" + "00000000", Glyph(glyphs, '\u3400'));
    }

    [Theory]
    [InlineData("\"merchantName\": \"北京东方大酒店北京东方大酒店北京东\"", "p.json: merchantName: at most 16 characters")]
    [InlineData("\"merchantName\": \"BELL \\u0007\"", "p.json: merchantName: control character at 6")]
    [InlineData("\"merchantName\": \"\"", "p.json: merchantName: empty")]
    [InlineData("\"merchantName\": 7", "p.json: merchantName: must be a string")]
    [InlineData("\"hotline\": \"400-CALL\"", "p.json: hotline: only digits, '-', spaces and a leading '+'")]
    [InlineData("\"hotline\": \"12\"", "p.json: hotline: at least 3 digits")]
    [InlineData("\"serviceContact\": \"王经理王经理王经理\"", "p.json: serviceContact: at most 8 characters")]
    public void A_bad_name_hotline_or_contact_is_refused_naming_the_field(string field, string expected)
    {
        string json = $$"""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "{{Tmk}}", {{field}} }""";

        var error = Assert.Throws<FormatException>(() => ProvisioningFile.Parse(Encoding.UTF8.GetBytes(json), "p.json"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_not_garbled()
    {
        // The name saved in GBK by a Chinese editor: not UTF-8.
        byte[] json = [.. Encoding.UTF8.GetBytes($$"""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "{{Tmk}}", "merchantName": " """), .. Gb18030.GetBytes(Name), .. "\" }"u8];

        var error = Assert.Throws<FormatException>(() => ProvisioningFile.Parse(json, "p.json"));

        Assert.StartsWith("p.json: not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_name_prints_in_gb18030_on_the_slip_and_shows_on_the_display_and_both_survive_a_reboot()
    {
        await using TerminalRig rig = await Provisioned();
        Assert.Equal(Name, rig.Store.Profile.Name);

        for (int boot = 0; boot < 2; boot++)
        {
            int before = rig.Board.PrinterMechanism.Documents.Count;
            Assert.Equal("Approved", rig.Sale(1200, "swipe:visa"));
            rig.FinishPrinting();
            byte[] slip = rig.Board.PrinterMechanism.Documents[before].Bytes;

            // FS & (Chinese mode), the name's GB18030 bytes, FS . (off): decoded back, the name.
            byte[] name = Gb18030.GetBytes(Name);
            byte[] line = [0x1C, (byte)'&', .. name, 0x1C, (byte)'.', 0x0A];
            int at = slip.AsSpan().IndexOf(line);
            Assert.True(at >= 0, "the name's line in GB18030 is not on the slip");
            Assert.Equal(Name, Gb18030.GetString(slip, at + 2, name.Length));
            Assert.Contains("MERCHANT NAME:\n" + Name + "\n", rig.Board.PrinterMechanism.Documents[before].RenderText(), StringComparison.Ordinal);

            // The idle screen's top bar: each character's pixels are its glyph (inverse: lit where the glyph is not).
            rig.Press(KeyCode.Cancel);
            rig.Board.RunFor(500);
            Assert.StartsWith(Name, rig.Board.Display.RowText(0).TrimStart(), StringComparison.Ordinal);
            for (int i = 0; i < Name.Length; i++)
            {
                Assert.Equal(Glyph(rig.Store.Profile.Glyphs, Name[i]), Drawn(rig, 8 + (16 * i), 0));
            }

            Assert.Equal(UnifontJiu, Drawn(rig, 8 + (16 * Name.IndexOf('酒', StringComparison.Ordinal)), 0));
            rig.Reboot();
        }
    }

    [Fact]
    public async Task F1_shows_the_help_screen_line_by_line_in_english()
    {
        await using TerminalRig rig = await Provisioned();

        rig.Press(KeyCode.F1);

        string signedIn = rig.Pos.LiveEngine.LastSignIn.ToString("yyyy/MM/dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            ["HELP", string.Empty, "Hotline: 400-820-8820", "Contact: 王经理", "Merchant:", Name, "MID 123456789012345", "TID 87654321", "Software v" + Terminal.Core.App.TerminalApp.FirmwareVersion, "Last sign-in " + signedIn, "Batch 000001"],
            Rows(rig, 0, 11));
        Assert.Equal("ENTER: print  CANCEL: back", rig.Board.Display.RowText(rig.Board.Display.Rows - 1).Trim());
    }

    [Fact]
    public async Task The_help_screen_and_slip_speak_chinese_and_enter_works_on_a_keypad_without_f1()
    {
        await using TerminalRig rig = await Provisioned("zh-CN");

        rig.Press(KeyCode.Enter);

        string signedIn = rig.Pos.LiveEngine.LastSignIn.ToString("yyyy/MM/dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        string[] identity = ["服务热线：400-820-8820", "联系人：王经理", "商户：", Name, "商户编号 123456789012345", "终端编号 87654321", "软件版本 v" + Terminal.Core.App.TerminalApp.FirmwareVersion, "上次签到 " + signedIn, "批次 000001"];
        Assert.Equal(["帮助", string.Empty, .. identity], Rows(rig, 0, 11));

        int before = rig.Board.PrinterMechanism.Documents.Count;
        rig.Press(KeyCode.Enter);
        rig.FinishPrinting();

        Assert.Equal("正在打印帮助单", rig.Pos.LastStatus);
        string[] slip = rig.Board.PrinterMechanism.Documents[before].RenderText().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        Assert.Equal(["客户服务与帮助", new string('-', 32), .. identity, new string('-', 32), "报告故障请拨打服务热线，", "告知商户编号和终端编号、", "发生时间和屏幕上的提示。", "请保留此单。", Cut], slip);
    }

    [Fact]
    public async Task The_help_slip_prints_line_by_line_in_english_and_cancel_goes_back_to_idle()
    {
        await using TerminalRig rig = await Provisioned();
        int before = rig.Board.PrinterMechanism.Documents.Count;

        rig.Press(KeyCode.F1, KeyCode.Enter);
        rig.FinishPrinting();
        rig.Press(KeyCode.Cancel);

        string signedIn = rig.Pos.LiveEngine.LastSignIn.ToString("yyyy/MM/dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        string[] slip = rig.Board.PrinterMechanism.Documents[before].RenderText().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        Assert.Equal(
            ["SERVICE AND HELP", new string('-', 32), "Hotline: 400-820-8820", "Contact: 王经理", "Merchant:", Name, "MID 123456789012345", "TID 87654321",
                "Software v" + Terminal.Core.App.TerminalApp.FirmwareVersion, "Last sign-in " + signedIn, "Batch 000001", new string('-', 32),
                "To report a problem, call the", "hotline; give MID and TID,", "the time and what the screen", "said. Keep this slip.", Cut],
            slip);
        Assert.True(rig.Pos.Idle);
    }

    [Fact]
    public async Task Set_up_7_shows_the_profile_and_keys_a_new_hotline_that_the_help_slip_then_gives()
    {
        await using TerminalRig rig = await Provisioned();

        rig.Press(KeyCode.Menu, KeyCode.Digit0);
        rig.Type("8888");
        rig.Press(KeyCode.Enter, KeyCode.Digit0 + 7);
        Assert.Equal(["MERCHANT AND HOTLINE", string.Empty, "Merchant:", Name, "Name: from provisioning file", string.Empty, "Hotline: 400-820-8820", "Contact: 王经理"], Rows(rig, 0, 8));

        rig.Press(KeyCode.Enter);
        rig.Type("95516");
        rig.Press(KeyCode.Enter);

        Assert.Equal("Hotline saved", rig.Pos.LastStatus);
        Assert.Equal("95516", rig.Store.Profile.Hotline);
        rig.Reboot();
        Assert.Equal("95516", rig.Store.Profile.Hotline);
        Assert.Equal(Name, rig.Store.Profile.Name);
    }

    [Fact]
    public void The_self_tests_page_carries_the_terminals_identity()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions { Provisioning = File() });
        board.Boot();
        board.RunUntilIdle();
        int before = board.PrinterMechanism.Documents.Count;

        byte[] command = Encoding.ASCII.GetBytes("selftest\r\n");
        board.DebugTerminal.Write(command, 0, command.Length);
        board.RunFor(120_000);

        string page = string.Concat(board.PrinterMechanism.Documents.Skip(before).Select(d => d.RenderText()));
        string[] lines = page.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        int at = Array.IndexOf(lines, "TERMINAL IDENTITY");
        Assert.True(at > 0, page);
        Assert.Contains("SELF-TEST SUMMARY", lines[..at]);
        Assert.Equal(["Hotline: 400-820-8820", "Contact: 王经理", "Merchant:", Name, "MID 123456789012345", "TID 87654321", "Software v" + Terminal.Core.App.TerminalApp.FirmwareVersion], lines[(at + 1)..(at + 8)]);
        Assert.StartsWith("Last sign-in ", lines[at + 8], StringComparison.Ordinal);
    }

    internal static string[] Rows(TerminalRig rig, int first, int count) =>
        Enumerable.Range(first, count).Select(r => rig.Board.Display.RowText(r).Trim()).ToArray();

    internal static string Glyph(GlyphSupplement glyphs, char c)
    {
        var bitmap = new byte[GlyphSupplement.GlyphBytes];
        Assert.True(glyphs.Load(c, bitmap, 0), $"no glyph for {c}");
        return Convert.ToHexString(bitmap);
    }

    // The 16x16 pixels of the panel at (x, y) as a glyph: a pixel is set where it differs from the cell's top-left
    // pixel (Unifont leaves the top row of its CJK glyphs blank, so that pixel is the background, plain or inverse).
    internal static string Drawn(TerminalRig rig, int x, int y)
    {
        var panel = rig.Board.Panel;
        ushort background = panel.PixelAt(x, y);
        var bitmap = new byte[32];
        for (int row = 0; row < 16; row++)
        {
            for (int column = 0; column < 16; column++)
            {
                if (panel.PixelAt(x + column, y + row) != background)
                {
                    bitmap[(row * 2) + (column >> 3)] |= (byte)(0x80 >> (column & 7));
                }
            }
        }

        return Convert.ToHexString(bitmap);
    }
}
