using Terminal.Simulator.Boards;
using Xunit;

namespace Terminal.Boards.Tests;

public class ShippedBoardTests
{
    public static TheoryData<string> EveryBoardFile()
    {
        var files = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(RepoPaths.BoardConfigs, "*.json").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(path));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(EveryBoardFile))]
    public void Every_board_file_in_board_configs_loads(string file)
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, file));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), board.Name);
    }

    [Fact]
    public void Both_shipped_boards_are_present()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.BoardConfigs, "simulated.json")));
    }

    [Fact]
    public void The_esp32_terminal_is_an_esp32_wrover_with_a_4x4_keypad_on_wifi()
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));

        Assert.Equal("ESP32-WROVER", board.Mcu);
        Assert.Equal((4, 4, 16), (board.Keypad.Rows.Length, board.Keypad.Columns.Length, board.Keypad.Layout.Length));
        Assert.Equal(("tcp", "POS-NET"), (board.HostLink.Kind, board.HostLink.Wifi?.Ssid));
        Assert.Equal("I:\\host-ca.pem", board.HostLink.Tls?.CaFile);
        Assert.Equal(58, board.Printer.PaperWidthMm);
    }

    [Fact]
    public void The_esp32_terminal_reads_its_keypad_columns_on_the_input_only_pins()
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));

        Assert.Equal(new[] { 34, 35, 36, 39 }, board.Keypad.Columns);
    }

    [Fact]
    public void The_display_and_the_contactless_reader_share_one_spi_bus_and_its_pins()
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));

        Assert.Single(board.Spi);
        Assert.Equal(board.Spi[0].Id, board.Display.SpiBus);
        Assert.Equal(board.Spi[0].Id, board.Contactless.SpiBus);
        Assert.NotEqual(board.Display.ChipSelect, board.Contactless.ChipSelect);
    }

    [Fact]
    public void The_simulated_board_wires_every_optional_line_and_fits_a_30_by_20_cell_screen()
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "simulated.json"));

        Assert.Equal("simulated", board.Mcu);
        Assert.NotNull(board.Display.Reset);
        Assert.NotNull(board.Display.Backlight);
        Assert.NotNull(board.Contactless.Irq);
        Assert.Equal("rtscts", board.Printer.FlowControl);
        Assert.NotNull(board.QrScanner.Trigger);
        Assert.Equal((30, 20), (board.Display.Width / 8, board.Display.Height / 16));
    }
}
