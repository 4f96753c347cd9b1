using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Runtime;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>Sign-in (0800) and echo (0820) of the real terminal flows against the in-process AcquirerHost.</summary>
public sealed class SignInTests
{
    private static readonly byte[] HostTmk = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");

    private sealed class Outcome : ISignInObserver, IEchoObserver
    {
        public List<string> Messages { get; } = [];

        public bool? SignedIn { get; private set; }

        public bool? Echoed { get; private set; }

        public int RoundTrip { get; private set; } = -1;

        public void OnSignInDone(bool success, string message)
        {
            SignedIn = success;
            Messages.Add(message);
        }

        public void OnEchoDone(bool success, int roundTripMs, string message)
        {
            Echoed = success;
            RoundTrip = roundTripMs;
            Messages.Add(message);
        }
    }

    private static async Task<(Outcome Outcome, MemoryKeyStore Keys, TerminalIdentity Identity, List<string> Wire)> SignIn(string link, byte[] terminalTmk, bool echo, bool hostIssuesTrackKey = true)
    {
        var wire = new ListSink();
        using var clock = new SystemClock();
        var identity = new TerminalIdentity("12345678", "898310048990001");
        await using var connection = HostConnection.Open(new HostConnectionOptions { Link = link, MasterKey = HostTmk });
        connection.Host!.Rules.TrackKey = hostIssuesTrackKey;
        var session = connection.OpenSession(clock, wire);
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.Tmk, terminalTmk, 0, terminalTmk.Length);
        var loop = new EventLoop(clock, 16, 8, 4);
        loop.AddPolled(session);
        var outcome = new Outcome();
        var signIn = new SignInFlow(session, keys, new HostCrypto(), clock, identity) { TimeoutMs = 10_000 };
        signIn.Start(outcome);
        Pump(loop, () => outcome.SignedIn != null);
        if (echo && outcome.SignedIn == true)
        {
            new EchoFlow(session, identity, clock).Start(outcome, 10_000);
            Pump(loop, () => outcome.Echoed != null);
        }

        return (outcome, keys, identity, wire.Lines);
    }

    private static void Pump(EventLoop loop, Func<bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done() && DateTime.UtcNow < deadline)
        {
            loop.RunOnce();
            Thread.Sleep(1);
        }

        Assert.True(done(), "the flow did not finish within 30 s");
    }

    private sealed class ListSink : Terminal.Core.Messages.WireTrace.IWireTraceSink
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string line) => Lines.Add(line);
    }

    [Fact]
    public async Task Sign_in_over_tcp_loads_check_value_verified_working_keys_and_sets_the_batch()
    {
        var (outcome, keys, identity, _) = await SignIn("tcp", HostTmk, echo: false);

        Assert.True(outcome.SignedIn, string.Join("; ", outcome.Messages));
        byte[] key = new byte[24];
        Assert.Equal(16, keys.Load(KeySlot.Pik, key, 0));
        Assert.Equal(16, keys.Load(KeySlot.Mak, key, 0));
        Assert.Equal(1, identity.Batch);
        Assert.Equal("Signed in, batch 1", outcome.Messages[0]);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task Sign_in_004_loads_a_check_value_verified_track_key_kept_out_of_the_trace(string link)
    {
        var (outcome, keys, _, wire) = await SignIn(link, HostTmk, echo: false);

        Assert.True(outcome.SignedIn, string.Join("; ", outcome.Messages));
        byte[] tdk = new byte[24];
        Assert.Equal(16, keys.Load(KeySlot.Tdk, tdk, 0));
        Assert.DoesNotContain(Convert.ToHexString(tdk[..8]), string.Join("\n", wire), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_issues_no_track_key_signs_the_terminal_in_with_tracks_in_clear()
    {
        var (outcome, keys, _, _) = await SignIn("tcp", HostTmk, echo: false, hostIssuesTrackKey: false);

        Assert.True(outcome.SignedIn, string.Join("; ", outcome.Messages));
        Assert.Equal("Signed in, batch 1 (no track key: tracks sent in clear)", outcome.Messages[0]);
        Assert.Equal(-1, keys.Load(KeySlot.Tdk, new byte[24], 0));
    }

    [Fact]
    public async Task A_terminal_whose_master_key_differs_from_the_hosts_fails_on_the_check_value_and_loads_no_key()
    {
        byte[] wrongTmk = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

        var (outcome, keys, _, _) = await SignIn("tcp", wrongTmk, echo: false);

        Assert.False(outcome.SignedIn);
        Assert.Equal("PIN key check value wrong: keys not loaded", outcome.Messages[0]);
        Assert.Equal(-1, keys.Load(KeySlot.Pik, new byte[24], 0));
        Assert.Equal(-1, keys.Load(KeySlot.Mak, new byte[24], 0));
    }

    [Fact]
    public async Task A_master_key_of_the_wrong_length_in_the_key_store_is_no_master_key()
    {
        // A damaged key store that still passes its CRC: the TMK slot says 15 bytes.
        var (outcome, keys, _, wire) = await SignIn("tcp", HostTmk[..15], echo: false);

        Assert.False(outcome.SignedIn);
        Assert.Equal("No master key: load the TMK first", outcome.Messages[0]);
        Assert.Empty(wire);
        Assert.Equal(-1, keys.Load(KeySlot.Mak, new byte[24], 0));
    }

    [Fact]
    public async Task Echo_after_sign_in_answers_with_its_round_trip_time()
    {
        var (outcome, _, _, wire) = await SignIn("tcp", HostTmk, echo: true);

        Assert.True(outcome.Echoed, string.Join("; ", outcome.Messages));
        Assert.InRange(outcome.RoundTrip, 0, 10_000);
        Assert.Equal(4, wire.Count(l => l.Contains(" TX ", StringComparison.Ordinal) || l.Contains(" RX ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sign_in_and_echo_work_over_the_serial_link_with_ack_nak_framing()
    {
        var (outcome, keys, _, _) = await SignIn("serial", HostTmk, echo: true);

        Assert.True(outcome.SignedIn, string.Join("; ", outcome.Messages));
        Assert.True(outcome.Echoed, string.Join("; ", outcome.Messages));
        Assert.Equal(16, keys.Load(KeySlot.Mak, new byte[24], 0));
    }

    [Fact]
    public async Task The_wire_trace_of_a_sign_in_never_shows_the_working_keys()
    {
        var (_, keys, _, wire) = await SignIn("tcp", HostTmk, echo: false);
        byte[] mak = new byte[16];
        byte[] pik = new byte[16];
        keys.Load(KeySlot.Mak, mak, 0);
        keys.Load(KeySlot.Pik, pik, 0);
        string trace = string.Join("\n", wire);

        Assert.Contains(" RX ", trace, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(mak[..8]), trace, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(pik[..8]), trace, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(HostTmk[..8]), trace, StringComparison.Ordinal);
    }
}

[Collection("Console")]
public class SignInCommandTests
{
    [Fact]
    public void Terminal_signin_signs_in_echoes_and_writes_wire_log()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "signin-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = CliTests.Run("signin", "--out", outDir);

            Assert.True(exit == 0, output + error);
            Assert.Contains("sign-in: Signed in", output, StringComparison.Ordinal);
            Assert.Contains("echo: Host answered in", output, StringComparison.Ordinal);
            string[] wire = File.ReadAllLines(Path.Combine(outDir, "wire.log"));
            Assert.Equal(WireLogFile.Legend, wire[..WireLogFile.Legend.Length]);
            Assert.Equal(4, wire.Length - WireLogFile.Legend.Length); // sign-in and echo, each a request and an answer
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    [Fact]
    public void A_master_key_that_is_not_hex_exits_2_with_a_reason()
    {
        var (exit, _, error) = CliTests.Run("signin", "--tmk", "XYZ", "--out", Path.GetTempPath());

        Assert.Equal(2, exit);
        Assert.StartsWith("terminal: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_host_fails_sign_in_with_exit_1_and_says_so()
    {
        var (exit, output, _) = CliTests.Run("signin", "--host", "127.0.0.1:1", "--out", Path.GetTempPath());

        Assert.Equal(1, exit);
        Assert.Contains("Cannot connect to host 127.0.0.1:1", output, StringComparison.Ordinal);
    }
}
