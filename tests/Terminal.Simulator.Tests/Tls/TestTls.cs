using AcquirerHost.Tls;

namespace Terminal.Simulator.Tests.Tls;

/// <summary>The test PKI of this test run: a CA and its good, expired, wrong-name and other-CA host set-ups in a temp folder.</summary>
internal static class TestTls
{
    private static readonly Lazy<TestPki> Made = new(() => TestPki.Create(Directory.CreateTempSubdirectory("terminal-tls-").FullName));

    /// <summary>The set-ups (made once per test run).</summary>
    public static TestPki Pki => Made.Value;
}
