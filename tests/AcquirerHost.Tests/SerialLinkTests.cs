using AcquirerHost.Links;
using AcquirerHost.Tests.Support;
using Terminal.Core.Link;

namespace AcquirerHost.Tests;

public sealed class SerialLinkTests
{
    [Fact]
    public async Task Sign_in_and_sale_work_over_a_serial_pty_with_ACK_NAK_framing()
    {
        using var pty = new PtyPair();
        await using var host = new HostFixture(serialDevice: pty.HostEnd, tcp: false);
        var link = new SerialTransport(pty.TerminalEnd);
        using var t = new TestTerminal(link, host.Server.Profile, HostFixture.Tid, HostFixture.Mid, HostFixture.Tmk);

        t.SignIn();
        var r = t.Exchange(t.Sale(1000))!;

        Assert.Equal(("00", true), (r.GetString(Field.ResponseCode), t.ResponseMacValid(r)));
        Assert.Equal(0, link.Framer.Retransmissions);
        Assert.Equal(2, link.Framer.FramesReceived);
    }

    [Fact]
    public async Task The_host_NAKs_a_frame_with_a_bad_LRC()
    {
        using var pty = new PtyPair();
        await using var host = new HostFixture(serialDevice: pty.HostEnd, tcp: false);
        using var link = new SerialTransport(pty.TerminalEnd);

        link.WriteRaw([SerialFramer.Stx, 0x00, 0x02, 0x08, 0x00, SerialFramer.Etx, 0x7F]);
        byte[] answer = link.ReadRaw(2000);

        Assert.Equal(new[] { SerialFramer.Nak }, answer);
    }

    [Fact]
    public async Task A_no_answer_rule_over_serial_still_ACKs_the_request_frame()
    {
        using var pty = new PtyPair();
        await using var host = new HostFixture(serialDevice: pty.HostEnd, tcp: false);
        var link = new SerialTransport(pty.TerminalEnd);
        using var t = new TestTerminal(link, host.Server.Profile, HostFixture.Tid, HostFixture.Mid, HostFixture.Tmk);
        t.SignIn();
        host.Rules.Add(new Rules.ResponseRule { Mti = "0200", Action = Rules.RuleAction.NoAnswer });

        var r = t.Exchange(t.Sale(1000), timeoutMs: 1500);

        Assert.Null(r);
        Assert.Equal(SerialSendState.Idle, link.Framer.SendState);
        Assert.Equal(0, link.Framer.Retransmissions);
        Assert.Single(host.Server.Store.Authorizations(HostFixture.Tid));
    }
}
