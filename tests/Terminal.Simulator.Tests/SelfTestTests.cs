using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>`terminal selftest`: every check passes on a healthy board; each injected fault fails its own check with its own message.</summary>
[Collection("Console")]
public class SelfTestTests
{
    [Fact]
    public void A_healthy_board_passes_every_check_and_exits_0()
    {
        var (exit, output, error) = CliTests.Run("selftest");

        Assert.True(exit == 0, output + error);
        Assert.Contains("self-test: 11 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output, StringComparison.Ordinal);
        Assert.Matches(@"journal: self-test record #\d+ PPPPPPPPPPP", output);
    }

    [Theory]
    [InlineData("paper-out", "FAIL printer      Printer out of paper - load a paper roll and close the cover")]
    [InlineData("reader", "FAIL contactless  Contactless reader not answering - check its SPI cable and power")]
    [InlineData("host-down", "FAIL host link    Echo failed: Cannot connect to host 127.0.0.1:1")]
    [InlineData("stuck-key", "FAIL keypad       Key 5 held down since the start - stuck key: clean or replace the keypad")]
    [InlineData("scanner", "FAIL scanner      QR scanner not answering on its UART - check its cable and power")]
    [InlineData("flash", "FAIL storage      Storage verify failed at byte 17 of sector")]
    public void Each_fault_fails_its_own_check_with_its_own_message_and_nothing_else(string fault, string expected)
    {
        var (exit, output, _) = CliTests.Run("selftest", "--fault", fault);

        Assert.Equal(1, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("self-test: 10 passed, 1 failed", output, StringComparison.Ordinal);
        Assert.Matches(@"journal: self-test record #\d+ [PF]{11}", output);
    }

    [Fact]
    public void An_unknown_fault_exits_2_listing_the_known_ones()
    {
        var (exit, _, error) = CliTests.Run("selftest", "--fault", "gremlins");

        Assert.Equal(2, exit);
        Assert.Contains("paper-out, reader, host-down, stuck-key, scanner, flash", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_fault()
    {
        var (_, output, _) = CliTests.Run("selftest", "--help");

        foreach (var (name, _) in Terminal.Simulator.Commands.SelfTestCommand.Faults)
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }
    }
}

public class SelfTestEntryTests
{
    private static Terminal.Simulator.Board.SimulatedBoard Booted(bool holdF1 = false)
    {
        var board = new Terminal.Simulator.Board.SimulatedBoard(new Terminal.Simulator.Board.SimulatedBoardOptions());
        if (holdF1)
        {
            board.Keys.Press(Terminal.Hal.KeyCode.F1);
        }

        board.Boot();
        board.RunUntilIdle();
        return board;
    }

    private static void Type(Terminal.Simulator.Board.SimulatedBoard board, string keys) =>
        board.Play(Terminal.Simulator.Board.KeyScript.Parse("keys " + keys, "test"));

    [Fact]
    public void Menu_then_1_and_the_technician_password_starts_the_self_test()
    {
        using var board = Booted();

        Type(board, "MENU 1 2 4 6 8 ENTER");

        Assert.True(board.SelfTest.Running);
        Assert.Contains("SELF-TEST 1/11: keypad", board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_shows_only_stars()
    {
        using var board = Booted();

        Type(board, "MENU 1 2 4 6");

        Assert.Contains("***", board.Display.FrameText(), StringComparison.Ordinal);
        Assert.DoesNotContain("246", board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Three_wrong_passwords_lock_the_self_test_even_for_the_right_one()
    {
        using var board = Booted();
        Type(board, "MENU 1 1 1 1 1 ENTER 1 1 1 1 ENTER 1 1 1 1 ENTER");
        Assert.Equal("Wrong password: locked for 5 min", board.App.LastStatus);

        Type(board, "2 4 6 8 ENTER");

        Assert.False(board.SelfTest.Running);
        Assert.StartsWith("Locked: try again in", board.App.LastStatus, StringComparison.Ordinal);
    }

    [Fact]
    public void F1_held_at_power_up_asks_for_the_technician_password()
    {
        using var board = Booted(holdF1: true);

        Assert.Contains("TECHNICIAN", board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_leaves_the_password_prompt_for_the_idle_screen()
    {
        using var board = Booted();

        Type(board, "MENU 1 CANCEL");

        Assert.Contains("WELCOME", board.Display.FrameText(), StringComparison.Ordinal);
    }
}

public class DebugConsoleTests
{
    private static string Send(Terminal.Simulator.Board.SimulatedBoard board, string command, int runMs)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(command + "\r\n");
        board.DebugTerminal.Write(bytes, 0, bytes.Length);
        board.RunFor(runMs);
        var buffer = new byte[8192];
        int n = board.DebugTerminal.Read(buffer, 0, buffer.Length);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
    }

    [Fact]
    public void Selftest_on_the_debug_console_prints_each_check_as_it_ends()
    {
        using var board = new Terminal.Simulator.Board.SimulatedBoard(new Terminal.Simulator.Board.SimulatedBoardOptions());
        board.Boot();
        board.RunUntilIdle();

        string output = Send(board, "selftest", 120_000);

        Assert.Contains("FAIL keypad: Keys never pressed", output, StringComparison.Ordinal);
        Assert.Contains("PASS display: Patterns drawn", output, StringComparison.Ordinal);
        Assert.Contains("PASS storage: Sector", output, StringComparison.Ordinal);
        Assert.Contains("PASS host link: ", output, StringComparison.Ordinal);
        Assert.Matches(@"self-test: \d+ passed, \d+ failed\r\n", output);
    }

    [Fact]
    public void Unknown_commands_get_a_hint_and_the_console_keeps_serving()
    {
        using var board = new Terminal.Simulator.Board.SimulatedBoard(new Terminal.Simulator.Board.SimulatedBoardOptions());
        board.Boot();

        Assert.Equal("unknown command 'format c:' (try help)\r\n", Send(board, "format c:", 200));
        Assert.Equal("terminal firmware " + Terminal.Core.App.TerminalApp.FirmwareVersion + "\r\n", Send(board, "version", 200));
    }
}
