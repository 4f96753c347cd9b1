using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>Set-up from a technician's configuration file: every field checked, the key never echoed.</summary>
public sealed class ProvisioningFileTests
{
    [Fact]
    public void A_valid_file_gives_the_terminal_id_merchant_id_and_key()
    {
        var file = ProvisioningFile.Parse("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210" }""", "p.json");
        Assert.Equal("87654321", file.TerminalId);
        Assert.Equal("123456789012345", file.MerchantId);
        Assert.Equal(Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"), file.MasterKey);
        Assert.Null(file.Language);
    }

    [Theory]
    [InlineData("en", Terminal.Core.Ui.Language.English)]
    [InlineData("zh-CN", Terminal.Core.Ui.Language.Chinese)]
    public void A_file_may_name_the_language_of_screens_and_receipts(string code, int language)
    {
        var file = ProvisioningFile.Parse("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", "language": "CODE" }""".Replace("CODE", code, StringComparison.Ordinal), "p.json");
        Assert.Equal(language, file.Language);
    }

    [Theory]
    [InlineData("not json", "p.json: not JSON")]
    [InlineData("[]", "p.json: must be a JSON object")]
    [InlineData("""{ "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210" }""", "p.json: terminalId: missing")]
    [InlineData("""{ "terminalId": "8765432", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210" }""", "p.json: terminalId: must be 8 digits")]
    [InlineData("""{ "terminalId": "87654321", "merchantId": "12345678901234X", "tmk": "0123456789ABCDEFFEDCBA9876543210" }""", "p.json: merchantId: must be 15 digits")]
    [InlineData("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEF" }""", "p.json: tmk: must be 32 hex digits")]
    [InlineData("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEF0123456789ABCDEF" }""", "p.json: tmk: its two halves are equal")]
    [InlineData("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", "language": "zh" }""", "p.json: language: must be \"en\" or \"zh-CN\", not 'zh'")]
    [InlineData("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210", "language": 1 }""", "p.json: language: must be \"en\" or \"zh-CN\"")]
    public void A_bad_file_is_refused_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ProvisioningFile.Parse(json, "p.json"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789ABCDEF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_set_up_from_a_file_signs_in_to_a_host_that_knows_it()
    {
        var file = ProvisioningFile.Parse("""{ "terminalId": "87654321", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210" }""", "p.json");
        await using var rig = TerminalRig.Start("tcp", provisioning: file);
        rig.ProvisionFromConfig();
        rig.Boot();

        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        Assert.Equal("87654321", rig.Store.Identity!.TerminalId);
        Assert.Equal("Approved", rig.Sale(100, "swipe:visa"));
    }
}

/// <summary>`terminal demo --provision` with a bad file.</summary>
[Collection("Console")]
public sealed class DemoProvisionCommandTests
{
    [Fact]
    public void A_bad_provisioning_file_stops_the_demo_with_exit_code_2_and_the_reason()
    {
        string path = Path.Combine(Path.GetTempPath(), "provision-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, """{ "terminalId": "1234", "merchantId": "123456789012345", "tmk": "0123456789ABCDEFFEDCBA9876543210" }""");
        try
        {
            var (exit, _, error) = CliTests.Run("demo", "--provision", path);
            Assert.Equal(2, exit);
            Assert.Contains("terminalId: must be 8 digits", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
