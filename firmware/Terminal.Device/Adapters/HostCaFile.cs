using System.Diagnostics;
using System.IO;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// The acquirer host's CA certificate on the internal drive (the set-up's ca.crt, deployed with
    /// deploy-host-ca.json), the one certificate the TLS link trusts. PEM text gets the zero byte mbedTLS wants after
    /// it. Missing or unreadable: an empty certificate, so every handshake is refused (never plain TCP instead).
    /// </summary>
    public static class HostCaFile
    {
        /// <summary>Largest certificate file taken.</summary>
        public const int MaxLength = 4096;

        /// <summary>The certificate in <paramref name="path"/>, ready for X509Certificate; an empty array when there is none.</summary>
        public static byte[] Read(string path)
        {
            try
            {
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = file.Length;
                    if (length <= 0 || length > MaxLength)
                    {
                        Debug.WriteLine("host CA " + path + ": " + length.ToString() + " bytes, not a certificate");
                        return new byte[0];
                    }

                    var certificate = new byte[(int)length + 1]; // the last byte stays 0: PEM's terminator
                    int n = file.Read(certificate, 0, (int)length);
                    if (n != (int)length)
                    {
                        return new byte[0];
                    }

                    // DER (starts with a SEQUENCE, 0x30) goes without the terminator.
                    if (certificate[0] == 0x30)
                    {
                        var der = new byte[n];
                        System.Array.Copy(certificate, der, n);
                        return der;
                    }

                    return certificate;
                }
            }
            catch (IOException)
            {
                Debug.WriteLine("no host CA certificate at " + path + ": the TLS link refuses every host");
                return new byte[0];
            }
        }
    }
}
