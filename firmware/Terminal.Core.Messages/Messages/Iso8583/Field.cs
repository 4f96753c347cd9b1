namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>
    /// ISO 8583 field numbers by name, as the CUP POS table uses them (<see cref="CupProfile"/>; the same
    /// numbers in <see cref="Ascii87Profile"/>). Constants cost nothing on the device: the compiler writes the
    /// number where the name stands. The profile carries each field's name for traces and errors.
    /// </summary>
    public static class Field
    {
        /// <summary>F2, primary account number (n..19).</summary>
        public const int Pan = 2;

        /// <summary>F3, processing code (n6): 000000 sale, 200000 void and refund, 310000 balance.</summary>
        public const int ProcessingCode = 3;

        /// <summary>F4, transaction amount in fen (n12).</summary>
        public const int Amount = 4;

        /// <summary>F7, transmission date and time MMDDhhmmss (ISO 8583:1987; not in CUP).</summary>
        public const int TransmissionTime = 7;

        /// <summary>F11, system trace audit number (n6).</summary>
        public const int Stan = 11;

        /// <summary>F12, local time hhmmss.</summary>
        public const int LocalTime = 12;

        /// <summary>F13, local date MMDD.</summary>
        public const int LocalDate = 13;

        /// <summary>F14, card expiry YYMM.</summary>
        public const int Expiry = 14;

        /// <summary>F15, settlement date MMDD.</summary>
        public const int SettlementDate = 15;

        /// <summary>F22, POS entry mode (n3, left-aligned in CUP).</summary>
        public const int EntryMode = 22;

        /// <summary>F23, card sequence number.</summary>
        public const int CardSequence = 23;

        /// <summary>F25, POS condition code.</summary>
        public const int ConditionCode = 25;

        /// <summary>F26, PIN capture code.</summary>
        public const int PinCaptureCode = 26;

        /// <summary>F32, acquiring institution id.</summary>
        public const int AcquirerId = 32;

        /// <summary>F35, track 2 (z..37, 'D' separator).</summary>
        public const int Track2 = 35;

        /// <summary>F36, track 3 (z..104).</summary>
        public const int Track3 = 36;

        /// <summary>F37, retrieval reference number (an12).</summary>
        public const int Rrn = 37;

        /// <summary>F38, authorization code (an6).</summary>
        public const int AuthCode = 38;

        /// <summary>F39, response code (an2); a reversal's reason in a 0400.</summary>
        public const int ResponseCode = 39;

        /// <summary>F41, terminal id (ans8).</summary>
        public const int TerminalId = 41;

        /// <summary>F42, merchant id (ans15).</summary>
        public const int MerchantId = 42;

        /// <summary>F44, additional response data: issuer and acquirer ids.</summary>
        public const int AdditionalResponse = 44;

        /// <summary>F48, additional data: the settlement totals in a 0500, the upload count in the last 0320.</summary>
        public const int AdditionalData = 48;

        /// <summary>F49, currency code (156 = CNY).</summary>
        public const int Currency = 49;

        /// <summary>F52, the encrypted PIN block (b8).</summary>
        public const int PinBlock = 52;

        /// <summary>F53, security control: how the PIN block was made.</summary>
        public const int SecurityControl = 53;

        /// <summary>F54, balance amount.</summary>
        public const int Balance = 54;

        /// <summary>F55, ICC data: EMV BER-TLV.</summary>
        public const int IccData = 55;

        /// <summary>F58, PBOC electronic cash.</summary>
        public const int ECash = 58;

        /// <summary>F59, usage data: tag, three-digit length, value (A3: a scanned payment code).</summary>
        public const int UsageData = 59;

        /// <summary>F60, message information: 60.1 type, 60.2 batch, 60.3 network management code, 60.4-60.7.</summary>
        public const int MessageInfo = 60;

        /// <summary>F61, original message data: original batch, STAN and date.</summary>
        public const int OriginalData = 61;

        /// <summary>F62, private data: working keys at sign-in, the DUKPT KSN, catalog and update chunks.</summary>
        public const int PrivateData = 62;

        /// <summary>F63, operator data: the operator in a request, the card organization in an answer.</summary>
        public const int OperatorData = 63;

        /// <summary>F64, the message authentication code (b8).</summary>
        public const int Mac = 64;

        /// <summary>F70, network management information code (ISO 8583:1987; CUP uses F60.3).</summary>
        public const int NetworkCode = 70;
    }
}
