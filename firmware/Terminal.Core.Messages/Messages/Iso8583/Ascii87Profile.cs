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
            Fixed(p, FieldType.Numeric, 6, 3);
            FixedRange(p, 4, 6, 12);
            Fixed(p, FieldType.Numeric, 10, 7);
            FixedRange(p, 8, 10, 8);
            Fixed(p, FieldType.Numeric, 6, 11);
            Fixed(p, FieldType.Numeric, 6, 12);
            FixedRange(p, 13, 18, 4);
            FixedRange(p, 19, 24, 3);
            Fixed(p, FieldType.Numeric, 2, 25);
            Fixed(p, FieldType.Numeric, 2, 26);
            Fixed(p, FieldType.Numeric, 1, 27);
            for (int f = 28; f <= 31; f++)
            {
                Fixed(p, FieldType.Alpha, 9, f);
            }

            Var(p, 2, FieldType.Numeric, LengthKind.LLVar, 19);
            Var(p, 32, FieldType.Numeric, LengthKind.LLVar, 11);
            Var(p, 33, FieldType.Numeric, LengthKind.LLVar, 11);
            Var(p, 34, FieldType.AlphaSpecial, LengthKind.LLVar, 28);
            Var(p, 35, FieldType.Track, LengthKind.LLVar, 37);
            Var(p, 36, FieldType.AlphaSpecial, LengthKind.LLLVar, 104);
            Fixed(p, FieldType.Alpha, 12, 37);
            Fixed(p, FieldType.Alpha, 6, 38);
            Fixed(p, FieldType.Alpha, 2, 39);
            Fixed(p, FieldType.Alpha, 3, 40);
            Fixed(p, FieldType.AlphaSpecial, 8, 41);
            Fixed(p, FieldType.AlphaSpecial, 15, 42);
            Fixed(p, FieldType.AlphaSpecial, 40, 43);
            Var(p, 44, FieldType.AlphaSpecial, LengthKind.LLVar, 25);
            Var(p, 45, FieldType.AlphaSpecial, LengthKind.LLVar, 76);
            for (int f = 46; f <= 48; f++)
            {
                Var(p, f, FieldType.AlphaSpecial, LengthKind.LLLVar, 999);
            }

            Fixed(p, FieldType.Alpha, 3, 49);
            Fixed(p, FieldType.Alpha, 3, 50);
            Fixed(p, FieldType.Alpha, 3, 51);
            p.Define(52, FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Hex, BcdAlignment.Left);
            Fixed(p, FieldType.Numeric, 16, 53);
            Var(p, 54, FieldType.AlphaSpecial, LengthKind.LLLVar, 120);
            p.Define(55, FieldType.Binary, LengthKind.LLLVar, 255, FieldEncoding.Hex, BcdAlignment.Left);
            for (int f = 56; f <= 63; f++)
            {
                Var(p, f, FieldType.AlphaSpecial, LengthKind.LLLVar, 999);
            }

            p.Define(64, FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Hex, BcdAlignment.Left);
            Fixed(p, FieldType.Numeric, 1, 66);
            Fixed(p, FieldType.Numeric, 2, 67);
            FixedRange(p, 68, 70, 3);
            Fixed(p, FieldType.Numeric, 4, 71);
            Fixed(p, FieldType.Numeric, 4, 72);
            Fixed(p, FieldType.Numeric, 6, 73);
            FixedRange(p, 74, 81, 10);
            FixedRange(p, 82, 85, 12);
            FixedRange(p, 86, 89, 16);
            Fixed(p, FieldType.Numeric, 42, 90);
            Fixed(p, FieldType.Alpha, 1, 91);
            Fixed(p, FieldType.Alpha, 2, 92);
            Fixed(p, FieldType.Alpha, 6, 93);
            Fixed(p, FieldType.Alpha, 7, 94);
            Fixed(p, FieldType.Alpha, 42, 95);
            p.Define(96, FieldType.Binary, LengthKind.Fixed, 16, FieldEncoding.Hex, BcdAlignment.Left);
            Fixed(p, FieldType.Alpha, 17, 97);
            Fixed(p, FieldType.AlphaSpecial, 25, 98);
            Var(p, 99, FieldType.Numeric, LengthKind.LLVar, 11);
            Var(p, 100, FieldType.Numeric, LengthKind.LLVar, 11);
            Var(p, 101, FieldType.AlphaSpecial, LengthKind.LLVar, 17);
            Var(p, 102, FieldType.AlphaSpecial, LengthKind.LLVar, 28);
            Var(p, 103, FieldType.AlphaSpecial, LengthKind.LLVar, 28);
            Var(p, 104, FieldType.AlphaSpecial, LengthKind.LLLVar, 100);
            for (int f = 105; f <= 127; f++)
            {
                Var(p, f, FieldType.AlphaSpecial, LengthKind.LLLVar, 999);
            }

            p.Define(128, FieldType.Binary, LengthKind.Fixed, 8, FieldEncoding.Hex, BcdAlignment.Left);
            return p;
        }

        private static void Fixed(Iso8583Profile p, FieldType type, int length, int number) =>
            p.Define(number, type, LengthKind.Fixed, length, FieldEncoding.Ascii, BcdAlignment.Right);

        private static void FixedRange(Iso8583Profile p, int first, int last, int length)
        {
            for (int f = first; f <= last; f++)
            {
                Fixed(p, FieldType.Numeric, length, f);
            }
        }

        private static void Var(Iso8583Profile p, int number, FieldType type, LengthKind kind, int max) =>
            p.Define(number, type, kind, max, FieldEncoding.Ascii, BcdAlignment.Left);
    }
}
