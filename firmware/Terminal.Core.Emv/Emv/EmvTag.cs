namespace Terminal.Core.Emv
{
    /// <summary>EMV tags the contactless read and the contact kernel use (EMV Book 3 annex A; DF31 from CUP), as written on the wire.</summary>
    public static class EmvTag
    {
        /// <summary>Application identifier (ADF name) in a directory entry.</summary>
        public const int Aid = 0x4F;
        /// <summary>Application label.</summary>
        public const int ApplicationLabel = 0x50;
        /// <summary>Track 2 equivalent data.</summary>
        public const int Track2 = 0x57;
        /// <summary>Application primary account number.</summary>
        public const int Pan = 0x5A;
        /// <summary>Cardholder name.</summary>
        public const int CardholderName = 0x5F20;
        /// <summary>Application expiration date YYMMDD.</summary>
        public const int ExpiryDate = 0x5F24;
        /// <summary>Transaction currency code.</summary>
        public const int TransactionCurrency = 0x5F2A;
        /// <summary>PAN sequence number.</summary>
        public const int PanSequence = 0x5F34;
        /// <summary>Directory entry template.</summary>
        public const int DirectoryEntry = 0x61;
        /// <summary>FCI template.</summary>
        public const int Fci = 0x6F;
        /// <summary>READ RECORD response template.</summary>
        public const int RecordTemplate = 0x70;
        /// <summary>Response message template format 2.</summary>
        public const int ResponseFormat2 = 0x77;
        /// <summary>Response message template format 1.</summary>
        public const int ResponseFormat1 = 0x80;
        /// <summary>Application interchange profile.</summary>
        public const int Aip = 0x82;
        /// <summary>Command template (GPO data field).</summary>
        public const int CommandTemplate = 0x83;
        /// <summary>Dedicated file name (the selected AID).</summary>
        public const int DfName = 0x84;
        /// <summary>Application priority indicator.</summary>
        public const int Priority = 0x87;
        /// <summary>Card risk management DOL 1 (for GENERATE AC).</summary>
        public const int Cdol1 = 0x8C;
        /// <summary>Application file locator.</summary>
        public const int Afl = 0x94;
        /// <summary>Terminal verification results.</summary>
        public const int Tvr = 0x95;
        /// <summary>Transaction date YYMMDD.</summary>
        public const int TransactionDate = 0x9A;
        /// <summary>Transaction type.</summary>
        public const int TransactionType = 0x9C;
        /// <summary>FCI proprietary template.</summary>
        public const int FciProprietary = 0xA5;
        /// <summary>FCI issuer discretionary data (the PPSE directory).</summary>
        public const int FciIssuerDiscretionary = 0xBF0C;
        /// <summary>Amount, authorised (numeric, 6 bytes).</summary>
        public const int AmountAuthorised = 0x9F02;
        /// <summary>Amount, other.</summary>
        public const int AmountOther = 0x9F03;
        /// <summary>Issuer application data.</summary>
        public const int Iad = 0x9F10;
        /// <summary>Terminal country code.</summary>
        public const int TerminalCountry = 0x9F1A;
        /// <summary>Transaction time HHMMSS.</summary>
        public const int TransactionTime = 0x9F21;
        /// <summary>Application cryptogram.</summary>
        public const int Cryptogram = 0x9F26;
        /// <summary>Cryptogram information data.</summary>
        public const int CryptogramInfo = 0x9F27;
        /// <summary>Terminal capabilities.</summary>
        public const int TerminalCapabilities = 0x9F33;
        /// <summary>Terminal type.</summary>
        public const int TerminalType = 0x9F35;
        /// <summary>Application transaction counter.</summary>
        public const int Atc = 0x9F36;
        /// <summary>Unpredictable number.</summary>
        public const int UnpredictableNumber = 0x9F37;
        /// <summary>Processing options DOL.</summary>
        public const int Pdol = 0x9F38;
        /// <summary>Terminal transaction qualifiers (contactless).</summary>
        public const int Ttq = 0x9F66;

        /// <summary>Application effective date YYMMDD.</summary>
        public const int EffectiveDate = 0x5F25;
        /// <summary>Issuer country code (ISO 3166 numeric).</summary>
        public const int IssuerCountry = 0x5F28;
        /// <summary>Issuer script template 1 (scripts run before the second GENERATE AC).</summary>
        public const int IssuerScript1 = 0x71;
        /// <summary>Issuer script template 2 (scripts run after the second GENERATE AC).</summary>
        public const int IssuerScript2 = 0x72;
        /// <summary>Issuer script command (one APDU).</summary>
        public const int IssuerScriptCommand = 0x86;
        /// <summary>Short file identifier of the PSE directory.</summary>
        public const int Sfi = 0x88;
        /// <summary>Authorisation response code (an2).</summary>
        public const int AuthorisationResponseCode = 0x8A;
        /// <summary>Card risk management DOL 2 (for the second GENERATE AC).</summary>
        public const int Cdol2 = 0x8D;
        /// <summary>Cardholder verification method list.</summary>
        public const int CvmList = 0x8E;
        /// <summary>Issuer authentication data (the ARPC and its response code).</summary>
        public const int IssuerAuthenticationData = 0x91;
        /// <summary>Transaction status information.</summary>
        public const int Tsi = 0x9B;
        /// <summary>Application usage control.</summary>
        public const int Auc = 0x9F07;
        /// <summary>Application version number, card.</summary>
        public const int CardApplicationVersion = 0x9F08;
        /// <summary>Application version number, terminal.</summary>
        public const int TerminalApplicationVersion = 0x9F09;
        /// <summary>Issuer action code, default.</summary>
        public const int IacDefault = 0x9F0D;
        /// <summary>Issuer action code, denial.</summary>
        public const int IacDenial = 0x9F0E;
        /// <summary>Issuer action code, online.</summary>
        public const int IacOnline = 0x9F0F;
        /// <summary>Issuer code table index (the character set of 9F12).</summary>
        public const int IssuerCodeTableIndex = 0x9F11;
        /// <summary>Application preferred name.</summary>
        public const int PreferredName = 0x9F12;
        /// <summary>Last online ATC register.</summary>
        public const int LastOnlineAtc = 0x9F13;
        /// <summary>Lower consecutive offline limit.</summary>
        public const int LowerConsecutiveOfflineLimit = 0x9F14;
        /// <summary>Issuer script identifier.</summary>
        public const int IssuerScriptId = 0x9F18;
        /// <summary>Terminal floor limit (b4).</summary>
        public const int FloorLimit = 0x9F1B;
        /// <summary>Interface device (IFD) serial number.</summary>
        public const int IfdSerialNumber = 0x9F1E;
        /// <summary>Upper consecutive offline limit.</summary>
        public const int UpperConsecutiveOfflineLimit = 0x9F23;
        /// <summary>Cardholder verification method results.</summary>
        public const int CvmResults = 0x9F34;
        /// <summary>Transaction sequence counter.</summary>
        public const int TransactionSequenceCounter = 0x9F41;
        /// <summary>Application currency code.</summary>
        public const int ApplicationCurrency = 0x9F42;
        /// <summary>Card product identification (UnionPay, 9F63).</summary>
        public const int CardProductId = 0x9F63;
        /// <summary>Issuer script results (CUP: 5 bytes per script, result nibble and sequence, then the script id).</summary>
        public const int ScriptResults = 0xDF31;

        /// <summary>True for tags whose value is numeric (n): right-aligned and zero-padded on the left in a DOL.</summary>
        public static bool IsNumeric(int tag)
        {
            switch (tag)
            {
                case AmountAuthorised:
                case AmountOther:
                case TerminalCountry:
                case TransactionCurrency:
                case TransactionDate:
                case TransactionType:
                case TransactionTime:
                case PanSequence:
                case ExpiryDate:
                case EffectiveDate:
                case IssuerCountry:
                case TransactionSequenceCounter:
                case ApplicationCurrency:
                    return true;
                default:
                    return false;
            }
        }
    }
}
