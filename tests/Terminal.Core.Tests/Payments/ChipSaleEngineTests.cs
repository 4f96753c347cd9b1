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

/// <summary>The engine's side of an inserted card's sale, with a scripted card and a scripted host.</summary>
public class ChipSaleEngineTests
{
    private const string FullPan = "6228480000000000019";

    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 10, 15, 0, DateTimeKind.Local));
    private readonly ScriptedHost _host = new();
    private readonly StoreRig _rig = StoreRig.Provisioned();
    private readonly HostSession _session;
    private readonly MemoryKeyStore _keys = new();
    private readonly PaymentEngine _engine;
    private readonly Observer _observer = new();
    private readonly ScriptedCard _card = new();

    public ChipSaleEngineTests()
    {
        _session = new HostSession(CupProfile.Create(), _host, new HostCrypto(), _clock, null, 2048);
        _session.SetPreamble(ScriptedHost.Preamble, 0);
        _keys.Store(KeySlot.Mak, ScriptedHost.Mak, 0, ScriptedHost.Mak.Length);
        _engine = new PaymentEngine(_session, _rig.Store, _keys, new HostCrypto(), _clock) { TimeoutMs = 2_000, ReversalTimeoutMs = 1_000 };
    }

    [Fact]
    public void An_approved_chip_sale_sends_051_F23_F55_and_F60_60_and_stands_with_the_cards_TC()
    {
        _host.Answer = r => _host.Reply(r, "00");

        var (result, entry) = ChipSale(1_000);

        Assert.Equal(PaymentResult.Approved, result);
        Iso8583Message request = Assert.Single(_host.Requests);
        Assert.Equal(("051", 1L), (request.GetString(Field.EntryMode), request.GetNumber(Field.CardSequence)));
        Assert.EndsWith("60", request.GetString(Field.MessageInfo), StringComparison.Ordinal);
        Assert.True(request.Has(Field.IccData));
        Assert.Equal((HostAnswer.Approved, "00"), (_card.Answer, _card.ResponseCode));
        TxnEntry booted = _rig.Reboot().At(0);
        Assert.Equal(TxnState.Approved, booted.State);
        Assert.Equal(CryptogramKind.Tc, CryptogramKind.Of(booted.Chip!.FinalCid));
        Assert.Equal(PaymentStore.ChipAdviceTcUpload, _rig.Store.NextChipAdvice(out _));
        Assert.Equal(TxnState.Approved, entry!.State);
    }

    [Fact]
    public void The_TC_goes_up_before_the_next_job_as_0320_203_and_is_not_sent_twice()
    {
        _host.Answer = r => _host.Reply(r, "00");
        var (_, sale) = ChipSale(1_000);

        Resolve();
        Resolve();

        Iso8583Message upload = Assert.Single(_host.Requests, r => r.Mti == 320);
        Assert.Equal("00" + Batch + "203", upload.GetString(Field.MessageInfo));
        Assert.Equal(sale!.Rrn, upload.GetString(Field.Rrn));
        Assert.StartsWith(Batch + sale.Stan.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), upload.GetString(Field.OriginalData), StringComparison.Ordinal);
        Assert.NotEqual(sale.Stan, (int)upload.GetNumber(Field.Stan));
        Assert.Equal(0, _rig.Reboot().NextChipAdvice(out _));
    }

    [Fact]
    public void A_card_declining_what_the_host_approved_is_reversed_with_06_and_its_card_data()
    {
        _host.Answer = r => _host.Reply(r, "00");
        _card.Outcome = ChipCompletion.DeclinedAfterApproval;

        var (result, entry) = ChipSale(1_000);

        Assert.Equal(PaymentResult.Reversed, result);
        Assert.Equal(new[] { 200, 400 }, _host.Mtis);
        Iso8583Message reversal = _host.Requests[1];
        Assert.Equal("06", reversal.GetString(Field.ResponseCode));
        Assert.Equal(1L, reversal.GetNumber(Field.CardSequence));
        string icc = Convert.ToHexString(Icc(reversal));
        Assert.StartsWith("95050000048000" + "9F1E08" + Convert.ToHexString(Encoding.ASCII.GetBytes(StoreRig.TerminalId)), icc, StringComparison.Ordinal);
        Assert.Contains("9F36020012", icc, StringComparison.Ordinal);
        Assert.True(entry!.CardDeclined);
        Assert.Equal(TxnState.Reversed, _rig.Reboot().At(0).State);
    }

    [Fact]
    public void A_card_pulled_while_the_host_answers_an_approval_is_reversed_too()
    {
        _host.Answer = r => _host.Reply(r, "00");
        _card.Outcome = ChipCompletion.CardRemoved;

        var (result, entry) = ChipSale(1_000);

        Assert.Equal(PaymentResult.Reversed, result);
        Assert.Equal("06", _host.Requests[1].GetString(Field.ResponseCode));
        Assert.Equal(CryptogramKind.Aac, CryptogramKind.Of(entry!.Chip!.FinalCid));
    }

    [Fact]
    public void A_host_decline_closes_the_card_with_the_decline_and_owes_no_TC()
    {
        _host.Answer = r => _host.Reply(r, "51");
        _card.Outcome = ChipCompletion.Declined;

        var (result, _) = ChipSale(1_000);

        Assert.Equal(PaymentResult.Declined, result);
        Assert.Equal((HostAnswer.Declined, "51"), (_card.Answer, _card.ResponseCode));
        Assert.Equal(new[] { 200 }, _host.Mtis);
        Assert.Equal(0, _rig.Store.NextChipAdvice(out _));
    }

    [Fact]
    public void Without_an_answer_the_card_hears_the_host_was_unreachable_and_the_sale_is_reversed_98()
    {
        _host.Answer = r => r.Mti == 400 ? _host.Reply(r, "00") : null;
        _card.Outcome = ChipCompletion.Declined;

        var (result, _) = ChipSale(1_000);

        Assert.Equal(PaymentResult.Reversed, result);
        Assert.Equal(HostAnswer.Unreachable, _card.Answer);
        Assert.Equal("98", _host.Requests[1].GetString(Field.ResponseCode));
    }

    [Fact]
    public void Issuer_script_results_go_up_in_a_0620_951_with_DF31()
    {
        _host.Answer = r => _host.Reply(r, "00");
        _card.ScriptResults = Convert.FromHexString("2000000001");
        ChipSale(1_000);

        Resolve();

        Iso8583Message notice = Assert.Single(_host.Requests, r => r.Mti == 620);
        Assert.Equal("00" + Batch + "951", notice.GetString(Field.MessageInfo));
        Assert.Contains("DF31052000000001", Convert.ToHexString(Icc(notice)), StringComparison.Ordinal);
        Assert.Single(_host.Requests, r => r.Mti == 320);
    }

    [Fact]
    public void An_advice_the_host_never_answers_does_not_hold_up_the_next_sale()
    {
        _host.Answer = r => _host.Reply(r, "00");
        ChipSale(1_000);
        _host.Answer = r => r.Mti == 320 ? null : _host.Reply(r, "00");

        var (result, _) = ChipSale(2_000);

        Assert.Equal(PaymentResult.Approved, result);
        Assert.Equal(3, _host.Requests.Count(r => r.Mti == 320));
        Assert.Equal(PaymentStore.ChipAdviceTcUpload, _rig.Store.NextChipAdvice(out TxnEntry? owed));
        Assert.Equal(1_000, owed!.Amount);
    }

    private string Batch => _rig.Store.Batch.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Icc(Iso8583Message m)
    {
        var icc = new byte[255];
        int n = m.GetBytes(Field.IccData, icc, 0);
        return icc[..n];
    }

    private (int Result, TxnEntry? Entry) ChipSale(long amount)
    {
        CardData card = _engine.Card;
        card.PanLength = Encoding.ASCII.GetBytes(FullPan, 0, FullPan.Length, card.Pan, 0);
        byte[] icc = Convert.FromHexString("9F2608" + "8E3C1A2B4D5E6F70" + "9F270180");
        icc.CopyTo(card.Icc, 0);
        card.IccLength = icc.Length;
        int done = _observer.Done;
        Assert.True(_engine.Sale(StoreRig.ChipSaleTemplate(amount), _card, _observer));
        FlowRig.PollUntil(_session, _clock, () => _observer.Done != done, "the engine never finished");
        return (_observer.Last, _observer.LastEntry);
    }

    // Boot recovery's job: what is owed goes (reversals, then chip advices).
    private void Resolve()
    {
        int done = _observer.Done;
        Assert.True(_engine.Resolve(_observer));
        FlowRig.PollUntil(_session, _clock, () => _observer.Done != done, "the engine never finished");
        Assert.Equal(PaymentResult.Resolved, _observer.Last);
    }

    // The card: answers the host's decision with the scripted outcome, a TC or an AAC, and its script results.
    private sealed class ScriptedCard : IChipCompletion
    {
        public int Outcome { get; set; } = ChipCompletion.Approved;

        public byte[] ScriptResults { get; set; } = [];

        public int Answer { get; private set; } = -1;

        public string ResponseCode { get; private set; } = string.Empty;

        public int Complete(int answer, string responseCode, byte[] field55, int offset, int length, ChipData result)
        {
            Answer = answer;
            ResponseCode = responseCode;
            ChipData done = StoreRig.Completion(Outcome == ChipCompletion.Approved ? CryptogramKind.Tc : CryptogramKind.Aac);
            result.FinalCid = done.FinalCid;
            done.FinalCryptogram.CopyTo(result.FinalCryptogram, 0);
            result.SetScriptResults(ScriptResults, 0, ScriptResults.Length);
            return Outcome;
        }
    }

    private sealed class Observer : IPaymentObserver
    {
        public int Done { get; private set; }

        public int Last { get; private set; }

        public TxnEntry? LastEntry { get; private set; }

        public void OnProgress(string text)
        {
        }

        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            Done++;
            Last = result;
            LastEntry = entry;
        }
    }
}
