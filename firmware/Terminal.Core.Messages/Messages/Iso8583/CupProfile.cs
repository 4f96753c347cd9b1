namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>
    /// China UnionPay POS terminal messages (中国银联 POS 终端规范, 2002 field descriptions): 5-byte TPDU and
    /// 6-byte header before a BCD MTI, one binary bitmap (fields 2-64), numerics in BCD, LL/LLL prefixes in
    /// BCD counting digits for n/z and bytes for others. Checked against the public field table
    /// (csdndocs "银联常用8583报文域说明"), a public CUP simulator packager (F60 n...017, F61 n...029) and the
    /// public MAC walk-through message of FACTS.md, which parses field by field with this table.
    /// </summary>
    public static class CupProfile
    {
        /// <summary>Bytes of TPDU (id 0x60, destination, source).</summary>
        public const int TpduLength = 5;

        /// <summary>Bytes of the application header after the TPDU.</summary>
        public const int HeaderLength = 6;

        /// <summary>F60 sub-field digit widths: 60.1 type, 60.2 batch, 60.3 network management code,
        /// 60.4 terminal read capability, 60.5 IC condition code, 60.6 partial-approval flag, 60.7 account type.</summary>
        public static readonly byte[] Field60Widths = new byte[] { 2, 6, 3, 1, 1, 1, 3 };

        /// <summary>F61 sub-field digit widths: original batch, original STAN, original date MMDD.</summary>
        public static readonly byte[] Field61Widths = new byte[] { 6, 6, 4 };

        /// <summary>
        /// Swaps the TPDU's destination and source addresses (bytes 1-2 and 3-4 after the 0x60 id) in place,
        /// as the host does in its reply: request TPDU 60 0003 0000 is answered with 60 0000 0003.
        /// </summary>
        public static void SwapTpduAddresses(byte[] tpdu, int offset)
        {
            for (int i = 1; i <= 2; i++)
            {
                byte t = tpdu[offset + i];
                tpdu[offset + i] = tpdu[offset + i + 2];
                tpdu[offset + i + 2] = t;
            }
        }

        /// <summary>Builds the profile.</summary>
        public static Iso8583Profile Create()
        {
            var p = new Iso8583Profile("cup", TpduLength, HeaderLength, FieldEncoding.Bcd, FieldEncoding.Binary, FieldEncoding.Bcd);
            const FieldEncoding B = FieldEncoding.Bcd;
            const FieldEncoding A = FieldEncoding.Ascii;
            const BcdAlignment L = BcdAlignment.Left;
            const BcdAlignment R = BcdAlignment.Right;
            p.Define(Field.Pan, "PAN", FieldType.Numeric, LengthKind.LLVar, 19, B, L);
            p.Define(Field.ProcessingCode, "Processing code", FieldType.Numeric, LengthKind.Fixed, 6, B, R);
            p.Define(Field.Amount, "Amount", FieldType.Numeric, LengthKind.Fixed, 12, B, R);  // fen
            p.Define(Field.Stan, "STAN", FieldType.Numeric, LengthKind.Fixed, 6, B, R);
            p.Define(Field.LocalTime, "Local time", FieldType.Numeric, LengthKind.Fixed, 6, B, R);  // hhmmss
            p.Define(Field.LocalDate, "Local date", FieldType.Numeric, LengthKind.Fixed, 4, B, R);  // MMDD
            p.Define(Field.Expiry, "Expiry", FieldType.Numeric, LengthKind.Fixed, 4, B, R);  // YYMM
            p.Define(Field.SettlementDate, "Settlement date", FieldType.Numeric, LengthKind.Fixed, 4, B, R);  // MMDD
            p.Define(Field.EntryMode, "Entry mode", FieldType.Numeric, LengthKind.Fixed, 3, B, L);  // left-aligned
            p.Define(Field.CardSequence, "Card sequence", FieldType.Numeric, LengthKind.Fixed, 3, B, R);  // right-aligned
            p.Define(Field.ConditionCode, "Condition code", FieldType.Numeric, LengthKind.Fixed, 2, B, L);
            p.Define(Field.PinCaptureCode, "PIN capture code", FieldType.Numeric, LengthKind.Fixed, 2, B, R);
            p.Define(Field.AcquirerId, "Acquirer id", FieldType.Numeric, LengthKind.LLVar, 11, B, L);
            p.Define(Field.Track2, "Track 2", FieldType.Track, LengthKind.LLVar, 37, B, L);
            p.Define(Field.Track3, "Track 3", FieldType.Track, LengthKind.LLLVar, 104, B, L);
            p.Define(Field.Rrn, "RRN", FieldType.Alpha, LengthKind.Fixed, 12, A, L);
            p.Define(Field.AuthCode, "Auth code", FieldType.Alpha, LengthKind.Fixed, 6, A, L);
            p.Define(Field.ResponseCode, "Response code", FieldType.Alpha, LengthKind.Fixed, 2, A, L);
            p.Define(Field.TerminalId, "Terminal id", FieldType.AlphaSpecial, LengthKind.Fixed, 8, A, L);
            p.Define(Field.MerchantId, "Merchant id", FieldType.AlphaSpecial, LengthKind.Fixed, 15, A, L);
            p.Define(Field.AdditionalResponse, "Additional response", FieldType.Alpha, LengthKind.LLVar, 25, A, L);  // issuer / acquirer ids
            p.Define(Field.AdditionalData, "Additional data", FieldType.Numeric, LengthKind.LLLVar, 322, B, L);  // settlement totals
            p.Define(Field.Currency, "Currency", FieldType.Alpha, LengthKind.Fixed, 3, A, L);  // 156 = CNY
            p.Define(Field.PinBlock, "PIN block", FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Binary, L);
            p.Define(Field.SecurityControl, "Security control", FieldType.Numeric, LengthKind.Fixed, 16, B, R);
            p.Define(Field.Balance, "Balance", FieldType.Alpha, LengthKind.LLLVar, 20, A, L);
            p.Define(Field.IccData, "ICC data", FieldType.Binary, LengthKind.LLLVar, 255, FieldEncoding.Binary, L);  // BER-TLV
            p.Define(Field.ECash, "E-cash", FieldType.AlphaSpecial, LengthKind.LLLVar, 100, A, L);  // PBOC
            p.Define(Field.UsageData, "Usage data", FieldType.AlphaSpecial, LengthKind.LLLVar, 999, A, L);  // QR payment code: A3 + 019 + code
            p.Define(Field.MessageInfo, "Message info", FieldType.Numeric, LengthKind.LLLVar, 17, B, L);  // 60.1..60.7
            p.Define(Field.OriginalData, "Original data", FieldType.Numeric, LengthKind.LLLVar, 29, B, L);
            p.Define(Field.PrivateData, "Private data", FieldType.Binary, LengthKind.LLLVar, 512, FieldEncoding.Binary, L);  // keys at sign-in, KSN, chunks
            p.Define(Field.OperatorData, "Operator data", FieldType.AlphaSpecial, LengthKind.LLLVar, 163, A, L);  // operator, card organization
            p.Define(Field.Mac, "MAC", FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Binary, L);
            p.DefineSubfields(Field.MessageInfo, Field60Widths);
            p.DefineSubfields(Field.OriginalData, Field61Widths);
            return p;
        }
    }
}
