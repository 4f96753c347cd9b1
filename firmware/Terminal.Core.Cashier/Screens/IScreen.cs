using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// One screen of the terminal: what it draws, what a key or a device event does on it, and what happens when
    /// nobody touches it for <see cref="TimeoutMs"/>. The <see cref="App.Navigator"/> shows one at a time.
    /// </summary>
    public interface IScreen
    {
        /// <summary>Milliseconds the screen waits for a key (restarted by each key) before <see cref="Timeout"/>; 0 waits for ever.</summary>
        int TimeoutMs { get; }

        /// <summary>Draws the whole screen.</summary>
        void Draw();

        /// <summary>A key went down.</summary>
        void Key(int key);

        /// <summary>A card, a code or another device event; false leaves it to the navigator's default (a status notice).</summary>
        bool Device(DeviceEvent e);

        /// <summary>Nobody touched the screen for <see cref="TimeoutMs"/>.</summary>
        void Timeout();
    }
}
