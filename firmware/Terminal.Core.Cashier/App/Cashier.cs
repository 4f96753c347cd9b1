using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Printing;
using Terminal.Core.Runtime;
using Terminal.Core.Screens;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// What the cashier's screens and flows share: the display (with the training banner), the peripherals, the
    /// payment engine in use (the real one, or training's), the language, the navigator, the receipt spooler and the
    /// screens every flow reuses (message, number, password, confirm, busy, menu), each allocated once.
    /// </summary>
    public sealed class Cashier
    {
        /// <summary>Milliseconds the terminal waits for a card or code.</summary>
        public const int PresentTimeoutMs = 60000;

        /// <summary>Milliseconds a menu or entry screen waits for a key.</summary>
        public const int EntryTimeoutMs = 60000;

        /// <summary>Milliseconds the PIN screen waits for the next key before the sale is abandoned.</summary>
        public const int PinTimeoutMs = 30000;

        /// <summary>Milliseconds a message stays before the idle screen comes back.</summary>
        public const int MessageTimeoutMs = 10000;

        /// <summary>Milliseconds a settlement's or a report's result stays before the idle screen comes back.</summary>
        public const int ResultTimeoutMs = 30000;

        /// <summary>Milliseconds the customer-copy question waits for an answer (none: no customer copy).</summary>
        public const int CustomerCopyTimeoutMs = 20000;

        /// <summary>Contactless CVM limit in fen (CNY 1000.00): a tap above it asks for an online PIN.</summary>
        public const long ContactlessCvmLimit = 100000;

        private readonly PaymentEngine _live;
        private PaymentEngine _engine;
        private readonly string _boardMerchantName;
        private bool _fieldOn = true; // the driver starts with the field on

        /// <summary>Gathers the parts; the screens are attached by <see cref="TerminalApp"/>.</summary>
        public Cashier(EventLoop loop, IDisplay panel, TerminalDevices devices, PaymentEngine engine, IKeyStore keys, ICrypto crypto, PasswordGuard manager, string merchantName)
        {
            Loop = loop;
            Display = new TrainingDisplay(panel);
            Devices = devices;
            _live = engine;
            _engine = engine;
            Keys = keys;
            Crypto = crypto;
            Manager = manager;
            _boardMerchantName = merchantName;
            Nav = new Navigator(loop, Display);
            Spooler = new ReceiptSpooler(this);
        }

        /// <summary>The event loop (clock and timers).</summary>
        public EventLoop Loop { get; }

        /// <summary>The display as the screens see it (one row less under the training banner).</summary>
        public TrainingDisplay Display { get; }

        /// <summary>The peripherals.</summary>
        public TerminalDevices Devices { get; }

        /// <summary>The key store.</summary>
        public IKeyStore Keys { get; }

        /// <summary>The board's crypto.</summary>
        public ICrypto Crypto { get; }

        /// <summary>The manager's password.</summary>
        public PasswordGuard Manager { get; }

        /// <summary>The technician's password (self-test, software update, set-up 6); null on a board without one.</summary>
        public PasswordGuard? Technician { get; set; }

        /// <summary>The merchant's name on the idle screen and the receipts: set-up's (the profile's), else the board's.</summary>
        public string MerchantName
        {
            get
            {
                string name = _live.Store.Profile.Name;
                return name.Length > 0 ? name : _boardMerchantName;
            }
        }

        /// <summary>The invoicing page the e-invoice link opens; empty: <see cref="Payments.EInvoice.DefaultBaseUrl"/>.</summary>
        public string EInvoiceUrl { get; set; } = string.Empty;

        /// <summary>The navigator that owns the screen.</summary>
        public Navigator Nav { get; }

        /// <summary>The receipt spooler.</summary>
        public ReceiptSpooler Spooler { get; }

        /// <summary>The amount being keyed (sale and refund share it).</summary>
        public AmountEntry Amount { get; } = new AmountEntry(Money.DefaultMaximum);

        /// <summary>The reusable message screen.</summary>
        public MessageScreen Message { get; set; } = null!;

        /// <summary>The reusable number entry.</summary>
        public NumberScreen Number { get; set; } = null!;

        /// <summary>The reusable password entry (manager and technician).</summary>
        public PasswordScreen Password { get; set; } = null!;

        /// <summary>The reusable confirmation.</summary>
        public ConfirmScreen Confirm { get; set; } = null!;

        /// <summary>The reusable "processing" screen.</summary>
        public BusyScreen Busy { get; set; } = null!;

        /// <summary>The approval screen (sale, void, refund).</summary>
        public ApprovedScreen Approved { get; set; } = null!;

        /// <summary>The decline screen.</summary>
        public DeclinedScreen Declined { get; set; } = null!;

        /// <summary>The reusable menu.</summary>
        public MenuScreen Menu { get; set; } = null!;

        /// <summary>The real terminal's engine, whatever the mode.</summary>
        public PaymentEngine Live => _live;

        /// <summary>The engine in use (the training engine in training mode).</summary>
        public PaymentEngine Engine => _engine;

        /// <summary>The store in use (the training batch in training mode).</summary>
        public PaymentStore Store => _engine.Store;

        /// <summary>Whether training mode is on.</summary>
        public bool Training => _engine != _live;

        /// <summary>The language: the real terminal's setting, in training mode too.</summary>
        public int Lang => _live.Store.Language;

        /// <summary>Puts <paramref name="engine"/> in use (training's, or the real one back) and the banner with it.</summary>
        public void Use(PaymentEngine engine)
        {
            _engine = engine;
            Display.Training = engine != _live;
        }

        /// <summary>The text <paramref name="id"/> in the terminal's language.</summary>
        public string T(int id) => Texts.Get(Lang, id);

        /// <summary>The text <paramref name="id"/> with its {0} filled in.</summary>
        public string F(int id, string arg0) => Texts.Format(Lang, id, arg0);

        /// <summary>The text <paramref name="id"/> with its {0} and {1} filled in.</summary>
        public string F(int id, string arg0, string arg1) => Texts.Format(Lang, id, arg0, arg1);

        /// <summary>Sounds <paramref name="tone"/> when the board has a buzzer.</summary>
        public void Beep(BuzzerTone tone) => Devices.Buzzer?.Play(tone);

        /// <summary>The RF field is on only while a card is expected: no power spent and no card read at the wrong time.</summary>
        public void Field(bool on)
        {
            if (Devices.Contactless != null && on != _fieldOn)
            {
                _fieldOn = on;
                Devices.Contactless.SetField(on);
            }
        }

        /// <summary>A status line (see <see cref="Navigator.Status"/>).</summary>
        public void Status(string text) => Nav.Status(text);

        /// <summary>Back to the idle screen.</summary>
        public void GoIdle() => Nav.GoHome();

        /// <summary>Shows <paramref name="message"/> under <paramref name="title"/> until a key or its timeout.</summary>
        public void ShowMessage(string title, string message)
        {
            Message.Set(title, message);
            Nav.Show(Message);
        }

        /// <summary>The "processing" screen with <paramref name="text"/>: no key but a "please wait", no timeout.</summary>
        public void ShowBusy(string text)
        {
            Field(false);
            Busy.Text = text;
            Nav.Show(Busy);
        }

        /// <summary>
        /// A card or code arrived where none is expected: the reader's data is taken and wiped so none lingers, and at
        /// the idle screen the cashier is told to key the amount first.
        /// </summary>
        public void RefuseCard(DeviceEvent e, bool idle)
        {
            if (e.Kind == EventKind.CardSwiped && Devices.Magstripe != null)
            {
                CardData card = _engine.Card;
                Devices.Magstripe.TakeTrack2(card.Track2, 0);
                card.Wipe();
            }
            else if (e.Kind == EventKind.ScanComplete && Devices.Scanner != null)
            {
                CardData data = _engine.Card;
                if (e.Arg >= 0)
                {
                    Devices.Scanner.TakeCode(data.Code, 0, data.Code.Length);
                }

                Devices.Scanner.Trigger();
                data.Wipe();
            }
            else if ((e.Kind != EventKind.CardPresent || Devices.Contactless == null || Devices.Random == null)
                && (e.Kind != EventKind.CardInserted || Devices.Contact == null))
            {
                return;
            }

            if (idle)
            {
                Status(T(Texts.KeyAmountFirst));
            }
        }
    }
}
