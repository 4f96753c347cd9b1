using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>A card that lies about its PAN length, tapped on the whole terminal (issue 16).</summary>
public class HostileTapTests
{
    [Fact]
    public async Task A_card_with_a_24_digit_PAN_is_refused_on_screen_without_a_loop_fault_or_a_sale()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        int faults = rig.Board.Loop.Faults;

        rig.KeyAmount(2300);
        rig.Present("tap:overlong-pan");

        Assert.Equal(faults, rig.Board.Loop.Faults);
        Assert.Equal("Card read failed: PAN is not 1 to 19 digits", rig.Pos.LastMessage);
        Assert.Contains("Card read failed", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Equal(0, rig.Store.Count);
    }

    [Fact]
    public async Task The_card_buffers_hold_nothing_of_a_refused_card()
    {
        await using var rig = await SaleFlowTests.ReadyRig();

        rig.KeyAmount(2300);
        rig.Present("tap:overlong-pan");

        CardData card = rig.Pos.Engine.Card;
        Assert.Equal(new byte[card.Pan.Length], card.Pan);
        Assert.Equal(new byte[card.Track2.Length], card.Track2);
        Assert.Equal(new byte[card.Icc.Length], card.Icc);
        Assert.Equal(0, card.PanLength);
    }

    [Fact]
    public async Task After_a_refused_card_a_good_one_pays()
    {
        await using var rig = await SaleFlowTests.ReadyRig();

        rig.KeyAmount(2300);
        rig.Present("tap:overlong-pan");
        rig.Board.RunFor(1000); // the cashier takes the card away and finds another
        rig.Present("tap:visa");
        rig.Board.RunWhileHostBusy();

        Assert.True(rig.Store.Count == 1, rig.Pos.LastMessage + "\n" + rig.Board.Display.FrameText());
        Assert.Equal(TxnState.Approved, rig.Store.At(0).State);
    }
}
