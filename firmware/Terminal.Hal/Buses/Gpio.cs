namespace Terminal.Hal
{
    /// <summary>Logic level of a digital pin (mirrors System.Device.Gpio.PinValue).</summary>
    public enum PinValue
    {
        /// <summary>0 V.</summary>
        Low = 0,
        /// <summary>Supply voltage.</summary>
        High = 1,
    }

    /// <summary>Direction and bias of a digital pin (mirrors System.Device.Gpio.PinMode).</summary>
    public enum PinMode
    {
        /// <summary>Floating input.</summary>
        Input = 0,
        /// <summary>Push-pull output.</summary>
        Output = 1,
        /// <summary>Input with the internal pull-up enabled.</summary>
        InputPullUp = 2,
        /// <summary>Input with the internal pull-down enabled.</summary>
        InputPullDown = 3,
    }

    /// <summary>Which edges raise a pin-change callback (mirrors System.Device.Gpio.PinEventTypes).</summary>
    [System.Flags]
    public enum PinEventTypes
    {
        /// <summary>No edge.</summary>
        None = 0,
        /// <summary>Low to high.</summary>
        Rising = 1,
        /// <summary>High to low.</summary>
        Falling = 2,
    }

    /// <summary>Called from interrupt context when a watched pin changes: enqueue, never block.</summary>
    public delegate void PinChangedHandler(int pin, PinEventTypes edge);

    /// <summary>A GPIO controller: the pins of one board (shaped after nanoFramework's GpioController).</summary>
    public interface IGpioController
    {
        /// <summary>Claims a pin and sets its mode.</summary>
        void OpenPin(int pin, PinMode mode);

        /// <summary>Releases a pin.</summary>
        void ClosePin(int pin);

        /// <summary>Changes the mode of an open pin.</summary>
        void SetPinMode(int pin, PinMode mode);

        /// <summary>Reads the level of an open pin.</summary>
        PinValue Read(int pin);

        /// <summary>Drives an output pin.</summary>
        void Write(int pin, PinValue value);

        /// <summary>Calls <paramref name="handler"/> on the given edges of <paramref name="pin"/>.</summary>
        void RegisterCallbackForPinValueChangedEvent(int pin, PinEventTypes eventTypes, PinChangedHandler handler);

        /// <summary>Stops calling the handler for the pin.</summary>
        void UnregisterCallbackForPinValueChangedEvent(int pin, PinChangedHandler handler);
    }
}
