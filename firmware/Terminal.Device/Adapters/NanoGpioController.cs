using System.Device.Gpio;

namespace Terminal.Device.Adapters
{
    // `Hal.` below is Terminal.Hal: the nanoFramework and Hal enums share names (PinMode, PinValue, PinEventTypes).

    /// <summary>
    /// Terminal.Hal's pins on nanoFramework's GpioController. nanoFramework calls one handler per pin from its
    /// GPIO event thread; the Hal handler it forwards to only enqueues, as the Hal contract asks.
    /// </summary>
    public sealed class NanoGpioController : Hal.IGpioController
    {
        private readonly GpioController _gpio;
        private readonly Hal.PinChangedHandler?[] _handlers;
        private readonly PinChangeEventHandler _onPinChanged;

        /// <summary>Wraps <paramref name="gpio"/>.</summary>
        public NanoGpioController(GpioController gpio)
        {
            _gpio = gpio;
            _handlers = new Hal.PinChangedHandler?[gpio.PinCount];
            _onPinChanged = OnPinChanged;
        }

        /// <inheritdoc />
        public void OpenPin(int pin, Hal.PinMode mode) => _gpio.OpenPin(pin, Supported(pin, mode));

        /// <inheritdoc />
        public void ClosePin(int pin)
        {
            _handlers[pin] = null;
            _gpio.ClosePin(pin);
        }

        /// <inheritdoc />
        public void SetPinMode(int pin, Hal.PinMode mode) => _gpio.SetPinMode(pin, Supported(pin, mode));

        /// <inheritdoc />
        public Hal.PinValue Read(int pin) => _gpio.Read(pin) == PinValue.High ? Hal.PinValue.High : Hal.PinValue.Low;

        /// <inheritdoc />
        public void Write(int pin, Hal.PinValue value) => _gpio.Write(pin, value == Hal.PinValue.High ? PinValue.High : PinValue.Low);

        /// <inheritdoc />
        public void RegisterCallbackForPinValueChangedEvent(int pin, Hal.PinEventTypes eventTypes, Hal.PinChangedHandler handler)
        {
            _handlers[pin] = handler;

            // Rising = 1 and Falling = 2 in both enums.
            _gpio.RegisterCallbackForPinValueChangedEvent(pin, (PinEventTypes)(int)eventTypes, _onPinChanged);
        }

        /// <inheritdoc />
        public void UnregisterCallbackForPinValueChangedEvent(int pin, Hal.PinChangedHandler handler)
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(pin, _onPinChanged);
            _handlers[pin] = null;
        }

        private void OnPinChanged(object sender, PinValueChangedEventArgs e)
        {
            Hal.PinChangedHandler? handler = _handlers[e.PinNumber];
            if (handler != null)
            {
                handler(e.PinNumber, (Hal.PinEventTypes)(int)e.ChangeType);
            }
        }

        // ESP32 GPIO 34-39 have no internal pull resistors; boards that read pulled-up lines there fit external
        // ones (board-configs/README.md), so a pull request on such a pin becomes a plain input, not a boot failure.
        private PinMode Supported(int pin, Hal.PinMode mode)
        {
            PinMode nano = ToNano(mode);
            if ((nano == PinMode.InputPullUp || nano == PinMode.InputPullDown) && !_gpio.IsPinModeSupported(pin, nano))
            {
                return PinMode.Input;
            }

            return nano;
        }

        // The two PinMode enums number their members differently, so map by name.
        private static PinMode ToNano(Hal.PinMode mode)
        {
            switch (mode)
            {
                case Hal.PinMode.Output: return PinMode.Output;
                case Hal.PinMode.InputPullUp: return PinMode.InputPullUp;
                case Hal.PinMode.InputPullDown: return PinMode.InputPullDown;
                default: return PinMode.Input;
            }
        }
    }
}
