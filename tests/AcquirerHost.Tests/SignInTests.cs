using System.Globalization;
using AcquirerHost.Security;
using AcquirerHost.Tests.Support;

namespace AcquirerHost.Tests;

public sealed class SignInTests
{
    [Fact]
    public void Working_keys_decrypt_under_a_double_length_TMK_as_in_the_public_worked_example()
    {
        byte[] clear = WorkingKeys.Transform(false, HostFixture.Tmk, Convert.FromHexString("96D605EA176B7E9E"));

        Assert.Equal("C24A8FB57AA20123", Convert.ToHexString(clear));
    }

    [Fact]
    public async Task Sign_in_returns_a_PIK_and_MAK_under_the_TMK_whose_check_values_match()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();

        var response = terminal.SignIn();

        byte[] f62 = Convert.FromHexString(response.GetString(Field.PrivateData)!);
        Assert.Equal(40, f62.Length); // double-length TMK: PIK(16) + CV(4) + MAK(16) + CV(4)
        Assert.Equal(16, terminal.Mak!.Length);
        Assert.Equal(WorkingKeys.CheckValue(terminal.Pik!), f62[16..20]);
        var stored = host.Server.Store.FindTerminal(HostFixture.Tid)!;
        Assert.Equal(stored.Mak, terminal.Mak);
        Assert.Equal(stored.Pik, terminal.Pik);
    }

    [Fact]
    public async Task Sign_in_response_carries_a_MAC_under_the_new_MAK()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();

        var response = terminal.SignIn();

        Assert.Equal(810, response.Mti);
        Assert.True(terminal.ResponseMacValid(response));
    }

    [Fact]
    public async Task Sign_in_sets_time_date_and_batch_number()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();

        var response = terminal.SignIn();

        Assert.Matches("^[0-2][0-9][0-5][0-9][0-5][0-9]$", response.GetString(Field.LocalTime));
        Assert.Equal(DateTime.Now.ToString("MMdd", CultureInfo.InvariantCulture), response.GetString(Field.LocalDate));
        Assert.Equal("00000001003", response.GetString(Field.MessageInfo));
    }

    [Fact]
    public async Task Reply_swaps_TPDU_destination_and_source_and_echoes_the_header()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();

        terminal.SignIn();

        byte[] reply = terminal.LastResponseBytes!;
        Assert.Equal(new byte[] { 0x60, 0x00, 0x00, 0x00, 0x03 }, reply[..5]);
        Assert.Equal(TestTerminal.Header, reply[5..11]);
    }

    [Fact]
    public async Task A_single_length_TMK_gets_single_length_working_keys()
    {
        await using var host = new HostFixture();
        byte[] tmk = Convert.FromHexString("C24A8FB57AA20123");
        host.Server.ProvisionTerminal("87654321", HostFixture.Mid, tmk);
        using var terminal = new TestTerminal(new TcpTransport(host.Server.TcpPort), host.Server.Profile, "87654321", HostFixture.Mid, tmk);

        var response = terminal.SignIn();

        Assert.Equal(24, Convert.FromHexString(response.GetString(Field.PrivateData)!).Length);
        Assert.Equal(8, terminal.Mak!.Length);
        Assert.True(terminal.ResponseMacValid(response));
    }

    [Fact]
    public async Task Each_sign_in_issues_fresh_keys()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();

        terminal.SignIn();
        byte[] first = terminal.Mak!;
        terminal.SignIn();

        Assert.NotEqual(first, terminal.Mak);
    }

    [Fact]
    public async Task An_unknown_terminal_is_answered_03()
    {
        await using var host = new HostFixture();
        using var terminal = new TestTerminal(new TcpTransport(host.Server.TcpPort), host.Server.Profile, "99999999", HostFixture.Mid, HostFixture.Tmk);

        var response = terminal.Exchange(terminal.Request(800, null, null, "00", "003"), mac: false)!;

        Assert.Equal("03", response.GetString(Field.ResponseCode));
        Assert.False(response.Has(Field.PrivateData));
    }

    [Fact]
    public async Task Echo_0820_is_answered_0830_with_00_and_a_valid_MAC()
    {
        await using var host = new HostFixture();
        using var terminal = host.Connect();
        terminal.SignIn();

        var response = terminal.Exchange(terminal.Request(820, null, null, "00", "301"))!;

        Assert.Equal(830, response.Mti);
        Assert.Equal("00", response.GetString(Field.ResponseCode));
        Assert.True(terminal.ResponseMacValid(response));
    }
}
