using AcquirerHost.Tests.Support;

namespace AcquirerHost.Tests;

public sealed class Ascii87Tests
{
    [Fact]
    public async Task Sign_in_and_sale_work_in_the_ascii87_profile()
    {
        await using var host = new HostFixture("ascii87");
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000))!;

        Assert.Equal(210, r.Mti);
        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.True(t.ResponseMacValid(r));
        Assert.Equal((byte)'0', t.LastResponseBytes![0]); // text MTI "0210", no TPDU
    }

    [Fact]
    public async Task A_bad_MAC_is_answered_A0_in_the_ascii87_profile()
    {
        await using var host = new HostFixture("ascii87");
        using var t = host.Connect();
        t.SignIn();
        byte[] bytes = t.Pack(t.Sale(1000));
        bytes[^1] = bytes[^1] == (byte)'0' ? (byte)'1' : (byte)'0';

        t.SendBytes(bytes);

        Assert.Equal("A0", t.Receive()!.GetString(Field.ResponseCode));
    }
}
