using Terminal.Core.CashierFlows;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Screens;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// Owns the screen on the display: shows one <see cref="IScreen"/> at a time, runs its timeout (restarted by
    /// each key), and routes the loop's events to it: keys, cards and codes, timers. It is also the payment engine's
    /// observer, handing each result to the flow that started the job. Device notices nobody asked for (a stuck key,
    /// the printer's paper or cover) and contained faults go on the status line, which wraps and never cuts a word.
    /// </summary>
    public sealed class Navigator : IEventHandler, ITimerHandler, IPaymentObserver
    {
        /// <summary>Rows the status line may take above the footer when its text is long (fewer on a short panel).</summary>
        public const int StatusRows = 3;

        /// <summary>Rows 0 to this one belong to the screens; the status line never wraps up into them.</summary>
        public const int LastScreenRow = 14;

        /// <summary>Milliseconds a device notice stays on the status line.</summary>
        public const int NoticeMs = 3000;

        private readonly EventLoop _loop;
        private readonly IDisplay _display;
        private IScreen? _current;
        private IScreen? _home;
        private IFlow? _awaiting;
        private ChipSale? _slot;
        private int _timer = -1;
        private int _noticeTimer = -1;
        private int _statusTop = -1;
        private string _lastMessage = string.Empty;
        private string _lastStatus = string.Empty;
        private int _language;

        /// <summary>Routes <paramref name="loop"/>'s events to the screens on <paramref name="display"/>.</summary>
        public Navigator(EventLoop loop, IDisplay display)
        {
            _loop = loop;
            _display = display;
        }

        /// <summary>
        /// The inserted card of the sale, told first when the card leaves the slot, whatever screen is up (a card pulled
        /// while the host answers must be known when the answer comes).
        /// </summary>
        public ChipSale? Slot
        {
            get => _slot;
            set => _slot = value;
        }

        /// <summary>The screen up now (null before the first).</summary>
        public IScreen? Current => _current;

        /// <summary>The screen every flow returns to (the idle screen).</summary>
        public IScreen? Home
        {
            get => _home;
            set => _home = value;
        }

        /// <summary>Whether the home screen is up.</summary>
        public bool AtHome => _current != null && _current == _home;

        /// <summary>The language of the navigator's own notices (printer paper and cover).</summary>
        public int Language
        {
            get => _language;
            set => _language = value;
        }

        /// <summary>The last message the cashier was shown (status lines and results).</summary>
        public string LastMessage
        {
            get => _lastMessage;
            set => _lastMessage = value;
        }

        /// <summary>The last text on the status line, the device notices' too.</summary>
        public string LastStatus => _lastStatus;

        /// <summary>Shows <paramref name="screen"/> and starts its timeout.</summary>
        public void Show(IScreen screen)
        {
            Disarm();
            _statusTop = -1;
            _current = screen;
            screen.Draw();
            if (_current == screen)
            {
                Arm(); // not when drawing it already moved on to another screen
            }
        }

        /// <summary>Draws the current screen again (after a key changed it); its timeout goes on.</summary>
        public void Redraw()
        {
            _statusTop = -1;
            _current?.Draw();
        }

        /// <summary>Back to the home screen.</summary>
        public void GoHome()
        {
            if (_home != null)
            {
                Show(_home);
            }
        }

        /// <summary>Stops the current screen's timeout (a wait that has none, or another screen about to be shown).</summary>
        public void Disarm() => Cancel(ref _timer);

        /// <summary>The observer to give the payment engine: its result goes to <paramref name="flow"/>.</summary>
        public IPaymentObserver Await(IFlow flow)
        {
            _awaiting = flow;
            return this;
        }

        /// <summary>Writes <paramref name="text"/> on the status line (and keeps it as <see cref="LastMessage"/>).</summary>
        public void Status(string text)
        {
            _lastMessage = text;
            StopNotice();
            Line(text);
        }

        /// <summary>A device's notice on the status line for <see cref="NoticeMs"/>; the cashier's last message stays.</summary>
        public void Notice(string text)
        {
            Line(text);
            StopNotice();
            _noticeTimer = _loop.Timers.Start(this, _loop.Clock.NowMs + NoticeMs, 0);
        }

        /// <inheritdoc />
        public void OnEvent(DeviceEvent e)
        {
            IScreen? screen = _current;
            if (screen == null)
            {
                return;
            }

            if (e.Kind == EventKind.KeyDown)
            {
                screen.Key(e.Code);
                if (_current == screen)
                {
                    Disarm();
                    Arm();
                }

                return;
            }

            if (e.Kind == EventKind.CardWithdrawn && _slot != null && _slot.Withdrawn())
            {
                return;
            }

            if (screen.Device(e))
            {
                return;
            }

            if (e.Kind == EventKind.KeyStuck)
            {
                Notice("Key stuck: " + KeyCode.Name(e.Code));
            }
            else if (e.Kind == EventKind.PrinterStatus && (e.Arg & (int)PrinterStatus.PaperOut) != 0)
            {
                Notice(Texts.Get(_language, Texts.PrinterOutOfPaper));
            }
            else if (e.Kind == EventKind.PrinterStatus && (e.Arg & (int)PrinterStatus.CoverOpen) != 0)
            {
                Notice(Texts.Get(_language, Texts.PrinterCoverOpen));
            }
        }

        /// <inheritdoc />
        public void OnFault(string where, System.Exception error)
        {
            // The loop survived; tell the operator in words and carry on from the idle screen.
            _awaiting = null;
            GoHome();
            Notice("Error (" + where + "): " + error.Message);
        }

        /// <inheritdoc />
        public void OnTimer(int timerId, long nowMs)
        {
            if (timerId == _noticeTimer)
            {
                _noticeTimer = -1;
                ClearStatus();
                _display.Flush();
                return;
            }

            if (timerId == _timer && _current != null)
            {
                _timer = -1;
                _current.Timeout();
            }
        }

        /// <inheritdoc />
        public void OnProgress(string text) => Status(text);

        /// <inheritdoc />
        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            _lastMessage = message;
            IFlow? flow = _awaiting;
            _awaiting = null;
            flow?.OnPaymentDone(result, message, entry);
        }

        private void Arm()
        {
            int ms = _current != null ? _current.TimeoutMs : 0;
            if (ms > 0)
            {
                _timer = _loop.Timers.Start(this, _loop.Clock.NowMs + ms, 0);
            }
        }

        private void StopNotice() => Cancel(ref _noticeTimer);

        private void Cancel(ref int timer)
        {
            if (timer >= 0)
            {
                _loop.Timers.Cancel(timer);
                timer = -1;
            }
        }

        // The status line sits just above the footer; a long text wraps upwards over up to StatusRows rows.
        private void Line(string text)
        {
            _lastStatus = text;
            ClearStatus();
            int bottom = _display.Rows - 2;
            int room = bottom - LastScreenRow;
            int rows = TextBlock.RowsNeeded(text, _display.Columns, room < 1 ? 1 : room < StatusRows ? room : StatusRows);
            _statusTop = bottom - rows + 1;
            TextBlock.Write(_display, _statusTop, 0, text, rows, 0, TextStyle.Normal);
            _display.Flush();
        }

        private void ClearStatus()
        {
            int bottom = _display.Rows - 2;
            for (int row = _statusTop < 0 ? bottom : _statusTop; row <= bottom; row++)
            {
                _display.ClearRow(row);
            }

            _statusTop = -1;
        }
    }
}
