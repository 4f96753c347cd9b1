using System.Text;
using AcquirerHost.Rules;
using AcquirerHost.Tests.Support;
using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;

namespace AcquirerHost.Tests;

/// <summary>The host's PIN check: F52 decrypted under the terminal's PIK or by DUKPT, compared with the test PIN.</summary>
public sealed class PinTests
{
    private const string Pan = "6222020000001234567";
    private static readonly HostCrypto Crypto = new();

    private static byte[] Block(string pin, string pan = Pan)
    {
        byte[] clear = new byte[8];
        Assert.True(PinBlock.Format0(Encoding.ASCII.GetBytes(pin), 0, pin.Length, Encoding.ASCII.GetBytes(pan), 0, pan.Length, clear, 0));
        return clear;
    }

    private static byte[] UnderPik(TestTerminal t, byte[] clear)
    {
        byte[] encrypted = new byte[8];
        Crypto.DesBlock(true, t.Pik!, 0, 16, clear, 0, encrypted, 0);
        return encrypted;
    }

    private static Terminal.Core.Messages.Iso8583.Iso8583Message PinSale(TestTerminal t, byte[] pinBlock, string control = "2600000000000000")
    {
        var m = t.Sale(1000, Pan);
        m.Set(Field.PinBlock, pinBlock, 0, 8);
        m.Set(Field.SecurityControl, control);
        return m;
    }

    [Fact]
    public async Task The_right_pin_under_the_pik_is_approved()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(PinSale(t, UnderPik(t, Block(RuleBook.DefaultPin))))!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_wrong_pin_is_answered_55_and_the_log_shows_neither_pin_nor_block()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] block = UnderPik(t, Block("97531"));

        var r = t.Exchange(PinSale(t, block))!;

        Assert.Equal("55", r.GetString(Field.ResponseCode));
        string log = string.Join("\n", host.Log);
        Assert.Contains("wrong PIN", log, StringComparison.Ordinal);
        Assert.DoesNotContain("97531", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(block), log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_test_pin_comes_from_the_rules()
    {
        await using var host = new HostFixture();
        host.Rules.Replace(RuleBook.Parse("""{ "rules": [], "pin": "2468" }"""));
        using var t = host.Connect();
        t.SignIn();

        Assert.Equal("55", t.Exchange(PinSale(t, UnderPik(t, Block(RuleBook.DefaultPin))))!.GetString(Field.ResponseCode));
        Assert.Equal("00", t.Exchange(PinSale(t, UnderPik(t, Block("2468"))))!.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_block_made_with_another_card_number_does_not_open_and_is_answered_99()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        // Same PIN, block bound to a different PAN: the PAN field XORs out to garbage.
        var r = t.Exchange(PinSale(t, UnderPik(t, Block(RuleBook.DefaultPin, "4012345678909"))))!;

        Assert.Equal("99", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_dukpt_block_is_checked_with_the_key_derived_from_the_bdk_and_the_ksn_in_F62()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] ksn = Convert.FromHexString("FFFF9876543210E00000");
        byte[] ipek = new byte[16];
        new Dukpt(Crypto).InitialKey(Convert.FromHexString(RuleBook.DefaultDukptBdk), 0, ksn, 0, ipek, 0);
        var registers = new DukptRegisters(Crypto);
        registers.LoadInitialKey(ipek, 0, ksn, 0);

        foreach (var (pin, expected) in new[] { (RuleBook.DefaultPin, "00"), ("0000", "55"), (RuleBook.DefaultPin, "00") })
        {
            byte[] block = new byte[8];
            byte[] used = new byte[10];
            Assert.True(registers.EncryptPinBlock(Block(pin), 0, block, 0, used, 0));
            var m = PinSale(t, block, "2601000000000000");
            m.Set(Field.PrivateData, used, 0, 10);
            Assert.Equal(expected, t.Exchange(m)!.GetString(Field.ResponseCode));
        }
    }

    [Fact]
    public async Task A_dukpt_block_without_a_ksn_is_answered_99()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        Assert.Equal("99", t.Exchange(PinSale(t, new byte[8], "2601000000000000"))!.GetString(Field.ResponseCode));
    }

    [Theory]
    [InlineData("""{ "pin": "12" }""")]
    [InlineData("""{ "pin": "12ab" }""")]
    [InlineData("""{ "dukptBdk": "0123" }""")]
    public void A_rules_file_with_a_bad_pin_or_bdk_is_refused(string json)
    {
        Assert.Throws<System.Text.Json.JsonException>(() => new RuleBook().Replace(RuleBook.Parse(json)));
    }
}
