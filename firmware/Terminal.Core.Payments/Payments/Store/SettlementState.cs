namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// Where the settlement of the open batch stands (0500 sent, answer, batch upload and its acknowledgements) and
    /// what the last settled batch was (totals, balanced, uploads, report printed). Records: SettleStart,
    /// SettleAnswer, UploadStart, UploadAcked, SettleDone, SettlePrinted; its part of the snapshot.
    /// </summary>
    internal sealed class SettlementState
    {
        /// <summary>SettleStart (0x30).</summary>
        public readonly SettleStartRecord StartRecord = new SettleStartRecord();

        /// <summary>SettleAnswer (0x31).</summary>
        public readonly SettleAnswerRecord AnswerRecord = new SettleAnswerRecord();

        /// <summary>UploadStart (0x32).</summary>
        public readonly UploadStartRecord UploadStartRecord = new UploadStartRecord();

        /// <summary>UploadAcked (0x33).</summary>
        public readonly UploadAckedRecord UploadAckedRecord = new UploadAckedRecord();

        /// <summary>SettleDone (0x34).</summary>
        public readonly SettleDoneRecord DoneRecord = new SettleDoneRecord();

        /// <summary>SettlePrinted (0x35).</summary>
        public readonly SettlePrintedRecord PrintedRecord = new SettlePrintedRecord();

        /// <summary>SettleSides (0x1E).</summary>
        public readonly SettleSidesRecord SidesRecord = new SettleSidesRecord();

        /// <summary>The host's answer per part to the settlement in progress (<see cref="SidesBatch"/>'s).</summary>
        public readonly SettlementSides Sides = new SettlementSides();

        /// <summary>Batch of <see cref="Sides"/>; 0 for none.</summary>
        public int SidesBatch;

        /// <summary>Terminal and host per part of the last settled batch; not known (cleared) when the journal kept none.</summary>
        public readonly SettlementSides LastSides = new SettlementSides();

        /// <summary>Totals of the last settled batch.</summary>
        public readonly BatchTotals LastSettled = new BatchTotals();

        /// <summary><see cref="SettleStage"/> of the settlement in progress.</summary>
        public int Stage;

        /// <summary>STAN of its 0500.</summary>
        public int Stan;

        /// <summary>First STAN of the batch upload.</summary>
        public int UploadBase;

        /// <summary>Transactions the batch upload sends.</summary>
        public int UploadCount;

        /// <summary>Uploads the host acknowledged.</summary>
        public int UploadAcked;

        /// <summary>Whether the last settlement's report is printed.</summary>
        public bool ReportPrinted = true;

        /// <summary>Whether the last settlement balanced at the first attempt.</summary>
        public bool LastBalanced;

        /// <summary>Transactions uploaded in the last settlement.</summary>
        public int LastUploads;

        /// <summary>As before the first record.</summary>
        public void Reset()
        {
            Stage = SettleStage.None;
            LastSettled.Clear();
            ReportPrinted = true;
            LastBalanced = false;
            LastUploads = 0;
            Sides.Clear();
            SidesBatch = 0;
            LastSides.Clear();
        }

        /// <summary>The sides of the settlement in progress, or (restated at compaction) of the last settled batch.</summary>
        public void Apply(SettleSidesRecord r)
        {
            if (r.LastSettled)
            {
                LastSides.CopyFrom(r.Sides);
                return;
            }

            Sides.CopyFrom(r.Sides);
            SidesBatch = r.Batch;
        }

        /// <summary>The 0500 is journaled.</summary>
        public void Apply(SettleStartRecord r)
        {
            Stage = SettleStage.Requested;
            Stan = r.Stan;
        }

        /// <summary>The host answered: balanced (the settlement completes) or not (batch upload to do).</summary>
        public void Apply(SettleAnswerRecord r) => Stage = r.Balanced ? SettleStage.Requested : SettleStage.Unbalanced;

        /// <summary>The batch upload starts.</summary>
        public void Apply(UploadStartRecord r)
        {
            Stage = SettleStage.Uploading;
            UploadBase = r.BaseStan;
            UploadCount = r.Count;
            UploadAcked = 0;
        }

        /// <summary>An upload was acknowledged.</summary>
        public void Apply(UploadAckedRecord r) => UploadAcked = r.Index + 1;

        /// <summary>The batch is closed: its totals are the last settled; the report is owed.</summary>
        public void Apply(SettleDoneRecord r)
        {
            LastSettled.CopyFrom(r.Totals);
            if (SidesBatch == r.Batch)
            {
                LastSides.CopyFrom(Sides);
            }
            else
            {
                LastSides.Clear();
            }

            Sides.Clear();
            SidesBatch = 0;
            LastBalanced = r.Balanced;
            LastUploads = r.Uploads;
            ReportPrinted = false;
            Stage = SettleStage.None;
        }

        /// <summary>The report was printed.</summary>
        public void Apply(SettlePrintedRecord r) => ReportPrinted = true;

        /// <summary>Writes the last settlement into the snapshot.</summary>
        public void Fill(SnapshotRecord s)
        {
            s.LastSettled.CopyFrom(LastSettled);
            s.Balanced = LastBalanced;
            s.ReportPrinted = ReportPrinted;
            s.Uploads = LastUploads;
        }

        /// <summary>Takes the last settlement from a snapshot; no settlement is in progress.</summary>
        public void Apply(SnapshotRecord s)
        {
            LastSettled.CopyFrom(s.LastSettled);
            LastBalanced = s.Balanced;
            ReportPrinted = s.ReportPrinted;
            LastUploads = s.Uploads;
            Stage = SettleStage.None;
            LastSides.Clear(); // restated by the SettleSides record written right after the snapshot, when known
            Sides.Clear();
            SidesBatch = 0;
        }
    }
}
