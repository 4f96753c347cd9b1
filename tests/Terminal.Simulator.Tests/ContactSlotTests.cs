using Terminal.Drivers.Contact;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>The simulated board's contact chip-card slot: the TDA8035 model behind the real driver, given to the firmware.</summary>
public class ContactSlotTests
{
    private static SimulatedBoard Booted()
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions { KeepTraceText = true });
        board.Boot();
        board.RunUntilIdle();
        return board;
    }

    [Fact]
    public void The_firmware_is_given_the_TDA8035_slot_of_the_board_file()
    {
        using var board = Booted();

        Assert.IsType<Tda8035>(board.Devices.Contact);
        Assert.True(board.Devices.Contact!.SelfCheck());
        Assert.False(board.Devices.Contact.CardPresent);
    }

    [Fact]
    public void A_key_script_inserts_a_chip_card_and_takes_it_out_again()
    {
        using var board = Booted();

        board.Play(KeyScript.Parse("insert unionpay-debit", "test"));
        bool inWhileInserted = board.Devices.Contact!.CardPresent;
        byte[] atr = new byte[40];
        int n = board.Devices.Contact.PowerOn(atr, 0, atr.Length);
        board.Devices.Contact.PowerOff();
        board.Play(KeyScript.Parse("withdraw", "test"));

        Assert.True(inWhileInserted);
        Assert.Equal(Convert.ToHexString(ContactEmvTestCards.T0Atr), Convert.ToHexString(atr, 0, n));
        Assert.False(board.Devices.Contact.CardPresent);
        Assert.Null(board.ContactSlot!.Card);
        Assert.Equal(0, board.Loop.Faults);
    }

    [Fact]
    public void Inserting_a_second_card_takes_the_first_one_out()
    {
        using var board = Booted();

        board.Insert("unionpay-debit");
        board.Insert("visa-chip");

        Assert.Same(board.ContactSlot!.LastCard, board.ContactSlot.Card);
        Assert.Equal("visa-chip", ((ContactEmvCard)board.ContactSlot.Card!.Application).Name);
        Assert.True(board.Devices.Contact!.CardPresent);
    }

    [Theory]
    [InlineData("insert nosuchcard")]
    [InlineData("insert")]
    [InlineData("withdraw now")]
    public void A_bad_insert_or_withdraw_line_names_its_line(string line)
    {
        var e = Assert.Throws<FormatException>(() => KeyScript.Parse(line, "s.keys"));

        Assert.StartsWith("s.keys:1:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unionpay-debit", "220")]
    [InlineData("unionpay-credit", "620")]
    [InlineData("visa-chip", "201")]
    public void Each_chip_card_has_a_stripe_with_a_chip_service_code(string card, string serviceCode)
    {
        string track2 = TestCards.Track2(card);

        Assert.True(TestCards.IsCardOrTrack2(card));
        Assert.Equal(serviceCode, track2[(track2.IndexOf('=') + 5)..(track2.IndexOf('=') + 8)]);
    }
}
