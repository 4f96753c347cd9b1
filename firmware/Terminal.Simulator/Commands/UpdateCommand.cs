using System.CommandLine;
using Terminal.Core.Flows;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Simulator.Board;
using Terminal.Simulator.Cli;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal update keygen|sign|verify|demo`: the vendor's tools for software updates (make an update-signing key
/// pair, sign a payload into a firmware image the host can serve, check an image as a terminal would) and a scripted
/// demo of the whole update path on the simulated terminal.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create()
    {
        var cmd = new Command("update", "Software update tools: keygen, bundle, sign, verify, demo (see docs/software-update.md).");
        cmd.Subcommands.Add(KeyGen());
        cmd.Subcommands.Add(Bundle());
        cmd.Subcommands.Add(Sign());
        cmd.Subcommands.Add(Verify());
        cmd.Subcommands.Add(Demo());
        return cmd;
    }

    private static Command Demo()
    {
        var cmd = new Command("demo", "Show software update end to end on the simulated terminal and the in-process host over TCP: install, "
            + "a failing image rolled back, a cut-off download resumed after a reboot, an image signed with the wrong key refused.");
        cmd.SetAction(_ => Guarded(() => RunDemo(Console.Out)));
        return cmd;
    }

    /// <summary>The scripted update demo; returns 0 when every step ended as it should.</summary>
    internal static int RunDemo(TextWriter output)
    {
        using var stranger = ImageSigner.NewKey();
        var rig = TerminalRig.Start("tcp", new SimulatedBoardOptions { KeepTraceText = true }, firmwareUpdates: true);
        try
        {
            rig.AutomaticUpdateChecks = false; // each check below is on demand, so the steps are in order
            rig.ProvisionFromConfig();
            rig.Boot();
            int failures = 0;
            void Step(string title, bool ok, string detail)
            {
                output.WriteLine((ok ? "ok    " : "WRONG ") + title + ": " + detail);
                failures += ok ? 0 : 1;
            }

            string Running() => FirmwareImage.VersionText(rig.Updates.RunningVersion);
            Step("factory image", rig.Updates.RunningVersion == FirmwareImage.Version(1, 0, 0), rig.Updates.Decision!.Message + ", " + rig.Pos.LastMessage);

            rig.PublishUpdate("1.1.0");
            var check = rig.CheckForUpdate();
            Step("host offers 1.1.0", check.Result == UpdateResult.Installed, check.Message);
            rig.Reboot();
            Step("reboot into 1.1.0", rig.Updates.RunningVersion == FirmwareImage.Version(1, 1, 0) && rig.Updates.Control.State == BootState.Confirmed,
                rig.Updates.Decision!.Message + ", self-check passed, confirmed");

            rig.PublishUpdate("1.2.0", failSelfCheck: true);
            check = rig.CheckForUpdate();
            Step("host offers 1.2.0 (a build that fails its self-check)", check.Result == UpdateResult.Installed, check.Message);
            rig.Reboot();
            Step("reboot: 1.2.0 fails its boot self-check", rig.Updates.Decision!.RolledBack && rig.Updates.RunningVersion == FirmwareImage.Version(1, 1, 0),
                rig.Updates.Decision.Message);
            check = rig.CheckForUpdate();
            Step("1.2.0 is not installed again", check.Result == UpdateResult.Rejected, check.Message);

            byte[] image = rig.PublishUpdate("1.3.0");
            long servedBefore = rig.Host.Updates.ServedBytes;
            rig.Host.Updates.CutOffAt = image.Length / 2;
            check = rig.CheckForUpdate();
            Step("link cut halfway through 1.3.0", check.Result == UpdateResult.Interrupted, check.Message);
            rig.Host.Updates.CutOffAt = null;
            rig.Reboot();
            check = rig.CheckForUpdate();
            long served = rig.Host.Updates.ServedBytes - servedBefore;
            Step("after a reboot the download resumes", check.Result == UpdateResult.Installed && served == image.Length,
                check.Message + $" (the host served {served} bytes of the {image.Length}-byte image in all: none twice)");
            rig.Reboot();
            Step("reboot into 1.3.0", rig.Updates.RunningVersion == FirmwareImage.Version(1, 3, 0), rig.Updates.Decision!.Message);

            rig.PublishUpdate("1.4.0", key: stranger);
            check = rig.CheckForUpdate();
            Step("1.4.0 signed with another key", check.Result == UpdateResult.Rejected, check.Message);
            rig.PublishUpdate("0.9.0");
            rig.Host.Updates.Withdraw(FirmwareImage.Version(1, 4, 0));
            rig.Host.Updates.Withdraw(FirmwareImage.Version(1, 3, 0));
            rig.Host.Updates.Withdraw(FirmwareImage.Version(1, 2, 0));
            rig.Host.Updates.Withdraw(FirmwareImage.Version(1, 1, 0));
            check = rig.CheckForUpdate();
            Step("host offers only 0.9.0 (a downgrade)", check.Result == UpdateResult.UpToDate, check.Message);
            Step("a sale on " + Running(), rig.Sale(100, "swipe:visa") == "Approved", rig.Pos.LastMessage);
            output.WriteLine(failures == 0 ? "update demo: every step as expected" : $"update demo: {failures} step(s) not as expected");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static Command KeyGen()
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for update-signing.pem (private key, keep it offline) and update-signing.pub (public key as 128 hex digits, X||Y).", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var cmd = new Command("keygen", "Make an ECDSA P-256 update-signing key pair.") { outDir };
        cmd.SetAction(parse => Guarded(() =>
        {
            var dir = UserFiles.WritableFolder(parse.GetValue(outDir)!, "--out");
            string pem = Path.Combine(dir.FullName, "update-signing.pem");
            string pub = Path.Combine(dir.FullName, "update-signing.pub");
            if (File.Exists(pem))
            {
                throw new UsageException(pem, "exists: not overwriting a signing key");
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

    private static Command Bundle()
    {
        var entry = new Option<string>("--entry") { Description = "Full name of the type whose static Main starts the application.", DefaultValueFactory = _ => "Terminal.Device.Program" };
        var output = new Option<FileInfo>("--out") { Description = "The bundle payload to write (then `update sign --in` it).", Required = true };
        var assemblies = new Argument<FileInfo[]>("assemblies") { Description = "The application's .pe files, dependencies first; the last is the application.", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("bundle", "Pack a device application's assemblies into the payload the boot loader (firmware/Terminal.Boot) loads.") { entry, output, assemblies };
        cmd.SetAction(parse => Guarded(() =>
        {
            FileInfo[] files = parse.GetValue(assemblies)!;
            string[] names = files.Select(f => Path.GetFileNameWithoutExtension(f.Name)).ToArray();
            byte[] payload = FirmwareBundle.Build(parse.GetValue(entry)!, names, files.Select(f => UserFiles.ReadBytes(f, string.Empty)).ToArray());
            UserFiles.WriteBytes(parse.GetValue(output)!, "--out", payload);
            Console.WriteLine($"{parse.GetValue(output)!.FullName}: {files.Length} assemblies ({string.Join(", ", names)}), entry {parse.GetValue(entry)}, {payload.Length} bytes");
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

            using var signer = LoadPrivateKey(parse.GetValue(key)!);
            byte[] image = ImageSigner.Sign(UserFiles.ReadBytes(parse.GetValue(input)!, "--in"), v, signer);
            UserFiles.WriteBytes(parse.GetValue(output)!, "--out", image);
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
            FileInfo pubFile = parse.GetValue(pub)!;
            string pubHex = UserFiles.ReadText(pubFile, "--pub").Trim();
            if (pubHex.Length != 128 || !pubHex.All(char.IsAsciiHexDigit))
            {
                throw new UsageException($"--pub {pubFile}", "is not a public key file (128 hex digits, X||Y, as `update keygen` writes)");
            }

            byte[] key = Convert.FromHexString(pubHex);
            byte[] bytes = UserFiles.ReadBytes(parse.GetValue(image)!, string.Empty);
            var check = FirmwareImage.Verify(bytes, 0, bytes.Length, key, new HostCrypto(), out int v);
            Console.WriteLine($"{parse.GetValue(image)!.Name}: version {FirmwareImage.VersionText(v)}, {BootManager.Describe(check)}");
            return check == ImageCheck.Valid ? 0 : 1;
        }));
        return cmd;
    }

    private static System.Security.Cryptography.ECDsa LoadPrivateKey(FileInfo file)
    {
        string pem = UserFiles.ReadText(file, "--key");
        try
        {
            return ImageSigner.LoadPrivateKey(pem);
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new UsageException($"--key {file}", "is not a PEM private key (the update-signing.pem of `update keygen`)");
        }
    }

    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"terminal: {e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}");
            return 2;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            Console.Error.WriteLine($"terminal: {e.Message}");
            return 2;
        }
    }
}
