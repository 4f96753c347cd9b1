using System.Text;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The scan every demo and campaign output goes through: whole card data in any of the forms it takes.</summary>
public class CardDataLeaksTests
{
    private const string Code = "134567890123456789";
    private readonly CardDataLeaks _leaks = new([Code]);

    [Theory]
    [InlineData("sale by 4761739001010010 approved")]
    [InlineData("6212345678901234569=2812220000000000")]
    [InlineData("F59 A3018" + Code)]
    [InlineData("313334353637383930313233343536373839")] // the code's ASCII as a hex dump shows it
    public void Whole_card_data_in_text_is_found(string text)
    {
        Assert.NotEmpty(_leaks.Find(text));
    }

    [Fact]
    public void A_PAN_packed_as_BCD_is_found_at_either_nibble_alignment()
    {
        byte[] even = [0x00, .. Convert.FromHexString(EmvTestCards.VisaPan), 0xFF];
        byte[] odd = [0x00, .. Convert.FromHexString("0" + EmvTestCards.UnionPayPan), 0xFF];

        Assert.NotEmpty(_leaks.Find(even));
        Assert.NotEmpty(_leaks.Find(odd));
    }

    [Fact]
    public void A_payment_code_packed_as_BCD_is_found()
    {
        Assert.NotEmpty(_leaks.Find(Convert.FromHexString("A3" + Code)));
    }

    [Fact]
    public void Tapped_track_2_equivalent_data_with_its_D_separator_is_found_as_BCD()
    {
        byte[] track = EmvTestCards.Track2(EmvTestCards.MastercardPan, "3012", "201");

        Assert.Contains(_leaks.Find(track), what => what.StartsWith("track 2", StringComparison.Ordinal) || what.StartsWith("full card number", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("476173******0010")]
    [InlineData("621234*********4569")]
    [InlineData("A3018134567000000006789")]
    [InlineData("134567********6789")]
    public void Masked_forms_are_not_leaks(string text)
    {
        Assert.Empty(_leaks.Find(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Console_text_about_a_payment_is_masked_as_receipts_are()
    {
        Assert.Equal("Sale CNY 23.00 by scan 134567********6789", PaymentTextMask.Mask("Sale CNY 23.00 by scan " + Code));
        Assert.Equal("by swipe visa", PaymentTextMask.Mask("by swipe visa"));
    }
}
