using System.Text;
using AcquirerHost.Store;
using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>Online PIN end to end: keyed on the simulated terminal, sent in F52, checked by AcquirerHost.</summary>
public sealed class PinTests
{
    // A PIN no other output would hold by chance (timestamps, amounts, STANs).
    private const string HostPin = "86420975";

    private sealed class LinesSink : Terminal.Core.Messages.WireTrace.IWireTraceSink
    {
        public StringBuilder Text { get; } = new();

        public void WriteLine(string line)
        {
            lock (Text)
            {
                Text.AppendLine(line);
            }
        }
    }

    private static async Task<TerminalRig> PinRig(LinesSink? wire = null, StringBuilder? hostLog = null)
    {
        var rig = TerminalRig.Start(
            "tcp",
            new SimulatedBoardOptions { KeepTraceText = true },
            wire,
            hostLog: hostLog == null ? null : line => { lock (hostLog) { hostLog.AppendLine(line); } });
        rig.Host.Rules.Pin = HostPin;
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        await Task.CompletedTask;
        return rig;
    }

    private static List<AuthorizationRecord> HostSales(TerminalRig rig) =>
        rig.Host.Store.Authorizations(TerminalRig.TerminalId).Where(a => a.Kind == "sale").ToList();

    private static string PinSale(TerminalRig rig, long fen, string payment, string pin)
    {
        rig.KeyAmount(fen);
        rig.Present(payment);
        rig.Board.RunFor(300);
        Assert.Contains("ENTER PIN", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        rig.Type(pin);
        rig.Press(KeyCode.Enter);
        rig.Board.RunWhileHostBusy();
        return rig.Pos.LastMessage;
    }

    [Fact]
    public async Task A_card_whose_service_code_requires_a_pin_is_approved_with_the_right_pin()
    {
        await using var rig = await PinRig();

        Assert.Equal("Approved", PinSale(rig, 2345, "swipe:unionpay-pin", HostPin));

        TxnEntry sale = rig.Store.At(0);
        Assert.Equal(TxnState.Approved, sale.State);
        Assert.Equal("00", Assert.Single(HostSales(rig)).ResponseCode);
    }

    [Fact]
    public async Task A_wrong_pin_is_declined_by_the_host_as_wrong_pin()
    {
        await using var rig = await PinRig();

        Assert.Equal("Wrong PIN", PinSale(rig, 2345, "swipe:unionpay-pin", "1111"));

        Assert.Equal(TxnState.Declined, rig.Store.At(0).State);
        Assert.Equal("55", Assert.Single(HostSales(rig)).ResponseCode);
    }

    [Fact]
    public async Task A_card_without_a_pin_service_code_is_sold_without_asking()
    {
        await using var rig = await PinRig();

        Assert.Equal("Approved", rig.Sale(2345, "swipe:unionpay"));
    }

    [Fact]
    public async Task Digits_show_as_stars_and_clear_starts_the_pin_again()
    {
        await using var rig = await PinRig();
        rig.KeyAmount(990);
        rig.Present("swipe:unionpay-pin");
        rig.Type("97");
        Assert.Contains("**", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.DoesNotContain("97", rig.Board.Display.FrameText(), StringComparison.Ordinal);

        rig.Press(KeyCode.Clear);
        rig.Type(HostPin);
        rig.Press(KeyCode.Enter);
        rig.Board.RunWhileHostBusy();

        Assert.Equal("Approved", rig.Pos.LastMessage);
    }

    [Fact]
    public async Task Enter_with_three_digits_is_refused_and_the_pin_screen_stays()
    {
        await using var rig = await PinRig();
        rig.KeyAmount(990);
        rig.Present("swipe:unionpay-pin");
        rig.Type("123");
        rig.Press(KeyCode.Enter);
        rig.Board.RunFor(500);

        Assert.Equal("PIN has 4 to 12 digits", rig.Pos.LastMessage);
        Assert.Contains("ENTER PIN", rig.Board.Display.FrameText(), StringComparison.Ordinal);
        Assert.Equal(0, rig.Store.Count);
    }

    [Fact]
    public async Task Cancelling_the_pin_sends_nothing()
    {
        await using var rig = await PinRig();
        rig.KeyAmount(990);
        rig.Present("swipe:unionpay-pin");
        rig.Type("12");
        rig.Press(KeyCode.Cancel);
        rig.Board.RunFor(1000);

        Assert.True(rig.Pos.Idle);
        Assert.Equal("PIN cancelled: nothing sent", rig.Pos.LastMessage);
        Assert.Equal(0, rig.Store.Count);
        Assert.Empty(HostSales(rig));
    }

    [Fact]
    public async Task A_pin_screen_left_alone_times_out_to_idle_and_sends_nothing()
    {
        await using var rig = await PinRig();
        rig.KeyAmount(990);
        rig.Present("swipe:unionpay-pin");
        rig.Type("12");
        rig.Board.RunFor(TerminalApp.PinTimeoutMs + 1000);

        Assert.True(rig.Pos.Idle);
        Assert.Equal("Timed out: no PIN, nothing sent", rig.Pos.LastMessage);
        Assert.Equal(0, rig.Store.Count);
        Assert.Empty(HostSales(rig));
    }

    [Fact]
    public async Task A_tap_above_the_contactless_cvm_limit_asks_for_the_pin_and_one_below_does_not()
    {
        await using var rig = await PinRig();
        Assert.Equal("Approved", rig.Sale(TerminalApp.ContactlessCvmLimit, "tap:unionpay"));

        Assert.Equal("Approved", PinSale(rig, TerminalApp.ContactlessCvmLimit + 1, "tap:unionpay", HostPin));
        Assert.Equal(2, HostSales(rig).Count(a => a.ResponseCode == "00"));
    }

    [Fact]
    public async Task With_dukpt_injected_the_pin_goes_by_dukpt_and_each_sale_uses_the_next_key()
    {
        await using var rig = await PinRig();
        var crypto = new HostCrypto();
        byte[] ksn = Convert.FromHexString("FFFF9876543210E00000");
        byte[] ipek = new byte[16];
        new Dukpt(crypto).InitialKey(Convert.FromHexString(AcquirerHost.Rules.RuleBook.DefaultDukptBdk), 0, ksn, 0, ipek, 0);
        new DukptCipher(rig.Keys, crypto).Inject(ipek, 0, ksn, 0);

        Assert.Equal("Approved", PinSale(rig, 1500, "swipe:unionpay-pin", HostPin));
        rig.Press(KeyCode.Cancel);
        rig.Board.RunFor(500);
        Assert.Equal("Wrong PIN", PinSale(rig, 1500, "swipe:unionpay-pin", "0000"));

        byte[] state = new byte[DukptRegisters.StateLength];
        Assert.Equal(DukptRegisters.StateLength, rig.Keys.Load(KeySlot.DukptRegisters, state, 0));
        var registers = new DukptRegisters(crypto);
        Assert.True(registers.Restore(state, 0, state.Length));
        Assert.Equal(3, registers.Counter);
    }

    [Fact]
    public async Task Neither_the_pin_nor_the_pin_block_appears_in_the_wire_trace_journal_display_or_host_log()
    {
        var wire = new LinesSink();
        var hostLog = new StringBuilder();
        await using var rig = await PinRig(wire, hostLog);

        Assert.Equal("Approved", PinSale(rig, 4321, "swipe:unionpay-pin", HostPin));

        // The block the terminal sent: the format 0 block under the PIK sign-in stored.
        byte[] pik = new byte[16];
        Assert.Equal(16, rig.Keys.Load(KeySlot.Pik, pik, 0));
        byte[] clear = new byte[8];
        Assert.True(PinBlock.Format0(Encoding.ASCII.GetBytes(HostPin), 0, HostPin.Length, Encoding.ASCII.GetBytes(EmvTestCards.UnionPayPan), 0, EmvTestCards.UnionPayPan.Length, clear, 0));
        byte[] encrypted = new byte[8];
        new HostCrypto().DesBlock(true, pik, 0, 16, clear, 0, encrypted, 0);

        byte[] flash = rig.Board.Flash.Image();
        var outputs = new List<(string Where, string Text)>
        {
            ("journal flash image", Encoding.Latin1.GetString(flash)),
            ("journal flash image as hex", Convert.ToHexString(flash)),
            ("display frames and device links", rig.Board.Trace.Text),
            ("display now", rig.Board.Display.FrameText()),
            ("wire trace", wire.Text.ToString()),
            ("host log", hostLog.ToString()),
        };
        // F53: PIN format 2, double length 6, and the track encrypted under the TDK sign-in stored (53.3 = 1).
        Assert.Contains("2610000000000000", wire.Text.ToString(), StringComparison.Ordinal);
        byte[] tdk = new byte[16];
        Assert.Equal(16, rig.Keys.Load(KeySlot.Tdk, tdk, 0));
        Assert.Contains("PIN verified", hostLog.ToString(), StringComparison.Ordinal);
        foreach (var (where, text) in outputs)
        {
            Assert.False(text.Contains(HostPin, StringComparison.Ordinal), $"{where} holds the PIN");
            Assert.False(text.Contains(Convert.ToHexString(encrypted), StringComparison.OrdinalIgnoreCase), $"{where} holds the PIN block");
            Assert.False(text.Contains(Encoding.Latin1.GetString(encrypted), StringComparison.Ordinal), $"{where} holds the PIN block bytes");
            Assert.False(text.Contains(Convert.ToHexString(clear), StringComparison.OrdinalIgnoreCase), $"{where} holds the clear PIN block");
            Assert.False(text.Contains(Convert.ToHexString(pik), StringComparison.OrdinalIgnoreCase), $"{where} holds the PIK");
            Assert.False(text.Contains(Convert.ToHexString(tdk[..8]), StringComparison.OrdinalIgnoreCase), $"{where} holds the TDK");
        }
    }

    [Fact]
    public async Task Without_a_pin_key_the_card_is_refused_before_anything_is_sent()
    {
        await using var rig = await PinRig();
        rig.Keys.Erase(KeySlot.Pik);
        rig.KeyAmount(990);
        rig.Present("swipe:unionpay-pin");
        rig.Board.RunFor(500);

        Assert.Equal("No PIN key: sign in first (MENU 8)", rig.Pos.LastMessage);
        Assert.Equal(0, rig.Store.Count);
    }
}

/// <summary>The terminal's keys in the encrypted key-store file, end to end.</summary>
public sealed class KeyFileTests
{
    [Fact]
    public async Task Signed_in_keys_live_in_the_encrypted_file_never_in_clear_and_a_new_instance_reads_them()
    {
        string dir = Directory.CreateTempSubdirectory("rig-keys-").FullName;
        string file = Path.Combine(dir, "keys.bin");
        string secret = Path.Combine(dir, "keys.bin.secret");
        try
        {
            byte[] pik = new byte[16];
            using (var keys = Terminal.Drivers.Simulated.Keys.FileKeyStore.OpenWithSecretFile(file, secret))
            {
                await using var rig = TerminalRig.Start("tcp", keys: keys);
                rig.ProvisionFromConfig();
                rig.Boot();
                Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
                Assert.Equal("Approved", rig.Sale(1000, "swipe:visa"));
                Assert.Equal(16, keys.Load(KeySlot.Pik, pik, 0));
            }

            byte[] bytes = File.ReadAllBytes(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(pik.AsSpan(0, 8)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(TerminalRig.MasterKey.AsSpan(0, 8)));
            using var again = Terminal.Drivers.Simulated.Keys.FileKeyStore.OpenWithSecretFile(file, secret);
            byte[] reread = new byte[16];
            Assert.Equal(16, again.Load(KeySlot.Pik, reread, 0));
            Assert.Equal(pik, reread);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}

/// <summary>`terminal demo --keys`: the encrypted key file on the command line.</summary>
[Collection("Console")]
public sealed class DemoKeyFileTests
{
    [Fact]
    public void A_tampered_key_file_stops_the_demo_with_a_clear_message_and_exit_code_2()
    {
        string dir = Directory.CreateTempSubdirectory("demo-keys-").FullName;
        string keys = Path.Combine(dir, "keys.bin");
        try
        {
            using (var store = Terminal.Drivers.Simulated.Keys.FileKeyStore.OpenWithSecretFile(keys, keys + ".secret"))
            {
                store.Store(KeySlot.Tmk, TerminalRig.MasterKey, 0, 16);
            }

            byte[] bytes = File.ReadAllBytes(keys);
            bytes[^1] ^= 0x20;
            File.WriteAllBytes(keys, bytes);

            var (exit, output, error) = CliTests.Run("demo", "--out", Path.Combine(dir, "out"), "--keys", keys);

            Assert.Equal(2, exit);
            Assert.Contains("key store:", error, StringComparison.Ordinal);
            Assert.Contains("does not authenticate", error, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(TerminalRig.MasterKey), output + error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
