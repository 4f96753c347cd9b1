using Terminal.Core.Emv;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;
using Terminal.PortableTests.Framework;

namespace Terminal.PortableTests.Cases
{
    /// <summary>Payment-code classification, keyed amount entry and BER-TLV parsing.</summary>
    public sealed class PaymentsCases
    {
        /// <summary>The cases of this class.</summary>
        public static TestSuite Suite()
        {
            var c = new PaymentsCases();
            var suite = new TestSuite("Payments");
            suite.Add("Payment_codes_are_told_apart_by_length_and_prefix", c.Payment_codes_are_told_apart_by_length_and_prefix);
            suite.Add("Payment_codes_of_the_wrong_shape_are_unknown", c.Payment_codes_of_the_wrong_shape_are_unknown);
            suite.Add("Amount_digits_enter_from_the_right_in_fen", c.Amount_digits_enter_from_the_right_in_fen);
            suite.Add("Amount_dot_appends_whole_yuan_and_clear_deletes_a_digit", c.Amount_dot_appends_whole_yuan_and_clear_deletes_a_digit);
            suite.Add("Amount_above_the_maximum_is_refused_and_kept", c.Amount_above_the_maximum_is_refused_and_kept);
            suite.Add("Amount_enter_on_zero_is_refused_and_clear_on_zero_cancels", c.Amount_enter_on_zero_is_refused_and_clear_on_zero_cancels);
            suite.Add("BerTlv_two_byte_tag_header_is_decoded", c.BerTlv_two_byte_tag_header_is_decoded);
            suite.Add("BerTlv_find_looks_inside_nested_templates", c.BerTlv_find_looks_inside_nested_templates);
            suite.Add("BerTlv_an_overrunning_inner_object_is_truncated", c.BerTlv_an_overrunning_inner_object_is_truncated);
            suite.Add("BerTlv_write_then_read_round_trips_a_long_length", c.BerTlv_write_then_read_round_trips_a_long_length);
            return suite;
        }

        /// <summary>Case.</summary>
        public void Payment_codes_are_told_apart_by_length_and_prefix()
        {
            CheckKind(PaymentCodeKind.WeChatPay, "134567890123456789");
            CheckKind(PaymentCodeKind.Alipay, "2801234567890123");
            CheckKind(PaymentCodeKind.Alipay, "301234567890123456789012");
            CheckKind(PaymentCodeKind.UnionPayQr, "6212345678901234567");
        }

        /// <summary>Case.</summary>
        public void Payment_codes_of_the_wrong_shape_are_unknown()
        {
            CheckKind(PaymentCodeKind.Unknown, "13456789012345678");
            CheckKind(PaymentCodeKind.Unknown, "1345678901234567X9");
            CheckKind(PaymentCodeKind.Unknown, "621234567890123456");
            CheckKind(PaymentCodeKind.Unknown, "1");
            CheckKind(PaymentCodeKind.Unknown, "3101234567890123");
        }

        /// <summary>Case.</summary>
        public void Amount_digits_enter_from_the_right_in_fen()
        {
            var entry = new AmountEntry(100000);

            Keys(entry, "123");

            Check.Equal(123, entry.Amount, "amount in fen");
            Check.EqualText("CNY 1.23", entry.Display, "display");
            Check.Equal((long)AmountEntryResult.Confirmed, (long)entry.Key(KeyCode.Enter), "ENTER");
        }

        /// <summary>Case.</summary>
        public void Amount_dot_appends_whole_yuan_and_clear_deletes_a_digit()
        {
            var entry = new AmountEntry(100000);

            Keys(entry, "45");
            entry.Key(KeyCode.Dot);
            Check.Equal(4500, entry.Amount, "after DOT");
            entry.Key(KeyCode.Clear);
            Check.Equal(450, entry.Amount, "after CLEAR");
        }

        /// <summary>Case.</summary>
        public void Amount_above_the_maximum_is_refused_and_kept()
        {
            var entry = new AmountEntry(999);

            Keys(entry, "999");
            Check.Equal((long)AmountEntryResult.Refused, (long)entry.Key(KeyCode.Digit0 + 9), "a fourth 9 over a 9.99 maximum");
            Check.Equal(999, entry.Amount, "amount kept");
            Check.True(entry.Problem.Length > 0, "a problem is shown");
        }

        /// <summary>Case.</summary>
        public void Amount_enter_on_zero_is_refused_and_clear_on_zero_cancels()
        {
            var entry = new AmountEntry(100000);

            Check.Equal((long)AmountEntryResult.Refused, (long)entry.Key(KeyCode.Enter), "ENTER on zero");
            Check.Equal((long)AmountEntryResult.Refused, (long)entry.Key(KeyCode.Dot), "DOT on zero");
            Check.Equal((long)AmountEntryResult.Cancelled, (long)entry.Key(KeyCode.Clear), "CLEAR on zero");
        }

        /// <summary>Case.</summary>
        public void BerTlv_two_byte_tag_header_is_decoded()
        {
            byte[] data = Hex.Decode("9F0206000000001234");

            int next = BerTlv.ReadHeader(data, 0, data.Length, out int tag, out int offset, out int length);

            Check.Equal(0x9F02, tag, "tag");
            Check.Equal(3, offset, "value offset");
            Check.Equal(6, length, "value length");
            Check.Equal(9, next, "next position");
        }

        /// <summary>Case.</summary>
        public void BerTlv_find_looks_inside_nested_templates()
        {
            byte[] data = Hex.Decode("6F0E8402A000A508BF0C0561038701" + "02");

            Check.Equal(0, BerTlv.Validate(data, 0, data.Length), "well formed");
            Check.Equal(1, BerTlv.Find(data, 0, data.Length, 0x87, out int offset), "length of tag 87");
            Check.Equal(0x02, data[offset], "value of tag 87");
            Check.Equal(-1, BerTlv.Find(data, 0, data.Length, 0x5A, out int _), "an absent tag");
        }

        /// <summary>Case.</summary>
        public void BerTlv_an_overrunning_inner_object_is_truncated()
        {
            byte[] data = Hex.Decode("7004" + "5A084761");

            Check.Equal(BerTlv.Truncated, BerTlv.Validate(data, 0, data.Length), "validation result");
        }

        /// <summary>Case.</summary>
        public void BerTlv_write_then_read_round_trips_a_long_length()
        {
            byte[] value = new byte[200];
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = (byte)i;
            }

            byte[] buffer = new byte[210];
            int written = BerTlv.Write(buffer, 0, buffer.Length, 0x9F10, value, 0, value.Length);
            Check.Equal(2 + 2 + 200, written, "bytes written (2-byte tag, 81 C8 length)");
            Check.Equal(0x81, buffer[2], "long length form");

            int next = BerTlv.ReadHeader(buffer, 0, written, out int tag, out int offset, out int length);
            Check.Equal(0x9F10, tag, "tag read back");
            Check.Equal(200, length, "length read back");
            Check.Equal(written, next, "next position");
            Check.BytesEqual(value, buffer, offset, length, "value read back");
            Check.Equal(-1, BerTlv.Write(buffer, 0, 100, 0x9F10, value, 0, value.Length), "write into too small a buffer");
        }

        private static void CheckKind(PaymentCodeKind expected, string code)
        {
            byte[] bytes = Hex.Ascii(code);
            Check.Equal((long)expected, (long)PaymentCode.Classify(bytes, 0, bytes.Length), "kind of " + code);
        }

        private static void Keys(AmountEntry entry, string digits)
        {
            for (int i = 0; i < digits.Length; i++)
            {
                entry.Key(KeyCode.Digit0 + (digits[i] - '0'));
            }
        }
    }
}
