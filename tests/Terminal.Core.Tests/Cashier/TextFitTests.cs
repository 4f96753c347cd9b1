using System.Text.RegularExpressions;
using Terminal.Core.Screens;
using Terminal.Core.Ui;
using Xunit;

namespace Terminal.Core.Tests.Cashier;

/// <summary>
/// No text of Texts.tsv, in either language, is ever cut mid-word on the 30-column screen (the only panel width the
/// board files allow): on the status line (full width) nor as a screen's line (from column 1, one cell short of the edge).
/// </summary>
public partial class TextFitTests
{
    public static TheoryData<int, int> EveryText()
    {
        var data = new TheoryData<int, int>();
        for (int id = 0; id < Texts.Count; id++)
        {
            data.Add(Language.English, id);
            data.Add(Language.Chinese, id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryText))]
    public void Every_text_on_the_status_line_shows_whole_words(int language, int id) => AssertWholeWords(language, id, 0, 0);

    [Theory]
    [MemberData(nameof(EveryText))]
    public void Every_text_as_a_screen_line_shows_whole_words(int language, int id) => AssertWholeWords(language, id, 1, 1);

    // Written from `column`, `margin` cells short of the right edge, over the rows it needs (at most three).
    private static void AssertWholeWords(int language, int id, int column, int margin)
    {
        // Its {0} and {1} filled with wide values (an amount, an invoice), as the screens fill them.
        string text = Texts.Format(language, id, "CNY 99999.99", "000000");
        var panel = new TextPanel();

        int rows = TextBlock.RowsNeeded(text, panel.Columns - column - margin, 3);
        int used = TextBlock.Write(panel, 10, column, text, rows, margin, Hal.TextStyle.Normal);

        Assert.Empty(panel.Overflows);
        string shown = string.Join(" ", Enumerable.Range(10, used).Select(panel.Row));
        string[] all = Words(text);
        if (Words(shown).SequenceEqual(all))
        {
            return;
        }

        // Shortened: whole words from the start, then "...".
        Assert.EndsWith(TextBlock.More, shown, StringComparison.Ordinal);
        string[] kept = Words(shown[..^TextBlock.More.Length]);
        Assert.True(kept.Length > 0 && all.Take(kept.Length).SequenceEqual(kept), $"'{text}' became '{shown}'");
    }

    [Theory]
    [InlineData("Signed in, batch 1; Catalog v1 loaded: 8 items", 1, "Signed in, batch 1; Catalog...")]
    [InlineData("Host did not answer in time: transaction reversed", 1, "Host did not answer in time...")]
    [InlineData("签到成功，批次 1；商品目录 v1 已下载：8 种商品，库存已更新", 1, "签到成功，批次 1；商品目录...")]
    public void A_text_too_long_for_its_rows_ends_at_a_word_with_dots(string text, int rows, string expected)
    {
        var panel = new TextPanel();

        TextBlock.Write(panel, 0, 0, text, rows, 0, Hal.TextStyle.Normal);

        Assert.Equal(expected, panel.Row(0));
        Assert.Empty(panel.Overflows);
    }

    [Fact]
    public void The_merchant_guide_lists_every_row_of_every_menu_table()
    {
        string guide = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "merchant-guide.md"));
        foreach (MenuRow[] table in new[] { MenuTable.Main(), MenuTable.SetUp(), MenuTable.Reports(), MenuTable.Languages(), MenuTable.PreAuth() })
        {
            foreach (MenuRow row in table)
            {
                string line = "| " + Hal.KeyCode.Name(row.Key) + " | " + Spaces().Replace(Texts.Get(Language.English, row.Text), " ") + " | " + Who(row.Who) + " |";
                Assert.Contains(line, guide, StringComparison.Ordinal);
            }
        }
    }

    private static string Who(Access who) => who switch
    {
        Access.Manager => "manager",
        Access.Technician => "technician",
        _ => string.Empty,
    };

    // Words in order: a Chinese character is a word of its own (it may break anywhere).
    private static string[] Words(string text) => Split().Matches(text).Select(m => m.Value).ToArray();

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "Terminal.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("no Terminal.sln above the test");
    }

    [GeneratedRegex(@"[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+")]
    private static partial Regex Split();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
