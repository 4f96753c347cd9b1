using System.Net;
using System.Net.Sockets;
using AcquirerHost;
using AcquirerHost.Rules;
using AcquirerHost.Tls;
using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.PcAdapters;
using Terminal.Simulator.Tests.Payments;
using Xunit;

namespace Terminal.Simulator.Tests.Tls;

/// <summary>
/// The terminal's TCP link over TLS 1.2 with the CA pinned: a good host signs in and sells; an expired, wrong-name or
/// unknown-CA certificate, a host that hangs up in the handshake and a host that does not speak TLS are each refused
/// with the reason on the terminal's screen, and nothing is approved over them.
/// </summary>
public sealed class TlsLinkTests
{
    [Fact]
    public async Task A_host_with_a_good_certificate_signs_the_terminal_in_and_approves_a_sale_over_TLS()
    {
        await using var rig = await SaleFlowTests.ReadyRig("tls");
        Assert.Contains("TLS 1.2", rig.Description, StringComparison.Ordinal);

        Assert.Equal("Approved", rig.Sale(1234, "swipe:unionpay"));
        Assert.Equal(TxnState.Approved, rig.Store.At(0).State);
        Assert.Single(rig.Host.Store.Authorizations(TerminalRig.TerminalId), a => a.Kind == "sale");
    }

    [Theory]
    [InlineData("expired", "Host certificate refused: expired", LinkFailure.CertificateExpired)]
    [InlineData("wrong-host", "Host certificate refused: wrong host name", LinkFailure.CertificateWrongHost)]
    [InlineData("unknown-ca", "Host certificate refused: unknown CA", LinkFailure.CertificateUnknownCa)]
    public async Task A_refused_host_certificate_is_named_on_the_screen_and_the_terminal_does_not_sign_in(string served, string message, LinkFailure failure)
    {
        HostTlsFolder folder = served switch
        {
            "expired" => TestTls.Pki.Expired,
            "wrong-host" => TestTls.Pki.WrongHost,
            _ => TestTls.Pki.UnknownCa,
        };
        await using var host = StartHost(folder);

        using var board = BoardPinning(TestTls.Pki.Good, host.TcpPort);
        board.Boot();
        board.RunWhileHostBusy();

        Assert.False(board.Payments.Engine.SignedIn);
        Assert.Contains(message, board.Payments.LastMessage, StringComparison.Ordinal);
        Assert.Contains(message, ScreenText(board), StringComparison.Ordinal);
        Assert.Equal(failure, board.Firmware.Host.LinkFailure);
        Assert.Null(host.Store.FindTerminal(TerminalRig.TerminalId)?.SignedInAt);
    }

    [Fact]
    public async Task A_sale_whose_reconnect_meets_an_expired_certificate_is_not_approved_and_stays_owed_for_reversal()
    {
        await using var rig = await SaleFlowTests.ReadyRig("tls");

        // The host takes the sale, then hangs up; from now on it shows an expired certificate.
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*66", Action = RuleAction.DropConnection, Times = 1 });
        rig.Host.ServeCertificate(TestTls.Pki.Expired.LoadHostCertificate());
        string message = rig.Sale(1066, "swipe:visa");

        Assert.Contains("Host certificate refused: expired", message, StringComparison.Ordinal);
        Assert.Contains("Host certificate refused: expired", ScreenText(rig.Board) + rig.Pos.LastMessage, StringComparison.Ordinal);
        TxnEntry sale = rig.Store.At(0);
        Assert.Equal(TxnState.ReversalPending, sale.State);

        // With a good certificate again, the reversal the journal owes goes first and the host undoes the sale.
        rig.Host.ServeCertificate(TestTls.Pki.Good.LoadHostCertificate());
        Assert.Equal("Approved", rig.Sale(500, "swipe:visa"));
        Assert.Equal(TxnState.Reversed, rig.Store.At(0).State);
        Assert.Equal("reversed", rig.Host.Store.Authorizations(TerminalRig.TerminalId).First(a => a.Kind == "sale").Status);
    }

    [Fact]
    public async Task A_host_that_hangs_up_in_the_handshake_is_a_failed_secure_link_on_the_screen()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var hangUp = Task.Run(async () =>
        {
            // Take the ClientHello, then close without a ServerHello.
            using TcpClient client = await listener.AcceptTcpClientAsync();
            _ = await client.GetStream().ReadAsync(new byte[512]);
        });

        using var board = BoardPinning(TestTls.Pki.Good, ((IPEndPoint)listener.LocalEndpoint).Port);
        board.Boot();
        board.RunWhileHostBusy();
        await hangUp;

        Assert.False(board.Payments.Engine.SignedIn);
        Assert.Contains("Secure link to host failed: no TLS handshake", ScreenText(board), StringComparison.Ordinal);
        Assert.Equal(LinkFailure.HandshakeFailed, board.Firmware.Host.LinkFailure);
    }

    [Fact]
    public async Task A_plain_TCP_host_is_refused_when_the_terminal_expects_TLS()
    {
        await using var host = StartHost(null);

        using var board = BoardPinning(TestTls.Pki.Good, host.TcpPort);
        board.Boot();
        board.RunWhileHostBusy();

        Assert.False(board.Payments.Engine.SignedIn);
        Assert.Contains("Secure link to host failed: no TLS handshake", ScreenText(board), StringComparison.Ordinal);
        Assert.Null(host.Store.FindTerminal(TerminalRig.TerminalId)?.SignedInAt);
    }

    [Fact]
    public async Task A_refusal_is_shown_in_Chinese_on_a_Chinese_terminal()
    {
        await using var host = StartHost(TestTls.Pki.Expired);
        using var board = new SimulatedBoard(new SimulatedBoardOptions
        {
            Provisioning = ProvisioningFile.Demo with { Language = Terminal.Core.Ui.Language.Chinese },
            HostLink = _ => TlsTransport(TestTls.Pki.Good, host.TcpPort),
        });
        board.Boot();
        board.RunWhileHostBusy();

        Assert.Contains("主机证书被拒绝：已过期", board.Payments.LastMessage, StringComparison.Ordinal);
    }

    private static AcquirerHostServer StartHost(HostTlsFolder? served)
    {
        var host = new AcquirerHostServer(new AcquirerHostOptions
        {
            TcpPort = 0,
            DatabasePath = Path.Combine(Directory.CreateTempSubdirectory("tls-host-").FullName, "host.db"),
            TlsCertificate = served?.LoadHostCertificate(),
        });
        host.ProvisionTerminal(TerminalRig.TerminalId, TerminalRig.MerchantId, TerminalRig.MasterKey);
        host.Start();
        return host;
    }

    // A terminal set up from the demo file whose TCP link pins the CA of <pinned> and goes to 127.0.0.1:port.
    private static SimulatedBoard BoardPinning(HostTlsFolder pinned, int port) => new(new SimulatedBoardOptions
    {
        Provisioning = ProvisioningFile.Demo,
        HostLink = _ => TlsTransport(pinned, port),
    });

    private static TcpHostTransport TlsTransport(HostTlsFolder pinned, int port) =>
        new(new TlsNetworkStream(pinned.LoadAuthority()), "127.0.0.1", port, FactoryDefaults.MaxMessage, FactoryDefaults.TcpConnectTimeoutMs);

    private static string ScreenText(SimulatedBoard board) =>
        string.Join(" ", Enumerable.Range(0, board.Display.Rows).Select(r => board.Display.RowText(r).Trim()));
}
