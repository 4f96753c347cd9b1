using Terminal.Core.Payments;
using Terminal.Simulator.Board;
using Terminal.Simulator.Commands;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>`terminal` at a keyboard: PC keys become keypad keys, and letters present the test cards and codes.</summary>
public sealed class InteractiveTests
{
    private static ConsoleKeyInfo Key(char c, ConsoleKey key) => new(c, key, false, false, false);

    private static SimulatedBoard Ready()
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions());
        board.Boot();
        board.RunUntilIdle();
        return board;
    }

    private static void Type(SimulatedBoard board, InteractiveSession session, params ConsoleKeyInfo[] keys)
    {
        foreach (var key in keys)
        {
            session.Apply(key);
            board.RunFor(300);
        }

        board.RunUntilIdle();
    }

    [Fact]
    public void A_person_keys_an_amount_and_swipes_with_s_and_the_sale_is_approved()
    {
        using var board = Ready();
        var session = new InteractiveSession(board);

        Type(board, session, Key('1', ConsoleKey.D1), Key('5', ConsoleKey.D5), Key('0', ConsoleKey.D0), Key('0', ConsoleKey.D0), Key('\r', ConsoleKey.Enter), Key('s', ConsoleKey.S));

        Assert.Equal("Approved", board.Payments.LastMessage);
        Assert.Equal(1500, board.Store.At(0).Amount);
        Assert.Equal(EntryMode.Swipe, board.Store.At(0).Mode);
    }

    [Theory]
    [InlineData('t', TxnChannel.Card, EntryMode.Contactless)]
    [InlineData('w', TxnChannel.WeChat, EntryMode.Qr)]
    [InlineData('a', TxnChannel.Alipay, EntryMode.Qr)]
    public void Letters_tap_a_card_or_show_a_payment_code(char letter, int channel, int mode)
    {
        using var board = Ready();
        var session = new InteractiveSession(board);

        Type(board, session, Key('9', ConsoleKey.D9), Key('9', ConsoleKey.D9), Key('\r', ConsoleKey.Enter), Key(letter, ConsoleKey.A + (letter - 'a')));

        Assert.Equal("Approved", board.Payments.LastMessage);
        Assert.Equal(channel, board.Store.At(0).Channel);
        Assert.Equal(mode, board.Store.At(0).Mode);
    }

    [Fact]
    public void Escape_cancels_and_m_opens_the_menu()
    {
        using var board = Ready();
        var session = new InteractiveSession(board);

        Type(board, session, Key('4', ConsoleKey.D4), Key('\u001b', ConsoleKey.Escape), Key('m', ConsoleKey.M));

        Assert.Contains("MENU", board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Equal(0, board.Store.Count);
    }

    [Fact]
    public void The_help_line_names_every_letter_that_does_something()
    {
        foreach (char c in "svtuwaq")
        {
            Assert.NotNull(ConsoleView.MapAction(Key(c, ConsoleKey.A + (c - 'a'))).Action);
            Assert.Contains(c + "=", ConsoleView.Help, StringComparison.Ordinal);
        }
    }
}
