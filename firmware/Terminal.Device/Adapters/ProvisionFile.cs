using System.Diagnostics;
using System.IO;
using Terminal.Firmware;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// The device provisioning package on the internal drive (I:\provision.bin, deployed with deploy-provision.json),
    /// which the firmware takes at boot (<see cref="ProvisioningPackage"/>). Applied or refused: overwritten with
    /// zeros, then deleted, so the invoice key in it does not stay on the drive and a refused one is not tried again
    /// at every boot (the reason is on the screen and in the debug output).
    /// </summary>
    public sealed class ProvisionFile : IProvisioningDrop
    {
        /// <summary>Where the package is deployed.</summary>
        public const string DefaultPath = "I:\\provision.bin";

        private readonly string _path;

        /// <summary>The package at <paramref name="path"/>.</summary>
        public ProvisionFile(string path)
        {
            _path = path;
        }

        /// <inheritdoc />
        public int Size()
        {
            try
            {
                if (!File.Exists(_path))
                {
                    return -1;
                }

                using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read))
                {
                    long length = file.Length;
                    return length > int.MaxValue ? int.MaxValue : (int)length;
                }
            }
            catch (IOException)
            {
                return -1;
            }
        }

        /// <inheritdoc />
        public bool Read(byte[] buffer, int count)
        {
            try
            {
                using (var file = new FileStream(_path, FileMode.Open, FileAccess.Read))
                {
                    int at = 0;
                    while (at < count)
                    {
                        int n = file.Read(buffer, at, count - at);
                        if (n <= 0)
                        {
                            return false;
                        }

                        at += n;
                    }

                    return true;
                }
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public void Consume()
        {
            try
            {
                using (var file = new FileStream(_path, FileMode.Open, FileAccess.Write))
                {
                    var zeros = new byte[64];
                    long left = file.Length;
                    while (left > 0)
                    {
                        int n = left < zeros.Length ? (int)left : zeros.Length;
                        file.Write(zeros, 0, n);
                        left -= n;
                    }

                    file.Flush();
                }

                File.Delete(_path);
            }
            catch (IOException)
            {
                // Left as it is, wiped or not: the next boot finds it again (a wiped one is deleted then).
                Debug.WriteLine("provisioning package: could not delete " + _path);
            }
        }
    }
}
