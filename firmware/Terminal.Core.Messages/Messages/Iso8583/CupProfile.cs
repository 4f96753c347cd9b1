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
            p.Define(2, FieldType.Numeric, LengthKind.LLVar, 19, B, L);           // primary account number
            p.Define(3, FieldType.Numeric, LengthKind.Fixed, 6, B, R);            // processing code
            p.Define(4, FieldType.Numeric, LengthKind.Fixed, 12, B, R);           // amount, fen
            p.Define(11, FieldType.Numeric, LengthKind.Fixed, 6, B, R);           // STAN
            p.Define(12, FieldType.Numeric, LengthKind.Fixed, 6, B, R);           // local time hhmmss
            p.Define(13, FieldType.Numeric, LengthKind.Fixed, 4, B, R);           // local date MMDD
            p.Define(14, FieldType.Numeric, LengthKind.Fixed, 4, B, R);           // expiry YYMM
            p.Define(15, FieldType.Numeric, LengthKind.Fixed, 4, B, R);           // settlement date
            p.Define(22, FieldType.Numeric, LengthKind.Fixed, 3, B, L);           // POS entry mode, left-aligned
            p.Define(23, FieldType.Numeric, LengthKind.Fixed, 3, B, R);           // card sequence number, right-aligned
            p.Define(25, FieldType.Numeric, LengthKind.Fixed, 2, B, L);           // POS condition code
            p.Define(26, FieldType.Numeric, LengthKind.Fixed, 2, B, R);           // PIN capture code
            p.Define(32, FieldType.Numeric, LengthKind.LLVar, 11, B, L);          // acquiring institution id
            p.Define(35, FieldType.Track, LengthKind.LLVar, 37, B, L);            // track 2
            p.Define(36, FieldType.Track, LengthKind.LLLVar, 104, B, L);          // track 3
            p.Define(37, FieldType.Alpha, LengthKind.Fixed, 12, A, L);            // RRN
            p.Define(38, FieldType.Alpha, LengthKind.Fixed, 6, A, L);             // authorization code
            p.Define(39, FieldType.Alpha, LengthKind.Fixed, 2, A, L);             // response code
            p.Define(41, FieldType.AlphaSpecial, LengthKind.Fixed, 8, A, L);      // terminal id
            p.Define(42, FieldType.AlphaSpecial, LengthKind.Fixed, 15, A, L);     // merchant id
            p.Define(44, FieldType.Alpha, LengthKind.LLVar, 25, A, L);            // issuer / acquirer ids
            p.Define(48, FieldType.Numeric, LengthKind.LLLVar, 322, B, L);        // settlement totals
            p.Define(49, FieldType.Alpha, LengthKind.Fixed, 3, A, L);             // currency code (156)
            p.Define(52, FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Binary, L);   // PIN block
            p.Define(53, FieldType.Numeric, LengthKind.Fixed, 16, B, R);          // security control info
            p.Define(54, FieldType.Alpha, LengthKind.LLLVar, 20, A, L);           // balance amount
            p.Define(55, FieldType.Binary, LengthKind.LLLVar, 255, FieldEncoding.Binary, L); // ICC data (BER-TLV)
            p.Define(58, FieldType.AlphaSpecial, LengthKind.LLLVar, 100, A, L);   // PBOC e-cash
            p.Define(59, FieldType.AlphaSpecial, LengthKind.LLLVar, 999, A, L);   // QR payment code (A3 + 019 + code)
            p.Define(60, FieldType.Numeric, LengthKind.LLLVar, 17, B, L);         // 60.1..60.7
            p.Define(61, FieldType.Numeric, LengthKind.LLLVar, 29, B, L);         // original message data
            p.Define(62, FieldType.Binary, LengthKind.LLLVar, 512, FieldEncoding.Binary, L); // keys at sign-in, terminal data
            p.Define(63, FieldType.AlphaSpecial, LengthKind.LLLVar, 163, A, L);   // operator, card organization
            p.Define(64, FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Binary, L);   // MAC
            p.DefineSubfields(60, Field60Widths);
            p.DefineSubfields(61, Field61Widths);
            return p;
        }
    }
}
