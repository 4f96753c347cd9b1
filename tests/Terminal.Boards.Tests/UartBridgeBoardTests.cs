using Terminal.Simulator.Boards;
using Xunit;

namespace Terminal.Boards.Tests;

/// <summary>The contact slot on an SC16IS752 SPI UART bridge: the reference board's wiring, and the validator's checks of it.</summary>
public class UartBridgeBoardTests
{
    private static BoardConfig Reference() => BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));

    [Fact]
    public void The_reference_board_has_its_chip_card_slot_on_a_bridge_on_the_display_s_SPI_bus()
    {
        BoardConfig board = Reference();

        UartBridgeConfig bridge = Assert.IsType<UartBridgeConfig>(board.Contact?.Bridge);
        Assert.Equal(("TDA8035", "SC16IS752", "A"), (board.Contact!.Controller, bridge.Chip, bridge.Channel));
        Assert.Equal(board.Display.SpiBus, bridge.SpiBus);
        Assert.NotEqual(board.Display.ChipSelect, bridge.ChipSelect);
        Assert.NotEqual(board.Contactless.ChipSelect, bridge.ChipSelect);
        Assert.Equal((0, 1, 2), (board.Contact.CmdVccN, board.Contact.RstIn, board.Contact.OffN));
        Assert.Null(board.Contact.Uart);
    }

    [Fact]
    public void The_reference_board_s_buzzer_moved_to_the_bridge_to_free_its_chip_select()
    {
        BoardConfig board = Reference();

        Assert.True(board.Buzzer.OnBridge);
        Assert.Equal(2, board.Contact!.Bridge!.ChipSelect);
    }

    [Fact]
    public void A_bridge_GPIO_beyond_7_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "bridge-pin.json");
        file.Section("contact")["offN"] = 8;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "contact.offN", "8 is not a GPIO of the UART bridge (0..7)");
    }

    [Fact]
    public void Two_lines_on_one_bridge_GPIO_fail_naming_both()
    {
        using var file = BoardFile.From("esp32-terminal.json", "bridge-shared.json");
        file.Section("buzzer")["pin"] = 1;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "buzzer.pin", "bridge GPIO 1 is already used by contact.rstIn");
    }

    [Fact]
    public void A_bridge_chip_select_on_a_taken_pin_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "bridge-cs.json");
        ((System.Text.Json.Nodes.JsonObject)file.Section("contact")["bridge"]!)["chipSelect"] = 15;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "contact.bridge.chipSelect", "GPIO 15 is already used by contactless.chipSelect");
    }

    [Fact]
    public void A_crystal_that_cannot_make_f_over_372_fails_with_the_best_it_gives()
    {
        using var file = BoardFile.From("esp32-terminal.json", "bridge-crystal.json");
        ((System.Text.Json.Nodes.JsonObject)file.Section("contact")["bridge"]!)["crystalHz"] = 1_843_200;
        file.Section("contact")["baud"] = 9909;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        // 1.8432 MHz / 16 = 115,200: divisor 12 gives 9,600 baud, 3.1% off.
        AssertNames(error, file.Path, "contact.bridge.crystalHz", "a 1843200 Hz crystal gives 9600 baud at best (divisor 12), more than 1% from 9909");
    }

    [Fact]
    public void A_slot_on_a_bridge_with_a_UART_of_its_own_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "bridge-uart.json");
        file.Section("contact")["uart"] = "COM4";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "contact.uart", "does not apply to a slot on a UART bridge");
    }

    [Fact]
    public void A_buzzer_on_a_bridge_the_board_does_not_have_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "no-bridge.json");
        file.Json.Remove("contact");

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "buzzer.onBridge", "the board has no UART bridge (contact.bridge) to put the buzzer on");
    }

    [Fact]
    public void An_unknown_bridge_chip_and_channel_fail()
    {
        using var file = BoardFile.From("esp32-terminal.json", "bridge-chip.json");
        var bridge = (System.Text.Json.Nodes.JsonObject)file.Section("contact")["bridge"]!;
        bridge["chip"] = "MAX3107";
        bridge["channel"] = "C";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "contact.bridge.chip", "unsupported chip 'MAX3107' (supported: SC16IS752)");
        AssertNames(error, file.Path, "contact.bridge.channel", "'C' is not a channel of the SC16IS752 (A or B)");
    }

    private static void AssertNames(BoardConfigException error, string file, string field, string problem)
    {
        Assert.Equal(file, error.File);
        Assert.Contains($"{file}: {field}: {problem}", error.Message, StringComparison.Ordinal);
    }
}
