using Terminal.Core.SelfTest;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// A line console on the debug UART for technicians and developers with a laptop on the board:
    /// <c>help</c>, <c>version</c>, <c>selftest</c> (the same checks as the on-screen self-test, results
    /// printed as they end). The cable to this port is the authorisation, as on most terminals' service ports.
    /// </summary>
    public sealed class DebugConsole : IPolledDevice, ISelfTestObserver
    {
        private readonly ISerialPort _port;
        private readonly TerminalApp _app;
        private readonly byte[] _rx = new byte[64];
        private readonly char[] _line = new char[64];
        private readonly byte[] _tx = new byte[160];
        private int _lineLength;

        /// <summary>Serves the console on <paramref name="port"/> for <paramref name="app"/>.</summary>
        public DebugConsole(ISerialPort port, TerminalApp app)
        {
            _port = port;
            _app = app;
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            int n = _port.BytesToRead > 0 ? _port.Read(_rx, 0, _rx.Length) : 0;
            for (int i = 0; i < n; i++)
            {
                char c = (char)_rx[i];
                if (c == '\r' || c == '\n')
                {
                    if (_lineLength > 0)
                    {
                        Run(new string(_line, 0, _lineLength));
                        _lineLength = 0;
                    }
                }
                else if (_lineLength < _line.Length && c >= ' ' && c < (char)127)
                {
                    _line[_lineLength++] = c;
                }
            }

            return nowMs + 50;
        }

        /// <inheritdoc />
        public void OnCheckDone(int index, bool passed, string reason) =>
            WriteLine((passed ? "PASS " : "FAIL ") + SelfTestRun.CheckNames[index] + ": " + reason);

        /// <inheritdoc />
        public void OnSelfTestDone(int passed, int failed) =>
            WriteLine("self-test: " + passed.ToString() + " passed, " + failed.ToString() + " failed");

        private void Run(string command)
        {
            switch (command.Trim())
            {
                case "help":
                    WriteLine("commands: help, version, selftest");
                    break;
                case "version":
                    WriteLine("terminal firmware " + TerminalApp.FirmwareVersion);
                    break;
                case "selftest":
                    _app.SelfTestListener = this;
                    if (!_app.StartSelfTest())
                    {
                        WriteLine("selftest: not available or already running");
                    }

                    break;
                default:
                    WriteLine("unknown command '" + command + "' (try help)");
                    break;
            }
        }

        private void WriteLine(string text)
        {
            int n = text.Length < _tx.Length - 2 ? text.Length : _tx.Length - 2;
            for (int i = 0; i < n; i++)
            {
                char c = text[i];
                _tx[i] = c < (char)127 ? (byte)c : (byte)'?';
            }

            _tx[n] = 13;
            _tx[n + 1] = 10;
            _port.Write(_tx, 0, n + 2);
        }
    }
}
