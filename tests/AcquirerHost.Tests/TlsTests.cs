using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AcquirerHost.Tests.Support;
using AcquirerHost.Tls;

namespace AcquirerHost.Tests;

/// <summary>The host's TCP link over TLS 1.2: the handshake, what a terminal refuses, and a client that does not speak TLS.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task A_terminal_pinning_the_test_CA_signs_in_over_TLS_1_2()
    {
        await using var host = new HostFixture(tls: true);
        using var transport = new TcpTransport(host.Server.TcpPort, HostFixture.TestPki.Good.LoadAuthority());
        using var t = new TestTerminal(transport, host.Server.Profile, HostFixture.Tid, HostFixture.Mid, HostFixture.Tmk);

        t.SignIn();

        Assert.Equal(SslProtocols.Tls12, transport.Protocol);
        Assert.Equal("00", t.Exchange(t.Sale(1000))!.GetString(Field.ResponseCode));
        Assert.Contains(host.Log, l => l.Contains("Tls12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_refused_by_a_terminal_checking_the_host_name()
    {
        await using var host = new HostFixture(tls: true);

        Assert.Throws<AuthenticationException>(() => new TcpTransport(host.Server.TcpPort, HostFixture.TestPki.Good.LoadAuthority(), "acquirer.example"));
    }

    [Fact]
    public async Task A_host_certificate_from_another_CA_is_refused()
    {
        await using var host = new HostFixture(tls: true);
        host.Server.ServeCertificate(HostFixture.TestPki.UnknownCa.LoadHostCertificate());

        Assert.Throws<AuthenticationException>(() => new TcpTransport(host.Server.TcpPort, HostFixture.TestPki.Good.LoadAuthority()));
    }

    [Fact]
    public async Task A_plain_client_on_the_TLS_port_is_dropped_without_an_answer_and_logged()
    {
        await using var host = new HostFixture(tls: true);
        using var t = new TestTerminal(new TcpTransport(host.Server.TcpPort), host.Server.Profile, HostFixture.Tid, HostFixture.Mid, HostFixture.Tmk);

        t.SendBytes(t.Pack(t.Sale(1000)));

        Assert.ThrowsAny<Exception>(() => t.Receive(5000) ?? throw new EndOfStreamException());
        Assert.Empty(host.Server.Store.Authorizations(HostFixture.Tid));
        Assert.Contains(host.Log, l => l.Contains("tls: handshake with", StringComparison.Ordinal));
    }

    [Fact]
    public void The_set_up_folder_is_made_once_and_kept_while_its_host_certificate_is_valid()
    {
        string folder = Path.Combine(Directory.CreateTempSubdirectory("tls-setup-").FullName, "tls");

        var first = HostTlsFolder.Ensure(folder, out bool created);
        string ca = File.ReadAllText(first.CaFile);
        var second = HostTlsFolder.Ensure(folder, out bool createdAgain);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(ca, File.ReadAllText(second.CaFile));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", ca, StringComparison.Ordinal);
        using var hostCertificate = second.LoadHostCertificate();
        var names = hostCertificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(names.EnumerateIPAddresses(), ip => ip.ToString() == "127.0.0.1");
        Assert.Contains("localhost", names.EnumerateDnsNames());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.HostFile));
        }
    }
}
