using Terminal.Drivers.Buzzer;
using Terminal.Drivers.Simulated.Buzzer;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Buzzer;

public sealed class PiezoBuzzerTests : IDisposable
{
    private const int Pin = 25;
    private readonly LoopRig _rig = new();
    private readonly BuzzerModel _model;
    private readonly PiezoBuzzer _buzzer;

    public PiezoBuzzerTests()
    {
        _model = new BuzzerModel(_rig.Gpio, Pin, _rig.Time);
        _buzzer = new PiezoBuzzer(_rig.Gpio, Pin, _rig.Time, _rig.Sink);
        _rig.Loop.AddPolled(_buzzer);
        _rig.RunFor(10);
    }

    public void Dispose() => _buzzer.Dispose();

    [Theory]
    [InlineData(BuzzerTone.Click, "on 15 ms")]
    [InlineData(BuzzerTone.Approve, "on 400 ms")]
    [InlineData(BuzzerTone.Decline, "on 150 ms, off 100 ms, on 150 ms, off 100 ms, on 150 ms")]
    [InlineData(BuzzerTone.Attention, "on 80 ms, off 80 ms, on 80 ms")]
    public void Each_tone_plays_its_on_off_pattern_to_the_millisecond(BuzzerTone tone, string pattern)
    {
        _buzzer.Play(tone);
        _rig.RunFor(2_000);

        Assert.Equal(pattern, _model.Describe());
        Assert.False(_model.Sounding);
    }

    [Fact]
    public void A_tone_started_outside_any_event_handler_starts_at_once_and_ends_on_time()
    {
        long asked = _rig.Time.NowMs;
        _buzzer.Play(BuzzerTone.Approve);
        _rig.RunFor(1_000);

        Assert.Equal((asked, 400L), Assert.Single(_model.Tones));
    }

    [Fact]
    public void A_key_click_does_not_cut_short_the_approval_tone()
    {
        _buzzer.Play(BuzzerTone.Approve);
        _rig.RunFor(100);
        _buzzer.Play(BuzzerTone.Click);
        _rig.RunFor(1_000);

        Assert.Equal("on 400 ms", _model.Describe());
    }

    [Fact]
    public void A_new_tone_replaces_the_one_playing()
    {
        _buzzer.Play(BuzzerTone.Attention);
        _rig.RunFor(40);
        _buzzer.Play(BuzzerTone.Decline);
        _rig.RunFor(1_000);

        Assert.Equal("on 190 ms, off 100 ms, on 150 ms, off 100 ms, on 150 ms", _model.Describe());
    }

    [Fact]
    public void A_silent_buzzer_is_not_polled()
    {
        _buzzer.Play(BuzzerTone.Click);
        _rig.RunFor(100);

        Assert.Equal(Deadline.Never, _buzzer.Poll(_rig.Time.NowMs));
        Assert.False(_buzzer.IsPlaying);
    }

    [Fact]
    public void An_active_low_buzzer_is_silent_with_its_pin_high()
    {
        var rig = new LoopRig();
        var model = new BuzzerModel(rig.Gpio, Pin, rig.Time, activeHigh: false);
        using var buzzer = new PiezoBuzzer(rig.Gpio, Pin, rig.Time, rig.Sink, activeHigh: false);
        rig.Loop.AddPolled(buzzer);
        rig.RunFor(100);
        Assert.Equal(PinValue.High, rig.Gpio.LevelOf(Pin));

        buzzer.Play(BuzzerTone.Click);
        rig.RunFor(100);

        Assert.Equal("on 15 ms", model.Describe());
    }
}
