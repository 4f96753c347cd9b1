using Terminal.Drivers.Simulated.Gpio;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Simulation;

public class SimulatedGpioTests
{
    private readonly SimulatedGpio _gpio = new();

    [Fact]
    public void A_pulled_up_input_reads_high_until_a_closed_switch_joins_it_to_a_low_output()
    {
        _gpio.OpenPin(1, PinMode.Output);
        _gpio.Write(1, PinValue.Low);
        _gpio.OpenPin(2, PinMode.InputPullUp);
        Assert.Equal(PinValue.High, _gpio.Read(2));

        _gpio.SetSwitch(1, 2, closed: true);
        Assert.Equal(PinValue.Low, _gpio.Read(2));

        _gpio.SetSwitch(2, 1, closed: false);
        Assert.Equal(PinValue.High, _gpio.Read(2));
    }

    [Fact]
    public void Levels_pass_through_chains_of_closed_switches()
    {
        _gpio.OpenPin(1, PinMode.Output);
        _gpio.OpenPin(2, PinMode.Input);
        _gpio.OpenPin(3, PinMode.InputPullUp);
        _gpio.SetSwitch(1, 2, true);
        _gpio.SetSwitch(2, 3, true);

        Assert.Equal(PinValue.Low, _gpio.Read(3));
    }

    [Fact]
    public void Edge_callbacks_fire_only_for_the_edges_asked_for()
    {
        var edges = new List<PinEventTypes>();
        _gpio.OpenPin(7, PinMode.InputPullUp);
        _gpio.RegisterCallbackForPinValueChangedEvent(7, PinEventTypes.Falling, (_, e) => edges.Add(e));

        _gpio.Drive(7, PinValue.Low);
        _gpio.Drive(7, null);
        _gpio.Drive(7, PinValue.Low);

        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Falling], edges);
    }

    [Fact]
    public void Two_outputs_fighting_over_one_net_are_counted_as_contention()
    {
        _gpio.OpenPin(1, PinMode.Output);
        _gpio.OpenPin(2, PinMode.Output);
        _gpio.Write(2, PinValue.High);

        _gpio.SetSwitch(1, 2, true);

        Assert.Equal(1, _gpio.Contentions);
    }

    [Fact]
    public void A_floating_input_keeps_the_level_it_last_had()
    {
        _gpio.OpenPin(1, PinMode.Input);
        _gpio.Drive(1, PinValue.Low);
        _gpio.Drive(1, null);

        Assert.Equal(PinValue.Low, _gpio.Read(1));
    }

    [Fact]
    public void Reading_a_pin_that_was_never_opened_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => _gpio.Read(9));
    }

    [Fact]
    public void A_latch_written_while_an_input_is_driven_when_the_pin_becomes_an_output()
    {
        _gpio.OpenPin(1, PinMode.Input);
        _gpio.Drive(1, PinValue.Low);
        _gpio.Drive(1, null);
        _gpio.Write(1, PinValue.High);
        Assert.Equal(PinValue.Low, _gpio.Read(1));

        _gpio.SetPinMode(1, PinMode.Output);

        Assert.Equal(PinValue.High, _gpio.Read(1));
    }
}
