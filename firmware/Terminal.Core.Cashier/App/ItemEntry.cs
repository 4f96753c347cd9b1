using Terminal.Core.Payments;
using Terminal.Hal;

using Terminal.Core.Ui;

namespace Terminal.Core.App
{
    /// <summary>What a key did to an item entry.</summary>
    public enum ItemEntryResult
    {
        /// <summary>Entry goes on; redraw.</summary>
        Continue = 0,
        /// <summary>CANCEL with nothing to go back to: the sale is abandoned.</summary>
        Cancelled = 1,
        /// <summary>ENTER on an empty code with lines keyed: sell them (<see cref="ItemEntry.Lines"/>).</summary>
        Confirmed = 2,
        /// <summary>The key was refused (<see cref="ItemEntry.Problem"/> says why).</summary>
        Refused = 3,
        /// <summary>The quantity is above the stock: only the manager may allow it (<see cref="ItemEntry.Override"/>).</summary>
        NeedsManager = 4,
    }

    /// <summary>
    /// Ringing up a sale by item code (F2 at the idle screen): code, ENTER, quantity (empty is 1), ENTER, again;
    /// ENTER on an empty code sells the lines. CLEAR deletes a digit, and on an empty code the last line; CANCEL
    /// leaves the quantity, then the sale. A quantity above the stock left (after this sale's earlier lines)
    /// needs the manager; an item at or below its low-stock mark is flagged. Drawn on the cell grid by
    /// <see cref="Draw"/>; the controller owns timeouts, the password and the card that follows.
    /// </summary>
    public sealed class ItemEntry
    {
        private PaymentStore _store;
        private readonly SaleItems _lines = new SaleItems();
        private readonly char[] _digits = new char[6];
        private int _length;
        private bool _quantityPhase;
        private int _item = -1;
        private int _pendingQuantity;
        private string _problem = string.Empty;
        private string _flag = string.Empty;

        /// <summary>Creates the entry over the store whose catalog and stock it sells from.</summary>
        public ItemEntry(PaymentStore store) => _store = store;

        /// <summary>The lines keyed so far.</summary>
        public SaleItems Lines => _lines;

        /// <summary>Why the last key was refused or needs the manager.</summary>
        public string Problem => _problem;

        /// <summary>The low-stock flag of the last item keyed (empty when none).</summary>
        public string Flag => _flag;

        /// <summary>Starts a new sale from <paramref name="store"/>'s catalog and stock (the training batch's in training mode).</summary>
        public void Start(PaymentStore store)
        {
            _store = store;
            _lines.Clear();
            _length = 0;
            _quantityPhase = false;
            _item = -1;
            _problem = string.Empty;
            _flag = string.Empty;
        }

        /// <summary>Applies one key.</summary>
        public ItemEntryResult Key(int key)
        {
            _problem = string.Empty;
            if (key == KeyCode.Cancel)
            {
                if (_quantityPhase)
                {
                    BackToCode();
                    return ItemEntryResult.Continue;
                }

                return ItemEntryResult.Cancelled;
            }

            if (KeyCode.IsDigit(key))
            {
                int max = _quantityPhase ? 3 : 6;
                if (_length >= max)
                {
                    return Refuse(T(_quantityPhase ? Texts.ItemQuantityTooLong : Texts.ItemCodeTooLong));
                }

                _digits[_length++] = (char)('0' + (key - KeyCode.Digit0));
                return ItemEntryResult.Continue;
            }

            if (key == KeyCode.Clear)
            {
                if (_length > 0)
                {
                    _length--;
                }
                else if (_quantityPhase)
                {
                    BackToCode();
                }
                else if (_lines.Count > 0)
                {
                    _lines.RemoveLast();
                    _flag = string.Empty;
                }

                return ItemEntryResult.Continue;
            }

            if (key != KeyCode.Enter)
            {
                return ItemEntryResult.Continue;
            }

            return _quantityPhase ? EnterQuantity() : EnterCode();
        }

        /// <summary>The manager allowed the quantity above stock: the line is added.</summary>
        public void Override()
        {
            if (_quantityPhase && _item >= 0 && _pendingQuantity > 0)
            {
                AddLine(_pendingQuantity);
            }
        }

        /// <summary>The manager did not allow the quantity: the line is left out and the next code is asked.</summary>
        public void Refused() => BackToCode();

        /// <summary>
        /// Draws the entry: lines (the last that fit), total, flag, the prompt and its hint, leaving the three rows
        /// above the footer to the status line (a long one wraps over them).
        /// </summary>
        public void Draw(IDisplay display)
        {
            int cols = display.Columns;
            ItemCatalog catalog = _store.Catalog;
            int first = 2;
            int last = display.Rows - 10;
            int room = last - first + 1;
            int from = _lines.Count > room ? _lines.Count - room : 0;
            for (int i = from; i < _lines.Count; i++)
            {
                int index = catalog.IndexOf(_lines.Code(i));
                string name = ItemText.Name(catalog, index, _lines.Code(i), _store.Language);
                string left = _lines.Quantity(i).ToString() + "x " + name;
                string right = Money.Format(_lines.LineAmount(i));
                display.Write(first + i - from, 0, Fit(left, right, cols), TextStyle.Normal);
            }

            display.Write(display.Rows - 9, 0, Fit(T(Texts.ItemTotal), Money.FormatCny(_lines.Total), cols), TextStyle.Bold);
            if (_flag.Length > 0)
            {
                display.Write(display.Rows - 8, 0, _flag, TextStyle.Inverse);
            }

            string typed = new string(_digits, 0, _length);
            if (_quantityPhase)
            {
                display.Write(display.Rows - 6, 0, Texts.Format(_store.Language, Texts.ItemQuantity, ItemText.Name(catalog, _item, catalog.Code(_item), _store.Language)) + typed + "_", TextStyle.Normal);
                display.Write(display.Rows - 5, 0, T(Texts.ItemInStock) + Left(_item).ToString() + "  " + Money.Format(catalog.Price(_item)), TextStyle.Normal);
            }
            else
            {
                display.Write(display.Rows - 6, 0, T(Texts.ItemCode) + typed + "_", TextStyle.Normal);
                if (_lines.Count > 0)
                {
                    display.Write(display.Rows - 5, 0, T(Texts.ItemPay), TextStyle.Normal);
                }
            }
        }

        private ItemEntryResult EnterCode()
        {
            if (_length == 0)
            {
                return _lines.Count > 0 ? ItemEntryResult.Confirmed : Refuse(T(Texts.ItemKeyCode));
            }

            int code = Number();
            int index = _store.Catalog.IndexOf(code);
            _length = 0;
            if (index < 0)
            {
                return Refuse(Texts.Format(_store.Language, Texts.ItemNoSuch, code.ToString()));
            }

            _item = index;
            _quantityPhase = true;
            SetFlag(index);
            return ItemEntryResult.Continue;
        }

        private ItemEntryResult EnterQuantity()
        {
            int quantity = _length == 0 ? 1 : Number();
            _length = 0;
            if (quantity < 1)
            {
                return Refuse(T(Texts.ItemQuantityZero));
            }

            long price = _store.Catalog.Price(_item);
            if (_lines.Total + (quantity * price) > Money.DefaultMaximum)
            {
                return Refuse(T(Texts.ItemTotalTooLarge));
            }

            if (_lines.Count >= SaleItems.MaxLines && _lines.QuantityOf(_store.Catalog.Code(_item)) == 0)
            {
                return Refuse(T(Texts.ItemTooMany));
            }

            int left = Left(_item);
            if (quantity > left)
            {
                _pendingQuantity = quantity;
                _problem = left <= 0 ? Texts.Format(_store.Language, Texts.ItemOutOfStock, ItemName(_item)) : Texts.Format(_store.Language, Texts.ItemOnlyLeft, ItemName(_item), left.ToString());
                return ItemEntryResult.NeedsManager;
            }

            AddLine(quantity);
            return ItemEntryResult.Continue;
        }

        private void AddLine(int quantity)
        {
            ItemCatalog catalog = _store.Catalog;
            if (!_lines.Add(catalog.Code(_item), quantity, catalog.Price(_item)))
            {
                Refuse(T(Texts.ItemQuantityTooLarge));
                BackToCode();
                return;
            }

            SetFlag(_item);
            BackToCode();
        }

        // Stock left for this sale: the store's stock less what earlier lines of this sale already take.
        private int Left(int index) => _store.Stock(index) - _lines.QuantityOf(_store.Catalog.Code(index));

        private void SetFlag(int index)
        {
            int left = Left(index);
            _flag = left <= _store.Catalog.LowStock(index) ? Texts.Format(_store.Language, Texts.ItemLowStock, ItemName(index), left.ToString()) : string.Empty;
        }

        private void BackToCode()
        {
            _quantityPhase = false;
            _length = 0;
            _pendingQuantity = 0;
        }

        private ItemEntryResult Refuse(string why)
        {
            _problem = why;
            return ItemEntryResult.Refused;
        }

        private int Number()
        {
            int v = 0;
            for (int i = 0; i < _length; i++)
            {
                v = (v * 10) + (_digits[i] - '0');
            }

            return v;
        }

        private string T(int id) => Texts.Get(_store.Language, id);

        private string ItemName(int index) => ItemText.Name(_store.Catalog, index, _store.Catalog.Code(index), _store.Language);

        // Left text cut (or padded) to the cells the right one and a space leave (a Chinese character takes two).
        private static string Fit(string left, string right, int cols)
        {
            int room = cols - Texts.Width(right) - 1;
            return room >= 0 ? ScreenText.Pad(left, room) + " " + right : right;
        }
    }
}
