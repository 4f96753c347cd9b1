using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

public class BootTests
{
    [Fact]
    public void The_simulated_terminal_boots_to_the_idle_screen()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());

        board.Boot();

        Assert.Equal(1, board.Display.Frames);
        Assert.Contains("TERMINAL DEMO STORE", board.Display.RowText(0), StringComparison.Ordinal);
        Assert.Contains("WELCOME", board.Display.FrameText(), StringComparison.Ordinal);
        Assert.True(board.Display.StyleAt(0, 0).HasFlag(TextStyle.Inverse));
    }

    [Fact]
    public void A_key_press_reaches_the_app_through_the_event_loop_and_the_status_clears_after_three_seconds()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();

        board.PressKey(KeyCode.Digit0 + 7);
        string shown = board.Display.RowText(board.Display.Rows - 2);
        board.RunFor(3_500);

        Assert.Equal(KeyCode.Digit0 + 7, board.App.LastKey);
        Assert.StartsWith("Key 7", shown, StringComparison.Ordinal);
        Assert.Equal(string.Empty, board.Display.RowText(board.Display.Rows - 2).Trim());
    }

    [Fact]
    public void An_idle_tick_of_the_booted_terminal_allocates_nothing()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();
        board.RunFor(5_000);
        var clock = board.VirtualClock!;
        for (int i = 0; i < 100; i++)
        {
            clock.Advance(10);
            board.Loop.RunOnce();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            clock.Advance(10);
            board.Loop.RunOnce();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
