using Terminal.Core.Security;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Random;

namespace Terminal.Simulator.Bench;

/// <summary>
/// What a password check costs with the portable software crypto the device runs (SoftwareSha256): the figure that
/// sizes <see cref="PasswordGuard.Iterations"/> against an offline search (docs/keys-and-pin.md, "Passwords").
/// </summary>
public static class SecurityBench
{
    /// <summary>One SHA-256 of a 32-byte digest, and one whole password check.</summary>
    public static IEnumerable<BenchResult> Run()
    {
        var crypto = new SoftwareCrypto();
        var digest = new byte[32];
        yield return Measure.Run("sha-256 of 32 bytes (SoftwareSha256)", "hash", 100_000, n =>
        {
            for (int i = 0; i < n; i++)
            {
                crypto.Sha256(digest, 0, 32, digest, 0);
            }
        });

        var clock = new VirtualClock(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local));
        var guard = new PasswordGuard(crypto, clock, new SeededRandom(1), "13579"u8.ToArray(), 0, 5);
        var typed = new byte[5];
        yield return Measure.Run($"password check ({PasswordGuard.Iterations} SHA-256 rounds)", "check", 50, n =>
        {
            for (int i = 0; i < n; i++)
            {
                "13579"u8.CopyTo(typed);
                guard.Check(typed, 0, typed.Length);
            }
        });
    }
}
