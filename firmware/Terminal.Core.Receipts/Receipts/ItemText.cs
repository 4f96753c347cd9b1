using Terminal.Core.Ui;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// An item's name in the terminal's language: the Chinese name when the catalog has one and the terminal is in
    /// Chinese, else the English one; an unknown code as "Item 1234". The item screens' and receipts' other words
    /// are in <see cref="Texts"/> (ids Item...).
    /// </summary>
    public static class ItemText
    {
        /// <summary>The name of item <paramref name="code"/> (<paramref name="index"/> in <paramref name="catalog"/>, or -1).</summary>
        public static string Name(ItemCatalog? catalog, int index, int code, int language)
        {
            if (catalog == null || index < 0)
            {
                return Texts.Format(language, Texts.ItemUnknown, code.ToString());
            }

            return language == Language.Chinese && catalog.NameZh(index).Length > 0 ? catalog.NameZh(index) : catalog.NameEn(index);
        }
    }
}
