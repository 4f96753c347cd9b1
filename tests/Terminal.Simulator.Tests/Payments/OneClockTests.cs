using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// One clock for a simulation: the terminal's virtual clock, which the in-process host follows for the date and time
/// it answers with (and sets the terminal's clock from at sign-in), and which goes on across a reboot.
/// </summary>
public sealed class OneClockTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task Sign_in_over_a_real_link_keeps_the_virtual_time_and_a_reboot_goes_on_from_it(string link)
    {
        var start = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local);
        await using var rig = TerminalRig.Start(link, new SimulatedBoardOptions { WallStart = start });
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);

        // The host answered with the terminal's own time, not the machine's: the clock did not jump.
        DateTime signedIn = rig.Board.Clock.WallTime;
        Assert.InRange(signedIn, start, start.AddMinutes(5));

        rig.Board.RunFor(2 * 3600 * 1000);
        rig.Reboot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        DateTime afterReboot = rig.Board.Clock.WallTime;
        Assert.InRange(afterReboot, signedIn.AddHours(2), signedIn.AddHours(2).AddMinutes(5));

        rig.Sale(1500, "swipe:visa");
        var sale = rig.Store.At(rig.Store.Count - 1);
        Assert.Equal(1125, sale.DateMmdd);
        Assert.Equal("1125", rig.Host.Store.Authorizations(rig.Provisioning.TerminalId)[^1].LocalDate[^4..]);
    }
}
