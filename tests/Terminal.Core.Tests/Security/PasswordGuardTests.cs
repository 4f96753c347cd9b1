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

    private PasswordGuard Stored(Terminal.Hal.IKeyStore keys) =>
        PasswordGuard.Stored(new HostCrypto(), _clock, new SeededRandom(5), keys, Terminal.Hal.KeySlot.ManagerPassword, Digits("8888"));

    [Fact]
    public void A_new_terminal_stores_the_factory_default_as_salt_and_hash_only()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        var guard = Stored(keys);

        var stored = new byte[64];
        Assert.Equal(PasswordGuard.StoredLength, keys.Load(Terminal.Hal.KeySlot.ManagerPassword, stored, 0));
        Assert.True(stored.AsSpan().IndexOf(Digits("8888")) < 0);
        Assert.True(guard.Check(Digits("8888"), 0, 4));
    }

    [Fact]
    public void A_changed_password_is_the_one_that_opens_after_a_restart()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        Assert.True(Stored(keys).Change(Digits("246810"), 0, 6));

        var restarted = Stored(keys);

        Assert.False(restarted.Check(Digits("8888"), 0, 4));
        Assert.True(restarted.Check(Digits("246810"), 0, 6));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("123456789")]
    public void A_new_password_shorter_than_four_or_longer_than_eight_digits_is_refused(string password)
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        var guard = Stored(keys);

        Assert.False(guard.Change(Digits(password), 0, password.Length));
        Assert.True(Stored(keys).Check(Digits("8888"), 0, 4));
    }

    [Fact]
    public void Changing_the_password_gives_a_new_salt_so_the_same_password_stores_differently()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        var guard = Stored(keys);
        var first = new byte[PasswordGuard.StoredLength];
        var second = new byte[PasswordGuard.StoredLength];
        guard.Change(Digits("5555"), 0, 4);
        keys.Load(Terminal.Hal.KeySlot.ManagerPassword, first, 0);
        guard.Change(Digits("5555"), 0, 4);
        keys.Load(Terminal.Hal.KeySlot.ManagerPassword, second, 0);

        Assert.NotEqual(first, second);
        Assert.True(guard.Check(Digits("5555"), 0, 4));
    }

    private static void WrongTries(PasswordGuard guard, int n)
    {
        for (int i = 0; i < n; i++)
        {
            Assert.False(guard.Check(Digits("0000"), 0, 4));
        }
    }

    [Fact]
    public void A_lockout_shows_its_whole_minutes_rounded_up()
    {
        var guard = Guard("1357");
        WrongTries(guard, 3);

        Assert.Equal(5, guard.LockoutRemainingMinutes);
        _clock.Advance(60_001);
        Assert.Equal(4, guard.LockoutRemainingMinutes);
    }

    [Fact]
    public void A_power_cycle_during_a_lockout_does_not_clear_it()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        WrongTries(Stored(keys), 3);

        var restarted = Stored(keys);

        Assert.True(restarted.LockedOut);
        Assert.False(restarted.Check(Digits("8888"), 0, 4));
        _clock.Advance(PasswordGuard.LockoutMs);
        Assert.True(restarted.Check(Digits("8888"), 0, 4));
    }

    [Fact]
    public void Wrong_tries_before_a_power_cycle_still_count_after_it()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        WrongTries(Stored(keys), 2);

        var restarted = Stored(keys);
        WrongTries(restarted, 1);

        Assert.True(restarted.LockedOut);
    }

    [Fact]
    public void Each_lockout_without_a_right_password_between_lasts_twice_as_long_and_the_right_one_resets_it()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        var guard = Stored(keys);
        long expected = PasswordGuard.LockoutMs;
        for (int lockout = 0; lockout < 4; lockout++)
        {
            WrongTries(guard, 3);
            Assert.Equal(expected, guard.LockoutRemainingMs);
            _clock.Advance(expected);
            expected *= 2;
        }

        Assert.True(guard.Check(Digits("8888"), 0, 4));
        var after = Stored(keys);
        WrongTries(after, 3);
        Assert.Equal(PasswordGuard.LockoutMs, after.LockoutRemainingMs);
    }

    [Fact]
    public void A_power_cycle_restarts_the_lock_still_to_run_whole_since_time_off_is_not_known()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        WrongTries(Stored(keys), 3);
        _clock.Advance(PasswordGuard.LockoutMs - 1000);

        var restarted = Stored(keys);

        Assert.Equal(PasswordGuard.LockoutMs, restarted.LockoutRemainingMs);
    }

    [Fact]
    public void Lockouts_stop_growing_at_a_day()
    {
        var guard = Guard("1357");
        for (int lockout = 0; lockout < 12; lockout++)
        {
            WrongTries(guard, 3);
            Assert.True(guard.LockoutRemainingMs <= PasswordGuard.MaxLockoutMs);
            _clock.Advance(guard.LockoutRemainingMs);
        }

        WrongTries(guard, 3);
        Assert.Equal(PasswordGuard.MaxLockoutMs, guard.LockoutRemainingMs);
    }

    [Fact]
    public void A_slot_written_before_lockouts_were_kept_reads_as_no_wrong_tries()
    {
        var keys = new Terminal.Drivers.Simulated.Keys.MemoryKeyStore();
        Stored(keys).Change(Digits("2468"), 0, 4);
        var slot = new byte[PasswordGuard.StoredLength];
        keys.Load(Terminal.Hal.KeySlot.ManagerPassword, slot, 0);
        keys.Store(Terminal.Hal.KeySlot.ManagerPassword, slot, 0, 48);

        var guard = Stored(keys);

        Assert.False(guard.LockedOut);
        Assert.Equal(0, guard.Failures);
        Assert.True(guard.Check(Digits("2468"), 0, 4));
    }
}
