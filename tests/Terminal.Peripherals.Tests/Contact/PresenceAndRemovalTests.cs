using CsCheck;
using Terminal.Drivers.Contact;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Hal;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Contact;

public class PresenceAndRemovalTests
{
    [Fact]
    public void A_bouncing_insertion_is_reported_once_after_the_debounce()
    {
        using var rig = new SlotRig(bounce: true);
        rig.Chip.Insert(ContactEmvTestCards.Create("unionpay-debit"));

        rig.Run(Tda8035.DebounceMs - 10);
        Assert.False(rig.Reader.CardPresent);
        rig.Run(40);

        Assert.True(rig.Reader.CardPresent);
        Assert.Equal([EventKind.CardInserted], rig.Sink.Kinds.Where(k => k != EventKind.DeviceWake));
    }

    [Fact]
    public void Contact_chatter_shorter_than_the_debounce_is_not_a_card()
    {
        using var rig = new SlotRig();
        var card = ContactEmvTestCards.Create("unionpay-debit");
        for (int i = 0; i < 5; i++)
        {
            rig.Chip.Insert(card);
            rig.Run(5);
            rig.Chip.Withdraw(bounce: false);
            rig.Run(5);
        }

        rig.Run(100);

        Assert.DoesNotContain(EventKind.CardInserted, rig.Sink.Kinds);
        Assert.False(rig.Reader.CardPresent);
    }

    [Fact]
    public void A_withdrawal_between_transactions_is_reported_after_the_debounce()
    {
        using var rig = new SlotRig(bounce: true);
        rig.Insert(ContactEmvTestCards.Create("unionpay-debit"));

        rig.Chip.Withdraw();
        rig.Run(60);

        Assert.False(rig.Reader.CardPresent);
        Assert.Equal([EventKind.CardInserted, EventKind.CardWithdrawn], rig.Sink.Kinds.Where(k => k != EventKind.DeviceWake));
    }

    [Fact]
    public void Power_off_runs_the_deactivation_and_is_safe_twice()
    {
        using var rig = new SlotRig();
        rig.Insert(ContactEmvTestCards.Create("unionpay-debit"));
        Assert.True(rig.PowerOn() > 0);

        rig.Reader.PowerOff();
        rig.Reader.PowerOff();

        Assert.False(rig.Chip.Powered);
        Assert.Equal(PinValue.High, rig.Gpio.LevelOf(SlotRig.CmdVccN));
        Assert.Equal(PinValue.Low, rig.Gpio.LevelOf(SlotRig.RstIn));
        Assert.Equal(ReaderStatus.NoCard, rig.Apdu("00 B2 01 0C 00", out _).Length == 0 ? ReaderStatus.NoCard : 0);
    }

    [Fact]
    public void A_card_pulled_at_its_GENERATE_AC_ends_the_exchange_with_no_card_and_one_withdrawal()
    {
        using var rig = new SlotRig();
        rig.Insert(ContactEmvTestCards.Create("unionpay-pulled"));
        Assert.True(rig.PowerOn() > 0);

        int status = 0;
        string[] commands =
        [
            "00A404000E315041592E5359532E444446303100", "00B2010C00", "00A4040008A00000033301010100",
            "80A8000010830E" + "000000010000" + "0156" + "0156" + "261201" + "00" + "00", "00B2010C00", "00B2011400",
            "80AE80001D" + "000000010000" + "000000000000" + "0156" + "0000000000" + "0156" + "261201" + "00" + "11223344" + "00",
        ];
        foreach (string c in commands)
        {
            rig.Apdu(c, out status);
            if (status < 0)
            {
                break;
            }
        }

        Assert.Equal(ReaderStatus.NoCard, status);
        Assert.False(rig.Chip.Powered);
        Assert.False(rig.Reader.Active);
        Assert.False(rig.Reader.CardPresent);
        Assert.Single(rig.Sink.Kinds, k => k == EventKind.CardWithdrawn);
    }

    [Fact]
    public void A_card_pulled_at_any_byte_of_a_session_ends_it_with_no_card_powered_down_and_one_withdrawal()
    {
        // Each T=0 and T=1 session with this applet carries fewer than 200 bytes on the line; pull at every one.
        Gen.Select(Gen.Int[0, 200], Gen.Bool).Sample((pullAt, t1) =>
        {
            using var rig = new SlotRig();
            var applet = new ScriptedApplet { Answer = c => c[1] == 0xB2 ? Hex("70 06 5A 04 11 22 33 44 90 00") : Hex("9000") };
            rig.Insert(new Iso7816Card(t1 ? ContactEmvTestCards.T1Atr : ContactEmvTestCards.T0Atr, applet));
            rig.Chip.PullAtLineByte = pullAt;

            int status = rig.PowerOn();
            for (int i = 0; i < 4 && status >= 0; i++)
            {
                rig.Apdu(i % 2 == 0 ? "00 B2 01 0C 00" : "00 82 00 00 04 01 02 03 04", out status);
            }

            bool pulled = rig.Gpio.LevelOf(SlotRig.OffN) == PinValue.Low;
            if (pulled)
            {
                Assert.Equal(ReaderStatus.NoCard, status);
                Assert.False(rig.Chip.Powered);
                Assert.False(rig.Reader.Active);
                Assert.False(rig.Reader.CardPresent);
                Assert.Single(rig.Sink.Kinds, k => k == EventKind.CardWithdrawn);
            }
            else
            {
                Assert.True(status >= 0);
            }
        }, iter: 400);
    }
}
