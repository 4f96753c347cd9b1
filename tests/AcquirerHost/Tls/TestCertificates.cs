using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcquirerHost.Tls;

/// <summary>
/// Makes the test PKI of the host link with .NET's <see cref="CertificateRequest"/>: a CA, and host certificates it
/// issues (or another CA issues) for chosen names and validity, so the set-up and the refusal tests need no openssl.
/// RSA 2048 and SHA-256: what any TLS 1.2 stack takes, mbedTLS on the device included.
/// </summary>
public static class TestCertificates
{
    /// <summary>The names the demo's host certificate carries: the in-process host listens on loopback.</summary>
    public static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "::1"];

    /// <summary>A self-signed CA certificate with its private key, valid from two years ago (so it can issue an already expired certificate) to <paramref name="years"/> years on.</summary>
    public static X509Certificate2 CreateAuthority(string commonName = "Terminal test CA", int years = 10)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Terminal test PKI", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddYears(-2), now.AddYears(years));
    }

    /// <summary>
    /// A host (TLS server) certificate with its private key, issued by <paramref name="authority"/> for
    /// <paramref name="names"/> (DNS names and IP addresses, as subject alternative names), valid over the given span.
    /// </summary>
    public static X509Certificate2 IssueHost(X509Certificate2 authority, IReadOnlyList<string> names, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}, O=Terminal test acquirer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
        {
            if (IPAddress.TryParse(name, out IPAddress? ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;

        // A certificate cannot outlive its issuer's, nor start before it.
        DateTimeOffset start = notBefore > authority.NotBefore ? notBefore : authority.NotBefore;
        DateTimeOffset end = notAfter < authority.NotAfter ? notAfter : authority.NotAfter;
        using X509Certificate2 issued = request.Create(authority, start, end, serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12, so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A host certificate valid from a day ago for two years.</summary>
    public static X509Certificate2 IssueHost(X509Certificate2 authority, IReadOnlyList<string> names)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return IssueHost(authority, names, now.AddDays(-1), now.AddYears(2));
    }
}
