namespace Terminal.Core.Payments
{
    /// <summary>
    /// Journal record types the payment store writes (the self-test owns 0x20; the catalog 0x21..0x2F). Each has one
    /// record class in <c>Payments/Store</c> with its encoder and decoder; the numbers and layouts are on flash in the
    /// field and never change.
    /// </summary>
    public static class PaymentRecord
    {
        /// <summary>Terminal ID and merchant ID, written at provisioning.</summary>
        public const int Provision = 0x01;
        /// <summary>STANs reserved up to a value: at boot numbering resumes above it, so no STAN is ever reused.</summary>
        public const int StanReserve = 0x02;
        /// <summary>Batch number set by the host at sign-in.</summary>
        public const int Batch = 0x03;
        /// <summary>Everything a fresh batch needs after compaction: identity, counters, the last settlement.</summary>
        public const int Snapshot = 0x04;
        /// <summary>Operator number logged on.</summary>
        public const int Operator = 0x05;
        /// <summary>Terminal settings (<see cref="StoreSetting"/>): pairs of setting id and value; rewritten after every compaction.</summary>
        public const int Settings = 0x06;
        /// <summary>A financial request, written before its first byte is sent (reversal-pending until answered).</summary>
        public const int Request = 0x10;
        /// <summary>The host's answer to a request: approved or declined, RRN, auth code.</summary>
        public const int Outcome = 0x11;
        /// <summary>A reversal the host acknowledged.</summary>
        public const int Reversed = 0x12;
        /// <summary>Receipt copies printed.</summary>
        public const int Printed = 0x13;
        /// <summary>A chip card's completion after the host's answer: TC or AAC (declined after approval), TVR, TSI, script results.</summary>
        public const int ChipResult = 0x14;
        /// <summary>A chip advice the host answered (batch, STAN of the sale, the advice's bit): script result or TC upload.</summary>
        public const int ChipAdviceSent = 0x15;
        /// <summary>A merchant-presented QR order the host made: batch, STAN of its request, the host's order number.</summary>
        public const int QrOrder = 0x18;
        /// <summary>The wallet that paid a QR payment (order or scanned code) and the wallet's order number, before its outcome.</summary>
        public const int Wallet = 0x19;
        /// <summary>A QR order closed unpaid (cancelled, timed out, closed by the host): its sale is declined.</summary>
        public const int QrOrderClosed = 0x1A;
        /// <summary>The host's answer to a completion advice (approved at the terminal before it was sent): its F39 and F37.</summary>
        public const int AdviceAnswer = 0x16;
        /// <summary>A run of sends of a completion advice that got no usable answer (batch, STAN); the advice is given up after a few.</summary>
        public const int AdviceUnanswered = 0x1F;
        /// <summary>The merchant's profile: name (UTF-8), service hotline and contact, the glyphs of the name's wide characters.</summary>
        public const int MerchantProfile = 0x1C;
        /// <summary>The last sign-in the host accepted: its batch and when (help shows it); restated at compaction.</summary>
        public const int SignIn = 0x1D;
        /// <summary>A catalog starts: version (u32) and item count; the items follow, and it counts only once its end is on flash.</summary>
        public const int CatalogStart = 0x21;
        /// <summary>One catalog item: index (u8) then <see cref="ItemCatalog.EncodeItem"/>.</summary>
        public const int CatalogItem = 0x22;
        /// <summary>The catalog is complete: version and count again; from here it replaces the one before.</summary>
        public const int CatalogEnd = 0x23;
        /// <summary>
        /// A settlement's two sides per part (<see cref="SettlementSides"/>): batch (u24), which (u8: 0 the answer of the
        /// settlement in progress, 1 the last settled batch's, restated at compaction), the sides.
        /// </summary>
        public const int SettleSides = 0x1E;
        /// <summary>The item lines of a sale (batch, STAN, <see cref="SaleItems"/>), written just before its request.</summary>
        public const int SaleItems = 0x24;
        /// <summary>Settlement started: the totals sent in 0500 and its STAN.</summary>
        public const int SettleStart = 0x30;
        /// <summary>The host's settlement answer: balanced or not.</summary>
        public const int SettleAnswer = 0x31;
        /// <summary>Batch upload started: first upload STAN and how many transactions.</summary>
        public const int UploadStart = 0x32;
        /// <summary>One batch-upload message acknowledged (its index).</summary>
        public const int UploadAcked = 0x33;
        /// <summary>Settlement complete: the batch is closed and the next one opens.</summary>
        public const int SettleDone = 0x34;
        /// <summary>The settlement report was printed.</summary>
        public const int SettlePrinted = 0x35;

        /// <summary>One above the highest type the store writes.</summary>
        internal const int Limit = 0x36;
    }
}
