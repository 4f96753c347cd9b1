using Terminal.Core.Emv;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Emv;

public sealed class ContactlessEmvReaderTests : IDisposable
{
    private readonly Mfrc522Model _chip = new();
    private readonly Mfrc522 _reader;
    private readonly ContactlessEmvReader _emv;
    private readonly EmvTerminalData _terminal = new()
    {
        Amount = 1234,
        Date = new DateTime(2026, 11, 25, 14, 30, 5, DateTimeKind.Local),
    };

    public ContactlessEmvReaderTests()
    {
        _reader = new Mfrc522(_chip);
        _emv = new ContactlessEmvReader(_reader, new SeededRandom(7));
    }

    public void Dispose() => _reader.Dispose();

    private ContactlessEmvCard Tap(ContactlessEmvCard card)
    {
        _chip.Card = EmvTestCards.OnCarrier(card);
        return card;
    }

    private static Dictionary<int, byte[]> Field55(EmvReadResult result)
    {
        byte[] f55 = new byte[255];
        int n = result.BuildField55(f55, 0, f55.Length);
        Assert.True(n > 0);
        var tags = new Dictionary<int, byte[]>();
        int position = 0;
        while (position < n)
        {
            position = Terminal.Core.Emv.BerTlv.ReadHeader(f55, position, n, out int tag, out int offset, out int length);
            Assert.True(position > 0);
            tags.Add(tag, f55[offset..(offset + length)]);
        }

        return tags;
    }

    private static string Pan(EmvReadResult result)
    {
        byte[] pan = new byte[19];
        int n = result.CopyPan(pan, 0);
        return System.Text.Encoding.ASCII.GetString(pan, 0, n);
    }

    private static string Track2(EmvReadResult result)
    {
        byte[] track = new byte[40];
        int n = result.CopyTrack2(track, 0);
        return System.Text.Encoding.ASCII.GetString(track, 0, n);
    }

    [Fact]
    public void A_Visa_like_card_yields_PAN_expiry_track_2_and_its_cryptogram()
    {
        Tap(EmvTestCards.Visa());

        EmvReadResult result = _emv.Read(_terminal);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(EmvTestCards.VisaPan, Pan(result));
        Assert.Equal(3012, result.ExpiryYymm);
        Assert.StartsWith(EmvTestCards.VisaPan + "=3012201", Track2(result), StringComparison.Ordinal);
        Assert.Equal(8, Field55(result)[0x9F26].Length);
    }

    [Fact]
    public void The_GPO_carries_the_PDOL_data_the_card_asked_for()
    {
        var card = Tap(EmvTestCards.Visa());

        _emv.Read(_terminal);

        byte[] gpo = card.Commands.Single(c => c[0] == 0x80 && c[1] == 0xA8);
        byte[] unpredictable = new byte[4];
        new SeededRandom(7).NextBytes(unpredictable, 0, 4);
        string expected = "8321" + "26800000" + "000000001234" + "000000000000" + "0156" + "0000000000" + "0156" + "261125" + "00"
            + Convert.ToHexString(unpredictable);
        Assert.Equal(expected, Convert.ToHexString(gpo, 5, gpo[4]));
    }

    [Fact]
    public void The_cryptogram_in_field_55_is_the_one_the_card_computed_over_the_PDOL_data()
    {
        var card = Tap(EmvTestCards.Visa());

        EmvReadResult result = _emv.Read(_terminal);

        byte[] gpo = card.Commands.Single(c => c[1] == 0xA8);
        byte[] expected = card.Cryptogram(gpo[7..^1], card.Atc);
        Assert.Equal(expected, Field55(result)[0x9F26]);
        Assert.Equal([(byte)(card.Atc >> 8), (byte)card.Atc], Field55(result)[0x9F36]);
    }

    [Fact]
    public void Field_55_holds_the_CUP_request_tags_in_the_list_order()
    {
        Tap(EmvTestCards.Visa());

        EmvReadResult result = _emv.Read(_terminal);

        var f55 = Field55(result);
        Assert.Equal(
            [0x9F26, 0x9F27, 0x9F10, 0x9F37, 0x9F36, 0x95, 0x9A, 0x9C, 0x9F02, 0x5F2A, 0x82, 0x9F1A, 0x9F03, 0x9F33, 0x9F34, 0x9F35, 0x9F1E, 0x84, 0x9F09, 0x9F41],
            f55.Keys.ToArray());
        Assert.Equal("3F0000", Convert.ToHexString(f55[0x9F34])); // the read performs no CVM
        Assert.Equal("000000001234", Convert.ToHexString(f55[0x9F02]));
        Assert.Equal("0156", Convert.ToHexString(f55[0x5F2A]));
        Assert.Equal("A0000000031010", Convert.ToHexString(f55[0x84]));
        Assert.Equal("0000000000", Convert.ToHexString(f55[0x95]));
    }

    [Fact]
    public void Field_55_that_does_not_fit_the_callers_buffer_is_refused()
    {
        Tap(EmvTestCards.Visa());
        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal(-1, result.BuildField55(new byte[20], 0, 20));
    }

    [Fact]
    public void A_Mastercard_like_card_answers_GPO_in_format_1_and_gives_its_cryptogram_to_GENERATE_AC()
    {
        var card = Tap(EmvTestCards.Mastercard());

        EmvReadResult result = _emv.Read(_terminal);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(EmvTestCards.MastercardPan, Pan(result));
        byte[] generateAc = card.Commands.Single(c => c[0] == 0x80 && c[1] == 0xAE);
        Assert.Equal(0x80, generateAc[2]); // ARQC requested
        Assert.Equal(card.Cryptogram(generateAc[5..^1], card.Atc), Field55(result)[0x9F26]);
        Assert.Equal("1980", Convert.ToHexString(Field55(result)[0x82]));
    }

    [Fact]
    public void A_UnionPay_like_card_yields_its_19_digit_PAN()
    {
        Tap(EmvTestCards.UnionPay());

        EmvReadResult result = _emv.Read(_terminal);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(19, Pan(result).Length);
        Assert.Equal(EmvTestCards.UnionPayPan, Pan(result));
        Assert.Equal(3106, result.ExpiryYymm);
    }

    [Fact]
    public void The_application_with_the_highest_priority_is_chosen_not_the_first_listed()
    {
        Tap(EmvTestCards.DualBrand());

        EmvReadResult result = _emv.Read(_terminal);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal("A000000333010101", Convert.ToHexString(Field55(result)[0x84]));
    }

    [Fact]
    public void The_masked_PAN_shows_the_first_6_and_last_4_digits_only()
    {
        Tap(EmvTestCards.UnionPay());

        EmvReadResult result = _emv.Read(_terminal);

        string pan = EmvTestCards.UnionPayPan;
        Assert.Equal(pan[..6] + new string('*', 9) + pan[^4..], result.MaskedPan());
    }

    [Fact]
    public void A_card_with_a_malformed_record_gives_an_error_naming_the_record()
    {
        Tap(EmvTestCards.MalformedRecords());

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal(EmvReadError.MalformedData, result.Error);
        Assert.Contains("READ RECORD SFI 1 record 2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slow_card_that_asks_for_waiting_time_is_read()
    {
        Tap(EmvTestCards.SlowVisa());

        EmvReadResult result = _emv.Read(_terminal);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(1, _chip.Card!.WtxRequests);
    }

    [Fact]
    public void CRC_errors_on_the_air_are_recovered_and_the_read_succeeds()
    {
        Tap(EmvTestCards.Visa());
        _chip.CorruptNextResponses = 1; // the SAK of the first activation attempt
        _chip.DropAnswerAfter(7); // the answer to SELECT PPSE, after ATQA, UID, SAK, then ATQA, UID, SAK, ATS

        EmvReadResult result = _emv.Read(_terminal);

        Assert.True(result.Succeeded, result.Reason);
        Assert.True(_chip.Card!.Retransmissions >= 1);
    }

    [Fact]
    public void A_card_removed_during_the_read_gives_a_communication_error()
    {
        Tap(EmvTestCards.Visa());
        _chip.Card!.LeaveFieldAfter(8); // activation, SELECTs and GPO, then gone while reading records

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal(EmvReadError.CardCommunication, result.Error);
        Assert.Equal(ReaderStatus.Timeout, result.ReaderStatus);
    }

    [Fact]
    public void No_card_in_the_field_gives_a_communication_error_at_activation()
    {
        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal(EmvReadError.CardCommunication, result.Error);
        Assert.StartsWith("activate", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_without_the_PPSE_gives_the_status_word_it_answered()
    {
        Tap(new ContactlessEmvCard("no-ppse", EmvTestCards.Visa().Applications[0]) { HasPpse = false });

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal((EmvReadError.StatusWord, 0x6A82), (result.Error, result.StatusWord));
        Assert.Equal("SELECT PPSE: status 6A82", result.Reason);
    }

    [Fact]
    public void A_card_whose_applications_the_terminal_does_not_accept_is_refused()
    {
        Tap(EmvTestCards.Visa());
        _emv.SupportedAids = [Hex("A0000000651010")];

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal(EmvReadError.NoSupportedApplication, result.Error);
    }

    [Fact]
    public void No_reason_ever_contains_the_card_number()
    {
        foreach (string name in EmvTestCards.Names)
        {
            Tap(EmvTestCards.Create(name));
            _chip.Card!.LeaveFieldAfter(name.Length * 3);
            EmvReadResult result = _emv.Read(_terminal);
            Assert.DoesNotContain("4761739", result.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("6212345", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_reader_leaves_the_card_deselected_after_a_read()
    {
        Tap(EmvTestCards.Visa());

        _emv.Read(_terminal);

        Assert.True(_chip.Card!.IsHalted);
    }

    [Fact]
    public void Wiping_the_result_forgets_the_card_data()
    {
        Tap(EmvTestCards.Visa());
        EmvReadResult result = _emv.Read(_terminal);

        result.Wipe();

        Assert.Equal(-1, result.CopyPan(new byte[19], 0));
        Assert.Equal(0, result.Data.Count);
    }

    [Fact]
    public void A_card_that_declines_offline_with_an_AAC_gives_a_declined_result()
    {
        EmvCardApplication visa = EmvTestCards.Visa().Applications[0];
        Tap(new ContactlessEmvCard("aac", Clone(visa, cryptogramInfo: 0x00)));

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal(EmvReadError.CardDeclined, result.Error);
    }

    [Fact]
    public void A_card_refusing_GPO_gives_the_status_word_and_the_step()
    {
        EmvCardApplication visa = EmvTestCards.Visa().Applications[0];
        Tap(new ContactlessEmvCard("refuses", Clone(visa, gpoRefusal: 0x6985)));

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal((EmvReadError.StatusWord, 0x6985), (result.Error, result.StatusWord));
        Assert.Equal("GET PROCESSING OPTIONS: status 6985", result.Reason);
    }

    [Fact]
    public void A_card_with_a_7_byte_UID_is_read_the_same_way()
    {
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Mastercard(), doubleUid: true);

        EmvReadResult result = _emv.Read(_terminal);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(EmvTestCards.MastercardPan, Pan(result));
    }

    private static EmvCardApplication Clone(EmvCardApplication app, byte cryptogramInfo = 0x80, int gpoRefusal = 0) => new()
    {
        Aid = app.Aid,
        Label = app.Label,
        Priority = app.Priority,
        Pdol = app.Pdol,
        GpoExtra = app.GpoExtra,
        Records = app.Records,
        CryptogramInfo = cryptogramInfo,
        GpoRefusal = gpoRefusal,
    };

    [Fact]
    public void Two_cards_at_once_give_a_collision_result_asking_for_one_card()
    {
        _chip.Cards.AddRange([EmvTestCards.OnCarrier(EmvTestCards.Visa()), EmvTestCards.OnCarrier(EmvTestCards.Mastercard(), doubleUid: true)]);

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal((EmvReadError.CardCommunication, ReaderStatus.Collision), (result.Error, result.ReaderStatus));
        Assert.Equal("activate: more than one card", result.Reason);
    }
}
