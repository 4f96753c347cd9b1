namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>
    /// ISO 8583:1987 as text (the field table of jPOS's ISO87APackager): ASCII MTI, bitmaps as 16 hex
    /// characters each, ASCII LL/LLL prefixes, binary fields as hex text whose prefix counts bytes.
    /// Differences from ISO87APackager, on purpose: F35 is z (accepts '=' or 'D'), F55 is binary
    /// BER-TLV as hex (jPOS: LLLCHAR) so the trace can mask EMV tags, amounts x+n (28-31, 97) are an,
    /// and F65 (tertiary bitmap indicator) is not defined.
    /// </summary>
    public static class Ascii87Profile
    {
        /// <summary>Builds the profile.</summary>
        public static Iso8583Profile Create()
        {
            var p = new Iso8583Profile("ascii87", 0, 0, FieldEncoding.Ascii, FieldEncoding.Hex, FieldEncoding.Ascii);
            const FieldType N = FieldType.Numeric;
            const FieldType A = FieldType.Alpha;
            const FieldType S = FieldType.AlphaSpecial;
            const LengthKind LL = LengthKind.LLVar;
            const LengthKind LLL = LengthKind.LLLVar;
            Var(p, Field.Pan, "PAN", N, LL, 19);
            Fixed(p, Field.ProcessingCode, "Processing code", N, 6);
            Fixed(p, Field.Amount, "Amount", N, 12);
            Fixed(p, 5, "Settlement amount", N, 12);
            Fixed(p, 6, "Billing amount", N, 12);
            Fixed(p, Field.TransmissionTime, "Transmission time", N, 10);
            Fixed(p, 8, "Billing fee", N, 8);
            Fixed(p, 9, "Settlement rate", N, 8);
            Fixed(p, 10, "Billing rate", N, 8);
            Fixed(p, Field.Stan, "STAN", N, 6);
            Fixed(p, Field.LocalTime, "Local time", N, 6);
            Fixed(p, Field.LocalDate, "Local date", N, 4);
            Fixed(p, Field.Expiry, "Expiry", N, 4);
            Fixed(p, Field.SettlementDate, "Settlement date", N, 4);
            Fixed(p, 16, "Conversion date", N, 4);
            Fixed(p, 17, "Capture date", N, 4);
            Fixed(p, 18, "Merchant type", N, 4);
            Fixed(p, 19, "Acquirer country", N, 3);
            Fixed(p, 20, "PAN country", N, 3);
            Fixed(p, 21, "Forwarder country", N, 3);
            Fixed(p, Field.EntryMode, "Entry mode", N, 3);
            Fixed(p, Field.CardSequence, "Card sequence", N, 3);
            Fixed(p, 24, "NII", N, 3);
            Fixed(p, Field.ConditionCode, "Condition code", N, 2);
            Fixed(p, Field.PinCaptureCode, "PIN capture code", N, 2);
            Fixed(p, 27, "Auth id length", N, 1);
            Fixed(p, 28, "Txn fee", A, 9);
            Fixed(p, 29, "Settlement fee", A, 9);
            Fixed(p, 30, "Txn processing fee", A, 9);
            Fixed(p, 31, "Settlement processing fee", A, 9);
            Var(p, Field.AcquirerId, "Acquirer id", N, LL, 11);
            Var(p, 33, "Forwarder id", N, LL, 11);
            Var(p, 34, "Extended PAN", S, LL, 28);
            Var(p, Field.Track2, "Track 2", FieldType.Track, LL, 37);
            Var(p, Field.Track3, "Track 3", S, LLL, 104);
            Fixed(p, Field.Rrn, "RRN", A, 12);
            Fixed(p, Field.AuthCode, "Auth code", A, 6);
            Fixed(p, Field.ResponseCode, "Response code", A, 2);
            Fixed(p, 40, "Service restriction", A, 3);
            Fixed(p, Field.TerminalId, "Terminal id", S, 8);
            Fixed(p, Field.MerchantId, "Merchant id", S, 15);
            Fixed(p, 43, "Acceptor name", S, 40);
            Var(p, Field.AdditionalResponse, "Additional response", S, LL, 25);
            Var(p, 45, "Track 1", S, LL, 76);
            Var(p, 46, "Additional data ISO", S, LLL, 999);
            Var(p, 47, "Additional data national", S, LLL, 999);
            Var(p, Field.AdditionalData, "Additional data", S, LLL, 999);
            Fixed(p, Field.Currency, "Currency", A, 3);
            Fixed(p, 50, "Settlement currency", A, 3);
            Fixed(p, 51, "Billing currency", A, 3);
            p.Define(Field.PinBlock, "PIN block", FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Hex, BcdAlignment.Left);
            Fixed(p, Field.SecurityControl, "Security control", N, 16);
            Var(p, Field.Balance, "Balance", S, LLL, 120);
            p.Define(Field.IccData, "ICC data", FieldType.Binary, LengthKind.LLLVar, 255, FieldEncoding.Hex, BcdAlignment.Left);
            Var(p, 56, Reserved, S, LLL, 999);
            for (int f = 57; f <= 59; f++)
            {
                Var(p, f, ReservedNational, S, LLL, 999);
            }

            for (int f = 60; f <= 63; f++)
            {
                Var(p, f, ReservedPrivate, S, LLL, 999);
            }

            p.Define(Field.Mac, "MAC", FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Hex, BcdAlignment.Left);
            Fixed(p, 66, "Settlement code", N, 1);
            Fixed(p, 67, "Extended payment code", N, 2);
            Fixed(p, 68, "Receiving country", N, 3);
            Fixed(p, 69, "Settlement country", N, 3);
            Fixed(p, Field.NetworkCode, "Network code", N, 3);
            Fixed(p, 71, "Message number", N, 4);
            Fixed(p, 72, "Last message number", N, 4);
            Fixed(p, 73, "Action date", N, 6);
            Fixed(p, 74, "Credits", N, 10);
            Fixed(p, 75, "Credit reversals", N, 10);
            Fixed(p, 76, "Debits", N, 10);
            Fixed(p, 77, "Debit reversals", N, 10);
            Fixed(p, 78, "Transfers", N, 10);
            Fixed(p, 79, "Transfer reversals", N, 10);
            Fixed(p, 80, "Inquiries", N, 10);
            Fixed(p, 81, "Authorizations", N, 10);
            Fixed(p, 82, "Credit fees", N, 12);
            Fixed(p, 83, "Credit txn fees", N, 12);
            Fixed(p, 84, "Debit fees", N, 12);
            Fixed(p, 85, "Debit txn fees", N, 12);
            Fixed(p, 86, "Credits amount", N, 16);
            Fixed(p, 87, "Credit reversals amount", N, 16);
            Fixed(p, 88, "Debits amount", N, 16);
            Fixed(p, 89, "Debit reversals amount", N, 16);
            Fixed(p, 90, "Original data", N, 42);
            Fixed(p, 91, "File update code", A, 1);
            Fixed(p, 92, "File security code", A, 2);
            Fixed(p, 93, "Response indicator", A, 6);
            Fixed(p, 94, "Service indicator", A, 7);
            Fixed(p, 95, "Replacement amounts", A, 42);
            p.Define(96, "Security code", FieldType.Binary, LengthKind.Fixed, 16, FieldEncoding.Hex, BcdAlignment.Left);
            Fixed(p, 97, "Net settlement", A, 17);
            Fixed(p, 98, "Payee", S, 25);
            Var(p, 99, "Settlement institution", N, LL, 11);
            Var(p, 100, "Receiver id", N, LL, 11);
            Var(p, 101, "File name", S, LL, 17);
            Var(p, 102, "Account 1", S, LL, 28);
            Var(p, 103, "Account 2", S, LL, 28);
            Var(p, 104, "Txn description", S, LLL, 100);
            for (int f = 105; f <= 127; f++)
            {
                Var(p, f, f <= 111 ? Reserved : f <= 119 ? ReservedNational : ReservedPrivate, S, LLL, 999);
            }

            p.Define(128, "MAC 2", FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Hex, BcdAlignment.Left);
            return p;
        }

        private const string Reserved = "Reserved ISO";
        private const string ReservedNational = "Reserved national";
        private const string ReservedPrivate = "Reserved private";

        private static void Fixed(Iso8583Profile p, int number, string name, FieldType type, int length) =>
            p.Define(number, name, type, LengthKind.Fixed, length, FieldEncoding.Ascii, BcdAlignment.Right);

        private static void Var(Iso8583Profile p, int number, string name, FieldType type, LengthKind kind, int max) =>
            p.Define(number, name, type, kind, max, FieldEncoding.Ascii, BcdAlignment.Left);
    }
}
