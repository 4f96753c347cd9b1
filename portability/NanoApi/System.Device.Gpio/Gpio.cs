using System;
using nanoFramework.Runtime.Events;

namespace System.Device.Gpio
{
    /// <summary>Opens, configures, reads and writes GPIO pins and reports their edges.</summary>
    public sealed class GpioController : IDisposable
    {
        /// <summary>A controller for the board's pins (logical numbering).</summary>
        public GpioController() => throw new NotImplementedException();

        /// <summary>Number of pins the board has.</summary>
        public int PinCount => throw new NotImplementedException();

        /// <summary>Opens a pin in a mode.</summary>
        public GpioPin OpenPin(int pinNumber, PinMode mode) => throw new NotImplementedException();

        /// <summary>Closes an open pin.</summary>
        public void ClosePin(int pinNumber) => throw new NotImplementedException();

        /// <summary>Changes an open pin's mode.</summary>
        public void SetPinMode(int pinNumber, PinMode mode) => throw new NotImplementedException();

        /// <summary>Whether the pin can take the mode.</summary>
        public bool IsPinModeSupported(int pinNumber, PinMode mode) => throw new NotImplementedException();

        /// <summary>Reads a pin.</summary>
        public PinValue Read(int pinNumber) => throw new NotImplementedException();

        /// <summary>Drives a pin.</summary>
        public void Write(int pinNumber, PinValue value) => throw new NotImplementedException();

        /// <summary>Calls <paramref name="callback"/> on the pin's edges of the given types.</summary>
        public void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
            => throw new NotImplementedException();

        /// <summary>Stops the calls.</summary>
        public void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
            => throw new NotImplementedException();

        /// <summary>Closes every pin the controller opened.</summary>
        public void Dispose() => throw new NotImplementedException();
    }

    /// <summary>An open pin (the adapters go through the controller, not through this).</summary>
    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() => throw new NotImplementedException();

        /// <summary>Closes the pin.</summary>
        public void Dispose() => throw new NotImplementedException();
    }

    /// <summary>Pin modes.</summary>
    public enum PinMode
    {
        /// <summary>Floating input.</summary>
        Input = 0,

        /// <summary>Input with the pull-down resistor.</summary>
        InputPullDown = 1,

        /// <summary>Input with the pull-up resistor.</summary>
        InputPullUp = 2,

        /// <summary>Push-pull output.</summary>
        Output = 3,

        /// <summary>Open-drain output.</summary>
        OutputOpenDrain = 4,

        /// <summary>Open-drain output with pull-up.</summary>
        OutputOpenDrainPullUp = 5,

        /// <summary>Open-source output.</summary>
        OutputOpenSource = 6,

        /// <summary>Open-source output with pull-down.</summary>
        OutputOpenSourcePullDown = 7,
    }

    /// <summary>Edges a callback is registered for.</summary>
    [Flags]
    public enum PinEventTypes
    {
        /// <summary>No edge.</summary>
        None = 0,

        /// <summary>Low to high.</summary>
        Rising = 1,

        /// <summary>High to low.</summary>
        Falling = 2,
    }

    /// <summary>A pin level.</summary>
    public readonly struct PinValue
    {
        /// <summary>High level.</summary>
        public static PinValue High => throw new NotImplementedException();

        /// <summary>Low level.</summary>
        public static PinValue Low => throw new NotImplementedException();

        /// <summary>Same level.</summary>
        public static bool operator ==(PinValue a, PinValue b) => throw new NotImplementedException();

        /// <summary>Different levels.</summary>
        public static bool operator !=(PinValue a, PinValue b) => throw new NotImplementedException();

        /// <inheritdoc />
        public override bool Equals(object obj) => throw new NotImplementedException();

        /// <inheritdoc />
        public override int GetHashCode() => throw new NotImplementedException();
    }

    /// <summary>Called on a registered pin edge.</summary>
    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    /// <summary>Which pin changed, and how.</summary>
    public class PinValueChangedEventArgs : BaseEvent
    {
        /// <summary>An edge on a pin.</summary>
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) => throw new NotImplementedException();

        /// <summary>The edge.</summary>
        public PinEventTypes ChangeType => throw new NotImplementedException();

        /// <summary>The pin.</summary>
        public int PinNumber => throw new NotImplementedException();
    }
}
