using Terminal.Core.Flows;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Payments;
using Terminal.Core.Tests.Payments;
using Terminal.Drivers.Simulated.Crypto;
using Xunit;

namespace Terminal.Core.Tests.Flows;

/// <summary>The transaction flow alone: a sale, void or refund against a fake host, and the reversal it hands over to.</summary>
public class TransactionFlowTests
{
    private readonly FlowRig _rig = new();
    private readonly CardData _card = new();
    private readonly Terminal.Drivers.Simulated.Keys.MemoryKeyStore _keys = new();
    private readonly TransactionFlow _flow;

    public TransactionFlowTests()
    {
        var reversal = new ReversalFlow(_rig.Session, _rig.Store) { TimeoutMs = 1_000 };
        var tracks = new Terminal.Core.Security.TrackCipher(_keys, new HostCrypto());
        _flow = new TransactionFlow(_rig.Session, _rig.Store, _rig.Clock, _card, reversal, tracks) { TimeoutMs = 2_000 };
    }

    private int Sale(long amount)
    {
        _flow.Request.CopyFrom(StoreRig.SaleTemplate(amount));
        FlowRig.Swipe(_card);
        return _rig.Run(_flow);
    }

    [Fact]
    public void An_approved_sale_sends_the_card_data_once_journaled_and_records_the_hosts_answer()
    {
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Approved, Sale(12_345));

        Iso8583Message request = Assert.Single(_rig.Host.Requests);
        Assert.Equal((200, "000000", 12_345L, FlowRig.FullPan), (request.Mti, request.GetString(Field.ProcessingCode), request.GetNumber(Field.Amount), request.GetString(Field.Pan)));
        Assert.Equal("4761739001010010D28121011234567890", request.GetString(Field.Track2));
        TxnEntry sale = _rig.Observer.Entry!;
        Assert.Equal((TxnState.Approved, "000000100001", (long)sale.Stan), (sale.State, sale.Rrn, request.GetNumber(Field.Stan)));
        Assert.Equal(TxnState.Approved, _rig.Rig.Reboot().At(0).State);
    }

    [Fact]
    public void The_card_data_is_wiped_once_the_request_is_packed()
    {
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");
        _flow.Request.CopyFrom(StoreRig.SaleTemplate(100));
        FlowRig.Swipe(_card);

        _flow.Start(_rig.Observer);

        Assert.True(_flow.Running);
        Assert.Equal((0, 0), (_card.Track2Length, _card.PanLength));
        Assert.All(_card.Track2.Concat(_card.Pan), b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_declined_sale_is_recorded_declined_with_the_hosts_reason()
    {
        _rig.Host.Answer = r => _rig.Host.Reply(r, "51");

        Assert.Equal(PaymentResult.Declined, Sale(500));

        Assert.Equal(TxnState.Declined, _rig.Observer.Entry!.State);
        Assert.Single(_rig.Host.Requests);
    }

    [Fact]
    public void A_sale_without_an_answer_is_reversed_at_once_with_reason_98_and_nothing_is_charged()
    {
        _rig.Host.Answer = r => r.Mti == 400 ? _rig.Host.Reply(r, "00") : null;

        Assert.Equal(PaymentResult.Reversed, Sale(700));

        Assert.Equal(new[] { 200, 400 }, _rig.Host.Requests.Select(r => r.Mti));
        Assert.Equal(("98", _rig.Host.Requests[0].GetNumber(Field.Stan)), (_rig.Host.Requests[1].GetString(Field.ResponseCode), _rig.Host.Requests[1].GetNumber(Field.Stan)));
        Assert.Equal(TxnState.Reversed, _rig.Observer.Entry!.State);
    }

    [Fact]
    public void An_approval_with_a_bad_MAC_is_reversed_with_reason_A0()
    {
        _rig.Host.Answer = r => r.Mti == 400 ? _rig.Host.Reply(r, "00") : _rig.Host.Reply(r, "00", badMac: true);

        Assert.Equal(PaymentResult.Reversed, Sale(700));

        Assert.Equal("A0", _rig.Host.Requests[^1].GetString(Field.ResponseCode));
    }

    [Fact]
    public void An_approval_without_an_RRN_is_not_taken_and_is_reversed_with_reason_96()
    {
        _rig.Host.Answer = r => r.Mti == 400 ? _rig.Host.Reply(r, "00") : Strip(r);

        Assert.Equal(PaymentResult.Reversed, Sale(700));

        Assert.Equal("96", _rig.Host.Requests[^1].GetString(Field.ResponseCode));
    }

    [Fact]
    public void A_refund_without_an_answer_is_left_owed_for_a_resend_not_reversed()
    {
        _flow.Request.CopyFrom(StoreRig.RefundTemplate("123456789012", 800));

        Assert.Equal(PaymentResult.Unresolved, _rig.Run(_flow));

        Assert.Equal(220, Assert.Single(_rig.Host.Requests).Mti);
        Assert.Same(_rig.Observer.Entry, _rig.Store.NextUnresolved());
    }

    [Fact]
    public void An_approved_void_names_its_sale_by_RRN_batch_and_STAN_and_marks_the_sale_voided()
    {
        TxnEntry sale = _rig.Rig.Answered(StoreRig.SaleTemplate(4_200));
        _flow.Request.CopyFrom(StoreRig.VoidTemplate(sale));
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Approved, _rig.Run(_flow));

        Iso8583Message request = Assert.Single(_rig.Host.Requests);
        string original = sale.Batch.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + sale.Stan.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((200, "200000", sale.Rrn, original), (request.Mti, request.GetString(Field.ProcessingCode), request.GetString(Field.Rrn), request.GetString(Field.OriginalData)));
        Assert.False(request.Has(Field.Track2) || request.Has(Field.Pan));
        Assert.True(sale.Voided);
        Assert.True(_rig.Rig.Reboot().At(0).Voided);
    }

    [Fact]
    public void An_approved_refund_goes_as_an_0220_with_the_original_date_and_counts_against_its_sale()
    {
        TxnEntry sale = _rig.Rig.Answered(StoreRig.SaleTemplate(4_200));
        _flow.Request.CopyFrom(StoreRig.RefundTemplate(sale.Rrn, 1_000));
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Approved, _rig.Run(_flow));

        Iso8583Message request = Assert.Single(_rig.Host.Requests);
        Assert.Equal((220, 1_000L, sale.Rrn, "0000000000001124"), (request.Mti, request.GetNumber(Field.Amount), request.GetString(Field.Rrn), request.GetString(Field.OriginalData)));
        Assert.Equal((TxnState.Approved, 1_000L), (_rig.Observer.Entry!.State, sale.Refunded));
    }

    [Fact]
    public void A_void_of_a_sale_that_was_not_approved_is_refused_before_anything_is_journaled()
    {
        TxnEntry sale = _rig.Rig.Answered(StoreRig.SaleTemplate(4_200), approved: false);
        _flow.Request.CopyFrom(StoreRig.VoidTemplate(sale));
        int count = _rig.Store.Count;

        Assert.Equal(PaymentResult.NotSent, _rig.Run(_flow));

        Assert.Empty(_rig.Host.Requests);
        Assert.Equal(count, _rig.Store.Count);
        Assert.StartsWith("Sale was not approved", _rig.Observer.Message, StringComparison.Ordinal);
    }

    // An approval the host forgot to give its RRN, MACed as it should be.
    private byte[] Strip(Iso8583Message request)
    {
        byte[] full = _rig.Host.Reply(request, "00");
        var reply = new Iso8583Message(request.Profile);
        var codec = new Iso8583Codec(request.Profile);
        Assert.False(codec.Unpack(reply, full, 0, full.Length).IsError);
        reply.Remove(Field.Rrn);
        var mac = new byte[CupMac.Length];
        reply.Set(Field.Mac, mac, 0, mac.Length);
        var buffer = new byte[512];
        Assert.True(codec.Pack(reply, buffer, 0) > 0);
        new CupMac(new HostCrypto()).Compute(ScriptedHost.Mak, 0, ScriptedHost.Mak.Length, buffer, reply.MacInputOffset, reply.MacInputLength, mac, 0);
        int n = codec.Pack(reply, buffer, 0);
        return buffer[..n];
    }

    [Fact]
    public void With_a_track_key_the_swiped_track_goes_encrypted_and_F53_says_so()
    {
        byte[] tdk = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        _keys.Store(Terminal.Hal.KeySlot.Tdk, tdk, 0, 16);
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Assert.Equal(PaymentResult.Approved, Sale(12_345));

        Iso8583Message request = Assert.Single(_rig.Host.Requests);
        string sent = request.GetString(Field.Track2)!;
        Assert.Equal("2610000000000000", request.GetString(Field.SecurityControl));
        Assert.Equal("4761739001010010", sent[..16]); // before the block: clear
        Assert.NotEqual("D281210112345678", sent[16..32]);
        byte[] back = System.Text.Encoding.ASCII.GetBytes(sent);
        Assert.True(new Terminal.Core.Security.TrackCipher(_keys, new HostCrypto()).Transform(false, tdk, 0, 16, back, 0, back.Length));
        Assert.Equal("4761739001010010D28121011234567890", System.Text.Encoding.ASCII.GetString(back));
    }

    [Fact]
    public void Without_a_track_key_and_without_a_PIN_a_swipe_sends_no_F53()
    {
        _rig.Host.Answer = r => _rig.Host.Reply(r, "00");

        Sale(12_345);

        Assert.False(Assert.Single(_rig.Host.Requests).Has(Field.SecurityControl));
    }

    [Theory]
    [InlineData(false, false, "2600000000000000")]
    [InlineData(true, false, "2601000000000000")]
    [InlineData(false, true, "2610000000000000")]
    [InlineData(true, true, "2611000000000000")]
    public void F53_is_pin_format_2_double_length_6_then_the_track_flag_then_the_DUKPT_digit(bool dukpt, bool track, string f53)
    {
        Assert.Equal(f53, SecurityControl.For(dukpt, track));
    }
}
