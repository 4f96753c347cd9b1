using Terminal.Core.CashierFlows;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Core.Printing;
using Terminal.Core.Runtime;
using Terminal.Core.Screens;
using Terminal.Core.Security;
using Terminal.Core.SelfTest;
using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// The cashier's terminal on the event loop: builds the <see cref="Navigator"/>, the screens (each allocated once),
    /// the flows (sale, item sale, void, refund, settlement, reports and reprints, provisioning, set-up, passwords,
    /// training, self-test, software update, power-up and sign-in) and the menus from their tables, and gives the
    /// boards and tools what they ask of the terminal. The composition root creates it; nothing else does.
    /// </summary>
    public sealed class TerminalApp : IUpdateContext
    {
        /// <summary>Firmware version shown on the idle screen and reported to the host.</summary>
        public const string FirmwareVersion = "0.1.0";

        /// <summary>Milliseconds the PIN screen waits for the next key before the sale is abandoned.</summary>
        public const int PinTimeoutMs = Cashier.PinTimeoutMs;

        /// <summary>Contactless CVM limit in fen (CNY 1000.00): a tap above it asks for an online PIN.</summary>
        public const long ContactlessCvmLimit = Cashier.ContactlessCvmLimit;

        private readonly Cashier _c;
        private readonly IdleScreen _idle;
        private readonly SaleFlow _sale;
        private readonly BootFlow _boot;
        private readonly ProvisioningFlow _provisioning;
        private readonly TrainingFlow _training;
        private readonly SoftwareUpdateFlow _update;
        private readonly ReportsFlow _reports;
        private readonly SetUpFlow _setUp;
        private readonly PasswordChangeFlow _managerPassword;
        private readonly PasswordChangeFlow _technicianPassword;
        private readonly MenuRow[] _main = MenuTable.Main();
        private readonly MenuRow[] _setUpMenu = MenuTable.SetUp();
        private readonly MenuRow[] _reportsMenu = MenuTable.Reports();
        private readonly MenuRow[] _languages = MenuTable.Languages();
        private readonly MenuRow[] _preAuthMenu = MenuTable.PreAuth();
        private readonly IFlow _voidFlow;
        private readonly IFlow _refund;
        private readonly IFlow _settlement;
        private readonly IFlow _operator;
        private readonly ServiceIdentity _identity;
        private readonly IFlow _serviceSetUp;
        private readonly IFlow?[] _routeFlow = new IFlow?[(int)MenuAction.Balance + 1];
        private readonly int[] _routeStep = new int[(int)MenuAction.Balance + 1];
        private readonly IFlow _preAuthMenuFlow;
        private readonly IFlow _preAuthVoid;
        private readonly IFlow _completion;
        private readonly IFlow _completionVoid;
        private readonly IFlow _completionAdvice;
        private SelfTestFlow? _selfTest;

        /// <summary>Builds the cashier's terminal on <paramref name="loop"/> and makes its navigator the loop's event handler.</summary>
        public TerminalApp(EventLoop loop, IDisplay display, TerminalDevices devices, PaymentEngine engine, IKeyStore keys, ICrypto crypto, PasswordGuard manager, PasswordGuard? technician, string merchantName)
        {
            _c = new Cashier(loop, display, devices, engine, keys, crypto, manager, merchantName);
            _c.Technician = technician;
            _c.Message = new MessageScreen(_c);
            _c.Number = new NumberScreen(_c);
            _c.Password = new PasswordScreen(_c);
            _c.Confirm = new ConfirmScreen(_c);
            _c.Busy = new BusyScreen(_c);
            _c.Menu = new MenuScreen(_c);
            _c.Approved = new ApprovedScreen(_c);
            _c.Declined = new DeclinedScreen(_c);
            var amount = new AmountScreen(_c);

            _sale = new SaleFlow(_c, amount);
            _boot = new BootFlow(_c);
            _provisioning = new ProvisioningFlow(_c, _boot);
            _training = new TrainingFlow(_c);
            _boot.Attach(_provisioning, _training);
            _update = new SoftwareUpdateFlow(_c);
            _reports = new ReportsFlow(_c, _reportsMenu);
            _setUp = new SetUpFlow(_c, _setUpMenu, _languages);
            _managerPassword = new PasswordChangeFlow(_c, false);
            _technicianPassword = new PasswordChangeFlow(_c, true);
            _voidFlow = new VoidFlow(_c);
            _refund = new RefundFlow(_c, amount);
            _settlement = new CashierFlows.SettlementFlow(_c); // the cashier's; the engine's is Flows.SettlementFlow
            _operator = new OperatorFlow(_c);
            _identity = new ServiceIdentity(_c);
            _serviceSetUp = new ServiceSetUpFlow(_c);
            _preAuthMenuFlow = new SubMenuFlow(_c, Terminal.Core.Ui.Texts.TitlePreAuth, _preAuthMenu);
            _preAuthVoid = new PreAuthVoidFlow(_c, amount, false);
            _completion = new CompletionFlow(_c, amount, false);
            _completionVoid = new PreAuthVoidFlow(_c, amount, true);
            _completionAdvice = new CompletionFlow(_c, amount, true);

            _idle = new IdleScreen(_c)
            {
                Sale = _sale,
                ItemSale = new ItemSaleFlow(_c, _sale),
                Reports = _reports,
                Provisioning = _provisioning,
                Help = new HelpFlow(_c, _identity),
                Menu = _main,
            };
            _c.Nav.Home = _idle;
            _c.Nav.Language = _c.Lang;
            BindAll();
            loop.SetHandler(_c.Nav);
        }

        /// <summary>Makes the self-test reachable (MENU 1; F1 held at power-up; the debug console).</summary>
        public void AttachSelfTest(SelfTestRun run)
        {
            _selfTest = new SelfTestFlow(_c, run);
            run.Identity = _identity; // on its summary page
            BindAll();
        }

        /// <summary>Makes MENU F1 and set-up 5 check for a software update.</summary>
        public void AttachUpdates(UpdateFlow updates)
        {
            _update.Updates = updates;
            BindAll();
        }

        /// <summary>
        /// Power-up. With a keypad and a self-test, the keypad first gets a few scans to see F1 held since power-up;
        /// then provisioning on a new terminal, or owed receipts, sign-in and what is owed to the host.
        /// </summary>
        public void Boot()
        {
            _c.Devices.Scanner?.Trigger();
            if (_selfTest != null && _c.Devices.Keypad != null)
            {
                _c.Nav.Show(new StartingScreen(_c, _idle, _boot, _selfTest, SelfTestFlow.Ask));
                return;
            }

            _boot.Start(BootFlow.PowerUp);
        }

        /// <summary>Provisions from configuration instead of the keypad (a technician's file): TID, MID and TMK. False with a reason when they are not valid.</summary>
        public bool ProvisionFromConfig(string terminalId, string merchantId, byte[] tmk, int offset, int length, out string problem) =>
            _provisioning.Provision(terminalId, merchantId, tmk, offset, length, out problem);

        /// <summary>Loads an item catalog from configuration in place of the current one; its stock counts are the stock now.</summary>
        public bool LoadCatalogFromConfig(ItemCatalog catalog, out string problem)
        {
            problem = string.Empty;
            if (!_c.Store.ReplaceCatalog(catalog))
            {
                problem = _c.Store.Problem;
                return false;
            }

            return true;
        }

        /// <summary>The invoicing page the customer copy's e-invoice link opens (<see cref="Payments.EInvoice"/>).</summary>
        public string EInvoiceUrl
        {
            get => _c.EInvoiceUrl;
            set => _c.EInvoiceUrl = value;
        }

        /// <summary>Prints the help slip (the service hotline, the terminal's identity, how to report a problem); false without a printer.</summary>
        public bool PrintHelpSlip() => _identity.PrintHelpSlip();

        /// <summary>Starts the self-test now, without the password (the serial debug console, already authorised there).</summary>
        public bool StartSelfTest() => _selfTest != null && _selfTest.StartNow();

        /// <summary>Also told how the self-test went (the debug console prints it).</summary>
        public ISelfTestObserver? SelfTestListener
        {
            get => _selfTest?.Listener;
            set
            {
                if (_selfTest != null)
                {
                    _selfTest.Listener = value;
                }
            }
        }

        /// <summary>The navigator that owns the screen.</summary>
        public Navigator Navigator => _c.Nav;

        /// <summary>The last message the cashier was shown (approved, declined, errors).</summary>
        public string LastMessage => _c.Nav.LastMessage;

        /// <summary>The last text on the status line, device notices included.</summary>
        public string LastStatus => _c.Nav.LastStatus;

        /// <summary>Whether the idle screen is up.</summary>
        public bool Idle => _c.Nav.AtHome;

        /// <summary>Whether the PIN screen is waiting for the cardholder's PIN.</summary>
        public bool AwaitingPin => _sale.AwaitingPin;

        /// <summary>The engine behind the screens (the training engine in training mode).</summary>
        public PaymentEngine Engine => _c.Engine;

        /// <summary>The real terminal's engine, whatever the mode.</summary>
        public PaymentEngine LiveEngine => _c.Live;

        /// <summary>Whether training mode is on: transactions go to the training host inside the terminal.</summary>
        public bool Training => _c.Training;

        /// <summary>The training session's parts, once training mode has been used.</summary>
        public Training.TrainingMode? TrainingSession => _training.Session;

        /// <summary>The display the screens draw on (with the training banner).</summary>
        public IDisplay Display => _c.Display;

        /// <inheritdoc />
        public bool HostFree => _c.Nav.AtHome && !_c.Engine.Busy && !_c.Live.Busy;

        /// <inheritdoc />
        public TerminalIdentity? Identity => _c.Live.Store.Identity;

        /// <inheritdoc />
        public bool ReserveStans() => _c.Live.Store.ReserveStans();

        // Every menu row to its flow and step, by the row's action; a row whose part the board lacks keeps no flow
        // and is not shown.
        private void BindAll()
        {
            Route(MenuAction.SelfTest, _selfTest, SelfTestFlow.Run);
            Route(MenuAction.Void, _voidFlow, 0);
            Route(MenuAction.Refund, _refund, 0);
            Route(MenuAction.Settlement, _settlement, 0);
            Route(MenuAction.ReprintLast, _reports, ReportsFlow.Last);
            Route(MenuAction.ReprintInvoice, _reports, ReportsFlow.ByInvoice);
            Route(MenuAction.Reports, _reports, ReportsFlow.Menu);
            Route(MenuAction.SignIn, _boot, BootFlow.SignIn);
            Route(MenuAction.Operator, _operator, 0);
            Route(MenuAction.SetUp, _setUp, SetUpFlow.Menu);
            Route(MenuAction.Update, _update.Updates != null ? _update : null, 0);
            Route(MenuAction.TerminalIds, _provisioning, 0);
            Route(MenuAction.Language, _setUp, SetUpFlow.Languages);
            Route(MenuAction.Training, _c.Devices.Random != null ? _training : null, 0);
            Route(MenuAction.ManagerPassword, _managerPassword, 0);
            Route(MenuAction.TechnicianPassword, _c.Technician != null ? _technicianPassword : null, 0);
            Route(MenuAction.DetailReport, _reports, ReportsFlow.Detail);
            Route(MenuAction.TotalsReport, _reports, ReportsFlow.Totals);
            Route(MenuAction.SettlementReprint, _reports, ReportsFlow.Settlement);
            Route(MenuAction.SalesAnalysis, _reports, ReportsFlow.Analysis);
            Route(MenuAction.English, _setUp, SetUpFlow.English);
            Route(MenuAction.Chinese, _setUp, SetUpFlow.Chinese);
            Route(MenuAction.MerchantProfile, _serviceSetUp, 0);
            Route(MenuAction.PreAuthMenu, _preAuthMenuFlow, 0);
            Route(MenuAction.PreAuth, _sale, SaleFlow.PreAuthStep);
            Route(MenuAction.PreAuthVoid, _preAuthVoid, 0);
            Route(MenuAction.Completion, _completion, 0);
            Route(MenuAction.CompletionVoid, _completionVoid, 0);
            Route(MenuAction.CompletionAdvice, _completionAdvice, 0);
            Route(MenuAction.Balance, _sale, SaleFlow.BalanceStep);
            Bind(_main);
            Bind(_preAuthMenu);
            Bind(_setUpMenu);
            Bind(_reportsMenu);
            Bind(_languages);
        }

        private void Route(MenuAction action, IFlow? flow, int step)
        {
            _routeFlow[(int)action] = flow;
            _routeStep[(int)action] = step;
        }

        private void Bind(MenuRow[] rows)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                MenuRow r = rows[i];
                r.Flow = _routeFlow[(int)r.Action];
                r.Step = _routeStep[(int)r.Action];
            }
        }
    }
}
