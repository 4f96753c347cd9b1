using System.Globalization;
using AcquirerHost.Processing;
using AcquirerHost.Rules;
using AcquirerHost.Store;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Imaging;
using Terminal.Hal;
using Terminal.Simulator.Board;
using CoreTotals = Terminal.Core.Payments.BatchTotals;

namespace Terminal.Simulator.Demo;

/// <summary>What a demo day did and whether terminal and host agree at the end.</summary>
public sealed class DemoSummary
{
    /// <summary>Transactions by what happened to them ("sale approved", "sale declined", ...).</summary>
    public SortedDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>Per settled batch: the terminal's totals, the host's, and how the settlement went.</summary>
    public List<(int Batch, CoreTotals Terminal, AcquirerHost.Store.BatchTotals Host, string How)> Batches { get; } = [];

    /// <summary>Documents written to the output folder.</summary>
    public int Documents { get; set; }

    /// <summary>Display frames written to the output folder.</summary>
    public int Frames { get; set; }

    /// <summary>What each file of the output folder is: (file name without extension, what it shows, when on the terminal's clock).</summary>
    public List<(string File, string What, string When)> Index { get; } = [];

    /// <summary>What the training session did, and whether any of it reached the host (empty when none ran).</summary>
    public string Training { get; set; } = string.Empty;

    /// <summary>Whether every settled batch's totals agree between terminal and host.</summary>
    public bool Reconciled => Batches.Count > 0 && Batches.All(b =>
        b.Terminal.DebitCount == b.Host.DebitCount && b.Terminal.DebitAmount == b.Host.DebitAmount
        && b.Terminal.CreditCount == b.Host.CreditCount && b.Terminal.CreditAmount == b.Host.CreditAmount);
}

/// <summary>
/// A scripted business day on the simulated terminal against AcquirerHost: set-up on the keypad, sign-in,
/// sales by swipe, tap and each QR kind, a decline, a host timeout reversed, a void, a refund, reports, a
/// balanced settlement, a second batch whose settlement the host finds unbalanced (batch upload), and the
/// end-of-day reports. Every receipt and report is saved (ESC/POS bytes, text, PNG) with display frames.
/// </summary>
public sealed partial class DemoDay(TerminalRig rig, string outDir, TextWriter progress, bool setUpFromFile = false)
{
    /// <summary>The demo merchant's name, set from the provisioning file's profile (a hotel, whose deposits pre-authorize).</summary>
    public const string DemoMerchantName = "北京东方大酒店";

    /// <summary>The demo's service hotline.</summary>
    public const string DemoHotline = "400-820-8820";

    /// <summary>The demo's service contact.</summary>
    public const string DemoContact = "王经理";

    private readonly DemoSummary _summary = new();
    private int _documentsTaken;
    private int _fileNumber;
    private int _frameNumber;
    private string _step = string.Empty;

    /// <summary>Plays the day; returns its summary.</summary>
    public DemoSummary Run()
    {
        Directory.CreateDirectory(outDir);
        rig.Host.Processor.Catalog ??= DemoCatalog.Create();
        if (setUpFromFile)
        {
            Step($"Set-up loaded from the provisioning file: MID {rig.Provisioning.MerchantId}, TID {rig.Provisioning.TerminalId}");
            rig.ProvisionFromConfig();
            rig.Boot();
            Done(rig.Pos.LastMessage);
        }
        else
        {
            Step("Power on: a new terminal asks for its set-up");
            rig.Board.Boot();
            Frame("setup-merchant-id");
            Step($"Technician keys MID {rig.Provisioning.MerchantId}, TID {rig.Provisioning.TerminalId} and the master key");
            rig.Type(rig.Provisioning.MerchantId);
            rig.Press(KeyCode.Enter);
            rig.Type(rig.Provisioning.TerminalId);
            rig.Press(KeyCode.Enter);
            rig.TypeHex(Convert.ToHexString(rig.Provisioning.MasterKey));
            rig.Press(KeyCode.Enter);
            Frame("setup-key-check-value");
            Done("check value shown: " + rig.Board.Display.RowText(7).Trim());
            rig.Press(KeyCode.Enter);
            rig.Board.RunWhileHostBusy();
            rig.FinishPrinting();
            Done(rig.Pos.LastMessage);
        }

        if (!rig.Pos.Engine.SignedIn)
        {
            throw new InvalidOperationException("the terminal did not sign in: " + rig.Pos.LastMessage);
        }

        MerchantProfileScene();
        Frame("idle");

        At(9, 5);
        Step("Operator 01 logs on");
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 9);
        rig.Type("1");
        rig.Press(KeyCode.Enter);
        Done(rig.Pos.LastMessage);

        // Customers come through the day: the sales analysis by hour has one row per hour that sold.
        At(9, 41);
        Sale("sale-swipe-unionpay", 12800, "swipe:unionpay", customerCopy: true, eInvoice: true);
        At(10, 17);
        Sale("sale-tap-visa", 4550, "tap:visa");
        At(11, 3);
        Sale("sale-wechat", 2300, "scan:134567890123456789");
        At(11, 48);
        Sale("sale-alipay", 6660, "scan:284567890123456789");
        At(12, 26);
        Sale("sale-unionpay-qr", 1200, "scan:6212345678901234567");
        QrOrders();
        ChipSales();
        At(13, 12);

        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*51", Action = RuleAction.Decline, ResponseCode = "51", Times = 1 });
        Sale("sale-declined", 2051, "swipe:mastercard", expectFrame: "declined");

        At(13, 39);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Amount = "*99", Action = RuleAction.NoAnswer, Times = 1 });
        Step("Sale CNY 9.99 by swipe: the host does not answer (waiting out the 30 s timeout)");
        rig.KeyAmount(999);
        rig.Present("swipe:visa");
        rig.Board.RunWhileHostBusy();
        Frame("reversed");
        Done(rig.Pos.LastMessage);
        rig.Press(KeyCode.Cancel);
        rig.FinishPrinting();

        At(14, 20);
        TxnEntry tapSale = Find(TxnKind.Sale, EntryMode.Contactless);
        Step($"Manager voids invoice {tapSale.Invoice:D6} (tap sale, {Money.FormatCny(tapSale.Amount)})");
        Done(rig.Void(tapSale.Invoice));
        Save("void");

        At(15, 2);
        TxnEntry swipeSale = Find(TxnKind.Sale, EntryMode.Swipe);
        Step($"Manager refunds CNY 28.00 of the sale with RRN {swipeSale.Rrn}, made on {swipeSale.DateMmdd / 100:D2}/{swipeSale.DateMmdd % 100:D2} (month/day)");
        Done(rig.Refund(swipeSale.Rrn, swipeSale.DateMmdd, 2800));
        Save("refund");

        Step("Reprint last receipt");
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 5);
        rig.FinishPrinting();
        Save("reprint");

        PreAuthorizations();

        At(15, 31);
        Step("Manager switches the terminal to Simplified Chinese (MENU 0, password, 2 Language, 2 简体中文)");
        SwitchLanguage(2);
        Frame("idle-zh");
        Sale("sale-zh-swipe-unionpay", 8800, "swipe:unionpay", customerCopy: true, eInvoice: true);
        Step("Manager switches back to English");
        SwitchLanguage(1);

        // The day shift ends: its reports, and its batch settled before the evening shift starts a new one.
        At(16, 2);
        Report("transaction detail report", 1, "detail-report");
        Report("totals (X) report", 2, "totals-x-report");

        At(16, 10);
        Settle("balanced");

        At(17, 22);
        Sale("sale-batch2-swipe", 3300, "swipe:visa");
        At(18, 7);
        Sale("sale-batch2-wechat", 1800, "scan:104567890123456789");
        At(18, 55);
        Sale("sale-batch2-unionpay-qr", 5000, "scan:6298765432109876543");
        At(19, 30);
        ItemSales();
        At(20, 40);
        Report("sales analysis (top items; last settled batch by hour and operator)", 4, "sales-analysis-report");

        At(21, 0);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0500", Action = RuleAction.Unbalanced, Times = 1 });
        Settle("unbalanced");

        At(21, 12);
        Training();

        At(21, 40);
        Report("last settlement reprint (Z)", 3, "settlement-reprint-report");
        Report("sales analysis after settlement (the settled batch's top items)", 4, "sales-analysis-settled-report");
        Frame("end-of-day");
        WriteIndex();
        return _summary;
    }

    // The customer scans the terminal's screen (merchant-presented QR order): WeChat Pay's order paid by the simulated
    // wallet, which decodes the panel's frame as a phone's camera would; then an Alipay order nobody pays, closed when
    // its two-minute wait runs out (the host's order closed too, nothing charged).
    private void QrOrders()
    {
        At(12, 40);
        Step("QR order CNY 36.80 (key 1 on the present screen): the customer scans the screen with WeChat Pay");
        rig.KeyAmount(3680);
        rig.Press(KeyCode.Digit0 + 1);
        rig.RunUntil(() => rig.Pos.Engine.QrOrders.AwaitingPayment || !rig.Pos.Engine.Busy);
        Frame("qr-order-wechat");
        string code = QrImage.Decode(rig.Board.Panel.RenderPng()) ?? throw new InvalidOperationException("no QR code on the screen: " + rig.Pos.LastMessage);
        var wallet = new SimulatedWallet(rig.Host.Processor.QrOrders);
        Done($"the phone reads {code} off the screen; the wallet: {wallet.Pay(code)}");
        rig.RunUntil(() => !rig.Pos.Engine.Busy);
        string message = rig.Pos.LastMessage;
        TxnEntry paid = rig.Store.At(rig.Store.Count - 1);
        rig.Press(KeyCode.Enter);
        rig.FinishPrinting();
        Done($"{message}: invoice {paid.Invoice:D6}, order {paid.OrderNumber}, WeChat Pay order {paid.WalletOrder}, RRN {paid.Rrn}");
        Save("qr-order-wechat");

        At(12, 55);
        Step("QR order CNY 12.00 with Alipay (key 2): the customer walks away without paying");
        rig.KeyAmount(1200);
        rig.Press(KeyCode.Digit0 + 2);
        rig.RunUntil(() => !rig.Pos.Engine.Busy, 120_000);
        Frame("qr-order-unpaid");
        Done($"{rig.Pos.LastMessage} (the host's order: {rig.Host.Processor.QrOrders.Orders(TerminalRig.TerminalId)[^1].Status})");
        rig.Press(KeyCode.Cancel);
        rig.FinishPrinting();
    }

    // Chip cards inserted: a sale (online PIN, ARQC checked by the host, TC uploaded after), one where the issuer
    // sends a script (run by the card, its result notified), a card that declines what the host approved (reversed,
    // 06), and a chip card swiped: told to insert, its chip fails, and the swipe goes as a fallback.
    private void ChipSales()
    {
        At(12, 35);
        Sale("sale-insert-unionpay", 6800, "insert:unionpay-debit", customerCopy: true);
        At(12, 44);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Pan = "625094*", IssuerScript = "72", Times = 1 });
        Step("The issuer will send a script (tag 72) with the next UnionPay credit sale");
        Sale("sale-insert-script", 3900, "insert:unionpay-credit");
        At(12, 51);
        Step("A card that declines after the host approved (AAC at the second GENERATE AC)");
        Sale("sale-insert-declined-after-approval", 4200, "insert:unionpay-declines", expectFrame: "card-declined");
        At(12, 58);
        Step("Sale CNY 15.00: a chip card swiped is told to insert; its chip does not answer; the swipe goes as a fallback");
        rig.KeyAmount(1500);
        rig.Present("swipe:unionpay-debit");
        Done(rig.Pos.LastMessage);
        var mute = Terminal.Drivers.Simulated.ChipCards.ContactEmvTestCards.Create("unionpay-debit");
        mute.Mute = true;
        rig.Board.ContactSlot!.Insert(mute);
        rig.Board.RunFor(500);
        Done(rig.Pos.LastMessage);
        rig.Board.Withdraw();
        rig.Present("swipe:unionpay-debit");
        rig.EnterPinIfAsked();
        rig.Board.RunWhileHostBusy();
        Frame("sale-fallback");
        TxnEntry fallback = rig.Store.At(rig.Store.Count - 1);
        rig.Press(KeyCode.Cancel);
        rig.FinishPrinting();
        Done($"{rig.Pos.LastMessage}: invoice {fallback.Invoice:D6} as a {EntryMode.Name(fallback.Mode).ToLowerInvariant()}, auth {fallback.AuthCode}, {fallback.MaskedPan}");
        Save("sale-fallback");
    }

    // Sales rung up by item code from the catalog loaded at sign-in, an out-of-stock line the manager allows,
    // and a void of an item sale (its items go back to stock).
    private void ItemSales()
    {
        ItemCatalog catalog = rig.Store.Catalog;
        if (catalog.Count < 3)
        {
            throw new InvalidOperationException("the demo needs a catalog of at least 3 items (sign-in said: " + rig.Pos.Engine.CatalogMessage + ")");
        }

        int scarce = 0;
        for (int i = 1; i < catalog.Count; i++)
        {
            if (rig.Store.Stock(i) < rig.Store.Stock(scarce))
            {
                scarce = i;
            }
        }

        int a = scarce == 0 ? 1 : 0;
        int b = scarce == 0 || scarce == 1 ? 2 : 1;
        Step($"Catalog v{catalog.Version} from the host: {catalog.Count} items; stock of {catalog.NameEn(a)} {rig.Store.Stock(a)}, {catalog.NameEn(b)} {rig.Store.Stock(b)}, {catalog.NameEn(scarce)} {rig.Store.Stock(scarce)}");
        ItemSale("item-sale-swipe", "swipe:visa", [(catalog.Code(a), 3), (catalog.Code(b), 2)], managerAllows: false, customerCopy: true);
        At(19, 48);
        ItemSale("item-sale-wechat", "scan:114567890123456789", [(catalog.Code(b), 1), (catalog.Code(a), 1)], managerAllows: false, customerCopy: false);
        int over = Math.Max(1, rig.Store.Stock(scarce) + 1);
        Step($"{catalog.NameEn(scarce)}: {over} wanted, {rig.Store.Stock(scarce)} in stock: the manager allows it");
        At(20, 15);
        ItemSale("item-sale-over-stock", "scan:254567890123456789", [(catalog.Code(scarce), over)], managerAllows: true, customerCopy: false);

        TxnEntry wechat = rig.Store.At(rig.Store.Count - 2);
        Step($"Manager voids invoice {wechat.Invoice:D6} (item sale, {Money.FormatCny(wechat.Amount)}): its items go back to stock");
        Done(rig.Void(wechat.Invoice));
        Save("item-void");
        Done($"stock now: {catalog.NameEn(a)} {rig.Store.Stock(a)}, {catalog.NameEn(b)} {rig.Store.Stock(b)}, {catalog.NameEn(scarce)} {rig.Store.Stock(scarce)}");
    }

    private void ItemSale(string name, string payment, (int Code, int Quantity)[] lines, bool managerAllows, bool customerCopy)
    {
        ItemCatalog catalog = rig.Store.Catalog;
        Step("Item sale: " + string.Join(", ", lines.Select(l => $"{l.Quantity} x {catalog.NameEn(catalog.IndexOf(l.Code))} ({l.Code})")) + $", paid by {PaymentTextMask.Mask(payment.Replace(':', ' '))}");
        rig.ItemLines(lines, managerAllows, managerAllows ? () => Frame(name + "-password") : null);
        Frame(name + "-items");
        rig.Press(KeyCode.Enter);
        rig.Present(payment);
        rig.Board.RunWhileHostBusy();
        Frame(name);
        string message = rig.Pos.LastMessage;
        TxnEntry? last = rig.Store.Count > 0 ? rig.Store.At(rig.Store.Count - 1) : null;
        rig.Press(customerCopy ? KeyCode.Enter : KeyCode.Cancel);
        rig.FinishPrinting();
        Done(last != null && last.State == TxnState.Approved && last.Items != null
            ? $"{message}: invoice {last.Invoice:D6}, {last.Items.Count} {(last.Items.Count == 1 ? "line" : "lines")}, {Money.FormatCny(last.Amount)}"
            : message);
        Save(name);
    }

    private void Sale(string name, long fen, string payment, bool customerCopy = false, string? expectFrame = null, bool eInvoice = false)
    {
        Step($"Sale {Money.FormatCny(fen)} by {PaymentTextMask.Mask(payment.Replace(':', ' '))}");
        rig.KeyAmount(fen);
        rig.Present(payment);
        bool inserted = payment.StartsWith("insert:", StringComparison.Ordinal);
        if (inserted)
        {
            rig.EnterPinIfAsked();
        }

        rig.Board.RunWhileHostBusy();
        Frame(expectFrame ?? name);
        string message = rig.Pos.LastMessage;
        TxnEntry? last = rig.Store.Count > 0 ? rig.Store.At(rig.Store.Count - 1) : null;
        if (inserted)
        {
            rig.Board.Withdraw();
        }

        // The customer copy on request; F1 adds the e-invoice claim QR code to it.
        rig.Press(!customerCopy ? KeyCode.Cancel : eInvoice ? KeyCode.F1 : KeyCode.Enter);
        rig.FinishPrinting();
        Done(last != null && last.State == TxnState.Approved
            ? $"{message}: invoice {last.Invoice:D6}, auth {last.AuthCode}, RRN {last.Rrn}, {last.MaskedPan}"
            : message);
        Save(name);
    }

    // MENU 0 behind the manager password, 2 Language, then 1 English or 2 简体中文.
    private void SwitchLanguage(int choice)
    {
        rig.Manager(0);
        rig.Press(KeyCode.Digit0 + 2, KeyCode.Digit0 + choice);
        Done(rig.Pos.LastMessage);
    }

    // A new cashier practises in training mode: the training host inside the terminal answers, the banner
    // is on every screen and receipt, and neither the host nor the real batch sees any of it.
    private void Training()
    {
        int hostBefore = rig.Host.Store.Authorizations(rig.Provisioning.TerminalId).Count;
        int realBefore = rig.Store.Count;
        Step("Manager switches training mode on (MENU 0, 3) for a new cashier");
        Done(rig.SwitchTraining());
        if (!rig.Pos.Training)
        {
            throw new InvalidOperationException("training mode did not start: " + rig.Pos.LastMessage);
        }

        Frame("training-idle");
        Sale("training-sale-swipe", 8800, "swipe:visa", customerCopy: true);
        Sale("training-sale-declined", 1551, "scan:284567890123456789");
        TxnEntry practised = rig.Store.At(0);
        Step($"Trainee voids training invoice {practised.Invoice:D6}");
        Done(rig.Void(practised.Invoice));
        Save("training-void");
        int trained = rig.Store.Count;
        Step("Manager switches training mode off");
        Done(rig.SwitchTraining());
        int hostAfter = rig.Host.Store.Authorizations(rig.Provisioning.TerminalId).Count;
        int seen = hostAfter - hostBefore;
        _summary.Training = $"{trained} training transactions; the host saw {(seen == 0 ? "none" : seen.ToString(CultureInfo.InvariantCulture))} of them, the real batch {(rig.Store.Count == realBefore ? "is untouched" : "CHANGED")}";
    }

    private void Report(string what, int key, string name)
    {
        Step("Print the " + what);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + key);
        rig.FinishPrinting();
        Save(name);
        Done(rig.Pos.LastMessage);
        if (key == 4)
        {
            // The analysis is shown on the screen too, until a key is pressed.
            Frame(name.Replace("-report", string.Empty, StringComparison.Ordinal));
            rig.Press(KeyCode.Cancel);
        }
    }

    private void Settle(string expected)
    {
        int batch = rig.Store.Batch;
        var totals = new CoreTotals();
        rig.Store.Totals(totals);
        CountBatch();
        Step($"Manager settles batch {batch:D6} ({DebitsAndCredits(totals)})"
            + (expected == "unbalanced" ? ": the host's books differ" : string.Empty));
        // The frame is the settled screen (the batch, its totals, how it balanced), before a key leaves it.
        string message = rig.Settle(() => Frame("settled-" + expected));
        rig.FinishPrinting();
        Save("settlement-" + expected + "-z-report");
        Done(message);
        var host = rig.Host.Store.InTransaction(tx => AcquirerStore.Totals(tx, rig.Provisioning.TerminalId, batch));
        var settled = new CoreTotals();
        settled.CopySettlement(rig.Store.LastSettled);
        int uploads = rig.Store.LastSettledUploads;
        string how = rig.Store.LastSettledBalanced
            ? "balanced at the first try"
            : $"the host's totals differed at first, so the terminal uploaded its {uploads} {(uploads == 1 ? "transaction" : "transactions")} and the host then agreed: balanced after the batch upload";
        _summary.Batches.Add((batch, settled, host, how));
    }

    /// <summary>
    /// What a batch's debits and credits are, as the settlement counts them: "5 debits 1,046.00 (sales 3, completions 2),
    /// 1 credit 28.00 (refunds)". The debits hold the sales kept (less their voids) and the pre-auth completions standing.
    /// </summary>
    public static string DebitsAndCredits(CoreTotals totals)
    {
        int sales = totals.Count(TxnKind.Sale) - totals.Count(TxnKind.Void);
        int completions = totals.DebitCount - sales;
        return $"{totals.DebitCount} {(totals.DebitCount == 1 ? "debit" : "debits")} {Money.Format(totals.DebitAmount)} (sales {sales}, completions {completions}), "
            + $"{totals.CreditCount} {(totals.CreditCount == 1 ? "credit" : "credits")} {Money.Format(totals.CreditAmount)} (refunds)";
    }

    // Counts what the batch holds before it is settled (and forgotten).
    private void CountBatch()
    {
        for (int i = 0; i < rig.Store.Count; i++)
        {
            TxnEntry t = rig.Store.At(i);
            string key = TxnKind.Name(t.Kind).ToLowerInvariant() + " " + TxnState.Name(t.State).ToLowerInvariant();
            if (t.Kind == TxnKind.Sale && t.Voided)
            {
                key = "sale voided";
            }
            else if (t.Mode == EntryMode.QrOrder && t.OrderEnd != 0)
            {
                key = "qr order closed unpaid";
            }
            else if (t.Kind == TxnKind.Sale && t.State == TxnState.Approved)
            {
                key += " (" + TxnChannel.Name(t.Channel) + ")";
            }

            _summary.Counts[key] = _summary.Counts.GetValueOrDefault(key) + 1;
        }
    }

    private TxnEntry Find(int kind, int mode)
    {
        for (int i = 0; i < rig.Store.Count; i++)
        {
            TxnEntry t = rig.Store.At(i);
            if (t.Kind == kind && t.Mode == mode && t.State == TxnState.Approved && !t.Voided)
            {
                return t;
            }
        }

        throw new InvalidOperationException("the demo lost its own sale");
    }

    // The merchant's profile from the technician's file (a Chinese name: the keypad has digits only) and the service
    // hotline, so every slip and report of the day carries the name; then the merchant prints the help slip once.
    private void MerchantProfileScene()
    {
        if (!rig.Provisioning.HasProfile)
        {
            Step($"Technician loads the merchant profile: {DemoMerchantName}, hotline {DemoHotline}");
            rig.Board.SetMerchantProfile(DemoMerchantName, DemoHotline, DemoContact);
            Done("the name and hotline are journaled, with the glyphs of the name");
        }

        Step("Merchant presses F1 for help and prints the help slip");
        rig.Press(KeyCode.F1);
        Frame("help");
        rig.Press(KeyCode.Enter);
        rig.FinishPrinting();
        Save("help-slip");
        rig.Press(KeyCode.Cancel);
        Done(rig.Pos.LastStatus);
    }

    // Writes the documents printed since the last save: NN-name-receipt|report[-2].{escpos,txt,png}.
    private void Save(string name)
    {
        var documents = rig.Board.PrinterMechanism.DocumentsSince(_documentsTaken);
        _documentsTaken += documents.Count;
        for (int i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            string kind = name.EndsWith("report", StringComparison.Ordinal) ? string.Empty : "-receipt";
            string copy = documents.Count > 1 ? (i == 0 ? "-merchant" : i == 1 ? "-customer" : "-" + (i + 1).ToString(CultureInfo.InvariantCulture)) : string.Empty;
            string stem = $"{++_fileNumber:D2}-{name}{kind}{copy}";
            string path = Path.Combine(outDir, stem);
            File.WriteAllBytes(path + ".escpos", document.Bytes);
            File.WriteAllText(path + ".txt", document.RenderText());
            File.WriteAllBytes(path + ".png", document.RenderPng());
            _summary.Documents++;
            string what = kind.Length == 0 ? "report" : copy == "-merchant" ? "receipt, merchant copy" : copy == "-customer" ? "receipt, customer copy" : "receipt";
            _summary.Index.Add((stem, $"{what}: {_step}", Now()));
        }
    }

    private void Frame(string name)
    {
        string stem = $"frame-{++_frameNumber:D2}-{name}";
        File.WriteAllBytes(Path.Combine(outDir, stem + ".png"), rig.Board.Panel.RenderPng());
        _summary.Frames++;
        _summary.Index.Add((stem, "screen: " + name.Replace('-', ' ') + (_step.Length > 0 ? " (" + _step + ")" : string.Empty), Now()));
    }

    private void Step(string text)
    {
        _step = text;
        progress.WriteLine($"[{Now()}] {text}");
    }

    private string Now() => rig.Board.Clock.WallTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    // The shop's day goes on until hour:minute: the terminal idles (its timers run) on the virtual clock, which the
    // in-process host follows too. A time already past is left alone (a slow step ran over).
    private void At(int hour, int minute)
    {
        DateTime now = rig.Board.Clock.WallTime;
        DateTime then = now.Date.AddHours(hour).AddMinutes(minute);
        if (then > now)
        {
            rig.Board.RunFor((long)(then - now).TotalMilliseconds);
        }
    }

    // INDEX.md: which file is which receipt, report or screen, in the order the day made them.
    private void WriteIndex()
    {
        var lines = new List<string>
        {
            "# What the demo day wrote",
            string.Empty,
            "Receipts and reports come as three files each: `.escpos` (the bytes the printer was sent), `.txt` (what the",
            "paper says) and `.png` (the paper). Screens (`frame-*`) are `.png` pictures of the display at that moment.",
            "`wire.log` holds every message to and from the acquirer host, card data masked; its first lines say how to",
            "read it. The terminal's keys are not here: they are in the simulator's private folder (the summary says where).",
            string.Empty,
            "| file | what it is | time |",
            "|---|---|---|",
        };
        foreach (var (file, what, when) in _summary.Index)
        {
            lines.Add($"| {file} | {what.Replace("|", "/", StringComparison.Ordinal)} | {when} |");
        }

        File.WriteAllLines(Path.Combine(outDir, "INDEX.md"), lines);
    }

    private void Done(string text) => progress.WriteLine("           -> " + text);
}
