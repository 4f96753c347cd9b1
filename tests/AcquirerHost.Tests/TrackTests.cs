using System.Text;
using AcquirerHost.Security;
using AcquirerHost.Tests.Support;
using CsCheck;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;

namespace AcquirerHost.Tests;

/// <summary>The track data key: issued at a 004 sign-in, F35 decrypted and checked, refused with a clear code when it cannot be.</summary>
public sealed class TrackTests
{
    // A Luhn-valid UnionPay-style PAN, expiry 2812, service code 201.
    private const string Pan = "6225880123456783";
    private const string Track = Pan + "D2812201123456789012";

    private static string Encrypted(byte[] tdk, string track)
    {
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.Tdk, tdk, 0, tdk.Length);
        byte[] bytes = Encoding.ASCII.GetBytes(track);
        Assert.True(new TrackCipher(keys, new HostCrypto()).Encrypt(bytes, 0, bytes.Length));
        return Encoding.ASCII.GetString(bytes);
    }

    private static Iso8583Message Swipe(TestTerminal t, string track35, string f53, string? pan = null)
    {
        var m = t.Request(200, "000000", 1000, "22");
        if (pan != null)
        {
            m.Set(Field.Pan, pan);
        }

        m.Set(Field.EntryMode, "021");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.Currency, "156");
        m.Set(Field.Track2, track35);
        m.Set(Field.SecurityControl, f53);
        return m;
    }

    private static string Code(TestTerminal t, Iso8583Message m) => t.Exchange(m)!.GetString(Field.ResponseCode)!;

    // Signs a terminal in with 60.3 (004: it gets a TDK), sends the swipe the test builds, returns the code and the host's log.
    private static async Task<(string Code, IReadOnlyList<string> Log)> Swiped(string code60, Func<TestTerminal, Iso8583Message> swipe)
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn(code60);
        string code = Code(t, swipe(t));
        return (code, host.Log.ToList());
    }

    [Fact]
    public async Task A_004_sign_in_gets_a_60_byte_F62_with_a_track_key_whose_check_value_matches()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();

        var response = t.SignIn("004");

        Assert.Equal(60, Convert.FromHexString(response.GetString(Field.PrivateData)!).Length);
        Assert.Equal("00000001004", response.GetString(Field.MessageInfo));
        Assert.NotNull(t.Tdk);
        Assert.Equal(host.Server.Store.FindTerminal(HostFixture.Tid)!.Tdk, t.Tdk);
        Assert.True(t.ResponseMacValid(response));
    }

    [Fact]
    public async Task A_host_set_to_issue_no_track_key_answers_004_as_003()
    {
        await using var host = new HostFixture();
        host.Rules.TrackKey = false;
        using var t = host.Connect();

        var response = t.SignIn("004");

        Assert.Equal(40, Convert.FromHexString(response.GetString(Field.PrivateData)!).Length);
        Assert.Equal("00000001003", response.GetString(Field.MessageInfo));
        Assert.Null(host.Server.Store.FindTerminal(HostFixture.Tid)!.Tdk);
    }

    [Fact]
    public async Task A_track_encrypted_under_the_issued_key_is_approved_and_recorded_masked()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn("004");

        Assert.Equal("00", Code(t, Swipe(t, Encrypted(t.Tdk!, Track), "2610000000000000", Pan)));
        Assert.DoesNotContain(host.Log, l => l.Contains(Pan, StringComparison.Ordinal) || l.Contains(Track[16..], StringComparison.Ordinal));
        var recorded = host.Server.Store.InTransaction(tx => AcquirerHost.Store.AcquirerStore.FindByStan(tx, HostFixture.Tid, 1, t.Stan));
        Assert.Equal("622588******6783", recorded!.MaskedPan);
    }

    [Fact]
    public async Task A_track_encrypted_under_another_key_is_declined_30()
    {
        var (code, log) = await Swiped("004", t => Swipe(t, Encrypted(WorkingKeys.NewKey(16), Track), "2610000000000000"));

        Assert.Equal("30", code);
        Assert.Contains(log, l => l.Contains("rc=30 (track 2 decrypted:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clear_track_that_F53_says_is_encrypted_is_declined_30()
    {
        Assert.Equal("30", (await Swiped("004", t => Swipe(t, Track, "2610000000000000"))).Code);
    }

    [Fact]
    public async Task A_clear_track_from_a_terminal_holding_a_track_key_is_declined_30()
    {
        var (code, log) = await Swiped("004", t => Swipe(t, Track, "2600000000000000"));

        Assert.Equal("30", code);
        Assert.Contains(log, l => l.Contains("track in clear from a terminal holding a track key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_encrypted_track_from_a_terminal_given_no_track_key_is_declined_30()
    {
        Assert.Equal("30", (await Swiped("003", t => Swipe(t, Encrypted(WorkingKeys.NewKey(16), Track), "2610000000000000"))).Code);
    }

    [Fact]
    public async Task A_decrypted_track_of_another_card_than_F2_is_declined_14()
    {
        Assert.Equal("14", (await Swiped("004", t => Swipe(t, Encrypted(t.Tdk!, Track), "2610000000000000", "6222020000001234567"))).Code);
    }

    [Fact]
    public async Task Garbage_hex_in_an_encrypted_track_is_declined_30()
    {
        Assert.Equal("30", (await Swiped("004", t => Swipe(t, "6225880123456783DABCDEF0123456789ABC", "2610000000000000"))).Code);
    }

    [Fact]
    public void Any_valid_track_2_encrypted_on_the_terminal_decrypts_on_the_host_to_itself()
    {
        var pans = Gen.String[Gen.Char['0', '9'], 12, 18].Select(body => body + LuhnDigit(body));
        var tracks = Gen.Select(pans, Gen.Int[0, 99], Gen.Int[1, 12], Gen.Char["12567"], Gen.String[Gen.Char['0', '9'], 2, 2], Gen.String[Gen.Char['0', '9'], 0, 13])
            .Select((pan, yy, mm, sc1, sc23, dd) => pan + "D" + yy.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + mm.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + sc1 + sc23 + dd)
            .Where(track => track.Length <= 37);
        var keys = Gen.Byte.Array[16].Where(WorkingKeys.IsUsableKey);

        Gen.Select(tracks, keys).Sample((track, tdk) =>
        {
            string sent = Encrypted(tdk, track);
            string? back = TrackData.Decrypt(tdk, sent);
            return sent != track && back == track && TrackData.Problem(back, track.Split('D')[0]) == null;
        }, iter: 500);
    }

    [Fact]
    public void The_host_and_the_terminal_agree_on_the_public_example_block()
    {
        // The same hand-computed vector as the terminal's TrackCipherTests (OpenSSL des-ede of 0820178199916830).
        byte[] tdk = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

        Assert.Equal("1234567890123456789=05" + "4CFC20D6F04568AC" + "2", TrackData.Encrypt(tdk, "1234567890123456789=0508201781999168302"));
    }

    private static char LuhnDigit(string body)
    {
        for (char d = '0'; d <= '9'; d++)
        {
            if (TrackData.Luhn(body + d))
            {
                return d;
            }
        }

        throw new InvalidOperationException();
    }
}
