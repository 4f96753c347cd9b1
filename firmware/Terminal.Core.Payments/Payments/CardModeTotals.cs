using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// Card sales kept (approved, not voided) by how the card was read: inserted, tapped, swiped, fallback swipe, as
    /// CUP reports count them; and, apart, the sales the card declined after the host approved (reversed, so in no
    /// total). Fixed arrays, no allocation per transaction.
    /// </summary>
    public sealed class CardModeTotals
    {
        /// <summary>Bytes of <see cref="Encode"/>: count (u16) and amount (u40) per entry mode, then the card-declined pair.</summary>
        public const int EncodedSize = (EntryMode.Count + 1) * 7;

        private readonly int[] _count = new int[EntryMode.Count];
        private readonly long[] _amount = new long[EntryMode.Count];

        /// <summary>Sales the card declined after the host approved: count.</summary>
        public int DeclinedCount;

        /// <summary>Their amount in fen (not charged: reversed).</summary>
        public long DeclinedAmount;

        /// <summary>Card sales kept read with <paramref name="mode"/> (<see cref="EntryMode"/>).</summary>
        public int Count(int mode) => mode >= 0 && mode < EntryMode.Count ? _count[mode] : 0;

        /// <summary>Their amount in fen.</summary>
        public long Amount(int mode) => mode >= 0 && mode < EntryMode.Count ? _amount[mode] : 0;

        /// <summary>Whether any card sale kept was read otherwise than by a plain swipe.</summary>
        public bool BeyondSwipe => DeclinedCount > 0 || _count[EntryMode.Inserted] > 0 || _count[EntryMode.Contactless] > 0 || _count[EntryMode.Fallback] > 0;

        /// <summary>Zeroes everything.</summary>
        public void Clear()
        {
            for (int i = 0; i < EntryMode.Count; i++)
            {
                _count[i] = 0;
                _amount[i] = 0;
            }

            DeclinedCount = 0;
            DeclinedAmount = 0;
        }

        /// <summary>Counts <paramref name="e"/> when it is a card sale kept, or one the card declined after approval.</summary>
        public void Add(TxnEntry e)
        {
            if (e.Kind != TxnKind.Sale || e.Channel != TxnChannel.Card || e.Mode < 0 || e.Mode >= EntryMode.Count)
            {
                return;
            }

            if (e.CardDeclined)
            {
                DeclinedCount++;
                DeclinedAmount += e.Amount;
            }
            else if (e.State == TxnState.Approved && !e.Voided)
            {
                _count[e.Mode]++;
                _amount[e.Mode] += e.Amount;
            }
        }

        /// <summary>Every card sale kept counted as swiped: what a batch from before chip cards was.</summary>
        public void AllSwiped(int count, long amount)
        {
            Clear();
            _count[EntryMode.Swipe] = count;
            _amount[EntryMode.Swipe] = amount;
        }

        /// <summary>Copies everything from <paramref name="other"/>.</summary>
        public void CopyFrom(CardModeTotals other)
        {
            for (int i = 0; i < EntryMode.Count; i++)
            {
                _count[i] = other._count[i];
                _amount[i] = other._amount[i];
            }

            DeclinedCount = other.DeclinedCount;
            DeclinedAmount = other.DeclinedAmount;
        }

        /// <summary>Writes count (u16) and amount (u40) per entry mode, then the card-declined pair; returns the offset after.</summary>
        public int Encode(byte[] b, int at)
        {
            int p = at;
            for (int i = 0; i < EntryMode.Count; i++)
            {
                p = Codec.Put40(b, Codec.Put16(b, p, _count[i]), _amount[i]);
            }

            return Codec.Put40(b, Codec.Put16(b, p, DeclinedCount), DeclinedAmount);
        }

        /// <summary>Reads what <see cref="Encode"/> wrote at <paramref name="at"/> (<see cref="EncodedSize"/> bytes there).</summary>
        public void Decode(byte[] b, int at)
        {
            int p = at;
            for (int i = 0; i < EntryMode.Count; i++)
            {
                _count[i] = Codec.Get16(b, p);
                _amount[i] = Codec.Get40(b, p + 2);
                p += 7;
            }

            DeclinedCount = Codec.Get16(b, p);
            DeclinedAmount = Codec.Get40(b, p + 2);
        }
    }
}
