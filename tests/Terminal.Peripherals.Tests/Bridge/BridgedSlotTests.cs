using Terminal.Drivers.Bridge;
using Terminal.Drivers.Contact;
using Terminal.Drivers.Simulated.Bridge;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contact;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Terminal.Peripherals.Tests.Contact;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Bridge;

/// <summary>The reference board's slot: the TDA8035 driver on the SC16IS752's channel A and GPIOs, against both chip models.</summary>
public class BridgedSlotTests
{
    private const int Crystal = 14_745_600;
    private const int CmdVccN = 0;
    private const int RstIn = 1;
    private const int OffN = 2;

    private sealed class Rig
    {
        public Rig()
        {
            var (bridgeEnd, chipEnd) = SimulatedSerialPort.CreatePair("bridge-A", 9909);
            Bridge = new Sc16is752Model(Crystal, bridgeEnd, pullUps: 1 << OffN);
            Slot = new Tda8035Model(Bridge.Pins, chipEnd, CmdVccN, RstIn, OffN);
            var chip = new Sc16is752(Bridge, Crystal);
            Assert.True(chip.Reset());
            Port = chip.OpenChannel(0, "SC16-A", 9909, UartParity.Even, 2);
            Gpio = chip.Gpio;
            Reader = new Tda8035(Port, Gpio, CmdVccN, RstIn, OffN);
            Reader.Start(Sink);
        }

        public Sc16is752Model Bridge { get; }

        public Tda8035Model Slot { get; }

        public Sc16is752Channel Port { get; }

        public Sc16is752Gpio Gpio { get; }

        public Tda8035 Reader { get; }

        public RecordingSink Sink { get; } = new();

        public long Now { get; private set; }

        public void Run(int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                Now++;
                Gpio.Poll(Now);
                Reader.Poll(Now);
            }
        }
    }

    [Fact]
    public void A_card_is_seen_through_the_bridge_GPIO_and_answers_ATR_and_a_T0_APDU()
    {
        var rig = new Rig();
        var applet = new ScriptedApplet { Answer = _ => Hex("6F 04 84 02 A0 00 90 00") };
        rig.Slot.Insert(new Iso7816Card(ContactEmvTestCards.T0Atr, applet));
        rig.Run(Tda8035.DebounceMs + 20);
        Assert.True(rig.Reader.CardPresent);

        byte[] atr = new byte[40];
        int atrLength = rig.Reader.PowerOn(atr, 0, atr.Length);
        byte[] command = Hex("00 A4 04 00 02 A0 00 00");
        byte[] response = new byte[64];
        int n = rig.Reader.Transceive(command, 0, command.Length, response, 0, response.Length);

        Assert.Equal(Convert.ToHexString(ContactEmvTestCards.T0Atr), Convert.ToHexString(atr, 0, atrLength));
        Assert.Equal(0, rig.Reader.Protocol);
        Assert.Equal("6F048402A0009000", Convert.ToHexString(response, 0, n));
        Assert.Equal("00A4040002A000", Convert.ToHexString(applet.Commands[0])[..14]);
        Assert.True(rig.Slot.Powered);
        Assert.Equal(0, rig.Port.ParityErrors + rig.Port.FramingErrors + rig.Port.Overruns);
    }

    [Fact]
    public void Power_off_through_the_bridge_deactivates_the_card()
    {
        var rig = new Rig();
        rig.Slot.Insert(ContactEmvTestCards.Create("unionpay-debit"));
        rig.Run(Tda8035.DebounceMs + 20);
        Assert.True(rig.Reader.PowerOn(new byte[40], 0, 40) > 0);

        rig.Reader.PowerOff();

        Assert.False(rig.Slot.Powered);
        Assert.Equal(PinValue.High, rig.Bridge.Pins.LevelOf(CmdVccN));
        Assert.Equal(PinValue.Low, rig.Bridge.Pins.LevelOf(RstIn));
    }

    [Fact]
    public void An_empty_slot_reads_low_on_OFFN_through_the_bridge()
    {
        var rig = new Rig();

        rig.Run(100);

        Assert.False(rig.Reader.CardPresent);
        Assert.Equal(-1, rig.Reader.Protocol);
    }

    [Fact]
    public void The_GPIO_scan_turns_an_OFFN_change_into_the_drivers_wake_up()
    {
        var rig = new Rig();
        rig.Run(20);
        int wakes = rig.Sink.Kinds.Count(k => k == EventKind.DeviceWake);

        rig.Slot.Insert(ContactEmvTestCards.Create("unionpay-debit"));
        rig.Run(Sc16is752Gpio.ScanIntervalMs);

        Assert.Equal(wakes + 1, rig.Sink.Kinds.Count(k => k == EventKind.DeviceWake));
        Assert.Equal(PinValue.High, rig.Bridge.Pins.LevelOf(OffN));
    }
}
