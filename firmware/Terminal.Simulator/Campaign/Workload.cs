using System.Globalization;
using System.Text;
using AcquirerHost.Rules;
using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Random;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;

namespace Terminal.Simulator.Campaign;

/// <summary>
/// The people at the terminal for one day, drawn from the seed: a cashier ringing up sales with random amounts by
/// swipe, tap, inserted chip card (now and then one that declines after approval, has two applications, or is
/// pulled out mid-transaction) and each QR kind, item sales from the downloaded catalog; customers keying their PIN (now and then a
/// wrong one, a cancel, or walking away); a manager voiding, refunding (partly, or too much), settling every 30 to
/// 80 actions, printing reports and running a training session; a technician running the self-test and fetching a
/// software update from the menu (one day in four an image that fails its boot check), the terminal restarted a few
/// actions later; and everybody's mistakes: wrong passwords, cancelled entries, cards at the idle screen, amounts
/// left to time out, stray keys. It only presses keys, presents cards and codes, and lets time pass.
/// </summary>
internal sealed class Workload
{
    private static readonly string[] Pans = [EmvTestCards.VisaPan, EmvTestCards.MastercardPan, EmvTestCards.UnionPayPan];
    private static readonly string[] TapCards = ["visa", "mastercard", "unionpay", "dual"];
    private static readonly string[] ChipCards = ["unionpay-debit", "unionpay-credit", "visa-chip", "unionpay-dual", "unionpay-declines", "unionpay-refuses"];

    private readonly DayWorld _world;
    private readonly SeededRandom _rng;
    private readonly int _updateAt;
    private readonly int _trainingAt;
    private readonly int _selfTestAt;
    private int _restartAt = -1;
    private int _untilSettlement;
    private int _publishedVersion = -1;
    private bool _publishedFails;

    public Workload(DayWorld world, SeededRandom rng, int actions)
    {
        _world = world;
        _rng = rng;
        _updateAt = rng.Next(actions / 4, Math.Max(actions / 4 + 1, actions / 2));
        _trainingAt = rng.Next(1, Math.Max(2, actions));
        _selfTestAt = rng.Next(1, Math.Max(2, actions));
        _untilSettlement = rng.Next(30, 80);
    }

    /// <summary>Sales presented to the real host during the current action (card swiped or tapped, code scanned).</summary>
    public int Purchases { get; private set; }

    /// <summary>Refunds keyed to the real host during the current action.</summary>
    public int Refunds { get; private set; }

    private CampaignBoard Fw => _world.Fw;

    /// <summary>The technician sets the terminal up (TID, MID, master key from the provisioning file) and powers it up.</summary>
    public void SetUp()
    {
        Fw.Pos.ProvisionFromConfig(TerminalRig.TerminalId, TerminalRig.MerchantId, TerminalRig.MasterKey, 0, TerminalRig.MasterKey.Length, out _);
        _world.Boot();
    }

    /// <summary>Plays action <paramref name="step"/>: a settlement when one is due or unfinished, the day's update, restart, training session or self-test at their steps, otherwise a sale, void, refund, mistake or report.</summary>
    public void Act(int step)
    {
        Purchases = 0;
        Refunds = 0;
        int roll = _rng.Next(100);
        if (!Fw.Store.Provisioned)
        {
            // Flash damage took the terminal's identity: it asks for set-up, and the technician does it again.
            _world.Result.Damaged("set-up keyed again");
            SetUp();
        }
        else if (--_untilSettlement <= 0 || Fw.Store.SettlementStage != SettleStage.None || Fw.Store.JournalDamaged)
        {
            _untilSettlement = _rng.Next(30, 80);
            Settlement();
        }
        else if (step == _updateAt)
        {
            SoftwareUpdate(step);
        }
        else if (step == _restartAt)
        {
            Restart();
        }
        else if (step == _trainingAt)
        {
            TrainingSession();
        }
        else if (step == _selfTestAt)
        {
            TechnicianSelfTest();
        }
        else if (roll < 8)
        {
            ItemSale();
        }
        else if (roll < 72)
        {
            if (_rng.OneIn(8))
            {
                QrOrder();
            }
            else
            {
                Sale();
            }
        }
        else if (roll < 80)
        {
            Void();
        }
        else if (roll < 86)
        {
            Refund();
        }
        else if (roll < 90)
        {
            PreAuthorization();
        }
        else if (roll < 96)
        {
            Mistake();
        }
        else
        {
            Keys(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + 1 + _rng.Next(2));
            _world.RunFor(30_000);
        }
    }

    /// <summary>End of day: the manager settles until it goes through (faults are off by now).</summary>
    public void EndOfDay()
    {
        Purchases = 0;
        Refunds = 0;
        for (int tries = 0; tries < 5 && Fw.Store.Provisioned && (Fw.Store.Count > 0 || Fw.Store.SettlementStage != SettleStage.None); tries++)
        {
            _world.Guarded(Settlement);
        }
    }

    private void Settlement()
    {
        Manager(4);
        Keys(KeyCode.Enter);
        _world.Finish();
        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    private void Sale()
    {
        long amount = _rng.Next(1, 5000) * (_rng.OneIn(4) ? 100 : 1);
        TypeAmount(amount);
        if (!Fw.Pos.Training)
        {
            Purchases++; // counted before the card is shown: a power cut may come before this action ends
        }

        int mode = _rng.Next(4);
        if (mode == 3)
        {
            InsertCard();
            return;
        }

        if (mode == 0)
        {
            Swipe(_rng.Pick(Pans));
        }
        else if (mode == 1)
        {
            bool removedEarly = _rng.OneIn(12);
            Fw.Rf.Card = EmvTestCards.OnCarrier(EmvTestCards.Create(removedEarly ? "slow" : _rng.Pick(TapCards)));
            if (removedEarly)
            {
                _world.Result.Fault("card removed mid-read");
            }

            _world.RunFor(removedEarly ? 60 : 400);
            if (Fw.Rf.Card != null)
            {
                Fw.Rf.Card.InField = false;
            }
        }
        else
        {
            bool garbage = _rng.OneIn(15);
            string code = garbage ? "%%" + _rng.NextInt().ToString(CultureInfo.InvariantCulture) + "\u0007x" : PaymentCode(_rng.Next(3));
            if (garbage)
            {
                _world.Result.Fault("scanner garbage");
            }

            Fw.Scanner.Code = Encoding.Latin1.GetBytes(code);
            Fw.Post(EventKind.ScanComplete, 0, code.Length);
        }

        _world.RunFor(300);
        AnswerPin();
        _world.Finish();
        AnswerCustomerCopy();
    }

    // A merchant-presented QR order (keys 1-3 on the present screen): the customer's wallet reads the code off the panel
    // and pays at once, pays late within the wait, never pays, or pays after the terminal gave up (refused); or the
    // cashier cancels. The host's order must end paid or closed and the terminal's books agree (DayInvariants).
    private void QrOrder()
    {
        TypeAmount(_rng.Next(1, 5000));
        bool training = Fw.Pos.Training;
        if (!training)
        {
            Purchases++;
        }

        // The key, then time at the firmware's own pace (DayWorld.RunFor would run the whole order to its end).
        int wallet = KeyCode.Digit0 + 1 + _rng.Next(3);
        Fw.Post(EventKind.KeyDown, wallet, 0);
        Fw.Post(EventKind.KeyUp, wallet, 0);
        Fw.Loop.RunUntil(_world.Clock.NowMs + 200);
        for (int i = 0; i < 600 && Fw.Pos.Engine.Busy && !Fw.Pos.Engine.QrOrders.AwaitingPayment; i++)
        {
            Fw.Loop.RunUntil(_world.Clock.NowMs + 100);
        }

        string? code = Fw.Pos.Engine.QrOrders.AwaitingPayment ? ScreenQr.Read(Fw.Panel) : null;
        var customer = new AcquirerHost.Processing.SimulatedWallet(_world.Host.Processor.QrOrders);
        int how = _rng.Next(5);
        if (code != null)
        {
            _world.Result.Did(how switch { 0 => "QR order paid", 1 => "QR order paid late", 2 => "QR order never paid", 3 => "QR order paid too late", _ => "QR order cancelled" });
        }

        if (code != null && how == 0)
        {
            customer.Pay(code);
        }
        else if (code != null && how == 1)
        {
            Fw.Loop.RunUntil(_world.Clock.NowMs + _rng.Next(1_000, Math.Max(2_000, Fw.Pos.Engine.QrOrders.WaitMs - 10_000)));
            customer.Pay(code);
        }
        else if (code != null && how == 4)
        {
            Fw.Loop.RunUntil(_world.Clock.NowMs + _rng.Next(500, 5_000));
            Fw.Post(EventKind.KeyDown, KeyCode.Cancel, 0);
            Fw.Post(EventKind.KeyUp, KeyCode.Cancel, 0);
        }

        _world.Finish();
        if (code != null && how == 3)
        {
            // Too late: the order was closed (or the terminal still holds it open after a fault, then it is paid).
            var paid = customer.Pay(code);
            if (paid == AcquirerHost.Processing.WalletPayment.Paid && Fw.Store.OpenQrOrder() == null)
            {
                _world.Violation("a wallet paid an order the terminal had closed");
            }
        }

        AnswerCustomerCopy();
    }

    // The customer copy question (or a result screen): answer it, or let it time out; then back to the idle screen.
    private void AnswerCustomerCopy()
    {
        int answer = _rng.Next(3);
        if (answer < 2)
        {
            Keys(answer == 0 ? KeyCode.Enter : KeyCode.Cancel);
            _world.RunFor(1_000);
        }
        else
        {
            _world.RunFor(21_000);
        }

        BackToIdle();
    }

    // A chip card inserted: the application chosen when asked, the PIN keyed (or not), and one time in eight the card
    // pulled out mid-way (before the request, or while the host answers); the card taken out at the end.
    private void InsertCard()
    {
        Fw.Slot.Insert(ContactEmvTestCards.Create(_rng.Pick(ChipCards)));
        _world.RunFor(400);
        if (Fw.Panel.FrameText().Contains("CHOOSE", StringComparison.Ordinal) || Fw.Panel.FrameText().Contains("选择应用", StringComparison.Ordinal))
        {
            Keys(KeyCode.Digit0 + 1 + _rng.Next(2));
            _world.RunFor(300);
        }

        int pullAt = _rng.OneIn(8) ? _rng.Next(2) : -1;
        if (pullAt == 0)
        {
            _world.Result.Fault("chip card pulled before the request");
            Fw.Slot.Withdraw();
            _world.RunFor(300);
        }

        AnswerPin();
        if (pullAt == 1)
        {
            _world.Result.Fault("chip card pulled while the host answers");
            _world.RunFor(_rng.Next(0, 200));
            Fw.Slot.Withdraw();
        }

        _world.Finish();
        Fw.Slot.Withdraw();
        _world.RunFor(300);
        AnswerCustomerCopy();
    }

    private void Swipe(string pan)
    {
        Fw.Magstripe.Track2 = Encoding.ASCII.GetBytes(pan + "=2812101" + "0000000000");
        Fw.Post(EventKind.CardSwiped, 0, 1);
    }

    // A WeChat Pay, Alipay or UnionPay QR payment code, kept to look for it whole in the outputs.
    private string PaymentCode(int kind)
    {
        var sb = new StringBuilder();
        switch (kind)
        {
            case 0:
                sb.Append(_rng.Next(10, 16).ToString(CultureInfo.InvariantCulture));
                Digits(sb, 16);
                break;
            case 1:
                sb.Append(_rng.Next(25, 31).ToString(CultureInfo.InvariantCulture));
                Digits(sb, _rng.Next(14, 23));
                break;
            default:
                sb.Append("62");
                Digits(sb, 17);
                break;
        }

        _world.Codes.Add(sb.ToString());
        return sb.ToString();
    }

    private void Digits(StringBuilder sb, int count)
    {
        for (int i = 0; i < count; i++)
        {
            sb.Append((char)('0' + _rng.Next(10)));
        }
    }

    private TxnEntry? RandomApprovedSale()
    {
        var candidates = new List<TxnEntry>();
        for (int i = 0; i < Fw.Store.Count; i++)
        {
            TxnEntry t = Fw.Store.At(i);
            if (t.Kind == TxnKind.Sale && t.State == TxnState.Approved && !t.Voided)
            {
                candidates.Add(t);
            }
        }

        return candidates.Count == 0 ? null : _rng.Pick(candidates);
    }

    // The PIN screen (online PIN: a tap above the CVM limit, a card that asks for it): the customer keys the PIN,
    // now and then a wrong one, cancels, or walks away.
    private void AnswerPin()
    {
        if (!Fw.Pos.AwaitingPin)
        {
            return;
        }

        int roll = _rng.Next(20);
        if (roll == 0)
        {
            _world.Result.Fault("wrong PIN");
            TypeNumber("000000");
            Keys(KeyCode.Enter);
        }
        else if (roll == 1)
        {
            Keys(KeyCode.Cancel);
        }
        else if (roll == 2)
        {
            _world.RunFor(TerminalApp.PinTimeoutMs + 1_000);
        }
        else
        {
            TypeNumber(RuleBook.DefaultPin);
            Keys(KeyCode.Enter);
            _world.Result.Did("PIN keyed");
        }
    }

    // A sale rung up from the downloaded item catalog: DOT opens item entry (F2 on keypads that have it).
    private void ItemSale()
    {
        ItemCatalog catalog = Fw.Store.Catalog;
        if (catalog.Count == 0)
        {
            Sale();
            return;
        }

        Keys(_rng.OneIn(2) ? KeyCode.F2 : KeyCode.Dot);
        int lines = _rng.Next(1, 4);
        for (int i = 0; i < lines; i++)
        {
            TypeNumber(catalog.Code(_rng.Next(catalog.Count)).ToString(CultureInfo.InvariantCulture));
            Keys(KeyCode.Enter);
            TypeNumber(_rng.Next(1, 4).ToString(CultureInfo.InvariantCulture));
            Keys(KeyCode.Enter);
            if (Fw.Panel.FrameText().Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                // More than the stock: the manager allows it, or the line is left out.
                if (_rng.OneIn(2))
                {
                    TypeNumber(FactoryDefaults.ManagerPassword);
                    Keys(KeyCode.Enter);
                }
                else
                {
                    Keys(KeyCode.Cancel);
                }
            }
        }

        Keys(KeyCode.Enter);
        _world.Result.Did("item sale");
        if (!Fw.Pos.Training)
        {
            Purchases++;
        }

        Swipe(_rng.Pick(Pans));

        _world.Finish();
        Keys(KeyCode.Cancel);
        _world.RunFor(1_000);
        BackToIdle();
    }

    // The vendor publishes a new version (one day in four, one that fails its boot check); the technician fetches it
    // from the menu (MENU F1 and the technician password) and the terminal is restarted a few actions later.
    private void SoftwareUpdate(int step)
    {
        _publishedFails = _rng.OneIn(4);
        _publishedVersion = FirmwareImage.ParseVersion("1.0.1");
        _world.Host.Processor.Updates.Publish(_world.Signed("1.0.1", _publishedFails));
        if (_publishedFails)
        {
            _world.Result.Fault("update fails its boot check");
        }

        Keys(KeyCode.Menu, KeyCode.F1);
        TypeNumber(FactoryDefaults.TechnicianPassword);
        Keys(KeyCode.Enter);
        for (int i = 0; i < 600 && Fw.Terminal.Updates!.Busy; i++)
        {
            Fw.Loop.RunUntil(_world.Clock.NowMs + 100);
        }

        _world.RunFor(1_000);
        BackToIdle();
        if (Fw.Terminal.Updates!.LastResult == UpdateResult.Installed)
        {
            _world.Result.Did("update installed");
        }

        _restartAt = step + _rng.Next(1, 10);
    }

    // The terminal is switched off and on: the boot loader runs an installed update on trial, the firmware confirms it
    // once up, or it fails its boot check and the next power-up rolls back.
    private void Restart()
    {
        bool installed = Fw.Terminal.Updates!.LastResult == UpdateResult.Installed;
        int before = Fw.Loader.Decision.Version;
        _world.Reboot();
        int running = Fw.Loader.Decision.Version;
        if (installed && !_publishedFails && (running != _publishedVersion || !Fw.Terminal.TrialConfirmed || Fw.Terminal.BootControl!.State != BootState.Confirmed))
        {
            _world.Violation($"after the update and a restart the terminal runs version {running} (confirmed: {Fw.Terminal.TrialConfirmed}), not {_publishedVersion} confirmed");
        }

        if (installed && _publishedFails && running != before)
        {
            _world.Violation($"an update that fails its boot check is running (version {running})");
        }

        if (installed && _publishedFails && running == before)
        {
            _world.Result.Did("update rolled back");
        }
    }

    // A technician runs the self-test between customers (MENU 1, technician password) and walks away: each check
    // waits for what never comes on this board (keys, a card, a scan) and times out; the terminal then serves again.
    private void TechnicianSelfTest()
    {
        Keys(KeyCode.Menu, KeyCode.Digit0 + 1);
        TypeNumber(FactoryDefaults.TechnicianPassword);
        Keys(KeyCode.Enter);
        if (!Fw.Terminal.SelfTest.Running)
        {
            _world.Violation("the self-test did not start after MENU 1 and the technician password");
            BackToIdle();
            return;
        }

        for (int i = 0; i < 600 && Fw.Terminal.SelfTest.Running; i++)
        {
            Fw.Loop.RunUntil(_world.Clock.NowMs + 1_000);
        }

        if (Fw.Terminal.SelfTest.Running)
        {
            _world.Violation("the self-test did not finish within 10 minutes");
        }

        _world.Result.Did("self-test");
        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    // The manager switches training mode on (set-up 3), the cashier practises a few sales, and it is switched off:
    // nothing of it reaches the host, the real batch or the journal's totals.
    private void TrainingSession()
    {
        int live = Fw.Store.Count;
        int hostBefore = _world.HostStore.AuthorizationStates(TerminalRig.TerminalId, Fw.Store.Batch).Count;
        SwitchTraining();
        if (!Fw.Pos.Training)
        {
            BackToIdle();
            return;
        }

        for (int i = _rng.Next(1, 4); i > 0; i--)
        {
            Sale();
        }

        SwitchTraining();
        _world.Result.Did("training session");
        if (Fw.Store.Count != live)
        {
            _world.Violation($"training changed the real batch: {live} transactions before, {Fw.Store.Count} after");
        }

        if (_world.HostStore.AuthorizationStates(TerminalRig.TerminalId, Fw.Store.Batch).Count != hostBefore)
        {
            _world.Violation("a training transaction reached the host");
        }
    }

    private void SwitchTraining()
    {
        Manager(0);
        Keys(KeyCode.Digit0 + 3);
        _world.RunFor(1_000);
        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    private void Void()
    {
        TxnEntry? sale = RandomApprovedSale();
        int invoice = sale?.Invoice ?? _rng.Next(1, 999);
        Manager(2);
        TypeNumber(invoice.ToString(CultureInfo.InvariantCulture));
        Keys(KeyCode.Enter, KeyCode.Enter);
        _world.Finish();
        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    private void Refund()
    {
        TxnEntry? sale = RandomApprovedSale();
        if (sale == null || sale.Rrn.Length != 12)
        {
            return;
        }

        long amount = _rng.OneIn(4) ? sale.Amount + 1 : Math.Max(1, sale.Amount / _rng.Next(1, 4));
        Manager(3);
        TypeNumber(sale.Rrn);
        Keys(KeyCode.Enter);
        TypeNumber(sale.DateMmdd.ToString("D4", CultureInfo.InvariantCulture));
        Keys(KeyCode.Enter);
        Refunds++;
        TypeAmount(amount);
        _world.Finish();
        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    // The pre-authorization family (MENU F2): a new deposit by swipe, or on a standing one a completion (now and then
    // above the 115% the rules allow, which must be refused), an offline completion advice or a void; or a completion
    // voided. Not purchases: the host's "sale" rows stay one per purchase.
    private void PreAuthorization()
    {
        int before = Fw.Store.Count;
        TxnEntry? preAuth = RandomStanding(TxnKind.PreAuth);
        TxnEntry? completion = RandomStanding(TxnKind.Completion);
        int choice = _rng.Next(preAuth == null ? 1 : 5);
        if (choice == 0 && completion != null && _rng.OneIn(3))
        {
            PreAuthMenu(4, completion.Invoice.ToString(CultureInfo.InvariantCulture));
            Keys(KeyCode.Enter);
        }
        else if (choice == 0 || preAuth == null)
        {
            Keys(KeyCode.Menu, KeyCode.F2, KeyCode.Digit0 + 1);
            TypeAmount(_rng.Next(100, 80_000));
            Swipe(_rng.Pick(Pans));
            _world.RunFor(300);
            AnswerPin();
        }
        else if (choice == 4)
        {
            PreAuthMenu(2, preAuth.Invoice.ToString(CultureInfo.InvariantCulture));
            Keys(KeyCode.Enter);
        }
        else
        {
            // 3 the completion request, 5 the advice; one in six above the limit.
            long amount = _rng.OneIn(6) ? TxnKind.CompletionLimit(preAuth.Amount) + 1 : Math.Max(1, preAuth.Amount * _rng.Next(50, 116) / 100);
            PreAuthMenu(choice == 3 ? 5 : 3, preAuth.AuthCode);
            TypeNumber(preAuth.DateMmdd.ToString("D4", CultureInfo.InvariantCulture));
            Keys(KeyCode.Enter);
            TypeAmount(amount);
        }

        _world.Finish();
        if (Fw.Store.Count > before && Fw.Store.At(Fw.Store.Count - 1).State == TxnState.Approved)
        {
            _world.Result.Did(TxnKind.Name(Fw.Store.At(Fw.Store.Count - 1).Kind).ToLowerInvariant() + " approved");
        }

        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    // MENU F2, the row, the manager's password for the rows behind it, then the number asked first and ENTER.
    private void PreAuthMenu(int row, string number)
    {
        Keys(KeyCode.Menu, KeyCode.F2, KeyCode.Digit0 + row);
        if (row is 2 or 4 or 5)
        {
            TypeNumber(FactoryDefaults.ManagerPassword);
            Keys(KeyCode.Enter);
        }

        TypeNumber(number);
        Keys(KeyCode.Enter);
    }

    // An approved transaction of <paramref name="kind"/> of the batch not voided (nor, for a pre-auth, completed), or null.
    private TxnEntry? RandomStanding(int kind)
    {
        var candidates = new List<TxnEntry>();
        for (int i = 0; i < Fw.Store.Count; i++)
        {
            TxnEntry t = Fw.Store.At(i);
            if (t.Kind == kind && t.State == TxnState.Approved && !t.Voided && !t.Completed && t.AuthCode.Length == 6)
            {
                candidates.Add(t);
            }
        }

        return candidates.Count == 0 ? null : candidates[_rng.Next(candidates.Count)];
    }

    // Operator mistakes and keys at the wrong time.
    private void Mistake()
    {
        switch (_rng.Next(6))
        {
            case 0:
                TypeNumber("123");
                Keys(KeyCode.Clear, KeyCode.Clear, KeyCode.Cancel);
                break;
            case 1:
                Keys(KeyCode.Menu, KeyCode.Digit0 + 2);
                TypeNumber("0000");
                Keys(KeyCode.Enter, KeyCode.Cancel, KeyCode.Cancel);
                break;
            case 2:
                Fw.Magstripe.Track2 = Encoding.ASCII.GetBytes(Pans[0] + "=2812101");
                Fw.Post(EventKind.CardSwiped, 0, 1);
                break;
            case 3:
                TypeAmount(_rng.Next(1, 100));
                _world.RunFor(61_000);
                break;
            case 4:
                Keys(KeyCode.Enter, KeyCode.Dot, KeyCode.F1, KeyCode.Up, KeyCode.Down);
                break;
            default:
                Keys(KeyCode.Menu, KeyCode.Digit0 + 6);
                TypeNumber("999999");
                Keys(KeyCode.Enter);
                break;
        }

        _world.RunFor(2_000);
        BackToIdle();
    }

    private void Manager(int function)
    {
        Keys(KeyCode.Menu, KeyCode.Digit0 + function);
        TypeNumber(FactoryDefaults.ManagerPassword);
        Keys(KeyCode.Enter);
    }

    private void TypeAmount(long fen)
    {
        TypeNumber(fen.ToString(CultureInfo.InvariantCulture));
        Keys(KeyCode.Enter);
    }

    private void TypeNumber(string digits)
    {
        foreach (char c in digits)
        {
            Keys(KeyCode.Digit0 + (c - '0'));
        }
    }

    private void Keys(params int[] keys)
    {
        foreach (int key in keys)
        {
            Fw.Post(EventKind.KeyDown, key, 0);
            Fw.Post(EventKind.KeyUp, key, 0);
            _world.RunFor(_rng.Next(80, 300));
        }
    }

    private void BackToIdle()
    {
        for (int i = 0; i < 4 && !Fw.Pos.Idle; i++)
        {
            _world.Finish();
            Keys(KeyCode.Cancel);
        }
    }
}
