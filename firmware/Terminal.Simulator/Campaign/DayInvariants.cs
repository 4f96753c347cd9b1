using System.Text;
using AcquirerHost.Store;
using Terminal.Core.Journal;
using JournalLog = Terminal.Core.Journal.Journal;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Simulator.Board;

namespace Terminal.Simulator.Campaign;

/// <summary>
/// What must hold after every cashier action, at every power-up and at the end of the day; each breach is a
/// violation with the action it was found at.
/// <list type="bullet">
/// <item>Money: every transaction the host holds as approved is on the terminal (approved, or owed a reversal or
/// resend) and the reverse; each closed batch's totals are the host's, on the same next batch; an action never puts
/// more sales (or refunds) on the host than the customer made: nothing is charged or refunded twice.</item>
/// <item>Flash damage: when a power-up finds fewer journal records than the flash would hold without the damage, the
/// terminal says so (the journal counts records lost, the idle screen warns until the batch is settled). In a batch
/// it said so for, a disagreement with the host is counted as explained, not as a violation; charging twice still is.</item>
/// <item>The event loop contained no fault; no full card number, track or payment code on a screen, in the printed
/// bytes, the wire trace or the journal's flash.</item>
/// </list>
/// </summary>
internal sealed class DayInvariants
{
    private static readonly string[] Pans = [.. CardDataLeaks.Pans];

    private readonly DayWorld _world;
    private readonly StringBuilder _leaks = new();
    private readonly HashSet<int> _hostApproved = [];
    private readonly Dictionary<int, int> _hostRowsSeen = [];
    private readonly HashSet<int> _explainedBatches = [];
    private readonly HashSet<(int Batch, int Stan)> _explained = [];
    private int _lastSettledChecked;
    private int _refundsKeyed;
    private int _refundsTaken;
    private int _batchAtStart;
    private bool _flashDamaged;

    public DayInvariants(DayWorld world)
    {
        _world = world;
        world.FramePresented = ScanScreen;
        world.Booted = AtPowerUp;
    }

    private CampaignBoard Fw => _world.Fw;

    private DayResult Result => _world.Result;

    /// <summary>The flash took damage (a stuck cell, a corrupted sector): power-ups compare what they find with what it would hold without.</summary>
    public void FlashDamaged() => _flashDamaged = true;

    /// <summary>Before an action: what the host held (to count what the action adds).</summary>
    public void BeforeAction()
    {
        _batchAtStart = Fw.Store.Batch;
        foreach (int batch in new[] { _batchAtStart, _batchAtStart + 1 })
        {
            if (!_hostRowsSeen.ContainsKey(batch))
            {
                _hostRowsSeen[batch] = _world.HostStore.AuthorizationStates(TerminalRig.TerminalId, batch).Count;
            }
        }
    }

    /// <summary>After an action of the <paramref name="workload"/>: money, batches, the loop.</summary>
    public void AfterAction(Workload workload)
    {
        PaymentStore store = Fw.Store;
        if (store.LastSettled.Batch > _lastSettledChecked)
        {
            // A batch closed (by the cashier, or by boot recovery finishing a settlement a power cut stopped).
            _lastSettledChecked = store.LastSettled.Batch;
            Result.Settlements++;
            CheckSettled(store.LastSettled);
        }

        NothingTwice(workload);
        int batch = store.Batch;
        _hostApproved.Clear();
        foreach (var a in _world.HostStore.AuthorizationStates(TerminalRig.TerminalId, batch))
        {
            if (a.Kind is not ("sale" or "void" or "refund" or "preauth" or "preauthvoid" or "completion" or "completionvoid" or "advice"))
            {
                continue;
            }

            TxnEntry? t = store.FindStan(batch, a.Stan);
            bool hostCounts = a.Status is "approved" or "voided" or "completed";
            if (hostCounts)
            {
                _hostApproved.Add(a.Stan);
            }

            if (hostCounts && (t == null || t.State is TxnState.Declined or TxnState.Reversed))
            {
                Disagree(batch, a.Stan, $"host-approved {a.Kind} STAN {a.Stan} of batch {batch} (CNY {a.Amount / 100.0:0.00}) is {(t == null ? "missing from" : TxnState.Name(t.State) + " on")} the terminal");
            }
        }

        for (int i = 0; i < store.Count; i++)
        {
            TxnEntry t = store.At(i);
            bool offline = t.Kind == TxnKind.CompletionAdvice && !t.AdviceSent; // approved at the terminal, owed to the host
            if (t.State == TxnState.Approved && !offline && !_hostApproved.Contains(t.Stan))
            {
                Disagree(batch, t.Stan, $"invoice {t.Invoice} (STAN {t.Stan} of batch {batch}) is approved on the terminal but not on the host");
            }

            // An inserted card's sale stands only once the card gave its TC; one it refused or never finished is reversed.
            if (t.State == TxnState.Approved && t.Mode == EntryMode.Inserted && !Fw.Pos.Engine.Busy
                && (t.Chip == null || CryptogramKind.Of(t.Chip.FinalCid) != CryptogramKind.Tc))
            {
                _world.Violation($"invoice {t.Invoice} (STAN {t.Stan}) is an approved chip sale without the card's TC");
            }
        }

        OrdersAgree(store);
        Holds(batch);
        if (Fw.NewFaults > 0)
        {
            _world.Violation($"the event loop contained {Fw.NewFaults} fault(s); last screen: {Fw.Panel.FrameText().Replace('\n', '|')}");
            Fw.ResetFaults();
        }
    }

    // A merchant-presented QR order the host still holds open must be one the terminal holds open too (it queries and
    // then books or closes it before its next job); one the host holds paid is an approved sale (checked above).
    private void OrdersAgree(PaymentStore store)
    {
        foreach (var order in _world.Host.Processor.QrOrders.Orders(TerminalRig.TerminalId))
        {
            TxnEntry? t = order.Status == "created" && order.BatchNumber == store.Batch ? store.FindStan(order.BatchNumber, order.Stan) : null;
            if (order.Status == "created" && !Fw.Pos.Engine.Busy && (t == null || !t.OpenOrder) && !_explainedBatches.Contains(order.BatchNumber))
            {
                _world.Violation($"the host's order {order.OrderNumber} (STAN {order.Stan}) is still open, but not on the terminal");
            }
        }
    }

    /// <summary>At the end of the day: no whole card data in the journal's flash, the printed bytes or the wire trace; every QR order paid or closed.</summary>
    public void AtEndOfDay()
    {
        foreach (var order in _world.Host.Processor.QrOrders.Orders(TerminalRig.TerminalId).Where(o => o.Status == "created"))
        {
            _world.Violation($"the host's order {order.OrderNumber} (STAN {order.Stan}) is still open at the end of the day");
        }

        var leaks = new CardDataLeaks(_world.Codes);
        ScanFor(leaks, "journal flash image", _world.Flash.Image());
        ScanFor(leaks, "printed bytes", _world.PrinterPort.Received!.ToArray());
        ScanFor(leaks, "wire trace", Encoding.Latin1.GetBytes(_world.Wire.Text));
        if (_leaks.Length > 0)
        {
            Result.Violations.Add(_leaks.ToString().TrimEnd());
        }
    }

    // An action adds at most one sale to the host per purchase the customer made (a sale is never resent: it is
    // reversed), and the day at most one refund per refund keyed (a refund is resent at boot, and the host answers a
    // repeat as before): a terminal that sent a purchase twice (a STAN reused after a lost record) would show here.
    private void NothingTwice(Workload workload)
    {
        int sales = 0;
        int refunds = 0;
        int last = Math.Max(_batchAtStart, Fw.Store.Batch);
        for (int batch = Math.Min(_batchAtStart, Fw.Store.Batch); batch <= last; batch++)
        {
            var rows = _world.HostStore.AuthorizationStates(TerminalRig.TerminalId, batch);
            int seen = _hostRowsSeen.GetValueOrDefault(batch);
            for (int i = seen; i < rows.Count; i++)
            {
                sales += rows[i].Kind == "sale" ? 1 : 0;
                refunds += rows[i].Kind == "refund" ? 1 : 0;
            }

            _hostRowsSeen[batch] = rows.Count;
        }

        if (sales > workload.Purchases)
        {
            _world.Violation($"the host took {sales} sale(s) for {workload.Purchases} purchase(s): charged twice");
        }

        _refundsKeyed += workload.Refunds;
        _refundsTaken += refunds;
        if (_refundsTaken > _refundsKeyed)
        {
            _world.Violation($"the host took {_refundsTaken} refund(s) for {_refundsKeyed} keyed today: refunded twice");
            _refundsTaken = _refundsKeyed;
        }
    }

    // The pre-authorization family's invariant: every completion the host holds (request or advice) charges at most 115%
    // of its pre-auth, a pre-auth is completed at most once at a time, and each pre-auth stands at the host as on the
    // terminal once nothing is owed (held, released by its void, or used by a completion).
    private void Holds(int batch)
    {
        var rows = _world.HostStore.Authorizations(TerminalRig.TerminalId, batch);
        foreach (var completion in rows.Where(a => a.Kind is "completion" or "advice" && a.Status == "approved"))
        {
            var preAuth = rows.FirstOrDefault(a => a.Rrn == completion.OriginalRrn);
            if (preAuth != null && completion.Amount * 100 > preAuth.Amount * TxnKind.CompletionPercent)
            {
                _world.Violation($"completion {completion.Rrn} charged {completion.Amount} against a pre-auth of {preAuth.Amount}: above 115%");
            }
        }

        foreach (var g in rows.Where(a => a.Kind is "completion" or "advice" && a.Status == "approved" && a.OriginalRrn != null).GroupBy(a => a.OriginalRrn))
        {
            if (g.Count() > 1)
            {
                _world.Violation($"pre-auth {g.Key} completed {g.Count()} times at once: charged twice");
            }
        }

        PaymentStore store = Fw.Store;
        if (store.UnresolvedCount() > 0 || Fw.Pos.Engine.Busy)
        {
            return;
        }

        for (int i = 0; i < store.Count; i++)
        {
            TxnEntry t = store.At(i);
            var row = t.Kind == TxnKind.PreAuth && t.State == TxnState.Approved ? rows.FirstOrDefault(a => a.Rrn == t.Rrn) : null;
            string expected = t.Voided ? "voided" : t.Completed ? "completed" : "approved";
            if (row != null && row.Status != expected)
            {
                Disagree(batch, t.Stan, $"pre-auth {t.Invoice} (STAN {t.Stan}) is {expected} on the terminal and {row.Status} at the host");
            }
        }
    }

    private void Disagree(int batch, int stan, string what)
    {
        if (!_explainedBatches.Contains(batch))
        {
            _world.Violation(what);
        }
        else if (_explained.Add((batch, stan)))
        {
            Result.Damaged("disagreements explained by reported damage");
        }
    }

    private void CheckSettled(Terminal.Core.Payments.BatchTotals settled)
    {
        var host = _world.HostStore.InTransaction(tx => AcquirerStore.Totals(tx, TerminalRig.TerminalId, settled.Batch));
        if (host.DebitCount != settled.DebitCount || host.DebitAmount != settled.DebitAmount || host.CreditCount != settled.CreditCount || host.CreditAmount != settled.CreditAmount)
        {
            string what = $"batch {settled.Batch} settled with terminal {settled.DebitCount}/{settled.DebitAmount} {settled.CreditCount}/{settled.CreditAmount}, host {host.DebitCount}/{host.DebitAmount} {host.CreditCount}/{host.CreditAmount}";
            if (_explainedBatches.Contains(settled.Batch))
            {
                Result.Damaged("settled batches whose totals reported damage explains");
            }
            else
            {
                _world.Violation(what);
            }
        }

        int hostBatch = _world.HostStore.FindTerminal(TerminalRig.TerminalId)!.BatchNumber;
        if (hostBatch != Fw.Store.Batch)
        {
            _world.Violation($"after settling, the terminal is on batch {Fw.Store.Batch} and the host on {hostBatch}");
        }
    }

    // After a power-up on damaged flash: the records the journal found against those the flash would hold without the
    // damage, of those the journal had acknowledged before the power went. Missing ones must have been reported; their
    // batch's disagreements with the host are then explained.
    private void AtPowerUp()
    {
        if (!_flashDamaged)
        {
            return;
        }

        SimulatedFlash flash = _world.Flash;
        var found = Sequences(Fw.Terminal.Journal);
        var faultFree = new JournalLog(SimulatedFlash.FromImage(flash.FaultFreeImage(), flash.SectorSize, flash.PageSize), 0, DayWorld.JournalSectors, Fw.Terminal.Journal.MaxPayload);
        faultFree.Mount();
        var expected = Sequences(faultFree);
        expected.RemoveWhere(seq => seq > _world.LastAcknowledged); // a write cut short was never acknowledged
        expected.ExceptWith(found);
        bool reported = Fw.Terminal.Journal.RecordsLost > 0;
        if (reported)
        {
            Result.Damaged("power-ups that reported lost records");
            _explainedBatches.Add(Fw.Store.Batch);
            _explainedBatches.Add(_batchAtStart);
        }

        if (expected.Count > 0)
        {
            Result.Damaged("journal records lost", expected.Count);
            if (!reported)
            {
                _world.Violation($"{expected.Count} journal record(s) lost without a word (sequence {string.Join(", ", expected.Order().Take(5))})");
            }
        }
    }

    private static HashSet<long> Sequences(JournalLog journal)
    {
        var seqs = new HashSet<long>();
        var buffer = new byte[4];
        JournalCursor cursor = default;
        while (journal.Next(ref cursor, buffer, out JournalEntry entry))
        {
            seqs.Add(entry.Sequence);
        }

        return seqs;
    }

    // Whole PANs, track data and payment codes, as text, hex of text and BCD (CardDataLeaks).
    private void ScanFor(CardDataLeaks leaks, string where, byte[] output)
    {
        foreach (string what in leaks.Find(output))
        {
            _leaks.AppendLine($"step {_world.Step}: {where} holds a {what}");
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
                    _leaks.AppendLine($"step {_world.Step}: screen holds a full card number ({pan[..6]}...)");
                }
            }

            // The code of the sale under way is the only one a screen could be showing.
            List<string> codes = _world.Codes;
            if (codes.Count > 0 && row.IndexOf(codes[^1], StringComparison.Ordinal) >= 0)
            {
                _leaks.AppendLine($"step {_world.Step}: screen holds a whole payment code ({codes[^1][..6]}...)");
            }
        }
    }
}
