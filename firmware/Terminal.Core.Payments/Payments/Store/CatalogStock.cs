namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// The item catalog and its stock. The stock held in the catalog is the base; the open batch's standing item
    /// sales are counted against it (<see cref="Stock"/>), so a void, a reversal or a refund moves stock exactly when
    /// its outcome record does. Records: CatalogStart, CatalogItem, CatalogEnd: a catalog counts only once its end is
    /// on flash.
    /// </summary>
    internal sealed class CatalogStock
    {
        /// <summary>CatalogStart (0x21).</summary>
        public readonly CatalogMarkRecord StartRecord = new CatalogMarkRecord(PaymentRecord.CatalogStart);

        /// <summary>CatalogItem (0x22).</summary>
        public readonly CatalogItemRecord ItemRecord = new CatalogItemRecord();

        /// <summary>CatalogEnd (0x23).</summary>
        public readonly CatalogMarkRecord EndRecord = new CatalogMarkRecord(PaymentRecord.CatalogEnd);

        /// <summary>The catalog in force, with the base stock.</summary>
        public readonly ItemCatalog Catalog = new ItemCatalog();

        private readonly ItemCatalog _staging = new ItemCatalog();
        private readonly TransactionLog _txns;

        // Items the catalog being read announced; -1 when none is being read or it went wrong.
        private int _expected = -1;

        /// <summary>A catalog whose stock the sales in <paramref name="txns"/> draw on.</summary>
        public CatalogStock(TransactionLog txns)
        {
            _txns = txns;
        }

        /// <summary>Stock of item <paramref name="index"/> now: the base less what the batch's standing sales took.</summary>
        public int Stock(int index) => Catalog.StockCount(index) - _txns.SoldInBatch(Catalog.Code(index));

        /// <summary>As before the first record.</summary>
        public void Reset()
        {
            Catalog.Clear();
            _staging.Clear();
            _expected = -1;
        }

        /// <summary>A catalog starts, or ends: when it is whole, it replaces the one in force.</summary>
        public void Apply(CatalogMarkRecord r)
        {
            if (r.Type == PaymentRecord.CatalogStart)
            {
                _staging.Clear();
                _staging.Version = r.Version;
                _expected = r.Count;
                return;
            }

            if (_expected >= 0 && r.Version == _staging.Version && r.Count == _expected && _staging.Count == _expected)
            {
                // The new counts are the stock now: the base is them plus what the batch's standing sales took.
                Catalog.CopyFrom(_staging);
                for (int i = 0; i < Catalog.Count; i++)
                {
                    Catalog.SetStock(i, Catalog.StockCount(i) + _txns.SoldInBatch(Catalog.Code(i)));
                }
            }

            _staging.Clear();
            _expected = -1;
        }

        /// <summary>The next item of the catalog being read (one out of turn, or refused, spoils it).</summary>
        public void Apply(CatalogItemRecord r)
        {
            if (_expected < 0 || r.Index != _staging.Count)
            {
                return;
            }

            ItemCatalog i = r.Item;
            if (_staging.Add(i.Code(0), i.NameEn(0), i.NameZh(0), i.Price(0), i.StockCount(0), i.LowStock(0)).Length > 0)
            {
                _expected = -1;
            }
        }

        /// <summary>Settlement closes the batch: its sales leave the base for good.</summary>
        public void FoldSales()
        {
            for (int i = 0; i < Catalog.Count; i++)
            {
                Catalog.SetStock(i, Stock(i));
            }
        }
    }
}
