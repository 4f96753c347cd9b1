using Terminal.Drivers.Simulated.Display;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Display;

public class TextPanelTests
{
    [Fact]
    public void A_frame_marks_as_changed_only_the_rows_whose_text_or_style_it_changed()
    {
        var panel = new TextPanel(10, 4);
        panel.Write(0, 0, "TITLE", TextStyle.Normal);
        panel.Write(2, 0, "AMOUNT", TextStyle.Normal);
        panel.Flush();
        panel.Write(2, 0, "AMOUNT", TextStyle.Bold);
        panel.Write(3, 0, "0.00", TextStyle.Normal);
        panel.Write(0, 0, "TITLE", TextStyle.Normal); // the same again: no change

        panel.Flush();

        Assert.Equal([false, false, true, true], Enumerable.Range(0, 4).Select(panel.RowChanged));
    }

    [Fact]
    public void A_shown_row_is_its_cells_with_a_wide_characters_right_half_as_the_tail_marker()
    {
        var panel = new TextPanel(6, 2);
        panel.Write(1, 0, "金A", TextStyle.Normal);
        panel.Flush();

        Assert.Equal(['金', TextPanel.WideTail, 'A', ' ', ' ', ' '], panel.ShownRow(1).ToArray());
    }
}
