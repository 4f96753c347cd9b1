using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// The item lines of a sale rung up by item code: code, quantity and the unit price at the time of sale
    /// (so a later catalog with new prices changes neither the amount nor the receipt). Journaled with the
    /// request (record 0x24, <see cref="Store.SaleItemsRecord"/>); a sale's stock effect is derived from its state
    /// (see <see cref="PaymentStore.Stock"/>).
    /// </summary>
    public sealed class SaleItems
    {
        /// <summary>Most lines on one sale.</summary>
        public const int MaxLines = 16;

        /// <summary>Largest quantity on one line.</summary>
        public const int MaxQuantity = 999;

        /// <summary>Encoded size of one line: code u24, quantity u16, unit price u32.</summary>
        public const int LineSize = 9;

        /// <summary>Largest encoding: count (1) and the lines.</summary>
        public const int MaxEncoded = 1 + (MaxLines * LineSize);

        private readonly int[] _code = new int[MaxLines];
        private readonly int[] _quantity = new int[MaxLines];
        private readonly long[] _price = new long[MaxLines];
        private int _count;

        /// <summary>Lines held.</summary>
        public int Count => _count;

        /// <summary>Item code of line <paramref name="i"/>.</summary>
        public int Code(int i) => _code[i];

        /// <summary>Quantity of line <paramref name="i"/>.</summary>
        public int Quantity(int i) => _quantity[i];

        /// <summary>Unit price of line <paramref name="i"/> in fen.</summary>
        public long UnitPrice(int i) => _price[i];

        /// <summary>Amount of line <paramref name="i"/> (quantity times unit price).</summary>
        public long LineAmount(int i) => _quantity[i] * _price[i];

        /// <summary>The sale's amount: the sum of the lines.</summary>
        public long Total
        {
            get
            {
                long t = 0;
                for (int i = 0; i < _count; i++)
                {
                    t += _quantity[i] * _price[i];
                }

                return t;
            }
        }

        /// <summary>Quantity of <paramref name="code"/> over every line.</summary>
        public int QuantityOf(int code)
        {
            int q = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_code[i] == code)
                {
                    q += _quantity[i];
                }
            }

            return q;
        }

        /// <summary>Adds a line (the same code again adds to its line); false when the lines are full or the quantity out of range.</summary>
        public bool Add(int code, int quantity, long unitPrice)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_code[i] == code && _price[i] == unitPrice)
                {
                    if (_quantity[i] + quantity > MaxQuantity)
                    {
                        return false;
                    }

                    _quantity[i] += quantity;
                    return true;
                }
            }

            if (_count >= MaxLines || quantity < 1 || quantity > MaxQuantity)
            {
                return false;
            }

            _code[_count] = code;
            _quantity[_count] = quantity;
            _price[_count] = unitPrice;
            _count++;
            return true;
        }

        /// <summary>Removes the last line.</summary>
        public void RemoveLast()
        {
            if (_count > 0)
            {
                _count--;
            }
        }

        /// <summary>Forgets every line.</summary>
        public void Clear() => _count = 0;

        /// <summary>A copy (the store keeps its own per transaction).</summary>
        public SaleItems Clone()
        {
            SaleItems c = new SaleItems();
            c.CopyFrom(this);
            return c;
        }

        /// <summary>Holds the lines of <paramref name="other"/> in place of its own.</summary>
        public void CopyFrom(SaleItems other)
        {
            for (int i = 0; i < other._count; i++)
            {
                _code[i] = other._code[i];
                _quantity[i] = other._quantity[i];
                _price[i] = other._price[i];
            }

            _count = other._count;
        }

        /// <summary>Writes the count then each line; returns the offset after them.</summary>
        public int Encode(byte[] b, int at)
        {
            b[at] = (byte)_count;
            int p = at + 1;
            for (int i = 0; i < _count; i++)
            {
                p = Codec.Put24(b, p, _code[i]);
                p = Codec.Put16(b, p, _quantity[i]);
                p = Codec.Put32(b, p, (int)_price[i]);
            }

            return p;
        }

        /// <summary>Reads what <see cref="Encode"/> wrote; false when malformed.</summary>
        public bool Decode(byte[] b, int at, int end)
        {
            _count = 0;
            if (at >= end)
            {
                return false;
            }

            int n = b[at];
            if (n < 1 || n > MaxLines || at + 1 + (n * LineSize) > end)
            {
                return false;
            }

            int p = at + 1;
            for (int i = 0; i < n; i++)
            {
                int code = Codec.Get24(b, p);
                int q = Codec.Get16(b, p + 3);
                long price = (uint)Codec.Get32(b, p + 5);
                if (code < 1 || code > ItemCatalog.MaxCode || q < 1 || q > MaxQuantity || price < 1)
                {
                    _count = 0;
                    return false;
                }

                _code[i] = code;
                _quantity[i] = q;
                _price[i] = price;
                p += LineSize;
            }

            _count = n;
            return true;
        }
    }
}
