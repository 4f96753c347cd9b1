using System.Diagnostics;
using System.IO;
using Terminal.Core.Update;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// The update-signing public key on the internal drive (128 hex digits, X||Y, as `terminal update keygen`
    /// writes it), deployed with the board file at the factory. Read by the boot loader (to verify the image it
    /// boots) and by the application (to verify what it downloads). Missing or malformed: an empty key, so no
    /// image verifies.
    /// </summary>
    public static class UpdateKeyFile
    {
        /// <summary>The key in <paramref name="path"/>, or an empty array.</summary>
        public static byte[] Read(string path)
        {
            try
            {
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    var hex = new byte[FirmwareImage.PublicKeyLength * 2];
                    int n = file.Read(hex, 0, hex.Length);
                    return n == hex.Length ? TrustedKey.FromHex(hex) : new byte[0];
                }
            }
            catch (IOException)
            {
                Debug.WriteLine("no update-signing key at " + path);
                return new byte[0];
            }
        }
    }
}
