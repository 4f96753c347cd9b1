using Terminal.Drivers.Simulated.Gpio;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Buzzer;

/// <summary>An active piezo buzzer on a GPIO line: records when it sounded, as (start, duration) tones.</summary>
public sealed class BuzzerModel
{
    private readonly IClock _clock;
    private readonly PinValue _on;
    private readonly List<(long StartMs, long DurationMs)> _tones = [];
    private long _onSinceMs = -1;

    /// <summary>Listens to <paramref name="pin"/>; the buzzer sounds while the line is at its active level.</summary>
    public BuzzerModel(SimulatedGpio gpio, int pin, IClock clock, bool activeHigh = true)
    {
        _clock = clock;
        _on = activeHigh ? PinValue.High : PinValue.Low;
        gpio.Watch(pin, level =>
        {
            if (level == _on && _onSinceMs < 0)
            {
                _onSinceMs = _clock.NowMs;
            }
            else if (level != _on && _onSinceMs >= 0)
            {
                _tones.Add((_onSinceMs, _clock.NowMs - _onSinceMs));
                _onSinceMs = -1;
            }
        });
    }

    /// <summary>Whether the buzzer is sounding now.</summary>
    public bool Sounding => _onSinceMs >= 0;

    /// <summary>Finished tones, oldest first.</summary>
    public IReadOnlyList<(long StartMs, long DurationMs)> Tones => _tones;

    /// <summary>The on/off timeline as text ("on 15 ms, off 100 ms, on 15 ms") for traces.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        for (int i = 0; i < _tones.Count; i++)
        {
            if (i > 0)
            {
                parts.Add($"off {_tones[i].StartMs - (_tones[i - 1].StartMs + _tones[i - 1].DurationMs)} ms");
            }

            parts.Add($"on {_tones[i].DurationMs} ms");
        }

        return string.Join(", ", parts);
    }
}
