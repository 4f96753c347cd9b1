using Terminal.Hal;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>The manager changes the manager's password in set-up (MENU 0, 4); it is kept, hashed, across reboots.</summary>
public sealed class ManagerPasswordTests
{
    private static void ChangePassword(Board.TerminalRig rig, string current, string first, string second)
    {
        rig.Press(KeyCode.Menu, KeyCode.Digit0);
        rig.Type(current);
        rig.Press(KeyCode.Enter, KeyCode.Digit0 + 4);
        rig.Type(first);
        rig.Press(KeyCode.Enter);
        rig.Type(second);
        rig.Press(KeyCode.Enter);
    }

    [Fact]
    public async Task A_new_password_typed_twice_replaces_the_old_one_and_survives_a_reboot()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        ChangePassword(rig, "8888", "135790", "135790");
        Assert.Equal("Manager password changed", rig.Pos.LastMessage);
        rig.Press(KeyCode.Cancel);

        rig.Reboot();
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);
        Assert.StartsWith("Wrong password", rig.Pos.LastMessage, StringComparison.Ordinal);
        rig.Press(KeyCode.Cancel, KeyCode.Cancel);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);
        rig.Type("135790");
        rig.Press(KeyCode.Enter);
        Assert.Contains("SETTLEMENT", rig.Board.Display.FrameText(), StringComparison.Ordinal);

        var stored = new byte[64];
        Assert.Equal(Terminal.Core.Security.PasswordGuard.StoredLength, rig.Keys.Load(KeySlot.ManagerPassword, stored, 0));
        Assert.True(stored.AsSpan().IndexOf("135790"u8) < 0, "the password itself is never stored");
    }

    [Theory]
    [InlineData("1357", "1358", "Not the same: not changed")]
    [InlineData("123", "123", "4 to 8 digits: not changed")]
    public async Task A_mistyped_or_too_short_password_changes_nothing(string first, string second, string message)
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        ChangePassword(rig, "8888", first, second);

        Assert.Equal(message, rig.Pos.LastMessage);
        rig.Press(KeyCode.Cancel, KeyCode.Cancel);
        Assert.Equal("Approved", rig.Sale(500, "swipe:visa"));
        Assert.Equal("Approved", rig.Void(rig.Store.At(0).Invoice)); // the manager's old password still opens void
    }

    [Fact]
    public async Task The_technician_changes_the_technicians_password_in_set_up_6_behind_the_current_one()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Press(KeyCode.Menu, KeyCode.Digit0);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);
        Assert.Contains("6 Technician password", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Press(KeyCode.Digit0 + 6);
        Assert.Contains("TECHNICIAN", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Type("2468");
        rig.Press(KeyCode.Enter);
        rig.Type("97531");
        rig.Press(KeyCode.Enter);
        rig.Type("97531");
        rig.Press(KeyCode.Enter);
        Assert.Equal("Technician password changed", rig.Pos.LastMessage);
        rig.Press(KeyCode.Cancel);

        rig.Reboot();
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 1);
        rig.Type("2468");
        rig.Press(KeyCode.Enter);
        Assert.False(rig.Board.SelfTest.Running);
        rig.Press(KeyCode.Cancel);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 1);
        rig.Type("97531");
        rig.Press(KeyCode.Enter);
        Assert.True(rig.Board.SelfTest.Running);
    }

    [Fact]
    public async Task Three_wrong_manager_passwords_stay_locked_across_a_power_cycle()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        for (int i = 0; i < 3; i++)
        {
            rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);
            rig.Type("1111");
            rig.Press(KeyCode.Enter, KeyCode.Cancel, KeyCode.Cancel);
        }

        rig.Reboot();
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 4);
        rig.Type("8888");
        rig.Press(KeyCode.Enter);

        Assert.Equal("Locked: try again in 5 min", rig.Pos.LastMessage);
        Assert.DoesNotContain("SETTLEMENT", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }
}
