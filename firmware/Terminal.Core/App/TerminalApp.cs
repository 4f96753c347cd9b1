using Terminal.Core.Runtime;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// The firmware application on the event loop: owns the screen and routes events. This first cut
    /// has the idle screen, a status line for what the keypad and readers report, and fault display;
    /// payment flows plug in here as state machines.
    /// </summary>
    public sealed class TerminalApp : IEventHandler, ITimerHandler
    {
        /// <summary>Firmware version shown on the idle screen and reported to the host.</summary>
        public const string FirmwareVersion = "0.1.0";

        private readonly EventLoop _loop;
        private readonly IDisplay _display;
        private readonly string _merchantName;
        private int _statusTimer = -1;
        private int _lastKey;
        private int _keysSeen;

        /// <summary>Wires the app to its loop and display.</summary>
        public TerminalApp(EventLoop loop, IDisplay display, string merchantName)
        {
            _loop = loop;
            _display = display;
            _merchantName = merchantName;
            loop.SetHandler(this);
        }

        /// <summary>The key most recently pressed.</summary>
        public int LastKey => _lastKey;

        /// <summary>Keys pressed since boot.</summary>
        public int KeysSeen => _keysSeen;

        /// <summary>Draws the idle screen; called once at boot.</summary>
        public void Boot()
        {
            DrawIdle();
        }

        /// <inheritdoc />
        public void OnEvent(DeviceEvent e)
        {
            switch (e.Kind)
            {
                case EventKind.KeyDown:
                case EventKind.KeyRepeat:
                    _lastKey = e.Code;
                    _keysSeen++;
                    ShowStatus("Key " + KeyCode.Name(e.Code));
                    break;
                case EventKind.KeyStuck:
                    ShowStatus("Key stuck: " + KeyCode.Name(e.Code));
                    break;
                case EventKind.CardSwiped:
                    ShowStatus(e.Arg == 1 ? "Card swiped" : "Swipe again");
                    break;
                case EventKind.ScanComplete:
                    ShowStatus(e.Arg >= 0 ? "Code scanned" : "Scan again");
                    break;
                default:
                    break;
            }
        }

        /// <inheritdoc />
        public void OnFault(string where, System.Exception error)
        {
            // The loop survived; tell the operator in words and carry on from the idle screen.
            DrawIdle();
            ShowStatus("Error (" + where + "): " + error.Message);
        }

        /// <inheritdoc />
        public void OnTimer(int timerId, long nowMs)
        {
            if (timerId == _statusTimer)
            {
                _statusTimer = -1;
                _display.ClearRow(_display.Rows - 2);
                _display.Flush();
            }
        }

        private void DrawIdle()
        {
            int cols = _display.Columns;
            _display.Clear();
            _display.Write(0, 0, Pad(" " + _merchantName, cols), TextStyle.Inverse);
            _display.Write(3, Center("WELCOME", cols), "WELCOME", TextStyle.Large);
            _display.Write(5, Center("Swipe, tap or scan", cols), "Swipe, tap or scan", TextStyle.Normal);
            _display.Write(6, Center("or key an amount", cols), "or key an amount", TextStyle.Normal);
            _display.Write(_display.Rows - 1, 0, Pad("MENU: functions  v" + FirmwareVersion, cols), TextStyle.Inverse);
            _display.Flush();
        }

        private void ShowStatus(string text)
        {
            int row = _display.Rows - 2;
            _display.ClearRow(row);
            _display.Write(row, 0, text, TextStyle.Normal);
            _display.Flush();
            if (_statusTimer >= 0)
            {
                _loop.Timers.Cancel(_statusTimer);
            }

            _statusTimer = _loop.Timers.Start(this, _loop.Clock.NowMs + 3000, 0);
        }

        private static int Center(string text, int width) => text.Length >= width ? 0 : (width - text.Length) / 2;

        private static string Pad(string text, int width)
        {
            if (text.Length >= width)
            {
                return text.Substring(0, width);
            }

            return text + new string(' ', width - text.Length);
        }
    }
}
