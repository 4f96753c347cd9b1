using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcquirerHost.Tls;

/// <summary>
/// The folder holding the host link's test PKI: <c>ca.crt</c> (the CA certificate, PEM: what the terminal pins, and
/// what goes onto a device as <c>I:\host-ca.pem</c>) and <c>host.pfx</c> (the acquirer host's certificate and private
/// key, PKCS#12 without a password). Created on first use; nothing in it is ever committed. The CA's own private key
/// is not kept: a new set-up makes a new CA.
/// </summary>
public sealed class HostTlsFolder
{
    /// <summary>File name of the CA certificate.</summary>
    public const string CaFileName = "ca.crt";

    /// <summary>File name of the host's certificate and key.</summary>
    public const string HostFileName = "host.pfx";

    private HostTlsFolder(string path)
    {
        Path = path;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The CA certificate file (PEM).</summary>
    public string CaFile => System.IO.Path.Combine(Path, CaFileName);

    /// <summary>The host certificate and key file (PKCS#12).</summary>
    public string HostFile => System.IO.Path.Combine(Path, HostFileName);

    /// <summary>
    /// The default folder: <c>tls</c> in the simulator's private folder (<c>$TERMINAL_HOME</c>, else
    /// <c>$XDG_CONFIG_HOME/terminal</c>, else <c>~/.config/terminal</c>), outside the repository so that a fresh
    /// clone, every demo and an external host share one set-up.
    /// </summary>
    public static string DefaultPath
    {
        get
        {
            string? home = Environment.GetEnvironmentVariable("TERMINAL_HOME");
            if (string.IsNullOrEmpty(home))
            {
                string? config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
                home = System.IO.Path.Combine(string.IsNullOrEmpty(config) ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config") : config, "terminal");
            }

            return System.IO.Path.GetFullPath(System.IO.Path.Combine(home, "tls"));
        }
    }

    /// <summary>
    /// The folder at <paramref name="path"/>, with a new CA and a host certificate for <paramref name="hostNames"/>
    /// (loopback by default) made when either file is missing or the host certificate expires within a month.
    /// <paramref name="created"/> says whether they were made now.
    /// </summary>
    public static HostTlsFolder Ensure(string path, out bool created, IReadOnlyList<string>? hostNames = null)
    {
        var folder = new HostTlsFolder(path);
        created = !folder.IsUsable();
        if (created)
        {
            Directory.CreateDirectory(path);
            using X509Certificate2 ca = TestCertificates.CreateAuthority();
            using X509Certificate2 host = TestCertificates.IssueHost(ca, hostNames ?? TestCertificates.LoopbackNames);
            folder.Write(ca, host);
        }

        return folder;
    }

    /// <summary>Writes <paramref name="ca"/> (certificate only) and <paramref name="host"/> (with its key) into the folder at <paramref name="path"/>.</summary>
    public static HostTlsFolder Create(string path, X509Certificate2 ca, X509Certificate2 host)
    {
        Directory.CreateDirectory(path);
        var folder = new HostTlsFolder(path);
        folder.Write(ca, host);
        return folder;
    }

    /// <summary>The host's certificate with its private key.</summary>
    public X509Certificate2 LoadHostCertificate() => X509CertificateLoader.LoadPkcs12FromFile(HostFile, null);

    /// <summary>The CA certificate the terminal pins.</summary>
    public X509Certificate2 LoadAuthority() => X509Certificate2.CreateFromPem(File.ReadAllText(CaFile));

    private void Write(X509Certificate2 ca, X509Certificate2 host)
    {
        File.WriteAllText(CaFile, ca.ExportCertificatePem() + "\n");
        byte[] pfx = host.Export(X509ContentType.Pkcs12);
        File.WriteAllBytes(HostFile, []);
        if (!OperatingSystem.IsWindows())
        {
            // The host's private key: readable by its owner only.
            File.SetUnixFileMode(HostFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllBytes(HostFile, pfx);
    }

    private bool IsUsable()
    {
        if (!File.Exists(CaFile) || !File.Exists(HostFile))
        {
            return false;
        }

        try
        {
            using X509Certificate2 host = LoadHostCertificate();
            return host.NotAfter > DateTime.Now.AddDays(30);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
