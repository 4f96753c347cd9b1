using AcquirerHost.Store;
using Terminal.Core.Payments;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// Power cut at every flash operation of a sale, a void, a refund and a settlement (the simulated flash
/// tears the write), then reboot: boot recovery must leave terminal and host agreeing on every
/// transaction, nothing charged twice, nothing approved lost, and the batch must settle balanced.
/// Every kind runs over TCP; the pre-authorization family, its advices and the QR orders over the serial link too.
/// </summary>
public sealed class PowerCutTests(ITestOutputHelper output)
{
    private delegate void Scenario(TerminalRig rig);

    // Prepares a terminal in the state before the step under test; returns the step.
    private static Scenario Prepare(string kind, TerminalRig rig)
    {
        switch (kind)
        {
            case "sale":
                return r => r.Sale(1500, "swipe:visa");
            case "qr-sale":
                return r => r.Sale(880, "scan:284567890123456789");
            case "qr-order-paid":
                // Journaled: request, the host's order, the wallet, the outcome, the receipt.
                SetQrOrderWait(rig);
                return r => QrOrderTests.PaidOrder(r, 1100, 1);
            case "qr-order-unpaid":
                // Journaled: request, the host's order, the close.
                SetQrOrderWait(rig);
                return r => QrOrderTests.UnpaidOrder(r, 1200, 2);
            case "chip-sale":
                // Journaled: request, outcome, the card's result (TC), receipt, then the TC upload's acknowledgement.
                return r => ChipSaleThenAdvices(r, 1600, "unionpay-debit");
            case "chip-declines":
                // The card's AAC after the host approved: its result, the reversal (06) and its acknowledgement.
                return r => ChipSaleThenAdvices(r, 1700, "unionpay-declines");
            case "chip-script":
                // A 72 script: the result notification (0620) and the TC upload after the sale.
                rig.Host.Rules.Add(new AcquirerHost.Rules.ResponseRule { Mti = "0200", Pan = "621234*", IssuerScript = "72" });
                return r => ChipSaleThenAdvices(r, 1800, "unionpay-debit");
            case "void":
                rig.Sale(2000, "tap:unionpay");
                int invoice = rig.Store.At(0).Invoice;
                return r => r.Void(invoice);
            case "refund":
                rig.Sale(3000, "swipe:mastercard");
                string rrn = rig.Store.At(0).Rrn;
                int date = rig.Store.At(0).DateMmdd;
                return r => r.Refund(rrn, date, 1200);
            case "item-sale":
                return r => r.ItemSale("swipe:visa", [(1001, 3), (1004, 2)]);
            case "item-void":
                rig.ItemSale("tap:unionpay", [(1001, 3), (1004, 2)]);
                int itemInvoice = rig.Store.At(0).Invoice;
                return r => r.Void(itemInvoice);
            case "settlement":
                rig.Sale(700, "swipe:visa");
                rig.Sale(900, "scan:134567890123456789");
                return r => r.Settle();
            case "preauth":
                return r => r.PreAuth(5000, "swipe:visa");
            case "preauth-void":
                rig.PreAuth(6000, "swipe:visa");
                int preAuthInvoice = rig.Store.At(0).Invoice;
                return r => r.PreAuthVoid(preAuthInvoice);
            case "completion":
                rig.PreAuth(7000, "tap:unionpay");
                (string auth, int on) = (rig.Store.At(0).AuthCode, rig.Store.At(0).DateMmdd);
                return r => r.Complete(auth, on, 7500);
            case "completion-void":
                rig.PreAuth(8000, "swipe:mastercard");
                rig.Complete(rig.Store.At(0).AuthCode, rig.Store.At(0).DateMmdd, 8000);
                int completionInvoice = rig.Store.At(1).Invoice;
                return r => r.CompletionVoid(completionInvoice);
            case "completion-advice":
                // Journaled: the advice approved offline, its receipt, then the host's answer when the owed work sends it.
                rig.PreAuth(9000, "swipe:visa");
                (string adviceAuth, int adviceOn) = (rig.Store.At(0).AuthCode, rig.Store.At(0).DateMmdd);
                return r =>
                {
                    r.Complete(adviceAuth, adviceOn, 9500, advice: true);
                    r.Pos.Engine.Resolve(new QuietObserver());
                    r.Board.RunWhileHostBusy();
                };
            case "advice-refused":
                // The host refuses the advice (25): its answer journaled (0x16) takes it out of the books.
                return AdviceThen(rig, 9100, new AcquirerHost.Rules.ResponseRule { Mti = "0220", Action = AcquirerHost.Rules.RuleAction.Decline, ResponseCode = "25", Times = 1 }, 1);
            case "advice-duplicate":
                // The first answer is lost, the resend answered 94 (duplicate): journaled (0x16) as approved.
                rig.Host.Rules.Add(new AcquirerHost.Rules.ResponseRule { Mti = "0220", Action = AcquirerHost.Rules.RuleAction.NoAnswer, Times = 1 });
                return AdviceThen(rig, 9200, new AcquirerHost.Rules.ResponseRule { Mti = "0220", Action = AcquirerHost.Rules.RuleAction.Decline, ResponseCode = "94", Times = 1 }, 1);
            case "advice-unanswered":
                // Every answer fails its MAC: a 0x1F per run, the advice given up at the last.
                return AdviceThen(rig, 9300, new AcquirerHost.Rules.ResponseRule { Mti = "0220", Action = AcquirerHost.Rules.RuleAction.BadMac, Times = ReversalFlowAttempts * PaymentStore.AdviceRuns }, PaymentStore.AdviceRuns);
            case "settlement-completions":
                rig.PreAuth(3000, "swipe:visa");
                rig.Complete(rig.Store.At(0).AuthCode, rig.Store.At(0).DateMmdd, 3300);
                rig.PreAuth(4000, "swipe:mastercard");
                rig.Complete(rig.Store.At(2).AuthCode, rig.Store.At(2).DateMmdd, 4100, advice: true);
                return r => r.Settle();
            default:
                throw new ArgumentException(kind);
        }
    }

    private const int ReversalFlowAttempts = Terminal.Core.Flows.ReversalFlow.MaxAttempts;

    // A pre-auth, then (the step) its completion advice approved offline and <paramref name="runs"/> runs of owed work
    // sending it, the host answering as <paramref name="rule"/> says.
    private static Scenario AdviceThen(TerminalRig rig, long fen, AcquirerHost.Rules.ResponseRule rule, int runs)
    {
        rig.PreAuth(fen, "swipe:visa");
        (string auth, int on) = (rig.Store.At(0).AuthCode, rig.Store.At(0).DateMmdd);
        rig.Host.Rules.Add(rule);
        return r =>
        {
            r.Complete(auth, on, fen + 100, advice: true);
            for (int run = 0; run < runs; run++)
            {
                r.SendOwed();
            }
        };
    }

    private static void SetQrOrderWait(TerminalRig rig)
    {
        rig.Pos.Engine.QrOrders.WaitMs = QrOrderTests.WaitMs;
        rig.Pos.Engine.QrOrders.PollMs = 2000;
    }

    // An inserted card's sale, then the owed chip advices sent as the next job would send them.
    private static void ChipSaleThenAdvices(TerminalRig rig, long fen, string card)
    {
        rig.Sale(fen, "insert:" + card);
        rig.Pos.Engine.Resolve(new QuietObserver());
        rig.Board.RunWhileHostBusy();
    }

    private static async Task<TerminalRig> Ready(string kind, string link)
    {
        var rig = TerminalRig.Start(link);
        if (kind.StartsWith("item", StringComparison.Ordinal))
        {
            rig.Host.Processor.Catalog = DemoCatalog.Create();
        }

        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, rig.Pos.LastMessage);
        await Task.CompletedTask;
        return rig;
    }

    private static async Task<long> CountOperations(string kind, string link)
    {
        await using var rig = await Ready(kind, link);
        Scenario step = Prepare(kind, rig);
        long before = rig.Board.Flash.Operations;
        step(rig);
        rig.FinishPrinting();
        return rig.Board.Flash.Operations - before;
    }

    // Every kind over both links: TCP, and serial, where a frame is acknowledged (ACK/NAK) and retransmitted on its
    // own, so a cut meets the link in other states.
    private static readonly string[] Kinds =
    [
        "sale", "qr-sale", "qr-order-paid", "qr-order-unpaid", "void", "refund", "settlement", "item-sale", "item-void",
        "chip-sale", "chip-declines", "chip-script", "preauth", "preauth-void", "completion", "completion-void",
        "completion-advice", "settlement-completions", "advice-refused", "advice-duplicate", "advice-unanswered",
    ];

    /// <summary>Each kind with each link it runs over.</summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string link in new[] { "tcp", "serial" })
        {
            foreach (string kind in Kinds)
            {
                cases.Add(kind, link);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_power_cut_at_any_flash_write_is_recovered_at_boot_and_the_books_balance(string kind, string link)
    {
        long operations = await CountOperations(kind, link);
        Assert.True(operations >= 3, $"the {kind} writes its steps ahead ({operations} flash operations)");
        for (long cut = 0; cut < operations; cut++)
        {
            foreach (int keep in new[] { 0, 9 })
            {
                await using var rig = await Ready(kind, link);
                Scenario step = Prepare(kind, rig);
                int batch = rig.Store.Batch;
                rig.Board.Flash.CutPowerAt(cut, keep);
                bool cutHappened = false;
                try
                {
                    step(rig);
                    rig.FinishPrinting();
                }
                catch (PowerLossException)
                {
                    cutHappened = true;
                }

                Assert.True(cutHappened, $"{kind}: the cut at operation {cut} happened (last message: {rig.Pos.LastMessage}; {rig.Board.Flash.Operations} operations)");
                if (kind.StartsWith("advice-", StringComparison.Ordinal))
                {
                    rig.Host.Rules.Clear(); // the host answers again: the advice resent at boot ends as the host has it
                }

                rig.Reboot();
                string where = $"{kind} over {link}, cut at flash operation {cut} of {operations} keeping {keep} bytes";
                output.WriteLine(where + ": " + rig.Pos.LastMessage + $" printer busy={rig.Board.Devices.Printer!.Busy} status={rig.Board.Devices.Printer.Status} text={string.Join('|', rig.Board.PrinterMechanism.TextLines)}");
                for (int i = 0; i < rig.Store.Count; i++)
                {
                    var t = rig.Store.At(i);
                    output.WriteLine($"  inv {t.Invoice} {TxnKind.Name(t.Kind)} {TxnState.Name(t.State)} printed={t.Printed}");
                }
                if (kind.StartsWith("item", StringComparison.Ordinal))
                {
                    CheckStock(rig, batch, where);
                }

                CheckAgreement(rig, batch, where);
                if (kind.StartsWith("item", StringComparison.Ordinal))
                {
                    CheckStock(rig, batch, where + ", after settlement");
                }
            }
        }
    }

    // Stock is the catalog's (40 tea, 60 buns) less the items of the item sale the host holds as sold (approved,
    // not voided): taken once if it stands, given back if voided, never counted twice.
    private static void CheckStock(TerminalRig rig, int batch, string where)
    {
        var sale = rig.Host.Store.Authorizations(TerminalRig.TerminalId)
            .Where(a => a.BatchNumber == batch && a.Kind == "sale")
            .ToList();
        bool sold = sale.Any(a => a.Status == "approved");
        PaymentStore store = rig.Store;
        Assert.Equal(1, store.Catalog.Version);
        var expected = sold ? (37, 58) : (40, 60);
        var actual = (store.Stock(store.Catalog.IndexOf(1001)), store.Stock(store.Catalog.IndexOf(1004)));
        Assert.True(expected == actual, $"{where}: stock {actual}, expected {expected} (host holds the sale as {string.Join(",", sale.Select(a => a.Status))})");
        Assert.True(sale.Count(a => a.Status is "approved" or "voided") <= 1, where + ": one item sale at most");
    }

    // Terminal and host agree on every transaction of the batch; then it settles balanced.
    private static void CheckAgreement(TerminalRig rig, int batch, string where)
    {
        PaymentStore store = rig.Store;
        Assert.True(store.UnresolvedCount() == 0, where + ": nothing left unresolved after boot");
        Assert.True(store.OpenQrOrder() == null, where + ": no QR order left open after boot");
        Assert.All(rig.Host.Processor.QrOrders.Orders(TerminalRig.TerminalId), o => Assert.True(o.Status is "paid" or "closed", $"{where}: the host's order ends paid or closed, not {o.Status}"));
        Assert.True(store.NextChipAdvice(out _) == 0, where + ": no chip advice left owed after boot");
        int chipApproved = 0;
        for (int i = 0; i < store.Count; i++)
        {
            TxnEntry t = store.At(i);
            bool chip = t.Mode == EntryMode.Inserted && t.State == TxnState.Approved;
            Assert.False(chip && (t.Chip == null || CryptogramKind.Of(t.Chip.FinalCid) != CryptogramKind.Tc), $"{where}: an approved chip sale stands only with the card's TC");
            chipApproved += chip ? 1 : 0;
        }

        Assert.Equal(chipApproved, rig.Host.Store.ChipAdviceCount(TerminalRig.TerminalId, "tc"));

        Assert.Equal(SettleStage.None, store.SettlementStage);
        var hostApproved = rig.Host.Store.Authorizations(TerminalRig.TerminalId)
            .Where(a => a.BatchNumber == batch && a.Kind is "sale" or "refund" or "void" or "preauth" or "preauthvoid" or "completion" or "completionvoid" or "advice"
                && a.Status is "approved" or "voided" or "completed")
            .ToList();
        if (store.Batch == batch)
        {
            foreach (var a in hostApproved)
            {
                TxnEntry? t = store.FindStan(batch, a.Stan);
                Assert.True(t != null && t.State == TxnState.Approved, $"{where}: host-approved {a.Kind} STAN {a.Stan} is approved on the terminal too (is {(t == null ? "missing" : TxnState.Name(t.State))})");
            }

            for (int i = 0; i < store.Count; i++)
            {
                TxnEntry t = store.At(i);
                if (t.State == TxnState.Approved)
                {
                    Assert.Contains(hostApproved, a => a.Stan == t.Stan);
                    Assert.True((t.Printed & 1) == 1, $"{where}: approved invoice {t.Invoice} has its merchant copy (reprinted at boot if the cut lost it)");
                }
            }

            CheckHolds(rig, batch, where);
            string settled = rig.Settle();
            Assert.True(settled.Contains("balanced", StringComparison.Ordinal), $"{where}: settlement balanced: {settled}");
        }
        else
        {
            // The cut hit the settlement's end: the batch closed, the report is owed or printed, totals agree.
            Assert.Equal(batch + 1, store.Batch);
            Assert.True(store.SettlementReportPrinted, where + ": settlement report printed after boot");
        }

        var last = rig.Host.Store.Settlements(TerminalRig.TerminalId).Last(s => s.BatchNumber == batch);
        Assert.True(last.Balanced, where + ": the host found the batch balanced");
        var hostTotals = rig.Host.Store.InTransaction(tx => AcquirerStore.Totals(tx, TerminalRig.TerminalId, batch));
        Assert.Equal(hostTotals.DebitCount, store.LastSettled.DebitCount);
        Assert.Equal(hostTotals.DebitAmount, store.LastSettled.DebitAmount);
        Assert.Equal(hostTotals.CreditAmount, store.LastSettled.CreditAmount);

        // Nothing charged twice: one approved host record per terminal transaction at most.
        Assert.True(hostApproved.GroupBy(a => a.Stan).All(g => g.Count() == 1), where + ": no transaction approved twice");
    }

    // Each pre-auth stands at the host as on the terminal: held (approved), released (voided) or used by a completion;
    // and no completion charged more than 115% of its pre-auth.
    private static void CheckHolds(TerminalRig rig, int batch, string where)
    {
        PaymentStore store = rig.Store;
        var host = rig.Host.Store.Authorizations(TerminalRig.TerminalId).Where(a => a.BatchNumber == batch).ToList();
        for (int i = 0; i < store.Count; i++)
        {
            TxnEntry t = store.At(i);
            if (t.Kind == TxnKind.PreAuth && t.State == TxnState.Approved)
            {
                string expected = t.Voided ? "voided" : t.Completed ? "completed" : "approved";
                Assert.True(host.Single(a => a.Rrn == t.Rrn).Status == expected, $"{where}: pre-auth {t.Invoice} is {expected} at the host too");
            }
        }

        foreach (var completion in host.Where(a => a.Kind is "completion" or "advice" && a.Status is "approved"))
        {
            var preAuth = host.Single(a => a.Rrn == completion.OriginalRrn);
            Assert.True(completion.Amount * 100 <= preAuth.Amount * 115, $"{where}: completion {completion.Rrn} within 115% of its pre-auth");
        }
    }

    private sealed class QuietObserver : Terminal.Core.Flows.IPaymentObserver
    {
        public void OnProgress(string text)
        {
        }

        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
        }
    }
}
