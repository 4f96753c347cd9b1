using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// Snapshot (0x04), written at compaction from each module's part: the counters' (TID, MID as in
    /// <see cref="ProvisionRecord"/>; batch, STAN reserved, next invoice, u24 each; operator, u8), the settlement's
    /// (the last settled totals, <see cref="BatchTotals.Encode"/>; flags, u8: bit 0 balanced, bit 1 report printed;
    /// uploads, u16), then the last settled batch's <see cref="SalesAnalysis"/> in what room the record has left.
    /// </summary>
    public sealed class SnapshotRecord : StoreRecord
    {
        /// <summary>Bytes before the analysis: TID and MID with their lengths, batch, STAN reserved, invoice, operator, totals, flags, uploads.</summary>
        public const int FixedSize = 9 + 16 + 10 + BatchTotals.EncodedSize + 3;

        /// <summary>Terminal ID; empty for an unprovisioned store (a boot then ignores the record).</summary>
        public string TerminalId = string.Empty;

        /// <summary>Merchant ID.</summary>
        public string MerchantId = string.Empty;

        /// <summary>The open batch.</summary>
        public int Batch;

        /// <summary>STANs reserved up to this one.</summary>
        public int StanReserved;

        /// <summary>The next invoice number.</summary>
        public int NextInvoice;

        /// <summary>The operator logged on.</summary>
        public int Operator;

        /// <summary>Totals of the last settled batch.</summary>
        public readonly BatchTotals LastSettled = new BatchTotals();

        /// <summary>Whether it balanced at the first attempt.</summary>
        public bool Balanced;

        /// <summary>Whether its report is printed.</summary>
        public bool ReportPrinted;

        /// <summary>Transactions it uploaded.</summary>
        public int Uploads;

        /// <summary>
        /// The last settled batch's analysis. It is the store's own: it is encoded from it, and decoded straight into
        /// it once everything before it has parsed (it is the record's last part, so a boot never keeps half a
        /// snapshot). Left as it was when the record carries none; cleared when what it carries is malformed.
        /// </summary>
        public readonly SalesAnalysis Analysis;

        /// <summary>A record whose analysis part is <paramref name="analysis"/>.</summary>
        public SnapshotRecord(SalesAnalysis analysis)
            : base(PaymentRecord.Snapshot)
        {
            Analysis = analysis;
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = ProvisionRecord.EncodeIds(b, at, TerminalId, MerchantId);
            p = Codec.Put24(b, p, Batch);
            p = Codec.Put24(b, p, StanReserved);
            p = Codec.Put24(b, p, NextInvoice);
            b[p++] = (byte)Operator;
            p = LastSettled.Encode(b, p);
            b[p++] = (byte)((Balanced ? 1 : 0) | (ReportPrinted ? 2 : 0));
            p = Codec.Put16(b, p, Uploads);

            // The analysis rides here (one record: a compacted journal stays in one sector), in the room left.
            return Analysis.Encode(b, p, b.Length - p);
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            int p = ProvisionRecord.DecodeIds(b, at, end, out TerminalId, out MerchantId);
            if (p < 0 || p + 10 + BatchTotals.EncodedSize + 3 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, p);
            StanReserved = Codec.Get24(b, p + 3);
            NextInvoice = Codec.Get24(b, p + 6);
            Operator = b[p + 9];
            p = LastSettled.Decode(b, p + 10, end);
            Balanced = (b[p] & 1) != 0;
            ReportPrinted = (b[p] & 2) != 0;
            Uploads = Codec.Get16(b, p + 1);
            if (end > p + 3)
            {
                Analysis.Decode(b, p + 3, end - p - 3);
            }

            return true;
        }
    }
}
