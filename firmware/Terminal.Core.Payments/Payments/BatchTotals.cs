using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// Counts and amounts of a batch by kind (sale, void, refund) and channel (card, WeChat, Alipay,
    /// UnionPay QR), as the reports print them, plus the debit/credit pair settlement sends in F48:
    /// debits are approved sales not voided, credits approved refunds, with the foreign cards' share of each.
    /// </summary>
    public sealed class BatchTotals
    {
        private readonly int[] _count = new int[4 * TxnChannel.Count];
        private readonly long[] _amount = new long[4 * TxnChannel.Count];

        /// <summary>
        /// Card sales kept by entry mode, counted by <see cref="Add"/> for the open batch's reports. Not journaled with
        /// the totals (their layout is on flash in the field): a settled batch's split is kept in its
        /// <see cref="SalesAnalysis.Modes"/>.
        /// </summary>
        public readonly CardModeTotals Modes = new CardModeTotals();

        /// <summary>Batch number these totals are of.</summary>
        public int Batch;

        /// <summary>Sales that settle (approved, not voided): count.</summary>
        public int DebitCount;
        /// <summary>Sales that settle: amount in fen.</summary>
        public long DebitAmount;
        /// <summary>Approved refunds: count.</summary>
        public int CreditCount;
        /// <summary>Approved refunds: amount in fen.</summary>
        public long CreditAmount;

        /// <summary>Of the debits, those of foreign cards (<see cref="CardOrigin"/>): count. Counted by <see cref="Add"/>, not journaled with the totals (<see cref="SettlementSides"/> keeps a settled batch's split).</summary>
        public int ForeignDebitCount;
        /// <summary>Their amount in fen.</summary>
        public long ForeignDebitAmount;
        /// <summary>Of the credits, those of foreign cards: count.</summary>
        public int ForeignCreditCount;
        /// <summary>Their amount in fen.</summary>
        public long ForeignCreditAmount;

        /// <summary>Approved transactions of <paramref name="kind"/> on <paramref name="channel"/> (voided sales included).</summary>
        public int Count(int kind, int channel) => _count[(kind * TxnChannel.Count) + channel];

        /// <summary>Their amount in fen.</summary>
        public long Amount(int kind, int channel) => _amount[(kind * TxnChannel.Count) + channel];

        /// <summary>Approved transactions of <paramref name="kind"/> over every channel.</summary>
        public int Count(int kind)
        {
            int n = 0;
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                n += Count(kind, c);
            }

            return n;
        }

        /// <summary>Their amount in fen.</summary>
        public long Amount(int kind)
        {
            long n = 0;
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                n += Amount(kind, c);
            }

            return n;
        }

        /// <summary>Net amount: debits minus credits.</summary>
        public long Net => DebitAmount - CreditAmount;

        /// <summary>Zeroes everything.</summary>
        public void Clear()
        {
            for (int i = 0; i < _count.Length; i++)
            {
                _count[i] = 0;
                _amount[i] = 0;
            }

            DebitCount = 0;
            DebitAmount = 0;
            CreditCount = 0;
            CreditAmount = 0;
            ForeignDebitCount = 0;
            ForeignDebitAmount = 0;
            ForeignCreditCount = 0;
            ForeignCreditAmount = 0;
            Modes.Clear();
        }

        /// <summary>Adds one transaction (only approved ones count; a sale the card declined after approval only in <see cref="Modes"/>).</summary>
        public void Add(TxnEntry e)
        {
            Modes.Add(e);
            bool foreign = CardOrigin.IsForeign(e);
            if (e.State == TxnState.Approved && (e.Kind == TxnKind.Completion || e.Kind == TxnKind.CompletionAdvice) && !e.Voided)
            {
                // The classification point of the pre-authorization family: a standing completion (request or advice) is a
                // debit, as CUP's 0500 F48 counts it, in the part of its pre-auth's card; pre-auths, their voids and
                // completion voids are not counted (a completion void removes its completion instead). No kind/channel
                // cell: the journal's layout has none.
                Debit(e.Amount, foreign);
                return;
            }

            if (e.State != TxnState.Approved || e.Kind < TxnKind.Sale || e.Kind > TxnKind.Refund)
            {
                return;
            }

            int i = (e.Kind * TxnChannel.Count) + e.Channel;
            _count[i]++;
            _amount[i] += e.Amount;
            if (e.Kind == TxnKind.Sale && !e.Voided)
            {
                Debit(e.Amount, foreign);
            }
            else if (e.Kind == TxnKind.Refund)
            {
                CreditCount++;
                CreditAmount += e.Amount;
                if (foreign)
                {
                    ForeignCreditCount++;
                    ForeignCreditAmount += e.Amount;
                }
            }
        }

        private void Debit(long amount, bool foreign)
        {
            DebitCount++;
            DebitAmount += amount;
            if (foreign)
            {
                ForeignDebitCount++;
                ForeignDebitAmount += amount;
            }
        }

        /// <summary>Settlement F48 (<see cref="SettlementSides.Field48"/>): domestic and foreign debits and credits, 62 digits.</summary>
        public string Field48() => SettlementSides.Field48(this);

        /// <summary>Bytes of <see cref="Encode"/>: batch, debit and credit (17), then count and amount per kind and channel (84).</summary>
        public const int EncodedSize = 17 + (3 * TxnChannel.Count * 7);

        /// <summary>
        /// Writes the totals as the journal keeps them (settlement start, settlement done, snapshot): batch (u24), debit
        /// count (u16) and amount (u40), credit the same, then count (u16) and amount (u40) per kind and channel.
        /// Returns the offset after them.
        /// </summary>
        public int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, at, Batch);
            p = Codec.Put16(b, p, DebitCount);
            p = Codec.Put40(b, p, DebitAmount);
            p = Codec.Put16(b, p, CreditCount);
            p = Codec.Put40(b, p, CreditAmount);
            for (int i = TxnChannel.Count; i < _count.Length; i++)
            {
                p = Codec.Put16(b, p, _count[i]);
                p = Codec.Put40(b, p, _amount[i]);
            }

            return p;
        }

        /// <summary>Reads what <see cref="Encode"/> wrote from b[at..end); returns the offset after it, or -1 when it is cut short.</summary>
        public int Decode(byte[] b, int at, int end)
        {
            if (at + EncodedSize > end)
            {
                return -1;
            }

            Clear();
            Batch = Codec.Get24(b, at);
            DebitCount = Codec.Get16(b, at + 3);
            DebitAmount = Codec.Get40(b, at + 5);
            CreditCount = Codec.Get16(b, at + 10);
            CreditAmount = Codec.Get40(b, at + 12);
            int p = at + 17;
            for (int i = TxnChannel.Count; i < _count.Length; i++)
            {
                _count[i] = Codec.Get16(b, p);
                _amount[i] = Codec.Get40(b, p + 2);
                p += 7;
            }

            return p;
        }

        /// <summary>Sets one kind/channel cell.</summary>
        public void SetCell(int kind, int channel, int count, long amount)
        {
            int i = (kind * TxnChannel.Count) + channel;
            _count[i] = count;
            _amount[i] = amount;
        }

        /// <summary>Copies everything from <paramref name="other"/>.</summary>
        public void CopyFrom(BatchTotals other)
        {
            for (int i = 0; i < _count.Length; i++)
            {
                _count[i] = other._count[i];
                _amount[i] = other._amount[i];
            }

            Modes.CopyFrom(other.Modes);
            CopySettlement(other);
        }

        /// <summary>Copies the debit/credit totals (what settlement compares) from <paramref name="other"/>.</summary>
        public void CopySettlement(BatchTotals other)
        {
            Batch = other.Batch;
            DebitCount = other.DebitCount;
            DebitAmount = other.DebitAmount;
            CreditCount = other.CreditCount;
            CreditAmount = other.CreditAmount;
            ForeignDebitCount = other.ForeignDebitCount;
            ForeignDebitAmount = other.ForeignDebitAmount;
            ForeignCreditCount = other.ForeignCreditCount;
            ForeignCreditAmount = other.ForeignCreditAmount;
        }
    }
}
