using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Hal;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Contact;

public class T0ProtocolTests
{
    private static (SlotRig Rig, ScriptedApplet Applet, Iso7816Card Card) PoweredCard(Action<Iso7816Card>? setup = null) =>
        SlotRig.Powered(ContactEmvTestCards.T0Atr, setup: setup);

    [Fact]
    public void Case_1_sends_the_header_with_P3_zero_and_returns_the_status_word()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => [0x90, 0x00];

        byte[] r = rig.Apdu("80 E6 00 00", out int n);

        Assert.Equal("9000", Convert.ToHexString(r));
        Assert.Equal("80E60000", Convert.ToHexString(applet.Commands[0]).Substring(0, 8));
    }

    [Fact]
    public void Case_2_with_the_right_Le_receives_the_data_after_the_INS_byte()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => Hex("0102039000");

        byte[] r = rig.Apdu("00 B2 01 0C 03", out _);

        Assert.Equal("0102039000", Convert.ToHexString(r));
    }

    [Fact]
    public void Case_2_with_Le_zero_is_resent_with_the_length_the_card_gives_in_6Cxx()
    {
        var (rig, applet, card) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => Hex("70 03 5A 01 11 90 00");

        byte[] r = rig.Apdu("00 B2 01 0C 00", out _);

        Assert.Equal("7003 5A0111 9000".Replace(" ", ""), Convert.ToHexString(r));
        Assert.Single(applet.Commands);
        Assert.Equal(2, card.Headers);
    }

    [Fact]
    public void Case_3_sends_the_data_after_the_INS_acknowledgement()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;

        byte[] r = rig.Apdu("00 82 00 00 04 DE AD BE EF", out _);

        Assert.Equal("9000", Convert.ToHexString(r));
        Assert.Equal("00820000 04DEADBEEF".Replace(" ", ""), Convert.ToHexString(applet.Commands[0]));
    }

    [Fact]
    public void Case_3_data_goes_one_byte_at_a_time_when_the_card_answers_with_the_complement_of_INS()
    {
        var (rig, applet, _) = PoweredCard(c => c.AckByteByByte = true);
        using var _rig = rig;

        byte[] r = rig.Apdu("00 82 00 00 04 DE AD BE EF", out _);

        Assert.Equal("9000", Convert.ToHexString(r));
        Assert.Equal("0082000004DEADBEEF", Convert.ToHexString(applet.Commands[0]));
    }

    [Fact]
    public void Case_4_fetches_the_answer_with_GET_RESPONSE_after_61xx()
    {
        var (rig, applet, card) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => Hex("6F 04 84 02 A0 00 90 00");

        byte[] r = rig.Apdu("00 A4 04 00 02 A0 00 00", out _);

        Assert.Equal("6F048402A0009000", Convert.ToHexString(r));
        Assert.Single(applet.Commands);
    }

    [Fact]
    public void NULL_procedure_bytes_only_extend_the_wait()
    {
        var (rig, applet, _) = PoweredCard(c => c.NullBytes = 5);
        using var _rig = rig;
        applet.Answer = _ => Hex("6F 04 84 02 A0 00 90 00");

        byte[] r = rig.Apdu("00 A4 04 00 02 A0 00 00", out _);

        Assert.Equal("6F048402A0009000", Convert.ToHexString(r));
    }

    [Fact]
    public void An_error_status_word_comes_back_without_GET_RESPONSE()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => Hex("6A82");

        byte[] r = rig.Apdu("00 A4 04 00 02 A0 00 00", out _);

        Assert.Equal("6A82", Convert.ToHexString(r));
    }

    [Fact]
    public void A_card_that_answers_garbage_procedure_bytes_ends_in_a_protocol_error()
    {
        var (rig, _, card) = PoweredCard();
        using var _rig = rig;
        card.Garbage = Hex("12 34 56");

        rig.Apdu("00 B2 01 0C 00", out int n);

        Assert.Equal(ReaderStatus.ProtocolError, n);
    }

    [Fact]
    public void A_card_that_goes_silent_after_its_ATR_times_out()
    {
        var (rig, _, card) = PoweredCard();
        using var _rig = rig;
        card.MuteAfterAtr = true;

        rig.Apdu("00 B2 01 0C 00", out int n);

        Assert.Equal(ReaderStatus.Timeout, n);
    }

    [Fact]
    public void An_answer_longer_than_the_buffer_is_refused()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => [.. new byte[200], 0x90, 0x00];

        rig.Apdu("00 B2 01 0C 00", out int n, capacity: 100);

        Assert.Equal(ReaderStatus.BufferTooSmall, n);
    }

    [Fact]
    public void An_extended_length_command_is_refused_before_anything_is_sent()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;

        rig.Apdu("00 A4 04 00 00 00 02 A0 00", out int n);

        Assert.Equal(ReaderStatus.ProtocolError, n);
        Assert.Empty(applet.Commands);
    }
}
