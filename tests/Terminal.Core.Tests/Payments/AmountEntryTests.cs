using Terminal.Core.Ui;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class AmountEntryTests
{
    private static AmountEntry Keyed(string keys, long maximum = 99999999)
    {
        var entry = new AmountEntry(maximum);
        foreach (var name in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            entry.Key(KeyCode.Parse(name));
        }

        return entry;
    }

    [Fact]
    public void Digits_enter_from_the_right_in_fen()
    {
        Assert.Equal("CNY 1.23", Keyed("1 2 3").Display);
    }

    [Fact]
    public void Leading_zeros_change_nothing()
    {
        Assert.Equal(5, Keyed("0 0 5").Amount);
    }

    [Fact]
    public void Dot_appends_two_zeros_for_whole_yuan()
    {
        Assert.Equal(1200, Keyed("1 2 DOT").Amount);
    }

    [Fact]
    public void Clear_deletes_the_last_digit_and_on_an_empty_amount_cancels()
    {
        var entry = Keyed("4 5 6 CLEAR");

        Assert.Equal(45, entry.Amount);
        Assert.Equal(AmountEntryResult.Editing, entry.Key(KeyCode.Clear));
        Assert.Equal(AmountEntryResult.Editing, entry.Key(KeyCode.Clear));
        Assert.Equal(AmountEntryResult.Cancelled, entry.Key(KeyCode.Clear));
    }

    [Fact]
    public void A_digit_that_would_pass_the_maximum_is_refused_and_the_amount_kept()
    {
        var entry = Keyed("9 9 9", maximum: 1000);

        Assert.Equal(AmountEntryResult.Refused, entry.Key(KeyCode.Digit0 + 9));
        Assert.Equal(999, entry.Amount);
        Assert.Equal("Maximum is CNY 10.00", entry.Problem);
    }

    [Fact]
    public void Enter_confirms_only_a_non_zero_amount()
    {
        var entry = new AmountEntry(1000);

        Assert.Equal(AmountEntryResult.Refused, entry.Key(KeyCode.Enter));
        entry.Key(KeyCode.Digit0 + 1);
        Assert.Equal(AmountEntryResult.Confirmed, entry.Key(KeyCode.Enter));
    }

    [Fact]
    public void Cancel_leaves_at_any_point()
    {
        Assert.Equal(AmountEntryResult.Cancelled, Keyed("1 2").Key(KeyCode.Cancel));
    }
}
