using Terminal.Hal;
using Terminal.Simulator.Board;

namespace Terminal.Simulator.Boards;

/// <summary>
/// What the simulated board takes from a loaded board file: the display size in character cells and the
/// keypad's key codes. `terminal run --board FILE` loads the file with <see cref="BoardConfigLoader"/> and
/// builds its <see cref="SimulatedBoardOptions"/> here.
/// </summary>
public static class BoardSimulation
{
    /// <summary>Cell width in pixels of the display font (the ST7789 driver's 8x16 cells).</summary>
    public const int CellWidth = 8;

    /// <summary>Cell height in pixels of the display font.</summary>
    public const int CellHeight = 16;

    /// <summary>The run's options with the display sized from <paramref name="board"/>; every other option is kept.</summary>
    public static SimulatedBoardOptions Options(BoardConfig board, SimulatedBoardOptions run) => run with
    {
        Board = board,
        DisplayColumns = board.Display.Width / CellWidth,
        DisplayRows = board.Display.Height / CellHeight,
    };

    /// <summary>The keypad layout as <see cref="KeyCode"/> values, row by row (the loader has checked every name).</summary>
    public static int[] KeyCodes(BoardConfig board) => board.Keypad.Layout.Select(KeyCode.Parse).ToArray();
}
