using Terminal.Core.Emv;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// The cashier's terminal: first-boot provisioning, the idle screen, sale (amount, then swipe, tap or
    /// scan), approved/declined screens and receipts, and the MENU functions: void, refund, settlement,
    /// reprints, reports, sign-in, operator, set-up, self-test. Manager functions ask the manager password.
    /// Every wait has a timeout that returns to the idle screen; the money itself is the
    /// <see cref="PaymentEngine"/>'s and <see cref="PaymentStore"/>'s business.
    /// </summary>
    public sealed class PosController : IPaymentObserver, ITimerHandler, Flows.IUpdateObserver, Flows.IUpdateContext
    {
        private const int MIdle = 0;
        private const int MAmount = 1;
        private const int MPresent = 2;
        private const int MBusy = 3;
        private const int MResult = 4;
        private const int MCustomerCopy = 5;
        private const int MMenu = 6;
        private const int MPassword = 7;
        private const int MNumber = 8;
        private const int MConfirm = 9;
        private const int MReports = 10;
        private const int MMessage = 11;
        private const int MPin = 12;
        private const int MSetUp = 13;
        private const int MLanguage = 14;
        private const int MItems = 15;

        private const int PVoidInvoice = 1;
        private const int PVoidTrace = 2;
        private const int PRefundRrn = 3;
        private const int PRefundDate = 4;
        private const int PReprint = 5;
        private const int POperator = 6;
        private const int PMid = 7;
        private const int PTid = 8;
        private const int PTmk = 9;

        private const int AVoid = 1;
        private const int ARefund = 2;
        private const int ASettle = 3;
        private const int AProvision = 4;
        private const int AUpdate = 5;
        private const int ANewPassword = 6;
        private const int ANewPasswordAgain = 7;
        private const int ATechnicianChange = 9;
        private const int AItemOverride = 8;

        private const int CVoid = 1;
        private const int CSettle = 2;
        private const int CTmk = 3;

        /// <summary>Seconds the terminal waits for a card or code.</summary>
        public const int PresentTimeoutMs = 60000;

        /// <summary>Seconds a menu or entry screen waits for a key.</summary>
        public const int EntryTimeoutMs = 60000;

        /// <summary>How long the PIN screen waits for the next key before the sale is abandoned.</summary>
        public const int PinTimeoutMs = 30000;

        /// <summary>Contactless CVM limit in fen (CNY 1000.00): a tap above it asks for an online PIN.</summary>
        public const long ContactlessCvmLimit = 100000;

        private readonly EventLoop _loop;
        private readonly TrainingDisplay _display;
        private readonly TerminalDevices _devices;
        private readonly PaymentEngine _live;
        private PaymentStore _store;
        private PaymentEngine _engine;
        private Training.TrainingMode? _training;
        private readonly IKeyStore _keys;
        private readonly ICrypto _crypto;
        private readonly PasswordGuard _manager;
        private readonly TerminalApp _app;
        private readonly string _merchantName;
        private readonly AmountEntry _amount;
        private readonly ItemEntry _items;
        private bool _itemSale;
        private readonly ContactlessEmvReader? _emv;
        private readonly EmvTerminalData _emvData = new EmvTerminalData();
        private readonly TxnEntry _template = new TxnEntry();
        private readonly BatchTotals _totals = new BatchTotals();
        private readonly SalesAnalysis _analysis = new SalesAnalysis();
        private readonly char[] _entry = new char[32];
        private readonly byte[] _typed = new byte[16];
        private readonly byte[] _tmk = new byte[16];
        private readonly byte[] _kcv = new byte[4];
        private readonly PinEntry _pin = new PinEntry();
        private readonly byte[] _newPassword = new byte[PasswordGuard.MaxLength];
        private int _newPasswordLength;
        private readonly byte[] _pinPan = new byte[19];
        private readonly PikCipher _pikCipher;
        private readonly DukptCipher _dukptCipher;
        private readonly TxnEntry?[] _printing = new TxnEntry?[8];
        private readonly int[] _printingCopies = new int[8];
        private int _entryLength;
        private int _entryMin;
        private int _entryMax;
        private bool _entryHex;
        private int _typedLength;
        private int _mode;
        private int _purpose;
        private int _after;
        private int _confirm;
        private int _amountFor;
        private int _timer = -1;
        private int _printTimer = -1;
        private bool _settleReportOwed;
        private int _detailNext = -1;
        private bool _fieldOn = true; // the driver starts with the field on
        private ReceiptPrinter? _receipts;
        private Host.TerminalIdentity? _receiptsFor;
        private Flows.UpdateFlow? _updates;
        private PasswordGuard? _technician;
        private PasswordGuard? _changing;
        private bool _bootRecovery;
        private TxnEntry? _selected;
        private TxnEntry? _result;
        private string _refundRrn = string.Empty;
        private int _refundDate;
        private string _pendingMid = string.Empty;
        private string _pendingTid = string.Empty;
        private string _lastMessage = string.Empty;

        /// <summary>Wires the cashier functions; call <see cref="TerminalApp.AttachPayments"/> with it.</summary>
        public PosController(EventLoop loop, IDisplay display, TerminalDevices devices, PaymentEngine engine, IKeyStore keys, ICrypto crypto, PasswordGuard manager, TerminalApp app, string merchantName)
        {
            _loop = loop;
            _display = new TrainingDisplay(display);
            _devices = devices;
            _live = engine;
            _engine = engine;
            _store = engine.Store;
            _keys = keys;
            _crypto = crypto;
            _manager = manager;
            _app = app;
            _merchantName = merchantName;
            _amount = new AmountEntry(Money.DefaultMaximum);
            _items = new ItemEntry(_store);
            _pikCipher = new PikCipher(keys, crypto);
            _dukptCipher = new DukptCipher(keys, crypto);
            if (devices.Contactless != null && devices.Random != null)
            {
                _emv = new ContactlessEmvReader(devices.Contactless, devices.Random);
            }
        }

        /// <summary>Makes MENU F1 check for a software update, behind the technician password.</summary>
        public void AttachUpdates(Flows.UpdateFlow flow, PasswordGuard technician)
        {
            _updates = flow;
            _technician = technician;
        }

        /// <summary>The technician's password (one lockout with the self-test): set-up 6 changes it, behind it.</summary>
        public void AttachTechnician(PasswordGuard technician) => _technician = technician;

        /// <inheritdoc />
        public void OnUpdateDone(int result, string message)
        {
            if (result == Flows.UpdateResult.Installed)
            {
                Beep(BuzzerTone.Approve);
            }

            if (_mode == MIdle)
            {
                Status("Update: " + message);
            }
            else
            {
                _lastMessage = "Update: " + message;
            }
        }

        /// <summary>The last message the cashier was shown (approved, declined, errors).</summary>
        public string LastMessage => _lastMessage;

        /// <summary>Whether the idle screen is up.</summary>
        public bool Idle => _mode == MIdle;

        /// <summary>Whether the PIN screen is waiting for the cardholder's PIN.</summary>
        public bool AwaitingPin => _mode == MPin;

        /// <summary>The engine behind the screens (the training engine in training mode).</summary>
        public PaymentEngine Engine => _engine;

        /// <inheritdoc />
        public bool HostFree => _mode == MIdle && !_engine.Busy && !_live.Busy;

        /// <summary>The real terminal's identity, whatever the mode: software updates always talk to the real host.</summary>
        public Host.TerminalIdentity? Identity => _live.Store.Identity;

        /// <inheritdoc />
        public bool ReserveStans() => _live.Store.ReserveStans();

        /// <summary>The real terminal's engine, whatever the mode.</summary>
        public PaymentEngine LiveEngine => _live;

        /// <summary>Whether training mode is on: transactions go to the training host inside the terminal.</summary>
        public bool Training => _engine != _live;

        /// <summary>The training session's parts, once training mode has been used.</summary>
        public Training.TrainingMode? TrainingSession => _training;

        /// <summary>The display the screens draw on (the training banner's owner); the app draws on it too.</summary>
        public IDisplay Display => _display;

        /// <summary>
        /// Power-up: provisioning on first boot; otherwise owed receipts, then sign-in (when not signed in, or when the
        /// journal lost records) and what is owed to the host.
        /// </summary>
        public void Boot()
        {
            if (!_store.Provisioned)
            {
                StartProvisioning();
                return;
            }

            PrintOwed();
            _bootRecovery = true;

            // After flash damage the journal may have lost the batch number: signing in again takes the host's.
            if (!_engine.SignedIn || (_store.JournalDamaged && _store.SettlementStage == SettleStage.None))
            {
                StartBusy(T(Texts.SigningIn));
                _engine.SignIn(this);
                return;
            }

            if (_store.UnresolvedCount() > 0 || _store.SettlementStage != SettleStage.None)
            {
                StartBusy(T(Texts.Recovering));
                _engine.Resolve(this);
                return;
            }

            _bootRecovery = false;
            ResumeTraining();
            DrawIdle();
        }

        /// <summary>
        /// Provisions from configuration instead of the keypad (a technician's config file): TID, MID and
        /// TMK, then signs in. False with a reason when the values are not valid.
        /// </summary>
        public bool ProvisionFromConfig(string terminalId, string merchantId, byte[] tmk, int offset, int length, out string problem)
        {
            problem = CheckIds(terminalId, merchantId);
            if (problem.Length == 0 && length != 16)
            {
                problem = "TMK must be 16 bytes (32 hex digits)";
            }
            else if (problem.Length == 0 && HalvesEqual(tmk, offset))
            {
                problem = "TMK halves are equal: not a double-length key";
            }

            if (problem.Length > 0)
            {
                return false;
            }

            _keys.Store(KeySlot.Tmk, tmk, offset, length);
            if (!_store.Provision(terminalId, merchantId))
            {
                problem = _store.Problem;
                return false;
            }

            _keys.Erase(KeySlot.Mak);
            _keys.Erase(KeySlot.Pik);
            return true;
        }

        /// <summary>
        /// Loads an item catalog from configuration (a technician's file) in place of the current one; its stock
        /// counts are the stock now. False with <paramref name="problem"/> when the journal cannot take it.
        /// </summary>
        public bool LoadCatalogFromConfig(ItemCatalog catalog, out string problem)
        {
            problem = string.Empty;
            if (!_store.ReplaceCatalog(catalog))
            {
                problem = _store.Problem;
                return false;
            }

            return true;
        }

        /// <summary>Handles an event while the app is idle or in a payment screen; false to let the app have it.</summary>
        public bool OnEvent(DeviceEvent e)
        {
            switch (e.Kind)
            {
                case EventKind.KeyDown:
                    OnKey(e.Code);
                    return true;
                case EventKind.CardSwiped:
                    OnSwipe(e.Arg == 1);
                    return true;
                case EventKind.CardPresent:
                    OnTap();
                    return true;
                case EventKind.ScanComplete:
                    OnScan(e.Arg);
                    return true;
                default:
                    return false;
            }
        }

        /// <inheritdoc />
        public void OnProgress(string text)
        {
            Status(text);
        }

        /// <inheritdoc />
        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            _lastMessage = message;
            if (_bootRecovery)
            {
                OnBootStep(result, message);
                return;
            }

            switch (result)
            {
                case PaymentResult.Approved:
                    ShowApproved(entry!, message);
                    break;
                case PaymentResult.Settled:
                    Beep(BuzzerTone.Approve);
                    PrintSettlementReport(false);
                    ShowMessage(T(Texts.TitleSettled), message);
                    break;
                case PaymentResult.SignedIn:
                    Beep(BuzzerTone.Approve);
                    ShowMessage(T(Texts.TitleSignedIn), message);
                    break;
                case PaymentResult.Declined:
                    Beep(BuzzerTone.Decline);
                    ShowMessage(T(Texts.TitleDeclined), message);
                    break;
                case PaymentResult.Reversed:
                    Beep(BuzzerTone.Decline);
                    ShowMessage(T(Texts.TitleNotCompleted), message);
                    break;
                default:
                    Beep(BuzzerTone.Decline);
                    ShowMessage(T(result == PaymentResult.Resolved ? Texts.TitleDone : Texts.TitleNotDone), message);
                    break;
            }

            PrintOwed();
        }

        /// <inheritdoc />
        public void OnTimer(int timerId, long nowMs)
        {
            if (timerId == _printTimer)
            {
                _printTimer = -1;
                CheckPrinted();
                return;
            }

            if (timerId != _timer)
            {
                return;
            }

            _timer = -1;
            switch (_mode)
            {
                case MBusy:
                    return;
                case MCustomerCopy:
                    // No answer: no customer copy.
                    GoIdle();
                    return;
                case MPresent:
                    Status(T(Texts.TimedOutNoCard));
                    GoIdle();
                    return;
                case MPin:
                    AbandonPin(T(Texts.TimedOutNoPin));
                    return;
                default:
                    Wipe.Bytes(_typed, 0, _typed.Length);
                    WipeEntry();
                    GoIdle();
                    return;
            }
        }

        /// <summary>Draws the idle screen (the app calls it when it returns to idle).</summary>
        public void DrawIdle()
        {
            _mode = MIdle;
            Field(false);
            int cols = _display.Columns;
            _display.Clear();
            _display.Write(0, 0, ScreenText.Pad(" " + _merchantName, cols), TextStyle.Inverse);
            if (!_store.Provisioned)
            {
                _display.Write(3, 1, T(Texts.NotSetUp), TextStyle.Normal);
                _display.Flush();
                return;
            }

            _display.Write(3, ScreenText.CenterLarge(T(Texts.Welcome), cols), T(Texts.Welcome), TextStyle.Large);
            _display.Write(6, 1, T(Texts.IdleHint1), TextStyle.Normal);
            _display.Write(7, 1, T(Texts.IdleHint2), TextStyle.Normal);
            if (_store.Catalog.Count > 0)
            {
                _display.Write(8, 1, T(Texts.ItemSellHint), TextStyle.Normal);
            }

            _display.Write(9, 1, F(Texts.IdleBatchOperator, DigitText.Fixed(_store.Batch, 6), DigitText.Fixed(_store.Operator, 2)), TextStyle.Normal);
            _display.Write(10, 1, F(Texts.IdleCount, _store.Count.ToString()), TextStyle.Normal);
            string warning = Warning();
            if (warning.Length > 0)
            {
                _display.Write(12, 1, warning, TextStyle.Bold);
            }

            _display.Write(_display.Rows - 1, 0, ScreenText.Pad(F(Texts.IdleFooter, TerminalApp.FirmwareVersion), cols), TextStyle.Inverse);
            _display.Flush();
        }

        private string Warning()
        {
            if (!_engine.SignedIn)
            {
                return T(Texts.WarnNotSignedIn);
            }

            if (_store.SettlementStage != SettleStage.None)
            {
                return T(Texts.WarnSettlementUnfinished);
            }

            if (_store.JournalDamaged)
            {
                return T(Texts.WarnJournalDamaged);
            }

            int owed = _store.UnresolvedCount();
            if (owed > 0)
            {
                return F(Texts.WarnReversalsPending, owed.ToString());
            }

            return _store.NearlyFull(20) ? T(Texts.WarnJournalNearlyFull) : string.Empty;
        }

        private void OnBootStep(int result, string message)
        {
            if (result == PaymentResult.SignedIn && (_store.UnresolvedCount() > 0 || _store.SettlementStage != SettleStage.None))
            {
                Status(T(Texts.Recovering));
                _engine.Resolve(this);
                return;
            }

            _bootRecovery = false;
            if (result == PaymentResult.Settled)
            {
                PrintSettlementReport(false);
            }

            PrintOwed();
            ResumeTraining();
            DrawIdle();
            Status(message);
        }

        private void OnKey(int key)
        {
            Beep(BuzzerTone.Click);
            switch (_mode)
            {
                case MIdle:
                    OnIdleKey(key);
                    break;
                case MAmount:
                    OnAmountKey(key);
                    break;
                case MPresent:
                    if (key == KeyCode.Cancel)
                    {
                        Status(T(Texts.Cancelled));
                        GoIdle();
                    }

                    break;
                case MBusy:
                    Status(T(Texts.PleaseWait));
                    break;
                case MResult:
                case MMessage:
                    GoIdle();
                    break;
                case MCustomerCopy:
                    if ((key == KeyCode.Enter || key == KeyCode.F1) && _result != null)
                    {
                        // F1: the customer copy also carries the e-invoice claim QR code.
                        PrintReceipt(_result, 2, false, key == KeyCode.F1);
                    }

                    GoIdle();
                    break;
                case MMenu:
                    OnMenuKey(key);
                    break;
                case MReports:
                    OnReportsKey(key);
                    break;
                case MPassword:
                    OnPasswordKey(key);
                    break;
                case MNumber:
                    OnNumberKey(key);
                    break;
                case MConfirm:
                    OnConfirmKey(key);
                    break;
                case MPin:
                    OnPinKey(key);
                    break;
                case MSetUp:
                    OnSetUpKey(key);
                    break;
                case MLanguage:
                    OnLanguageKey(key);
                    break;
                case MItems:
                    OnItemsKey(key);
                    break;
                default:
                    break;
            }
        }

        private void OnIdleKey(int key)
        {
            if (!_store.Provisioned)
            {
                if (key == KeyCode.Menu || key == KeyCode.Enter)
                {
                    StartProvisioning();
                }

                return;
            }

            if (key == KeyCode.Menu)
            {
                ShowMenu();
                return;
            }

            if (key == KeyCode.Feed)
            {
                Status(T(Texts.ReprintingLast));
                ReprintLast();
                return;
            }

            if (key == KeyCode.F2 || key == KeyCode.Dot) // DOT for keypads without F2 (the esp32-terminal board)
            {
                StartItems();
                return;
            }

            if (KeyCode.IsDigit(key))
            {
                StartAmount(TxnKind.Sale);
                OnAmountKey(key);
            }
        }

        // Item sale (F2): codes and quantities keyed on the ItemEntry; its total becomes the amount of the usual sale.
        private void StartItems()
        {
            if (_store.Catalog.Count == 0)
            {
                Beep(BuzzerTone.Attention);
                Status(T(Texts.ItemNoCatalog));
                return;
            }

            _items.Start(_store);
            _itemSale = true;
            _mode = MItems;
            DrawItems();
            Restart(EntryTimeoutMs);
        }

        private void DrawItems()
        {
            Screen(T(Texts.ItemTitle));
            _items.Draw(_display);
            Footer(T(Texts.ItemFooter));
            _display.Flush();
        }

        private void OnItemsKey(int key)
        {
            Restart(EntryTimeoutMs);
            switch (_items.Key(key))
            {
                case ItemEntryResult.Cancelled:
                    _itemSale = false;
                    GoIdle();
                    return;
                case ItemEntryResult.Confirmed:
                    _amount.Set(_items.Lines.Total);
                    StartPresent();
                    return;
                case ItemEntryResult.Refused:
                    Beep(BuzzerTone.Attention);
                    DrawItems();
                    Status(_items.Problem);
                    return;
                case ItemEntryResult.NeedsManager:
                    // Out of stock (or above it): only the manager may allow the line.
                    Beep(BuzzerTone.Attention);
                    string why = _items.Problem;
                    AskPassword(AItemOverride);
                    Status(why);
                    return;
                default:
                    DrawItems();
                    return;
            }
        }

        private void StartAmount(int kind)
        {
            _itemSale = false;
            _amountFor = kind;
            _amount.Reset();
            _amount.Language = Lang;
            _mode = MAmount;
            DrawAmount();
            Restart(EntryTimeoutMs);
        }

        private void DrawAmount()
        {
            Screen(" " + TxnKind.Text(_amountFor, Lang));
            _display.Write(3, 1, T(Texts.AmountPrompt), TextStyle.Normal);
            _display.Write(5, 1, _amount.Display, TextStyle.Large);
            Footer(T(Texts.FooterAmount));
            _display.Flush();
        }

        private void OnAmountKey(int key)
        {
            Restart(EntryTimeoutMs);
            AmountEntryResult r = _amount.Key(key);
            if (r == AmountEntryResult.Cancelled)
            {
                GoIdle();
                return;
            }

            if (r == AmountEntryResult.Refused)
            {
                Beep(BuzzerTone.Attention);
                DrawAmount();
                Status(_amount.Problem);
                return;
            }

            if (r == AmountEntryResult.Confirmed)
            {
                if (_amountFor == TxnKind.Refund)
                {
                    StartBusy(F(Texts.RefundProgress, _amount.Display));
                    _engine.Refund(_refundRrn, _refundDate, _amount.Amount, this);
                    return;
                }

                StartPresent();
                return;
            }

            DrawAmount();
        }

        private void StartPresent()
        {
            _mode = MPresent;
            Screen(" " + T(Texts.KindSale));
            _display.Write(3, 1, _amount.Display, TextStyle.Large);
            _display.Write(6, 1, T(Texts.PresentHint1), TextStyle.Normal);
            _display.Write(7, 1, T(Texts.PresentHint2), TextStyle.Normal);
            Footer(T(Texts.FooterBack));
            _display.Flush();
            _devices.Scanner?.Trigger();
            Field(true);
            Restart(PresentTimeoutMs);
        }

        private void OnSwipe(bool good)
        {
            IMagstripeReader? reader = _devices.Magstripe;
            if (_mode != MPresent || reader == null)
            {
                // Drain the reader so no track data lingers in it.
                if (reader != null)
                {
                    CardData card = _engine.Card;
                    reader.TakeTrack2(card.Track2, 0);
                    card.Wipe();
                }

                if (_mode == MIdle)
                {
                    Status(T(Texts.KeyAmountFirst));
                }

                return;
            }

            if (!good)
            {
                Beep(BuzzerTone.Decline);
                Status(T(Texts.CardNotRead));
                return;
            }

            CardData data = _engine.Card;
            data.Wipe();
            int n = reader.TakeTrack2(data.Track2, 0);
            data.Track2Length = n > 0 ? n : 0;
            string masked = data.MaskedPan();
            if (masked.Length == 0)
            {
                data.Wipe();
                Beep(BuzzerTone.Decline);
                Status(T(Texts.CardNotReadable));
                return;
            }

            if (data.TrackRequiresPin())
            {
                StartPin(EntryMode.Swipe, masked, data.TrackExpiry());
                return;
            }

            NewSale(TxnChannel.Card, EntryMode.Swipe, masked, data.TrackExpiry());
        }

        private void OnTap()
        {
            if (_emv == null)
            {
                return;
            }

            if (_mode != MPresent)
            {
                if (_mode == MIdle)
                {
                    Status(T(Texts.KeyAmountFirst));
                }

                return;
            }

            _emvData.Date = _loop.Clock.WallTime;
            _emvData.Amount = _amount.Amount;
            EmvReadResult read = _emv.Read(_emvData);
            if (!read.Succeeded)
            {
                read.Wipe();
                Beep(BuzzerTone.Decline);
                Status(F(Texts.CardReadFailed, read.Reason));
                return;
            }

            if (!TappedCard.Take(read, _engine.Card, out string masked, out int expiry))
            {
                Beep(BuzzerTone.Decline);
                Status(T(Texts.CardDataIncomplete));
                return;
            }

            if (_amount.Amount > ContactlessCvmLimit)
            {
                StartPin(EntryMode.Contactless, masked, expiry);
                return;
            }

            NewSale(TxnChannel.Card, EntryMode.Contactless, masked, expiry);
        }

        private void OnScan(int length)
        {
            IQrScanner? scanner = _devices.Scanner;
            if (scanner == null)
            {
                return;
            }

            CardData data = _engine.Card;
            data.Wipe();
            int n = length >= 0 ? scanner.TakeCode(data.Code, 0, data.Code.Length) : -1;
            scanner.Trigger();
            if (_mode != MPresent)
            {
                data.Wipe();
                if (_mode == MIdle)
                {
                    Status(T(Texts.KeyAmountFirst));
                }

                return;
            }

            PaymentCodeKind kind = n > 0 ? PaymentCode.Classify(data.Code, 0, n) : PaymentCodeKind.Unknown;
            if (kind == PaymentCodeKind.Unknown)
            {
                data.Wipe();
                Beep(BuzzerTone.Decline);
                Status(T(n < 0 ? Texts.ScanFailed : Texts.NotAcceptedCode));
                return;
            }

            data.CodeLength = n;
            NewSale((int)kind, EntryMode.Qr, data.MaskedCode(), 0);
        }

        private void NewSale(int channel, int mode, string masked, int expiry)
        {
            _template.Clear();
            _template.Kind = TxnKind.Sale;
            _template.Channel = channel;
            _template.Mode = mode;
            _template.Amount = _amount.Amount;
            _template.MaskedPan = masked;
            _template.ExpiryYymm = expiry;
            _template.Items = _itemSale ? _items.Lines : null;
            Beep(BuzzerTone.Click);
            StartBusy((channel == TxnChannel.Card ? masked : TxnChannel.Text(channel, Lang)) + " " + _amount.Display);
            _engine.Sale(_template, this);
        }

        // Online PIN: the card is read and held in the engine's card buffers; the sale goes only after ENTER.
        private int _pinMode;
        private string _pinMasked = string.Empty;
        private int _pinExpiry;

        private void StartPin(int mode, string masked, int expiry)
        {
            if (!_dukptCipher.HasKey && !_pikCipher.HasKey)
            {
                _engine.Card.Wipe();
                Beep(BuzzerTone.Decline);
                ShowMessage(T(Texts.TitlePinNeeded), T(Texts.NoPinKey));
                return;
            }

            _pinMode = mode;
            _pinMasked = masked;
            _pinExpiry = expiry;
            _pin.Wipe();
            _mode = MPin;
            Beep(BuzzerTone.Attention);
            DrawPin();
            Restart(PinTimeoutMs);
        }

        private void DrawPin()
        {
            Screen(" " + T(Texts.TitleEnterPin));
            _display.Write(2, 1, _amount.Display, TextStyle.Large);
            _display.Write(5, 1, _pinMasked, TextStyle.Normal);
            _display.Write(7, 1, T(Texts.PinPrompt), TextStyle.Normal);
            _display.Write(8, 1, _pin.Masked, TextStyle.Large);
            Footer(T(Texts.FooterPin));
            _display.Flush();
        }

        private void OnPinKey(int key)
        {
            Restart(PinTimeoutMs);
            switch (_pin.Key(key))
            {
                case PinEntryResult.Changed:
                    DrawPin();
                    return;
                case PinEntryResult.Refused:
                    Beep(BuzzerTone.Attention);
                    Status(T(_pin.Length < PinBlock.MinPinLength ? Texts.PinTooShort : Texts.PinTooLong));
                    return;
                case PinEntryResult.Cancelled:
                    AbandonPin(T(Texts.PinCancelled));
                    return;
                default:
                    break;
            }

            CardData data = _engine.Card;
            int panLength = data.CopyPan(_pinPan, 0);
            if (panLength < 13)
            {
                // Another swipe or scan while the PIN was keyed drained the card buffers.
                Wipe.Bytes(_pinPan, 0, _pinPan.Length);
                AbandonPin(T(Texts.CardDataLost));
                return;
            }

            IPinBlockCipher cipher = _dukptCipher.HasKey ? _dukptCipher : _pikCipher;
            int ksn = _pin.Seal(_pinPan, 0, panLength, cipher, data.PinBlock, 0, data.Ksn, 0);
            Wipe.Bytes(_pinPan, 0, _pinPan.Length);
            if (ksn < 0)
            {
                AbandonPin(T(Texts.PinNotEncrypted));
                return;
            }

            data.PinBlockLength = 8;
            data.KsnLength = ksn;
            NewSale(TxnChannel.Card, _pinMode, _pinMasked, _pinExpiry);
        }

        private void AbandonPin(string why)
        {
            _pin.Wipe();
            _engine.Card.Wipe();
            Beep(BuzzerTone.Decline);
            GoIdle();
            Status(why);
        }

        private void StartBusy(string text)
        {
            _mode = MBusy;
            Cancel();
            Field(false);
            Screen(" " + T(Texts.TitleProcessing));
            _display.Write(4, 1, text, TextStyle.Normal);
            _display.Write(6, 1, T(Texts.ConnectingHost), TextStyle.Normal);
            Footer(T(Texts.FooterWait));
            _display.Flush();
        }

        private void ShowApproved(TxnEntry e, string message)
        {
            Beep(BuzzerTone.Approve);
            _result = e;
            Screen(" " + TxnKind.Text(e.Kind, Lang));
            _display.Write(3, 1, T(Texts.Approved), TextStyle.Large);
            _display.Write(6, 1, Money.FormatCny(e.Amount), TextStyle.Bold);
            _display.Write(7, 1, F(Texts.AuthInvoice, e.AuthCode, DigitText.Fixed(e.Invoice, 6)), TextStyle.Normal);
            _display.Write(8, 1, e.MaskedPan, TextStyle.Normal);
            _display.Write(10, 1, message, TextStyle.Normal);
            _display.Write(12, 1, T(Texts.CustomerCopyQuestion), TextStyle.Bold);
            if (e.Kind == TxnKind.Sale)
            {
                _display.Write(13, 1, T(Texts.F1EInvoice), TextStyle.Normal);
            }

            Footer(T(Texts.FooterYesNo));
            _display.Flush();
            PrintReceipt(e, 1, false);
            _mode = MCustomerCopy;
            Restart(20000);
        }

        private void ShowMessage(string title, string message)
        {
            _mode = MMessage;
            Screen(" " + title);
            WriteWrapped(3, message);
            Footer(T(Texts.FooterContinue));
            _display.Flush();
            Status(message);
            Restart(10000);
        }

        private void ShowMenu()
        {
            _mode = MMenu;
            Screen(" " + T(Texts.TitleMenu));
            _display.Write(2, 1, T(Texts.Menu1), TextStyle.Normal);
            _display.Write(3, 1, T(Texts.Menu2), TextStyle.Normal);
            _display.Write(4, 1, T(Texts.Menu3), TextStyle.Normal);
            _display.Write(5, 1, T(Texts.Menu4), TextStyle.Normal);
            _display.Write(6, 1, T(Texts.Menu5), TextStyle.Normal);
            _display.Write(7, 1, T(Texts.Menu6), TextStyle.Normal);
            _display.Write(8, 1, T(Texts.Menu7), TextStyle.Normal);
            _display.Write(9, 1, T(Texts.Menu8), TextStyle.Normal);
            _display.Write(10, 1, T(Texts.Menu9), TextStyle.Normal);
            _display.Write(11, 1, T(Texts.Menu0), TextStyle.Normal);
            if (_updates != null)
            {
                _display.Write(12, 1, T(Texts.MenuF1), TextStyle.Normal);
            }


            Footer(T(Texts.FooterBack));
            _display.Flush();
            Restart(EntryTimeoutMs);
        }

        private void OnMenuKey(int key)
        {
            switch (key)
            {
                case KeyCode.Cancel:
                    GoIdle();
                    break;
                case KeyCode.Digit0 + 1:
                    Cancel();
                    _mode = MIdle;
                    _app.AskTechnicianPassword();
                    break;
                case KeyCode.Digit0 + 2:
                    AskPassword(AVoid);
                    break;
                case KeyCode.Digit0 + 3:
                    AskPassword(ARefund);
                    break;
                case KeyCode.Digit0 + 4:
                    AskPassword(ASettle);
                    break;
                case KeyCode.Digit0 + 5:
                    ReprintLast();
                    GoIdle();
                    break;
                case KeyCode.Digit0 + 6:
                    StartNumber(PReprint, T(Texts.TitleReprint), T(Texts.InvoicePrompt), 1, 6, false);
                    break;
                case KeyCode.Digit0 + 7:
                    ShowReports();
                    break;
                case KeyCode.Digit0 + 8:
                    if (Training)
                    {
                        ShowMessage(T(Texts.TitleTraining), T(Texts.TrainingNoSignIn));
                        break;
                    }

                    StartBusy(T(Texts.SigningIn));
                    _engine.SignIn(this);
                    break;
                case KeyCode.Digit0 + 9:
                    StartNumber(POperator, T(Texts.TitleOperator), T(Texts.OperatorPrompt), 1, 2, false);
                    break;
                case KeyCode.Digit0:
                    AskPassword(AProvision);
                    break;
                case KeyCode.F1:
                    if (_updates != null && Training)
                    {
                        ShowMessage(T(Texts.TitleTraining), T(Texts.LeaveTrainingFirst));
                    }
                    else if (_updates != null)
                    {
                        AskPassword(AUpdate);
                    }

                    break;
                default:
                    break;
            }
        }

        private void ShowReports()
        {
            _mode = MReports;
            Screen(" " + T(Texts.TitleReports));
            _display.Write(2, 1, T(Texts.Reports1), TextStyle.Normal);
            _display.Write(3, 1, T(Texts.Reports2), TextStyle.Normal);
            _display.Write(4, 1, T(Texts.Reports3), TextStyle.Normal);
            _display.Write(5, 1, T(Texts.Reports4), TextStyle.Normal);
            Footer(T(Texts.FooterBack));
            _display.Flush();
            Restart(EntryTimeoutMs);
        }

        private void OnReportsKey(int key)
        {
            ReceiptPrinter? printer = Receipts();
            if (key == KeyCode.Cancel || printer == null)
            {
                GoIdle();
                if (printer == null && key != KeyCode.Cancel)
                {
                    Status(T(Texts.NoPrinter));
                }

                return;
            }

            if (key == KeyCode.Digit0 + 1)
            {
                _detailNext = printer.PrintDetailReport(_store, _loop.Clock.WallTime);
                if (_detailNext < _store.Count)
                {
                    // The rest goes a page at a time as the printer takes it (its queue holds about 70 lines' worth).
                    WatchPrinter();
                }

                GoIdle();
                Status(T(Texts.PrintingDetail));
            }
            else if (key == KeyCode.Digit0 + 2)
            {
                _store.Totals(_totals);
                printer.PrintTotalsReport(_totals, _loop.Clock.WallTime);
                GoIdle();
                Status(T(Texts.PrintingTotals));
            }
            else if (key == KeyCode.Digit0 + 4)
            {
                _analysis.Compute(_store);
                printer.PrintSalesAnalysis(_analysis, _store.LastSettled, _store.LastSettledAnalysis, _loop.Clock.WallTime);
                ShowAnalysis();
                Status(T(Texts.PrintingAnalysis));
            }
            else if (key == KeyCode.Digit0 + 3)
            {
                if (_store.LastSettled.Batch == 0)
                {
                    GoIdle();
                    Status(T(Texts.NoSettlementYet));
                    return;
                }

                PrintSettlementReport(true);
                GoIdle();
                Status(T(Texts.ReprintingSettlement));
            }
        }

        // The analysis on the screen too: sales by channel and the busiest hour.
        private void ShowAnalysis()
        {
            _mode = MMessage;
            Screen(" " + T(Texts.TitleSalesAnalysis));
            _display.Write(2, 1, F(Texts.AnalysisBatch, DigitText.Fixed(_analysis.Batch, 6), _analysis.Count.ToString()), TextStyle.Normal);
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                _display.Write(4 + c, 1, TxnChannel.Text(c, Lang) + ": " + _analysis.ChannelCount(c).ToString() + "  " + Money.Format(_analysis.ChannelAmount(c)), TextStyle.Normal);
            }

            int busiest = 0;
            for (int h = 1; h < 24; h++)
            {
                if (_analysis.HourCount(h) > _analysis.HourCount(busiest))
                {
                    busiest = h;
                }
            }

            if (_analysis.Count > 0)
            {
                _display.Write(9, 1, F(Texts.BusiestHour, DigitText.Fixed(busiest, 2), _analysis.HourCount(busiest).ToString()), TextStyle.Normal);
            }

            _display.Write(10, 1, F(Texts.TotalAmount, Money.FormatCny(_analysis.Amount)), TextStyle.Bold);
            int top = _analysis.TopByQuantity(0);
            if (top >= 0)
            {
                int item = _store.Catalog.IndexOf(_analysis.ItemCode(top));
                string name = ItemText.Name(_store.Catalog, item, _analysis.ItemCode(top), Lang);
                _display.Write(11, 1, F(Texts.ItemTopOnScreen, name, _analysis.ItemQuantity(top).ToString()), TextStyle.Normal);
            }

            SalesAnalysis last = _store.LastSettledAnalysis;
            if (last.Batch > 0)
            {
                _display.Write(13, 1, F(Texts.ItemLastBatch, DigitText.Fixed(last.Batch, 6), last.Count.ToString()), TextStyle.Normal);
                _display.Write(14, 1, Money.FormatCny(last.Amount), TextStyle.Normal);
            }

            Footer(T(Texts.FooterContinue));
            _display.Flush();
            Restart(30000);
        }

        private void AskPassword(int after)
        {
            _after = after;
            _mode = MPassword;
            _typedLength = 0;
            bool technician = after == AUpdate || after == ATechnicianChange || ((after == ANewPassword || after == ANewPasswordAgain) && _changing == _technician);
            Screen(" " + T(technician ? Texts.TitleTechnician : Texts.TitleManager));
            int prompt = after == AUpdate || after == ATechnicianChange ? Texts.TechnicianPassword : after == ANewPassword ? Texts.NewPassword
                : after == ANewPasswordAgain ? Texts.NewPasswordAgain : Texts.ManagerPassword;
            _display.Write(3, 1, T(prompt), TextStyle.Normal);
            Footer(T(Texts.FooterOkBack));
            _display.Flush();
            Restart(EntryTimeoutMs);
        }

        private void OnPasswordKey(int key)
        {
            Restart(EntryTimeoutMs);
            if (key == KeyCode.Cancel)
            {
                Wipe.Bytes(_typed, 0, _typed.Length);
                if (_after == AItemOverride)
                {
                    // Not allowed: back to the items, without the line.
                    _items.Refused();
                    _mode = MItems;
                    DrawItems();
                    Status(_items.Problem.Length > 0 ? _items.Problem : T(Texts.ItemNotAllowed));
                    return;
                }

                _changing = null;
                GoIdle();
                return;
            }

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

            _display.ClearRow(5);
            _display.Write(5, 1, new string('*', _typedLength), TextStyle.Large);
            _display.Flush();
        }

        private void CheckPassword()
        {
            if (_after == ANewPassword || _after == ANewPasswordAgain)
            {
                TakeNewPassword();
                return;
            }

            // Software update and the technician's own password are the technician's; every other guarded function the manager's.
            PasswordGuard guard = (_after == AUpdate || _after == ATechnicianChange) && _technician != null ? _technician : _manager;
            bool ok = !guard.LockedOut && guard.Check(_typed, 0, _typedLength);
            Wipe.Bytes(_typed, 0, _typed.Length);
            int length = _typedLength;
            _typedLength = 0;
            if (!ok)
            {
                Beep(BuzzerTone.Decline);
                string why = guard.LockedOut
                    ? F(Texts.LockedOut, guard.LockoutRemainingMinutes.ToString())
                    : F(Texts.WrongPassword, guard.Failures.ToString(), PasswordGuard.MaxFailures.ToString());
                if (guard.LockedOut || length == 0)
                {
                    ShowMessage(T(guard == _technician ? Texts.TitleTechnician : Texts.TitleManager), why);
                    return;
                }

                _display.ClearRow(5);
                _display.Flush();
                Status(why);
                return;
            }

            switch (_after)
            {
                case AVoid:
                    StartNumber(PVoidInvoice, T(Texts.KindVoid), T(Texts.VoidPrompt), 1, 6, false);
                    break;
                case ARefund:
                    StartNumber(PRefundRrn, T(Texts.KindRefund), T(Texts.RefundRrnPrompt), 12, 12, false);
                    break;
                case ASettle:
                    ConfirmSettlement();
                    break;
                case AProvision:
                    ShowSetUp();
                    break;
                case AItemOverride:
                    _items.Override();
                    _mode = MItems;
                    DrawItems();
                    Status(T(Texts.ItemAllowed));
                    break;
                case ATechnicianChange:
                    _changing = _technician;
                    AskPassword(ANewPassword);
                    break;
                case AUpdate:
                    // The download runs in the background while the terminal is idle; the result shows when it ends.
                    GoIdle();
                    Status("Checking for a software update...");
                    _updates!.Check(this);
                    break;
                default:
                    GoIdle();
                    break;
            }
        }

        // A new password, typed twice: the manager's (set-up 4) or, behind the technician's own, the technician's
        // (set-up 6). Stored as salt and hash only when both agree.
        private void TakeNewPassword()
        {
            int length = _typedLength;
            _typedLength = 0;
            PasswordGuard guard = _changing ?? _manager;
            int title = guard == _technician ? Texts.TitleTechnician : Texts.TitleManager;
            if (_after == ANewPassword)
            {
                if (length < PasswordGuard.MinLength || length > PasswordGuard.MaxLength)
                {
                    Wipe.Bytes(_typed, 0, _typed.Length);
                    _changing = null;
                    ShowMessage(T(title), T(Texts.PasswordLength));
                    return;
                }

                System.Array.Copy(_typed, 0, _newPassword, 0, length);
                _newPasswordLength = length;
                Wipe.Bytes(_typed, 0, _typed.Length);
                AskPassword(ANewPasswordAgain);
                return;
            }

            bool same = length == _newPasswordLength;
            for (int i = 0; i < length && same; i++)
            {
                same = _typed[i] == _newPassword[i];
            }

            Wipe.Bytes(_typed, 0, _typed.Length);
            bool changed = same && guard.Change(_newPassword, 0, _newPasswordLength);
            Wipe.Bytes(_newPassword, 0, _newPassword.Length);
            _newPasswordLength = 0;
            _changing = null;
            ShowMessage(T(title), T(!changed ? Texts.PasswordsDiffer : title == Texts.TitleTechnician ? Texts.TechnicianPasswordChanged : Texts.PasswordChanged));
        }

        // MENU 0 behind the manager password: the terminal's IDs and key (only with an empty batch and out of
        // training), the language, training mode, the manager's password, and the software update (technician).
        private void ShowSetUp()
        {
            _mode = MSetUp;
            Screen(" " + T(Texts.TitleSetUp));
            _display.Write(3, 1, T(Texts.SetUpMenu1), TextStyle.Normal);
            _display.Write(4, 1, T(Texts.SetUpMenu2), TextStyle.Normal);
            if (_devices.Random != null)
            {
                _display.Write(5, 1, T(Training ? Texts.SetUpMenu3LeaveTraining : Texts.SetUpMenu3Training), TextStyle.Normal);
            }

            _display.Write(6, 1, T(Texts.SetUpMenu4), TextStyle.Normal);
            if (_updates != null)
            {
                _display.Write(7, 1, T(Texts.SetUpMenu5), TextStyle.Normal);
            }

            if (_technician != null)
            {
                _display.Write(8, 1, T(Texts.SetUpMenu6), TextStyle.Normal);
            }

            Footer(T(Texts.FooterBack));
            _display.Flush();
            Restart(EntryTimeoutMs);
        }

        private void OnSetUpKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                GoIdle();
            }
            else if (key == KeyCode.Digit0 + 3 && _devices.Random != null)
            {
                SwitchTraining();
            }
            else if (key == KeyCode.Digit0 + 4)
            {
                _changing = _manager;
                AskPassword(ANewPassword);
            }
            else if (key == KeyCode.Digit0 + 6 && _technician != null)
            {
                AskPassword(ATechnicianChange);
            }
            else if (key == KeyCode.Digit0 + 5 && _updates != null)
            {
                if (Training)
                {
                    ShowMessage(T(Texts.TitleTraining), T(Texts.LeaveTrainingFirst));
                    return;
                }

                AskPassword(AUpdate);
            }
            else if (key == KeyCode.Digit0 + 1)
            {
                if (Training)
                {
                    ShowMessage(T(Texts.TitleTraining), T(Texts.LeaveTrainingFirst));
                    return;
                }

                if (_store.Count > 0)
                {
                    ShowMessage(T(Texts.TitleSetUp), T(Texts.SettleBeforeSetUp));
                    return;
                }

                StartProvisioning();
            }
            else if (key == KeyCode.Digit0 + 2)
            {
                _mode = MLanguage;
                Screen(" " + T(Texts.TitleLanguage));
                _display.Write(3, 1, T(Texts.LanguageEnglish), TextStyle.Normal);
                _display.Write(4, 1, T(Texts.LanguageChinese), TextStyle.Normal);
                Footer(T(Texts.FooterBack));
                _display.Flush();
                Restart(EntryTimeoutMs);
            }
        }

        private void OnLanguageKey(int key)
        {
            int language = key == KeyCode.Digit0 + 1 ? Language.English : key == KeyCode.Digit0 + 2 ? Language.Chinese : -1;
            if (key == KeyCode.Cancel)
            {
                GoIdle();
                return;
            }

            if (language < 0)
            {
                return;
            }

            // Journaled before it shows: the next screen and receipt, and every one after a reboot, are in it.
            if (language != Lang && !_live.Store.SetLanguage(language))
            {
                ShowMessage(T(Texts.TitleLanguage), _live.Store.Problem);
                return;
            }

            if (Training)
            {
                _store.SetLanguage(language); // the training engine's messages follow (its RAM journal)
            }

            GoIdle();
            Status(T(Texts.LanguageChanged));
        }

        // Set-up 3 (after the manager password): training on or off, refused while anything real is unfinished.
        private void SwitchTraining()
        {
            string problem = TrainingProblem();
            if (problem.Length > 0)
            {
                ShowMessage(T(Texts.TitleTraining), problem);
                return;
            }

            bool on = !Training;
            if (!_live.Store.SetTraining(on))
            {
                ShowMessage(T(Texts.TitleTraining), _live.Store.Problem);
                return;
            }

            if (on && !EnterTraining(out problem))
            {
                _live.Store.SetTraining(false);
                ShowMessage(T(Texts.TitleTraining), problem);
                return;
            }

            if (!on)
            {
                LeaveTraining();
            }

            ShowMessage(T(Texts.TitleTraining), T(on ? Texts.TrainingOn : Texts.TrainingOff));
        }

        private string TrainingProblem()
        {
            if (_live.Store.Identity == null)
            {
                return T(Texts.SetUpFirst);
            }

            if (!Training && _live.Store.SettlementStage != SettleStage.None)
            {
                return T(Texts.FinishSettlementFirst);
            }

            return Printing() ? T(Texts.PrintingTryAgain) : string.Empty;
        }

        // Whether a document is still on its way to paper, or printed but not yet journaled as printed.
        private bool Printing()
        {
            for (int i = 0; i < _printing.Length; i++)
            {
                if (_printing[i] != null)
                {
                    return true;
                }
            }

            IPrinter? printer = _devices.Printer;
            return _settleReportOwed || (_detailNext >= 0 && _detailNext < _store.Count) || (printer != null && printer.Busy);
        }

        // Training's own engine on a fresh RAM batch; the real batch, journal and host stay as they are.
        private bool EnterTraining(out string problem)
        {
            if (_training == null)
            {
                _training = new Training.TrainingMode(_loop, _live.Session.Profile, _crypto, _devices.Random!);
            }

            if (!_training.Start(_live.Store.Identity!, _live.Store.Batch, _live.Store.Operator, out problem))
            {
                return false;
            }

            _engine = _training.Engine!;
            _store = _engine.Store;
            _store.SetLanguage(Lang); // the training engine's messages in the terminal's language
            _display.Training = true;
            TrainingCatalog();
            return true;
        }

        // Training sells from a copy of the real catalog at today's stock, kept in the training batch's RAM journal:
        // staff practise item sales and the real stock never moves.
        private void TrainingCatalog()
        {
            ItemCatalog live = _live.Store.Catalog;
            if (live.Count == 0)
            {
                return;
            }

            ItemCatalog copy = new ItemCatalog();
            copy.CopyFrom(live);
            for (int i = 0; i < copy.Count; i++)
            {
                copy.SetStock(i, _live.Store.Stock(i));
            }

            _store.ReplaceCatalog(copy);
        }

        private void LeaveTraining()
        {
            _training?.Stop();
            _engine = _live;
            _store = _live.Store;
            _display.Training = false;
        }

        // At power-up, after the real batch's recovery: a terminal left in training mode comes back in it
        // (with an empty training batch), never silently live.
        private void ResumeTraining()
        {
            if (_live.Store.Training && !Training && _devices.Random != null)
            {
                string problem;
                if (!EnterTraining(out problem))
                {
                    _lastMessage = problem;
                }
            }
        }

        private void StartNumber(int purpose, string title, string prompt, int min, int max, bool hex)
        {
            _mode = MNumber;
            _purpose = purpose;
            _entryMin = min;
            _entryMax = max;
            _entryHex = hex;
            WipeEntry();
            Screen(" " + title);
            _display.Write(3, 1, prompt, TextStyle.Normal);
            if (hex)
            {
                _display.Write(8, 1, T(Texts.HexHint), TextStyle.Normal);
            }

            Footer(T(Texts.FooterAmount));
            _display.Flush();
            Restart(EntryTimeoutMs);
        }

        private void OnNumberKey(int key)
        {
            Restart(EntryTimeoutMs);
            if (key == KeyCode.Cancel)
            {
                WipeEntry();
                if (!_store.Provisioned)
                {
                    StartProvisioning();
                    return;
                }

                GoIdle();
                return;
            }

            if (KeyCode.IsDigit(key) && _entryLength < _entryMax)
            {
                _entry[_entryLength++] = (char)key;
            }
            else if (key == KeyCode.F1 && _purpose == PVoidInvoice)
            {
                StartNumber(PVoidTrace, T(Texts.KindVoid), T(Texts.TracePrompt), 1, 6, false);
                return;
            }
            else if (key == KeyCode.F1 && _entryHex && _entryLength > 0)
            {
                char c = _entry[_entryLength - 1];
                if (c >= '1' && c <= '6')
                {
                    _entry[_entryLength - 1] = (char)('A' + (c - '1'));
                }
                else if (c >= 'A' && c <= 'F')
                {
                    _entry[_entryLength - 1] = (char)('1' + (c - 'A'));
                }
            }
            else if (key == KeyCode.Clear && _entryLength > 0)
            {
                _entry[--_entryLength] = ' ';
            }
            else if (key == KeyCode.Enter)
            {
                if (_entryLength < _entryMin)
                {
                    Beep(BuzzerTone.Attention);
                    Status(F(_entryMin == _entryMax ? Texts.EnterDigits : Texts.EnterAtLeastDigits, _entryMin.ToString()));
                    return;
                }

                OnNumberDone();
                return;
            }

            _display.ClearRow(5);
            _display.ClearRow(6);
            string shown = _purpose == PTmk ? GroupHex() : new string(_entry, 0, _entryLength);
            _display.Write(5, 1, shown, _entryMax > 12 ? TextStyle.Normal : TextStyle.Large);
            _display.Flush();
        }

        private string GroupHex()
        {
            // A key is never shown: every digit but the one just typed (so F1 can be seen turning it into
            // A..F) is a '*', in groups of four; the check value on the next screen proves the whole key.
            char[] shown = new char[_entryLength + ((_entryLength - 1) / 4)];
            int at = 0;
            for (int i = 0; i < _entryLength; i++)
            {
                if (i > 0 && i % 4 == 0)
                {
                    shown[at++] = ' ';
                }

                shown[at++] = i == _entryLength - 1 ? _entry[i] : '*';
            }

            return new string(shown, 0, at);
        }

        private void OnNumberDone()
        {
            string text = new string(_entry, 0, _entryLength);
            int value = _entryLength <= 9 ? ParseInt(text) : 0;
            switch (_purpose)
            {
                case PVoidInvoice:
                case PVoidTrace:
                    TxnEntry? sale = _purpose == PVoidInvoice ? _store.FindInvoice(value) : _store.FindStan(_store.Batch, value);
                    string problem = _engine.VoidProblem(sale);
                    if (problem.Length > 0)
                    {
                        Beep(BuzzerTone.Decline);
                        ShowMessage(T(Texts.KindVoid), problem);
                        return;
                    }

                    _selected = sale;
                    _confirm = CVoid;
                    _mode = MConfirm;
                    Screen(" " + T(Texts.KindVoid));
                    _display.Write(3, 1, F(Texts.VoidInvoiceLine, DigitText.Fixed(sale!.Invoice, 6), TxnChannel.Text(sale.Channel, Lang)), TextStyle.Normal);
                    _display.Write(4, 1, sale.MaskedPan, TextStyle.Normal);
                    _display.Write(6, 1, Money.FormatCny(sale.Amount), TextStyle.Large);
                    _display.Write(9, 1, T(Texts.VoidConfirm), TextStyle.Bold);
                    Footer(T(Texts.FooterVoid));
                    _display.Flush();
                    return;
                case PRefundRrn:
                    _refundRrn = text;
                    StartNumber(PRefundDate, T(Texts.KindRefund), T(Texts.RefundDatePrompt), 4, 4, false);
                    return;
                case PRefundDate:
                    _refundDate = value;
                    string refundProblem = _engine.RefundProblem(_refundRrn, _refundDate, 1);
                    if (refundProblem.Length > 0)
                    {
                        ShowMessage(T(Texts.KindRefund), refundProblem);
                        return;
                    }

                    StartAmount(TxnKind.Refund);
                    return;
                case PReprint:
                    TxnEntry? e = _store.FindInvoice(value);
                    if (e == null || e.State != TxnState.Approved)
                    {
                        ShowMessage(T(Texts.TitleReprint), F(e == null ? Texts.NoInvoice : Texts.InvoiceNotApproved, DigitText.Fixed(value, 6)));
                        return;
                    }

                    PrintReceipt(e, 1, true);
                    GoIdle();
                    Status(F(Texts.ReprintingInvoice, DigitText.Fixed(value, 6)));
                    return;
                case POperator:
                    if (value < 1 || value > 99)
                    {
                        ShowMessage(T(Texts.TitleOperator), T(Texts.OperatorRange));
                        return;
                    }

                    if (!_store.SetOperator(value))
                    {
                        ShowMessage(T(Texts.TitleOperator), _store.Problem);
                        return;
                    }

                    GoIdle();
                    Status(F(Texts.OperatorLoggedOn, DigitText.Fixed(value, 2)));
                    return;
                case PMid:
                    _pendingMid = text;
                    StartNumber(PTid, T(Texts.TitleSetUp2), T(Texts.TidPrompt), 8, 8, false);
                    return;
                case PTid:
                    _pendingTid = text;
                    StartNumber(PTmk, T(Texts.TitleSetUp3), T(Texts.TmkPrompt), 32, 32, true);
                    return;
                case PTmk:
                    ConfirmTmk();
                    return;
                default:
                    GoIdle();
                    return;
            }
        }

        private void ConfirmTmk()
        {
            for (int i = 0; i < 16; i++)
            {
                _tmk[i] = (byte)((Hex(_entry[2 * i]) << 4) | Hex(_entry[(2 * i) + 1]));
            }

            WipeEntry();
            if (HalvesEqual(_tmk, 0))
            {
                Wipe.Bytes(_tmk, 0, _tmk.Length);
                Beep(BuzzerTone.Decline);
                StartNumber(PTmk, T(Texts.TitleSetUp3), T(Texts.TmkPrompt), 32, 32, true);
                Status(T(Texts.TmkHalvesEqual));
                return;
            }

            new KeyCheck(_crypto).Compute(_tmk, 0, 16, _kcv, 0);
            _confirm = CTmk;
            _mode = MConfirm;
            Screen(" " + T(Texts.TitleSetUp));
            _display.Write(3, 1, F(Texts.SetUpMid, _pendingMid), TextStyle.Normal);
            _display.Write(4, 1, F(Texts.SetUpTid, _pendingTid), TextStyle.Normal);
            _display.Write(6, 1, T(Texts.KeyCheckValue), TextStyle.Normal);
            _display.Write(7, 1, Util.HexText.Encode(_kcv, 0, 4), TextStyle.Large);
            _display.Write(10, 1, T(Texts.KeyCheckMatches), TextStyle.Bold);
            Footer(T(Texts.FooterSaveRedo));
            _display.Flush();
        }

        private void ConfirmSettlement()
        {
            _store.Totals(_totals);
            _confirm = CSettle;
            _mode = MConfirm;
            Screen(" " + T(Texts.TitleSettlement));
            _display.Write(2, 1, F(Texts.SettleBatch, DigitText.Fixed(_store.Batch, 6)), TextStyle.Normal);
            _display.Write(4, 1, F(Texts.SettleSales, _totals.DebitCount.ToString(), Money.FormatCny(_totals.DebitAmount)), TextStyle.Normal);
            _display.Write(5, 1, F(Texts.SettleRefunds, _totals.CreditCount.ToString(), Money.FormatCny(_totals.CreditAmount)), TextStyle.Normal);
            _display.Write(6, 1, F(Texts.SettleVoids, _totals.Count(TxnKind.Void).ToString()), TextStyle.Normal);
            _display.Write(8, 1, F(Texts.SettleNet, Money.FormatCny(_totals.Net)), TextStyle.Bold);
            _display.Write(10, 1, T(Texts.SettleConfirm), TextStyle.Bold);
            Footer(T(Texts.FooterSettle));
            _display.Flush();
            Restart(EntryTimeoutMs);
        }

        private void OnConfirmKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                Wipe.Bytes(_tmk, 0, _tmk.Length);
                if (_confirm == CTmk)
                {
                    StartNumber(PTmk, T(Texts.TitleSetUp3), T(Texts.TmkPrompt), 32, 32, true);
                    return;
                }

                GoIdle();
                return;
            }

            if (key != KeyCode.Enter)
            {
                return;
            }

            switch (_confirm)
            {
                case CVoid:
                    StartBusy(F(Texts.VoidingInvoice, DigitText.Fixed(_selected!.Invoice, 6)));
                    _engine.Void(_selected, this);
                    break;
                case CSettle:
                    StartBusy(F(Texts.SettlingBatch, DigitText.Fixed(_store.Batch, 6)));
                    _engine.Settle(this);
                    break;
                case CTmk:
                    string problem;
                    bool ok = ProvisionFromConfig(_pendingTid, _pendingMid, _tmk, 0, 16, out problem);
                    Wipe.Bytes(_tmk, 0, _tmk.Length);
                    if (!ok)
                    {
                        ShowMessage(T(Texts.TitleSetUp), problem);
                        return;
                    }

                    _bootRecovery = true;
                    StartBusy(T(Texts.SetUpSigningIn));
                    _engine.SignIn(this);
                    break;
                default:
                    GoIdle();
                    break;
            }
        }

        private void StartProvisioning()
        {
            StartNumber(PMid, T(Texts.TitleSetUp1), T(Texts.MidPrompt), 15, 15, false);
        }

        private void ReprintLast()
        {
            TxnEntry? last = _store.LastApproved();
            if (last == null)
            {
                Status(T(Texts.NothingToReprint));
                return;
            }

            PrintReceipt(last, 1, true);
        }

        private ReceiptPrinter? Receipts()
        {
            IPrinter? printer = _devices.Printer;
            if (printer == null || _store.Identity == null)
            {
                return null;
            }

            // One layout per identity (set-up replaces the identity), not two objects per receipt.
            if (_receipts == null || _receiptsFor != _store.Identity)
            {
                _receiptsFor = _store.Identity;
                var header = new ReceiptHeader(_merchantName, _receiptsFor.MerchantId, _receiptsFor.TerminalId);
                header.Training = Training;
                _receipts = new ReceiptPrinter(printer, header) { Catalog = _store.Catalog };
            }

            _receipts.Language = Lang;
            return _receipts;
        }

        // Queues a copy; it is journaled as printed once the printer has taken every byte of it.
        private void PrintReceipt(TxnEntry e, int copy, bool reprint) => PrintReceipt(e, copy, reprint, false);

        private void PrintReceipt(TxnEntry e, int copy, bool reprint, bool eInvoice)
        {
            ReceiptPrinter? printer = Receipts();
            if (printer == null)
            {
                return;
            }

            printer.PrintTransaction(e, copy, reprint, _loop.Clock.WallTime, eInvoice);
            if (reprint || (e.Printed & copy) != 0)
            {
                return;
            }

            for (int i = 0; i < _printing.Length; i++)
            {
                if (_printing[i] == null || _printing[i] == e)
                {
                    _printing[i] = e;
                    _printingCopies[i] |= copy;
                    break;
                }
            }

            WatchPrinter();
        }

        private void PrintSettlementReport(bool reprint)
        {
            ReceiptPrinter? printer = Receipts();
            if (printer == null)
            {
                return;
            }

            printer.PrintSettlementReport(_store.LastSettled, _store.LastSettledBalanced, _store.LastSettledUploads, _loop.Clock.WallTime, reprint);
            if (!reprint && !_store.SettlementReportPrinted)
            {
                _settleReportOwed = true;
                WatchPrinter();
            }
        }

        // Receipts owed after a power cut (approved, merchant copy never finished) and an unprinted settlement report.
        private void PrintOwed()
        {
            if (!_store.SettlementReportPrinted && !_settleReportOwed && _store.LastSettled.Batch > 0)
            {
                PrintSettlementReport(false);
            }

            for (int i = 0; i < _store.Count; i++)
            {
                TxnEntry t = _store.At(i);
                if (t.State == TxnState.Approved && (t.Printed & 1) == 0 && !Queued(t) && t != _result)
                {
                    PrintReceipt(t, 1, false);
                }
            }
        }

        private bool Queued(TxnEntry e)
        {
            for (int i = 0; i < _printing.Length; i++)
            {
                if (_printing[i] == e)
                {
                    return true;
                }
            }

            return false;
        }

        private void WatchPrinter()
        {
            if (_printTimer < 0)
            {
                _printTimer = _loop.Timers.Start(this, _loop.Clock.NowMs + 200, 0);
            }
        }

        private void CheckPrinted()
        {
            IPrinter? printer = _devices.Printer;
            if (printer == null)
            {
                return;
            }

            if (printer.Busy || (printer.Status & (PrinterStatus.PaperOut | PrinterStatus.CoverOpen | PrinterStatus.Offline)) != 0)
            {
                WatchPrinter();
                return;
            }

            if (_detailNext >= 0 && _detailNext < _store.Count)
            {
                ReceiptPrinter? receipts = Receipts();
                _detailNext = receipts == null ? -1 : receipts.ContinueDetailReport(_store, _detailNext);
                WatchPrinter();
                return;
            }

            for (int i = 0; i < _printing.Length; i++)
            {
                TxnEntry? e = _printing[i];
                if (e != null)
                {
                    _store.RecordPrinted(e, _printingCopies[i]);
                    _printing[i] = null;
                    _printingCopies[i] = 0;
                }
            }

            if (_settleReportOwed)
            {
                _settleReportOwed = false;
                _store.RecordSettlementPrinted();
            }
        }

        private void GoIdle()
        {
            Cancel();
            _selected = null;
            _result = null;
            DrawIdle();
        }

        private void Restart(int ms)
        {
            Cancel();
            _timer = _loop.Timers.Start(this, _loop.Clock.NowMs + ms, 0);
        }

        private void Cancel()
        {
            if (_timer >= 0)
            {
                _loop.Timers.Cancel(_timer);
                _timer = -1;
            }
        }

        private void WipeEntry()
        {
            for (int i = 0; i < _entry.Length; i++)
            {
                _entry[i] = ' ';
            }

            _entryLength = 0;
        }

        private void Screen(string title)
        {
            _display.Clear();
            _display.Write(0, 0, ScreenText.Pad(title, _display.Columns), TextStyle.Inverse);
        }

        private void Footer(string text)
        {
            _display.Write(_display.Rows - 1, 0, ScreenText.Pad(text, _display.Columns), TextStyle.Inverse);
        }

        private void Status(string text)
        {
            _lastMessage = text;
            int row = _display.Rows - 2;
            _display.ClearRow(row);
            _display.Write(row, 0, text, TextStyle.Normal);
            _display.Flush();
        }

        private void WriteWrapped(int row, string text)
        {
            int width = _display.Columns - 2;
            int at = 0;
            while (at < text.Length && row < _display.Rows - 2)
            {
                // As many characters as fit in the cells (a Chinese one takes two); break at a space when there is one.
                int n = 0;
                int cells = 0;
                while (at + n < text.Length && cells + (Texts.IsWide(text[at + n]) ? 2 : 1) <= width)
                {
                    cells += Texts.IsWide(text[at + n]) ? 2 : 1;
                    n++;
                }

                if (n == 0)
                {
                    n = 1;
                }

                if (at + n < text.Length && text[at + n] != ' ')
                {
                    int space = text.LastIndexOf(' ', at + n - 1, n);
                    if (space > at)
                    {
                        n = space - at;
                    }
                }

                _display.Write(row++, 1, text.Substring(at, n).Trim(), TextStyle.Normal);
                at += n;
                while (at < text.Length && text[at] == ' ')
                {
                    at++;
                }
            }
        }

        // The text <paramref name="id"/> in the terminal's language.
        private string T(int id) => Texts.Get(Lang, id);

        // The language is the real terminal's setting, in training mode too.
        private int Lang => _live.Store.Language;

        private string F(int id, string arg0) => Texts.Format(Lang, id, arg0);

        private string F(int id, string arg0, string arg1) => Texts.Format(Lang, id, arg0, arg1);

        private void Beep(BuzzerTone tone) => _devices.Buzzer?.Play(tone);

        // The RF field is on only while a card is expected: no power spent and no card read at the wrong time.
        private void Field(bool on)
        {
            if (_devices.Contactless != null && on != _fieldOn)
            {
                _fieldOn = on;
                _devices.Contactless.SetField(on);
            }
        }

        private static string CheckIds(string tid, string mid)
        {
            if (tid == null || tid.Length != 8 || !Digits(tid))
            {
                return "Terminal ID is 8 digits";
            }

            if (mid == null || mid.Length != 15 || !Digits(mid))
            {
                return "Merchant ID is 15 digits";
            }

            return string.Empty;
        }

        private static bool Digits(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < '0' || s[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        // A double-length key whose halves are equal is single DES in disguise.
        private static bool HalvesEqual(byte[] key, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                if (key[offset + i] != key[offset + 8 + i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int Hex(char c) => c <= '9' ? c - '0' : c - 'A' + 10;

        private static int ParseInt(string s)
        {
            int v = 0;
            for (int i = 0; i < s.Length; i++)
            {
                v = (v * 10) + (s[i] - '0');
            }

            return v;
        }

    }
}
