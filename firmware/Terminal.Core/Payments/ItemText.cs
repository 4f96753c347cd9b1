namespace Terminal.Core.Payments
{
    /// <summary>The item screens' and receipts' words, in one place for translation.</summary>
    public static class ItemText
    {
        /// <summary>Title of the item sale screen.</summary>
        public const string Title = " ITEM SALE";
        /// <summary>Footer of the item sale screen.</summary>
        public const string Footer = "ENTER ok CLEAR del CANCEL";
        /// <summary>Label of the running total.</summary>
        public const string Total = "TOTAL";
        /// <summary>Code prompt.</summary>
        public const string CodePrompt = "Item code: ";
        /// <summary>Quantity prompt (before the item's name).</summary>
        public const string QuantityOf = "Qty ";
        /// <summary>Stock shown while a quantity is keyed.</summary>
        public const string InStock = "In stock: ";
        /// <summary>Hint once lines are keyed.</summary>
        public const string EnterToPay = "ENTER on empty code: pay";
        /// <summary>ENTER with nothing keyed.</summary>
        public const string KeyACode = "Key an item code";
        /// <summary>Six digits already.</summary>
        public const string CodeTooLong = "Codes have 6 digits at most";
        /// <summary>Three digits already.</summary>
        public const string QuantityTooLong = "999 at most";
        /// <summary>Quantity 0.</summary>
        public const string QuantityZero = "Quantity must be 1 or more";
        /// <summary>Above the largest amount.</summary>
        public const string TotalTooLarge = "Total above CNY 999,999.99";
        /// <summary>Every line used.</summary>
        public const string TooManyLines = "16 items at most per sale";
        /// <summary>A line's quantity above 999.</summary>
        public const string QuantityTooLarge = "999 at most per item";
        /// <summary>F2 with an empty catalog.</summary>
        public const string NoCatalog = "No item catalog: sign in (MENU 8)";
        /// <summary>Report heading of the items ranked by quantity.</summary>
        public const string TopByQuantity = "TOP ITEMS BY QUANTITY";
        /// <summary>Report heading of the items ranked by amount.</summary>
        public const string TopByAmount = "TOP ITEMS BY AMOUNT";
        /// <summary>Receipt heading of the item lines.</summary>
        public const string ReceiptHeading = "ITEMS";
        /// <summary>Manager prompt to sell above stock.</summary>
        public const string ManagerAllows = "Manager: allow sale?";

        /// <summary>A code not in the catalog.</summary>
        public static string NoSuchItem(int code) => "No item " + code.ToString();

        /// <summary>An item with no stock left.</summary>
        public static string OutOfStock(string name) => name + ": out of stock";

        /// <summary>A quantity above the stock left.</summary>
        public static string OnlyLeft(int left) => "Only " + left.ToString() + " in stock";

        /// <summary>The low-stock flag.</summary>
        public static string LowStock(string name, int left) => "LOW STOCK " + name + ": " + left.ToString();

        /// <summary>A code no longer in the catalog (receipt, screen).</summary>
        public static string Unknown(int code) => "Item " + code.ToString();
    }
}
