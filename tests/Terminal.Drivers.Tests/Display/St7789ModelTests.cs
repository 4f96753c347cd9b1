using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Display;

public class St7789ModelTests
{
    private const int Dc = 4;
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
    private readonly SimulatedGpio _gpio = new();
    private readonly St7789Model _panel;

    public St7789ModelTests()
    {
        _gpio.OpenPin(Dc, PinMode.Output);
        _panel = new St7789Model(_gpio, Dc, _clock);
        _clock.Advance(200);
    }

    [Fact]
    public void An_unknown_command_is_rejected_loudly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Send(0xFE));

        Assert.Contains("unknown command 0xFE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sleep_out_sooner_than_120_ms_after_a_software_reset_is_rejected()
    {
        Send(0x01);
        _clock.Advance(50);

        Assert.Throws<InvalidOperationException>(() => Send(0x11));
    }

    [Fact]
    public void A_command_cut_short_of_its_parameters_is_rejected()
    {
        Send(0x2A, 0, 0);

        Assert.Throws<InvalidOperationException>(() => Send(0x2C));
    }

    [Fact]
    public void Reading_from_the_write_only_bus_is_a_wiring_error()
    {
        Assert.Throws<InvalidOperationException>(() => _panel.Read(new byte[1], 0, 1));
    }

    [Fact]
    public void Pixels_land_in_the_caset_raset_window_row_by_row()
    {
        Send(0x3A, 0x55);
        Send(0x2A, 0, 10, 0, 11);
        Send(0x2B, 0, 20, 0, 21);
        Send(0x2C, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0);

        Assert.Equal([0x1234, 0x5678, 0x9ABC, 0xDEF0], new[] { _panel.PixelAt(10, 20), _panel.PixelAt(11, 20), _panel.PixelAt(10, 21), _panel.PixelAt(11, 21) });
    }

    [Fact]
    public void Without_invon_this_ips_panel_shows_colours_inverted()
    {
        Send(0x11);
        _clock.Advance(10);
        Send(0x3A, 0x55);
        Send(0x29);
        Send(0x2A, 0, 0, 0, 0);
        Send(0x2B, 0, 0, 0, 0);
        Send(0x2C, 0, 0);

        Assert.Equal((255, 255, 255), ((int, int, int))_panel.ShownAt(0, 0));
        Send(0x21);
        Assert.Equal((0, 0, 0), ((int, int, int))_panel.ShownAt(0, 0));
    }

    [Fact]
    public void Pixel_data_in_a_format_the_model_does_not_cover_is_refused_not_misdrawn()
    {
        Send(0x2C);

        Assert.Throws<NotSupportedException>(() => Data(0x00, 0x00, 0x00));
    }

    private void Send(byte command, params byte[] parameters)
    {
        _gpio.Write(Dc, PinValue.Low);
        _panel.Write([command], 0, 1);
        if (parameters.Length > 0)
        {
            Data(parameters);
        }
    }

    private void Data(params byte[] bytes)
    {
        _gpio.Write(Dc, PinValue.High);
        _panel.Write(bytes, 0, bytes.Length);
    }
}
