using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>SettleStart (0x30): batch (u24), the 0500's STAN (u24) and the totals it carries (<see cref="BatchTotals.Encode"/>).</summary>
    public sealed class SettleStartRecord : StoreRecord
    {
        /// <summary>Batch settled.</summary>
        public int Batch;

        /// <summary>STAN of the 0500.</summary>
        public int Stan;

        /// <summary>Totals sent.</summary>
        public readonly BatchTotals Totals = new BatchTotals();

        /// <summary>An empty record.</summary>
        public SettleStartRecord()
            : base(PaymentRecord.SettleStart)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Totals.Encode(b, Codec.Put24(b, Codec.Put24(b, at, Batch), Stan));

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 6 > end || Totals.Decode(b, at + 6, end) < 0)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            return true;
        }
    }

    /// <summary>SettleAnswer (0x31): batch (u24), then 1 when the host's totals balanced, 2 when not.</summary>
    public sealed class SettleAnswerRecord : StoreRecord
    {
        /// <summary>Batch settled.</summary>
        public int Batch;

        /// <summary>Whether the host's totals agreed.</summary>
        public bool Balanced;

        /// <summary>An empty record.</summary>
        public SettleAnswerRecord()
            : base(PaymentRecord.SettleAnswer)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, at, Batch);
            b[p] = (byte)(Balanced ? 1 : 2);
            return p + 1;
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 4 > end || b[at + 3] < 1 || b[at + 3] > 2)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Balanced = b[at + 3] == 1;
            return true;
        }
    }

    /// <summary>UploadStart (0x32): batch (u24), the first upload's STAN (u24) and how many transactions (u16).</summary>
    public sealed class UploadStartRecord : StoreRecord
    {
        /// <summary>Batch settled.</summary>
        public int Batch;

        /// <summary>STANs BaseStan..BaseStan+Count-1 carry the uploads, BaseStan+Count the end.</summary>
        public int BaseStan;

        /// <summary>Transactions uploaded.</summary>
        public int Count;

        /// <summary>An empty record.</summary>
        public UploadStartRecord()
            : base(PaymentRecord.UploadStart)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Codec.Put16(b, Codec.Put24(b, Codec.Put24(b, at, Batch), BaseStan), Count);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 8 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            BaseStan = Codec.Get24(b, at + 3);
            Count = Codec.Get16(b, at + 6);
            return true;
        }
    }

    /// <summary>UploadAcked (0x33): batch (u24) and the index (u16) of the upload the host acknowledged.</summary>
    public sealed class UploadAckedRecord : StoreRecord
    {
        /// <summary>Batch settled.</summary>
        public int Batch;

        /// <summary>Upload acknowledged, 0-based.</summary>
        public int Index;

        /// <summary>An empty record.</summary>
        public UploadAckedRecord()
            : base(PaymentRecord.UploadAcked)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Codec.Put16(b, Codec.Put24(b, at, Batch), Index);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 5 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Index = Codec.Get16(b, at + 3);
            return true;
        }
    }

    /// <summary>SettleDone (0x34): batch (u24), its totals (<see cref="BatchTotals.Encode"/>), balanced (u8: 1 at the first attempt) and uploads (u16).</summary>
    public sealed class SettleDoneRecord : StoreRecord
    {
        /// <summary>Batch closed.</summary>
        public int Batch;

        /// <summary>Its totals.</summary>
        public readonly BatchTotals Totals = new BatchTotals();

        /// <summary>Whether it balanced at the first attempt.</summary>
        public bool Balanced;

        /// <summary>Transactions uploaded (0 when balanced).</summary>
        public int Uploads;

        /// <summary>An empty record.</summary>
        public SettleDoneRecord()
            : base(PaymentRecord.SettleDone)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Totals.Encode(b, Codec.Put24(b, at, Batch));
            b[p] = (byte)(Balanced ? 1 : 0);
            return Codec.Put16(b, p + 1, Uploads);
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            int p = at + 3 > end ? -1 : Totals.Decode(b, at + 3, end);
            if (p < 0 || p + 3 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Balanced = b[p] == 1;
            Uploads = Codec.Get16(b, p + 1);
            return true;
        }
    }

    /// <summary>SettlePrinted (0x35): the settlement report of batch (u24) was printed.</summary>
    public sealed class SettlePrintedRecord : StoreRecord
    {
        /// <summary>Batch whose report was printed.</summary>
        public int Batch;

        /// <summary>An empty record.</summary>
        public SettlePrintedRecord()
            : base(PaymentRecord.SettlePrinted)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Codec.Put24(b, at, Batch);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 3 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            return true;
        }
    }

    /// <summary>SettleSides (0x1E): batch (u24), which (u8: 0 the settlement in progress, 1 the last settled batch), <see cref="SettlementSides.Encode"/>.</summary>
    public sealed class SettleSidesRecord : StoreRecord
    {
        /// <summary>Batch the sides are of.</summary>
        public int Batch;

        /// <summary>Whether they are the last settled batch's (restated at compaction) rather than the settlement in progress.</summary>
        public bool LastSettled;

        /// <summary>The two sides and the host's results.</summary>
        public readonly SettlementSides Sides = new SettlementSides();

        /// <summary>An empty record.</summary>
        public SettleSidesRecord()
            : base(PaymentRecord.SettleSides)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, at, Batch);
            b[p++] = (byte)(LastSettled ? 1 : 0);
            return Sides.Encode(b, p);
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 4 > end || b[at + 3] > 1)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            LastSettled = b[at + 3] == 1;
            return Sides.Decode(b, at + 4, end) >= 0;
        }
    }
}
