using AcquirerHost.Tests.Support;

namespace AcquirerHost.Tests;

public sealed class MacTests
{
    [Fact]
    public async Task A_request_with_a_bad_MAC_is_answered_A0_and_not_processed()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] bytes = t.Pack(t.Sale(1000));
        bytes[^1] ^= 0x01;

        t.SendBytes(bytes);
        var r = t.Receive()!;

        Assert.Equal("A0", r.GetString(Field.ResponseCode));
        Assert.Empty(host.Server.Store.Authorizations(HostFixture.Tid));
    }

    [Fact]
    public async Task An_A0_answer_still_carries_a_correct_MAC()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] bytes = t.Pack(t.Sale(1000));
        bytes[^3] ^= 0x40;

        t.SendBytes(bytes);
        var r = t.Receive()!;

        Assert.True(t.ResponseMacValid(r));
    }

    [Fact]
    public async Task A_request_without_a_MAC_is_answered_A0()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000), mac: false)!;

        Assert.Equal("A0", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task A_MAC_under_an_old_MAK_is_refused_after_a_new_sign_in()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] old = t.Mak!;
        t.SignIn();
        t.Mak = old;

        var r = t.Exchange(t.Sale(1000))!;

        Assert.Equal("A0", r.GetString(Field.ResponseCode));
    }
}
