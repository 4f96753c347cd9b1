using AcquirerHost;
using System.Security.Cryptography;
using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Update;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Board;

/// <summary>
/// A simulated terminal with its payment functions, connected to an in-process AcquirerHost over TCP or a
/// serial pty pair, and driven like a cashier would: keys, swipes, taps, scans. It survives reboots: the
/// flash and the key store (the device's protected storage) are kept, the host stays up, the board and
/// its link are rebuilt. Used by `terminal demo` and by the end-to-end tests.
/// </summary>
public sealed class TerminalRig : IAsyncDisposable
{
    private readonly SimulatedBoardOptions _options;
    private readonly IWireTraceSink? _trace;
    private readonly HostConnection _connection;

    private TerminalRig(SimulatedBoardOptions options, HostConnectionOptions link, IWireTraceSink? trace, ProvisioningFile provisioning, IKeyStore? keys, bool firmwareUpdates)
    {
        _options = options;
        Provisioning = provisioning;
        _trace = trace;
        Keys = keys ?? new MemoryKeyStore();
        if (firmwareUpdates)
        {
            // The factory: an update-signing key whose public half the terminal trusts, and version 1.0.0 in slot A.
            UpdateKey = ImageSigner.NewKey();
            FirmwareFlash = BoardUpdates.Factory(options.Board, Keys, UpdateKey, FactoryVersion);
        }

        // The in-process host keeps the terminal's time: whatever board runs now (a reboot builds a new one).
        _connection = HostConnection.Open(link, new BoardTime(() => Board!.Clock));
        Board = NewBoard(null);
    }

    /// <summary>The version the factory image of a rig with updates carries.</summary>
    public const string FactoryVersion = "1.0.0";

    /// <summary>The vendor's update-signing key (rigs started with firmware updates).</summary>
    public ECDsa? UpdateKey { get; }

    /// <summary>
    /// Whether boards check for updates by themselves (after sign-in, on retry, daily); applies from the next boot. Tests that
    /// check on demand turn it off, since a background check runs on virtual time that races ahead of the real host.
    /// </summary>
    public bool AutomaticUpdateChecks
    {
        get => _automaticUpdateChecks;
        set
        {
            _automaticUpdateChecks = value;
            if (Board.Firmware.Updates != null)
            {
                Board.Firmware.Updates.Automatic = value;
            }
        }
    }

    private bool _automaticUpdateChecks = true;

    /// <summary>The firmware region's flash (rigs started with firmware updates), kept across reboots.</summary>
    public SimulatedFlash? FirmwareFlash { get; }

    /// <summary>The software update of the board running now (rigs started with firmware updates).</summary>
    public BoardUpdates Updates => Board.Updates ?? throw new InvalidOperationException("this rig was started without firmware updates");

    /// <summary>A simulated firmware image of <paramref name="version"/> signed with <paramref name="key"/> (default: the rig's update key).</summary>
    public byte[] SignedImage(string version, bool failSelfCheck = false, ECDsa? key = null) =>
        ImageSigner.Sign(SimulatedFirmware.Payload(version, failSelfCheck), FirmwareImage.ParseVersion(version),
            key ?? UpdateKey ?? throw new InvalidOperationException("this rig was started without firmware updates"));

    /// <summary>Signs and publishes an image of <paramref name="version"/> on the host; returns its bytes.</summary>
    public byte[] PublishUpdate(string version, bool failSelfCheck = false, ECDsa? key = null)
    {
        byte[] image = SignedImage(version, failSelfCheck, key);
        Host.Updates.Publish(image);
        return image;
    }

    /// <summary>Checks for an update now (waiting out a check already running) and downloads what is offered; returns the flow's outcome.</summary>
    public (int Result, string Message) CheckForUpdate()
    {
        var updates = Updates;
        if (!updates.Flow.Busy)
        {
            updates.Flow.Check(null);
        }

        updates.RunWhileBusy();
        return (updates.Flow.LastResult, updates.Flow.LastMessage);
    }

    /// <summary>The terminal ID the host knows.</summary>
    public const string TerminalId = "12345678";

    /// <summary>The merchant ID the host knows.</summary>
    public const string MerchantId = "898310048990001";

    /// <summary>The master key the host was given (the FACTS.md demo key; never a real one).</summary>
    public static readonly byte[] MasterKey = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");

    /// <summary>The set-up the host knows this terminal by (TID, MID, TMK).</summary>
    public ProvisioningFile Provisioning { get; }

    /// <summary>The board running now (a new one after each reboot).</summary>
    public SimulatedBoard Board { get; private set; }

    /// <summary>The cashier functions of the board running now.</summary>
    public TerminalApp Pos => Board.Payments;

    /// <summary>The terminal's store of the board running now.</summary>
    public PaymentStore Store => Pos.Engine.Store;

    /// <summary>The terminal's protected key storage (kept across reboots): in RAM, or an encrypted <see cref="FileKeyStore"/>.</summary>
    public IKeyStore Keys { get; }

    /// <summary>The in-process host.</summary>
    public AcquirerHostServer Host => _connection.Host!;

    /// <summary>Where the terminal is connected.</summary>
    public string Description => _connection.Description;

    /// <summary>
    /// Starts a host (over <paramref name="link"/>: tcp or serial) and a terminal that is not set up yet; its keys
    /// in <paramref name="keys"/> (an encrypted key file, say) or in RAM; with <paramref name="firmwareUpdates"/>
    /// the board runs the boot manager on a factory image and the host serves updates.
    /// </summary>
    public static TerminalRig Start(string link, SimulatedBoardOptions? options = null, IWireTraceSink? trace = null, string? hostDatabase = null, Action<string>? hostLog = null, ProvisioningFile? provisioning = null, IKeyStore? keys = null, bool firmwareUpdates = false, AcquirerHost.Tls.HostTlsFolder? tls = null)
    {
        provisioning ??= ProvisioningFile.Demo;
        options ??= new SimulatedBoardOptions();
        var hostLink = new HostConnectionOptions
        {
            Link = link,
            TerminalId = provisioning.TerminalId,
            MerchantId = provisioning.MerchantId,
            MasterKey = provisioning.MasterKey,
            HostDatabase = hostDatabase,
            HostLog = hostLog,
        };
        return new TerminalRig(options, tls != null ? hostLink.WithTls(tls) : hostLink, trace, provisioning, keys, firmwareUpdates);
    }

    /// <summary>Powers the terminal up and lets it finish what it does at boot (sign-in, recovery, reprints).</summary>
    public void Boot()
    {
        Board.Boot();
        if (Board.Updates?.ResetRequested == true)
        {
            // The trial image failed its boot self-check and resets the board; the boot manager rolls back.
            Reboot();
            return;
        }

        Board.RunWhileHostBusy();
        FinishPrinting();
    }

    /// <summary>Lets the printer finish what it was given (up to a minute of virtual time), and the app note it.</summary>
    public void FinishPrinting()
    {
        IPrinter? printer = Board.Devices.Printer;
        for (int i = 0; i < 300 && printer != null && printer.Busy; i++)
        {
            Board.RunFor(200);
        }

        Board.RunFor(500);
    }

    /// <summary>Provisions from configuration (TID, MID, TMK, and the language when the file gives one) as a technician's config file would.</summary>
    public void ProvisionFromConfig() => Board.ProvisionFromConfig(Provisioning);

    /// <summary>
    /// Power loss and power-up: the board is rebuilt on the same flash and key store, with a new link to the
    /// same host, and booted. <paramref name="beforeBoot"/> sees the flash first (to cut power again, say).
    /// </summary>
    public void Reboot(Action<SimulatedFlash>? beforeBoot = null)
    {
        SimulatedFlash flash = Board.Flash;
        flash.CancelCut();
        FirmwareFlash?.CancelCut();
        Board.Dispose();
        Board = NewBoard(flash);
        beforeBoot?.Invoke(flash);
        Boot();
    }

    /// <summary>
    /// Lets virtual time run 20 ms a step, each step giving a real (TCP or pty) host a moment to answer, until
    /// <paramref name="done"/> (or <paramref name="maxRealMs"/> of real time): to stop halfway through a flow, as
    /// when a QR order's code is on the screen.
    /// </summary>
    public void RunUntil(Func<bool> done, int maxRealMs = 60000)
    {
        long started = Environment.TickCount64;
        while (!done() && Environment.TickCount64 - started < maxRealMs)
        {
            Thread.Sleep(1);
            Board.RunFor(20);
        }
    }

    /// <summary>Presses keys one after another, human-paced.</summary>
    public void Press(params int[] keys)
    {
        foreach (int key in keys)
        {
            Board.RunFor(150);
            Board.PressKey(key);
        }
    }

    /// <summary>Types digits.</summary>
    public void Type(string digits)
    {
        foreach (char c in digits)
        {
            Press(KeyCode.Digit0 + (c - '0'));
        }
    }

    /// <summary>Types hex digits on the numeric keypad: A..F are 1..6 followed by F1.</summary>
    public void TypeHex(string hex)
    {
        foreach (char c in hex.ToUpperInvariant())
        {
            if (c is >= 'A' and <= 'F')
            {
                Press(KeyCode.Digit0 + 1 + (c - 'A'), KeyCode.F1);
            }
            else
            {
                Press(KeyCode.Digit0 + (c - '0'));
            }
        }
    }

    /// <summary>Keys an amount in fen and confirms it (ENTER).</summary>
    public void KeyAmount(long fen)
    {
        Type(fen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Press(KeyCode.Enter);
    }

    /// <summary>
    /// A sale: amount, then the payment (<c>swipe:CARD</c>, <c>tap:CARD</c>, <c>scan:CODE</c>), wait for the
    /// host, then answer the customer-copy question (ENTER prints it).
    /// </summary>
    public string Sale(long fen, string payment, bool customerCopy = false)
    {
        KeyAmount(fen);
        return Pay(payment, customerCopy);
    }

    /// <summary>
    /// A sale rung up by item code (F2): each (code, quantity), then the payment, wait for the host, no
    /// customer copy. With <paramref name="managerAllows"/> a quantity above stock is allowed with the manager
    /// password (otherwise the refused line is left out). Returns the host's message.
    /// </summary>
    public string ItemSale(string payment, (int Code, int Quantity)[] lines, bool managerAllows = false, bool customerCopy = false)
    {
        ItemLines(lines, managerAllows);
        Press(KeyCode.Enter);
        return Pay(payment, customerCopy);
    }

    // The payment presented, the host's answer waited for, the customer-copy question answered; the host's message.
    // An inserted card gets the host's PIN when it asks for one, and is taken out once the sale has ended.
    private string Pay(string payment, bool customerCopy)
    {
        Present(payment);
        bool inserted = payment.StartsWith("insert:", StringComparison.Ordinal);
        if (inserted)
        {
            EnterPinIfAsked();
        }

        Board.RunWhileHostBusy();
        string message = Pos.LastMessage;
        if (inserted)
        {
            Board.Withdraw();
            Board.RunFor(100);
        }

        Press(customerCopy ? KeyCode.Enter : KeyCode.Cancel);
        Board.RunFor(500);
        return message;
    }

    /// <summary>When the PIN screen is up (a chip card whose CVM says online PIN), types the host's PIN and ENTER.</summary>
    public void EnterPinIfAsked()
    {
        Board.RunFor(300);
        if (Board.Display.FrameText().Contains("ENTER PIN", StringComparison.Ordinal) || Board.Display.FrameText().Contains("请输入密码", StringComparison.Ordinal))
        {
            Type(Host.Rules.Pin);
            Press(KeyCode.Enter);
        }
    }

    /// <summary>
    /// F2, then each (code, quantity) keyed with ENTER after each; stays on the item screen. A quantity above the
    /// stock asks the manager's password (<paramref name="atPassword"/> sees that screen): typed when
    /// <paramref name="managerAllows"/>, else cancelled.
    /// </summary>
    public void ItemLines((int Code, int Quantity)[] lines, bool managerAllows = false, Action? atPassword = null)
    {
        Press(KeyCode.F2);
        foreach (var (code, quantity) in lines)
        {
            Type(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Press(KeyCode.Enter);
            Type(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Press(KeyCode.Enter);
            if (Board.Display.RowText(3).Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                atPassword?.Invoke();
                if (managerAllows)
                {
                    Type(_options.ManagerPassword);
                    Press(KeyCode.Enter);
                }
                else
                {
                    Press(KeyCode.Cancel);
                }
            }
        }
    }

    /// <summary>
    /// Presents a card or a code: <c>swipe:visa</c>, <c>tap:unionpay</c>, <c>insert:unionpay-debit</c> (the card
    /// stays in the slot), <c>scan:134567890123456789</c>.
    /// </summary>
    public void Present(string payment)
    {
        int colon = payment.IndexOf(':', StringComparison.Ordinal);
        string how = colon < 0 ? payment : payment[..colon];
        string what = colon < 0 ? string.Empty : payment[(colon + 1)..];
        switch (how)
        {
            case "swipe":
                Board.Swipe(what);
                break;
            case "tap":
                Board.Tap(what);
                break;
            case "insert":
                Board.Insert(what);
                break;
            case "scan":
                Board.Scan(what);
                break;
            default:
                throw new ArgumentException($"payment is swipe:CARD, tap:CARD, insert:CARD or scan:CODE, not '{payment}'");
        }
    }

    /// <summary>MENU, a function number and the manager password.</summary>
    public void Manager(int function)
    {
        Press(KeyCode.Menu, KeyCode.Digit0 + function);
        Type(_options.ManagerPassword);
        Press(KeyCode.Enter);
    }

    /// <summary>MENU 0 (set-up), the manager password, 3: switches training mode on or off; returns the message shown.</summary>
    public string SwitchTraining()
    {
        Press(KeyCode.Menu, KeyCode.Digit0);
        Type(_options.ManagerPassword);
        Press(KeyCode.Enter, KeyCode.Digit0 + 3);
        return FinishFlow();
    }

    /// <summary>Voids the sale with invoice number <paramref name="invoice"/>.</summary>
    public string Void(int invoice)
    {
        Manager(2);
        Type(invoice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Press(KeyCode.Enter, KeyCode.Enter);
        Board.RunWhileHostBusy();
        return FinishFlow();
    }

    /// <summary>Refunds <paramref name="fen"/> of the sale with reference <paramref name="rrn"/> made on <paramref name="mmdd"/>.</summary>
    public string Refund(string rrn, int mmdd, long fen)
    {
        Manager(3);
        Type(rrn);
        Press(KeyCode.Enter);
        Type(mmdd.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        Press(KeyCode.Enter);
        KeyAmount(fen);
        Board.RunWhileHostBusy();
        return FinishFlow();
    }

    /// <summary>
    /// MENU F2 (pre-authorization and balance), then row <paramref name="row"/>; the manager password for the rows behind
    /// it (2 pre-auth void, 4 completion void, 5 completion advice).
    /// </summary>
    public void PreAuthMenu(int row)
    {
        Press(KeyCode.Menu, KeyCode.F2, KeyCode.Digit0 + row);
        if (row is 2 or 4 or 5)
        {
            Type(_options.ManagerPassword);
            Press(KeyCode.Enter);
        }
    }

    /// <summary>A pre-authorization of <paramref name="fen"/> with the card <paramref name="payment"/> (as <see cref="Sale"/>), no customer copy.</summary>
    public string PreAuth(long fen, string payment)
    {
        PreAuthMenu(1);
        KeyAmount(fen);
        return Pay(payment, false);
    }

    /// <summary>Voids the pre-auth with invoice number <paramref name="invoice"/> (manager).</summary>
    public string PreAuthVoid(int invoice) => VoidByInvoice(2, invoice);

    /// <summary>
    /// Voids the pre-auth of an earlier batch with auth code <paramref name="authCode"/> of <paramref name="mmdd"/> and
    /// amount <paramref name="fen"/> (manager): invoice 0, then the three keyed.
    /// </summary>
    public string PreAuthVoidEarlier(string authCode, int mmdd, long fen)
    {
        PreAuthMenu(2);
        Type("0");
        Press(KeyCode.Enter);
        KeyPreAuth(authCode, mmdd);
        KeyAmount(fen);
        Board.RunWhileHostBusy();
        return FinishFlow();
    }

    /// <summary>Sends what the terminal owes the host (reversals, resends, completion advices) as boot recovery does; returns how it ended.</summary>
    public string SendOwed()
    {
        var owed = new OwedWork();
        Pos.Engine.Resolve(owed);
        Board.RunWhileHostBusy();
        return owed.Message;
    }

    /// <summary>Voids the completion with invoice number <paramref name="invoice"/> (manager).</summary>
    public string CompletionVoid(int invoice) => VoidByInvoice(4, invoice);

    /// <summary>
    /// Completes the pre-auth with auth code <paramref name="authCode"/> of <paramref name="mmdd"/> for <paramref name="fen"/>:
    /// online, or with <paramref name="advice"/> offline (manager); no customer copy.
    /// </summary>
    public string Complete(string authCode, int mmdd, long fen, bool advice = false)
    {
        PreAuthMenu(advice ? 5 : 3);
        KeyPreAuth(authCode, mmdd);
        KeyAmount(fen);
        Board.RunWhileHostBusy();
        return FinishFlow();
    }

    /// <summary>A balance inquiry with the card <paramref name="payment"/>, the host's PIN keyed; returns the message shown.</summary>
    public string Balance(string payment)
    {
        PreAuthMenu(6);
        Present(payment);
        Board.RunFor(300);
        Type(Host.Rules.Pin);
        Press(KeyCode.Enter);
        Board.RunWhileHostBusy();
        if (payment.StartsWith("insert:", StringComparison.Ordinal))
        {
            Board.Withdraw();
            Board.RunFor(100);
        }

        return FinishFlow();
    }

    // A pre-auth named by its auth code and date (MMDD), each keyed and entered.
    private void KeyPreAuth(string authCode, int mmdd)
    {
        Type(authCode);
        Press(KeyCode.Enter);
        Type(mmdd.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        Press(KeyCode.Enter);
    }

    private string VoidByInvoice(int row, int invoice)
    {
        PreAuthMenu(row);
        Type(invoice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Press(KeyCode.Enter, KeyCode.Enter);
        Board.RunWhileHostBusy();
        return FinishFlow();
    }

    /// <summary>Settles the batch.</summary>
    public string Settle() => Settle(null);

    /// <summary>Settles the batch; <paramref name="atResult"/> sees the settled screen before a key leaves it.</summary>
    public string Settle(Action? atResult)
    {
        Manager(4);
        Press(KeyCode.Enter);
        Board.RunWhileHostBusy();
        atResult?.Invoke();
        return FinishFlow();
    }

    // The result screen: approved ones ask about the customer copy; others wait for any key.
    private string FinishFlow()
    {
        string message = Pos.LastMessage;
        Press(KeyCode.Cancel);
        Board.RunFor(500);
        return message;
    }

    // The rig sets the terminal up itself: on the keypad, or from its provisioning file (ProvisionFromConfig).
    // A board built at a reboot takes up the time where the last one left it: one clock for the day.
    private SimulatedBoard NewBoard(SimulatedFlash? flash) => new(_options with
    {
        WallStart = Board?.Clock.WallTime ?? _options.WallStart,
        Provisioning = null,
        Flash = flash,
        Keys = Keys,
        HostLink = _ => _connection.OpenTransport(),
        WireTrace = _trace,
        FirmwareFlash = FirmwareFlash,
        AutomaticUpdateChecks = _automaticUpdateChecks,
    });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Board.Dispose();
        UpdateKey?.Dispose();
        await _connection.DisposeAsync();
    }

    // What the owed work said when it ended.
    private sealed class OwedWork : Terminal.Core.Flows.IPaymentObserver
    {
        public string Message { get; private set; } = string.Empty;

        public void OnProgress(string text)
        {
        }

        public void OnPaymentDone(int result, string message, Terminal.Core.Payments.TxnEntry? entry) => Message = message;
    }
}
