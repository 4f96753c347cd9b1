using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class PaymentStoreTests
{
    [Fact]
    public void Provisioning_batch_operator_and_transactions_survive_a_remount()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(12_345));
        Assert.True(rig.Store.RecordPrinted(sale, 3));
        rig.Answered(StoreRig.SaleTemplate(500, TxnChannel.Alipay), approved: false);
        string before = StoreRig.View(rig.Store);

        PaymentStore after = rig.Reboot();

        Assert.Equal(StoreRig.TerminalId, after.Identity!.TerminalId);
        Assert.Equal(StoreRig.MerchantId, after.Identity.MerchantId);
        Assert.Equal(7, after.Batch);
        Assert.Equal(7, after.Identity.Batch);
        Assert.Equal(3, after.Operator);
        Assert.Equal(2, after.Count);
        TxnEntry replayed = after.At(0);
        Assert.Equal((TxnState.Approved, 12_345L, StoreRig.Rrn(sale.Stan), "00", 3, StoreRig.MaskedPan), (replayed.State, replayed.Amount, replayed.Rrn, replayed.ResponseCode, replayed.Printed, replayed.MaskedPan));
        Assert.Equal(TxnState.Declined, after.At(1).State);
        Assert.Equal(before, StoreRig.View(after));
    }

    [Fact]
    public void A_sale_journaled_without_an_outcome_comes_back_after_reboot_as_reversal_pending()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Store.Begin(StoreRig.SaleTemplate(8_800))!;
        Assert.Equal(TxnState.Pending, sale.State);

        PaymentStore after = rig.Reboot();

        Assert.Equal(TxnState.ReversalPending, after.At(0).State);
        Assert.Same(after.At(0), after.NextUnresolved());
        Assert.Equal(1, after.UnresolvedCount());
    }

    [Fact]
    public void A_void_journaled_without_an_outcome_comes_back_after_reboot_as_reversal_pending_and_its_sale_is_not_voided()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(8_800));
        rig.Store.Begin(StoreRig.VoidTemplate(sale));

        PaymentStore after = rig.Reboot();

        Assert.Equal(TxnState.ReversalPending, after.At(1).State);
        Assert.False(after.At(0).Voided);
        Assert.Same(after.At(1), after.NextUnresolved());
    }

    [Fact]
    public void A_refund_journaled_without_an_outcome_comes_back_after_reboot_pending_to_be_resent()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(8_800));
        TxnEntry refund = rig.Store.Begin(StoreRig.RefundTemplate(sale.Rrn, 800))!;

        PaymentStore after = rig.Reboot();

        TxnEntry owed = after.NextUnresolved()!;
        Assert.Equal((TxnKind.Refund, TxnState.Pending, refund.Stan), (owed.Kind, owed.State, owed.Stan));
        Assert.Equal(0, after.At(0).Refunded);
    }

    [Fact]
    public void Unresolved_requests_come_oldest_first_and_are_counted_until_each_is_answered_or_reversed()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry paid = rig.Answered(StoreRig.SaleTemplate(1_000));
        rig.Store.Begin(StoreRig.SaleTemplate(2_000));
        rig.Store.Begin(StoreRig.RefundTemplate(paid.Rrn, 100));
        rig.Answered(StoreRig.SaleTemplate(3_000));

        PaymentStore after = rig.Reboot();
        Assert.Equal(2, after.UnresolvedCount());
        TxnEntry first = after.NextUnresolved()!;
        Assert.Equal(2_000, first.Amount);
        Assert.True(after.RecordReversed(first));
        TxnEntry second = after.NextUnresolved()!;
        Assert.Equal(TxnKind.Refund, second.Kind);
        Assert.True(after.RecordOutcome(second, true, "00", "600000000001", "123456", 1125, 120000));

        Assert.Null(after.NextUnresolved());
        Assert.Equal(0, after.UnresolvedCount());
        Assert.Equal(0, rig.Reboot().UnresolvedCount());
    }

    [Fact]
    public void An_approved_transaction_whose_merchant_copy_was_not_printed_is_owed_a_reprint_after_reboot()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry printed = rig.Answered(StoreRig.SaleTemplate(100));
        rig.Store.RecordPrinted(printed, 1);
        rig.Answered(StoreRig.SaleTemplate(200), approved: false);
        TxnEntry customerOnly = rig.Answered(StoreRig.SaleTemplate(300));
        rig.Store.RecordPrinted(customerOnly, 2);

        PaymentStore after = rig.Reboot();

        Assert.Equal(300, after.NextUnprinted()!.Amount);
        Assert.True(after.RecordPrinted(after.NextUnprinted()!, 1));
        Assert.Null(after.NextUnprinted());
        Assert.Null(rig.Reboot().NextUnprinted());
    }

    [Fact]
    public void An_approved_void_marks_its_sale_voided_also_after_replay()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(4_200));

        rig.Answered(StoreRig.VoidTemplate(sale));

        Assert.True(sale.Voided);
        Assert.True(rig.Reboot().At(0).Voided);
    }

    [Fact]
    public void A_declined_void_leaves_its_sale_standing()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(4_200));

        rig.Answered(StoreRig.VoidTemplate(sale), approved: false);

        Assert.False(sale.Voided);
        Assert.False(rig.Reboot().At(0).Voided);
    }

    [Fact]
    public void A_reversed_approved_void_unvoids_its_sale_also_after_replay()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(4_200));
        TxnEntry voided = rig.Answered(StoreRig.VoidTemplate(sale));

        Assert.True(rig.Store.RecordReversed(voided));

        Assert.False(sale.Voided);
        PaymentStore after = rig.Reboot();
        Assert.False(after.At(0).Voided);
        Assert.Equal(TxnState.Reversed, after.At(1).State);
    }

    [Fact]
    public void An_approved_refund_adds_to_its_sale_refunded_also_after_replay()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry sale = rig.Answered(StoreRig.SaleTemplate(10_000));

        rig.Answered(StoreRig.RefundTemplate(sale.Rrn, 2_500));
        rig.Answered(StoreRig.RefundTemplate(sale.Rrn, 1_000));
        rig.Answered(StoreRig.RefundTemplate(sale.Rrn, 4_000), approved: false);

        Assert.Equal(3_500, sale.Refunded);
        Assert.Equal(3_500, rig.Reboot().At(0).Refunded);
    }

    [Fact]
    public void STANs_are_never_reused_across_reboots()
    {
        var rig = StoreRig.Provisioned();
        var used = new List<int>();
        for (int boot = 0; boot < 4; boot++)
        {
            for (int i = 0; i < 3; i++)
            {
                used.Add(rig.Store.Begin(StoreRig.SaleTemplate(100 + i))!.Stan);
            }

            rig.Reboot();
            int next = rig.Store.Begin(StoreRig.SaleTemplate(1))!.Stan;
            Assert.True(next > used.Max(), $"STAN {next} after reboot {boot} is not above {used.Max()}");
            used.Add(next);
        }

        Assert.Equal(used.Count, used.Distinct().Count());
    }

    [Fact]
    public void STANs_are_never_reused_across_reboots_past_the_StanBlock_boundary()
    {
        // Around the point where the reservation runs low and a new one is written.
        for (int taken = PaymentStore.StanBlock - 12; taken <= PaymentStore.StanBlock + 2; taken++)
        {
            var rig = StoreRig.Provisioned(sectors: 16);
            int last = 0;
            for (int i = 0; i < taken; i++)
            {
                last = rig.Store.Begin(StoreRig.SaleTemplate(100))!.Stan;
            }

            rig.Reboot();

            int next = rig.Store.Begin(StoreRig.SaleTemplate(100))!.Stan;
            Assert.True(next > last, $"after {taken} STANs: {next} is not above {last}");
        }
    }

    [Fact]
    public void STANs_are_never_reused_across_reboots_when_numbering_wraps_from_999999_to_1()
    {
        var rig = StoreRig.Provisioned(sectors: 24);

        // A terminal that has used almost every STAN: its last reservation says so.
        byte[] reserve = new byte[3];
        Terminal.Core.Util.Codec.Put24(reserve, 0, 999_960);
        Assert.True(rig.Journal.Append(PaymentRecord.StanReserve, reserve, 0, 3) > 0);
        rig.Reboot();
        var used = new List<int>();
        for (int i = 0; i < 80; i++)
        {
            TxnEntry e = rig.Store.Begin(StoreRig.SaleTemplate(100)) ?? throw new InvalidOperationException(rig.Store.Problem);
            Assert.DoesNotContain(e.Stan, used);
            used.Add(e.Stan);
            if (i % 9 == 8)
            {
                rig.Reboot();
            }
        }

        // A reboot may skip the STANs it had reserved, but the numbering did wrap.
        Assert.Contains(used, s => s > 999_960);
        Assert.Contains(used, s => s < 100);
    }

    [Fact]
    public void STANs_handed_out_for_settlement_messages_are_not_reused_after_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        Assert.True(rig.Store.ReserveStans());
        int settleStan = rig.Store.Identity!.NextStan();

        rig.Reboot();

        Assert.True(rig.Store.Identity!.NextStan() > settleStan);
    }

    [Fact]
    public void TakeStans_gives_consecutive_STANs_reserved_on_flash_so_a_reboot_continues_above_them()
    {
        var rig = StoreRig.Provisioned();
        int before = rig.Store.Begin(StoreRig.SaleTemplate(100))!.Stan;

        int first = rig.Store.TakeStans(120);

        Assert.Equal(before + 1, first);
        Assert.Equal(first + 119, rig.Store.Identity!.LastStan);
        Assert.True(rig.Store.Begin(StoreRig.SaleTemplate(100))!.Stan > first + 119);
        rig.Reboot();
        Assert.True(rig.Store.Begin(StoreRig.SaleTemplate(100))!.Stan > first + 120);
    }

    [Fact]
    public void TakeStans_on_an_unprovisioned_store_gives_nothing()
    {
        var rig = new StoreRig();

        Assert.Equal(-1, rig.Store.TakeStans(5));
        Assert.Null(rig.Store.Begin(StoreRig.SaleTemplate(100)));
    }

    [Fact]
    public void Invoices_continue_after_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.SaleTemplate(100));
        rig.Store.Begin(StoreRig.SaleTemplate(200));

        rig.Reboot();

        Assert.Equal(3, rig.Store.NextInvoice);
        Assert.Equal(3, rig.Store.Begin(StoreRig.SaleTemplate(300))!.Invoice);
    }

    [Fact]
    public void Invoices_continue_after_settlement_compaction_and_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        for (int i = 0; i < 4; i++)
        {
            rig.Answered(StoreRig.SaleTemplate(100 + i));
        }

        Settle(rig.Store);
        Assert.Equal(5, rig.Store.NextInvoice);
        rig.Reboot();

        Assert.Equal(5, rig.Store.Begin(StoreRig.SaleTemplate(300))!.Invoice);
    }

    [Fact]
    public void A_settlement_requested_but_not_answered_is_resumed_after_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.SaleTemplate(100));
        int stan = BeginSettlement(rig.Store);

        PaymentStore after = rig.Reboot();

        Assert.Equal((SettleStage.Requested, stan), (after.SettlementStage, after.SettlementStan));
        Assert.Equal(1, after.Count);
    }

    [Fact]
    public void An_unbalanced_settlement_answer_is_remembered_across_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.SaleTemplate(100));
        BeginSettlement(rig.Store);

        Assert.True(rig.Store.RecordSettleAnswer(false));

        Assert.Equal(SettleStage.Unbalanced, rig.Store.SettlementStage);
        Assert.Equal(SettleStage.Unbalanced, rig.Reboot().SettlementStage);
    }

    [Fact]
    public void A_batch_upload_resumes_after_a_reboot_at_the_first_unacknowledged_message()
    {
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.SaleTemplate(100));
        rig.Answered(StoreRig.SaleTemplate(200));
        rig.Answered(StoreRig.SaleTemplate(300));
        BeginSettlement(rig.Store);
        rig.Store.RecordSettleAnswer(false);
        int count = rig.Store.SettlingCount();
        int first = rig.Store.TakeStans(count + 1);
        Assert.True(rig.Store.BeginUpload(first, count));
        Assert.True(rig.Store.RecordUploadAcked(0));
        Assert.True(rig.Store.RecordUploadAcked(1));

        PaymentStore after = rig.Reboot();

        Assert.Equal((SettleStage.Uploading, first, 3, 2), (after.SettlementStage, after.UploadBaseStan, after.UploadCount, after.UploadAcked));
        Assert.Equal(300, after.SettlingAt(after.UploadAcked)!.Amount);
        Assert.True(after.Begin(StoreRig.SaleTemplate(1))!.Stan > first + count);
    }

    [Fact]
    public void Completing_a_settlement_advances_the_batch_and_empties_it()
    {
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.SaleTemplate(100));
        rig.Answered(StoreRig.SaleTemplate(200));

        Settle(rig.Store);

        Assert.Equal((8, 0, SettleStage.None), (rig.Store.Batch, rig.Store.Count, rig.Store.SettlementStage));
        Assert.Equal(8, rig.Store.Identity!.Batch);
        PaymentStore after = rig.Reboot();
        Assert.Equal((8, 0, SettleStage.None), (after.Batch, after.Count, after.SettlementStage));
        Assert.Equal(8, after.Begin(StoreRig.SaleTemplate(1))!.Batch);
    }

    [Fact]
    public void The_last_settled_totals_per_kind_and_channel_are_kept_across_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        TxnEntry card = rig.Answered(StoreRig.SaleTemplate(10_000));
        rig.Answered(StoreRig.SaleTemplate(2_000, TxnChannel.WeChat));
        TxnEntry alipay = rig.Answered(StoreRig.SaleTemplate(3_000, TxnChannel.Alipay));
        rig.Answered(StoreRig.VoidTemplate(alipay));
        rig.Answered(StoreRig.RefundTemplate(card.Rrn, 1_500));
        rig.Answered(StoreRig.SaleTemplate(9_999, TxnChannel.UnionPayQr), approved: false);

        Settle(rig.Store, balanced: false, uploads: 3);

        PaymentStore after = rig.Reboot();
        BatchTotals last = after.LastSettled;
        Assert.Equal(7, last.Batch);
        Assert.Equal((2, 12_000L, 1, 1_500L), (last.DebitCount, last.DebitAmount, last.CreditCount, last.CreditAmount));
        Assert.Equal((1, 10_000L), (last.Count(TxnKind.Sale, TxnChannel.Card), last.Amount(TxnKind.Sale, TxnChannel.Card)));
        Assert.Equal((1, 2_000L), (last.Count(TxnKind.Sale, TxnChannel.WeChat), last.Amount(TxnKind.Sale, TxnChannel.WeChat)));
        Assert.Equal((1, 3_000L), (last.Count(TxnKind.Sale, TxnChannel.Alipay), last.Amount(TxnKind.Sale, TxnChannel.Alipay)));
        Assert.Equal((1, 3_000L), (last.Count(TxnKind.Void, TxnChannel.Alipay), last.Amount(TxnKind.Void, TxnChannel.Alipay)));
        Assert.Equal((1, 1_500L), (last.Count(TxnKind.Refund, TxnChannel.Card), last.Amount(TxnKind.Refund, TxnChannel.Card)));
        Assert.Equal(0, last.Count(TxnKind.Sale, TxnChannel.UnionPayQr));
        Assert.Equal((false, 3), (after.LastSettledBalanced, after.LastSettledUploads));
    }

    [Fact]
    public void The_settlement_report_is_owed_until_it_is_recorded_printed_also_across_reboots()
    {
        var rig = StoreRig.Provisioned();
        Assert.True(rig.Store.SettlementReportPrinted);
        rig.Answered(StoreRig.SaleTemplate(100));

        Settle(rig.Store);

        Assert.False(rig.Store.SettlementReportPrinted);
        Assert.False(rig.Reboot().SettlementReportPrinted);
        Assert.True(rig.Store.RecordSettlementPrinted());
        Assert.True(rig.Store.SettlementReportPrinted);
        Assert.True(rig.Reboot().SettlementReportPrinted);
    }

    [Fact]
    public void Completing_a_settlement_reclaims_the_journal_sectors_of_the_closed_batch()
    {
        var rig = StoreRig.Provisioned();
        for (int i = 0; i < 30; i++)
        {
            rig.Answered(StoreRig.SaleTemplate(100 + i));
        }

        int freeBefore = rig.Journal.FreeSectors;

        Settle(rig.Store);

        Assert.True(rig.Journal.FreeSectors > freeBefore, $"free sectors {rig.Journal.FreeSectors}, before {freeBefore}");

        // The snapshot and the reclaim mark after it may fall either side of a sector boundary.
        Assert.InRange(rig.Journal.FreeSectors, rig.Sectors - 2, rig.Sectors - 1);
    }

    [Fact]
    public void A_reboot_after_compaction_still_has_identity_batch_operator_and_counters()
    {
        var rig = StoreRig.Provisioned();
        int lastStan = 0;
        for (int i = 0; i < 30; i++)
        {
            lastStan = rig.Answered(StoreRig.SaleTemplate(100 + i)).Stan;
        }

        int settleStan = Settle(rig.Store);

        PaymentStore after = rig.Reboot();
        Assert.Equal((StoreRig.TerminalId, StoreRig.MerchantId), (after.Identity!.TerminalId, after.Identity.MerchantId));
        Assert.Equal((8, 3, 31), (after.Batch, after.Operator, after.NextInvoice));
        Assert.Equal((30, 30 * 100 + (29 * 30 / 2)), (after.LastSettled.DebitCount, (int)after.LastSettled.DebitAmount));
        int next = after.Begin(StoreRig.SaleTemplate(1))!.Stan;
        Assert.True(next > lastStan && next > settleStan, $"STAN {next} after compaction");
    }

    [Fact]
    public void A_full_journal_refuses_a_new_request_with_settle_now_and_loses_nothing()
    {
        var rig = StoreRig.Provisioned(sectors: 3);
        TxnEntry? e;
        int begun = 0;
        while ((e = rig.Store.Begin(StoreRig.SaleTemplate(100 + begun))) != null)
        {
            begun++;
            if (!rig.Store.RecordOutcome(e, true, "00", StoreRig.Rrn(e.Stan), "A00001", 1125, 101501))
            {
                break;
            }
        }

        Assert.Null(rig.Store.Begin(StoreRig.SaleTemplate(1)));
        Assert.Equal("Journal full: settle now", rig.Store.Problem);
        string view = StoreRig.View(rig.Store);
        Assert.Equal(view, StoreRig.View(rig.Reboot()));
        Assert.True(begun > 5);
        Assert.Equal(begun, rig.Store.Count);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(12)]
    public void A_journal_too_full_for_new_sales_still_takes_the_settlement_that_empties_it(int sectors)
    {
        var rig = StoreRig.Provisioned(sectors);
        while (rig.Store.Begin(StoreRig.SaleTemplate(100)) is { } e)
        {
            if (!rig.Store.RecordOutcome(e, true, "00", StoreRig.Rrn(e.Stan), "A00001", 1125, 101501))
            {
                break;
            }
        }

        // The worst case the reserve must cover: both receipts of every sale, then an unbalanced settlement
        // that uploads every one, then the report.
        PaymentStore store = rig.Store;
        for (int i = 0; i < store.Count; i++)
        {
            Assert.True(store.RecordPrinted(store.At(i), 1), store.Problem);
            Assert.True(store.RecordPrinted(store.At(i), 2), store.Problem);
        }

        int settled = store.SettlingCount();
        BeginSettlement(store);
        Assert.True(store.RecordSettleAnswer(false), store.Problem);
        int first = store.TakeStans(settled + 1);
        Assert.True(first > 0 && store.BeginUpload(first, settled), store.Problem);
        for (int i = 0; i < settled; i++)
        {
            Assert.True(store.RecordUploadAcked(i), store.Problem);
        }

        var totals = new BatchTotals();
        store.Totals(totals);
        Assert.True(store.CompleteSettlement(totals, false, settled), store.Problem);
        Assert.True(store.RecordSettlementPrinted(), store.Problem);

        Assert.Equal((8, 0), (store.Batch, store.Count));
        Assert.Equal(settled, rig.Reboot().LastSettled.DebitCount);
        Assert.NotNull(rig.Store.Begin(StoreRig.SaleTemplate(1)));
    }

    [Fact]
    public void The_journal_image_never_contains_a_full_card_number()
    {
        const string fullPan = "4761739001010010";
        var rig = StoreRig.Provisioned();
        TxnEntry template = StoreRig.SaleTemplate(12_345);
        template.MaskedPan = fullPan[..6] + "******" + fullPan[^4..];
        TxnEntry sale = rig.Answered(template);
        rig.Store.RecordPrinted(sale, 3);
        rig.Answered(StoreRig.VoidTemplate(sale));

        string image = System.Text.Encoding.Latin1.GetString(rig.Flash.Image());

        Assert.Contains("476173******0010", image, StringComparison.Ordinal);
        Assert.DoesNotContain(fullPan, image, StringComparison.Ordinal);
        Assert.DoesNotContain(fullPan[6..12], image, StringComparison.Ordinal);
    }

    private static int BeginSettlement(PaymentStore store)
    {
        Assert.True(store.ReserveStans());
        var totals = new BatchTotals();
        store.Totals(totals);
        int stan = store.Identity!.NextStan();
        Assert.True(store.BeginSettlement(stan, totals), store.Problem);
        return stan;
    }

    // The store's side of a settlement as the engine drives it; returns the 0500's STAN.
    private static int Settle(PaymentStore store, bool balanced = true, int uploads = 0)
    {
        int stan = BeginSettlement(store);
        var totals = new BatchTotals();
        store.Totals(totals);
        Assert.True(store.CompleteSettlement(totals, balanced, uploads), store.Problem);
        return stan;
    }
}
