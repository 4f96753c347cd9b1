using System.Reflection;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Boards;
using Xunit;

namespace Terminal.Boards.Tests;

public class BoardSimulationTests
{
    private static BoardConfig Simulated => BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "simulated.json"));

    [Fact]
    public void The_simulated_board_file_gives_the_30_by_20_cell_display_the_simulator_draws()
    {
        SimulatedBoardOptions options = BoardSimulation.Options(Simulated, new SimulatedBoardOptions());

        Assert.Equal((30, 20), (options.DisplayColumns, options.DisplayRows));
    }

    [Fact]
    public void The_simulated_board_file_describes_the_display_the_simulator_draws_by_default()
    {
        var defaults = new SimulatedBoardOptions();

        SimulatedBoardOptions options = BoardSimulation.Options(Simulated, defaults);

        Assert.Equal((defaults.DisplayColumns, defaults.DisplayRows), (options.DisplayColumns, options.DisplayRows));
    }

    [Fact]
    public void Every_run_option_other_than_the_board_and_display_size_is_kept()
    {
        var run = new SimulatedBoardOptions
        {
            Seed = 42,
            Provisioning = ProvisioningFile.Demo,
            WallStart = new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Local),
            MerchantName = "NOODLE BAR",
            KeepTraceText = true,
        };

        BoardConfig board = Simulated;
        SimulatedBoardOptions options = BoardSimulation.Options(board, run);

        foreach (PropertyInfo property in typeof(SimulatedBoardOptions).GetProperties())
        {
            if (property.Name is not (nameof(SimulatedBoardOptions.DisplayColumns) or nameof(SimulatedBoardOptions.DisplayRows) or nameof(SimulatedBoardOptions.Board)))
            {
                Assert.Equal(property.GetValue(run), property.GetValue(options));
            }
        }

        Assert.Same(board, options.Board);
    }

    [Fact]
    public void The_keypad_layout_becomes_key_codes_row_by_row()
    {
        int[] keys = BoardSimulation.KeyCodes(Simulated);

        Assert.Equal(20, keys.Length);
        Assert.Equal(new[] { KeyCode.Digit0 + 1, KeyCode.Digit0 + 2, KeyCode.Digit0 + 3, KeyCode.Cancel }, keys[..4]);
        Assert.Equal(new[] { KeyCode.F1, KeyCode.F2, KeyCode.Up, KeyCode.Down }, keys[16..]);
    }
}
