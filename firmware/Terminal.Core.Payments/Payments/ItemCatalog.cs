using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// The merchant's items: code (1..999999), English and Chinese name, price in fen, stock and the low-stock
    /// threshold. At most <see cref="MaxItems"/>, in fixed arrays. One item's encoding (<see cref="EncodeItem"/>)
    /// is the same on the wire (F62 of a catalog download) and in the journal. In the store the stock held
    /// here is the base the open batch's item sales are counted against (see <see cref="PaymentStore.Stock"/>).
    /// </summary>
    public sealed class ItemCatalog
    {
        /// <summary>Most items a catalog holds.</summary>
        public const int MaxItems = 64;

        /// <summary>Largest item code (6 digits).</summary>
        public const int MaxCode = 999999;

        /// <summary>Longest English name, in characters (printable ASCII).</summary>
        public const int MaxNameEn = 20;

        /// <summary>Longest Chinese name, in characters.</summary>
        public const int MaxNameZh = 10;

        /// <summary>Largest stock count (either sign: a manager may sell below zero).</summary>
        public const int MaxStock = 999999;

        /// <summary>Largest encoded item: code 3, price 4, stock 4, low 2, English 1 + 20, Chinese 1 + 30 (UTF-8).</summary>
        public const int MaxEncodedItem = 3 + 4 + 4 + 2 + 1 + MaxNameEn + 1 + (3 * MaxNameZh);

        private readonly int[] _code;
        private readonly string[] _nameEn;
        private readonly string[] _nameZh;
        private readonly long[] _price;
        private readonly int[] _stock;
        private readonly int[] _low;
        private int _count;

        /// <summary>An empty catalog of up to <see cref="MaxItems"/> items.</summary>
        public ItemCatalog()
            : this(MaxItems)
        {
        }

        // An empty catalog of up to capacity items (a journal record holds one).
        internal ItemCatalog(int capacity)
        {
            _code = new int[capacity];
            _nameEn = new string[capacity];
            _nameZh = new string[capacity];
            _price = new long[capacity];
            _stock = new int[capacity];
            _low = new int[capacity];
        }

        /// <summary>Version the host gave the catalog (1..999999); 0 for none loaded.</summary>
        public int Version;

        /// <summary>Items held.</summary>
        public int Count => _count;

        /// <summary>Code of item <paramref name="i"/>.</summary>
        public int Code(int i) => _code[i];

        /// <summary>English name of item <paramref name="i"/>.</summary>
        public string NameEn(int i) => _nameEn[i];

        /// <summary>Chinese name of item <paramref name="i"/> (may be empty).</summary>
        public string NameZh(int i) => _nameZh[i];

        /// <summary>Unit price of item <paramref name="i"/> in fen.</summary>
        public long Price(int i) => _price[i];

        /// <summary>Stock of item <paramref name="i"/> as held here (in the store: before the open batch's sales).</summary>
        public int StockCount(int i) => _stock[i];

        /// <summary>Low-stock threshold of item <paramref name="i"/>: at or below it the screen flags the item.</summary>
        public int LowStock(int i) => _low[i];

        /// <summary>Index of the item with <paramref name="code"/>, or -1.</summary>
        public int IndexOf(int code)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_code[i] == code)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Forgets every item and the version.</summary>
        public void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _nameEn[i] = string.Empty;
                _nameZh[i] = string.Empty;
            }

            _count = 0;
            Version = 0;
        }

        /// <summary>Copies every item and the version of <paramref name="other"/>.</summary>
        public void CopyFrom(ItemCatalog other)
        {
            Clear();
            for (int i = 0; i < other._count; i++)
            {
                Set(i, other._code[i], other._nameEn[i], other._nameZh[i], other._price[i], other._stock[i], other._low[i]);
            }

            _count = other._count;
            Version = other.Version;
        }

        /// <summary>Puts item <paramref name="i"/> of <paramref name="other"/>, as it is, in place of every item here.</summary>
        internal void CopyItem(ItemCatalog other, int i)
        {
            Set(0, other._code[i], other._nameEn[i], other._nameZh[i], other._price[i], other._stock[i], other._low[i]);
            _count = 1;
        }

        /// <summary>Sets the stock of item <paramref name="i"/>, kept within ±<see cref="MaxStock"/> (the store folds a closed batch's sales into it).</summary>
        public void SetStock(int i, int stock) => _stock[i] = stock > MaxStock ? MaxStock : stock < -MaxStock ? -MaxStock : stock;

        /// <summary>Adds an item; returns what is wrong with it (naming the field) or empty when added.</summary>
        public string Add(int code, string nameEn, string nameZh, long price, int stock, int low)
        {
            string problem = Check(code, nameEn, nameZh, price, stock, low);
            if (problem.Length > 0)
            {
                return problem;
            }

            if (_count >= _code.Length)
            {
                return "more than " + MaxItems.ToString() + " items";
            }

            if (IndexOf(code) >= 0)
            {
                return "code " + code.ToString() + ": appears twice";
            }

            Set(_count, code, nameEn, nameZh, price, stock, low);
            _count++;
            return string.Empty;
        }

        /// <summary>What is wrong with an item's fields, naming the field; empty when it is valid.</summary>
        public static string Check(int code, string nameEn, string nameZh, long price, int stock, int low)
        {
            if (code < 1 || code > MaxCode)
            {
                return "code: must be 1..999999";
            }

            string item = "item " + code.ToString() + ": ";
            if (nameEn.Length < 1 || nameEn.Length > MaxNameEn || !Printable(nameEn))
            {
                return item + "nameEn: must be 1.." + MaxNameEn.ToString() + " printable ASCII characters";
            }

            if (nameZh.Length > MaxNameZh)
            {
                return item + "nameZh: longer than " + MaxNameZh.ToString() + " characters";
            }

            for (int i = 0; i < nameZh.Length; i++)
            {
                char c = nameZh[i];
                if (c < ' ' || c == (char)0x7F || (c >= (char)0xD800 && c <= (char)0xDFFF))
                {
                    return item + "nameZh: holds a control or surrogate character";
                }
            }

            if (price < 1 || price > Money.DefaultMaximum)
            {
                return item + "price: must be 1..99999999 fen";
            }

            if (stock < -MaxStock || stock > MaxStock)
            {
                return item + "stock: must be -999999..999999";
            }

            if (low < 0 || low > 65535)
            {
                return item + "lowStock: must be 0..65535";
            }

            return string.Empty;
        }

        /// <summary>Writes item <paramref name="i"/>: code (u24), price (u32), stock (s32), low (u16), English (length + ASCII), Chinese (length + UTF-8).</summary>
        public int EncodeItem(int i, byte[] b, int at)
        {
            int p = Codec.Put24(b, at, _code[i]);
            p = Codec.Put32(b, p, (int)_price[i]);
            p = Codec.Put32(b, p, _stock[i]);
            p = Codec.Put16(b, p, _low[i]);
            p = Codec.PutText(b, p, _nameEn[i], MaxNameEn);
            string zh = _nameZh[i];
            int n = Utf8Text.ByteCount(zh);
            b[p++] = (byte)n;
            return Utf8Text.Put(b, p, zh);
        }

        /// <summary>
        /// Reads one item <see cref="EncodeItem"/> wrote and adds it; returns the offset after it, or -1 with
        /// <paramref name="problem"/> saying what is wrong (truncated, bad text, a field out of range, a repeat).
        /// </summary>
        public int DecodeItem(byte[] b, int at, int end, out string problem)
        {
            problem = string.Empty;
            if (at + 13 + 2 > end)
            {
                problem = "item truncated";
                return -1;
            }

            int code = Codec.Get24(b, at);
            long price = (uint)Codec.Get32(b, at + 3);
            int stock = Codec.Get32(b, at + 7);
            int low = Codec.Get16(b, at + 11);
            int p = at + 13;
            int enLength = b[p];
            if (p + 1 + enLength + 1 > end)
            {
                problem = "item " + code.ToString() + " truncated";
                return -1;
            }

            string? en = Utf8Text.Get(b, p + 1, enLength);
            p += 1 + enLength;
            int zhLength = b[p];
            if (p + 1 + zhLength > end)
            {
                problem = "item " + code.ToString() + " truncated";
                return -1;
            }

            string? zh = Utf8Text.Get(b, p + 1, zhLength);
            p += 1 + zhLength;
            if (en == null || zh == null)
            {
                problem = "item " + code.ToString() + ": name is not valid text";
                return -1;
            }

            problem = Add(code, en, zh, price, stock, low);
            return problem.Length > 0 ? -1 : p;
        }

        private void Set(int i, int code, string en, string zh, long price, int stock, int low)
        {
            _code[i] = code;
            _nameEn[i] = en;
            _nameZh[i] = zh;
            _price[i] = price;
            _stock[i] = stock;
            _low[i] = low;
        }

        private static bool Printable(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < ' ' || text[i] > '~')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
