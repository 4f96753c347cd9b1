using System.IO.Compression;
using Terminal.Drivers.Display;
using Terminal.Drivers.Simulated.Display;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Display;

public sealed class St7789Tests : IDisposable
{
    private const int Dc = 4, Reset = 5, Backlight = 6;

    // Glyphs copied from GNU Unifont's hex file, independent of the generated table.
    private const string LetterA = "0000000018242442427E424242420000";
    private const string Qian = "104010403F7E2890450882800440082037D8C00602101110092008407FFC0000"; // 签

    private readonly LoopRig _rig = new();
    private readonly St7789Model _panel;
    private readonly St7789 _display;

    public St7789Tests()
    {
        _panel = new St7789Model(_rig.Gpio, Dc, _rig.Time, Reset);
        _display = new St7789(_panel, _rig.Gpio, Dc, Reset, Backlight);
        _rig.Loop.AddPolled(_display);
    }

    public void Dispose() => _display.Dispose();

    [Fact]
    public void Power_up_sends_the_datasheet_sequence_with_its_delays()
    {
        _rig.RunFor(500);

        Assert.True(_display.IsReady);
        byte[] init = [.. _panel.Log.Select(c => c.Code).Where(c => c != St7789.CASET && c != St7789.RASET && c != St7789.RAMWR)];
        Assert.Equal(new byte[] { St7789.SWRESET, St7789.SLPOUT, St7789.COLMOD, St7789.MADCTL, St7789.INVON, St7789.NORON, St7789.DISPON }, init);
        long swreset = _panel.Log.First(c => c.Code == St7789.SWRESET).TimeMs;
        long slpout = _panel.Log.First(c => c.Code == St7789.SLPOUT).TimeMs;
        Assert.True(slpout - swreset >= 120);
        Assert.Equal(new byte[] { St7789.ColmodRgb565 }, _panel.Log.First(c => c.Code == St7789.COLMOD).Parameters);
        Assert.True(_panel.DisplayOn && !_panel.Sleeping && _panel.Inverted);
    }

    [Fact]
    public void Power_up_waits_out_the_reset_delays_as_poll_deadlines_with_the_loop_free()
    {
        _rig.RunFor(50);
        Assert.Empty(_panel.Log);
        Assert.Equal(PinValue.High, _rig.Gpio.LevelOf(Reset));

        _rig.RunFor(150);

        Assert.False(_display.IsReady);
        Assert.Equal(St7789.SWRESET, Assert.Single(_panel.Log).Code);
        Assert.InRange(_rig.Loop.NextDeadline, _rig.Time.NowMs + 1, _rig.Time.NowMs + 150);
    }

    [Fact]
    public void After_power_up_the_panel_shows_the_background_not_the_garbage_left_in_frame_memory()
    {
        _rig.RunFor(500);

        for (int y = 0; y < St7789.Height; y += 7)
        {
            for (int x = 0; x < St7789.Width; x += 3)
            {
                Assert.Equal((0, 0, 0), ((int, int, int))_panel.ShownAt(x, y));
            }
        }
    }

    [Fact]
    public void Text_written_before_the_panel_is_ready_appears_once_it_is()
    {
        _display.Write(0, 0, "A", TextStyle.Normal);
        _display.Flush();
        _rig.RunFor(500);

        AssertGlyph(LetterA, 8, x0: 0, y0: 0);
    }

    [Fact]
    public void An_ascii_character_is_drawn_pixel_for_pixel_from_its_8x16_glyph()
    {
        Ready();
        _display.Write(3, 5, "A", TextStyle.Normal);
        _display.Flush();

        AssertGlyph(LetterA, 8, x0: 5 * 8, y0: 3 * 16);
    }

    [Fact]
    public void A_chinese_character_takes_two_cells_and_is_drawn_from_its_16x16_glyph()
    {
        Ready();
        _display.Write(2, 0, "签到", TextStyle.Normal);
        _display.Write(2, 4, "X", TextStyle.Normal);
        _display.Flush();

        AssertGlyph(Qian, 16, x0: 0, y0: 32);
        Assert.True(Lit(4 * 8, 32, 8, 16), "X is drawn in cell 4, after two wide characters");
    }

    [Fact]
    public void Inverse_text_swaps_foreground_and_background()
    {
        Ready();
        _display.Write(0, 0, "A", TextStyle.Inverse);
        _display.Flush();

        Assert.Equal((255, 255, 255), ((int, int, int))_panel.ShownAt(0, 0));
        Assert.Equal((0, 0, 0), ((int, int, int))_panel.ShownAt(3, 4)); // a set pixel of A, now dark
    }

    [Fact]
    public void Large_text_is_drawn_twice_as_wide_and_high_over_two_rows()
    {
        Ready();
        _display.Write(4, 2, "A", TextStyle.Large);
        _display.Flush();

        var rows = Rows(LetterA, 8);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                Assert.Equal(rows[y / 2][x / 2], _panel.PixelAt((2 * 8) + x, (4 * 16) + y) == _display.Foreground);
            }
        }
    }

    [Fact]
    public void A_wide_character_that_does_not_fit_at_the_end_of_a_row_is_not_drawn_in_half()
    {
        Ready();
        _display.Write(0, _display.Columns - 1, "签", TextStyle.Normal);
        _display.Flush();

        Assert.False(Lit(St7789.Width - 8, 0, 8, 16));
    }

    [Fact]
    public void Bold_text_sets_the_pixel_right_of_every_glyph_pixel()
    {
        Ready();
        _display.Write(0, 0, "A", TextStyle.Bold);
        _display.Flush();

        var rows = Rows(LetterA, 8);
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                bool expected = rows[y][x] || (x > 0 && rows[y][x - 1]);
                Assert.Equal(expected, _panel.ShownAt(x, y).R == 255);
            }
        }
    }

    [Fact]
    public void A_character_missing_from_the_font_is_drawn_as_a_box_not_left_blank()
    {
        Ready();
        _display.Write(0, 0, "\u00E9", TextStyle.Normal);
        _display.Flush();

        Assert.True(Lit(0, 0, 8, 16));
    }

    [Fact]
    public void Changing_one_character_redraws_only_that_cell()
    {
        Ready();
        for (int r = 0; r < _display.Rows; r++)
        {
            _display.Write(r, 0, "AMOUNT 0000000.00 交易成功 ABCDE", TextStyle.Normal);
        }

        _display.Flush();
        _panel.ClearLog();

        _display.Write(7, 9, "1", TextStyle.Normal);
        _display.Flush();

        Assert.Equal([St7789.CASET, St7789.RASET, St7789.RAMWR], _panel.Log.Select(c => c.Code));
        Assert.Equal(new byte[] { 0, 72, 0, 79 }, _panel.Log[0].Parameters);
        Assert.Equal(new byte[] { 0, 112, 0, 127 }, _panel.Log[1].Parameters);
        Assert.Equal(8 * 16, _panel.PixelsWritten);
    }

    [Fact]
    public void Adjacent_changed_cells_share_one_window_and_separate_ones_get_their_own()
    {
        Ready();
        _display.Write(1, 0, "ABCDEFGH", TextStyle.Normal);
        _display.Flush();
        _panel.ClearLog();

        _display.Write(1, 1, "xy", TextStyle.Normal);
        _display.Write(1, 6, "z", TextStyle.Normal);
        _display.Flush();

        Assert.Equal(2, _panel.Log.Count(c => c.Code == St7789.RAMWR));
        Assert.Equal(3 * 8 * 16, _panel.PixelsWritten);
    }

    [Fact]
    public void Flushing_with_nothing_changed_sends_nothing()
    {
        Ready();
        _display.Write(0, 0, "SALE", TextStyle.Normal);
        _display.Flush();
        _panel.ClearLog();

        _display.Write(0, 0, "SALE", TextStyle.Normal);
        _display.Flush();

        Assert.Empty(_panel.Log);
    }

    [Fact]
    public void Clearing_a_row_blanks_it_on_the_panel()
    {
        Ready();
        _display.Write(5, 0, "REFUND", TextStyle.Normal);
        _display.Flush();
        _display.ClearRow(5);
        _display.Flush();

        Assert.False(Lit(0, 80, St7789.Width, 16));
    }

    [Fact]
    public void Backlight_follows_the_level_and_disposing_puts_the_panel_to_sleep()
    {
        Ready();
        _display.SetBacklight(80);
        Assert.Equal(PinValue.High, _rig.Gpio.LevelOf(Backlight));
        _display.SetBacklight(0);
        Assert.Equal(PinValue.Low, _rig.Gpio.LevelOf(Backlight));

        _display.Dispose();

        Assert.True(_panel.Sleeping);
        Assert.False(_rig.Gpio.IsOpen(Dc));
    }

    [Fact]
    public void The_panel_renders_to_a_png_of_its_size_with_the_pixels_it_shows()
    {
        Ready();
        _display.Write(0, 0, "A", TextStyle.Normal);
        _display.Flush();

        byte[] png = _panel.RenderPng();

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(240, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(320, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        byte[] pixels = Inflate(png);
        Assert.Equal(320 * ((240 * 3) + 1), pixels.Length);
        Assert.Equal(255, pixels[(4 * 721) + 1 + (3 * 3)]); // row 4, x 3: a set pixel of A
        Assert.Equal(0, pixels[(4 * 721) + 1]);
    }

    [Fact]
    public void The_panel_renders_to_console_text_with_braille_dots_where_pixels_are_lit()
    {
        Ready();
        _display.Write(0, 0, "A", TextStyle.Normal);
        _display.Flush();

        string[] lines = _panel.RenderText(0, 0, 8, 16).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Equal(4, l.Length));
        Assert.Contains(lines, l => l.Any(ch => ch > '\u2800'));
    }

    private void Ready()
    {
        _rig.RunFor(500);
        Assert.True(_display.IsReady);
    }

    private bool Lit(int x0, int y0, int w, int h)
    {
        for (int y = y0; y < y0 + h; y++)
        {
            for (int x = x0; x < x0 + w; x++)
            {
                if (_panel.ShownAt(x, y).R != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void AssertGlyph(string hex, int width, int x0, int y0)
    {
        var rows = Rows(hex, width);
        for (int y = 0; y < 16; y++)
        {
            var shown = Enumerable.Range(0, width).Select(x => _panel.ShownAt(x0 + x, y0 + y).R == 255);
            Assert.Equal(rows[y], shown.ToArray());
        }
    }

    private static bool[][] Rows(string hex, int width)
    {
        int digits = width / 4;
        return Enumerable.Range(0, 16).Select(y =>
        {
            int bits = Convert.ToInt32(hex.Substring(y * digits, digits), 16);
            return Enumerable.Range(0, width).Select(x => ((bits >> (width - 1 - x)) & 1) != 0).ToArray();
        }).ToArray();
    }

    private static byte[] Inflate(byte[] png)
    {
        using var idat = new MemoryStream();
        int at = 8;
        while (at < png.Length)
        {
            int len = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(png, at + 8, len);
            }

            at += 12 + len;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var output = new MemoryStream();
        z.CopyTo(output);
        return output.ToArray();
    }
}

public sealed class DisplayMirrorTests
{
    [Fact]
    public void The_text_panel_and_the_st7789_show_the_same_screen()
    {
        var rig = new LoopRig();
        var panel = new St7789Model(rig.Gpio, 4, rig.Time);
        using var st7789 = new St7789(panel, rig.Gpio, 4);
        rig.Loop.AddPolled(st7789);
        var text = new TextPanel(st7789.Columns, st7789.Rows);
        using var display = new DisplayMirror(text, st7789);
        rig.RunFor(500);

        display.Write(1, 0, "消费 SALE", TextStyle.Normal);
        display.Flush();

        Assert.Equal("消费 SALE", text.RowText(1).TrimEnd());
        Assert.Contains(Enumerable.Range(0, 16), y => panel.ShownAt(3, 16 + y).R == 255);
    }
}
