using Terminal.Core.Flows;
using Terminal.Core.Update;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Update;

/// <summary>MENU F1: a software update check on demand, behind the technician password.</summary>
public sealed class UpdateMenuTests
{
    private static TerminalRig ReadyRig()
    {
        var rig = TerminalRig.Start("tcp", firmwareUpdates: true);
        rig.AutomaticUpdateChecks = false;
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        return rig;
    }

    [Fact]
    public async Task The_technician_starts_an_update_from_the_menu_and_it_installs()
    {
        await using var rig = ReadyRig();
        rig.PublishUpdate("1.2.0");

        rig.Press(KeyCode.Menu, KeyCode.F1);
        Assert.Contains("Technician password", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Type("2468");
        rig.Press(KeyCode.Enter);
        Assert.True(rig.Updates.Flow.Busy || rig.Updates.Flow.LastResult == UpdateResult.Installed, rig.Pos.LastMessage);
        for (int i = 0; i < 50 && rig.Updates.Flow.LastResult != UpdateResult.Installed; i++)
        {
            rig.Updates.RunWhileBusy();
            rig.Board.RunFor(1000);
        }

        Assert.Equal(UpdateResult.Installed, rig.Updates.Flow.LastResult);
        Assert.StartsWith("Update: ", rig.Pos.LastMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_manager_password_does_not_open_the_update()
    {
        await using var rig = ReadyRig();
        rig.PublishUpdate("1.2.0");

        rig.Press(KeyCode.Menu, KeyCode.F1);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);

        Assert.StartsWith("Wrong password", rig.Pos.LastMessage, StringComparison.Ordinal);
        Assert.False(rig.Updates.Flow.Busy);
        Assert.NotEqual(UpdateResult.Installed, rig.Updates.Flow.LastResult);
    }
}
