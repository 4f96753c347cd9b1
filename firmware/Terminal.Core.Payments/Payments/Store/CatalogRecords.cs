using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>CatalogStart (0x21) or CatalogEnd (0x23): the catalog's version (u32) and item count (u8), before its items and again after them.</summary>
    public sealed class CatalogMarkRecord : StoreRecord
    {
        /// <summary>Version the host gave the catalog.</summary>
        public int Version;

        /// <summary>Items it holds (at most <see cref="ItemCatalog.MaxItems"/>).</summary>
        public int Count;

        /// <summary>An empty record of <paramref name="type"/>: <see cref="PaymentRecord.CatalogStart"/> or <see cref="PaymentRecord.CatalogEnd"/>.</summary>
        public CatalogMarkRecord(int type)
            : base(type)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put32(b, at, Version);
            b[p] = (byte)Count;
            return p + 1;
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 5 > end || b[at + 4] > ItemCatalog.MaxItems)
            {
                return false;
            }

            Version = Codec.Get32(b, at);
            Count = b[at + 4];
            return true;
        }
    }

    /// <summary>CatalogItem (0x22): the item's index (u8), then the item as the catalog download carries it (<see cref="ItemCatalog.EncodeItem"/>).</summary>
    public sealed class CatalogItemRecord : StoreRecord
    {
        /// <summary>Where the item goes: 0 for the first.</summary>
        public int Index;

        /// <summary>The item, as a catalog of one (checked as any catalog's item is).</summary>
        public readonly ItemCatalog Item = new ItemCatalog(1);

        /// <summary>An empty record.</summary>
        public CatalogItemRecord()
            : base(PaymentRecord.CatalogItem)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            b[at] = (byte)Index;
            return Item.EncodeItem(0, b, at + 1);
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            Item.Clear();
            if (at >= end)
            {
                return false;
            }

            Index = b[at];
            string problem;
            return Item.DecodeItem(b, at + 1, end, out problem) > 0;
        }
    }
}
