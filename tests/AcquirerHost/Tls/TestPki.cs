using System.Security.Cryptography.X509Certificates;

namespace AcquirerHost.Tls;

/// <summary>
/// A CA and four host set-ups under one folder, for tests of the TLS link: each sub-folder pins the same CA
/// (<c>ca.crt</c>) and serves another host certificate: <see cref="Good"/> (loopback names, valid),
/// <see cref="Expired"/>, <see cref="WrongHost"/> (for acquirer.example only) and <see cref="UnknownCa"/> (loopback
/// names, issued by another CA).
/// </summary>
public sealed class TestPki
{
    private TestPki(HostTlsFolder good, HostTlsFolder expired, HostTlsFolder wrongHost, HostTlsFolder unknownCa)
    {
        Good = good;
        Expired = expired;
        WrongHost = wrongHost;
        UnknownCa = unknownCa;
    }

    /// <summary>A valid certificate for localhost, 127.0.0.1 and ::1.</summary>
    public HostTlsFolder Good { get; }

    /// <summary>A certificate that expired yesterday.</summary>
    public HostTlsFolder Expired { get; }

    /// <summary>A valid certificate for acquirer.example only.</summary>
    public HostTlsFolder WrongHost { get; }

    /// <summary>A valid certificate for the loopback names from a CA the terminal does not pin.</summary>
    public HostTlsFolder UnknownCa { get; }

    /// <summary>Makes the CAs and the certificates under <paramref name="folder"/>.</summary>
    public static TestPki Create(string folder)
    {
        using X509Certificate2 ca = TestCertificates.CreateAuthority();
        using X509Certificate2 other = TestCertificates.CreateAuthority("Some other CA");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 good = TestCertificates.IssueHost(ca, TestCertificates.LoopbackNames);
        using X509Certificate2 expired = TestCertificates.IssueHost(ca, TestCertificates.LoopbackNames, now.AddDays(-400), now.AddDays(-1));
        using X509Certificate2 wrongHost = TestCertificates.IssueHost(ca, ["acquirer.example"]);
        using X509Certificate2 unknownCa = TestCertificates.IssueHost(other, TestCertificates.LoopbackNames);
        return new TestPki(
            HostTlsFolder.Create(Path.Combine(folder, "good"), ca, good),
            HostTlsFolder.Create(Path.Combine(folder, "expired"), ca, expired),
            HostTlsFolder.Create(Path.Combine(folder, "wrong-host"), ca, wrongHost),
            HostTlsFolder.Create(Path.Combine(folder, "unknown-ca"), ca, unknownCa));
    }
}
