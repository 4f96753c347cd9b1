using System.CommandLine;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal update keygen|sign|verify`: the vendor's tools for software updates: make an update-signing key
/// pair, sign a payload into a firmware image the host can serve, and check an image as a terminal would.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create()
    {
        var cmd = new Command("update", "Software update tools: keygen, sign, verify (see docs/update.md).");
        cmd.Subcommands.Add(KeyGen());
        cmd.Subcommands.Add(Sign());
        cmd.Subcommands.Add(Verify());
        return cmd;
    }

    private static Command KeyGen()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for update-signing.pem (private key, keep it offline) and update-signing.pub (public key as 128 hex digits, X||Y).", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var cmd = new Command("keygen", "Make an ECDSA P-256 update-signing key pair.") { outDir };
        cmd.SetAction(parse => Guarded(() =>
        {
            var dir = parse.GetValue(outDir)!;
            dir.Create();
            string pem = Path.Combine(dir.FullName, "update-signing.pem");
            string pub = Path.Combine(dir.FullName, "update-signing.pub");
            if (File.Exists(pem))
            {
                throw new IOException($"{pem} exists: not overwriting a signing key");
            }

            using var key = ImageSigner.NewKey();
            File.WriteAllText(pem, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(pem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(pub, Convert.ToHexString(ImageSigner.PublicKey(key)) + "\n");
            Console.WriteLine($"private key: {pem}");
            Console.WriteLine($"public key:  {pub} (load it into the terminal's update-signing key slot)");
            return 0;
        }));
        return cmd;
    }

    private static Command Sign()
    {
        var key = new Option<FileInfo>("--key") { Description = "The update-signing private key (PEM).", Required = true };
        var version = new Option<string>("--version") { Description = "Version of the image, MAJOR.MINOR.PATCH (each 0..99).", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "The payload (the firmware build).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The signed image to write (serve it with `acquirer --updates FOLDER` as *.img).", Required = true };
        var cmd = new Command("sign", "Sign a payload into a firmware image.") { key, version, input, output };
        cmd.SetAction(parse => Guarded(() =>
        {
            int v = FirmwareImage.ParseVersion(parse.GetValue(version)!);
            if (v < 0)
            {
                throw new FormatException($"version must be MAJOR.MINOR.PATCH with parts 0..99, not '{parse.GetValue(version)}'");
            }

            using var signer = ImageSigner.LoadPrivateKey(File.ReadAllText(parse.GetValue(key)!.FullName));
            byte[] image = ImageSigner.Sign(File.ReadAllBytes(parse.GetValue(input)!.FullName), v, signer);
            File.WriteAllBytes(parse.GetValue(output)!.FullName, image);
            Console.WriteLine($"{parse.GetValue(output)!.FullName}: version {FirmwareImage.VersionText(v)}, {image.Length} bytes, signed");
            return 0;
        }));
        return cmd;
    }

    private static Command Verify()
    {
        var pub = new Option<FileInfo>("--pub") { Description = "The update-signing public key file (128 hex digits).", Required = true };
        var image = new Argument<FileInfo>("image") { Description = "The image to check." };
        var cmd = new Command("verify", "Check an image's header, length and signature as the terminal does; exit 0 when valid.") { pub, image };
        cmd.SetAction(parse => Guarded(() =>
        {
            byte[] key = Convert.FromHexString(File.ReadAllText(parse.GetValue(pub)!.FullName).Trim());
            byte[] bytes = File.ReadAllBytes(parse.GetValue(image)!.FullName);
            var check = FirmwareImage.Verify(bytes, 0, bytes.Length, key, new HostCrypto(), out int v);
            Console.WriteLine($"{parse.GetValue(image)!.Name}: version {FirmwareImage.VersionText(v)}, {BootManager.Describe(check)}");
            return check == ImageCheck.Valid ? 0 : 1;
        }));
        return cmd;
    }

    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            Console.Error.WriteLine($"terminal: {e.Message}");
            return 2;
        }
    }
}
