using Terminal.Core.Emv;
using Terminal.Drivers.Simulated.Random;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Emv.Contact;

/// <summary>The contact kernel against a scripted card of the tests' own: selection, CVM, risk, cryptograms, the issuer's answer.</summary>
public sealed class ContactEmvKernelTests
{
    private readonly EmvTerminalData _terminal = new()
    {
        Amount = 12800,
        Date = new DateTime(2026, 11, 25, 14, 30, 5, DateTimeKind.Local),
        TransactionSequenceCounter = 42,
        IfdSerialNumber = "SN000123"u8.ToArray(),
    };

    private FakeContactCard _card = null!;

    private ContactEmvKernel Insert(FakeEmvApplet applet)
    {
        _card = new FakeContactCard(applet);
        return new ContactEmvKernel(_card, new SeededRandom(5));
    }

    private IEnumerable<string> CommandsHex => _card.Commands.Select(c => Convert.ToHexString(c));

    private static Dictionary<int, byte[]> Store(ContactEmvKernel kernel, params int[] tags)
    {
        var values = new Dictionary<int, byte[]>();
        foreach (int tag in tags)
        {
            int n = kernel.Card.Data.Find(tag, out int offset);
            if (n >= 0)
            {
                values[tag] = kernel.Card.Data.Buffer[offset..(offset + n)];
            }
        }

        return values;
    }

    private static string Value(ContactEmvKernel kernel, int tag)
    {
        int n = kernel.Card.Data.Find(tag, out int offset);
        return n < 0 ? "absent" : Convert.ToHexString(kernel.Card.Data.Buffer, offset, n);
    }

    // ---- application selection ----

    [Fact]
    public void A_PSE_with_one_application_that_needs_no_confirmation_goes_straight_to_the_host()
    {
        ContactEmvKernel kernel = Insert(FakeEmvApplet.UnionPay());

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(ContactOutcome.GoOnline, result.Outcome);
        Assert.StartsWith("00A404000E315041592E5359532E4444463031", CommandsHex.First(), StringComparison.Ordinal);
        Assert.Contains("00B2010C00", CommandsHex); // READ RECORD 1 of the directory, SFI 1
        Assert.Contains("00A4040008A00000033301010100", CommandsHex);
    }

    [Fact]
    public void Without_a_PSE_the_terminal_selects_each_AID_it_supports()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.HasPse = false;
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(ContactOutcome.GoOnline, result.Outcome);
        string[] selects = CommandsHex.Where(c => c.StartsWith("00A404", StringComparison.Ordinal)).ToArray();
        Assert.Equal("00A4040007A000000333010100", selects[1]); // the terminal's UnionPay AID, a partial name
        Assert.Equal("00A4040207A000000333010100", selects[2]); // next occurrence, after the longer card AID answered
        Assert.Equal("00A4040008A00000033301010100", selects[^1]); // the final selection of the card's full AID
    }

    [Fact]
    public void Two_applications_are_offered_in_priority_order_and_the_second_can_be_chosen()
    {
        var applet = FakeEmvApplet.UnionPay();
        var credit = FakeApp.UnionPayDebit();
        credit.Aid = Hex("A000000333010102");
        credit.Label = "UnionPay Credit";
        credit.Priority = 0x01;
        applet.Apps[0].Priority = 0x02;
        applet.Apps.Add(credit);
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(ContactOutcome.ChooseApplication, result.Outcome);
        Assert.Equal(2, result.CandidateCount);
        Assert.Equal("UnionPay Credit", result.CandidateLabel(0));
        Assert.Equal("UnionPay Debit", result.CandidateLabel(1));

        result = kernel.Select(1);

        Assert.Equal(ContactOutcome.GoOnline, result.Outcome);
        Assert.Equal("A000000333010101", Value(kernel, EmvTag.DfName));
    }

    [Fact]
    public void A_lone_application_that_asks_for_confirmation_is_offered_to_the_cardholder()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].Priority = 0x81;
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(ContactOutcome.ChooseApplication, result.Outcome);
        Assert.Equal(1, result.CandidateCount);
        Assert.DoesNotContain(CommandsHex, c => c.StartsWith("80A8", StringComparison.Ordinal));
    }

    [Fact]
    public void The_preferred_name_is_shown_when_its_code_table_is_one_the_terminal_has()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.HasPse = false;
        applet.Apps[0].PreferredName = "Yinlian Jieji";
        applet.Apps[0].Priority = 0x81;
        ContactEmvKernel kernel = Insert(applet);

        Assert.Equal("Yinlian Jieji", kernel.Begin(_terminal).CandidateLabel(0));
    }

    [Fact]
    public void SELECT_PSE_answered_6A81_ends_the_session_without_trying_the_AIDs()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.PseSelectSw = 0x6A81;
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(ContactOutcome.Failed, result.Outcome);
        Assert.Equal(EmvReadError.StatusWord, result.Error);
        Assert.Contains("6A81", result.Reason, StringComparison.Ordinal);
        Assert.Single(_card.Commands);
    }

    [Fact]
    public void A_blocked_application_6283_is_not_offered()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.HasPse = false;
        applet.Apps[0].SelectSw = 0x6283;
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(EmvReadError.NoSupportedApplication, result.Error);
        Assert.True(result.FallbackAllowed);
    }

    [Fact]
    public void An_application_whose_final_SELECT_fails_leaves_the_list_and_the_choice_is_offered_again()
    {
        var applet = FakeEmvApplet.UnionPay();
        var second = FakeApp.UnionPayDebit();
        second.Aid = Hex("A000000333010102");
        second.Label = "UnionPay Credit";
        second.Priority = 0x02;
        var third = FakeApp.UnionPayDebit();
        third.Aid = Hex("A000000333010103");
        third.Label = "UnionPay Quasi";
        third.Priority = 0x03;
        applet.Apps[0].SelectSw = 0x6A82;
        applet.Apps.Add(second);
        applet.Apps.Add(third);
        ContactEmvKernel kernel = Insert(applet);
        Assert.Equal(3, kernel.Begin(_terminal).CandidateCount);

        ContactKernelResult result = kernel.Select(0);

        Assert.Equal(ContactOutcome.ChooseApplication, result.Outcome);
        Assert.Equal(["UnionPay Credit", "UnionPay Quasi"], [result.CandidateLabel(0), result.CandidateLabel(1)]);
        Assert.Contains("choose again", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GPO_6985_removes_the_application_and_the_remaining_one_is_used()
    {
        var applet = FakeEmvApplet.UnionPay();
        var second = FakeApp.UnionPayDebit();
        second.Aid = Hex("A000000333010102");
        second.Priority = 0x02;
        applet.Apps[0].GpoSw = 0x6985;
        applet.Apps.Add(second);
        ContactEmvKernel kernel = Insert(applet);
        kernel.Begin(_terminal);

        ContactKernelResult result = kernel.Select(0);

        Assert.Equal(ContactOutcome.GoOnline, result.Outcome);
        Assert.Equal("A000000333010102", Value(kernel, EmvTag.DfName));
    }

    [Fact]
    public void A_card_without_a_mandatory_data_object_fails_and_allows_fallback()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].Without(0x8D);
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(EmvReadError.MissingData, result.Error);
        Assert.True(result.FallbackAllowed);
        Assert.Equal(0, kernel.Card.Data.Count);
    }

    [Fact]
    public void A_mute_card_fails_with_fallback_allowed()
    {
        ContactEmvKernel kernel = Insert(FakeEmvApplet.UnionPay());
        _card.AtrStatus = Terminal.Hal.ReaderStatus.Timeout;

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(EmvReadError.CardCommunication, result.Error);
        Assert.True(result.FallbackAllowed);
    }

    [Fact]
    public void GPO_in_format_1_is_read_as_AIP_and_AFL()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].GpoFormat1 = true;
        ContactEmvKernel kernel = Insert(applet);

        Assert.Equal(ContactOutcome.GoOnline, kernel.Begin(_terminal).Outcome);
        Assert.Equal("1C00", Value(kernel, EmvTag.Aip));
    }

    // ---- cardholder verification ----

    [Fact]
    public void Online_PIN_first_in_the_CVM_list_asks_the_caller_for_the_PIN()
    {
        ContactEmvKernel kernel = Insert(FakeEmvApplet.UnionPay());

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.True(result.OnlinePinRequired);
        Assert.Equal("420300", Value(kernel, EmvTag.CvmResults));
        Assert.Equal(0x04, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[2] & 0x04); // online PIN entered
    }

    [Theory]
    [InlineData(5000, "1F0602", CardholderVerification.NoCvmRequired)]
    [InlineData(20000, "1E0700", CardholderVerification.Signature)]
    public void The_X_amount_chooses_between_no_CVM_and_signature(long amount, string cvmResults, CardholderVerification expected)
    {
        var applet = new FakeEmvApplet { Apps = { FakeApp.WithRecords(new FakeApp(), Hex("8E0C 00002710 00000000 1F06 1E07")) } };
        ContactEmvKernel kernel = Insert(applet);
        _terminal.Amount = amount;

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(expected, result.Cvm);
        Assert.Equal(cvmResults, Value(kernel, EmvTag.CvmResults));
    }

    [Fact]
    public void X_and_Y_do_not_apply_when_the_application_currency_is_another()
    {
        var applet = new FakeEmvApplet { Apps = { FakeApp.WithRecords(new FakeApp(), Hex("8E0C 00002710 00000000 1F06 1E00")) } };
        applet.Apps[0].Without(0x9F42);
        ContactEmvKernel kernel = Insert(applet);
        _terminal.Amount = 100;

        Assert.Equal(CardholderVerification.Signature, kernel.Begin(_terminal).Cvm);
    }

    [Fact]
    public void Offline_PIN_only_fails_cardholder_verification_and_the_transaction_still_goes_online()
    {
        var applet = new FakeEmvApplet { Apps = { FakeApp.WithRecords(new FakeApp(), Hex("8E0A 00000000 00000000 0100")) } };
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(ContactOutcome.GoOnline, result.Outcome);
        Assert.Equal(CardholderVerification.Failed, result.Cvm);
        Assert.Equal("010001", Value(kernel, EmvTag.CvmResults));
        Assert.Equal(0x80, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[2] & 0x80);
    }

    [Fact]
    public void An_unknown_CVM_code_sets_unrecognised_CVM_and_the_next_rule_applies()
    {
        var applet = new FakeEmvApplet { Apps = { FakeApp.WithRecords(new FakeApp(), Hex("8E0C 00000000 00000000 6A00 1E00")) } };
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(CardholderVerification.Signature, result.Cvm);
        Assert.Equal(0x40, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[2] & 0x40);
    }

    [Fact]
    public void A_card_without_a_CVM_list_sets_ICC_data_missing_and_no_CVM_performed()
    {
        var applet = new FakeEmvApplet { Apps = { FakeApp.WithRecords(new FakeApp(), []) } };
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(CardholderVerification.NotPerformed, result.Cvm);
        Assert.Equal("3F0000", Value(kernel, EmvTag.CvmResults));
        Assert.Equal(0x20, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[0] & 0x20);
    }

    // ---- TVR, TSI, risk management, action analysis ----

    [Fact]
    public void The_TVR_says_offline_data_authentication_was_not_performed_and_the_floor_limit_is_exceeded()
    {
        ContactEmvKernel kernel = Insert(FakeEmvApplet.UnionPay());

        kernel.Begin(_terminal);

        byte[] tvr = Convert.FromHexString(Value(kernel, EmvTag.Tvr));
        Assert.Equal(0x80, tvr[0] & 0x80);
        Assert.Equal(0x80, tvr[3] & 0x80);
        Assert.Equal("6800", Value(kernel, EmvTag.Tsi)); // CVM, card risk management, terminal risk management performed; no ODA
    }

    [Theory]
    [InlineData("5F24", "251231", 1, 0x40)] // expired application
    [InlineData("5F25", "270101", 1, 0x20)] // not yet effective
    [InlineData("9F08", "0020", 1, 0x80)] // different application versions
    [InlineData("5F28", "0840", 1, 0x10)] // international goods not allowed by the usage control below
    public void Processing_restrictions_set_their_TVR_bits(string tag, string value, int tvrByte, int bit)
    {
        var app = FakeApp.UnionPayDebit().Without(Convert.ToInt32(tag, 16)).Without(0x9F07);
        app.Records[(2, 1)] = [.. app.Records[(2, 1)], .. Tlv(Convert.ToInt32(tag, 16), Hex(value)), .. Tlv(0x9F07, Hex("2B00"))];
        app.FirstAc = null; // the card answers what is asked: the TAC-denial declines "service not allowed" offline
        ContactEmvKernel kernel = Insert(new FakeEmvApplet { Apps = { app } });

        kernel.Begin(_terminal);

        Assert.Equal(bit, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[tvrByte] & bit);
    }

    [Fact]
    public void Velocity_checking_reads_the_counters_and_sets_the_offline_limit_bits()
    {
        var applet = new FakeEmvApplet { Apps = { FakeApp.WithRecords(new FakeApp(), Hex("8E0A 00000000 00000000 1F00"), Tlv(0x9F14, [0x01]), Tlv(0x9F23, [0x03])) } };
        applet.Apps[0].Atc = 0x0015;
        applet.Apps[0].LastOnlineAtc = 0x0010;
        ContactEmvKernel kernel = Insert(applet);

        kernel.Begin(_terminal);

        Assert.Contains("80CA9F3600", CommandsHex);
        Assert.Contains("80CA9F1300", CommandsHex);
        Assert.Equal(0x60, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[3] & 0x60);
    }

    [Fact]
    public void A_last_online_ATC_of_zero_marks_a_new_card()
    {
        var applet = new FakeEmvApplet { Apps = { FakeApp.WithRecords(new FakeApp(), Hex("8E0A 00000000 00000000 1F00"), Tlv(0x9F14, [0x05]), Tlv(0x9F23, [0x09])) } };
        applet.Apps[0].LastOnlineAtc = 0;
        ContactEmvKernel kernel = Insert(applet);

        kernel.Begin(_terminal);

        Assert.Equal(0x08, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[1] & 0x08);
    }

    [Fact]
    public void Without_velocity_limits_no_GET_DATA_is_sent()
    {
        ContactEmvKernel kernel = Insert(FakeEmvApplet.UnionPay());

        kernel.Begin(_terminal);

        Assert.DoesNotContain(CommandsHex, c => c.StartsWith("80CA", StringComparison.Ordinal));
    }

    [Fact]
    public void A_TVR_bit_in_the_terminal_action_code_denial_asks_for_an_AAC()
    {
        var app = FakeApp.UnionPayDebit().Without(0x5F24);
        app.Records[(2, 1)] = [.. app.Records[(2, 1)], .. Tlv(0x5F24, Hex("250630"))];
        app.FirstAc = null;
        ContactEmvKernel kernel = Insert(new FakeEmvApplet { Apps = { app } });
        _terminal.TacDenial = Hex("0040000000"); // decline expired cards offline

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(ContactOutcome.DeclinedOffline, result.Outcome);
        Assert.Equal([0x00], ((FakeEmvApplet)_card.Applet).GenerateAcRequests);
    }

    // ---- first GENERATE AC ----

    [Fact]
    public void The_first_GENERATE_AC_asks_for_an_ARQC_with_the_CDOL1_data()
    {
        ContactEmvKernel kernel = Insert(FakeEmvApplet.UnionPay());

        kernel.Begin(_terminal);

        Assert.Equal([0x80], _card.Applet.GenerateAcRequests);
        byte[] data = _card.Applet.GenerateAcData[0];
        Assert.Equal("000000012800" + "000000000000" + "0156", Convert.ToHexString(data[..14]));
        Assert.Equal(Value(kernel, EmvTag.Tvr), Convert.ToHexString(data[14..19]));
        Assert.Equal(Convert.ToHexString(FakeEmvApplet.Cryptogram(data)), Value(kernel, EmvTag.Cryptogram));
    }

    [Fact]
    public void The_transaction_type_and_date_reach_the_card_as_EMV_writes_them()
    {
        ContactEmvKernel kernel = Insert(FakeEmvApplet.UnionPay());
        _terminal.TransactionType = 0x20; // refund: a code, not the number 20

        kernel.Begin(_terminal);

        byte[] data = _card.Applet.GenerateAcData[0];
        Assert.Equal("261125" + "20", Convert.ToHexString(data[21..25])); // 9A YYMMDD, then 9C
    }

    [Fact]
    public void An_AAC_to_the_first_GENERATE_AC_is_an_offline_decline()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].FirstAc = 0x00;
        ContactEmvKernel kernel = Insert(applet);

        Assert.Equal(ContactOutcome.DeclinedOffline, kernel.Begin(_terminal).Outcome);
    }

    [Fact]
    public void A_TC_to_an_ARQC_request_terminates_the_transaction()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].FirstAc = 0x40;
        ContactEmvKernel kernel = Insert(applet);

        ContactKernelResult result = kernel.Begin(_terminal);

        Assert.Equal(EmvReadError.Terminated, result.Error);
        Assert.False(result.FallbackAllowed);
        Assert.Equal(0, kernel.Card.Data.Count);
    }

    // ---- the host's answer ----

    private ContactEmvKernel Online(FakeEmvApplet applet)
    {
        ContactEmvKernel kernel = Insert(applet);
        Assert.Equal(ContactOutcome.GoOnline, kernel.Begin(_terminal).Outcome);
        return kernel;
    }

    [Fact]
    public void An_approval_with_an_ARPC_is_authenticated_and_the_card_gives_a_TC()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());
        byte[] answer = [.. Tlv(0x91, Hex("1122334455667788 3030")), .. Tlv(0x8A, Ascii("00"))];

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        Assert.Equal(ContactOutcome.Approved, result.Outcome);
        Assert.Equal(IssuerAuthentication.Passed, result.IssuerAuthentication);
        Assert.Contains("008200000A11223344556677883030", CommandsHex);
        Assert.Equal([0x80, 0x40], _card.Applet.GenerateAcRequests);
        Assert.StartsWith("3030", Convert.ToHexString(_card.Applet.GenerateAcData[1]), StringComparison.Ordinal); // 8A first in CDOL2
        Assert.False(result.ReversalRequired);
    }

    [Fact]
    public void A_card_that_declines_after_the_host_approved_must_be_reversed()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].SecondAc = 0x00;
        ContactEmvKernel kernel = Online(applet);

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", null, 0, 0);

        Assert.Equal(ContactOutcome.DeclinedAfterApproval, result.Outcome);
        Assert.True(result.ReversalRequired);
    }

    [Fact]
    public void A_host_decline_asks_the_card_for_an_AAC_with_the_host_response_code()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());

        ContactKernelResult result = kernel.Complete(HostDecision.Declined, "51", null, 0, 0);

        Assert.Equal(ContactOutcome.Declined, result.Outcome);
        Assert.Equal(0x00, _card.Applet.GenerateAcRequests[1]);
        Assert.StartsWith("3531", Convert.ToHexString(_card.Applet.GenerateAcData[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_answer_to_a_balance_inquiry_closes_the_card_with_an_AAC_and_nothing_to_reverse()
    {
        _terminal.TransactionType = EmvTerminalData.BalanceInquiry;
        _terminal.Amount = 0;
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());
        byte[] answer = [.. Tlv(0x91, Hex("1122334455667788 3030"))];

        ContactKernelResult result = kernel.Complete(HostDecision.Inquiry, "00", answer, 0, answer.Length);

        // The host approved the inquiry, yet no money moved: the second GENERATE AC asks for an AAC, as for a decline.
        Assert.Equal([0x80, 0x00], _card.Applet.GenerateAcRequests);
        Assert.StartsWith("3030", Convert.ToHexString(_card.Applet.GenerateAcData[1]), StringComparison.Ordinal);
        Assert.Equal(ContactOutcome.Declined, result.Outcome);
        Assert.False(result.ReversalRequired);
        Assert.Equal(IssuerAuthentication.Passed, result.IssuerAuthentication);
        Assert.Equal(ContactOutcome.Failed, kernel.Complete(HostDecision.Inquiry, "00", null, 0, 0).Outcome); // once only
    }

    [Theory]
    [InlineData(EmvTerminalData.Goods, "00")]
    [InlineData(EmvTerminalData.PreAuthorization, "03")]
    [InlineData(EmvTerminalData.BalanceInquiry, "31")]
    public void Each_kind_tells_the_card_its_transaction_type_in_the_GPO_and_the_first_GENERATE_AC(int type, string nineC)
    {
        _terminal.TransactionType = type;
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());

        Assert.Equal(nineC, Value(kernel, EmvTag.TransactionType));
        Assert.Equal(nineC, Convert.ToHexString(_card.Applet.GenerateAcData[0][24..25])); // CDOL1: 9C after 9A
        string gpo = CommandsHex.Single(c => c.StartsWith("80A8", StringComparison.Ordinal));
        Assert.Equal(nineC, gpo.Substring(gpo.Length - 12, 2)); // PDOL: ... 9A (3) 9C (1) 9F37 (4), then Le
    }

    [Theory]
    [InlineData(EmvTerminalData.Goods)]
    [InlineData(EmvTerminalData.PreAuthorization)]
    public void A_card_valid_only_for_cash_refuses_a_sale_and_a_pre_authorization_alike(int type)
    {
        // Application usage control C100: domestic and international cash, at terminals other than ATMs; no goods, no services.
        var app = FakeApp.UnionPayDebit().Without(0x9F07);
        app.Records[(2, 1)] = [.. app.Records[(2, 1)], .. Tlv(0x9F07, Hex("C100"))];
        app.FirstAc = null;
        ContactEmvKernel kernel = Insert(new FakeEmvApplet { Apps = { app } });
        _terminal.TransactionType = type;

        kernel.Begin(_terminal);

        Assert.Equal(0x10, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[1] & 0x10); // requested service not allowed for card product
    }

    [Fact]
    public void An_unreachable_host_declines_with_Z3()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());

        ContactKernelResult result = kernel.Complete(HostDecision.Unreachable, null, null, 0, 0);

        Assert.Equal(ContactOutcome.Declined, result.Outcome);
        Assert.Equal("5A33", Value(kernel, EmvTag.AuthorisationResponseCode));
        Assert.Equal(0x00, _card.Applet.GenerateAcRequests[1]);
    }

    [Fact]
    public void An_ARPC_the_card_refuses_sets_issuer_authentication_failed()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].ExternalAuthenticateSw = 0x6300;
        ContactEmvKernel kernel = Online(applet);
        byte[] answer = Tlv(0x91, Hex("1122334455667788 3030"));

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        Assert.Equal(IssuerAuthentication.Failed, result.IssuerAuthentication);
        Assert.Equal(0x40, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[4] & 0x40);
    }

    [Fact]
    public void Issuer_authentication_data_named_in_CDOL2_goes_to_the_card_in_GENERATE_AC_not_EXTERNAL_AUTHENTICATE()
    {
        var app = FakeApp.UnionPayDebit().Without(0x8D);
        app.Records[(2, 1)] = [.. app.Records[(2, 1)], .. Tlv(0x8D, Hex("8A02 910A 9505"))];
        ContactEmvKernel kernel = Online(new FakeEmvApplet { Apps = { app } });
        byte[] answer = Tlv(0x91, Hex("1122334455667788 3030"));

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        Assert.DoesNotContain(CommandsHex, c => c.StartsWith("0082", StringComparison.Ordinal));
        Assert.Equal("3030" + "11223344556677883030", Convert.ToHexString(_card.Applet.GenerateAcData[1][..12]));
        Assert.Equal(IssuerAuthentication.Passed, result.IssuerAuthentication);
    }

    [Fact]
    public void Scripts_71_run_before_and_72_after_the_second_GENERATE_AC_and_report_in_DF31()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.ScriptSw = apdu => apdu[1] == 0x24 ? 0x6985 : 0x9000; // the PIN change command fails
        ContactEmvKernel kernel = Online(applet);
        byte[] answer =
        [
            .. Tlv(0x72, Tlv(0x9F18, Hex("00000002")), Tlv(0x86, Hex("84DA9F580400000001")), Tlv(0x86, Hex("8424000208 1122334455667788"))),
            .. Tlv(0x71, Tlv(0x9F18, Hex("00000001")), Tlv(0x86, Hex("841E000008 0102030405060708"))),
        ];

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        Assert.Equal(ContactOutcome.Approved, result.Outcome);
        string[] order = CommandsHex.SkipWhile(c => !c.StartsWith("841E", StringComparison.Ordinal)).Select(c => c[..4]).ToArray();
        Assert.Equal(["841E", "80AE", "84DA", "8424"], order);
        Assert.Equal(2, result.ScriptCount);
        Assert.Equal("2000000001" + "1200000002", Value(kernel, EmvTag.ScriptResults));
        Assert.Equal(0x10, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[4] & 0x30);
        Assert.Equal(0x04, Convert.FromHexString(Value(kernel, EmvTag.Tsi))[0] & 0x04);
    }

    [Fact]
    public void A_script_command_that_is_not_tag_86_fails_the_script_without_sending_it()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());
        byte[] answer = Tlv(0x71, Tlv(0x9F18, Hex("0000000A")), Tlv(0x87, Hex("841E000008 0102030405060708")));

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        Assert.Empty(_card.Applet.ScriptCommands);
        Assert.Equal("100000000A", Value(kernel, EmvTag.ScriptResults));
        Assert.Equal(0x20, Convert.FromHexString(Value(kernel, EmvTag.Tvr))[4] & 0x20);
        Assert.Equal(ContactOutcome.Approved, result.Outcome);
    }

    [Fact]
    public void Complete_before_going_online_is_refused_without_touching_the_card()
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.Apps[0].FirstAc = 0x00;
        ContactEmvKernel kernel = Insert(applet);
        kernel.Begin(_terminal);
        int sent = _card.Commands.Count;

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", null, 0, 0);

        Assert.Equal(EmvReadError.OutOfOrder, result.Error);
        Assert.Equal(sent, _card.Commands.Count);
    }

    [Fact]
    public void End_powers_the_card_off_and_wipes_its_data()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());
        kernel.Complete(HostDecision.Approved, "00", null, 0, 0);

        kernel.End();

        Assert.True(_card.PoweredOff);
        Assert.Equal(0, kernel.Card.Data.Count);
        Assert.Equal(ContactOutcome.Approved, kernel.Result.Outcome);
    }

    [Fact]
    public void A_withdrawn_card_after_approval_asks_for_a_reversal()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());
        _card.PullAt = _card.Commands.Count + 1; // during the second GENERATE AC (after EXTERNAL AUTHENTICATE)
        byte[] answer = Tlv(0x91, Hex("1122334455667788 3030"));

        ContactKernelResult result = kernel.Complete(HostDecision.Approved, "00", answer, 0, answer.Length);

        Assert.Equal(ContactOutcome.CardRemoved, result.Outcome);
        Assert.True(result.ReversalRequired);
        Assert.Equal(0, kernel.Card.Data.Count);
    }
    [Fact]
    public void A_card_taken_out_after_the_approval_leaves_the_outcome_approved()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());
        kernel.Complete(HostDecision.Approved, "00", null, 0, 0);
        kernel.End();

        ContactKernelResult result = kernel.CardWithdrawn();

        Assert.Equal(ContactOutcome.Approved, result.Outcome);
        Assert.False(result.ReversalRequired);
    }

    [Fact]
    public void A_card_taken_out_while_the_host_is_asked_ends_as_card_removed_and_wiped()
    {
        ContactEmvKernel kernel = Online(FakeEmvApplet.UnionPay());

        ContactKernelResult result = kernel.CardWithdrawn();

        Assert.Equal(ContactOutcome.CardRemoved, result.Outcome);
        Assert.Equal(0, kernel.Card.Data.Count);
        Assert.Equal(EmvReadError.OutOfOrder, kernel.Complete(HostDecision.Approved, "00", null, 0, 0).Error);
    }
}
