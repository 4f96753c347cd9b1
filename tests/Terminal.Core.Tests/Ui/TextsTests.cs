using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Drivers.Display;
using Terminal.Drivers.Printer;
using Xunit;

namespace Terminal.Core.Tests.Ui;

public class TextsTests
{
    // Each section of the table and the widest its texts may be, in display or paper columns (from Texts.tsv).
    private static readonly (int First, int MaxColumns)[] Sections =
    [
        (Texts.FirstBanner, Texts.BannerColumns),
        (Texts.FirstTitle, Texts.TitleColumns),
        (Texts.FirstLine, Texts.LineColumns),
        (Texts.FirstMessage, Texts.MessageColumns),
        (Texts.FirstFooter, Texts.FooterColumns),
        (Texts.FirstName, Texts.NameColumns),
        (Texts.FirstReceiptText, Texts.ReceiptTextColumns),
        (Texts.FirstReceiptLabel, Texts.ReceiptLabelColumns),
        (Texts.FirstResponse, Texts.ResponseColumns),
        (Texts.FirstEngine, Texts.EngineColumns),
        (Texts.FirstTraining, Texts.TrainingColumns),
        (Texts.FirstIdentity, Texts.IdentityColumns),
        (Texts.Count, 0), // the end
    ];

    private static string TsvPath => Path.Combine(FindRoot(), "firmware/Terminal.Core.Payments/Ui/Texts.tsv");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Terminal.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    [Fact]
    public void The_text_table_is_what_Texts_tsv_makes()
    {
        string generated = TextsGen.TextsTable.Parse(File.ReadAllText(TsvPath), "Texts.tsv").Generate();
        string committed = File.ReadAllText(Path.Combine(Path.GetDirectoryName(TsvPath)!, "Texts.Generated.cs"));

        Assert.True(generated == committed, "Texts.Generated.cs differs from what Texts.tsv makes: run `dotnet run --project tools/TextsGen`");
    }

    [Fact]
    public void Every_row_of_Texts_tsv_is_the_text_of_its_id_in_both_languages()
    {
        var table = TextsGen.TextsTable.Parse(File.ReadAllText(TsvPath), "Texts.tsv");
        int id = 0;
        foreach (var row in table.Rows)
        {
            Assert.Equal(row.English, Texts.Get(Language.English, id));
            Assert.Equal(row.Chinese, Texts.Get(Language.Chinese, id));
            id++;
        }

        Assert.Equal(Texts.Count, id);
    }

    [Theory]
    [InlineData("## Banner\t14\tx\nWelcome\tWELCOME\n", "Texts.tsv:2: a text is 'Id<TAB>English<TAB>Chinese', found 2 cells")]
    [InlineData("## Banner\t14\tx\nWelcome\tA\tB\nWelcome\tC\tD\n", "Texts.tsv:3: the id Welcome is there twice")]
    [InlineData("## Banner\t14\tx\nHello\tHi {0}\tB\n", "Texts.tsv:2: Hello takes {0} in one language and not in the other")]
    [InlineData("Hello\tA\tB\n", "Texts.tsv:1: a text before the first section")]
    [InlineData("## Banner\twide\tx\n", "Texts.tsv:1: a section is '## Name<TAB>columns<TAB>what it is'")]
    public void A_mistake_in_Texts_tsv_is_named_with_its_line(string tsv, string message)
    {
        var e = Assert.Throws<FormatException>(() => TextsGen.TextsTable.Parse(tsv, "Texts.tsv"));
        Assert.Equal(message, e.Message);
    }

    private static IEnumerable<(int Id, int Language, string Text)> All() =>
        from id in Enumerable.Range(0, Texts.Count)
        from language in new[] { Language.English, Language.Chinese }
        select (id, language, Texts.Get(language, id));

    [Fact]
    public void Every_text_has_an_English_and_a_Chinese_version_and_none_is_empty()
    {
        Assert.Equal(Texts.Count * Language.Count, Texts.TableLength);
        Assert.All(All(), t => Assert.False(string.IsNullOrWhiteSpace(t.Text), $"text {t.Id} in language {t.Language} is empty"));
    }

    [Fact]
    public void Every_text_fits_the_width_of_its_section_with_Chinese_characters_counted_as_two_columns()
    {
        Assert.Equal(Texts.Count, Sections[^1].First);
        for (int s = 0; s < Sections.Length - 1; s++)
        {
            Assert.True(Sections[s].First <= Sections[s + 1].First, "sections out of order");
            for (int id = Sections[s].First; id < Sections[s + 1].First; id++)
            {
                foreach (int language in new[] { Language.English, Language.Chinese })
                {
                    string text = Texts.Get(language, id);
                    Assert.True(Texts.Width(text) <= Sections[s].MaxColumns, $"text {id} '{text}' is {Texts.Width(text)} columns, more than {Sections[s].MaxColumns}");
                }
            }
        }
    }

    [Theory]
    [InlineData(Texts.SetUpMenu3Training)]
    [InlineData(Texts.SetUpMenu3LeaveTraining)]
    public void The_training_menu_lines_fit_a_screen_line(int id)
    {
        Assert.True(Texts.Width(Texts.Get(Language.English, id)) <= 29);
        Assert.True(Texts.Width(Texts.Get(Language.Chinese, id)) <= 29);
    }

    [Fact]
    public void Both_languages_of_a_text_take_the_same_placeholders()
    {
        foreach (int id in Enumerable.Range(0, Texts.Count))
        {
            string en = Texts.Get(Language.English, id);
            string zh = Texts.Get(Language.Chinese, id);
            Assert.True(
                en.Contains("{0}", StringComparison.Ordinal) == zh.Contains("{0}", StringComparison.Ordinal)
                && en.Contains("{1}", StringComparison.Ordinal) == zh.Contains("{1}", StringComparison.Ordinal),
                $"text {id}: '{en}' and '{zh}' take different arguments");
        }
    }

    [Fact]
    public void Every_character_of_every_text_has_a_display_glyph_and_a_GB18030_code_when_it_is_not_ASCII()
    {
        // The display font (tools/FontGen) and the printer's table (scripts/gen_gb18030_table.py) are generated
        // from the sources; a text added without regenerating them fails here, not on a terminal.
        foreach (var (id, _, text) in All())
        {
            foreach (char c in text)
            {
                Assert.True(GlyphFont.Find(c) >= 0, $"text {id} '{text}': no display glyph for '{c}' (run tools/FontGen)");
                Assert.True(c < 0x80 || Gb18030Table.Lookup(c) >= 0, $"text {id} '{text}': no GB18030 code for '{c}' (run scripts/gen_gb18030_table.py)");
                Assert.True(c < 0x80 || GlyphFont.IsWide(c) == Texts.IsWide(c), $"'{c}': the texts and the display disagree on its width");
            }
        }
    }

    [Fact]
    public void The_Chinese_table_is_in_Chinese()
    {
        int withChinese = Enumerable.Range(0, Texts.Count).Count(id => Texts.Get(Language.Chinese, id).Any(Texts.IsWide));

        Assert.True(withChinese >= Texts.Count - 5, $"only {withChinese} of {Texts.Count} Chinese texts have a Chinese character");
    }

    [Fact]
    public void Format_puts_each_argument_in_its_place_in_either_language()
    {
        Assert.Equal("Auth 123456  Inv 000012", Texts.Format(Language.English, Texts.AuthInvoice, "123456", "000012"));
        Assert.Equal("授权码 123456 凭证号 000012", Texts.Format(Language.Chinese, Texts.AuthInvoice, "123456", "000012"));
        Assert.Equal("Operator 07 logged on", Texts.Format(Language.English, Texts.OperatorLoggedOn, "07"));
    }

    [Fact]
    public void An_unknown_language_reads_as_English()
    {
        Assert.Equal("WELCOME", Texts.Get(7, Texts.Welcome));
    }

    [Theory]
    [InlineData("en", Language.English)]
    [InlineData("zh-CN", Language.Chinese)]
    [InlineData("ZH-cn", Language.Chinese)]
    [InlineData("zh", -1)]
    [InlineData("fr", -1)]
    [InlineData("", -1)]
    public void Language_codes_parse_to_a_language_or_minus_one(string code, int expected)
    {
        Assert.Equal(expected, Language.Parse(code));
    }

    [Fact]
    public void A_host_response_reads_in_the_terminal_language_and_an_unknown_code_shows_itself()
    {
        Assert.Equal("Insufficient funds", ResponseText.For("51"));
        Assert.Equal("余额不足", ResponseText.For("51", Language.Chinese));
        Assert.Equal("交易拒绝 (应答码 Q7)", ResponseText.For("Q7", Language.Chinese));
    }

    [Fact]
    public void Text_width_counts_a_Chinese_character_as_two_columns()
    {
        Assert.Equal(4 + 1 + 3, Texts.Width("签购 POS"));
    }
}
