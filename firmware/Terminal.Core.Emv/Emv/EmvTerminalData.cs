namespace Terminal.Core.Emv
{
    /// <summary>
    /// What the terminal contributes to a card read (contactless or contact): the transaction (amount, date, type,
    /// sequence counter) and the terminal's fixed parameters (country, currency, capabilities, TTQ, IFD serial
    /// number, application version, terminal action codes, floor limit). Amounts are minor units (fen).
    /// </summary>
    public sealed class EmvTerminalData
    {
        /// <summary>9C of a sale: goods and services (the first two digits of its F3, 000000).</summary>
        public const int Goods = 0x00;

        /// <summary>9C of a pre-authorization: the first two digits of its F3 (030000), as EMV defines 9C from ISO 8583:1987's processing code.</summary>
        public const int PreAuthorization = 0x03;

        /// <summary>9C of a balance inquiry: the first two digits of its F3 (310000).</summary>
        public const int BalanceInquiry = 0x31;

        /// <summary>Creates the defaults of a Chinese online-only attended terminal (5F2A = 9F1A = 0156).</summary>
        public EmvTerminalData()
        {
            CurrencyCode = 156;
            CountryCode = 156;
            TransactionType = Goods;
            Ttq = new byte[] { 0x26, 0x80, 0x00, 0x00 };
            TerminalCapabilities = new byte[] { 0xE0, 0x68, 0x00 };
            TerminalType = 0x21;
            IfdSerialNumber = new byte[] { (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0' };
            ApplicationVersion = new byte[] { 0x00, 0x30 };
            TacDenial = new byte[] { 0x00, 0x10, 0x00, 0x00, 0x00 };
            TacOnline = new byte[] { 0xD8, 0x40, 0x04, 0xF8, 0x00 };
            TacDefault = new byte[] { 0xD8, 0x40, 0x00, 0xA8, 0x00 };
        }

        /// <summary>Amount, authorised, in minor units (9F02).</summary>
        public long Amount { get; set; }

        /// <summary>Amount, other (9F03), normally 0.</summary>
        public long OtherAmount { get; set; }

        /// <summary>ISO 4217 numeric currency (5F2A), 156 for CNY.</summary>
        public int CurrencyCode { get; set; }

        /// <summary>ISO 3166 numeric country (9F1A), 156 for China.</summary>
        public int CountryCode { get; set; }

        /// <summary>Transaction type (9C, the first two digits of the request's F3): <see cref="Goods"/>, <see cref="PreAuthorization"/>, <see cref="BalanceInquiry"/>, 0x20 refund.</summary>
        public int TransactionType { get; set; }

        /// <summary>Transaction date and time (9A, 9F21).</summary>
        public System.DateTime Date { get; set; }

        /// <summary>Terminal transaction qualifiers (9F66): qVSDC, online PIN and signature supported, online cryptogram required.</summary>
        public byte[] Ttq { get; set; }

        /// <summary>
        /// Terminal capabilities (9F33): manual entry, magnetic stripe, IC with contacts; online PIN, signature, no CVM
        /// (no offline PIN); no offline data authentication (an online-only terminal without CA keys).
        /// </summary>
        public byte[] TerminalCapabilities { get; set; }

        /// <summary>Terminal type (9F35): 0x21 merchant, attended, online only (EMV Book 4, annex A1).</summary>
        public int TerminalType { get; set; }
    
        /// <summary>Interface device serial number (9F1E, an8): the terminal's serial, eight ASCII characters.</summary>
        public byte[] IfdSerialNumber { get; set; }

        /// <summary>Terminal's application version number (9F09, b2), compared with the card's 9F08; 0x0030 for PBOC 3.0 UnionPay.</summary>
        public byte[] ApplicationVersion { get; set; }

        /// <summary>Terminal action code, denial (b5): TVR bits that decline offline.</summary>
        public byte[] TacDenial { get; set; }

        /// <summary>Terminal action code, online (b5): TVR bits that send the transaction online.</summary>
        public byte[] TacOnline { get; set; }

        /// <summary>Terminal action code, default (b5): TVR bits that decline when the host cannot be reached.</summary>
        public byte[] TacDefault { get; set; }

        /// <summary>Terminal floor limit in minor units (9F1B); an online-only terminal goes online whatever it is.</summary>
        public long FloorLimit { get; set; }

        /// <summary>Transaction sequence counter (9F41, n4 to n8), supplied by the caller (one per transaction, e.g. the STAN).</summary>
        public long TransactionSequenceCounter { get; set; }
    
        /// <summary>
        /// Writes the transaction's and terminal's data objects into <paramref name="store"/>: 9F02 9F03 5F2A 9F1A 9A
        /// 9F21 9F41 9C 9F37 9F33 9F35 9F1E 9F09 (the reader adds its own: TTQ, TVR, TSI, CVM results).
        /// </summary>
        public void PutInto(EmvDataStore store, byte[] unpredictableNumber)
        {
            store.PutNumeric(EmvTag.AmountAuthorised, Amount, 6);
            store.PutNumeric(EmvTag.AmountOther, OtherAmount, 6);
            store.PutNumeric(EmvTag.TransactionCurrency, CurrencyCode, 2);
            store.PutNumeric(EmvTag.TerminalCountry, CountryCode, 2);
            System.DateTime d = Date;
            store.PutNumeric(EmvTag.TransactionDate, ((d.Year % 100) * 10000) + (d.Month * 100) + d.Day, 3);
            store.PutNumeric(EmvTag.TransactionTime, (d.Hour * 10000) + (d.Minute * 100) + d.Second, 3);
            store.PutNumeric(EmvTag.TransactionSequenceCounter, TransactionSequenceCounter % 100000000, 4);
            store.PutByte(EmvTag.TransactionType, TransactionType);
            store.Put(EmvTag.UnpredictableNumber, unpredictableNumber, 0, 4);
            store.Put(EmvTag.TerminalCapabilities, TerminalCapabilities, 0, TerminalCapabilities.Length);
            store.PutByte(EmvTag.TerminalType, TerminalType);
            store.Put(EmvTag.IfdSerialNumber, IfdSerialNumber, 0, IfdSerialNumber.Length);
            store.Put(EmvTag.TerminalApplicationVersion, ApplicationVersion, 0, ApplicationVersion.Length);
        }
    }
}
