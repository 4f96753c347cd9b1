namespace Terminal.Core.Emv
{
    /// <summary>
    /// What the terminal contributes to a contactless read: the transaction (amount, date, type) and the
    /// terminal's fixed parameters (country, currency, capabilities, TTQ). Amounts are minor units (fen).
    /// </summary>
    public sealed class EmvTerminalData
    {
        /// <summary>Creates the defaults of a Chinese online-only attended terminal (5F2A = 9F1A = 0156).</summary>
        public EmvTerminalData()
        {
            CurrencyCode = 156;
            CountryCode = 156;
            TransactionType = 0x00;
            Ttq = new byte[] { 0x26, 0x80, 0x00, 0x00 };
            TerminalCapabilities = new byte[] { 0xE0, 0xE1, 0xC8 };
            TerminalType = 0x22;
        }

        /// <summary>Amount, authorised, in minor units (9F02).</summary>
        public long Amount { get; set; }

        /// <summary>Amount, other (9F03), normally 0.</summary>
        public long OtherAmount { get; set; }

        /// <summary>ISO 4217 numeric currency (5F2A), 156 for CNY.</summary>
        public int CurrencyCode { get; set; }

        /// <summary>ISO 3166 numeric country (9F1A), 156 for China.</summary>
        public int CountryCode { get; set; }

        /// <summary>Transaction type (9C): 0x00 goods and services, 0x20 refund, 0x31 balance.</summary>
        public int TransactionType { get; set; }

        /// <summary>Transaction date and time (9A, 9F21).</summary>
        public System.DateTime Date { get; set; }

        /// <summary>Terminal transaction qualifiers (9F66): qVSDC, online PIN and signature supported, online cryptogram required.</summary>
        public byte[] Ttq { get; set; }

        /// <summary>Terminal capabilities (9F33).</summary>
        public byte[] TerminalCapabilities { get; set; }

        /// <summary>Terminal type (9F35): 0x22 attended, online only.</summary>
        public int TerminalType { get; set; }
    }
}
