using Terminal.Drivers.Bridge;
using Terminal.Drivers.Simulated.Bridge;
using Terminal.Drivers.Simulated.Serial;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.Bridge;

public class Sc16is752Tests
{
    // The TDA8035's crystal: the card clock is 14.7456 MHz / 4, so f/372 = 14.7456 MHz / 1488 = 9909.68 baud.
    private const int Crystal = 14_745_600;
    private const int Baud = 9909;

    private sealed class Rig
    {
        public Rig(int lineFormat = 0x1F, UartParity parity = UartParity.Even, int stopBits = 2)
        {
            (Line, Far) = SimulatedSerialPort.CreatePair("bridge-A", Baud);
            Chip = new Sc16is752Model(Crystal, Line, lineFormat: lineFormat);
            Bridge = new Sc16is752(Chip, Crystal);
            Port = Bridge.OpenChannel(0, "SC16-A", Baud, parity, stopBits);
            Far.Open();
            Port.Open();
        }

        public SimulatedSerialPort Line { get; }

        /// <summary>The device at the other end of channel A's cable.</summary>
        public SimulatedSerialPort Far { get; }

        public Sc16is752Model Chip { get; }

        public Sc16is752 Bridge { get; }

        public Sc16is752Channel Port { get; }

        public byte[] ReadAll(int expected)
        {
            var got = new byte[expected + 16];
            int n = 0;
            int r;
            while ((r = Port.Read(got, n, got.Length - n)) > 0)
            {
                n += r;
            }

            return got[..n];
        }
    }

    [Fact]
    public void The_divisor_for_f_over_372_from_a_14_7456_MHz_crystal_is_93_and_exact()
    {
        var bridge = new Sc16is752(new Sc16is752Model(Crystal, null), Crystal);

        Assert.Equal(93, bridge.DivisorFor(Baud));
        // 14,745,600 / (16 x 93) = 9,909.68 baud = 3,686,400 / 372: the same quotient as the card's f/372.
        Assert.Equal(14_745_600L * 372, 3_686_400L * 16 * 93);
    }

    [Fact]
    public void Open_programs_8E2_the_divisor_and_reset_FIFOs()
    {
        var rig = new Rig();

        Assert.Equal(0x1F, rig.Chip.Lcr(0)); // 8 data bits, 2 stop bits, parity on, even; divisor latch closed again
        Assert.Equal(93, rig.Chip.Divisor(0));
        Assert.Equal(0x07, rig.Chip.Fcr(0)); // FIFOs on, both reset
        Assert.Equal(0x1D, rig.Chip.Lcr(1)); // channel B untouched (reset value)
    }

    [Fact]
    public void Reset_checks_the_bus_through_the_scratch_pad()
    {
        var chip = new Sc16is752Model(Crystal, null);
        var bridge = new Sc16is752(chip, Crystal);

        Assert.True(bridge.Reset());
        Assert.Equal(1 + 1, chip.Resets); // power-on and the software reset
        chip.Silent = true;
        Assert.False(bridge.Reset());
    }

    [Fact]
    public void More_than_a_FIFO_of_characters_goes_out_and_comes_back_in_order()
    {
        var rig = new Rig();
        byte[] sent = Enumerable.Range(0, 150).Select(i => (byte)(i * 7)).ToArray();

        rig.Port.Write(sent, 0, sent.Length);
        var atFar = new byte[200];
        int n = rig.Far.Read(atFar, 0, atFar.Length);
        rig.Far.Write(atFar, 0, n);

        Assert.Equal(sent, atFar[..n]);
        Assert.Equal(sent, rig.ReadAll(sent.Length));
        Assert.Equal(0, rig.Port.ParityErrors + rig.Port.Overruns + rig.Port.FramingErrors);
    }

    [Fact]
    public void A_parity_error_is_counted_for_its_character_and_shown_in_the_line_status()
    {
        var rig = new Rig();
        rig.Chip.ParityErrorOnNext(0, 1);

        rig.Far.Write([0x3B, 0x60, 0x00], 0, 3);

        Assert.Equal(new byte[] { 0x3B, 0x60, 0x00 }, rig.ReadAll(3));
        Assert.Equal(1, rig.Port.ParityErrors);
        Assert.Equal(Sc16is752Bits.LsrParity, rig.Port.LastLineStatus & Sc16is752Bits.LsrParity);
    }

    [Fact]
    public void A_character_lost_to_a_full_FIFO_is_counted_as_an_overrun()
    {
        var rig = new Rig();
        rig.Chip.OverrunNext(0);

        rig.Far.Write([0x01, 0x02, 0x03], 0, 3);

        Assert.Equal(new byte[] { 0x02, 0x03 }, rig.ReadAll(3));
        Assert.Equal(1, rig.Port.Overruns);
        Assert.Equal(Sc16is752Bits.LsrOverrun, rig.Port.LastLineStatus & Sc16is752Bits.LsrOverrun);
    }

    [Fact]
    public void A_channel_set_for_the_wrong_format_sees_framing_errors()
    {
        var rig = new Rig(parity: UartParity.None, stopBits: 1); // 8N1 on an 8E2 line

        rig.Far.Write([0x90, 0x00], 0, 2);
        rig.ReadAll(2);

        Assert.Equal(2, rig.Port.FramingErrors);
    }

    [Fact]
    public void Output_pins_drive_their_nets_and_input_pins_read_them()
    {
        var chip = new Sc16is752Model(Crystal, null);
        var bridge = new Sc16is752(chip, Crystal);
        IGpioController gpio = bridge.Gpio;

        gpio.OpenPin(0, PinMode.Output);
        gpio.Write(0, PinValue.High);
        gpio.OpenPin(1, PinMode.Output);
        gpio.OpenPin(2, PinMode.InputPullUp);

        Assert.Equal(0b011, chip.IoDir);
        Assert.Equal(PinValue.High, chip.Pins.LevelOf(0));
        Assert.Equal(PinValue.Low, chip.Pins.LevelOf(1));
        Assert.Equal(PinValue.High, gpio.Read(2)); // the board's pull-up
        chip.Pins.Drive(2, PinValue.Low);
        Assert.Equal(PinValue.Low, gpio.Read(2));
        gpio.Write(0, PinValue.Low);
        Assert.Equal(PinValue.Low, chip.Pins.LevelOf(0));
    }

    [Fact]
    public void A_pin_must_be_opened_before_use()
    {
        var bridge = new Sc16is752(new Sc16is752Model(Crystal, null), Crystal);

        Assert.Throws<InvalidOperationException>(() => bridge.Gpio.Read(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => bridge.Gpio.OpenPin(8, PinMode.Output));
    }
}
