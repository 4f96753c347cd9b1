using Terminal.Core.Emv;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Random;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Emv.Contact;

/// <summary>Field 55 of a chip sale and of a tap, read back with the tests' own TLV decoder: the CUP tag lists (docs/emv-contact.md).</summary>
public sealed class CupField55Tests
{
    private static readonly string[] RequestList =
        ["9F26", "9F27", "9F10", "9F37", "9F36", "95", "9A", "9C", "9F02", "5F2A", "82", "9F1A", "9F03", "9F33", "9F34", "9F35", "9F1E", "84", "9F09", "9F41", "9F63"];

    private readonly EmvTerminalData _terminal = new()
    {
        Amount = 12800,
        Date = new DateTime(2026, 11, 25, 14, 30, 5, DateTimeKind.Local),
        TransactionSequenceCounter = 42,
        IfdSerialNumber = "SN000123"u8.ToArray(),
    };

    private static List<(string Tag, byte[] Value)> Decode(ContactEmvKernel kernel, CupIccMessage message)
    {
        byte[] f55 = new byte[255];
        int n = kernel.BuildField55(message, f55, 0, f55.Length);
        Assert.True(n > 0);
        return IndependentTlv.Decode(f55.AsSpan(0, n));
    }

    private ContactEmvKernel ChipSale(out FakeEmvApplet applet)
    {
        applet = FakeEmvApplet.UnionPay();
        var kernel = new ContactEmvKernel(new FakeContactCard(applet), new SeededRandom(9));
        Assert.Equal(ContactOutcome.GoOnline, kernel.Begin(_terminal).Outcome);
        return kernel;
    }

    [Fact]
    public void A_chip_sale_request_carries_the_CUP_request_list_in_order()
    {
        ContactEmvKernel kernel = ChipSale(out _);

        var f55 = Decode(kernel, CupIccMessage.Request);

        Assert.Equal(RequestList, f55.Select(o => o.Tag));
    }

    [Fact]
    public void The_terminal_side_tags_come_from_the_terminal_data()
    {
        ContactEmvKernel kernel = ChipSale(out _);

        var f55 = Decode(kernel, CupIccMessage.Request).ToDictionary(o => o.Tag, o => Convert.ToHexString(o.Value));

        Assert.Equal(Convert.ToHexString("SN000123"u8), f55["9F1E"]);
        Assert.Equal("00000042", f55["9F41"]);
        Assert.Equal("0030", f55["9F09"]);
        Assert.Equal("420300", f55["9F34"]);
        Assert.Equal("21", f55["9F35"]);
        Assert.Equal("E06800", f55["9F33"]);
        Assert.Equal("000000012800", f55["9F02"]);
        Assert.Equal("80", f55["9F27"]); // the ARQC
    }

    [Fact]
    public void The_reversal_carries_TVR_IFD_serial_IAD_ATC_and_the_script_results()
    {
        ContactEmvKernel kernel = ChipSale(out _);
        byte[] answer = Tlv(0x71, Tlv(0x9F18, Hex("00000001")), Tlv(0x86, Hex("841E000008 0102030405060708")));
        kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        var f55 = Decode(kernel, CupIccMessage.Reversal);

        Assert.Equal(["95", "9F1E", "9F10", "9F36", "DF31"], f55.Select(o => o.Tag));
        Assert.Equal("2000000001", Convert.ToHexString(f55[^1].Value));
    }

    [Fact]
    public void The_script_result_notification_carries_its_list_with_DF31()
    {
        ContactEmvKernel kernel = ChipSale(out _);
        byte[] answer = Tlv(0x72, Tlv(0x9F18, Hex("00000002")), Tlv(0x86, Hex("84DA9F580400000001")));
        kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        var f55 = Decode(kernel, CupIccMessage.ScriptResult);

        Assert.Equal(["9F33", "95", "9F37", "9F1E", "9F10", "9F26", "9F36", "82", "DF31", "9F1A", "9A"], f55.Select(o => o.Tag));
    }

    [Fact]
    public void The_TC_upload_carries_the_request_list_with_the_TC_of_the_second_GENERATE_AC()
    {
        ContactEmvKernel kernel = ChipSale(out FakeEmvApplet applet);
        kernel.Complete(HostDecision.Approved, "00", null, 0, 0);

        var f55 = Decode(kernel, CupIccMessage.TcUpload).ToDictionary(o => o.Tag, o => o.Value);

        Assert.Equal("40", Convert.ToHexString(f55["9F27"]));
        Assert.Equal(FakeEmvApplet.Cryptogram(applet.GenerateAcData[1]), f55["9F26"]);
        Assert.False(f55.ContainsKey("DF31"));
    }

    [Fact]
    public void A_taps_field_55_reads_cleanly_and_follows_the_same_list()
    {
        var chip = new Terminal.Drivers.Simulated.Contactless.Mfrc522Model();
        using var reader = new Mfrc522(chip);
        chip.Card = EmvTestCards.OnCarrier(EmvTestCards.UnionPay());
        EmvReadResult read = new ContactlessEmvReader(reader, new SeededRandom(9)).Read(_terminal);
        Assert.True(read.Succeeded, read.Reason);
        byte[] f55 = new byte[255];

        int n = read.BuildField55(f55, 0, f55.Length);

        var tags = IndependentTlv.Decode(f55.AsSpan(0, n)).Select(o => o.Tag).ToList();
        Assert.Equal(RequestList.Where(tags.Contains), tags); // the list's order, nothing outside it
        Assert.Contains("9F34", tags);
        Assert.Contains("9F1E", tags);
        Assert.Contains("9F09", tags);
        Assert.Contains("9F41", tags);
        Assert.Contains("9F10", tags); // carried as the card gave it: the builder does not read inside
    }
}
