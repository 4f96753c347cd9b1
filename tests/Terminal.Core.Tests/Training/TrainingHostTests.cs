using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Training;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Xunit;

namespace Terminal.Core.Tests.Training;

/// <summary>The acquirer host inside the terminal that answers training transactions.</summary>
public sealed class TrainingHostTests
{
    private static readonly byte[] Mak = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Local));
    private static readonly Iso8583Profile Profile = CupProfile.Create();
    private static readonly Iso8583Codec Codec = new(Profile);
    private readonly HostCrypto _crypto = new();
    private readonly TrainingHost _host;

    public TrainingHostTests()
    {
        _host = new TrainingHost(Profile, _crypto, _clock, 1024);
        _host.SetMak(Mak, 0, Mak.Length);
    }

    private Iso8583Message Request(int mti, string processingCode, long amount, int stan)
    {
        var m = new Iso8583Message(Profile) { Mti = mti };
        m.SetPreamble(new byte[Profile.PreambleLength], 0);
        m.Set(Field.ProcessingCode, processingCode);
        m.SetNumber(Field.Amount, amount);
        m.SetNumber(Field.Stan, stan);
        m.Set(Field.TerminalId, "12345678");
        m.Set(Field.MerchantId, "898310048990001");
        return m;
    }

    private Iso8583Message Settlement(long debit, int debitCount, long credit, int creditCount, int stan)
    {
        var m = new Iso8583Message(Profile) { Mti = 500 };
        m.SetPreamble(new byte[Profile.PreambleLength], 0);
        m.SetNumber(Field.Stan, stan);
        m.Set(Field.TerminalId, "12345678");
        m.Set(Field.AdditionalData, $"{debit:D12}{debitCount:D3}{credit:D12}{creditCount:D3}0" + new string('0', 31));
        return m;
    }

    // Packs (MAC'd under key), hands it to the host, lets its answer delay pass and decodes the answer.
    private Iso8583Message Exchange(Iso8583Message request, byte[]? key = null)
    {
        key ??= Mak;
        var wire = new byte[1024];
        request.Set(Field.Mac, new byte[8], 0, 8);
        int length = Codec.Pack(request, wire, 0);
        new CupMac(_crypto).Sign(key, 0, key.Length, wire, request.MtiOffset, length);
        Assert.True(_host.Send(wire, 0, length, _clock.NowMs));
        Assert.Equal(0, _host.FrameLength);
        _clock.Advance(TrainingHost.AnswerDelayMs);
        _host.Poll(_clock.NowMs);
        Assert.True(_host.FrameLength > 0);
        var response = new Iso8583Message(Profile);
        Assert.False(Codec.Unpack(response, _host.Frame, 0, _host.FrameLength).IsError);
        var mac = new byte[8];
        int macAt = response.GetWireOffset(Field.Mac);
        Assert.True(new CupMac(_crypto).Verify(Mak, 0, Mak.Length, _host.Frame, response.MacInputOffset, macAt - response.MacInputOffset, _host.Frame, macAt));
        _host.Release();
        return response;
    }

    [Fact]
    public void A_sale_is_approved_with_a_training_reference_and_echoes_what_the_terminal_matches_on()
    {
        var answer = Exchange(Request(200, "000000", 2500, 17));

        Assert.Equal((210, "00", 17L, "12345678"), (answer.Mti, answer.GetString(Field.ResponseCode), answer.GetNumber(Field.Stan), answer.GetString(Field.TerminalId)));
        Assert.Matches("^TR[0-9]{10}$", answer.GetString(Field.Rrn));
        Assert.StartsWith("T", answer.GetString(Field.AuthCode), StringComparison.Ordinal);
        Assert.Equal(1126L, answer.GetNumber(Field.LocalDate));
    }

    [Fact]
    public void Amounts_ending_in_51_are_declined_51_and_not_counted()
    {
        Assert.Equal("51", Exchange(Request(200, "000000", 1251, 1)).GetString(Field.ResponseCode));
        Assert.Equal('1', Exchange(Settlement(0, 0, 0, 0, 2)).GetString(Field.AdditionalData)![30]);
    }

    [Fact]
    public void A_request_with_a_wrong_MAC_is_answered_A0()
    {
        byte[] wrong = (byte[])Mak.Clone();
        wrong[0] ^= 0x10; // not the parity bit, which DES ignores
        Assert.Equal("A0", Exchange(Request(200, "000000", 2500, 3), wrong).GetString(Field.ResponseCode));
    }

    [Fact]
    public void Settlement_is_balanced_only_when_the_terminal_counts_what_the_host_approved()
    {
        Exchange(Request(200, "000000", 2500, 1));
        Exchange(Request(200, "000000", 1000, 2));
        Exchange(Request(200, "200000", 1000, 3)); // void of the second
        Exchange(Request(220, "200000", 300, 4)); // refund

        Assert.Equal('2', Exchange(Settlement(3500, 2, 300, 1, 5)).GetString(Field.AdditionalData)![30]);
        Exchange(Request(200, "000000", 2500, 6));
        Exchange(Request(200, "200000", 700, 7));
        Exchange(Request(220, "200000", 300, 8));
        Assert.Equal('1', Exchange(Settlement(1800, 0, 300, 1, 9)).GetString(Field.AdditionalData)![30]);
    }

    [Fact]
    public void A_reversal_takes_its_transaction_back_and_a_resent_request_counts_once()
    {
        Exchange(Request(200, "000000", 2500, 1));
        Exchange(Request(400, "000000", 2500, 1));
        Exchange(Request(220, "200000", 400, 2));
        Exchange(Request(220, "200000", 400, 2)); // resent: its answer was lost

        Assert.Equal('1', Exchange(Settlement(0, 0, 400, 1, 3)).GetString(Field.AdditionalData)![30]);
    }
}
