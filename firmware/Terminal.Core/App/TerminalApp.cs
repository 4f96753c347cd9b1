using Terminal.Core.Emv;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// The firmware application on the event loop: owns the screen and routes events. This cut has the
    /// idle screen, a status line saying what the keypad, card readers and scanner report (card numbers
    /// masked to 6 + 4 digits, read buffers wiped), a printer test page on FEED, buzzer feedback, and
    /// fault display; payment flows plug in here as state machines.
    /// </summary>
    public sealed class TerminalApp : IEventHandler, ITimerHandler
    {
        /// <summary>Firmware version shown on the idle screen and reported to the host.</summary>
        public const string FirmwareVersion = "0.1.0";

        private readonly EventLoop _loop;
        private readonly IDisplay _display;
        private readonly string _merchantName;
        private int _statusTimer = -1;
        private readonly TerminalDevices _devices;
        private readonly byte[] _read = new byte[512];
        private readonly ContactlessEmvReader? _emv;
        private readonly EmvTerminalData _emvData = new EmvTerminalData();
        private int _lastKey;
        private int _keysSeen;
        private string _lastStatus = string.Empty;
        private SelfTestRun? _selfTest;

        /// <summary>Wires the app to its loop and display, without other peripherals.</summary>
        public TerminalApp(EventLoop loop, IDisplay display, string merchantName)
            : this(loop, display, merchantName, new TerminalDevices())
        {
        }

        /// <summary>Wires the app to its loop, display and peripherals.</summary>
        public TerminalApp(EventLoop loop, IDisplay display, string merchantName, TerminalDevices devices)
        {
            _loop = loop;
            _display = display;
            _merchantName = merchantName;
            _devices = devices;
            if (devices.Contactless != null && devices.Random != null)
            {
                _emv = new ContactlessEmvReader(devices.Contactless, devices.Random);
            }

            loop.SetHandler(this);
        }

        /// <summary>Gives the self-test the events it needs while it runs.</summary>
        public void AttachSelfTest(SelfTestRun run) => _selfTest = run;

        /// <summary>The last status line shown.</summary>
        public string LastStatus => _lastStatus;

        /// <summary>The key most recently pressed.</summary>
        public int LastKey => _lastKey;

        /// <summary>Keys pressed since boot.</summary>
        public int KeysSeen => _keysSeen;

        /// <summary>Draws the idle screen; called once at boot.</summary>
        public void Boot()
        {
            DrawIdle();
            _devices.Scanner?.Trigger();
        }

        /// <inheritdoc />
        public void OnEvent(DeviceEvent e)
        {
            if (_selfTest != null && _selfTest.Running && _selfTest.OnEvent(e))
            {
                return;
            }

            switch (e.Kind)
            {
                case EventKind.KeyDown:
                case EventKind.KeyRepeat:
                    _lastKey = e.Code;
                    _keysSeen++;
                    Beep(BuzzerTone.Click);
                    if (e.Code == KeyCode.Feed && e.Kind == EventKind.KeyDown)
                    {
                        PrintTestPage();
                        break;
                    }

                    ShowStatus("Key " + KeyCode.Name(e.Code));
                    break;
                case EventKind.KeyStuck:
                    ShowStatus("Key stuck: " + KeyCode.Name(e.Code));
                    break;
                case EventKind.CardSwiped:
                    OnSwipe(e.Arg == 1);
                    break;
                case EventKind.CardPresent:
                    OnTap();
                    break;
                case EventKind.ScanComplete:
                    OnScan(e.Arg);
                    break;
                case EventKind.PrinterStatus:
                    if ((e.Arg & (int)PrinterStatus.PaperOut) != 0)
                    {
                        ShowStatus("Printer: out of paper");
                    }
                    else if ((e.Arg & (int)PrinterStatus.CoverOpen) != 0)
                    {
                        ShowStatus("Printer: cover open");
                    }

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

        private void OnSwipe(bool good)
        {
            if (!good || _devices.Magstripe == null)
            {
                Beep(BuzzerTone.Decline);
                ShowStatus("Swipe again");
                return;
            }

            int n = _devices.Magstripe.TakeTrack2(_read, 0);
            string masked = n > 0 ? PanMask.Mask(_read, 0, n) : string.Empty;
            Wipe.Bytes(_read, 0, _read.Length);
            if (masked.Length == 0)
            {
                Beep(BuzzerTone.Decline);
                ShowStatus("Card not readable: swipe again");
                return;
            }

            Beep(BuzzerTone.Approve);
            ShowStatus("Swiped " + masked);
        }

        private void OnTap()
        {
            if (_emv == null)
            {
                return;
            }

            _emvData.Date = _loop.Clock.WallTime;
            EmvReadResult result = _emv.Read(_emvData);
            if (!result.Succeeded)
            {
                Beep(BuzzerTone.Decline);
                ShowStatus("Card read failed: " + result.Reason);
                result.Wipe();
                return;
            }

            string masked = result.MaskedPan();
            result.Wipe();
            Beep(BuzzerTone.Approve);
            ShowStatus("Tapped " + masked);
        }

        private void OnScan(int length)
        {
            if (length < 0 || _devices.Scanner == null)
            {
                _devices.Scanner?.Trigger();
                Beep(BuzzerTone.Decline);
                ShowStatus("Scan again");
                return;
            }

            int n = _devices.Scanner.TakeCode(_read, 0, _read.Length);
            PaymentCodeKind kind = n > 0 ? PaymentCode.Classify(_read, 0, n) : PaymentCodeKind.Unknown;
            Wipe.Bytes(_read, 0, _read.Length);
            _devices.Scanner.Trigger();
            if (kind == PaymentCodeKind.Unknown)
            {
                Beep(BuzzerTone.Decline);
                ShowStatus("Not a payment code");
                return;
            }

            Beep(BuzzerTone.Approve);
            ShowStatus(PaymentCode.Name(kind) + " code scanned");
        }

        private void PrintTestPage()
        {
            IPrinter? printer = _devices.Printer;
            if (printer == null)
            {
                ShowStatus("No printer");
                return;
            }

            printer.PrintLine(_merchantName, TextStyle.Bold, TextAlign.Center);
            printer.PrintLine("PRINTER TEST", TextStyle.Large, TextAlign.Center);
            printer.PrintLine("Firmware " + FirmwareVersion, TextStyle.Normal, TextAlign.Left);
            printer.PrintLine(new string('-', printer.Columns), TextStyle.Normal, TextAlign.Left);
            printer.PrintLine("测试 打印机 通过", TextStyle.Normal, TextAlign.Left);
            printer.PrintQr("TERMINAL PRINTER TEST " + FirmwareVersion, 4);
            printer.Feed(3);
            printer.Cut();
            ShowStatus("Printing test page");
        }

        private void Beep(BuzzerTone tone) => _devices.Buzzer?.Play(tone);

        private void DrawIdle()
        {
            int cols = _display.Columns;
            _display.Clear();
            _display.Write(0, 0, Pad(" " + _merchantName, cols), TextStyle.Inverse);
            _display.Write(3, CenterLarge("WELCOME", cols), "WELCOME", TextStyle.Large);
            _display.Write(5, Center("Swipe, tap or scan", cols), "Swipe, tap or scan", TextStyle.Normal);
            _display.Write(6, Center("or key an amount", cols), "or key an amount", TextStyle.Normal);
            _display.Write(_display.Rows - 1, 0, Pad("MENU: functions  v" + FirmwareVersion, cols), TextStyle.Inverse);
            _display.Flush();
        }

        private void ShowStatus(string text)
        {
            _lastStatus = text;
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

        // Large text is drawn double width on the panel.
        private static int CenterLarge(string text, int width) => 2 * text.Length >= width ? 0 : (width - (2 * text.Length)) / 2;

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
