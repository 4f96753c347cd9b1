using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// Where a batch's sales came from: by hour of the day, by payment channel (card, WeChat Pay,
    /// Alipay, UnionPay QR), by operator, and the top items (by quantity and by amount) of sales rung up
    /// by item code. Counted: approved sales not voided; refunds are not subtracted (they are in the totals
    /// report). Fixed arrays, no allocation per transaction. The store keeps one for the last settled batch
    /// (journaled at settlement: <see cref="Encode"/>).
    /// </summary>
    public sealed class SalesAnalysis
    {
        /// <summary>Operators 1..99.</summary>
        public const int MaxOperator = 99;

        /// <summary>Distinct items counted (codes beyond are left out of the item ranking).</summary>
        public const int MaxItemRows = 64;

        /// <summary>Items ranked in a top list on the report.</summary>
        public const int TopCount = 5;

        // What the journaled copy keeps: the busiest operators and the items that can reach a top list.
        private const int KeptOperators = 20;
        private const int KeptItems = 24;

        /// <summary>Largest encoding: header, hours, channels, kept operators, kept items, card sales by entry mode.</summary>
        public const int MaxEncoded = 10 + (1 + (24 * 8)) + (TxnChannel.Count * 7) + (1 + (KeptOperators * 8)) + (1 + (KeptItems * 11)) + CardModeTotals.EncodedSize;

        /// <summary>Card sales kept by entry mode (inserted, tapped, swiped, fallback) and those the card declined after approval.</summary>
        public readonly CardModeTotals Modes = new CardModeTotals();

        private readonly int[] _itemCode = new int[MaxItemRows];
        private readonly int[] _itemQuantity = new int[MaxItemRows];
        private readonly long[] _itemAmount = new long[MaxItemRows];
        private readonly int[] _byQuantity = new int[MaxItemRows];
        private readonly int[] _byAmount = new int[MaxItemRows];
        private readonly bool[] _keep = new bool[MaxItemRows];
        private int _itemRows;

        private readonly int[] _hourCount = new int[24];
        private readonly long[] _hourAmount = new long[24];
        private readonly int[] _channelCount = new int[TxnChannel.Count];
        private readonly long[] _channelAmount = new long[TxnChannel.Count];
        private readonly int[] _operatorCount = new int[MaxOperator + 1];
        private readonly long[] _operatorAmount = new long[MaxOperator + 1];

        /// <summary>Sales counted.</summary>
        public int Count;

        /// <summary>Their amount in fen.</summary>
        public long Amount;

        /// <summary>Batch analysed.</summary>
        public int Batch;

        /// <summary>Sales in hour <paramref name="hour"/> (0..23, host time).</summary>
        public int HourCount(int hour) => _hourCount[hour];

        /// <summary>Their amount.</summary>
        public long HourAmount(int hour) => _hourAmount[hour];

        /// <summary>Sales on <paramref name="channel"/>.</summary>
        public int ChannelCount(int channel) => _channelCount[channel];

        /// <summary>Their amount.</summary>
        public long ChannelAmount(int channel) => _channelAmount[channel];

        /// <summary>Sales by operator <paramref name="op"/> (1..99).</summary>
        public int OperatorCount(int op) => _operatorCount[op];

        /// <summary>Their amount.</summary>
        public long OperatorAmount(int op) => _operatorAmount[op];

        /// <summary>Distinct items sold (rows of the item ranking).</summary>
        public int ItemRows => _itemRows;

        /// <summary>Row of the <paramref name="rank"/>-th item by quantity (0 = most), or -1.</summary>
        public int TopByQuantity(int rank) => rank < _itemRows ? _byQuantity[rank] : -1;

        /// <summary>Row of the <paramref name="rank"/>-th item by amount (0 = most), or -1.</summary>
        public int TopByAmount(int rank) => rank < _itemRows ? _byAmount[rank] : -1;

        /// <summary>Item code of row <paramref name="row"/>.</summary>
        public int ItemCode(int row) => _itemCode[row];

        /// <summary>Quantity sold of row <paramref name="row"/>.</summary>
        public int ItemQuantity(int row) => _itemQuantity[row];

        /// <summary>Amount sold of row <paramref name="row"/> in fen.</summary>
        public long ItemAmount(int row) => _itemAmount[row];

        /// <summary>Forgets everything (an empty analysis of batch 0).</summary>
        public void Clear()
        {
            Reset();
            Batch = 0;
        }

        /// <summary>Recounts the open batch of <paramref name="store"/>.</summary>
        public void Compute(PaymentStore store)
        {
            Reset();
            Batch = store.Batch;
            for (int i = 0; i < store.Count; i++)
            {
                TxnEntry t = store.At(i);
                Modes.Add(t);
                if (t.Kind != TxnKind.Sale || t.State != TxnState.Approved || t.Voided)
                {
                    continue;
                }

                int hour = t.TimeHhmmss / 10000;
                if (hour < 0 || hour > 23)
                {
                    hour = 0;
                }

                int op = t.Operator >= 1 && t.Operator <= MaxOperator ? t.Operator : 0;
                int channel = t.Channel >= 0 && t.Channel < TxnChannel.Count ? t.Channel : TxnChannel.Card;
                _hourCount[hour]++;
                _hourAmount[hour] += t.Amount;
                _channelCount[channel]++;
                _channelAmount[channel] += t.Amount;
                _operatorCount[op]++;
                _operatorAmount[op] += t.Amount;
                Count++;
                Amount += t.Amount;
                if (t.Items != null)
                {
                    for (int l = 0; l < t.Items.Count; l++)
                    {
                        AddItem(t.Items.Code(l), t.Items.Quantity(l), t.Items.LineAmount(l));
                    }
                }
            }

            Rank();
        }

        /// <summary>
        /// Writes the analysis for the journal: batch, count, amount; hours with sales; the channels; the 20
        /// busiest operators; the items that can reach a top list; in at most <paramref name="max"/> bytes
        /// (a small journal record keeps fewer operators and items); then the card sales by entry mode, only when some
        /// were not plain swipes (without them a decoder counts every card sale as swiped, as a batch before chip cards
        /// was, and such a batch is written byte for byte as before). Returns the offset after it.
        /// </summary>
        public int Encode(byte[] b, int at, int max)
        {
            bool modes = Modes.BeyondSwipe;
            max -= modes ? CardModeTotals.EncodedSize : 0;
            int hours = 0;
            int operators = 0;
            for (int h = 0; h < 24; h++)
            {
                hours += _hourCount[h] > 0 ? 1 : 0;
            }

            for (int op = 0; op <= MaxOperator; op++)
            {
                operators += _operatorCount[op] > 0 ? 1 : 0;
            }

            int room = max - (11 + (hours * 8) + (TxnChannel.Count * 7) + 2);
            int keptOperators = Min(Min(KeptOperators, operators), room / 2 / 8);
            int keptItems = Min(Min(KeptItems, _itemRows), (room - (keptOperators * 8)) / 11);
            keptOperators = keptOperators < 0 ? 0 : keptOperators;
            keptItems = keptItems < 0 ? 0 : keptItems;

            int p = Codec.Put24(b, at, Batch);
            p = Codec.Put16(b, p, Count);
            p = Codec.Put40(b, p, Amount);
            int countAt = p++;
            int n = 0;
            for (int h = 0; h < 24; h++)
            {
                if (_hourCount[h] > 0)
                {
                    b[p++] = (byte)h;
                    p = Codec.Put16(b, p, _hourCount[h]);
                    p = Codec.Put40(b, p, _hourAmount[h]);
                    n++;
                }
            }

            b[countAt] = (byte)n;
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                p = Codec.Put16(b, p, _channelCount[c]);
                p = Codec.Put40(b, p, _channelAmount[c]);
            }

            countAt = p++;
            n = 0;
            for (int k = 0; k < keptOperators; k++)
            {
                // The next busiest operator not yet written (operators are few; a quadratic pick is fine).
                int best = -1;
                for (int op = 0; op <= MaxOperator; op++)
                {
                    if (_operatorCount[op] > 0 && !Written(b, countAt + 1, n, op) && (best < 0 || _operatorAmount[op] > _operatorAmount[best]))
                    {
                        best = op;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                b[p++] = (byte)best;
                p = Codec.Put16(b, p, _operatorCount[best]);
                p = Codec.Put40(b, p, _operatorAmount[best]);
                n++;
            }

            b[countAt] = (byte)n;
            for (int r = 0; r < _itemRows; r++)
            {
                _keep[r] = false;
            }

            int kept = 0;
            for (int r = 0; r < _itemRows && kept < keptItems / 2; r++)
            {
                _keep[_byQuantity[r]] = true;
                kept++;
            }

            for (int r = 0; r < _itemRows && kept < keptItems; r++)
            {
                if (!_keep[_byAmount[r]])
                {
                    _keep[_byAmount[r]] = true;
                    kept++;
                }
            }

            b[p++] = (byte)kept;
            for (int r = 0; r < _itemRows; r++)
            {
                if (_keep[r])
                {
                    p = Codec.Put24(b, p, _itemCode[r]);
                    p = Codec.Put24(b, p, _itemQuantity[r]);
                    p = Codec.Put40(b, p, _itemAmount[r]);
                }
            }

            return modes ? Modes.Encode(b, p) : p;
        }

        /// <summary>Reads what <see cref="Encode"/> wrote; false (and cleared) when malformed.</summary>
        public bool Decode(byte[] b, int at, int length)
        {
            Clear();
            int end = at + length;
            int p = at;
            if (p + 11 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, p);
            Count = Codec.Get16(b, p + 3);
            Amount = Codec.Get40(b, p + 5);
            int n = b[p + 10];
            p += 11;
            if (n > 24 || p + (n * 8) + (TxnChannel.Count * 7) + 1 > end)
            {
                Clear();
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                // Encode writes only hours and operators with sales: an entry of none is not its.
                int h = b[p] > 23 ? 0 : b[p];
                _hourCount[h] = Codec.Get16(b, p + 1);
                _hourAmount[h] = Codec.Get40(b, p + 3);
                if (_hourCount[h] == 0)
                {
                    Clear();
                    return false;
                }

                p += 8;
            }

            for (int c = 0; c < TxnChannel.Count; c++)
            {
                _channelCount[c] = Codec.Get16(b, p);
                _channelAmount[c] = Codec.Get40(b, p + 2);
                p += 7;
            }

            n = b[p++];
            if (n > KeptOperators || p + (n * 8) + 1 > end)
            {
                Clear();
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                int op = b[p] > MaxOperator ? 0 : b[p];
                _operatorCount[op] = Codec.Get16(b, p + 1);
                _operatorAmount[op] = Codec.Get40(b, p + 3);
                if (_operatorCount[op] == 0)
                {
                    Clear();
                    return false;
                }

                p += 8;
            }

            n = b[p++];
            if (n > KeptItems || p + (n * 11) > end)
            {
                Clear();
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                AddItem(Codec.Get24(b, p), Codec.Get24(b, p + 3), Codec.Get40(b, p + 6));
                p += 11;
            }

            if (p + CardModeTotals.EncodedSize == end)
            {
                Modes.Decode(b, p);
            }
            else if (p == end)
            {
                Modes.AllSwiped(_channelCount[TxnChannel.Card], _channelAmount[TxnChannel.Card]);
            }
            else
            {
                Clear();
                return false;
            }

            Rank();
            return true;
        }

        private static int Min(int a, int b) => a < b ? a : b;

        private static bool Written(byte[] b, int from, int n, int op)
        {
            for (int i = 0; i < n; i++)
            {
                if (b[from + (i * 8)] == op)
                {
                    return true;
                }
            }

            return false;
        }

        private void AddItem(int code, int quantity, long amount)
        {
            for (int r = 0; r < _itemRows; r++)
            {
                if (_itemCode[r] == code)
                {
                    _itemQuantity[r] += quantity;
                    _itemAmount[r] += amount;
                    return;
                }
            }

            if (_itemRows < MaxItemRows)
            {
                _itemCode[_itemRows] = code;
                _itemQuantity[_itemRows] = quantity;
                _itemAmount[_itemRows] = amount;
                _itemRows++;
            }
        }

        // Orders the rows by quantity and by amount, most first; ties by the smaller code, so a report is stable.
        private void Rank()
        {
            for (int i = 0; i < _itemRows; i++)
            {
                _byQuantity[i] = i;
                _byAmount[i] = i;
            }

            for (int i = 1; i < _itemRows; i++)
            {
                int q = _byQuantity[i];
                int j = i - 1;
                while (j >= 0 && Before(q, _byQuantity[j], true))
                {
                    _byQuantity[j + 1] = _byQuantity[j];
                    j--;
                }

                _byQuantity[j + 1] = q;
                int a = _byAmount[i];
                j = i - 1;
                while (j >= 0 && Before(a, _byAmount[j], false))
                {
                    _byAmount[j + 1] = _byAmount[j];
                    j--;
                }

                _byAmount[j + 1] = a;
            }
        }

        private bool Before(int x, int y, bool byQuantity)
        {
            long vx = byQuantity ? _itemQuantity[x] : _itemAmount[x];
            long vy = byQuantity ? _itemQuantity[y] : _itemAmount[y];
            return vx > vy || (vx == vy && _itemCode[x] < _itemCode[y]);
        }

        private void Reset()
        {
            for (int i = 0; i < 24; i++)
            {
                _hourCount[i] = 0;
                _hourAmount[i] = 0;
            }

            for (int i = 0; i < TxnChannel.Count; i++)
            {
                _channelCount[i] = 0;
                _channelAmount[i] = 0;
            }

            for (int i = 0; i <= MaxOperator; i++)
            {
                _operatorCount[i] = 0;
                _operatorAmount[i] = 0;
            }

            Count = 0;
            Amount = 0;
            _itemRows = 0;
            Modes.Clear();
        }
    }
}
