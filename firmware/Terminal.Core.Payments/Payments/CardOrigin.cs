namespace Terminal.Core.Payments
{
    /// <summary>
    /// Domestic (内卡) or foreign (外卡) card, as settlement's F48 splits the totals. The rule is the card number's
    /// prefix: 62 (UnionPay), 60 and 9 (older domestic cards) are domestic; any other card number (4 Visa, 51-55 and
    /// 2221-2720 Mastercard, 35 JCB, 34/37 Amex...) is foreign. QR payments and a transaction without a card number
    /// (a refund by reference) are domestic. The masked number keeps the first six digits, so the rule reads it alone.
    /// </summary>
    public static class CardOrigin
    {
        /// <summary>Whether <paramref name="e"/> counts in the foreign-card part.</summary>
        public static bool IsForeign(TxnEntry e)
        {
            if (e.Channel != TxnChannel.Card || e.MaskedPan.Length < 2)
            {
                return false;
            }

            char a = e.MaskedPan[0];
            char b = e.MaskedPan[1];
            return !(a == '9' || (a == '6' && (b == '2' || b == '0')));
        }
    }
}
