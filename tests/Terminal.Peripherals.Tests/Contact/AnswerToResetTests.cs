using Terminal.Drivers.Contact;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Hal;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Contact;

public class AnswerToResetTests
{
    private static (int Status, AnswerToReset Atr) Parse(string hex)
    {
        byte[] bytes = Hex(hex);
        var atr = new AnswerToReset();
        return (atr.Parse(bytes, 0, bytes.Length), atr);
    }

    [Fact]
    public void The_EMV_basic_T0_ATR_selects_T0_with_the_default_waiting_time()
    {
        var (status, atr) = Parse("3B 60 00 00");

        Assert.Equal(ReaderStatus.Ok, status);
        Assert.Equal(0, atr.Protocol);
        Assert.Equal(10, atr.Wi);
        Assert.Equal(0, atr.HistoricalLength);
    }

    [Fact]
    public void The_T1_ATR_gives_IFSC_BWI_and_CWI_and_its_historical_bytes()
    {
        var (status, atr) = Parse(Convert.ToHexString(ContactEmvTestCards.T1Atr));

        Assert.Equal(ReaderStatus.Ok, status);
        Assert.Equal((1, 254, 4, 5), (atr.Protocol, atr.Ifsc, atr.Bwi, atr.Cwi));
        Assert.Equal((8, 8), (atr.HistoricalOffset, atr.HistoricalLength));
    }

    [Fact]
    public void A_T1_ATR_with_a_wrong_TCK_is_refused()
    {
        byte[] atr = ContactEmvTestCards.T1Atr;
        atr[^1] ^= 0x01;

        var (status, parsed) = Parse(Convert.ToHexString(atr));

        Assert.Equal((ReaderStatus.ProtocolError, AtrFault.BadTck), (status, parsed.Fault));
    }

    [Theory]
    [InlineData("3F 60 00 00", AtrFault.BadTs)]
    [InlineData("03 60 00 00", AtrFault.BadTs)]
    [InlineData("3B 62 00 00 80", AtrFault.Truncated)]
    [InlineData("3B 60 00 00 00", AtrFault.TooLong)]
    [InlineData("3B 80 02 82", AtrFault.UnsupportedProtocol)]
    [InlineData("3B 60 00 05", AtrFault.UnsupportedGuardTime)]
    [InlineData("3B 90 95 10 00", AtrFault.UnsupportedSpeed)]
    [InlineData("3B E0 00 00 81 31 FE 65 CB", AtrFault.BadParameters)]
    public void Hostile_ATRs_are_refused_with_their_reason(string hex, AtrFault fault)
    {
        var (status, atr) = Parse(hex);

        Assert.Equal((ReaderStatus.ProtocolError, fault), (status, atr.Fault));
    }

    [Fact]
    public void An_ATR_announcing_more_than_33_bytes_is_refused()
    {
        // Fifteen historical bytes behind a chain of 22 TD bytes: 43 bytes in all.
        string hex = "3B FF 00 00 00 81" + string.Concat(Enumerable.Repeat(" 81", 20)) + " 01" + string.Concat(Enumerable.Repeat(" 00", 15));

        var (status, atr) = Parse(hex);

        Assert.Equal((ReaderStatus.ProtocolError, AtrFault.TooLong), (status, atr.Fault));
    }

    [Fact]
    public void The_driver_powers_a_card_and_returns_its_ATR()
    {
        using var rig = new SlotRig();
        rig.Insert(ContactEmvTestCards.Create("unionpay-debit"));
        byte[] atr = new byte[40];

        int n = rig.Reader.PowerOn(atr, 0, atr.Length);

        Assert.Equal(Convert.ToHexString(ContactEmvTestCards.T0Atr), Convert.ToHexString(atr, 0, n));
        Assert.True(rig.Chip.Powered);
        Assert.Equal(0, rig.Reader.Protocol);
    }

    [Fact]
    public void A_refused_cold_ATR_gets_a_warm_reset_and_the_warm_ATR_is_used()
    {
        using var rig = new SlotRig();
        var card = new Iso7816Card(Hex("3B 60 00 05"), new ScriptedApplet()) { WarmAtr = Hex("3B 60 00 00") };
        rig.Insert(card);

        int n = rig.PowerOn();

        Assert.Equal(4, n);
        Assert.Equal(2, rig.Chip.Resets);
    }

    [Fact]
    public void A_card_that_answers_no_ATR_is_powered_down_with_a_timeout()
    {
        using var rig = new SlotRig();
        rig.Insert(new Iso7816Card(ContactEmvTestCards.T0Atr, new ScriptedApplet()) { Mute = true });

        Assert.Equal(ReaderStatus.Timeout, rig.PowerOn());
        Assert.False(rig.Chip.Powered);
        Assert.True(rig.Reader.CardPresent);
    }

    [Fact]
    public void An_ATR_followed_by_extra_bytes_is_refused_as_too_long()
    {
        using var rig = new SlotRig();
        rig.Insert(new Iso7816Card(Hex("3B 60 00 00 12 34 56"), new ScriptedApplet()));

        Assert.Equal(ReaderStatus.ProtocolError, rig.PowerOn());
        Assert.Equal(AtrFault.TooLong, rig.Reader.Atr.Fault);
        Assert.False(rig.Chip.Powered);
    }

    [Fact]
    public void A_garbage_ATR_is_refused_with_its_first_byte()
    {
        using var rig = new SlotRig();
        rig.Insert(new Iso7816Card(Hex("A5 5A A5 5A A5 5A"), new ScriptedApplet()));

        Assert.Equal(ReaderStatus.ProtocolError, rig.PowerOn());
        Assert.Equal(AtrFault.BadTs, rig.Reader.Atr.Fault);
    }

    [Fact]
    public void An_empty_slot_does_not_power_up()
    {
        using var rig = new SlotRig();

        Assert.Equal(ReaderStatus.NoCard, rig.PowerOn());
        Assert.Equal(0, rig.Chip.Activations);
    }
}
