namespace Terminal.Core.Payments
{
    /// <summary>
    /// Counts and amounts of a batch by kind (sale, void, refund) and channel (card, WeChat, Alipay,
    /// UnionPay QR), as the reports print them, plus the debit/credit pair settlement sends in F48:
    /// debits are approved sales not voided, credits approved refunds.
    /// </summary>
    public sealed class BatchTotals
    {
        private readonly int[] _count = new int[4 * TxnChannel.Count];
        private readonly long[] _amount = new long[4 * TxnChannel.Count];

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
        }

        /// <summary>Adds one transaction (only approved ones count).</summary>
        public void Add(TxnEntry e)
        {
            if (e.State != TxnState.Approved || e.Kind < TxnKind.Sale || e.Kind > TxnKind.Refund)
            {
                return;
            }

            int i = (e.Kind * TxnChannel.Count) + e.Channel;
            _count[i]++;
            _amount[i] += e.Amount;
            if (e.Kind == TxnKind.Sale && !e.Voided)
            {
                DebitCount++;
                DebitAmount += e.Amount;
            }
            else if (e.Kind == TxnKind.Refund)
            {
                CreditCount++;
                CreditAmount += e.Amount;
            }
        }

        /// <summary>
        /// Settlement F48, CUP layout of 62 digits: debit amount n12, debit count n3, credit amount n12,
        /// credit count n3, result n1 (0 in a request), then the same five for foreign cards (all zero).
        /// </summary>
        public string Field48()
        {
            char[] d = new char[62];
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = '0';
            }

            Digits(d, 0, DebitAmount, 12);
            Digits(d, 12, DebitCount, 3);
            Digits(d, 15, CreditAmount, 12);
            Digits(d, 27, CreditCount, 3);
            return new string(d);
        }

        /// <summary>Sets one kind/channel cell (read back from the journal).</summary>
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
        }

        private static void Digits(char[] d, int at, long value, int width)
        {
            for (int i = width - 1; i >= 0; i--)
            {
                d[at + i] = (char)('0' + (int)(value % 10));
                value /= 10;
            }
        }
    }
}
