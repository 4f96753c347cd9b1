using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Hal;

namespace Terminal.Core.SelfTest
{
    /// <summary>Told as each check ends and when the whole self-test is done.</summary>
    public interface ISelfTestObserver
    {
        /// <summary>Check <paramref name="index"/> (see <see cref="SelfTestRun.CheckNames"/>) ended.</summary>
        void OnCheckDone(int index, bool passed, string reason);

        /// <summary>Every check has ended.</summary>
        void OnSelfTestDone(int passed, int failed);
    }

    /// <summary>
    /// The technician's self-test: each part of the terminal is checked in turn and reports pass or fail
    /// with a reason a technician can act on. Checks that need a person (press every key, tap, swipe, scan)
    /// prompt on the display and wait, with a timeout. Runs on the event loop: the app forwards events
    /// while <see cref="Running"/>.
    /// </summary>
    public sealed class SelfTestRun : ITimerHandler, IEchoObserver
    {
        /// <summary>Names of the checks, in the order they run.</summary>
        public static readonly string[] CheckNames =
        {
            "keypad", "display", "printer", "contactless", "magstripe", "scanner", "buzzer", "storage", "clock", "host link", "chip card",
        };

        private const int Keypad = 0, Display = 1, Printer = 2, Contactless = 3, Magstripe = 4, Scanner = 5, Buzzer = 6, Storage = 7, Clock = 8, HostLink = 9, ChipCard = 10;

        private readonly EventLoop _loop;
        private readonly IDisplay _display;
        private readonly TerminalDevices _devices;
        private readonly IKeypad? _keypad;
        private readonly IBlockStorage? _storage;
        private readonly int _reservedSector;
        private readonly HostSession? _host;
        private readonly PaymentStore? _store;
        private static readonly TerminalIdentity Unprovisioned = new TerminalIdentity("00000000", "000000000000000");
        private readonly int _waitMs;
        private readonly bool[] _passed = new bool[11];
        private readonly string[] _reasons = new string[11];
        private readonly byte[] _page = new byte[256];
        private readonly byte[] _readBack = new byte[256];
        private readonly byte[] _scratch = new byte[512];
        private bool[] _seen = new bool[0];
        private bool[] _heldAtStart = new bool[0];
        private ISelfTestObserver? _observer;
        private int _current = -1;
        private int _timer = -1;
        private int _badReads;
        private long _printStarted;
        private int _heldTimer = -1;
        private const int HeldKeyGraceMs = 1500;
        private Journal.Journal? _journal;

        /// <summary>
        /// Sectors the storage check erases and writes, past the journal's own: a board's journal flash has
        /// journalSectors + ReservedSectors sectors, the reserved one at index journalSectors.
        /// </summary>
        public const int ReservedSectors = 1;

        /// <summary>Journal record type of a self-test summary: one byte per check, 'P' or 'F', in <see cref="CheckNames"/> order.</summary>
        public const int JournalRecordType = 0x20;

        /// <summary>The terminal's identity printed under the summary (optional).</summary>
        public Printing.ServiceIdentity? Identity { get; set; }

        /// <summary>Where the summary is kept (optional).</summary>
        public Journal.Journal? Journal
        {
            get => _journal;
            set => _journal = value;
        }

        /// <summary>Creates the run; any part may be null when the board lacks it (its check then fails saying so).</summary>
        public SelfTestRun(EventLoop loop, IDisplay display, TerminalDevices devices, IKeypad? keypad, IBlockStorage? storage, int reservedSector, HostSession? host, PaymentStore? store, int waitMs)
        {
            _loop = loop;
            _display = display;
            _devices = devices;
            _keypad = keypad;
            _storage = storage;
            _reservedSector = reservedSector;
            _host = host;
            _store = store;
            _waitMs = waitMs;
        }

        /// <summary>Whether the self-test is in progress.</summary>
        public bool Running => _current >= 0;

        /// <summary>The check now running, or -1.</summary>
        public int Current => _current;

        /// <summary>Whether check <paramref name="index"/> passed.</summary>
        public bool Passed(int index) => _passed[index];

        /// <summary>Why check <paramref name="index"/> ended as it did.</summary>
        public string Reason(int index) => _reasons[index] ?? string.Empty;

        /// <summary>Starts the checks from the first.</summary>
        public void Start(ISelfTestObserver observer)
        {
            _observer = observer;
            for (int i = 0; i < _passed.Length; i++)
            {
                _passed[i] = false;
                _reasons[i] = string.Empty;
            }

            Begin(Keypad);
        }

        /// <summary>An event while running; returns true when the self-test used it.</summary>
        public bool OnEvent(DeviceEvent e)
        {
            if (_current < 0)
            {
                return false;
            }

            if (e.Kind == EventKind.KeyDown && e.Code == KeyCode.Cancel && _current != Keypad)
            {
                End(false, "Cancelled by the technician");
                return true;
            }

            switch (_current)
            {
                case Keypad:
                    if (e.Kind == EventKind.KeyStuck)
                    {
                        End(false, "Key " + KeyCode.Name(e.Code) + " stuck down: clean or replace the keypad");
                    }
                    else if (e.Kind == EventKind.KeyDown)
                    {
                        MarkKey(e.Code);
                    }
                    else if (e.Kind == EventKind.KeyUp)
                    {
                        ForgetHeld(e.Code);
                    }

                    return true;
                case Contactless:
                    if (e.Kind == EventKind.CardPresent)
                    {
                        End(true, "Card detected in the field");
                    }

                    return e.Kind == EventKind.CardPresent || e.Kind == EventKind.CardRemoved;
                case Magstripe:
                    if (e.Kind != EventKind.CardSwiped)
                    {
                        return false;
                    }

                    if (e.Arg == 1 && _devices.Magstripe != null && _devices.Magstripe.TakeTrack2(_scratch, 0) > 0)
                    {
                        Wipe.Bytes(_scratch, 0, _scratch.Length);
                        End(true, "Good swipe read");
                    }
                    else
                    {
                        _badReads++;
                        Prompt("Bad read: swipe again");
                    }

                    return true;
                case ChipCard:
                    if (e.Kind == EventKind.CardInserted)
                    {
                        ReadAtr();
                    }

                    return e.Kind == EventKind.CardInserted || e.Kind == EventKind.CardWithdrawn;
                case Scanner:
                    if (e.Kind != EventKind.ScanComplete)
                    {
                        return false;
                    }

                    if (e.Arg >= 0 && _devices.Scanner != null && _devices.Scanner.TakeCode(_scratch, 0, _scratch.Length) > 0)
                    {
                        Wipe.Bytes(_scratch, 0, _scratch.Length);
                        End(true, "Code read");
                    }
                    else
                    {
                        _badReads++;
                        _devices.Scanner?.Trigger();
                        Prompt("Bad read: scan again");
                    }

                    return true;
                default:
                    return e.Kind == EventKind.KeyDown || e.Kind == EventKind.KeyUp;
            }
        }

        /// <inheritdoc />
        public void OnTimer(int timerId, long nowMs)
        {
            if (timerId == _heldTimer)
            {
                _heldTimer = -1;
                if (_current == Keypad)
                {
                    CheckHeldKeys();
                }

                return;
            }

            if (timerId != _timer)
            {
                return;
            }

            _timer = -1;
            switch (_current)
            {
                case Keypad:
                    End(false, "Keys never pressed: " + MissingKeys() + " - check the keypad and its ribbon cable");
                    break;
                case Printer:
                    FinishPrinter();
                    break;
                case Contactless:
                    End(false, "No card detected - check the antenna cable, or tap a working card");
                    break;
                case Magstripe:
                    End(false, _badReads > 0
                        ? "No good swipe (" + _badReads.ToString() + " bad reads) - clean the magnetic head"
                        : "No swipe seen - check the reader cable");
                    break;
                case ChipCard:
                    End(false, "No chip card inserted - check the slot's card switch, or insert a working card");
                    break;
                case Scanner:
                    End(false, _badReads > 0
                        ? "No good scan (" + _badReads.ToString() + " bad reads) - clean the scanner window"
                        : "No code scanned - check the scanner window and aim");
                    break;
                default:
                    break;
            }
        }

        /// <inheritdoc />
        public void OnEchoDone(bool success, int roundTripMs, string message)
        {
            if (_current == HostLink)
            {
                End(success, success ? "Echo answered in " + roundTripMs.ToString() + " ms"
                    : message + " - check the network or cable and the host address in the board file");
            }
        }

        private void Begin(int check)
        {
            _current = check;
            _badReads = 0;
            _display.Clear();
            _display.Write(0, 0, "SELF-TEST " + (check + 1).ToString() + "/" + CheckNames.Length.ToString() + ": " + CheckNames[check], TextStyle.Inverse);
            _display.Flush();
            switch (check)
            {
                case Keypad:
                    BeginKeypad();
                    break;
                case Display:
                    DrawPatterns();
                    End(true, "Patterns drawn - look for missing pixels or lines");
                    break;
                case Printer:
                    BeginPrinter();
                    break;
                case Contactless:
                    if (_devices.Contactless == null || !_devices.Contactless.SelfCheck())
                    {
                        End(false, "Contactless reader not answering - check its SPI cable and power");
                        break;
                    }

                    // The cashier screens keep the field off until a card is expected: the check needs it on.
                    _devices.Contactless.SetField(true);
                    Prompt("Tap a card");
                    Wait();
                    break;
                case Magstripe:
                    if (_devices.Magstripe == null)
                    {
                        End(false, "No magstripe reader on this board");
                        break;
                    }

                    Prompt("Swipe a card");
                    Wait();
                    break;
                case Scanner:
                    if (_devices.Scanner == null || !_devices.Scanner.Attached)
                    {
                        End(false, "QR scanner not answering on its UART - check its cable and power");
                        break;
                    }

                    _devices.Scanner.Trigger();
                    Prompt("Scan a code");
                    Wait();
                    break;
                case ChipCard:
                    BeginChipCard();
                    break;
                case Buzzer:
                    if (_devices.Buzzer == null)
                    {
                        End(false, "No buzzer on this board");
                        break;
                    }

                    _devices.Buzzer.Play(BuzzerTone.Attention);
                    End(true, "Tone played - listen for two beeps");
                    break;
                case Storage:
                    CheckStorage();
                    break;
                case Clock:
                    CheckClock();
                    break;
                case HostLink:
                    if (_host == null)
                    {
                        End(false, "No host link configured - set hostLink in the board file");
                        break;
                    }

                    // Before set-up the echo goes out under a placeholder identity: the host's answer to an unknown
                    // terminal still proves the link.
                    Prompt("Echo test with the host...");
                    new EchoFlow(_host, (_store != null ? _store.Identity : null) ?? Unprovisioned, _loop.Clock).Start(this, _waitMs);
                    break;
                default:
                    break;
            }
        }

        private void BeginKeypad()
        {
            int[] keys = _keypad == null ? new int[0] : _keypad.Keys;
            _seen = new bool[keys.Length];
            if (_keypad == null)
            {
                End(false, "No keypad on this board");
                return;
            }

            _heldAtStart = new bool[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                _heldAtStart[i] = _keypad.IsDown(keys[i]);
            }

            Prompt("Press every key once");
            Wait();

            // The key that started the self-test may still be on its way up: look for held keys a moment later.
            _heldTimer = _loop.Timers.Start(this, _loop.Clock.NowMs + HeldKeyGraceMs, 0);
        }

        private void CheckHeldKeys()
        {
            int[] keys = _keypad!.Keys;
            for (int i = 0; i < keys.Length; i++)
            {
                if (_heldAtStart[i] && _keypad.IsDown(keys[i]))
                {
                    End(false, "Key " + KeyCode.Name(keys[i]) + " held down since the start - stuck key: clean or replace the keypad");
                    return;
                }
            }
        }

        private void MarkKey(int key)
        {
            int[] keys = _keypad!.Keys;
            bool all = true;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key)
                {
                    _seen[i] = true;
                }

                all &= _seen[i];
            }

            if (all)
            {
                End(true, "All " + keys.Length.ToString() + " keys seen");
            }
            else
            {
                Prompt("Still to press: " + MissingKeys());
            }
        }

        private void ForgetHeld(int key)
        {
            int[] keys = _keypad!.Keys;
            for (int i = 0; i < keys.Length && i < _heldAtStart.Length; i++)
            {
                if (keys[i] == key)
                {
                    _heldAtStart[i] = false;
                }
            }
        }

        private string MissingKeys()
        {
            string missing = string.Empty;
            int[] keys = _keypad == null ? new int[0] : _keypad.Keys;
            for (int i = 0; i < keys.Length && i < _seen.Length; i++)
            {
                if (!_seen[i])
                {
                    missing = missing.Length == 0 ? KeyCode.Name(keys[i]) : missing + " " + KeyCode.Name(keys[i]);
                }
            }

            return missing;
        }

        private void DrawPatterns()
        {
            for (int row = 1; row < _display.Rows; row++)
            {
                string line = new string(row % 2 == 0 ? '#' : ' ', _display.Columns);
                _display.Write(row, 0, line, row % 4 == 1 ? TextStyle.Inverse : TextStyle.Normal);
            }

            _display.Flush();
        }

        private void BeginPrinter()
        {
            IPrinter? printer = _devices.Printer;
            if (printer == null)
            {
                End(false, "No printer on this board");
                return;
            }

            printer.PrintLine("SELF-TEST PRINTER PAGE", TextStyle.Bold, TextAlign.Center);
            printer.PrintLine(new string('#', printer.Columns), TextStyle.Normal, TextAlign.Left);
            printer.PrintLine("0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ", TextStyle.Normal, TextAlign.Left);
            printer.PrintLine("测试 打印机 通过", TextStyle.Normal, TextAlign.Left);
            printer.PrintQr("TERMINAL PRINTER TEST " + TerminalApp.FirmwareVersion, 4);
            printer.Feed(2);
            printer.Cut();
            Prompt("Printing test page...");
            _printStarted = _loop.Clock.NowMs;
            _timer = _loop.Timers.Start(this, _loop.Clock.NowMs + 500, 0);
        }

        private void FinishPrinter()
        {
            PrinterStatus status = _devices.Printer!.Status;
            if (_devices.Printer.Busy && status == PrinterStatus.Ready && _loop.Clock.NowMs - _printStarted < _waitMs)
            {
                // Still printing: look again shortly.
                _timer = _loop.Timers.Start(this, _loop.Clock.NowMs + 500, 0);
                return;
            }

            if ((status & PrinterStatus.PaperOut) != 0)
            {
                End(false, "Printer out of paper - load a paper roll and close the cover");
            }
            else if ((status & PrinterStatus.CoverOpen) != 0)
            {
                End(false, "Printer cover open - close it");
            }
            else if ((status & PrinterStatus.Offline) != 0)
            {
                End(false, "Printer not answering - check its cable and power");
            }
            else if ((status & PrinterStatus.Fault) != 0)
            {
                End(false, "Printer fault (cutter or head) - service the printer");
            }
            else if (_devices.Printer.Busy)
            {
                End(false, "Printer did not finish the page - check the paper path");
            }
            else
            {
                End(true, (status & PrinterStatus.PaperLow) != 0 ? "Page printed; paper nearly out" : "Page printed, paper sensor OK");
            }
        }

        private void CheckStorage()
        {
            if (_storage == null)
            {
                End(false, "No storage configured");
                return;
            }

            int address = _reservedSector * _storage.SectorSize;
            for (int i = 0; i < _page.Length; i++)
            {
                _page[i] = (byte)((i * 37) ^ 0x5A);
            }

            int n = _page.Length < _storage.PageSize ? _page.Length : _storage.PageSize;
            _storage.EraseSector(_reservedSector);
            _storage.Program(address, _page, 0, n);
            _storage.Read(address, _readBack, 0, n);
            _storage.EraseSector(_reservedSector);
            for (int i = 0; i < n; i++)
            {
                if (_readBack[i] != _page[i])
                {
                    End(false, "Storage verify failed at byte " + i.ToString() + " of sector " + _reservedSector.ToString() + " - flash faulty: replace the board");
                    return;
                }
            }

            End(true, "Sector " + _reservedSector.ToString() + " written, read and verified");
        }

        private void CheckClock()
        {
            System.DateTime wall = _loop.Clock.WallTime;
            if (wall.Year < 2024)
            {
                End(false, "Wall clock not set (" + wall.Year.ToString() + ") - sign in to set it from the host");
                return;
            }

            End(true, "Clock running: " + wall.ToString("yyyy-MM-dd HH:mm:ss"));
        }

        private void BeginChipCard()
        {
            IContactReader? slot = _devices.Contact;
            if (slot == null)
            {
                End(false, "No chip-card slot on this board");
            }
            else if (!slot.SelfCheck())
            {
                End(false, "Chip-card slot not answering - check the interface chip's supply and its UART");
            }
            else if (slot.CardPresent)
            {
                ReadAtr();
            }
            else
            {
                Prompt("Insert a chip card");
                Wait();
            }
        }

        // Powers the card, takes its answer to reset and powers it down again: the slot, its chip and the line work.
        private void ReadAtr()
        {
            IContactReader? slot = _devices.Contact;
            if (slot == null)
            {
                return;
            }

            int n = slot.PowerOn(_scratch, 0, _scratch.Length);
            slot.PowerOff();
            Wipe.Bytes(_scratch, 0, _scratch.Length);
            if (n > 0)
            {
                End(true, "Card answered its reset (" + n.ToString() + "-byte ATR)");
            }
            else
            {
                End(false, "Card did not answer its reset (status " + n.ToString() + ") - clean the contacts or try another card");
            }
        }

        private void Prompt(string text)
        {
            _display.ClearRow(3);
            _display.Write(3, 0, text, TextStyle.Normal);
            _display.Flush();
        }

        private void Wait()
        {
            _timer = _loop.Timers.Start(this, _loop.Clock.NowMs + _waitMs, 0);
        }

        private void End(bool passed, string reason)
        {
            if (_timer >= 0)
            {
                _loop.Timers.Cancel(_timer);
                _timer = -1;
            }

            if (_heldTimer >= 0)
            {
                _loop.Timers.Cancel(_heldTimer);
                _heldTimer = -1;
            }

            int check = _current;
            _passed[check] = passed;
            _reasons[check] = reason;
            _observer?.OnCheckDone(check, passed, reason);
            if (check + 1 < CheckNames.Length)
            {
                Begin(check + 1);
                return;
            }

            _current = -1;
            int ok = 0;
            for (int i = 0; i < _passed.Length; i++)
            {
                if (_passed[i])
                {
                    ok++;
                }
            }

            ShowSummary(ok);
            if (_journal != null)
            {
                for (int i = 0; i < CheckNames.Length; i++)
                {
                    _scratch[i] = _passed[i] ? (byte)'P' : (byte)'F';
                }

                _journal.Append(JournalRecordType, _scratch, 0, CheckNames.Length);
            }

            _observer?.OnSelfTestDone(ok, CheckNames.Length - ok);
        }

        private void ShowSummary(int ok)
        {
            _display.Clear();
            _display.Write(0, 0, "SELF-TEST: " + ok.ToString() + "/" + CheckNames.Length.ToString() + " passed", TextStyle.Inverse);
            for (int i = 0; i < CheckNames.Length && i + 1 < _display.Rows; i++)
            {
                _display.Write(i + 1, 0, (_passed[i] ? "PASS " : "FAIL ") + CheckNames[i], TextStyle.Normal);
            }

            _display.Flush();
            IPrinter? printer = _devices.Printer;
            if (printer != null && _passed[Printer])
            {
                printer.PrintLine("SELF-TEST SUMMARY", TextStyle.Bold, TextAlign.Center);
                for (int i = 0; i < CheckNames.Length; i++)
                {
                    printer.PrintLine((_passed[i] ? "PASS " : "FAIL ") + CheckNames[i], TextStyle.Normal, TextAlign.Left);
                }

                if (Identity != null)
                {
                    // Whose terminal this page is from, as the help slip gives it, for the technician's report.
                    printer.PrintLine(Identity.Title, TextStyle.Bold, TextAlign.Center);
                    Identity.Print(printer);
                }

                printer.Feed(3);
                printer.Cut();
            }
        }
    }
}
