namespace Terminal.Core.Payments
{
    /// <summary>
    /// Where the open batch's sales came from: by hour of the day, by payment channel (card, WeChat Pay,
    /// Alipay, UnionPay QR) and by operator. Counted: approved sales not voided; refunds are not subtracted
    /// (they are in the totals report). Fixed arrays, no allocation per transaction.
    /// </summary>
    public sealed class SalesAnalysis
    {
        /// <summary>Operators 1..99.</summary>
        public const int MaxOperator = 99;

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

        /// <summary>Recounts the open batch of <paramref name="store"/>.</summary>
        public void Compute(PaymentStore store)
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
            Batch = store.Batch;
            for (int i = 0; i < store.Count; i++)
            {
                TxnEntry t = store.At(i);
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
            }
        }
    }
}
