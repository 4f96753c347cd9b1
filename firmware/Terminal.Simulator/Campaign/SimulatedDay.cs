using System.Globalization;
using System.Text;
using System.Security.Cryptography;
using AcquirerHost.Rules;
using AcquirerHost.Store;
using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.SelfTest;
using Terminal.Core.Update;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Random;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Terminal.Simulator.Update;

namespace Terminal.Simulator.Campaign;

/// <summary>How one simulated day went.</summary>
public sealed class DayResult
{
    /// <summary>The seed that replays it.</summary>
    public long Seed { get; init; }

    /// <summary>Steps (cashier actions) played.</summary>
    public int Steps { get; set; }

    /// <summary>Transactions the terminal journaled.</summary>
    public int Transactions { get; set; }

    /// <summary>Settlements completed.</summary>
    public int Settlements { get; set; }

    /// <summary>What the day exercised besides sales, by kind: PINs keyed, item sales, training sessions, catalog items downloaded, updates installed, confirmed and rolled back.</summary>
    public SortedDictionary<string, int> Exercised { get; } = new(StringComparer.Ordinal);

    /// <summary>Faults injected, by kind.</summary>
    public SortedDictionary<string, int> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Invariant violations, each with the step it was found at.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Wall time the day took.</summary>
    public TimeSpan Wall { get; set; }

    /// <summary>Of which inside the host (its message processing and database).</summary>
    public TimeSpan HostWall { get; set; }

    /// <summary>Virtual time the day spanned.</summary>
    public TimeSpan Virtual { get; set; }

    internal void Fault(string kind) => Faults[kind] = Faults.GetValueOrDefault(kind) + 1;

    internal void Did(string kind, int count = 1) => Exercised[kind] = Exercised.GetValueOrDefault(kind) + count;
}

/// <summary>
/// One randomized business day, all drawn from one seed: the terminal as the composition root puts it together
/// for every board (<see cref="TerminalFirmware"/>), on a fast board (real drivers for the contactless reader and the
/// printer, scripted magstripe and scanner, journal on simulated flash, software-update slots) against
/// AcquirerHost's message processor on an in-memory database, over an in-process link on the virtual clock.
/// Random amounts, entry modes, PINs, item sales, voids, refunds, settlements, operator mistakes, a training
/// session and a software update with its restart; the item catalog is downloaded after sign-in. Faults: power
/// cut at a flash write or erase, link drop, lost, late, duplicated, corrupted or wrongly MACed answers, host
/// restart, paper out, card removed mid-read, scanner garbage, wrong PINs, an update image that fails its boot
/// check. Invariants are checked after every step. No PNG, no sockets, no threads: the same seed replays the same day.
/// </summary>
public sealed class SimulatedDay
{
    private const string Tid = TerminalRig.TerminalId;
    private const string Mid = TerminalRig.MerchantId;
    private static readonly byte[] Tmk = TerminalRig.MasterKey;
    private static readonly string[] Pans = [EmvTestCards.VisaPan, EmvTestCards.MastercardPan, EmvTestCards.UnionPayPan];
    private static readonly string[] TapCards = ["visa", "mastercard", "unionpay", "dual"];

    private const int JournalSectors = 16;
    private readonly Random _rng;
    private readonly DayResult _result;
    private readonly VirtualClock _clock;
    private readonly SimulatedFlash _flash;
    private readonly SimulatedFlash _firmwareFlash;
    private readonly MemoryKeyStore _keys = new();
    private readonly InProcessHost _host;
    private readonly AcquirerStore _hostStore;
    private readonly InProcessHostLink _link;
    private readonly ECDsa _signingKey = ImageSigner.NewKey();
    private readonly StatusAnsweringPort _printerPort = new() { Received = [] };
    private readonly StringBuilder _leaks = new();
    private readonly List<string> _codes = [];
    private readonly WireTraceText _wire = new();
    private readonly HashSet<int> _hostApproved = [];
    private PowerUp _fw = null!;
    private int _step;
    private int _sabotageAt = -1;
    private int _lastSettledChecked;
    private int _updateAt;
    private int _restartAt = -1;
    private int _trainingAt;
    private int _selfTestAt;
    private int _publishedVersion = -1;
    private bool _publishedFails;

    private SimulatedDay(long seed)
    {
        _rng = new Random((int)(seed ^ (seed >> 32)));
        _result = new DayResult { Seed = seed };
        _clock = new VirtualClock(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
        _flash = new SimulatedFlash(JournalSectors + SelfTestRun.ReservedSectors, 4096, 256);
        _host = new InProcessHost(_clock, new ProvisioningFile(Tid, Mid, Tmk), _rng.Next());
        _hostStore = _host.Store;
        _link = _host.Link;

        // The factory: version 1.0.0 in slot A, signed with the vendor's key, whose public half the terminal trusts.
        _firmwareFlash = new SimulatedFlash(UpdateSlots.SectorsNeeded(SimulatedBootLoader.SlotSectors), 4096, 256);
        _keys.Store(KeySlot.UpdateSigningKey, ImageSigner.PublicKey(_signingKey), 0, FirmwareImage.PublicKeyLength);
        SimulatedBootLoader.InstallFactoryImage(_firmwareFlash, Signed("1.0.0", failSelfCheck: false));
    }

    private byte[] Signed(string version, bool failSelfCheck) =>
        ImageSigner.Sign(SimulatedFirmware.Payload(version, failSelfCheck, size: 2000), FirmwareImage.ParseVersion(version), _signingKey);

    /// <summary>
    /// Plays the day of <paramref name="seed"/> with about <paramref name="transactions"/> cashier actions.
    /// <paramref name="sabotageAtStep"/> (tests only) books a sale on the host that the terminal never made,
    /// at that step, to show the invariants catch a disagreement.
    /// </summary>
    public static DayResult Run(long seed, int transactions = 200, int sabotageAtStep = -1)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var day = new SimulatedDay(seed) { _sabotageAt = sabotageAtStep };
        try
        {
            day.Play(transactions);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            day._result.Violations.Add($"step {day._step}: the simulation stopped: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            day._host.Dispose();
            day._signingKey.Dispose();
        }

        day._result.Wall = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        day._result.HostWall = day._link.HostTime;
        day._result.Virtual = TimeSpan.FromMilliseconds(day._clock.NowMs);
        return day._result;
    }

    private void Play(int transactions)
    {
        _fw = new PowerUp(this);
        Guarded(() =>
        {
            _fw.Pos.ProvisionFromConfig(Tid, Mid, Tmk, 0, Tmk.Length, out _);
            BootFirmware();
            Settle(60_000);
        });
        _updateAt = _rng.Next(transactions / 4, Math.Max(transactions / 4 + 1, transactions / 2));
        _trainingAt = _rng.Next(1, Math.Max(2, transactions));
        _selfTestAt = _rng.Next(1, Math.Max(2, transactions));
        int untilSettlement = _rng.Next(30, 80);
        for (_step = 1; _step <= transactions; _step++)
        {
            InjectFault();
            int roll = _rng.Next(100);
            Guarded(() =>
            {
                if (--untilSettlement <= 0 || _fw.Store.SettlementStage != SettleStage.None)
                {
                    untilSettlement = _rng.Next(30, 80);
                    Settlement();
                }
                else if (_step == _updateAt)
                {
                    SoftwareUpdate();
                }
                else if (_step == _restartAt)
                {
                    Restart();
                }
                else if (_step == _trainingAt)
                {
                    TrainingSession();
                }
                else if (_step == _selfTestAt)
                {
                    TechnicianSelfTest();
                }
                else if (roll < 8)
                {
                    ItemSale();
                }
                else if (roll < 72)
                {
                    Sale();
                }
                else if (roll < 80)
                {
                    Void();
                }
                else if (roll < 86)
                {
                    Refund();
                }
                else if (roll < 96)
                {
                    Mistake();
                }
                else
                {
                    Keys(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + 1 + _rng.Next(2));
                    Settle(30_000);
                }
            });
            _printerPort.PaperOut = false;
            _result.Steps = _step;
            if (_step == _sabotageAt)
            {
                Sabotage();
            }

            Check();
        }

        // End of day: settle until it goes through (faults are off now).
        for (int tries = 0; tries < 5 && (_fw.Store.Count > 0 || _fw.Store.SettlementStage != SettleStage.None); tries++)
        {
            Guarded(Settlement);
        }

        Check();
        var leaks = new CardDataLeaks(_codes);
        ScanFor(leaks, "journal flash image", _flash.Image());
        ScanFor(leaks, "printed bytes", _printerPort.Received!.ToArray());
        ScanFor(leaks, "wire trace", Encoding.Latin1.GetBytes(_wire.Text));
        if (_leaks.Length > 0)
        {
            _result.Violations.Add(_leaks.ToString().TrimEnd());
        }

        _result.Transactions = _fw.Store.NextInvoice - 1;
        _result.Did("catalog items downloaded", _fw.Store.Catalog.Count);
    }

    // Draws this step's fault, if any.
    private void InjectFault()
    {
        int roll = _rng.Next(100);
        if (roll >= 22)
        {
            return;
        }

        switch (roll % 11)
        {
            case 0:
            case 1:
                // A power cut at one of the next flash writes or erases, keeping part of the bytes.
                _flash.CutPowerAt(_rng.Next(0, 6), _rng.Next(0, 24));
                _result.Fault("power cut");
                break;
            case 2:
                _link.NextFault = LinkFault.DropRequest;
                _result.Fault("request lost");
                break;
            case 3:
                _link.NextFault = LinkFault.DropResponse;
                _result.Fault("answer lost");
                break;
            case 4:
                _link.NextFault = LinkFault.Late;
                _result.Fault("late answer");
                break;
            case 5:
                _link.NextFault = LinkFault.Duplicate;
                _result.Fault("duplicated answer");
                break;
            case 6:
                _link.NextFault = LinkFault.Corrupt;
                _result.Fault("corrupted answer");
                break;
            case 7:
                _link.NextFault = LinkFault.BadMac;
                _result.Fault("wrong MAC");
                break;
            case 8:
                _link.NextFault = LinkFault.LinkDown;
                _result.Fault("link down");
                break;
            case 9:
                _printerPort.PaperOut = true;
                _result.Fault("paper out");
                break;
            default:
                // The host restarts: answers in flight are gone (its database survives).
                _link.PowerCut();
                _result.Fault("host restart");
                break;
        }
    }

    private void Sale()
    {
        long amount = _rng.Next(1, 5000) * (_rng.Next(4) == 0 ? 100 : 1);
        TypeAmount(amount);
        int mode = _rng.Next(3);
        if (mode == 0)
        {
            string pan = Pans[_rng.Next(Pans.Length)];
            _fw.Magstripe.Track2 = Encoding.ASCII.GetBytes(pan + "=2812201" + "0000000000");
            _fw.Post(EventKind.CardSwiped, 0, 1);
        }
        else if (mode == 1)
        {
            bool removedEarly = _rng.Next(12) == 0;
            _fw.Rf.Card = EmvTestCards.OnCarrier(EmvTestCards.Create(removedEarly ? "slow" : TapCards[_rng.Next(TapCards.Length)]));
            if (removedEarly)
            {
                _result.Fault("card removed mid-read");
            }

            Settle(removedEarly ? 60 : 400);
            if (_fw.Rf.Card != null)
            {
                _fw.Rf.Card.InField = false;
            }
        }
        else
        {
            bool garbage = _rng.Next(15) == 0;
            string code = garbage ? "%%" + _rng.Next().ToString(CultureInfo.InvariantCulture) + "\u0007x" : PaymentCodeFor(_rng.Next(3));
            if (garbage)
            {
                _result.Fault("scanner garbage");
            }

            _fw.Scanner.Code = Encoding.Latin1.GetBytes(code);
            _fw.Post(EventKind.ScanComplete, 0, code.Length);
        }

        Settle(300);
        AnswerPin();
        Finish();
        // The customer copy question (or a result screen): answer it, or let it time out.
        int answer = _rng.Next(3);
        if (answer < 2)
        {
            Keys(answer == 0 ? KeyCode.Enter : KeyCode.Cancel);
            Settle(1_000);
        }
        else
        {
            Settle(21_000);
        }

        BackToIdle();
    }

    private string PaymentCodeFor(int kind)
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

        _codes.Add(sb.ToString());
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
        for (int i = 0; i < _fw.Store.Count; i++)
        {
            TxnEntry t = _fw.Store.At(i);
            if (t.Kind == TxnKind.Sale && t.State == TxnState.Approved && !t.Voided)
            {
                candidates.Add(t);
            }
        }

        return candidates.Count == 0 ? null : candidates[_rng.Next(candidates.Count)];
    }

    // The PIN screen (online PIN: a tap above the CVM limit, a card that asks for it): the customer keys the PIN,
    // now and then a wrong one, cancels, or walks away.
    private void AnswerPin()
    {
        if (!_fw.Pos.AwaitingPin)
        {
            return;
        }

        int roll = _rng.Next(20);
        if (roll == 0)
        {
            _result.Fault("wrong PIN");
            TypeNumber("000000");
            Keys(KeyCode.Enter);
        }
        else if (roll == 1)
        {
            Keys(KeyCode.Cancel);
        }
        else if (roll == 2)
        {
            Settle(TerminalApp.PinTimeoutMs + 1_000);
        }
        else
        {
            TypeNumber(RuleBook.DefaultPin);
            Keys(KeyCode.Enter);
            _result.Did("PIN keyed");
        }
    }

    // A sale rung up from the downloaded item catalog: DOT opens item entry (F2 on keypads that have it).
    private void ItemSale()
    {
        ItemCatalog catalog = _fw.Store.Catalog;
        if (catalog.Count == 0)
        {
            Sale();
            return;
        }

        Keys(_rng.Next(2) == 0 ? KeyCode.F2 : KeyCode.Dot);
        int lines = _rng.Next(1, 4);
        for (int i = 0; i < lines; i++)
        {
            TypeNumber(catalog.Code(_rng.Next(catalog.Count)).ToString(CultureInfo.InvariantCulture));
            Keys(KeyCode.Enter);
            TypeNumber(_rng.Next(1, 4).ToString(CultureInfo.InvariantCulture));
            Keys(KeyCode.Enter);
            if (_fw.Panel.FrameText().Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                // More than the stock: the manager allows it, or the line is left out.
                if (_rng.Next(2) == 0)
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
        _result.Did("item sale");
        _fw.Magstripe.Track2 = Encoding.ASCII.GetBytes(Pans[_rng.Next(Pans.Length)] + "=2812201" + "0000000000");
        _fw.Post(EventKind.CardSwiped, 0, 1);
        Finish();
        Keys(KeyCode.Cancel);
        Settle(1_000);
        BackToIdle();
    }

    // The vendor publishes a new version (one day in four, one that fails its boot check); the technician fetches it
    // from the menu (MENU F1 and the technician password) and the terminal is restarted a few steps later.
    private void SoftwareUpdate()
    {
        _publishedFails = _rng.Next(4) == 0;
        _publishedVersion = FirmwareImage.ParseVersion("1.0.1");
        _host.Processor.Updates.Publish(Signed("1.0.1", _publishedFails));
        if (_publishedFails)
        {
            _result.Fault("update fails its boot check");
        }

        Keys(KeyCode.Menu, KeyCode.F1);
        TypeNumber(FactoryDefaults.TechnicianPassword);
        Keys(KeyCode.Enter);
        for (int i = 0; i < 600 && _fw.Terminal.Updates!.Busy; i++)
        {
            _fw.Loop.RunUntil(_clock.NowMs + 100);
        }

        Settle(1_000);
        BackToIdle();
        if (_fw.Terminal.Updates!.LastResult == UpdateResult.Installed)
        {
            _result.Did("update installed");
        }

        _restartAt = _step + _rng.Next(1, 10);
    }

    // The terminal is switched off and on: the boot loader runs an installed update on trial, the firmware confirms it
    // once up, or it fails its boot check and the next power-up rolls back.
    private void Restart()
    {
        bool installed = _fw.Terminal.Updates!.LastResult == UpdateResult.Installed;
        int before = _fw.Loader.Decision.Version;
        Reboot();
        int running = _fw.Loader.Decision.Version;
        if (installed && !_publishedFails && (running != _publishedVersion || !_fw.Terminal.TrialConfirmed || _fw.Terminal.BootControl!.State != BootState.Confirmed))
        {
            Violation($"after the update and a restart the terminal runs version {running} (confirmed: {_fw.Terminal.TrialConfirmed}), not {_publishedVersion} confirmed");
        }

        if (installed && _publishedFails && running != before)
        {
            Violation($"an update that fails its boot check is running (version {running})");
        }

        if (installed && _publishedFails && running == before)
        {
            _result.Did("update rolled back");
        }
    }

    // A technician runs the self-test between customers (MENU 1, technician password) and walks away: each check
    // waits for what never comes on this board (keys, a card, a scan) and times out; the terminal then serves again.
    private void TechnicianSelfTest()
    {
        Keys(KeyCode.Menu, KeyCode.Digit0 + 1);
        TypeNumber(FactoryDefaults.TechnicianPassword);
        Keys(KeyCode.Enter);
        if (!_fw.Terminal.SelfTest.Running)
        {
            Violation("the self-test did not start after MENU 1 and the technician password");
            BackToIdle();
            return;
        }

        for (int i = 0; i < 600 && _fw.Terminal.SelfTest.Running; i++)
        {
            _fw.Loop.RunUntil(_clock.NowMs + 1_000);
        }

        if (_fw.Terminal.SelfTest.Running)
        {
            Violation("the self-test did not finish within 10 minutes");
        }

        _result.Did("self-test");
        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    // The manager switches training mode on (set-up 3), the cashier practises a few sales, and it is switched off:
    // nothing of it reaches the host, the real batch or the journal's totals.
    private void TrainingSession()
    {
        int live = _fw.Store.Count;
        int hostBefore = _hostStore.AuthorizationStates(Tid, _fw.Store.Batch).Count;
        SwitchTraining();
        if (!_fw.Pos.Training)
        {
            BackToIdle();
            return;
        }

        for (int i = _rng.Next(1, 4); i > 0; i--)
        {
            Sale();
        }

        SwitchTraining();
        _result.Did("training session");
        if (_fw.Store.Count != live)
        {
            Violation($"training changed the real batch: {live} transactions before, {_fw.Store.Count} after");
        }

        if (_hostStore.AuthorizationStates(Tid, _fw.Store.Batch).Count != hostBefore)
        {
            Violation("a training transaction reached the host");
        }
    }

    private void SwitchTraining()
    {
        Manager(0);
        Keys(KeyCode.Digit0 + 3);
        Settle(1_000);
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
        Finish();
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

        long amount = _rng.Next(4) == 0 ? sale.Amount + 1 : Math.Max(1, sale.Amount / _rng.Next(1, 4));
        Manager(3);
        TypeNumber(sale.Rrn);
        Keys(KeyCode.Enter);
        TypeNumber(sale.DateMmdd.ToString("D4", CultureInfo.InvariantCulture));
        Keys(KeyCode.Enter);
        TypeAmount(amount);
        Finish();
        Keys(KeyCode.Cancel);
        BackToIdle();
    }

    private void Settlement()
    {
        Manager(4);
        Keys(KeyCode.Enter);
        Finish();
        Keys(KeyCode.Cancel);
        BackToIdle();
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
                _fw.Magstripe.Track2 = Encoding.ASCII.GetBytes(Pans[0] + "=2812201");
                _fw.Post(EventKind.CardSwiped, 0, 1);
                break;
            case 3:
                TypeAmount(_rng.Next(1, 100));
                Settle(61_000);
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

        Settle(2_000);
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
            _fw.Post(EventKind.KeyDown, key, 0);
            _fw.Post(EventKind.KeyUp, key, 0);
            Settle(_rng.Next(80, 300));
        }
    }

    private void BackToIdle()
    {
        for (int i = 0; i < 4 && !_fw.Pos.Idle; i++)
        {
            Finish();
            Keys(KeyCode.Cancel);
        }
    }

    // Lets virtual time run, and the engine finish what it started.
    private void Settle(long ms)
    {
        _fw.Loop.RunUntil(_clock.NowMs + ms);
        Finish();
    }

    // Runs until the engine has finished its exchange (answers, timeouts, reversals), then a little more
    // for the screens and the printer: time the firmware would spend waiting is not simulated needlessly.
    private void Finish()
    {
        for (int i = 0; i < 6000 && _fw.Pos.Engine.Busy; i++)
        {
            _fw.Loop.RunUntil(_clock.NowMs + 100);
        }

        _fw.Loop.RunUntil(_clock.NowMs + 300);
    }

    // Runs a step; a power cut reboots the firmware on the same flash, key store and host.
    private void Guarded(Action step)
    {
        for (int reboots = 0; ; reboots++)
        {
            try
            {
                if (reboots == 0)
                {
                    step();
                }
                else
                {
                    BootFirmware();
                    Settle(120_000);
                }

                return;
            }
            catch (PowerLossException)
            {
                if (reboots > 5)
                {
                    throw;
                }

                _flash.CancelCut();
                _link.PowerCut();
                _fw = PowerUpRunning();
            }
        }
    }

    // Power off and on without a cut: the boot loader, the firmware composed again, booted, what is owed resolved.
    private void Reboot()
    {
        _link.PowerCut();
        _fw = PowerUpRunning();
        BootFirmware();
        Settle(120_000);
    }

    // The firmware's power-up; a trial image it confirms is counted.
    private void BootFirmware()
    {
        _fw.Terminal.Boot();
        if (_fw.Terminal.TrialConfirmed)
        {
            _result.Did("update confirmed");
        }
    }

    // A power-up the boot loader lets run: a trial image that fails its boot check resets once more and is rolled back.
    private PowerUp PowerUpRunning()
    {
        var fw = new PowerUp(this);
        for (int i = 0; i < 3 && !fw.Loader.Runs; i++)
        {
            fw = new PowerUp(this);
        }

        if (!fw.Loader.Runs)
        {
            Violation("the boot loader found no image to run: " + fw.Loader.Decision.Message);
        }

        return fw;
    }

    private void Sabotage() =>
        _hostStore.InTransaction(tx => AcquirerStore.AddAuthorization(tx, new AuthorizationRecord(
            0, Tid, "sale", 200, "000000", 999_999, _fw.Store.Batch, 4242, null, "999999999999", "000000", "00", "1125", "approved", null)));

    // Every host-approved transaction is on the terminal (approved, or owed a reversal or resend), and the reverse.
    private void Check()
    {
        PaymentStore store = _fw.Store;
        if (store.LastSettled.Batch > _lastSettledChecked)
        {
            // A batch closed (by the cashier, or by boot recovery finishing a settlement a power cut stopped).
            _lastSettledChecked = store.LastSettled.Batch;
            _result.Settlements++;
            CheckSettled(store.LastSettled);
        }

        int batch = store.Batch;
        _hostApproved.Clear();
        foreach (var a in _hostStore.AuthorizationStates(Tid, batch))
        {
            if (a.Kind is not ("sale" or "void" or "refund"))
            {
                continue;
            }

            TxnEntry? t = store.FindStan(batch, a.Stan);
            bool hostCounts = a.Status is "approved" or "voided";
            if (hostCounts)
            {
                _hostApproved.Add(a.Stan);
            }

            if (hostCounts && (t == null || t.State is TxnState.Declined or TxnState.Reversed))
            {
                Violation($"host-approved {a.Kind} STAN {a.Stan} (CNY {a.Amount / 100.0:0.00}) is {(t == null ? "missing from" : TxnState.Name(t.State) + " on")} the terminal");
            }
        }

        for (int i = 0; i < store.Count; i++)
        {
            TxnEntry t = store.At(i);
            if (t.State == TxnState.Approved && !_hostApproved.Contains(t.Stan))
            {
                Violation($"invoice {t.Invoice} is approved on the terminal but not on the host");
            }
        }

        if (_fw.NewFaults > 0)
        {
            Violation($"the event loop contained {_fw.NewFaults} fault(s); last screen: {_fw.Panel.FrameText().Replace('\n', '|')}");
            _fw.ResetFaults();
        }
    }

    private void CheckSettled(Terminal.Core.Payments.BatchTotals settled)
    {
        var host = _hostStore.InTransaction(tx => AcquirerStore.Totals(tx, Tid, settled.Batch));
        if (host.DebitCount != settled.DebitCount || host.DebitAmount != settled.DebitAmount || host.CreditCount != settled.CreditCount || host.CreditAmount != settled.CreditAmount)
        {
            Violation($"batch {settled.Batch} settled with terminal {settled.DebitCount}/{settled.DebitAmount} {settled.CreditCount}/{settled.CreditAmount}, host {host.DebitCount}/{host.DebitAmount} {host.CreditCount}/{host.CreditAmount}");
        }

        int hostBatch = _hostStore.FindTerminal(Tid)!.BatchNumber;
        if (hostBatch != _fw.Store.Batch)
        {
            Violation($"after settling, the terminal is on batch {_fw.Store.Batch} and the host on {hostBatch}");
        }
    }

    // Whole PANs, track data and payment codes, as text, hex of text and BCD (CardDataLeaks).
    private void ScanFor(CardDataLeaks leaks, string where, byte[] output)
    {
        foreach (string what in leaks.Find(output))
        {
            _leaks.AppendLine($"step {_step}: {where} holds a {what}");
        }
    }

    // After every frame, without allocating: only the rows that frame changed can hold something new. Row by
    // row finds what a search of the whole frame text (rows joined by line breaks) finds.
    private void ScanScreen(TextPanel panel)
    {
        for (int r = 0; r < panel.Rows; r++)
        {
            if (!panel.RowChanged(r))
            {
                continue;
            }

            ReadOnlySpan<char> row = panel.ShownRow(r);
            foreach (string pan in Pans)
            {
                if (row.IndexOf(pan, StringComparison.Ordinal) >= 0)
                {
                    _leaks.AppendLine($"step {_step}: screen holds a full card number ({pan[..6]}...)");
                }
            }

            // The code of the sale under way is the only one a screen could be showing.
            if (_codes.Count > 0 && row.IndexOf(_codes[^1], StringComparison.Ordinal) >= 0)
            {
                _leaks.AppendLine($"step {_step}: screen holds a whole payment code ({_codes[^1][..6]}...)");
            }
        }
    }

    private void Violation(string what) => _result.Violations.Add($"step {_step}: {what}");

    /// <summary>
    /// One power-up: the boot loader's choice, then the board (a fast one: the contactless reader and the printer on
    /// their real drivers, a scripted magstripe and scanner, the screen as text) and the terminal composed on it by
    /// the composition root. Everything but the flash, the key store, the firmware slots and the host is new.
    /// </summary>
    private sealed class PowerUp : ITerminalBoard
    {
        private readonly SimulatedDay _day;
        private int _faultsSeen;

        public PowerUp(SimulatedDay day)
        {
            _day = day;
            Loader = new SimulatedBootLoader(day._firmwareFlash, day._keys);
            Panel = new TextPanel(30, 20) { FramePresented = day.ScanScreen };
            Rf = new Mfrc522Model();
            Magstripe = new ScriptedMagstripe();
            Scanner = new ScriptedScanner();
            Terminal = TerminalFirmware.Compose(this, new FirmwareSettings { MerchantName = "SIMULATED STORE", AutomaticUpdateChecks = false });
        }

        public SimulatedBootLoader Loader { get; }

        public TerminalFirmware Terminal { get; }

        public EventLoop Loop => Terminal.Loop;

        public TextPanel Panel { get; }

        public Mfrc522Model Rf { get; }

        public ScriptedMagstripe Magstripe { get; }

        public ScriptedScanner Scanner { get; }

        public PaymentStore Store => Terminal.Store;

        public TerminalApp Pos => Terminal.App;

        public IClock Clock => _day._clock;

        public IDisplay Display => Panel;

        public ICrypto Crypto { get; } = new SoftwareCrypto();

        public IBlockStorage JournalFlash => _day._flash;

        public int JournalSectors => SimulatedDay.JournalSectors;

        public IKeyStore KeyStore => _day._keys;

        public IWireTraceSink? WireTrace => _day._wire;

        public ISerialPort? DebugPort => null;

        public UpdateSlots? FirmwareSlots => Loader.Slots;

        public IKeyStore? UpdateSigningKey => _day._keys;

        public TerminalDevices StartDevices(EventLoop loop)
        {
            var contactless = new Mfrc522(Rf);
            contactless.Start(loop.Events);
            loop.AddPolled(contactless);
            var printer = new EscPosPrinter(_day._printerPort, 58);
            printer.Start(loop.Events);
            loop.AddPolled(printer);
            return new TerminalDevices
            {
                Magstripe = Magstripe,
                Contactless = contactless,
                Scanner = Scanner,
                Printer = printer,
                Random = new SeededRandom(_day._rng.Next()),
            };
        }

        public IHostTransport OpenHostLink() => _day._link;

        public void Post(EventKind kind, int code, int arg) => Loop.Events.Post(kind, code, arg, EventPriority.Normal);

        public void ResetFaults() => _faultsSeen = Loop.Faults;

        public int NewFaults => Loop.Faults - _faultsSeen;
    }

}
