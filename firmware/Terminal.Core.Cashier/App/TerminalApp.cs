using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// The firmware application on the event loop: owns the screen and routes events. The cashier's screens
    /// (<see cref="PosController"/>) get keys, cards and codes; the app keeps the technician's way in (MENU 1, or F1
    /// held at power-up, behind the technician password), the self-test, the status line for what the drivers
    /// report on their own (a stuck key, the printer's paper and cover), and the display of contained faults.
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
        private string _lastStatus = string.Empty;
        private SelfTestRun? _selfTest;
        private PasswordGuard? _technician;
        private readonly byte[] _typed = new byte[12];
        private int _typedLength;
        private int _mode;
        private int _bootKeyTimer = -1;
        private bool _paymentsBootOwed;
        private PosController? _pos;

        /// <summary>Wires the app to its loop, display and peripherals.</summary>
        public TerminalApp(EventLoop loop, IDisplay display, string merchantName, TerminalDevices devices)
        {
            _loop = loop;
            _display = display;
            _merchantName = merchantName;
            _devices = devices;
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

        // The cashier's language once payments are attached; the technician's screens stay English.
        private int Language => _pos != null ? _pos.Engine.Store.Language : Ui.Language.English;

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

        /// <summary>
        /// Power-up. With a keypad and a self-test, the keypad gets a few scans to see F1 held since power-up (the
        /// technician's way in, before sign-in or set-up take the screen); then the cashier's screens boot.
        /// </summary>
        public void Boot()
        {
            _devices.Scanner?.Trigger();
            if (_selfTest != null && _devices.Keypad != null)
            {
                _paymentsBootOwed = true;
                _bootKeyTimer = _loop.Timers.Start(this, _loop.Clock.NowMs + 300, 0);
                DrawIdle();
                return;
            }

            _pos?.Boot();
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

            if (_mode != ModeIdle || _paymentsBootOwed || _pos == null || _pos.OnEvent(e))
            {
                return;
            }

            switch (e.Kind)
            {
                case EventKind.KeyStuck:
                    ShowStatus("Key stuck: " + KeyCode.Name(e.Code));
                    break;
                case EventKind.PrinterStatus:
                    if ((e.Arg & (int)PrinterStatus.PaperOut) != 0)
                    {
                        ShowStatus(Texts.Get(Language, Texts.PrinterOutOfPaper));
                    }
                    else if ((e.Arg & (int)PrinterStatus.CoverOpen) != 0)
                    {
                        ShowStatus(Texts.Get(Language, Texts.PrinterCoverOpen));
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
                else if (_mode == ModeIdle)
                {
                    DrawIdle();
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
                ShowStatus("Locked: try again in " + guard.LockoutRemainingMinutes.ToString() + " min");
            }
            else if (guard.Check(_typed, 0, _typedLength))
            {
                StartSelfTest();
                return;
            }
            else
            {
                ShowStatus(guard.LockedOut ? "Wrong password: locked for " + guard.LockoutRemainingMinutes.ToString() + " min" : "Wrong password (" + guard.Failures.ToString() + "/" + PasswordGuard.MaxFailures.ToString() + ")");
            }

            Wipe.Bytes(_typed, 0, _typed.Length);
            _typedLength = 0;
            _display.ClearRow(3);
            _display.Flush();
        }

        // Back to the cashier: their idle screen, or, the first time after power-up, their boot (set-up, sign-in, recovery).
        private void DrawIdle()
        {
            if (_paymentsBootOwed && _bootKeyTimer < 0 && _pos != null)
            {
                _paymentsBootOwed = false;
                _pos.Boot();
                return;
            }

            if (_pos != null)
            {
                _pos.DrawIdle();
                return;
            }

            _display.Clear();
            _display.Write(0, 0, ScreenText.Pad(" " + _merchantName, _display.Columns), TextStyle.Inverse);
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
