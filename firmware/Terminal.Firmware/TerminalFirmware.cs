using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Core.Ui;
using Terminal.Core.Update;
using Terminal.Hal;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Firmware
{
    /// <summary>
    /// The composition root: the one place the terminal is put together. Every board (the ESP32 device, the
    /// simulated board behind `terminal run` and the demo, the campaign, the bench) gives its parts through
    /// <see cref="ITerminalBoard"/> and calls <see cref="Compose"/>, which wires them in one order: loop and drivers,
    /// journal (boot recovery), host link, store and engine, passwords, the cashier's screens, self-test, debug
    /// console, software update. Training mode is one of the cashier's flows, on its own RAM batch and host.
    /// </summary>
    public sealed class TerminalFirmware
    {
        private readonly ITerminalBoard _board;

        private TerminalFirmware(ITerminalBoard board, FirmwareSettings settings)
        {
            _board = board;
            Settings = settings;
            Clock = board.Clock;
            ICrypto crypto = board.Crypto;

            // 1. The loop first: the board's drivers post into its ring and are polled by it.
            Loop = new EventLoop(Clock, FactoryDefaults.EventCapacity, FactoryDefaults.TimerCapacity, FactoryDefaults.PolledCapacity);
            Devices = board.StartDevices(Loop);
            if (Devices.Random == null)
            {
                throw new System.ArgumentException("the board gave no random source");
            }

            // 2. Boot recovery: mounting scans the journal and discards a record torn by a power cut.
            Journal = new JournalLog(board.JournalFlash, 0, board.JournalSectors, settings.JournalMaxPayload);
            Journal.Mount();

            // 3. The host link: CUP profile, the TPDU and header before every message, the MAC on the board's crypto.
            Host = new HostSession(CupProfile.Create(), board.OpenHostLink(), crypto, Clock, board.WireTrace, settings.MaxMessage);
            Host.SetPreamble(settings.HostPreamble, 0);
            Loop.AddPolled(Host);

            // 4. The batch rebuilt from the journal, the engine on the host link.
            Keys = board.KeyStore;
            Store = new PaymentStore(Journal, Devices.Glyphs); // the merchant's name's glyphs go to the drivers
            Store.Load();
            Host.LinkTexts = new LinkFailureTexts(Store); // a refused TLS link, said in the cashier's language
            Engine = new PaymentEngine(Host, Store, Keys, crypto, Clock);
            Engine.DownloadsCatalog = settings.DownloadsCatalog;
            Engine.QrOrders.Timers = Loop.Timers; // a QR order polls its status on the loop's timer

            // 5. Passwords as salt and hash in the key store, made from the factory defaults on a new terminal only.
            Manager = PasswordGuard.Stored(crypto, Clock, Devices.Random, Keys, KeySlot.ManagerPassword, FactoryDefaults.Digits(settings.ManagerPassword));
            Technician = PasswordGuard.Stored(crypto, Clock, Devices.Random, Keys, KeySlot.TechnicianPassword, FactoryDefaults.Digits(settings.TechnicianPassword));

            // 6. The cashier's terminal: its navigator owns the screen and routes the loop's events to the screens and
            //    flows (sale, void, refund, settlement, reports, set-up, training...). A new terminal boots into set-up.
            App = new TerminalApp(Loop, board.Display, Devices, Engine, Keys, crypto, Manager, Technician, settings.MerchantName);
            App.EInvoiceUrl = Store.Profile.InvoiceUrl.Length > 0 ? Store.Profile.InvoiceUrl : settings.EInvoiceUrl; // a package's, journaled

            // 7. Self-test: MENU 1 or F1 held at power-up, behind the technician password; one lockout with updates.
            SelfTest = new SelfTestRun(Loop, board.Display, Devices, Devices.Keypad, board.JournalFlash, board.JournalSectors, Host, Store, settings.SelfTestWaitMs);
            SelfTest.Journal = Journal;
            App.AttachSelfTest(SelfTest);

            // 8. The serial debug console (`selftest`, `status`) when the board has a debug UART.
            ISerialPort? debugPort = board.DebugPort;
            if (debugPort != null)
            {
                Loop.AddPolled(new DebugConsole(debugPort, App));
            }

            // 9. Software update: the download goes into the slot the boot loader did not boot; the boot loader runs
            //    it on trial after the next restart, and Boot() confirms a trial image once the app is up.
            UpdateSlots? slots = board.FirmwareSlots;
            IKeyStore? signingKey = board.UpdateSigningKey;
            if (slots != null && signingKey != null)
            {
                BootControl = new BootControl(slots);
                bool booted = BootControl.Load();
                Updates = new UpdateFlow(Host, new UpdateInstaller(slots, BootControl, crypto, signingKey), BootControl, Clock, App, Loop.Events);
                Updates.Automatic = settings.AutomaticUpdateChecks;
                Updates.SetRunning(booted ? BootControl.ActiveSlot : -1, booted ? BootControl.ActiveVersion : -1);
                Loop.AddPolled(Updates);
                App.AttachUpdates(Updates);
            }
        }

        /// <summary>Puts the terminal together on <paramref name="board"/>'s parts with <paramref name="settings"/>.</summary>
        public static TerminalFirmware Compose(ITerminalBoard board, FirmwareSettings settings) => new TerminalFirmware(board, settings);

        /// <summary>The settings the terminal was composed with.</summary>
        public FirmwareSettings Settings { get; }

        /// <summary>The board's clock.</summary>
        public IClock Clock { get; }

        /// <summary>The firmware's one thread: events, timers, polled drivers.</summary>
        public EventLoop Loop { get; }

        /// <summary>The peripherals the board started.</summary>
        public TerminalDevices Devices { get; }

        /// <summary>The journal, mounted (boot recovery done).</summary>
        public JournalLog Journal { get; }

        /// <summary>The session with the acquirer host.</summary>
        public HostSession Host { get; }

        /// <summary>The key store.</summary>
        public IKeyStore Keys { get; }

        /// <summary>The batch, counters, catalog and settings, rebuilt from the journal.</summary>
        public PaymentStore Store { get; }

        /// <summary>The payment engine on the host link.</summary>
        public PaymentEngine Engine { get; }

        /// <summary>The manager's password guard.</summary>
        public PasswordGuard Manager { get; }

        /// <summary>The technician's password guard (self-test and software update share its lockout).</summary>
        public PasswordGuard Technician { get; }

        /// <summary>The cashier's terminal: its navigator, screens and flows.</summary>
        public TerminalApp App { get; }

        /// <summary>The self-test.</summary>
        public SelfTestRun SelfTest { get; }

        /// <summary>Software update, when the board has update slots.</summary>
        public UpdateFlow? Updates { get; }

        /// <summary>The boot-control record of the update slots, when the board has them.</summary>
        public BootControl? BootControl { get; }

        /// <summary>Whether <see cref="Boot"/> confirmed a trial image (the boot loader then keeps it).</summary>
        public bool TrialConfirmed { get; private set; }

        /// <summary>
        /// Power-up: records lost to flash damage noted (<see cref="PaymentStore.RecordJournalDamage"/>), the app's boot
        /// (set-up on a new terminal; otherwise owed receipts, sign-in, recovery), then the
        /// boot self-check of a trial image: the journal mounted, the batch loaded, every driver and the app started
        /// without an exception, so the image is confirmed. A reset before this returns is a failed trial, rolled
        /// back by the boot loader.
        /// </summary>
        public void Boot()
        {
            if (Journal.RecordsLost > 0)
            {
                // Flash damage took records: say so, and keep the batch from growing until it is settled.
                Store.RecordJournalDamage();
            }

            // A provisioning package the board holds: checked, applied or set aside, before the app shows anything.
            ProvisioningOutcome = ProvisioningPackage.Take(_board.ProvisioningDrop, Store, Keys, out string reason);
            if (Store.Profile.InvoiceUrl.Length > 0)
            {
                App.EInvoiceUrl = Store.Profile.InvoiceUrl;
            }

            App.Boot();
            ProvisioningNote = Note(ProvisioningOutcome, reason, Language.English);
            string shown = Note(ProvisioningOutcome, reason, Store.Language);
            if (shown.Length > 0)
            {
                App.Navigator.Notice(shown);
            }

            UpdateSlots? slots = _board.FirmwareSlots;
            IKeyStore? signingKey = _board.UpdateSigningKey;
            if (BootControl != null && slots != null && signingKey != null && BootControl.State == BootState.Pending)
            {
                TrialConfirmed = new BootManager(slots, BootControl, _board.Crypto, signingKey).Confirm();
            }
        }

        /// <summary>What became of the board's provisioning package at <see cref="Boot"/>.</summary>
        public PackageOutcome ProvisioningOutcome { get; private set; }

        /// <summary>The provisioning package's outcome for the board's console, in English with the reason; empty when there was none.</summary>
        public string ProvisioningNote { get; private set; } = string.Empty;

        /// <summary>Runs the loop until stopped (on the device: forever).</summary>
        public void Run() => Loop.Run();

        private static string Note(PackageOutcome outcome, string reason, int language) =>
            outcome == PackageOutcome.Applied ? Texts.Get(language, Texts.ProvisionApplied)
            : outcome == PackageOutcome.WaitsForSetUp ? Texts.Get(language, Texts.ProvisionWaits)
            : outcome == PackageOutcome.Deferred ? Texts.Format(language, Texts.ProvisionDeferred, reason)
            : outcome == PackageOutcome.Refused ? Texts.Format(language, Texts.ProvisionRefused, reason)
            : string.Empty;
    }
}
