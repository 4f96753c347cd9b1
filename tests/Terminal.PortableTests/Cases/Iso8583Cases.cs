using Terminal.Drivers.Crypto;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.PortableTests.Doubles;
using Terminal.PortableTests.Framework;

namespace Terminal.PortableTests.Cases
{
    /// <summary>
    /// A CUP sale 0200 packed, signed with the ECB MAC and unpacked again: the golden bytes and MAC of
    /// tests/Terminal.Messages.Tests (the MAC computed there with OpenSSL), here checked on whatever runs the case.
    /// </summary>
    public sealed class Iso8583Cases
    {
        private const string Preamble = "6000030000" + "603100311003";
        private const string Icc = "9F2608" + "1122334455667788" + "9F2701" + "80" + "9F3704" + "12345678" + "9F3602" + "0001"
            + "9505" + "0000000000" + "9A03" + "251125" + "9C01" + "00";

        // MTI through F60 of the sale, as packed by the CUP profile (BCD numerics, LL/LLL prefixes).
        private const string MacInput = "0200" + "7024068000C08211" + "16" + "6225880123456789"
            + "000000" + "000000010000" + "000125" + "2812" + "0510" + "0001" + "00"
            + "3132333435363738" + "313233343536373839303132333435" + "313536"
            + "0042" + Icc + "0008" + "22000005";

        private static readonly Iso8583Profile Profile = CupProfile.Create();
        private static readonly Iso8583Codec Codec = new Iso8583Codec(Profile);

        /// <summary>The cases of this class.</summary>
        public static TestSuite Suite()
        {
            var c = new Iso8583Cases();
            var suite = new TestSuite("Iso8583");
            suite.Add("A_cup_sale_packs_to_the_golden_bytes", c.A_cup_sale_packs_to_the_golden_bytes);
            suite.Add("A_signed_cup_sale_carries_the_mac_AC9BEF8C", c.A_signed_cup_sale_carries_the_mac_AC9BEF8C);
            suite.Add("A_packed_cup_sale_unpacks_to_the_same_fields", c.A_packed_cup_sale_unpacks_to_the_same_fields);
            suite.Add("A_truncated_sale_is_an_error_not_an_exception", c.A_truncated_sale_is_an_error_not_an_exception);
            return suite;
        }

        /// <summary>Case.</summary>
        public void A_cup_sale_packs_to_the_golden_bytes()
        {
            byte[] wire = new byte[512];

            int n = Codec.Pack(Sale(), wire, 0);

            Check.BytesEqual(Hex.Decode(Preamble + MacInput + "0000000000000000"), wire, 0, n, "packed sale");
        }

        /// <summary>Case.</summary>
        public void A_signed_cup_sale_carries_the_mac_AC9BEF8C()
        {
            Iso8583Message sale = Sale();
            byte[] wire = new byte[512];
            int n = Codec.Pack(sale, wire, 0);

            Check.True(new CupMac(new SoftwareCrypto()).Sign(Hex.Decode("1C2D3E4F5A6B7C8D"), 0, 8, wire, sale.MacInputOffset, n), "signed");

            Check.EqualText("AC9BEF8C", Hex.AsciiText(wire, n - 8, 8), "F64");
        }

        /// <summary>Case.</summary>
        public void A_packed_cup_sale_unpacks_to_the_same_fields()
        {
            byte[] wire = new byte[512];
            int n = Codec.Pack(Sale(), wire, 0);
            var parsed = new Iso8583Message(Profile);

            Iso8583Error error = Codec.Unpack(parsed, wire, 0, n);

            Check.False(error.IsError, "unpack error: " + error.Message);
            Check.Equal(200, parsed.Mti, "MTI");
            Check.EqualText("6225880123456789", parsed.GetString(Field.Pan), "F2");
            Check.EqualText("000000", parsed.GetString(Field.ProcessingCode), "F3");
            Check.Equal(10000, parsed.GetNumber(Field.Amount), "F4");
            Check.Equal(125, parsed.GetNumber(Field.Stan), "F11");
            Check.EqualText("051", parsed.GetString(Field.EntryMode), "F22");
            Check.EqualText("12345678", parsed.GetString(Field.TerminalId), "F41");
            Check.EqualText("123456789012345", parsed.GetString(Field.MerchantId), "F42");
            byte[] icc = new byte[64];
            int iccLength = parsed.GetBytes(Field.IccData, icc, 0);
            Check.BytesEqual(Hex.Decode(Icc), icc, 0, iccLength, "F55");
            Check.Equal(22, parsed.GetSubfieldNumber(Field.MessageInfo, 1), "F60.1");
            Check.Equal(5, parsed.GetSubfieldNumber(Field.MessageInfo, 2), "F60.2");
            Check.True(parsed.Has(Field.Mac), "F64 present");
            Check.False(parsed.Has(Field.Track2), "F35 absent");
        }

        /// <summary>Case.</summary>
        public void A_truncated_sale_is_an_error_not_an_exception()
        {
            byte[] wire = new byte[512];
            int n = Codec.Pack(Sale(), wire, 0);

            Iso8583Error error = Codec.Unpack(new Iso8583Message(Profile), wire, 0, n - 5);

            Check.True(error.IsError, "unpacking a sale cut 5 bytes short fails");
        }

        private static Iso8583Message Sale()
        {
            var m = new Iso8583Message(Profile);
            m.SetPreamble(Hex.Decode(Preamble), 0);
            m.Mti = 200;
            m.Set(Field.Pan, "6225880123456789");
            m.Set(Field.ProcessingCode, "000000");
            m.SetNumber(Field.Amount, 10000);
            m.SetNumber(Field.Stan, 125);
            m.Set(Field.Expiry, "2812");
            m.Set(Field.EntryMode, "051");
            m.Set(Field.CardSequence, "001");
            m.Set(Field.ConditionCode, "00");
            m.Set(Field.TerminalId, "12345678");
            m.Set(Field.MerchantId, "123456789012345");
            m.Set(Field.Currency, "156");
            m.Set(Field.IccData, Icc);
            m.BeginField(Field.MessageInfo);
            m.AppendDigits(22, 2);
            m.AppendDigits(5, 6);
            m.EndField();
            m.Set(Field.Mac, "0000000000000000");
            return m;
        }
    }
}
