using System.Text.Json.Nodes;
using Terminal.Simulator.Boards;
using Xunit;

namespace Terminal.Boards.Tests;

// Each test breaks a shipped board in one way and checks the message names the file, the field path and the problem.
public class BoardConfigErrorTests
{
    [Fact]
    public void A_json_syntax_error_fails_with_the_line_it_is_on()
    {
        using var file = BoardFile.From("esp32-terminal.json", "syntax.json");
        string text = File.ReadAllText(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));
        file.WriteText(text.Replace("\"debounceMs\": 20", "\"debounceMs\" 20", StringComparison.Ordinal));

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Path));

        AssertNames(error, file.Path, "keypad", "invalid JSON (line 9, column 18): '2' is invalid after a property name");
    }

    [Fact]
    public void An_unknown_field_fails_and_is_named()
    {
        using var file = BoardFile.From("esp32-terminal.json", "unknown.json");
        file.Section("keypad")["colour"] = "grey";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "keypad.colour", "unknown field 'colour'");
    }

    [Fact]
    public void A_misspelt_field_is_unknown_rather_than_silently_ignored()
    {
        using var file = BoardFile.From("esp32-terminal.json", "misspelt.json");
        file.Section("printer")["PaperWidthMm"] = 80;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "printer.PaperWidthMm", "unknown field");
    }

    [Fact]
    public void A_missing_required_pin_fails_and_is_named()
    {
        using var file = BoardFile.From("esp32-terminal.json", "missing-pin.json");
        file.Section("display").Remove("dc");

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "display.dc", "missing required field");
    }

    [Fact]
    public void A_missing_required_section_fails_and_is_named()
    {
        using var file = BoardFile.From("esp32-terminal.json", "missing-section.json");
        file.Json.Remove("printer");

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "printer", "missing required field");
    }

    [Fact]
    public void A_value_of_the_wrong_type_fails_with_the_type_expected()
    {
        using var file = BoardFile.From("esp32-terminal.json", "wrong-type.json");
        file.Section("keypad")["rows"]![2] = "13";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "keypad.rows[2]", "wrong type: expected an integer");
    }

    [Fact]
    public void A_null_required_value_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "null.json");
        file.Json["mcu"] = null;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "mcu", "must not be null");
    }

    [Fact]
    public void A_field_given_twice_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "duplicate.json");
        string text = File.ReadAllText(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));
        file.WriteText(text.Replace("\"dc\": 12,", "\"dc\": 12,\n    \"dc\": 13,", StringComparison.Ordinal));

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Path));

        AssertNames(error, file.Path, "display.dc", "field 'dc' is given twice (line 19, column 13)");
    }

    [Fact]
    public void A_null_spi_bus_fails_rather_than_crashing_the_validator()
    {
        using var file = BoardFile.From("esp32-terminal.json", "null-bus.json");
        ((JsonArray)file.Json["spi"]!).Add(null);

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "spi[1]", "must not be null");
    }

    [Fact]
    public void Two_devices_on_one_pin_fail_naming_both()
    {
        using var file = BoardFile.From("esp32-terminal.json", "shared-pin.json");
        file.Section("buzzer")["pin"] = 22;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "buzzer.pin", "GPIO 22 is already used by printer.tx");
    }

    [Fact]
    public void A_chip_select_used_by_two_devices_on_one_bus_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "shared-cs.json");
        file.Section("contactless")["chipSelect"] = 5;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "contactless.chipSelect", "GPIO 5 is already used by display.chipSelect");
    }

    [Fact]
    public void A_device_pin_that_is_also_an_spi_bus_pin_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "cs-on-sck.json");
        file.Section("contactless")["chipSelect"] = 18;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "contactless.chipSelect", "GPIO 18 is already used by spi[0].sck");
    }

    [Fact]
    public void An_input_only_pin_used_as_an_output_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "input-only.json");
        file.Section("keypad")["columns"]![3] = 2;
        file.Section("buzzer")["pin"] = 39;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "buzzer.pin", "GPIO 39 is input-only on ESP32-WROVER and cannot be an output");
    }

    [Fact]
    public void A_pin_wired_to_the_modules_flash_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "flash-pin.json");
        file.Section("display")["dc"] = 7;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "display.dc", "GPIO 7 is reserved on ESP32-WROVER: it is wired to the module's SPI flash");
    }

    [Fact]
    public void A_pin_wired_to_the_wrover_psram_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "psram-pin.json");
        file.Section("qrScanner")["rx"] = 16;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "qrScanner.rx", "GPIO 16 is reserved on ESP32-WROVER: it is wired to the module's PSRAM");
    }

    [Fact]
    public void A_pin_the_mcu_does_not_have_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "no-such-pin.json");
        file.Section("magstripe")["data"] = 40;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "magstripe.data", "GPIO 40 does not exist on ESP32-WROVER");
    }

    [Fact]
    public void A_device_on_an_spi_bus_that_does_not_exist_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "no-bus.json");
        file.Section("contactless")["spiBus"] = 2;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "contactless.spiBus", "SPI bus 2 does not exist in spi[]");
    }

    [Theory]
    [InlineData("width", 2, "2 pixels is not a panel the screens fit (240..240: 30 columns of 8 pixels, at most the ST7789's 240)")]
    [InlineData("height", 4096, "4096 pixels is not a panel the screens fit (272..320: 17 rows of 16 pixels, at most the ST7789's 320)")]
    public void A_panel_the_screens_do_not_fit_fails(string field, int pixels, string problem)
    {
        // A board-file fuzz run found a 2-pixel width accepted: a display of no cells.
        using var file = BoardFile.From("esp32-terminal.json", "panel.json");
        file.Section("display")[field] = pixels;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "display." + field, problem);
    }

    [Fact]
    public void A_paper_width_other_than_58_or_80_mm_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "paper.json");
        file.Section("printer")["paperWidthMm"] = 57;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "printer.paperWidthMm", "57 mm paper is not supported (58 or 80)");
    }

    [Fact]
    public void Rts_cts_flow_control_without_the_cts_pin_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "rtscts.json");
        file.Section("printer")["flowControl"] = "rtscts";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "printer.cts", "flowControl rtscts needs the CTS pin");
    }

    [Fact]
    public void A_uart_claimed_by_two_devices_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "shared-uart.json");
        file.Section("qrScanner")["uart"] = "COM2";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "qrScanner.uart", "COM2 is already used by printer.uart");
    }

    [Fact]
    public void A_key_name_keycode_does_not_know_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "key-name.json");
        file.Section("keypad")["layout"]![15] = "PAPER";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "keypad.layout[15]", "unknown key name 'PAPER'");
    }

    [Fact]
    public void A_layout_that_does_not_fill_the_matrix_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "layout.json");
        ((JsonArray)file.Section("keypad")["layout"]!).RemoveAt(15);

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "keypad.layout", "has 15 key names but the matrix has 4 rows × 4 columns = 16 keys");
    }

    [Fact]
    public void A_tcp_host_link_without_a_port_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "tcp.json");
        file.Section("hostLink").Remove("port");

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "hostLink.port", "missing required field");
    }

    [Fact]
    public void A_tls_ca_file_off_the_internal_drive_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "tls.json");
        ((JsonObject)file.Section("hostLink")["tls"]!)["caFile"] = "/home/me/ca.crt";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "hostLink.tls.caFile", "'/home/me/ca.crt' is not a file on the internal drive");
    }

    [Fact]
    public void Tls_on_a_serial_host_link_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "serial-tls.json");
        var link = file.Section("hostLink");
        link["kind"] = "serial";
        link.Remove("host");
        link.Remove("port");
        link.Remove("wifi");
        link["uart"] = "COM3";
        link["tx"] = 17;
        link["rx"] = 16;
        link["baud"] = 115200;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        Assert.Contains(error.Problems, p => p.Field == "hostLink.tls");
    }

    [Fact]
    public void An_unknown_mcu_fails()
    {
        using var file = BoardFile.From("esp32-terminal.json", "mcu.json");
        file.Json["mcu"] = "ESP8266";

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        AssertNames(error, file.Path, "mcu", "unknown MCU 'ESP8266'");
    }

    [Fact]
    public void Every_wiring_problem_in_a_file_is_reported_not_only_the_first()
    {
        using var file = BoardFile.From("esp32-terminal.json", "two-problems.json");
        file.Section("printer")["paperWidthMm"] = 76;
        file.Section("display")["spiBus"] = 2;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        Assert.Equal(new[] { "display.spiBus", "printer.paperWidthMm" }, error.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_missing_file_fails_with_its_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-board-" + Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(path));

        Assert.StartsWith(path + ": cannot be read", error.Message, StringComparison.Ordinal);
    }

    private static void AssertNames(BoardConfigException error, string file, string field, string problem)
    {
        Assert.Equal(file, error.File);
        Assert.Contains($"{file}: {field}: {problem}", error.Message, StringComparison.Ordinal);
    }
}
