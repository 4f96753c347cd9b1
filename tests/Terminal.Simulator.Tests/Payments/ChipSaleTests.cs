using AcquirerHost.Rules;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// Chip sales end to end: a card inserted into the simulated TDA8035 slot, the contact kernel, the engine and
/// AcquirerHost (which checks the ARQC with the test issuer's keys), over TCP with TLS and over a serial pty pair.
/// </summary>
public sealed class ChipSaleTests
{
    private readonly List<string> _hostLog = [];
    private readonly WireLines _wire = new();

    private async Task<TerminalRig> Ready(string link)
    {
        Action<string> hostLog = line =>
        {
            lock (_hostLog)
            {
                _hostLog.Add(line);
            }
        };
        var rig = link == "tls"
            ? TerminalRig.Start("tcp", null, _wire, hostLog: hostLog, tls: Tls.TestTls.Pki.Good)
            : TerminalRig.Start(link, null, _wire, hostLog: hostLog);
        rig.ProvisionFromConfig();
        rig.Boot();
        Assert.True(rig.Pos.Engine.SignedIn, "the terminal signs in at boot: " + rig.Pos.LastMessage);
        await Task.CompletedTask;
        return rig;
    }

    private List<string> HostLog
    {
        get
        {
            lock (_hostLog)
            {
                return [.. _hostLog];
            }
        }
    }

    // The requests the terminal sent, unpacked (the wire trace's TX lines; card numbers masked, lengths kept).
    private List<Iso8583Message> Sent() => _wire.Requests();

    private static List<AcquirerHost.Store.AuthorizationRecord> HostSales(TerminalRig rig) =>
        rig.Host.Store.Authorizations(TerminalRig.TerminalId).Where(a => a.Kind == "sale").ToList();

    // Runs the owed work (chip advices) the way the next job would: boot recovery's Resolve.
    private static void SendOwed(TerminalRig rig)
    {
        rig.Pos.Engine.Resolve(new NullObserver());
        rig.Board.RunWhileHostBusy();
    }

    [Theory]
    [InlineData("tls")]
    [InlineData("serial")]
    public async Task An_inserted_card_is_sold_with_its_ARQC_and_the_TC_goes_to_the_host(string link)
    {
        await using var rig = await Ready(link);

        string message = rig.Sale(2_600, "insert:unionpay-debit");

        Assert.Equal("Approved", message);
        TxnEntry sale = rig.Store.At(0);
        Assert.Equal((TxnState.Approved, EntryMode.Inserted), (sale.State, sale.Mode));
        Assert.NotNull(sale.Chip);
        Assert.Equal(CryptogramKind.Tc, CryptogramKind.Of(sale.Chip!.FinalCid));
        Assert.Equal("approved", Assert.Single(HostSales(rig)).Status);
        Assert.Contains(HostLog, l => l.Contains("ARQC verified", StringComparison.Ordinal));

        SendOwed(rig);

        Assert.Equal(1, rig.Host.Store.ChipAdviceCount(TerminalRig.TerminalId, "tc"));
        Assert.Null(rig.Store.NextChipAdvice(out _) == 0 ? null : "still owed");
    }

    [Theory]
    [InlineData("tls")]
    [InlineData("serial")]
    public async Task A_card_that_declines_after_the_host_approved_is_reversed_with_reason_06(string link)
    {
        await using var rig = await Ready(link);

        string message = rig.Sale(2_700, "insert:unionpay-declines");

        TxnEntry sale = rig.Store.At(0);
        Assert.True(sale.CardDeclined, message);
        Assert.Equal(TxnState.Reversed, sale.State);
        Assert.Equal("reversed", Assert.Single(HostSales(rig)).Status);
        Assert.Contains(HostLog, l => l.Contains("0400", StringComparison.Ordinal) && l.Contains("reason 06", StringComparison.Ordinal));
        Assert.Equal(0, rig.Host.Store.ChipAdviceCount(TerminalRig.TerminalId, "tc"));
    }

    [Theory]
    [InlineData("tls")]
    [InlineData("serial")]
    public async Task An_issuer_script_runs_on_the_card_and_its_result_reaches_the_host(string link)
    {
        await using var rig = await Ready(link);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Pan = "621234*", IssuerScript = "72" });

        Assert.Equal("Approved", rig.Sale(2_800, "insert:unionpay-debit"));
        SendOwed(rig);

        var card = (ContactEmvCard)rig.Board.ContactSlot!.LastCard!.Application;
        Assert.Equal(1, card.ScriptsApplied);
        Assert.Equal(1, rig.Host.Store.ChipAdviceCount(TerminalRig.TerminalId, "script-result"));
        Assert.EndsWith(":2", Assert.Single(rig.Host.Store.ChipAdviceDetails(TerminalRig.TerminalId, "script-result")), StringComparison.Ordinal);
        Assert.Equal(1, rig.Host.Store.ChipAdviceCount(TerminalRig.TerminalId, "tc"));
    }

    [Theory]
    [InlineData("tls")]
    [InlineData("serial")]
    public async Task A_chip_card_swiped_is_told_to_insert_and_after_a_chip_failure_its_swipe_goes_as_fallback(string link)
    {
        await using var rig = await Ready(link);
        rig.KeyAmount(2_900);

        rig.Present("swipe:unionpay-debit");
        rig.Board.RunFor(200);
        Assert.Equal("Chip card: insert it", rig.Pos.LastMessage);
        Assert.Equal(0, rig.Store.Count);

        var mute = ContactEmvTestCards.Create("unionpay-debit");
        mute.Mute = true;
        rig.Board.ContactSlot!.Insert(mute);
        rig.Board.RunFor(500);
        Assert.Equal("Chip not read: swipe the card", rig.Pos.LastMessage);
        rig.Board.Withdraw();
        rig.Present("swipe:unionpay-debit");
        rig.EnterPinIfAsked();
        rig.Board.RunWhileHostBusy();

        Assert.Equal("Approved", rig.Pos.LastMessage);
        TxnEntry sale = rig.Store.At(0);
        Assert.Equal(EntryMode.Fallback, sale.Mode);
        Iso8583Message request = Sent().Single(m => m.Mti == 200);
        Assert.Equal("801", request.GetString(Field.EntryMode));
        Assert.EndsWith("62", request.GetString(Field.MessageInfo), StringComparison.Ordinal); // 60.4 = 6, 60.5 = 2: fallback
    }

    [Theory]
    [InlineData("tls")]
    [InlineData("serial")]
    public async Task A_card_pulled_before_the_request_ends_the_sale_with_nothing_sent_and_the_loop_goes_on(string link)
    {
        await using var rig = await Ready(link);
        rig.KeyAmount(3_000);
        rig.Present("insert:unionpay-debit");
        rig.Board.RunFor(300);
        Assert.Contains("ENTER PIN", rig.Board.Display.FrameText(), StringComparison.Ordinal);

        rig.Board.Withdraw();
        rig.Board.RunFor(300);

        Assert.Equal("Card removed: sale cancelled", rig.Pos.LastMessage);
        Assert.Equal(0, rig.Store.Count);
        Assert.Empty(HostSales(rig));
        Assert.Equal("Approved", rig.Sale(3_100, "swipe:visa"));
    }

    [Theory]
    [InlineData("tls")]
    [InlineData("serial")]
    public async Task A_card_pulled_while_the_host_answers_is_reversed_and_shown_not_completed(string link)
    {
        await using var rig = await Ready(link);
        rig.Host.Rules.Add(new ResponseRule { Mti = "0200", Action = RuleAction.Late, DelayMs = 1_500 });
        rig.KeyAmount(3_200);
        rig.Present("insert:unionpay-debit");
        rig.EnterPinIfAsked();
        rig.Board.Withdraw();

        rig.Board.RunWhileHostBusy();

        TxnEntry sale = rig.Store.At(0);
        Assert.True(sale.CardDeclined);
        Assert.Equal(TxnState.Reversed, sale.State);
        Assert.Equal("reversed", Assert.Single(HostSales(rig)).Status);
        Assert.Contains("NOT COMPLETED", rig.Board.Display.FrameText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_two_applications_the_cardholder_chooses_and_the_chosen_one_is_sold()
    {
        await using var rig = await Ready("tls");
        rig.KeyAmount(3_300);
        rig.Present("insert:unionpay-dual");
        rig.Board.RunFor(300);
        string frame = rig.Board.Display.FrameText();
        Assert.Contains("CHOOSE APPLICATION", frame, StringComparison.Ordinal);
        Assert.Contains("UnionPay Credit", frame, StringComparison.Ordinal);

        rig.Press(KeyCode.Digit0 + 2);
        rig.EnterPinIfAsked();
        rig.Board.RunWhileHostBusy();

        Assert.Equal("Approved", rig.Pos.LastMessage);
        Assert.Equal("A000000333010102", rig.Store.At(0).Chip!.AidHex());
    }

    [Fact]
    public async Task The_field_55_of_a_chip_sale_decodes_with_an_independent_TLV_decoder()
    {
        await using var rig = await Ready("tls");
        Assert.Equal("Approved", rig.Sale(3_400, "insert:unionpay-debit"));

        Iso8583Message request = Sent().Single(m => m.Mti == 200);
        Assert.Equal(("051", 1L), (request.GetString(Field.EntryMode), request.GetNumber(Field.CardSequence)));
        var icc = new byte[255];
        int n = request.GetBytes(Field.IccData, icc, 0);

        // The host's decoder, written apart from the firmware's BerTlv, reads it whole and strictly.
        var tags = AcquirerHost.Processing.IssuerChip.Parse(icc.AsSpan(0, n));
        Assert.NotNull(tags);
        foreach (int tag in new[] { 0x9F26, 0x9F27, 0x9F10, 0x9F37, 0x9F36, 0x95, 0x9A, 0x9C, 0x9F02, 0x5F2A, 0x82, 0x9F1A, 0x9F33, 0x9F34, 0x9F35, 0x9F1E, 0x84, 0x9F09, 0x9F41 })
        {
            Assert.True(tags!.ContainsKey(tag), $"field 55 lacks {tag:X}: {string.Join(' ', tags.Keys.Select(k => k.ToString("X", System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        Assert.Equal(0x80, tags![0x9F27][0] & 0xC0);
        Assert.Equal(8, tags[0x9F26].Length);
        Assert.Equal(Convert.FromHexString("000000003400"), tags[0x9F02]);
    }

    private sealed class NullObserver : Terminal.Core.Flows.IPaymentObserver
    {
        public void OnProgress(string text)
        {
        }

        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
        }
    }
}
