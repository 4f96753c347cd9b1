using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Hal;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Contact;

public class T1ProtocolTests
{
    private static (SlotRig Rig, ScriptedApplet Applet, Iso7816Card Card) PoweredCard(int ifsd = 254, string atr = "") =>
        SlotRig.Powered(atr.Length > 0 ? Iso7816Card.WithTck(Hex(atr)) : ContactEmvTestCards.T1Atr, ifsd);

    [Fact]
    public void After_the_ATR_the_driver_announces_its_IFSD_with_S_IFS()
    {
        var (rig, _, card) = PoweredCard(ifsd: 254);
        using var _rig = rig;

        Assert.Equal(1, rig.Reader.Protocol);
        Assert.Equal(254, card.Ifsd);
    }

    [Fact]
    public void A_short_command_and_answer_travel_in_one_I_block_each()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => Hex("6F 04 84 02 A0 00 90 00");

        byte[] r = rig.Apdu("00 A4 04 00 02 A0 00 00", out _);

        Assert.Equal("6F048402A0009000", Convert.ToHexString(r));
        Assert.Equal("00A4040002A00000", Convert.ToHexString(applet.Commands[0]));
    }

    [Fact]
    public void A_command_longer_than_the_card_IFSC_is_chained_and_reassembled()
    {
        // IFSC 16 (TA3 = 10): a 40-byte command goes as three I-blocks.
        var (rig, applet, _) = PoweredCard(atr: "3B E0 00 00 81 31 10 45");
        using var _rig = rig;
        byte[] command = [0x80, 0xAE, 0x80, 0x00, 35, .. Enumerable.Range(1, 35).Select(i => (byte)i)];

        byte[] response = new byte[64];
        int n = rig.Reader.Transceive(command, 0, command.Length, response, 0, response.Length);

        Assert.Equal(2, n);
        Assert.Equal(Convert.ToHexString(command), Convert.ToHexString(applet.Commands[0]));
    }

    [Fact]
    public void An_answer_longer_than_our_IFSD_comes_chained_and_is_reassembled()
    {
        var (rig, applet, _) = PoweredCard(ifsd: 16);
        using var _rig = rig;
        byte[] data = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];
        applet.Answer = _ => [.. data, 0x90, 0x00];

        byte[] r = rig.Apdu("00 B2 01 0C 00", out int n);

        Assert.Equal(102, n);
        Assert.Equal(Convert.ToHexString([.. data, 0x90, 0x00]), Convert.ToHexString(r));
    }

    [Fact]
    public void A_card_asking_for_more_time_with_S_WTX_gets_it()
    {
        var (rig, applet, card) = PoweredCard();
        using var _rig = rig;
        card.WtxRequests = 2;

        byte[] r = rig.Apdu("80 AE 80 00 02 01 02 00", out _);

        Assert.Equal("9000", Convert.ToHexString(r));
        Assert.Equal(1, card.WtxSent);
        Assert.Equal(1, rig.Reader.WaitExtensions);
    }

    [Fact]
    public void A_block_with_a_wrong_LRC_is_asked_again_and_the_answer_is_intact()
    {
        var (rig, applet, card) = PoweredCard();
        using var _rig = rig;
        applet.Answer = _ => Hex("0102 9000");
        card.CorruptBlocks = 2;

        byte[] r = rig.Apdu("00 B2 01 0C 00", out _);

        Assert.Equal("01029000", Convert.ToHexString(r));
        Assert.Equal(2, rig.Reader.Retransmissions);
        Assert.Single(applet.Commands);
    }

    [Fact]
    public void A_card_that_keeps_sending_broken_blocks_ends_in_a_transmission_error()
    {
        var (rig, _, card) = PoweredCard();
        using var _rig = rig;
        card.CorruptBlocks = 100;

        rig.Apdu("00 B2 01 0C 00", out int n);

        Assert.Equal(ReaderStatus.TransmissionError, n);
    }

    [Fact]
    public void A_card_that_answers_garbage_ends_in_an_error_not_an_exception()
    {
        var (rig, _, card) = PoweredCard();
        using var _rig = rig;
        card.Garbage = Hex("00 40 FF 12 34");

        rig.Apdu("00 B2 01 0C 00", out int n);

        Assert.True(n < 0);
    }

    [Fact]
    public void Consecutive_commands_alternate_the_block_numbers()
    {
        var (rig, applet, _) = PoweredCard();
        using var _rig = rig;

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal("9000", Convert.ToHexString(rig.Apdu("00 B2 01 0C 00", out _)));
        }

        Assert.Equal(5, applet.Commands.Count);
    }
}
