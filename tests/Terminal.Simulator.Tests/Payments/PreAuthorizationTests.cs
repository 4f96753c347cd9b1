using System.Globalization;
using AcquirerHost.Rules;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// The pre-authorization family and the balance inquiry end to end, on the cashier's keys: MENU F2, the engine, the
/// journal and AcquirerHost's holds, over TCP and over a serial pty pair; the messages checked on the wire.
/// </summary>
public sealed class PreAuthorizationTests
{
    private readonly WireLines _wire = new();

    private async Task<TerminalRig> Ready(string link)
    {
        var rig = TerminalRig.Start(link, null, _wire);
        rig.Host.Rules.Balance = 500_000;
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, "the terminal signs in at boot: " + rig.Pos.LastMessage);
        await Task.CompletedTask;
        return rig;
    }

    private static string HostStatus(TerminalRig rig, string kind) =>
        string.Join(",", rig.Host.Store.Authorizations(TerminalRig.TerminalId).Where(a => a.Kind == kind).Select(a => a.Status));

    private Iso8583Message SentOf(int mti, int type) =>
        _wire.Requests().Last(m => m.Mti == mti && m.GetString(Field.MessageInfo)!.StartsWith(type.ToString("D2", CultureInfo.InvariantCulture), StringComparison.Ordinal));

    // Settles (MENU 4); the host found its totals and the terminal's the same, so nothing was uploaded.
    private static void SettlesBalanced(TerminalRig rig)
    {
        string message = rig.Settle();
        Assert.True(rig.Store.LastSettledBalanced && rig.Store.LastSettledUploads == 0, message);
        Assert.True(rig.Host.Store.Settlements(TerminalRig.TerminalId).Last().Balanced, message);
    }

    private static string F61(TxnEntry original) =>
        original.Batch.ToString("D6", CultureInfo.InvariantCulture) + original.Stan.ToString("D6", CultureInfo.InvariantCulture) + original.DateMmdd.ToString("D4", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_hotel_deposit_is_pre_authorized_completed_below_it_and_settles_balanced(string link)
    {
        await using var rig = await Ready(link);

        Assert.Equal("Approved", rig.PreAuth(80_000, "swipe:unionpay"));
        TxnEntry preAuth = rig.Store.At(0);
        Assert.Equal("Approved", rig.Complete(preAuth.AuthCode, preAuth.DateMmdd, 65_000));
        TxnEntry completion = rig.Store.At(1);

        Iso8583Message p = SentOf(100, 10);
        Assert.Equal(("030000", "06"), (p.GetString(Field.ProcessingCode), p.GetString(Field.ConditionCode)));
        Iso8583Message c = SentOf(200, 20);
        Assert.Equal(("000000", "06", preAuth.AuthCode, F61(preAuth)), (c.GetString(Field.ProcessingCode), c.GetString(Field.ConditionCode), c.GetString(Field.AuthCode), c.GetString(Field.OriginalData)));
        Assert.Equal((TxnKind.PreAuth, TxnState.Approved, true), (preAuth.Kind, preAuth.State, preAuth.Completed));
        Assert.Equal((TxnKind.Completion, TxnState.Approved, 65_000L), (completion.Kind, completion.State, completion.Amount));
        Assert.Equal(("completed", "approved"), (HostStatus(rig, "preauth"), HostStatus(rig, "completion")));

        SettlesBalanced(rig);
        Assert.Equal((1, 65_000L), (rig.Store.LastSettled.DebitCount, rig.Store.LastSettled.DebitAmount));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_rental_pre_auth_voided_releases_the_hold_and_counts_nowhere(string link)
    {
        await using var rig = await Ready(link);
        rig.PreAuth(30_000, "swipe:unionpay");
        TxnEntry preAuth = rig.Store.At(0);

        Assert.Equal("Approved", rig.PreAuthVoid(preAuth.Invoice));

        Iso8583Message v = SentOf(100, 11);
        Assert.Equal(("200000", preAuth.AuthCode, preAuth.Rrn, F61(preAuth)), (v.GetString(Field.ProcessingCode), v.GetString(Field.AuthCode), v.GetString(Field.Rrn), v.GetString(Field.OriginalData)));
        Assert.True(preAuth.Voided);
        Assert.Equal("voided", HostStatus(rig, "preauth"));
        var totals = new BatchTotals();
        rig.Store.Totals(totals);
        Assert.Equal((0, 0L, 0, 0L), (totals.DebitCount, totals.DebitAmount, totals.CreditCount, totals.CreditAmount));
        SettlesBalanced(rig);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_completion_advice_is_approved_offline_and_sent_before_the_settlement(string link)
    {
        await using var rig = await Ready(link);
        rig.PreAuth(20_000, "swipe:unionpay");
        TxnEntry preAuth = rig.Store.At(0);

        string message = rig.Complete(preAuth.AuthCode, preAuth.DateMmdd, 23_000, advice: true);

        TxnEntry advice = rig.Store.At(1);
        Assert.Contains("offline", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((TxnKind.CompletionAdvice, TxnState.Approved, false), (advice.Kind, advice.State, advice.AdviceSent));
        Assert.Equal(string.Empty, HostStatus(rig, "advice"));
        Assert.Equal(1, rig.Store.UnresolvedCount());

        SettlesBalanced(rig);

        Iso8583Message a = SentOf(220, 24);
        Assert.Equal(("000000", "06", preAuth.AuthCode), (a.GetString(Field.ProcessingCode), a.GetString(Field.ConditionCode), a.GetString(Field.AuthCode)));
        Assert.Equal("approved", HostStatus(rig, "advice"));
        Assert.Equal((1, 23_000L), (rig.Store.LastSettled.DebitCount, rig.Store.LastSettled.DebitAmount));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_completion_void_undoes_the_charge_and_the_pre_auth_may_be_completed_again(string link)
    {
        await using var rig = await Ready(link);
        rig.PreAuth(50_000, "swipe:unionpay");
        TxnEntry preAuth = rig.Store.At(0);
        rig.Complete(preAuth.AuthCode, preAuth.DateMmdd, 40_000);
        TxnEntry completion = rig.Store.At(1);

        Assert.Equal("Approved", rig.CompletionVoid(completion.Invoice));

        Iso8583Message v = SentOf(200, 21);
        Assert.Equal(("200000", completion.Rrn), (v.GetString(Field.ProcessingCode), v.GetString(Field.Rrn)));
        Assert.Equal((true, false), (completion.Voided, preAuth.Completed));
        Assert.Equal(("approved", "voided"), (HostStatus(rig, "preauth"), HostStatus(rig, "completion")));
        Assert.Equal("Approved", rig.Complete(preAuth.AuthCode, preAuth.DateMmdd, 45_000));
        SettlesBalanced(rig);
        Assert.Equal((1, 45_000L), (rig.Store.LastSettled.DebitCount, rig.Store.LastSettled.DebitAmount));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_balance_inquiry_sends_the_PIN_shows_the_balance_less_the_holds_and_journals_nothing(string link)
    {
        await using var rig = await Ready(link);
        rig.PreAuth(10_000, "swipe:unionpay");
        long flashBefore = rig.Board.Flash.Operations;
        int printedBefore = rig.Board.PrinterMechanism.TextLines.Count();

        string message = rig.Balance("swipe:unionpay");

        Iso8583Message b = SentOf(200, 1);
        Assert.Equal("310000", b.GetString(Field.ProcessingCode));
        Assert.True(b.Has(Field.PinBlock) && b.Has(Field.Mac), "PIN block and MAC");
        Assert.Contains(Money.FormatCny(500_000 - 11_500), message, StringComparison.Ordinal);
        Assert.Equal(500_000 - 11_500, rig.Pos.Engine.LastBalance);
        Assert.Equal(1, rig.Store.Count);
        Assert.Equal(printedBefore, rig.Board.PrinterMechanism.TextLines.Count());
        Assert.True(rig.Board.Flash.Operations - flashBefore <= 1, "at most a STAN reservation is written");
    }

    [Fact]
    public async Task A_completion_above_115_percent_of_its_pre_auth_is_refused_before_anything_is_sent()
    {
        await using var rig = await Ready("tcp");
        rig.PreAuth(10_000, "swipe:unionpay");
        TxnEntry preAuth = rig.Store.At(0);
        int sent = _wire.Requests().Count;

        string message = rig.Complete(preAuth.AuthCode, preAuth.DateMmdd, 11_501);

        Assert.Contains(Money.FormatCny(11_500), message, StringComparison.Ordinal);
        Assert.Equal(1, rig.Store.Count);
        Assert.Equal(sent, _wire.Requests().Count);
    }

    [Fact]
    public async Task A_pre_auth_by_an_inserted_chip_card_sends_its_field_55()
    {
        await using var rig = await Ready("tcp");

        Assert.Equal("Approved", rig.PreAuth(8_800, "insert:unionpay-debit"));

        Iso8583Message p = SentOf(100, 10);
        Assert.True(p.Has(Field.IccData));
        Assert.Equal("051", p.GetString(Field.EntryMode)![..3]);
        Assert.Equal("approved", HostStatus(rig, "preauth"));
        Assert.Equal("03", TransactionType(p)); // 9C: the first two digits of F3 030000, not a sale's 00
    }

    // 9C of a request's field 55, as the card was told it (and signed it into the ARQC).
    private static string TransactionType(Iso8583Message m)
    {
        var icc = new byte[255];
        int n = m.GetBytes(Field.IccData, icc, 0);
        var tags = AcquirerHost.Processing.IssuerChip.Parse(icc.AsSpan(0, n));
        Assert.NotNull(tags);
        return Convert.ToHexString(tags![0x9C]);
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_balance_inquiry_by_an_inserted_chip_card_tells_the_card_31_and_closes_it_with_an_AAC(string link)
    {
        await using var rig = await Ready(link);

        string message = rig.Balance("insert:unionpay-debit");

        Iso8583Message b = SentOf(200, 1);
        Assert.Equal(("310000", "051"), (b.GetString(Field.ProcessingCode), b.GetString(Field.EntryMode)![..3]));
        Assert.Equal("31", TransactionType(b));
        Assert.Contains(Money.FormatCny(500_000), message, StringComparison.Ordinal);

        // The card finished its transaction: the second GENERATE AC asked for, and got, an AAC (an inquiry charges
        // nothing), so it is not left waiting with its ARQC; nothing was journaled, nothing is reversed.
        var card = (Terminal.Drivers.Simulated.ChipCards.ContactEmvCard)rig.Board.LastInserted!.Application;
        Assert.Equal(0x00, card.LastCryptogramInfo & 0xC0);
        Assert.Equal(2, card.Commands.Count(c => c.Length > 1 && c[0] == 0x80 && c[1] == 0xAE)); // GENERATE AC, twice
        Assert.Equal(0, rig.Store.Count);
        Assert.DoesNotContain(_wire.Requests(), m => m.Mti == 400);
    }

    [Fact]
    public async Task An_unanswered_pre_auth_is_reversed_with_its_own_message_type()
    {
        await using var rig = await Ready("tcp");
        rig.Host.Rules.Add(new ResponseRule { Mti = "0100", Action = RuleAction.NoAnswer, Times = 1 });

        rig.PreAuth(12_000, "swipe:unionpay");

        TxnEntry preAuth = rig.Store.At(0);
        Assert.Equal(TxnState.Reversed, preAuth.State);
        Iso8583Message r = _wire.Requests().Last(m => m.Mti == 400);
        Assert.Equal(("030000", "06", "10"), (r.GetString(Field.ProcessingCode), r.GetString(Field.ConditionCode), r.GetString(Field.MessageInfo)![..2]));
        Assert.Equal("reversed", HostStatus(rig, "preauth"));
    }

    // The next day: the terminal's (and so the host's) clock a day on, its batch settled the day before.
    private static void NextDay(TerminalRig rig) => rig.Board.VirtualClock.SetWallTime(rig.Board.Clock.WallTime.AddDays(1));

    // The host's books of one batch (its own authorizations) are the terminal's last settled totals.
    private static void BooksAgree(TerminalRig rig, int batch)
    {
        var host = rig.Host.Store.InTransaction(tx => AcquirerHost.Store.AcquirerStore.Totals(tx, TerminalRig.TerminalId, batch));
        BatchTotals settled = rig.Store.LastSettled;
        Assert.Equal((batch, host.DebitCount, host.DebitAmount, host.CreditCount, host.CreditAmount), (settled.Batch, settled.DebitCount, settled.DebitAmount, settled.CreditCount, settled.CreditAmount));
    }

    [Theory]
    [InlineData("tcp", false)]
    [InlineData("serial", false)]
    [InlineData("tcp", true)]
    [InlineData("serial", true)]
    public async Task A_pre_auth_of_an_earlier_batch_is_completed_voided_and_completed_again_and_both_days_settle_with_the_host(string link, bool advice)
    {
        await using var rig = await Ready(link);
        rig.PreAuth(80_000, "swipe:unionpay");
        TxnEntry preAuth = rig.Store.At(0);
        (string auth, int day1, int batch1) = (preAuth.AuthCode, preAuth.DateMmdd, preAuth.Batch);
        SettlesBalanced(rig);
        BooksAgree(rig, batch1);
        Assert.Equal(0, rig.Store.Count);
        NextDay(rig);

        string message = rig.Complete(auth, day1, 90_000, advice);
        if (advice)
        {
            rig.SendOwed(); // before the void is built, so that the void names the advice's RRN
        }

        TxnEntry completion = rig.Store.At(0);
        Iso8583Message c = advice ? SentOf(220, 24) : SentOf(200, 20);
        Assert.Equal((auth, "000000000000" + day1.ToString("D4", CultureInfo.InvariantCulture), false), (c.GetString(Field.AuthCode), c.GetString(Field.OriginalData), c.Has(Field.Rrn)));
        Assert.True(completion.State == TxnState.Approved && completion.Batch == batch1 + 1, message);
        Assert.Equal(("completed", advice ? "approved" : string.Empty, advice ? string.Empty : "approved"), (HostStatus(rig, "preauth"), HostStatus(rig, "advice"), HostStatus(rig, "completion")));

        Assert.Equal("Approved", rig.CompletionVoid(completion.Invoice));
        Assert.Equal(completion.Rrn, SentOf(200, 21).GetString(Field.Rrn));
        Assert.Equal("approved", HostStatus(rig, "preauth")); // the hold placed again
        Assert.Equal("Approved", rig.Complete(auth, day1, 70_000));

        int batch2 = rig.Store.Batch;
        SettlesBalanced(rig);
        BooksAgree(rig, batch2);
        Assert.Equal((1, 70_000L), (rig.Store.LastSettled.DebitCount, rig.Store.LastSettled.DebitAmount));
        Assert.Equal("completed", HostStatus(rig, "preauth"));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("serial")]
    public async Task A_pre_auth_of_an_earlier_batch_is_voided_by_its_auth_code_date_and_amount(string link)
    {
        await using var rig = await Ready(link);
        rig.PreAuth(30_000, "swipe:unionpay");
        (string auth, int day1) = (rig.Store.At(0).AuthCode, rig.Store.At(0).DateMmdd);
        SettlesBalanced(rig);
        NextDay(rig);

        Assert.Equal("Approved", rig.PreAuthVoidEarlier(auth, day1, 30_000));

        Iso8583Message v = SentOf(100, 11);
        Assert.Equal(("200000", auth, "000000000000" + day1.ToString("D4", CultureInfo.InvariantCulture), false), (v.GetString(Field.ProcessingCode), v.GetString(Field.AuthCode), v.GetString(Field.OriginalData), v.Has(Field.Rrn)));
        Assert.Equal("voided", HostStatus(rig, "preauth"));
        Assert.Contains(Money.FormatCny(500_000), rig.Balance("swipe:unionpay"), StringComparison.Ordinal); // no hold left
        int batch2 = rig.Store.Batch;
        SettlesBalanced(rig);
        BooksAgree(rig, batch2);
        Assert.Equal((0, 0L), (rig.Store.LastSettled.DebitCount, rig.Store.LastSettled.DebitAmount));
    }

    [Fact]
    public async Task An_advice_the_host_has_not_answered_is_not_voided_until_it_has()
    {
        await using var rig = await Ready("tcp");
        rig.PreAuth(20_000, "swipe:unionpay");
        rig.Complete(rig.Store.At(0).AuthCode, rig.Store.At(0).DateMmdd, 20_000, advice: true);
        TxnEntry advice = rig.Store.At(1);

        rig.CompletionVoid(advice.Invoice);

        Assert.Contains("not answered this advice yet", rig.Board.Display.FrameText() + rig.Pos.LastMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(_wire.Requests(), m => m.Mti == 200 && m.GetString(Field.MessageInfo)!.StartsWith("21", StringComparison.Ordinal));
        rig.SendOwed();
        Assert.Equal("Approved", rig.CompletionVoid(advice.Invoice));
        Assert.Equal(advice.Rrn, SentOf(200, 21).GetString(Field.Rrn));
    }
}
