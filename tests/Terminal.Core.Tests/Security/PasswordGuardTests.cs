using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Random;
using Xunit;

namespace Terminal.Core.Tests.Security;

public class PasswordGuardTests
{
    private readonly VirtualClock _clock = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local));

    private static byte[] Digits(string s) => System.Text.Encoding.ASCII.GetBytes(s);

    private PasswordGuard Guard(string password) => new(new HostCrypto(), _clock, new SeededRandom(3), Digits(password), 0, password.Length);

    [Fact]
    public void The_right_password_passes_and_a_wrong_one_fails()
    {
        var guard = Guard("1357");

        Assert.False(guard.Check(Digits("1358"), 0, 4));
        Assert.True(guard.Check(Digits("1357"), 0, 4));
        Assert.Equal(0, guard.Failures);
    }

    [Fact]
    public void Three_wrong_tries_lock_out_even_the_right_password_for_five_minutes()
    {
        var guard = Guard("1357");
        for (int i = 0; i < 3; i++)
        {
            guard.Check(Digits("0000"), 0, 4);
        }

        Assert.True(guard.LockedOut);
        Assert.False(guard.Check(Digits("1357"), 0, 4));
        _clock.Advance(PasswordGuard.LockoutMs);
        Assert.True(guard.Check(Digits("1357"), 0, 4));
    }

    [Fact]
    public void The_typed_digits_are_wiped_after_checking()
    {
        var guard = Guard("1357");
        byte[] typed = Digits("1357");

        guard.Check(typed, 0, 4);

        Assert.All(typed, b => Assert.Equal(0, b));
    }
}
