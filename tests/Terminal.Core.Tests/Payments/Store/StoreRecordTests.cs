using CsCheck;
using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;
using Xunit;

namespace Terminal.Core.Tests.Payments.Store;

/// <summary>
/// Each record type has one encoder and one decoder, used live and at replay: what a record encodes decodes to the
/// same record, and bytes a boot cannot trust (cut short, garbled) are refused without an exception.
/// </summary>
public class StoreRecordTests
{
    public static TheoryData<string> Kinds => new(RecordKind.All.Select(k => k.Name));

    private static RecordKind Kind(string name) => RecordKind.All.Single(k => k.Name == name);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decoding_what_a_record_encodes_gives_the_same_record(string name)
    {
        RecordKind kind = Kind(name);
        kind.Any.Sample(
            record =>
            {
                // Anywhere in a buffer: at an offset, with bytes after it that are not its own.
                byte[] b = new byte[600];
                Array.Fill(b, (byte)0xA5);
                int end = record.Encode(b, 7);
                StoreRecord decoded = kind.Empty();

                Assert.True(decoded.Decode(b, 7, end), RecordKind.Show(record));
                Assert.Equal(RecordKind.Show(record), RecordKind.Show(decoded));
            },
            iter: 200);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_record_cut_short_is_refused_without_an_exception(string name)
    {
        RecordKind kind = Kind(name);
        kind.Any.Sample(
            record =>
            {
                byte[] b = new byte[600];
                int end = record.Encode(b, 0);
                for (int cut = 0; cut < end; cut++)
                {
                    // The payload alone, as the journal hands it over: nothing beyond it to read by mistake.
                    byte[] payload = b[..cut];
                    bool decoded = kind.Empty().Decode(payload, 0, cut);
                    Assert.True(!decoded || kind.AcceptsCutAt(record, cut), $"{RecordKind.Show(record)} decoded from its first {cut} of {end} bytes");
                }
            },
            iter: 50);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Garbled_bytes_are_refused_or_read_as_a_record_that_encodes_back_to_itself(string name)
    {
        RecordKind kind = Kind(name);
        Gen.Byte.Array[0, 300].Sample(garbled => ReadBack(kind, garbled), iter: 2000);

        // A good record with one byte changed reaches deeper into the decoder than noise does.
        Gen.Select(kind.Any, Gen.Int[0, 599], Gen.Byte).Sample(
            (record, at, value) =>
            {
                byte[] b = new byte[600];
                int end = record.Encode(b, 0);
                if (end > 0)
                {
                    b[at % end] = value;
                }

                ReadBack(kind, b[..end]);
            },
            iter: 500);
    }

    // Decodes the bytes; when they are taken, what was taken must encode and decode back to itself (it survives a
    // compaction's rewrite like any other record).
    private static void ReadBack(RecordKind kind, byte[] payload)
    {
        StoreRecord first = kind.Empty();
        if (!first.Decode(payload, 0, payload.Length))
        {
            return;
        }

        byte[] b = new byte[4096];
        int end = first.Encode(b, 0);
        StoreRecord again = kind.Empty();
        Assert.True(again.Decode(b, 0, end), RecordKind.Show(first));
        Assert.Equal(RecordKind.Show(first), RecordKind.Show(again));
    }

    [Fact]
    public void Every_record_type_the_store_writes_has_one_record_class_of_its_type()
    {
        int[] written = typeof(PaymentRecord).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (int)f.GetRawConstantValue()!)
            .Order()
            .ToArray();

        Assert.Equal(written, RecordKind.All.Select(k => k.Empty().Type).Order());
        Assert.Equal(written.Length, RecordKind.All.Select(k => k.Name).Distinct().Count());
    }

    [Fact]
    public void An_outcome_neither_approved_nor_declined_is_refused()
    {
        byte[] b = new byte[64];
        int end = new OutcomeRecord { Batch = 7, Stan = 12, State = TxnState.Approved, ResponseCode = "00" }.Encode(b, 0);
        b[6] = TxnState.Reversed;

        Assert.False(new OutcomeRecord().Decode(b, 0, end));
    }

    [Fact]
    public void A_settlement_answer_other_than_balanced_or_not_is_refused()
    {
        byte[] b = [0, 0, 7, 3];

        Assert.False(new SettleAnswerRecord().Decode(b, 0, b.Length));
    }

    [Fact]
    public void A_catalog_of_more_items_than_a_catalog_holds_is_refused()
    {
        byte[] b = [0, 0, 0, 1, ItemCatalog.MaxItems + 1];

        Assert.False(new CatalogMarkRecord(PaymentRecord.CatalogStart).Decode(b, 0, b.Length));
    }

    [Fact]
    public void A_terminal_id_of_the_wrong_length_is_refused()
    {
        byte[] b = new byte[64];
        int end = new ProvisionRecord { TerminalId = "1234567", MerchantId = "123456789012345" }.Encode(b, 0);

        Assert.False(new ProvisionRecord().Decode(b, 0, end));
    }

    [Fact]
    public void Item_lines_with_a_quantity_of_zero_are_refused()
    {
        var lines = new SaleItemsRecord { Batch = 7, Stan = 3 };
        lines.Items.Add(1001, 2, 350);
        byte[] b = new byte[64];
        int end = lines.Encode(b, 0);
        b[6 + 1 + 3] = 0;
        b[6 + 1 + 4] = 0;

        Assert.False(new SaleItemsRecord().Decode(b, 0, end));
    }

    [Fact]
    public void A_snapshot_whose_analysis_is_garbled_keeps_its_counters_and_forgets_the_analysis()
    {
        var analysis = new SalesAnalysis();
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.SaleTemplate(1_000));
        analysis.Compute(rig.Store);
        byte[] b = new byte[256];
        int end = new SnapshotRecord(analysis) { TerminalId = StoreRig.TerminalId, MerchantId = StoreRig.MerchantId, Batch = 8, NextInvoice = 2 }.Encode(b, 0);
        b[SnapshotRecord.FixedSize + 10] = 25; // more hours than a day has

        var read = new SalesAnalysis();
        read.Compute(rig.Store);
        var decoded = new SnapshotRecord(read);
        Assert.True(decoded.Decode(b, 0, end));

        Assert.Equal((8, 2), (decoded.Batch, decoded.NextInvoice));
        Assert.Equal((0, 0), (read.Count, read.Batch));
    }

    [Fact]
    public void A_snapshot_without_an_analysis_leaves_the_one_the_store_has()
    {
        var analysis = new SalesAnalysis();
        var rig = StoreRig.Provisioned();
        rig.Answered(StoreRig.SaleTemplate(1_000));
        analysis.Compute(rig.Store);
        byte[] b = new byte[256];
        int end = new SnapshotRecord(new SalesAnalysis()) { TerminalId = StoreRig.TerminalId, MerchantId = StoreRig.MerchantId }.Encode(b, 0);

        Assert.True(new SnapshotRecord(analysis).Decode(b, 0, SnapshotRecord.FixedSize));

        Assert.Equal((1, 7), (analysis.Count, analysis.Batch));
        Assert.True(end > SnapshotRecord.FixedSize);
    }
}
