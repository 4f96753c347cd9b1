using Terminal.Firmware;

namespace Terminal.Simulator.Board;

/// <summary>
/// A device provisioning package in a file on the PC (`terminal provision --device-file`), offered to the firmware
/// at boot as the device offers I:\provision.bin: consumed (applied or refused) means overwritten with zeros, then deleted.
/// </summary>
public sealed class ProvisioningPackageFile(string path) : IProvisioningDrop
{
    /// <summary>The package's path.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public int Size()
    {
        var file = new FileInfo(Path);
        return !file.Exists ? -1 : file.Length > int.MaxValue ? int.MaxValue : (int)file.Length;
    }

    /// <inheritdoc />
    public bool Read(byte[] buffer, int count)
    {
        try
        {
            using var file = File.OpenRead(Path);
            file.ReadExactly(buffer, 0, count);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Consume()
    {
        try
        {
            using (var file = new FileStream(Path, FileMode.Open, FileAccess.Write))
            {
                file.Write(new byte[file.Length]);
                file.Flush(true);
            }

            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // As on the device: left as it is, and found again at the next boot (a wiped one is deleted then).
            Console.Error.WriteLine($"terminal: warning: {Path}: cannot wipe and delete it: {Cli.UserFiles.Reason(e)}");
        }
    }
}
