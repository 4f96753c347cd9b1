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
    public sealed class TerminalApp : IEventHandler, ITimerHandler, ISelfTestObserver
    {
        private const int ModeIdle = 0;
        private const int ModeMenu = 1;
        private const int ModePassword = 2;
        private const int ModeSelfTest = 3;
        private const int ModeSelfTestDone = 4;

        /// <summary>Key that, held at power-up, takes the technician straight to the self-test.</summary>
        public const int SelfTestBootKey = KeyCode.F1;

        /// <summary>Firmware version shown on the idle screen and reported to the host.</summary>
        public const string FirmwareVersion = "0.1.0";

        private readonly EventLoop _loop;
        private IDisplay _display;
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
        private PasswordGuard? _technician;
        private readonly byte[] _typed = new byte[12];
        private int _typedLength;
        private int _mode;
        private int _bootKeyTimer = -1;
        private PosController? _pos;

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

        /// <summary>Makes the self-test reachable (MENU, 1; or F1 held at power-up) behind the technician password.</summary>
        public void AttachSelfTest(SelfTestRun run, PasswordGuard technician)
        {
            _selfTest = run;
            _technician = technician;
        }

        /// <summary>Hands the idle screen, the keys and the card readers to the cashier functions.</summary>
        public void AttachPayments(PosController pos)
        {
            _pos = pos;
            _display = pos.Display; // the app's own screens carry the training banner too
        }

        /// <summary>The cashier functions, when attached.</summary>
        public PosController? Payments => _pos;

        /// <summary>Shows the technician password prompt; the self-test starts when it is right.</summary>
        public void AskTechnicianPassword()
        {
            if (_selfTest == null)
            {
                ShowStatus("No self-test on this board");
                return;
            }

            AskPassword();
        }

        /// <summary>Starts the self-test now, without the password (the serial debug console, already authorised there).</summary>
        public bool StartSelfTest()
        {
            if (_selfTest == null || _selfTest.Running)
            {
                return false;
            }

            _mode = ModeSelfTest;
            _selfTest.Start(this);
            return true;
        }

        /// <summary>Also told how the self-test went (the debug console prints it).</summary>
        public ISelfTestObserver? SelfTestListener { get; set; }

        /// <inheritdoc />
        public void OnCheckDone(int index, bool passed, string reason) => SelfTestListener?.OnCheckDone(index, passed, reason);

        /// <inheritdoc />
        public void OnSelfTestDone(int passed, int failed)
        {
            _mode = ModeSelfTestDone;
            SelfTestListener?.OnSelfTestDone(passed, failed);
        }

        /// <summary>The last status line shown.</summary>
        public string LastStatus => _lastStatus;

        /// <summary>The key most recently pressed.</summary>
        public int LastKey => _lastKey;

        /// <summary>Keys pressed since boot.</summary>
        public int KeysSeen => _keysSeen;

        /// <summary>Draws the idle screen; called once at boot.</summary>
        public void Boot()
        {
            if (_pos != null)
            {
                _pos.Boot();
            }
            else
            {
                DrawIdle();
            }

            _devices.Scanner?.Trigger();
            if (_selfTest != null && _devices.Keypad != null)
            {
                // Give the keypad a few scans to see a key held since power-up.
                _bootKeyTimer = _loop.Timers.Start(this, _loop.Clock.NowMs + 300, 0);
            }
        }

        /// <inheritdoc />
        public void OnEvent(DeviceEvent e)
        {
            if (_selfTest != null && _selfTest.Running && _selfTest.OnEvent(e))
            {
                return;
            }

            if (_mode != ModeIdle && e.Kind == EventKind.KeyDown)
            {
                OnMenuKey(e.Code);
                return;
            }

            if (_mode == ModeIdle && _pos != null && _pos.OnEvent(e))
            {
                return;
            }

            if (e.Kind == EventKind.KeyDown && e.Code == KeyCode.Menu && _selfTest != null)
            {
                ShowMenu();
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
            if (timerId == _bootKeyTimer)
            {
                _bootKeyTimer = -1;
                if (_mode == ModeIdle && _devices.Keypad != null && _devices.Keypad.IsDown(SelfTestBootKey))
                {
                    AskPassword();
                }

                return;
            }

            if (timerId == _statusTimer)
            {
                _statusTimer = -1;
                _display.ClearRow(_display.Rows - 2);
                _display.Flush();
            }
        }

        private void ShowMenu()
        {
            _mode = ModeMenu;
            _display.Clear();
            _display.Write(0, 0, ScreenText.Pad(" MENU", _display.Columns), TextStyle.Inverse);
            _display.Write(2, 1, "1  Self-test (technician)", TextStyle.Normal);
            _display.Write(_display.Rows - 1, 0, ScreenText.Pad("CANCEL: back", _display.Columns), TextStyle.Inverse);
            _display.Flush();
        }

        private void AskPassword()
        {
            _mode = ModePassword;
            _typedLength = 0;
            _display.Clear();
            _display.Write(0, 0, ScreenText.Pad(" TECHNICIAN", _display.Columns), TextStyle.Inverse);
            _display.Write(2, 1, "Password:", TextStyle.Normal);
            _display.Write(_display.Rows - 1, 0, ScreenText.Pad("ENTER: ok  CANCEL: back", _display.Columns), TextStyle.Inverse);
            _display.Flush();
        }

        private void OnMenuKey(int key)
        {
            if (key == KeyCode.Cancel && _mode != ModeSelfTest)
            {
                Wipe.Bytes(_typed, 0, _typed.Length);
                _mode = ModeIdle;
                DrawIdle();
                return;
            }

            switch (_mode)
            {
                case ModeMenu:
                    if (key == KeyCode.Digit0 + 1)
                    {
                        AskPassword();
                    }

                    break;
                case ModePassword:
                    OnPasswordKey(key);
                    break;
                case ModeSelfTestDone:
                    _mode = ModeIdle;
                    DrawIdle();
                    break;
                default:
                    break;
            }
        }

        private void OnPasswordKey(int key)
        {
            if (KeyCode.IsDigit(key) && _typedLength < _typed.Length)
            {
                _typed[_typedLength++] = (byte)key;
            }
            else if (key == KeyCode.Clear && _typedLength > 0)
            {
                _typed[--_typedLength] = 0;
            }
            else if (key == KeyCode.Enter)
            {
                CheckPassword();
                return;
            }

            _display.ClearRow(3);
            _display.Write(3, 1, new string('*', _typedLength), TextStyle.Large);
            _display.Flush();
        }

        private void CheckPassword()
        {
            PasswordGuard guard = _technician!;
            if (guard.LockedOut)
            {
                ShowStatus("Locked: try again in " + ((guard.LockoutRemainingMs / 60000) + 1).ToString() + " min");
            }
            else if (guard.Check(_typed, 0, _typedLength))
            {
                StartSelfTest();
                return;
            }
            else
            {
                ShowStatus(guard.LockedOut ? "Wrong password: locked for 5 min" : "Wrong password (" + guard.Failures.ToString() + "/" + PasswordGuard.MaxFailures.ToString() + ")");
            }

            Wipe.Bytes(_typed, 0, _typed.Length);
            _typedLength = 0;
            _display.ClearRow(3);
            _display.Flush();
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
            if (_pos != null)
            {
                _pos.DrawIdle();
                return;
            }

            int cols = _display.Columns;
            _display.Clear();
            _display.Write(0, 0, ScreenText.Pad(" " + _merchantName, cols), TextStyle.Inverse);
            _display.Write(3, ScreenText.CenterLarge("WELCOME", cols), "WELCOME", TextStyle.Large);
            _display.Write(5, ScreenText.Center("Swipe, tap or scan", cols), "Swipe, tap or scan", TextStyle.Normal);
            _display.Write(6, ScreenText.Center("or key an amount", cols), "or key an amount", TextStyle.Normal);
            _display.Write(_display.Rows - 1, 0, ScreenText.Pad("MENU: functions  v" + FirmwareVersion, cols), TextStyle.Inverse);
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

    }
}
