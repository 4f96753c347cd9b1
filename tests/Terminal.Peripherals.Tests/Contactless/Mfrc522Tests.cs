using Terminal.Drivers.Contactless;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Hal;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Contactless;

public class Mfrc522Tests
{
    private static readonly byte[] SelectPpse = Hex("00A404000E325041592E5359532E444446303100");

    private readonly Mfrc522Model _chip = new();
    private readonly RecordingSink _sink = new();

    private Mfrc522 Reader() => new(_chip);

    private static byte[] Apdu(Mfrc522 reader, byte[] command, out int length)
    {
        byte[] response = new byte[512];
        length = reader.Transceive(command, 0, command.Length, response, 0, response.Length);
        return response;
    }

    [Fact]
    public void The_self_check_reads_the_version_register()
    {
        using var reader = Reader();

        Assert.True(reader.SelfCheck());
    }

    [Fact]
    public void A_chip_with_an_unknown_version_fails_the_self_check()
    {
        using var reader = new Mfrc522(new Mfrc522Model(version: 0x12));

        Assert.False(reader.SelfCheck());
    }

    [Fact]
    public void Register_addresses_are_shifted_left_with_bit_7_marking_a_read()
    {
        Assert.Equal(0x6E, Mfrc522Register.ReadAddress(Mfrc522Register.VersionReg) & 0x7F);
        Assert.Equal(0xEE, Mfrc522Register.ReadAddress(Mfrc522Register.VersionReg));
        Assert.Equal(0x12, Mfrc522Register.WriteAddress(Mfrc522Register.FIFODataReg));
    }

    [Fact]
    public void CRC_A_matches_the_ISO_14443_3_example_of_a_zero_byte_pair()
    {
        // ISO/IEC 14443-3 annex B: 00 00 gives CRC_A bytes A0 1E.
        int crc = Iso14443.CrcA([0x00, 0x00], 0, 2);

        Assert.Equal((0xA0, 0x1E), ((byte)crc, (byte)(crc >> 8)));
    }

    [Fact]
    public void A_card_entering_the_field_is_reported_once_as_present()
    {
        using var reader = Reader();
        reader.Start(_sink);
        reader.Poll(0);
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());

        long next = reader.Poll(Mfrc522.PollIntervalMs);
        reader.Poll(next);

        Assert.Equal([EventKind.CardPresent], _sink.Kinds);
        Assert.False(_chip.Card.IsInProtocol); // detection never activates the card
    }

    [Fact]
    public void An_idle_reader_without_a_field_asks_not_to_be_polled()
    {
        using var reader = Reader();

        Assert.Equal(Deadline.Never, reader.Poll(0));
    }

    [Fact]
    public void A_card_leaving_the_field_is_reported_after_two_missed_polls()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        reader.Start(_sink);
        long t = reader.Poll(0);
        _chip.Card.InField = false;

        t = reader.Poll(t);
        Assert.Equal([EventKind.CardPresent], _sink.Kinds);
        reader.Poll(t);

        Assert.Equal([EventKind.CardPresent, EventKind.CardRemoved], _sink.Kinds);
    }

    [Fact]
    public void Activation_selects_a_4_byte_UID_and_reads_the_ATS()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());

        Assert.Equal(ReaderStatus.Ok, reader.Activate());

        byte[] uid = new byte[10];
        int n = reader.GetUid(uid, 0);
        Assert.Equal("5A3C9E12", Convert.ToHexString(uid, 0, n));
        Assert.Equal(64, reader.CardFrameSize); // FSC 256 capped by the 64-byte FIFO
        Assert.Equal(302 << 7, reader.FrameWaitingTimeUs);
        Assert.True(_chip.Card.IsInProtocol);
    }

    [Fact]
    public void Activation_selects_a_7_byte_UID_over_two_cascade_levels()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa(), doubleUid: true);

        Assert.Equal(ReaderStatus.Ok, reader.Activate());

        byte[] uid = new byte[10];
        int n = reader.GetUid(uid, 0);
        Assert.Equal("04A1B2C3D4E5F6", Convert.ToHexString(uid, 0, n));
    }

    [Fact]
    public void Activation_with_no_card_reports_no_card()
    {
        using var reader = Reader();

        Assert.Equal(ReaderStatus.NoCard, reader.Activate());
    }

    [Fact]
    public void An_APDU_gets_the_cards_response_with_its_status_word()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Mastercard());
        reader.Activate();

        byte[] response = Apdu(reader, SelectPpse, out int n);

        Assert.True(n > 2);
        Assert.Equal((0x6F, 0x90, 0x00), (response[0], response[n - 2], response[n - 1]));
    }

    [Fact]
    public void A_long_response_arrives_in_chained_blocks_each_acknowledged()
    {
        using var reader = Reader();
        var card = EmvTestCards.DualBrand();
        _chip.Card = EmvTestCards.OnCarrier(card);
        reader.Activate();

        byte[] response = Apdu(reader, SelectPpse, out int n);

        Assert.True(n > 61, "the PPSE of a dual-brand card does not fit one frame");
        Assert.Contains(_chip.Card.ReceivedPcbs, pcb => (pcb & 0xF6) == Iso14443.RAck);
        Assert.Equal((0x90, 0x00), (response[n - 2], response[n - 1]));
        Assert.Equal(n - 2, 2 + response[1]); // one whole FCI template
    }

    [Fact]
    public void A_long_command_is_sent_in_chained_blocks()
    {
        using var reader = Reader();
        var card = EmvTestCards.Visa();
        _chip.Card = EmvTestCards.OnCarrier(card);
        reader.Activate();
        byte[] longSelect = [0x00, 0xA4, 0x04, 0x00, 100, .. new byte[100], 0x00];

        Apdu(reader, longSelect, out int n);

        Assert.Equal(2, n); // 6A82: no such application, but the whole command arrived
        Assert.Equal(longSelect, card.Commands[^1]);
        Assert.Contains(_chip.Card.ReceivedPcbs, pcb => (pcb & Iso14443.Chaining) != 0);
    }

    [Fact]
    public void Block_numbers_toggle_from_one_exchange_to_the_next()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Mastercard());
        reader.Activate();

        Apdu(reader, SelectPpse, out _);
        Apdu(reader, SelectPpse, out int n);

        Assert.True(n > 2);
        Assert.Equal([0x02, 0x03], _chip.Card.ReceivedPcbs.Where(p => (p & 0xE2) == 0x02).ToArray());
    }

    [Fact]
    public void A_CRC_error_on_the_cards_answer_is_cured_by_R_NAK_and_retransmission()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Mastercard());
        reader.Activate();
        _chip.CorruptNextResponses = 1;

        byte[] response = Apdu(reader, SelectPpse, out int n);

        Assert.Equal((0x90, 0x00), (response[n - 2], response[n - 1]));
        Assert.Equal(1, _chip.Card.Retransmissions);
        Assert.Contains(_chip.Card.ReceivedPcbs, pcb => (pcb & 0xF6) == Iso14443.RNak);
    }

    [Fact]
    public void A_lost_block_inside_a_chained_answer_is_asked_for_again_with_R_ACK()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.DualBrand());
        reader.Activate();
        Apdu(reader, SelectPpse, out int expected);
        byte[] reference = Apdu(reader, SelectPpse, out _);
        _chip.Card.ReceivedPcbs.Clear();

        // The first block of the answer goes through; the second is lost on the air once.
        _chip.DropAnswerAfter(1);
        byte[] response = Apdu(reader, SelectPpse, out _);

        Assert.Equal(reference.AsSpan(0, expected).ToArray(), response.AsSpan(0, expected).ToArray());
        Assert.Equal(1, _chip.Card.Retransmissions);
    }

    [Fact]
    public void Persistent_CRC_errors_end_the_APDU_with_a_transmission_error()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Mastercard());
        reader.Activate();
        _chip.CorruptNextResponses = 10;

        Apdu(reader, SelectPpse, out int n);

        Assert.Equal(ReaderStatus.TransmissionError, n);
    }

    [Fact]
    public void A_slow_card_gets_the_waiting_time_it_asks_for_with_S_WTX()
    {
        using var reader = Reader();
        var card = EmvTestCards.SlowVisa();
        _chip.Card = EmvTestCards.OnCarrier(card);
        reader.Activate();
        Apdu(reader, Hex("00A4040007A000000003101000"), out _);

        byte[] gpo = [0x80, 0xA8, 0x00, 0x00, 0x23, 0x83, 0x21, .. new byte[0x21], 0x00];
        byte[] response = Apdu(reader, gpo, out int n);

        Assert.Equal(1, _chip.Card.WtxRequests);
        Assert.Equal((0x77, 0x90, 0x00), (response[0], response[n - 2], response[n - 1]));
    }

    [Fact]
    public void A_card_removed_in_the_middle_of_an_APDU_ends_it_with_an_error_and_a_removal_event()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.DualBrand());
        reader.Start(_sink);
        long t = reader.Poll(0);
        reader.Activate();
        _chip.Card.LeaveFieldAfter(1); // the first block of the chained answer, then gone

        Apdu(reader, SelectPpse, out int n);
        t = reader.Poll(t);
        reader.Poll(t);

        Assert.Equal(ReaderStatus.Timeout, n);
        Assert.Equal([EventKind.CardPresent, EventKind.CardRemoved], _sink.Kinds);
    }

    [Fact]
    public void SPI_garbage_makes_the_APDU_fail_with_a_status_and_never_throws()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        reader.Activate();

        for (int attempt = 0; attempt < 50; attempt++)
        {
            _chip.GarbageReads = true;
            Apdu(reader, SelectPpse, out int n);
            Assert.True(n < 0, "garbage was taken for an answer");
        }

        _chip.GarbageReads = false;
        Assert.True(reader.SelfCheck());
    }

    [Fact]
    public void SPI_garbage_fails_the_self_check()
    {
        using var reader = Reader();
        _chip.GarbageReads = true;

        int passes = Enumerable.Range(0, 20).Count(_ => reader.SelfCheck());

        Assert.True(passes < 3);
    }

    [Fact]
    public void Deactivate_sends_S_DESELECT_and_the_card_halts()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        reader.Activate();

        reader.Deactivate();

        Assert.Equal(Iso14443.SDeselect, _chip.Card.ReceivedPcbs[^1]);
        Assert.True(_chip.Card.IsHalted);
        Assert.False(reader.IsActive);
    }

    [Fact]
    public void A_deselected_card_can_be_activated_again()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        reader.Activate();
        reader.Deactivate();

        Assert.Equal(ReaderStatus.Ok, reader.Activate());
        Apdu(reader, SelectPpse, out int n);
        Assert.True(n > 2);
    }

    [Fact]
    public void Transceive_without_an_active_card_reports_no_card()
    {
        using var reader = Reader();

        Apdu(reader, SelectPpse, out int n);

        Assert.Equal(ReaderStatus.NoCard, n);
    }

    [Fact]
    public void An_active_card_is_checked_for_presence_with_R_NAK_without_disturbing_the_session()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Mastercard());
        reader.Start(_sink);
        long t = reader.Poll(0);
        reader.Activate();
        Apdu(reader, SelectPpse, out _);

        t = reader.Poll(t);
        reader.Poll(t);
        Apdu(reader, SelectPpse, out int n);

        Assert.True(n > 2);
        Assert.Equal([EventKind.CardPresent], _sink.Kinds);
    }

    [Fact]
    public void SPI_garbage_during_activation_and_polling_gives_statuses_never_exceptions()
    {
        using var reader = Reader();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        reader.Start(_sink);
        _chip.GarbageReads = true;

        long t = 0;
        for (int i = 0; i < 100; i++)
        {
            int status = reader.Activate();
            Assert.True(status <= ReaderStatus.Ok);
            t = reader.Poll(t);
        }

        _chip.GarbageReads = false;
        Assert.Equal(ReaderStatus.Ok, reader.Activate());
    }

    [Fact]
    public void Two_cards_in_the_field_are_reported_as_a_collision_and_neither_is_activated()
    {
        using var reader = Reader();
        var first = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        var second = EmvTestCards.OnCarrier(EmvTestCards.UnionPay(), doubleUid: true);
        _chip.Cards.AddRange([first, second]);

        Assert.Equal(ReaderStatus.Collision, reader.Activate());
        Assert.False(first.IsInProtocol || second.IsInProtocol);

        _chip.Cards.Remove(second);
        Assert.Equal(ReaderStatus.Ok, reader.Activate());
    }
}
