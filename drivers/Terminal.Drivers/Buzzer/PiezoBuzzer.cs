using Terminal.Hal;

namespace Terminal.Drivers.Buzzer
{
    /// <summary>
    /// An active piezo buzzer (one with its own oscillator) switched by one GPIO pin, usually through a
    /// transistor. A tone is a pattern of on/off durations: Play switches the pin on at once and returns,
    /// Poll switches it at each following step and says when the next step is due.
    /// </summary>
    public sealed class PiezoBuzzer : IBuzzer
    {
        /// <summary>The Code of this driver's <see cref="EventKind.DeviceWake"/> events.</summary>
        public const int WakeTag = 0x425A;

        // Durations in ms, alternating on, off, on...; index = BuzzerTone.
        private static readonly int[] ClickPattern = new int[] { 15 };
        private static readonly int[] ApprovePattern = new int[] { 400 };
        private static readonly int[] DeclinePattern = new int[] { 150, 100, 150, 100, 150 };
        private static readonly int[] AttentionPattern = new int[] { 80, 80, 80 };

        private readonly IGpioController _gpio;
        private readonly int _pin;
        private readonly PinValue _on;
        private readonly PinValue _off;
        private readonly IClock _clock;
        private readonly IEventSink _wake;
        private int[]? _pattern;
        private BuzzerTone _tone;
        private int _step;
        private long _stepEndMs;
        private bool _disposed;

        /// <summary>
        /// Claims <paramref name="pin"/> (off). <paramref name="wake"/> is where Play posts a wake-up so the loop
        /// polls an idle buzzer even when Play was called outside an event handler (from a timer).
        /// </summary>
        public PiezoBuzzer(IGpioController gpio, int pin, IClock clock, IEventSink wake, bool activeHigh = true)
        {
            if (gpio == null || clock == null || wake == null)
            {
                throw new System.ArgumentNullException(gpio == null ? "gpio" : clock == null ? "clock" : "wake");
            }

            _gpio = gpio;
            _clock = clock;
            _pin = pin;
            _wake = wake;
            _on = activeHigh ? PinValue.High : PinValue.Low;
            _off = activeHigh ? PinValue.Low : PinValue.High;
            // Latch the off level before the pin becomes an output, so an active-low buzzer does not chirp at boot.
            gpio.OpenPin(pin, PinMode.Input);
            gpio.Write(pin, _off);
            gpio.SetPinMode(pin, PinMode.Output);
        }

        /// <summary>True while a tone is playing.</summary>
        public bool IsPlaying => _pattern != null;

        /// <summary>
        /// Starts a tone now. A new tone replaces the one playing, except that a key click never
        /// cuts short a longer tone (the approval beep must be heard whole).
        /// </summary>
        public void Play(BuzzerTone tone)
        {
            if (_disposed)
            {
                return;
            }

            if (tone == BuzzerTone.Click && _pattern != null && _tone != BuzzerTone.Click)
            {
                return;
            }

            _tone = tone;
            _pattern = PatternOf(tone);
            _step = 0;
            _stepEndMs = _clock.NowMs + _pattern[0];
            _gpio.Write(_pin, _on);

            // The loop may hold this device as idle (Never): an event makes it poll us for the step's end.
            _wake.Post(EventKind.DeviceWake, WakeTag, (int)tone, EventPriority.Low);
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (_disposed)
            {
                return Deadline.Never;
            }

            if (_pattern == null)
            {
                return Deadline.Never;
            }

            while (nowMs >= _stepEndMs)
            {
                _step++;
                if (_step >= _pattern.Length)
                {
                    _gpio.Write(_pin, _off);
                    _pattern = null;
                    return Deadline.Never;
                }

                // Steps are timed from the previous step's end, not from a late poll, so tones keep their rhythm.
                _stepEndMs += _pattern[_step];
                _gpio.Write(_pin, (_step & 1) == 0 ? _on : _off);
            }

            return _stepEndMs;
        }

        /// <summary>Silences the buzzer and releases the pin.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _gpio.Write(_pin, _off);
            _gpio.ClosePin(_pin);
        }

        private static int[] PatternOf(BuzzerTone tone)
        {
            switch (tone)
            {
                case BuzzerTone.Approve: return ApprovePattern;
                case BuzzerTone.Decline: return DeclinePattern;
                case BuzzerTone.Attention: return AttentionPattern;
                default: return ClickPattern;
            }
        }
    }
}
