using System.Text;
using AcquirerHost.Invoicing;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// The device provisioning package end to end on the simulated board: `terminal provision --device-file` writes it from
/// the provisioning JSON, the board offers the file at boot as the device offers I:\provision.bin, and the firmware's
/// own apply code journals the name, hotline and e-invoice page and stores the invoice key; or refuses the package,
/// keeps it aside and boots on.
/// </summary>
public sealed class ProvisioningPackageTests : IDisposable
{
    private const string Name = "北京东方大酒店";
    private const string Url = "https://fp.dongfang.example.cn/claim";
    private const string KeyHex = "00112233445566778899AABBCCDDEEFF0123456789ABCDEFFEDCBA9876543210";

    private readonly string _dir = Directory.CreateTempSubdirectory("provision-").FullName;

    private static readonly Encoding Gb18030 = GetGb18030();

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The terminal as keyed at set-up: MID, TID and TMK only, as the device gets them.
    private static ProvisioningFile KeyedSetUp => ProvisioningFile.Parse(
        """{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210" }""", "p.json");

    private string Package(string extra = "")
    {
        string json = Path.Combine(_dir, "p.json");
        File.WriteAllText(json, $$"""
            { "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210",
              "merchantName": "{{Name}}", "hotline": "400-820-8820", "serviceContact": "王经理",
              "invoiceUrl": "{{Url}}", "invoiceKey": "{{KeyHex}}"{{extra}} }
            """);
        string bin = Path.Combine(_dir, "provision.bin");
        Assert.Equal(0, Program.Main(["provision", "--device-file", bin, json]));
        return bin;
    }

    private static TerminalRig Booted(string package)
    {
        var rig = TerminalRig.Start("tcp", new SimulatedBoardOptions { ProvisioningPackage = new ProvisioningPackageFile(package), KeepTraceText = true }, provisioning: KeyedSetUp);
        rig.ProvisionFromConfig();
        rig.Boot();
        return rig;
    }

    [Fact]
    public async Task The_package_the_cli_writes_sets_name_hotline_and_e_invoice_page_and_key_and_is_deleted()
    {
        string package = Package();
        await using TerminalRig rig = Booted(package);

        Assert.Equal(PackageOutcome.Applied, rig.Board.Firmware.ProvisioningOutcome);
        Assert.Equal("Provisioning package applied", rig.Board.Firmware.ProvisioningNote);
        Assert.False(File.Exists(package), "the package (it holds the key) stays on the drive");
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);

        // The idle screen: the name, each character drawn with the glyph the PC made from the set-up font.
        Assert.StartsWith(Name, rig.Board.Display.RowText(0).TrimStart(), StringComparison.Ordinal);
        GlyphSupplement made = SetUpFont.GlyphsFor(_ => { }, Name, "王经理");
        for (int i = 0; i < Name.Length; i++)
        {
            Assert.Equal(MerchantProfileTests.Glyph(made, Name[i]), MerchantProfileTests.Drawn(rig, 8 + (16 * i), 0));
        }

        // The help screen: the hotline and contact.
        rig.Press(KeyCode.F1);
        Assert.Equal(["HELP", string.Empty, "Hotline: 400-820-8820", "Contact: 王经理", "Merchant:", Name], MerchantProfileTests.Rows(rig, 0, 6));
        rig.Press(KeyCode.Cancel);

        // A sale: the name in GB18030 on the slip, and the customer copy's e-invoice link opens the package's page,
        // signed with the package's key as the invoicing service checks it.
        int before = rig.Board.PrinterMechanism.Documents.Count;
        rig.KeyAmount(4321);
        rig.Present("swipe:visa");
        rig.Board.RunWhileHostBusy();
        rig.Press(KeyCode.F1);
        rig.FinishPrinting();
        var printed = rig.Board.PrinterMechanism.DocumentsSince(before);
        byte[] name = Gb18030.GetBytes(Name);
        byte[] line = [0x1C, (byte)'&', .. name, 0x1C, (byte)'.'];
        Assert.True(printed[0].Bytes.AsSpan().IndexOf(line) >= 0, "the name in GB18030 is not on the slip");
        string? link = Terminal.Drivers.Simulated.Imaging.QrImage.Decode(printed[1].RenderPng());
        Assert.NotNull(link);
        Assert.StartsWith(Url + "?mid=123456789012345&tid=87654321&", link, StringComparison.Ordinal);
        Assert.True(EInvoiceService.Check(link, Convert.FromHexString(KeyHex)).Valid, link);
        Assert.False(EInvoiceService.Check(link, EInvoiceService.DemoKey).Valid);

        // All of it is the journal's and the key store's now: a reboot keeps it.
        rig.Reboot();
        Assert.Equal(PackageOutcome.None, rig.Board.Firmware.ProvisioningOutcome);
        Assert.Equal(Url, rig.Store.Profile.InvoiceUrl);
        Assert.Equal(Url, rig.Pos.EInvoiceUrl);
    }

    [Theory]
    [InlineData("CRC", 60, "CRC mismatch")]
    [InlineData("truncated", -1, "truncated: ")]
    public async Task A_damaged_package_is_refused_on_screen_and_console_kept_aside_and_the_terminal_works_on(string what, int damageAt, string reason)
    {
        string package = Package();
        byte[] bytes = File.ReadAllBytes(package);
        if (damageAt < 0)
        {
            bytes = bytes[..^20];
        }
        else
        {
            bytes[damageAt] ^= 0x40;
        }

        File.WriteAllBytes(package, bytes);
        await using TerminalRig rig = Booted(package);

        Assert.Equal(PackageOutcome.Refused, rig.Board.Firmware.ProvisioningOutcome);
        Assert.StartsWith("Provisioning package refused: " + reason, rig.Board.Firmware.ProvisioningNote, StringComparison.Ordinal); // on the console
        Assert.Contains(Frames(rig), f => f.Contains("Provisioning package refused:", StringComparison.Ordinal) && f.Contains(reason.Trim(), StringComparison.Ordinal)); // on the display's status line
        Assert.False(File.Exists(package), what);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(package)!, Path.GetFileName(package) + "*")); // wiped and deleted, nothing kept beside it
        Assert.False(rig.Store.Profile.IsSet);
        Assert.Equal(Terminal.Core.Payments.EInvoice.DefaultBaseUrl, rig.Pos.EInvoiceUrl);

        // The loop runs on: a sale goes through, and the next boot does not try the package again.
        Assert.Equal("Approved", rig.Sale(1200, "swipe:visa"));
        rig.Reboot();
        Assert.Equal(PackageOutcome.None, rig.Board.Firmware.ProvisioningOutcome);
    }

    // The display's frames the trace holds (each entry: "TIME KIND", then its content).
    private static IEnumerable<string> Frames(TerminalRig rig) =>
        System.Text.RegularExpressions.Regex.Split(rig.Board.Trace.Text, @"^ *\d+ ", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Where(e => e.StartsWith("frame\n", StringComparison.Ordinal));

    [Fact]
    public void The_cli_makes_a_package_from_a_file_without_the_tmk_which_it_never_carries()
    {
        string json = Path.Combine(_dir, "p.json");
        File.WriteAllText(json, $$"""{ "terminalId": "87654321", "merchantId": "123456789012345", "merchantName": "SHOP", "invoiceUrl": "{{Url}}", "invoiceKey": "{{KeyHex}}" }""");
        string bin = Path.Combine(_dir, "provision.bin");

        Assert.Equal(0, Program.Main(["provision", "--device-file", bin, json]));
        Assert.True(File.Exists(bin));

        // The simulator's own set-up still needs it: it signs in with it.
        var error = Assert.Throws<FormatException>(() => ProvisioningFile.Load(json));
        Assert.Equal(json + ": tmk: missing (a string)", error.Message);
    }

    [Fact]
    public void The_cli_refuses_a_file_without_the_e_invoice_page_or_key_and_writes_nothing()
    {
        string json = Path.Combine(_dir, "p.json");
        File.WriteAllText(json, """{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", "merchantName": "SHOP" }""");
        string bin = Path.Combine(_dir, "provision.bin");
        var error = new StringWriter();
        TextWriter was = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, Program.Main(["provision", "--device-file", bin, json]));
        }
        finally
        {
            Console.SetError(was);
        }

        Assert.Equal("terminal: p.json: invoiceUrl: missing (a device package carries the e-invoice page and key)", error.ToString().Trim());
        Assert.False(File.Exists(bin));
    }

    [Theory]
    [InlineData("\"invoiceUrl\": \"http://fp.example.cn/claim\"", "invoiceUrl: must be https://host/...")]
    [InlineData("\"invoiceUrl\": \"https://fp.example.cn/claim?x=1\"", "invoiceUrl: character at 28 not allowed (no query, fragment or spaces)")]
    [InlineData("\"invoiceKey\": \"0011\"", "invoiceKey: must be an even number of hex digits, 32 to 128, got 4 characters")]
    [InlineData("\"invoiceKey\": \"00112233445566778899AABBCCDDEEFG\"", "invoiceKey: must be an even number of hex digits, 32 to 128, got 32 characters")]
    public void The_provisioning_file_checks_the_e_invoice_page_and_key(string field, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ProvisioningFile.Parse(
            $$"""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", {{field}} }""", "p.json"));

        Assert.Equal("p.json: " + expected, error.Message);
    }

    [Fact]
    public async Task A_provisioning_file_with_a_page_and_key_sets_them_on_the_simulator_as_the_package_does_on_the_device()
    {
        var file = ProvisioningFile.Parse(
            $$"""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", "invoiceUrl": "{{Url}}", "invoiceKey": "{{KeyHex}}" }""", "p.json");
        await using var rig = TerminalRig.Start("tcp", provisioning: file);
        rig.ProvisionFromConfig();
        rig.Boot();

        var key = new byte[64];
        int n = rig.Board.KeyStore.Load(KeySlot.InvoiceKey, key, 0);
        Assert.Equal(KeyHex, Convert.ToHexString(key, 0, n));
        Assert.Equal(Url, rig.Pos.EInvoiceUrl);
    }
}
