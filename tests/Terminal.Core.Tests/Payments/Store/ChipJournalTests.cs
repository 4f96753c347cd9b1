using System.Text;
using CsCheck;
using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;
using Xunit;

namespace Terminal.Core.Tests.Payments.Store;

/// <summary>
/// A chip sale in the journal: its card data comes back after a reboot as it was written, a card that declines after
/// the host approved is marked and reversed, records written before chip data existed still decode, and nothing a
/// chip record holds is the card number.
/// </summary>
public class ChipJournalTests
{
    // A request record as the store wrote it before chip sections (OldJournalGoldens, commit 8e7bacc): sale, card,
    // swipe, operator 3, invoice 1, STAN 1, batch 7, 15.50, 476173******0010, expiry 2812, 11-25 10:15:00.
    private const string OldRequest = "01000103000001000001000007000000060E103437363137332A2A2A2A2A2A303031300AFC0465018C7C000000000000000000000000";

    [Fact]
    public void A_request_written_before_chip_sections_decodes_with_no_chip_data()
    {
        byte[] payload = Convert.FromHexString(OldRequest);
        var r = new RequestRecord();

        Assert.True(r.Decode(payload, 0, payload.Length));

        TxnEntry e = r.Entry;
        Assert.Equal((TxnKind.Sale, TxnChannel.Card, EntryMode.Swipe, 3, 1, 1, 7, 1550L), (e.Kind, e.Channel, e.Mode, e.Operator, e.Invoice, e.Stan, e.Batch, e.Amount));
        Assert.Equal(("476173******0010", 2812, 1125, 101500), (e.MaskedPan, e.ExpiryYymm, e.DateMmdd, e.TimeHhmmss));
        Assert.Null(e.Chip);
        Assert.False(e.CardDeclined);
    }

    [Fact]
    public void A_request_without_chip_data_is_written_byte_for_byte_as_before()
    {
        byte[] payload = Convert.FromHexString(OldRequest);
        var r = new RequestRecord();
        Assert.True(r.Decode(payload, 0, payload.Length));

        byte[] b = new byte[TxnEntry.MaxEncoded];
        int end = r.Encode(b, 0);

        Assert.Equal(OldRequest, Convert.ToHexString(b, 0, end));
    }

    [Fact]
    public void A_section_a_newer_version_adds_is_passed_over()
    {
        byte[] payload = Convert.FromHexString(OldRequest + "7F03AABBCC");
        var r = new RequestRecord();

        Assert.True(r.Decode(payload, 0, payload.Length));
        Assert.Null(r.Entry.Chip);
    }

    [Fact]
    public void A_section_longer_than_the_record_is_refused()
    {
        byte[] payload = Convert.FromHexString(OldRequest + "0160AABBCC");

        Assert.False(new RequestRecord().Decode(payload, 0, payload.Length));
    }

    [Fact]
    public void The_largest_request_fits_its_stated_maximum()
    {
        TxnEntry e = StoreRig.ChipSaleTemplate(99_999_999_99);
        e.MaskedPan = new string('9', 19);
        e.OriginalRrn = new string('9', 12);
        e.OriginalAuthCode = "999999";
        e.Chip!.Label = new string('L', 40);
        e.Chip.SetAid(new byte[40], 0, 40);
        e.Chip.SetIad(new byte[40], 0, 40);

        Assert.Equal(TxnEntry.MaxEncoded, e.EncodeRequest(new byte[TxnEntry.MaxEncoded], 0));
    }

    [Fact]
    public void A_chip_sale_and_its_tc_come_back_after_a_reboot_as_they_were()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.ChipSaleTemplate(12_800));
        Assert.True(rig.Store.RecordChipResult(sale, StoreRig.Completion(CryptogramKind.Tc)));
        string before = StoreRig.View(rig.Store);

        PaymentStore after = rig.Reboot();

        TxnEntry e = after.At(0);
        Assert.Equal((EntryMode.Inserted, TxnState.Approved, false), (e.Mode, e.State, e.CardDeclined));
        Assert.Equal(("A000000333010101", "PBOC DEBIT", 1, "0000048000", "F800", "0012"), (e.Chip!.AidHex(), e.Chip.Label, e.Chip.PanSequence, e.Chip.TvrHex(), e.Chip.TsiHex(), e.Chip.AtcHex()));
        Assert.Equal(("TC", "3C9D0E1F2A3B4C5D", "8E3C1A2B4D5E6F70"), (e.Chip.CryptogramName(), e.Chip.CryptogramHex(), Convert.ToHexString(e.Chip.Arqc)));
        Assert.Equal(before, StoreRig.View(after));
    }

    [Fact]
    public void The_store_keeps_its_own_copy_of_the_chip_data_it_is_given()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry template = StoreRig.ChipSaleTemplate(500);
        TxnEntry sale = rig.Store.Begin(template)!;

        template.Chip!.Atc = 0x0999;
        template.Chip.Tvr[0] = 0xFF;

        Assert.Equal(("0012", "0000048000"), (sale.Chip!.AtcHex(), sale.Chip.TvrHex()));
    }

    [Fact]
    public void A_card_that_declines_after_the_host_approved_is_marked_and_to_be_reversed()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.ChipSaleTemplate(12_800));

        Assert.True(rig.Store.RecordChipResult(sale, StoreRig.Completion(CryptogramKind.Aac)));

        Assert.Equal((TxnState.ReversalPending, true, "AAC"), (sale.State, sale.CardDeclined, sale.Chip!.CryptogramName()));
        Assert.Same(sale, rig.Store.NextUnresolved());
        Assert.False(sale.Settles);
    }

    [Fact]
    public void A_card_declined_after_approval_is_still_to_be_reversed_after_a_reboot_and_stays_marked_once_reversed()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.ChipSaleTemplate(12_800));
        Assert.True(rig.Store.RecordChipResult(sale, StoreRig.Completion(CryptogramKind.Aac)));

        PaymentStore after = rig.Reboot();
        TxnEntry owed = after.NextUnresolved()!;
        Assert.Equal((TxnState.ReversalPending, true), (owed.State, owed.CardDeclined));
        Assert.True(after.RecordReversed(owed));

        TxnEntry reversed = rig.Reboot().At(0);
        Assert.Equal((TxnState.Reversed, true), (reversed.State, reversed.CardDeclined));
        var totals = new BatchTotals();
        rig.Store.Totals(totals);
        Assert.Equal((0, 0L), (totals.Count(TxnKind.Sale, TxnChannel.Card), totals.Amount(TxnKind.Sale, TxnChannel.Card)));
    }

    [Fact]
    public void An_aac_after_the_host_declined_leaves_a_plain_decline()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.ChipSaleTemplate(12_800), approved: false);

        Assert.True(rig.Store.RecordChipResult(sale, StoreRig.Completion(CryptogramKind.Aac)));

        Assert.Equal((TxnState.Declined, false), (sale.State, sale.CardDeclined));
        Assert.Null(rig.Store.NextUnresolved());
    }

    [Fact]
    public void An_approved_inserted_sale_whose_card_never_completed_is_reversed_after_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.ChipSaleTemplate(12_800));

        PaymentStore after = rig.Reboot();

        Assert.Equal((TxnState.ReversalPending, true), (after.At(0).State, after.At(0).CardDeclined));
    }

    [Fact]
    public void An_approved_tapped_sale_needs_no_completion()
    {
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.ChipSaleTemplate(12_800, EntryMode.Contactless));

        PaymentStore after = rig.Reboot();

        Assert.Equal((TxnState.Approved, false), (after.At(0).State, after.At(0).CardDeclined));
        Assert.Equal("ARQC", after.At(0).Chip!.CryptogramName());
    }

    [Fact]
    public void A_fallback_swipe_is_sent_as_a_swipe_marked_by_the_ic_condition_code()
    {
        Assert.Equal(("801", 2), (EntryMode.Field22(EntryMode.Fallback), EntryMode.IcCondition(EntryMode.Fallback)));
        Assert.Equal(("051", 0), (EntryMode.Field22(EntryMode.Inserted), EntryMode.IcCondition(EntryMode.Inserted)));
        Assert.Equal(0, EntryMode.IcCondition(EntryMode.Swipe));
    }

    [Fact]
    public void Nothing_a_chip_sale_journals_holds_the_card_number_beyond_its_first_6_and_last_4_digits()
    {
        Gen.Select(Gen.Char['0', '9'].Array[16, 19].Select(d => new string(d)), RecordKind.AnyChip, Gen.Int[0, 255], Gen.Byte.Array[8]).Sample(
            (pan, chip, cid, ac) =>
            {
                var rig = StoreRig.Provisioned();
                TxnEntry template = StoreRig.ChipSaleTemplate(1_000);
                template.MaskedPan = pan[..6] + new string('*', pan.Length - 10) + pan[^4..];
                template.Chip = chip;
                TxnEntry sale = rig.Answered(template);
                ChipData completion = StoreRig.Completion(cid);
                ac.CopyTo(completion.FinalCryptogram, 0);
                Assert.True(rig.Store.RecordChipResult(sale, completion));

                // What the journal holds of it: the request record and the chip result record, as the store encodes them.
                byte[] b = new byte[1024];
                int end = new RequestRecord { Entry = rig.Store.At(0) }.Encode(b, 0);
                var result = new ChipResultRecord { Batch = sale.Batch, Stan = sale.Stan };
                result.Result.CopyFrom(completion);
                end = result.Encode(b, end);
                byte[] encoded = b[..end];

                string hidden = pan[6..^4];
                Assert.False(Contains(encoded, Encoding.ASCII.GetBytes(pan)));
                Assert.False(Contains(encoded, Bcd(pan)) || Contains(encoded, Bcd("0" + pan)));
                Assert.True(!Contains(encoded, Encoding.ASCII.GetBytes(hidden)) || template.MaskedPan.Contains(hidden, StringComparison.Ordinal), $"{hidden} of {pan} in {Convert.ToHexString(encoded)}");
                Assert.Equal(template.MaskedPan, rig.Reboot().At(0).MaskedPan);
            },
            iter: 100);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[] Bcd(string digits)
    {
        string even = digits.Length % 2 == 0 ? digits : digits + "F";
        return Convert.FromHexString(even);
    }
}
