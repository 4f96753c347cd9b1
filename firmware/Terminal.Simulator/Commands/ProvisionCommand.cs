using System.CommandLine;
using Terminal.Core.Payments.Store;
using Terminal.Firmware;
using Terminal.Simulator.Board;
using Terminal.Simulator.Cli;

namespace Terminal.Simulator.Commands;

/// <summary>
/// `terminal provision --device-file provision.bin FILE.json`: the device provisioning package
/// (<see cref="ProvisioningPackage"/>) from a technician's provisioning file: the merchant profile with the glyphs of
/// its characters made here from the set-up font, the e-invoice page and the invoice key, for the device to take from
/// its drive at boot (docs/technician-guide.md).
/// </summary>
internal static class ProvisionCommand
{
    public static Command Create()
    {
        var deviceFile = new Option<FileInfo>("--device-file") { Description = "Write the device provisioning package here (deploy it as I:\\provision.bin: firmware/Terminal.Device/deploy-provision.json).", Required = true };
        var file = new Argument<FileInfo>("file") { Description = "The provisioning file (JSON: terminalId, merchantId, merchantName, hotline, serviceContact, invoiceUrl, invoiceKey; a tmk is not needed: the package never carries it)." };
        var cmd = new Command("provision", "Make a device provisioning package from a provisioning file: the merchant's name (Chinese or not) with its glyphs, hotline, contact, e-invoice page and key.") { deviceFile, file };
        cmd.SetAction(parse => Write(parse.GetValue(file)!, parse.GetValue(deviceFile)!));
        return cmd;
    }

    /// <summary>The package for <paramref name="setUp"/>; warnings (a character without a glyph or code) go to <paramref name="warn"/>.</summary>
    public static byte[] Package(ProvisioningFile setUp, string source, Action<string> warn)
    {
        if (setUp.InvoiceUrl == null || setUp.InvoiceKey == null)
        {
            throw new FormatException($"{source}: {(setUp.InvoiceUrl == null ? "invoiceUrl" : "invoiceKey")}: missing (a device package carries the e-invoice page and key)");
        }

        var profile = new ProfileRecord
        {
            Name = setUp.MerchantName ?? string.Empty,
            Hotline = setUp.Hotline ?? string.Empty,
            Contact = setUp.ServiceContact ?? string.Empty,
            InvoiceUrl = setUp.InvoiceUrl,
        };
        profile.Glyphs.CopyFrom(SetUpFont.GlyphsFor(warn, profile.Name, profile.Contact));
        byte[] package = ProvisioningPackage.Encode(setUp.MerchantId, setUp.TerminalId, profile, setUp.InvoiceKey, 0, setUp.InvoiceKey.Length);

        // What the firmware will check, checked here first: a package the terminal would refuse is never written.
        var check = new ProvisioningPackage();
        string problem = check.Parse(package, package.Length);
        check.Clear();
        return problem.Length == 0 ? package : throw new FormatException($"{source}: the package would be refused: {problem}");
    }

    private static int Write(FileInfo json, FileInfo deviceFile)
    {
        ProvisioningFile setUp = ProvisioningFile.Load(json.FullName, needsMasterKey: false);
        byte[] package = Package(setUp, json.Name, w => Console.Error.WriteLine("terminal: warning: merchant profile: " + w));
        UserFiles.WriteBytes(deviceFile, "--device-file", package);
        Console.WriteLine($"{deviceFile.FullName}: {package.Length} bytes for terminal {setUp.TerminalId} of merchant {setUp.MerchantId} (it holds the invoice key: deploy it, then delete it)");
        return 0;
    }
}
