using System.Text.Json;
using AcquirerHost.Catalog;

namespace Terminal.Simulator.Board;

/// <summary>
/// A terminal's set-up as a technician's configuration file gives it, instead of keying it:
/// <c>{ "terminalId": "12345678", "merchantId": "898310048990001", "tmk": "32 hex digits", "language": "zh-CN" }</c>
/// (language optional: "en" or "zh-CN"), optionally the merchant's name as slips and screens show it, Chinese or not
/// (<c>"merchantName": "北京东方大酒店"</c>), the service hotline (<c>"hotline": "400-820-8820"</c>) and contact
/// (<c>"serviceContact": "王经理"</c>), the merchant's e-invoice page and the terminal's invoice key
/// (<c>"invoiceUrl": "https://fapiao.example.cn/claim"</c>, <c>"invoiceKey": "64 hex digits"</c>), and an item catalog the terminal loads at set-up
/// (<c>"catalog": { "version": 1, "items": [...] }</c>, the host's format).
/// Every field is checked; a bad file is refused with the field and the reason.
/// </summary>
public sealed record ProvisioningFile(string TerminalId, string MerchantId, byte[] MasterKey, HostItemCatalog? Catalog = null)
{
    /// <summary>The screens' and receipts' language the file sets (<see cref="Terminal.Core.Ui.Language"/>); null when it does not say.</summary>
    public int? Language { get; init; }

    /// <summary>The merchant's name for slips and screens; null when the file does not say (the board's name then).</summary>
    public string? MerchantName { get; init; }

    /// <summary>The service hotline on the help screen and slip; null when the file does not say.</summary>
    public string? Hotline { get; init; }

    /// <summary>The service contact's name; null when the file does not say.</summary>
    public string? ServiceContact { get; init; }

    /// <summary>The merchant's e-invoice page (<see cref="Terminal.Core.Payments.MerchantProfile.CheckInvoiceUrl"/>); null when the file does not say (the factory default).</summary>
    public string? InvoiceUrl { get; init; }

    /// <summary>The terminal's e-invoice key (16 to 64 bytes); null when the file does not say (the simulator's demo key).</summary>
    public byte[]? InvoiceKey { get; init; }

    /// <summary>Whether the file sets any of the merchant's profile (name, hotline, contact, e-invoice page).</summary>
    public bool HasProfile => MerchantName != null || Hotline != null || ServiceContact != null || InvoiceUrl != null;

    /// <summary>The demo terminal (the FACTS.md public TMK: a demo key, never a real one).</summary>
    public static ProvisioningFile Demo { get; } = new(TerminalRig.TerminalId, TerminalRig.MerchantId, TerminalRig.MasterKey);

    /// <summary>
    /// Reads and checks a provisioning file; <see cref="FormatException"/> names the file, field and problem. Without
    /// <paramref name="needsMasterKey"/> (a device package, which never carries the TMK) the file may leave out
    /// <c>tmk</c>; <see cref="MasterKey"/> is then empty.
    /// </summary>
    public static ProvisioningFile Load(string path, bool needsMasterKey = true)
    {
        byte[] text;
        try
        {
            text = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path}: cannot read it: {(Directory.Exists(path) ? "it is a folder" : Cli.UserFiles.Reason(e))}");
        }

        return Parse(text, path, needsMasterKey);
    }

    /// <summary>Parses provisioning JSON from its bytes, which must be UTF-8 (a name in another encoding is refused, not garbled).</summary>
    public static ProvisioningFile Parse(byte[] utf8, string source, bool needsMasterKey = true)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(utf8);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new FormatException($"{source}: not UTF-8 (byte {e.Index} of a bad sequence): save the file as UTF-8");
        }

        return Parse(text.TrimStart('\uFEFF'), source, needsMasterKey);
    }

    /// <summary>Parses provisioning JSON; <paramref name="source"/> names it in errors; see <see cref="Load"/> for <paramref name="needsMasterKey"/>.</summary>
    public static ProvisioningFile Parse(string json, string source, bool needsMasterKey = true)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not JSON: {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{source}: must be a JSON object with terminalId, merchantId and tmk");
        }

        string tid = Field(root, "terminalId", source);
        string mid = Field(root, "merchantId", source);
        string? tmkHex = needsMasterKey || root.TryGetProperty("tmk", out _) ? Field(root, "tmk", source) : null;
        if (tid.Length != 8 || !tid.All(char.IsAsciiDigit))
        {
            throw new FormatException($"{source}: terminalId: must be 8 digits, not '{tid}'");
        }

        if (mid.Length != 15 || !mid.All(char.IsAsciiDigit))
        {
            throw new FormatException($"{source}: merchantId: must be 15 digits, not '{mid}'");
        }

        if (tmkHex != null && (tmkHex.Length != 32 || !tmkHex.All(char.IsAsciiHexDigit)))
        {
            // The key itself is never echoed back.
            throw new FormatException($"{source}: tmk: must be 32 hex digits (a double-length key), got {tmkHex.Length} characters");
        }

        byte[] tmk = tmkHex == null ? [] : Convert.FromHexString(tmkHex);
        if (tmkHex != null && tmk.AsSpan(0, 8).SequenceEqual(tmk.AsSpan(8, 8)))
        {
            throw new FormatException($"{source}: tmk: its two halves are equal: not a double-length key");
        }

        int? language = null;
        if (root.TryGetProperty("language", out var lang))
        {
            string code = lang.ValueKind == JsonValueKind.String ? lang.GetString()! : lang.ToString();
            int parsed = Terminal.Core.Ui.Language.Parse(code);
            if (lang.ValueKind != JsonValueKind.String || parsed < 0)
            {
                throw new FormatException($"{source}: language: must be \"en\" or \"zh-CN\", not '{code}'");
            }

            language = parsed;
        }

        string? name = OptionalText(root, "merchantName", source);
        string? hotline = OptionalText(root, "hotline", source);
        string? contact = OptionalText(root, "serviceContact", source);
        string problem = Terminal.Core.Payments.MerchantProfile.Check(name ?? string.Empty, hotline ?? string.Empty, contact ?? string.Empty);
        if (problem.Length > 0)
        {
            string field = problem.StartsWith("merchant name", StringComparison.Ordinal) ? "merchantName"
                : problem.StartsWith("hotline", StringComparison.Ordinal) ? "hotline" : "serviceContact";
            throw new FormatException($"{source}: {field}: {problem[(problem.IndexOf(':') + 2)..]}");
        }

        if (name != null && name.Length == 0)
        {
            throw new FormatException($"{source}: merchantName: empty (leave it out for the board's name)");
        }

        if (hotline != null && hotline.Length == 0)
        {
            throw new FormatException($"{source}: hotline: empty (leave it out when there is none)");
        }

        string? invoiceUrl = OptionalText(root, "invoiceUrl", source);
        problem = invoiceUrl == null ? string.Empty
            : invoiceUrl.Length == 0 ? "invoice URL: empty (leave it out for the factory default)"
            : Terminal.Core.Payments.MerchantProfile.CheckInvoiceUrl(invoiceUrl);
        if (problem.Length > 0)
        {
            throw new FormatException($"{source}: invoiceUrl: {problem[(problem.IndexOf(':') + 2)..]}");
        }

        byte[]? invoiceKey = null;
        string? keyHex = OptionalText(root, "invoiceKey", source);
        if (keyHex != null)
        {
            int min = Terminal.Firmware.ProvisioningPackage.MinKey * 2;
            int max = Terminal.Firmware.ProvisioningPackage.MaxKey * 2;
            if (keyHex.Length < min || keyHex.Length > max || keyHex.Length % 2 != 0 || !keyHex.All(char.IsAsciiHexDigit))
            {
                // The key itself is never echoed back.
                throw new FormatException($"{source}: invoiceKey: must be an even number of hex digits, {min} to {max}, got {keyHex.Length} characters");
            }

            invoiceKey = Convert.FromHexString(keyHex);
        }

        HostItemCatalog? catalog = null;
        if (root.TryGetProperty("catalog", out var items))
        {
            try
            {
                catalog = HostItemCatalog.Parse(items.GetRawText());
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"{source}: catalog: {e.Message}");
            }
        }

        return new ProvisioningFile(tid, mid, tmk, catalog) { Language = language, MerchantName = name, Hotline = hotline, ServiceContact = contact, InvoiceUrl = invoiceUrl, InvoiceKey = invoiceKey };
    }

    private static string? OptionalText(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{source}: {name}: must be a string");
    }

    private static string Field(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"{source}: {name}: missing (a string)");
}
