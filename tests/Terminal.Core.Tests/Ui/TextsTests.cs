using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Drivers.Display;
using Terminal.Drivers.Printer;
using Xunit;

namespace Terminal.Core.Tests.Ui;

public class TextsTests
{
    // Each section of the table and the widest its texts may be, in display or paper columns.
    private static readonly (int First, int MaxColumns)[] Sections =
    [
        (Texts.FirstBanner, 14),
        (Texts.FirstTitle, 28),
        (Texts.FirstLine, 29),
        (Texts.FirstMessage, 84),
        (Texts.FirstFooter, 30),
        (Texts.FirstName, 16),
        (Texts.FirstReceiptText, 32),
        (Texts.FirstReceiptLabel, 18),
        (Texts.FirstResponse, 56),
        (Texts.FirstEngine, 84),
        (Texts.FirstTraining, 84),
        (Texts.FirstAdded, 29),
        (Texts.Count, 0), // the end
    ];

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
