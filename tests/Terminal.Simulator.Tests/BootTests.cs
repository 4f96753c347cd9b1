using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

public class BootTests
{
    [Fact]
    public void The_simulated_terminal_boots_signs_in_and_shows_the_idle_screen()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());

        board.Boot();
        board.RunUntilIdle();

        Assert.True(board.Payments.Engine.SignedIn, board.Payments.LastMessage);
        Assert.Contains("TERMINAL DEMO STORE", board.Display.RowText(0), StringComparison.Ordinal);
        Assert.Contains("WELCOME", board.Display.FrameText(), StringComparison.Ordinal);
        Assert.True(board.Display.StyleAt(0, 0).HasFlag(TextStyle.Inverse));
    }

    [Fact]
    public void A_new_terminal_boots_into_set_up_on_the_keypad()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions { Provisioning = null });

        board.Boot();

        Assert.False(board.Store.Provisioned);
        Assert.Contains("Merchant ID", board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_digit_pressed_on_the_key_matrix_starts_the_amount_of_a_sale()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();
        board.RunUntilIdle();

        board.PressKey(KeyCode.Digit0 + 7);

        Assert.Contains("0.07", board.Display.FrameText(), StringComparison.Ordinal);
        Assert.False(board.Payments.Idle);
    }

    [Fact]
    public void An_idle_tick_of_the_booted_terminal_allocates_nothing()
    {
        using var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();
        board.RunUntilIdle();
        board.RunFor(5_000);
        var clock = board.VirtualClock;
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
