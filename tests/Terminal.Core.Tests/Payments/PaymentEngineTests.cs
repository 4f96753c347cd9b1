using System.Text;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Tests.Flows;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class PaymentEngineTests
{
    private const string Track2 = "4761739001010010=28121011234567890";
    private const string FullPan = "4761739001010010";

    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 10, 15, 0, DateTimeKind.Local));
    private readonly ScriptedHost _host = new();
    private readonly StoreRig _rig = StoreRig.Provisioned();
    private readonly HostSession _session;
    private readonly MemoryKeyStore _keys = new();
    private PaymentEngine _engine;
    private readonly Observer _observer = new();

    public PaymentEngineTests()
    {
        _session = new HostSession(CupProfile.Create(), _host, new HostCrypto(), _clock, null, 2048);
        _session.SetPreamble(ScriptedHost.Preamble, 0);
        _keys.Store(KeySlot.Mak, ScriptedHost.Mak, 0, ScriptedHost.Mak.Length);
        _engine = NewEngine();
    }

    // The engine a boot builds over the store (as it is, or reloaded by StoreRig.Reboot).
    private PaymentEngine NewEngine() =>
        new(_session, _rig.Store, _keys, new HostCrypto(), _clock) { TimeoutMs = 2_000, ReversalTimeoutMs = 1_000 };

    private PaymentStore Store => _rig.Store;

    [Fact]
    public void An_approved_sale_records_the_hosts_reference_and_auth_code_and_is_journaled()
    {
        _host.Answer = r => _host.Reply(r, "00");

        var (result, entry) = Sale(12_345);

        Assert.Equal(PaymentResult.Approved, result);
        Iso8583Message request = Assert.Single(_host.Requests);
        Assert.Equal((200, "000000", 12_345L, (long)entry!.Stan), (request.Mti, request.GetString(Field.ProcessingCode), request.GetNumber(Field.Amount), request.GetNumber(Field.Stan)));
        Assert.True(_host.RequestMacValid[0]);
        Assert.Equal((TxnState.Approved, "00", "000000100001", "A00001"), (entry.State, entry.ResponseCode, entry.Rrn, entry.AuthCode));
        Assert.Equal(TxnState.Approved, _rig.Reboot().At(0).State);
    }

    [Fact]
    public void A_declined_sale_is_recorded_declined_and_nothing_is_reversed()
    {
        _host.Answer = r => _host.Reply(r, "51");

        var (result, entry) = Sale(12_345);

        Assert.Equal(PaymentResult.Declined, result);
        Assert.Equal((TxnState.Declined, "51"), (entry!.State, entry.ResponseCode));
        Assert.Equal(new[] { 200 }, _host.Mtis);
        Assert.Null(Store.NextUnresolved());
    }

    [Fact]
    public void A_sale_the_host_does_not_answer_is_reversed_with_its_own_STAN_and_reason_98()
    {
        _host.Answer = r => r.Mti == 400 ? _host.Reply(r, "00") : null;

        var (result, entry) = Sale(12_345);

        Assert.Equal(PaymentResult.Reversed, result);
        Assert.Equal(new[] { 200, 400 }, _host.Mtis);
        Iso8583Message reversal = _host.Requests[1];
        Assert.Equal((long)entry!.Stan, reversal.GetNumber(Field.Stan));
        Assert.Equal((12_345L, "98"), (reversal.GetNumber(Field.Amount), reversal.GetString(Field.ResponseCode)));
        Assert.True(_host.RequestMacValid[1]);
        Assert.Equal(TxnState.Reversed, entry.State);
        Assert.Equal(TxnState.Reversed, _rig.Reboot().At(0).State);
    }

    [Fact]
    public void A_sale_answer_with_a_bad_MAC_is_reversed_with_reason_A0()
    {
        _host.Answer = r => r.Mti == 400 ? _host.Reply(r, "00") : _host.Reply(r, "00", badMac: true);

        var (result, entry) = Sale(12_345);

        Assert.Equal(PaymentResult.Reversed, result);
        Assert.Equal(new[] { 200, 400 }, _host.Mtis);
        Assert.Equal(("A0", (long)entry!.Stan), (_host.Requests[1].GetString(Field.ResponseCode), _host.Requests[1].GetNumber(Field.Stan)));
        Assert.Equal(TxnState.Reversed, entry.State);
    }

    [Fact]
    public void A_reversal_never_answered_stays_owed_and_goes_before_the_next_sale()
    {
        _host.Answer = _ => null;
        var (result, first) = Sale(12_345);
        Assert.Equal(PaymentResult.Unresolved, result);
        Assert.Equal(new[] { 200, 400, 400, 400 }, _host.Mtis);
        Assert.Equal(TxnState.ReversalPending, first!.State);
        Assert.Equal(TxnState.ReversalPending, _rig.Peek().At(0).State);

        _host.Answer = r => _host.Reply(r, "00");
        var (next, second) = Sale(500);

        Assert.Equal(PaymentResult.Approved, next);
        Assert.Equal(new[] { 200, 400, 400, 400, 400, 200 }, _host.Mtis);
        Assert.Equal((long)first.Stan, _host.Requests[4].GetNumber(Field.Stan));
        Assert.Equal((long)second!.Stan, _host.Requests[5].GetNumber(Field.Stan));
        Assert.True(second.Stan > first.Stan);
        Assert.Equal(TxnState.Reversed, first.State);
    }

    [Fact]
    public void A_refund_the_host_does_not_answer_is_resent_with_the_same_STAN_before_the_next_sale_and_its_answer_applied()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(10_000);
        _host.Answer = _ => null;
        Assert.True(_engine.Refund(sale!.Rrn, 1125, 2_500, _observer));
        Assert.Equal(PaymentResult.Unresolved, Run());
        TxnEntry refund = Store.At(1);
        Assert.Equal(new[] { 200, 220 }, _host.Mtis);
        Assert.Equal(TxnState.Pending, refund.State);

        _host.Answer = r => _host.Reply(r, "00");
        var (result, _) = Sale(700);

        Assert.Equal(PaymentResult.Approved, result);
        Assert.Equal(new[] { 200, 220, 220, 200 }, _host.Mtis);
        Assert.Equal((long)refund.Stan, _host.Requests[2].GetNumber(Field.Stan));
        Assert.Equal(_host.Requests[1].GetString(Field.Rrn), _host.Requests[2].GetString(Field.Rrn));
        Assert.Equal(TxnState.Approved, refund.State);
        Assert.Equal(2_500, sale.Refunded);
        Assert.Equal(2_500, _rig.Reboot().At(0).Refunded);
    }

    [Fact]
    public void A_void_asked_while_a_refund_of_its_sale_is_owed_is_refused_once_the_resent_refund_is_approved()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(10_000);
        _host.Answer = _ => null;
        _engine.Refund(sale!.Rrn, 1125, 2_500, _observer);
        Assert.Equal(PaymentResult.Unresolved, Run());
        _host.Answer = r => _host.Reply(r, "00");

        Assert.True(_engine.Void(sale, _observer));

        Assert.Equal((PaymentResult.NotSent, "Sale already partly refunded"), (Run(), _observer.Last.Message));
        Assert.Equal(new[] { 200, 220, 220 }, _host.Mtis);
        Assert.False(sale.Voided);
        Assert.Equal(2_500, sale.Refunded);
    }

    [Fact]
    public void A_refund_asked_while_an_earlier_refund_of_the_same_sale_is_owed_cannot_exceed_the_sale()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(10_000);
        _host.Answer = _ => null;
        _engine.Refund(sale!.Rrn, 1125, 10_000, _observer);
        Assert.Equal(PaymentResult.Unresolved, Run());
        _host.Answer = r => _host.Reply(r, "00");

        Assert.True(_engine.Refund(sale.Rrn, 1125, 10_000, _observer));

        Assert.Equal(PaymentResult.NotSent, Run());
        Assert.StartsWith("Above original", _observer.Last.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { 200, 220, 220 }, _host.Mtis);
        Assert.Equal(10_000, sale.Refunded);
    }

    [Fact]
    public void At_boot_a_sale_journaled_without_an_answer_is_reversed_before_anything_else()
    {
        _host.Answer = r => _host.Reply(r, "00");
        Sale(1_000);
        TxnEntry cut = Store.Begin(StoreRig.SaleTemplate(2_000))!; // power failed before the answer
        _rig.Reboot();
        _engine = NewEngine();

        Assert.True(_engine.Resolve(_observer));

        Assert.Equal(PaymentResult.Resolved, Run());
        Iso8583Message reversal = _host.Requests[^1];
        Assert.Equal((400, (long)cut.Stan, 2_000L, "98"), (reversal.Mti, reversal.GetNumber(Field.Stan), reversal.GetNumber(Field.Amount), reversal.GetString(Field.ResponseCode)));
        Assert.Equal(TxnState.Reversed, Store.At(1).State);
        Assert.Equal(TxnState.Approved, Store.At(0).State);
    }

    [Fact]
    public void A_batch_upload_cut_short_resumes_after_a_reboot_at_the_first_unacknowledged_transaction_with_its_STAN()
    {
        _host.Answer = r => _host.Reply(r, "00");
        Sale(1_000);
        Sale(2_000);
        Sale(3_000);
        int uploads = 0;
        _host.Answer = r => r.Mti == 500 ? _host.Reply(r, "00", BalancedAnswer(r, '2'))
            : r.Mti == 320 && ++uploads == 1 ? _host.Reply(r, "00")
            : null;
        _engine.Settle(_observer);
        Assert.Equal(PaymentResult.NotSent, Run());
        long firstUpload = _host.Requests.First(r => r.Mti == 320).GetNumber(Field.Stan);
        _rig.Reboot();
        _engine = NewEngine();
        _host.Answer = r => _host.Reply(r, "00");
        int before = _host.Requests.Count;

        Assert.True(_engine.Resolve(_observer));

        Assert.Equal(PaymentResult.Settled, Run());
        var sent = _host.Requests.Skip(before).ToList();
        Assert.Equal(new[] { 320, 320, 320 }, sent.Select(r => r.Mti));
        Assert.Equal(new[] { firstUpload + 1, firstUpload + 2, firstUpload + 3 }, sent.Select(r => r.GetNumber(Field.Stan)));
        Assert.Equal(new[] { 2_000L, 3_000L }, sent.Take(2).Select(r => r.GetNumber(Field.Amount)));
        Assert.Equal("0003", sent[2].GetString(Field.AdditionalData));
        Assert.Equal((8, 3), (Store.Batch, Store.LastSettledUploads));
    }

    [Fact]
    public void New_sales_are_refused_while_a_settlement_is_in_progress()
    {
        _host.Answer = r => _host.Reply(r, "00");
        Sale(1_000);
        _host.Answer = _ => null;
        _engine.Settle(_observer);
        Assert.Equal(PaymentResult.NotSent, Run());
        int sent = _host.Requests.Count;

        var (result, _) = Sale(500);

        Assert.Equal(PaymentResult.NotSent, result);
        Assert.StartsWith("Settlement in progress", _observer.Last.Message, StringComparison.Ordinal);
        Assert.Equal(sent, _host.Requests.Count);
        Assert.Equal(1, Store.Count);
    }

    [Fact]
    public void A_void_names_its_sale_by_batch_and_STAN_in_F61_and_RRN_in_F37_and_its_approval_voids_the_sale()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(4_200);

        Assert.True(_engine.Void(sale!, _observer));

        Assert.Equal(PaymentResult.Approved, Run());
        Iso8583Message request = _host.Requests[^1];
        Assert.Equal((200, "200000", 4_200L), (request.Mti, request.GetString(Field.ProcessingCode), request.GetNumber(Field.Amount)));
        Assert.Equal(("000007" + sale!.Stan.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), sale.Rrn), (request.GetString(Field.OriginalData), request.GetString(Field.Rrn)));
        Assert.StartsWith("23000007", request.GetString(Field.MessageInfo), StringComparison.Ordinal);
        Assert.True(sale.Voided);
    }

    [Fact]
    public void A_void_the_host_does_not_answer_is_reversed_with_the_sales_RRN_and_the_sale_stands()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(4_200);
        _host.Answer = r => r.Mti == 400 ? _host.Reply(r, "00") : null;

        Assert.True(_engine.Void(sale!, _observer));

        Assert.Equal(PaymentResult.Reversed, Run());
        Iso8583Message reversal = _host.Requests[^1];
        Assert.Equal((400, "200000", sale!.Rrn), (reversal.Mti, reversal.GetString(Field.ProcessingCode), reversal.GetString(Field.Rrn)));
        Assert.Equal(_host.Requests[^2].GetNumber(Field.Stan), reversal.GetNumber(Field.Stan));
        Assert.False(sale.Voided);
        Assert.Equal(string.Empty, _engine.VoidProblem(sale));
    }

    [Fact]
    public void A_refund_names_the_original_sale_by_RRN_in_F37_and_date_in_F61()
    {
        _host.Answer = r => _host.Reply(r, "00");

        Assert.True(_engine.Refund("123456789012", 1124, 800, _observer));

        Assert.Equal(PaymentResult.Approved, Run());
        Iso8583Message request = Assert.Single(_host.Requests);
        Assert.Equal((220, "200000", 800L, "123456789012"), (request.Mti, request.GetString(Field.ProcessingCode), request.GetNumber(Field.Amount), request.GetString(Field.Rrn)));
        Assert.Equal("0000000000001124", request.GetString(Field.OriginalData));
        Assert.StartsWith("25000007", request.GetString(Field.MessageInfo), StringComparison.Ordinal);
    }

    [Fact]
    public void A_balanced_settlement_sends_the_batch_totals_in_0500_and_opens_the_next_batch()
    {
        _host.Answer = r => _host.Reply(r, "00");
        Sale(10_000);
        Sale(2_000);
        var expected = new BatchTotals();
        Store.Totals(expected);
        _host.Answer = r => _host.Reply(r, "00", BalancedAnswer(r, '1'));

        Assert.True(_engine.Settle(_observer));

        Assert.Equal(PaymentResult.Settled, Run());
        Iso8583Message settlement = _host.Requests[^1];
        Assert.Equal((500, expected.Field48()), (settlement.Mti, settlement.GetString(Field.AdditionalData)));
        Assert.Equal((8, 0, true), (Store.Batch, Store.Count, Store.LastSettledBalanced));
        Assert.Equal((2, 12_000L), (Store.LastSettled.DebitCount, Store.LastSettled.DebitAmount));
        Assert.Equal(8, _rig.Reboot().Batch);
    }

    [Fact]
    public void An_unbalanced_settlement_uploads_each_transaction_with_consecutive_STANs_then_ends_the_upload_with_the_count()
    {
        _host.Answer = r => _host.Reply(r, "00");
        Sale(10_000);
        var (_, voided) = Sale(3_000);
        Sale(2_000);
        Assert.True(_engine.Void(voided!, _observer));
        Run();
        _host.Answer = r => r.Mti == 500 ? _host.Reply(r, "00", BalancedAnswer(r, '2')) : _host.Reply(r, "00");
        int before = _host.Requests.Count;

        Assert.True(_engine.Settle(_observer));

        Assert.Equal(PaymentResult.Settled, Run());
        var sent = _host.Requests.Skip(before).ToList();
        Assert.Equal(new[] { 500, 320, 320, 320 }, sent.Select(r => r.Mti));
        Assert.Equal(new[] { 10_000L, 2_000L }, sent.Skip(1).Take(2).Select(r => r.GetNumber(Field.Amount)));
        long first = sent[1].GetNumber(Field.Stan);
        Assert.Equal(new[] { first, first + 1, first + 2 }, sent.Skip(1).Select(r => r.GetNumber(Field.Stan)));
        Assert.Equal("0002", sent[3].GetString(Field.AdditionalData));
        Assert.Equal((8, 0, false, 2), (Store.Batch, Store.Count, Store.LastSettledBalanced, Store.LastSettledUploads));
        Assert.Equal(8, _rig.Reboot().Batch);
    }

    [Fact]
    public void A_void_is_refused_with_the_reason_and_nothing_is_sent()
    {
        _host.Answer = r => _host.Reply(r, "51");
        var (_, declined) = Sale(1_000);
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(2_000);
        Assert.True(_engine.Refund(sale!.Rrn, 1125, 100, _observer));
        Run();
        int sent = _host.Requests.Count;

        Assert.Equal("No such transaction in this batch", _engine.VoidProblem(null));
        Assert.Equal("Sale was not approved (DECLINED)", _engine.VoidProblem(declined));
        Assert.Equal("Sale already partly refunded", _engine.VoidProblem(sale));
        Assert.Equal("Only a sale can be voided", _engine.VoidProblem(Store.At(2)));
        Assert.False(_engine.Void(declined!, _observer));

        Assert.Equal((PaymentResult.NotSent, "Sale was not approved (DECLINED)"), _observer.Last);
        Assert.Equal(sent, _host.Requests.Count);
    }

    [Fact]
    public void A_voided_sale_cannot_be_voided_again()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(2_000);
        Assert.True(_engine.Void(sale!, _observer));
        Assert.Equal(PaymentResult.Approved, Run());

        Assert.Equal("Already voided", _engine.VoidProblem(sale));
        Assert.Equal("Original sale is VOIDED", _engine.RefundProblem(sale!.Rrn, 1125, 100));
    }

    [Fact]
    public void A_refund_is_refused_with_the_reason_and_nothing_is_sent()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = Sale(2_000);
        int sent = _host.Requests.Count;

        Assert.Equal("Reference number has 12 digits", _engine.RefundProblem("12345", 1125, 100));
        Assert.Equal("Date is MMDD", _engine.RefundProblem(sale!.Rrn, 1325, 100));
        Assert.Equal("Enter an amount", _engine.RefundProblem(sale.Rrn, 1125, 0));
        Assert.StartsWith("Above original: at most CNY ", _engine.RefundProblem(sale.Rrn, 1125, 2_001), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _engine.RefundProblem(sale.Rrn, 1125, 2_000));
        Assert.Equal(string.Empty, _engine.RefundProblem("999999999999", 1124, 50_000));
        Assert.False(_engine.Refund(sale.Rrn, 1125, 2_001, _observer));

        Assert.Equal(PaymentResult.NotSent, _observer.Last.Result);
        Assert.Equal(sent, _host.Requests.Count);
    }

    [Fact]
    public void The_card_data_is_wiped_once_the_sale_is_sent_and_after_the_exchange()
    {
        _host.Answer = r => _host.Reply(r, "00");
        FillCard();

        Assert.True(_engine.Sale(StoreRig.SaleTemplate(1_000), _observer));

        Assert.True(_session.Busy);
        AssertCardWiped();
        Assert.Equal(Track2, _host.Requests[0].GetString(Field.Track2)!.Replace('D', '='));
        Assert.Equal(PaymentResult.Approved, Run());
        AssertCardWiped();
    }

    [Fact]
    public void The_card_data_is_wiped_when_a_sale_is_refused()
    {
        _host.Answer = _ => null;
        Assert.True(_engine.Sale(StoreRig.SaleTemplate(1_000), _observer));
        FillCard();

        Assert.False(_engine.Sale(StoreRig.SaleTemplate(1_000), _observer));

        AssertCardWiped();
    }

    [Fact]
    public void Neither_the_journal_nor_the_stored_transaction_holds_the_full_card_number()
    {
        _host.Answer = r => _host.Reply(r, "00");
        FillCard();

        var (_, entry) = Sale(1_000);

        Assert.Equal(StoreRig.MaskedPan, entry!.MaskedPan);
        string image = Encoding.Latin1.GetString(_rig.Flash.Image());
        Assert.DoesNotContain(FullPan, image, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_MAC_key_nothing_is_journaled_or_sent()
    {
        var engine = new PaymentEngine(_session, Store, new MemoryKeyStore(), new HostCrypto(), _clock);
        _session.ClearMak();

        engine.Sale(StoreRig.SaleTemplate(1_000), _observer);

        Assert.Equal(PaymentResult.NotSent, _observer.Last.Result);
        Assert.StartsWith("Not signed in", _observer.Last.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Requests);
        Assert.Equal(0, Store.Count);
    }

    private void FillCard()
    {
        CardData card = _engine.Card;
        card.Track2Length = Encoding.ASCII.GetBytes(Track2, 0, Track2.Length, card.Track2, 0);
        card.PanLength = Encoding.ASCII.GetBytes(FullPan, 0, FullPan.Length, card.Pan, 0);
    }

    private void AssertCardWiped()
    {
        CardData card = _engine.Card;
        Assert.Equal((0, 0, 0, 0), (card.Track2Length, card.PanLength, card.IccLength, card.CodeLength));
        Assert.All(card.Track2.Concat(card.Pan).Concat(card.Icc).Concat(card.Code), b => Assert.Equal(0, b));
    }

    private static string BalancedAnswer(Iso8583Message request, char result)
    {
        string f48 = request.GetString(Field.AdditionalData) ?? new string('0', 62);
        return f48[..30] + result + f48[31..];
    }

    private (int Result, TxnEntry? Entry) Sale(long amount)
    {
        FillCard();
        int done = _observer.Done;
        Assert.True(_engine.Sale(StoreRig.SaleTemplate(amount), _observer));
        int result = Run(done);
        return (result, _observer.LastEntry);
    }

    // Polls the session on virtual time until the engine's job ends; returns its result.
    private int Run(int done = -1)
    {
        done = done < 0 ? _observer.Done : done;
        FlowRig.PollUntil(_session, _clock, () => _observer.Done != done, "the engine never finished");
        return _observer.Last.Result;
    }

    private sealed class Observer : IPaymentObserver
    {
        public int Done { get; private set; }

        public (int Result, string Message) Last { get; private set; }

        public TxnEntry? LastEntry { get; private set; }

        public List<string> Progress { get; } = [];

        public void OnProgress(string text) => Progress.Add(text);

        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            Done++;
            Last = (result, message);
            LastEntry = entry;
        }
    }
}
