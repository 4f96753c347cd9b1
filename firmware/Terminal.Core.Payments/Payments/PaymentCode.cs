namespace Terminal.Core.Payments
{
    /// <summary>Which wallet issued a customer's payment code (merchant scans the customer).</summary>
    public enum PaymentCodeKind
    {
        /// <summary>Not a payment code this terminal accepts.</summary>
        Unknown = 0,
        /// <summary>WeChat Pay: 18 digits starting 10 to 15.</summary>
        WeChatPay = 1,
        /// <summary>Alipay auth_code: 16 to 24 digits starting 25 to 30.</summary>
        Alipay = 2,
        /// <summary>UnionPay QR payment code: 19 digits starting 62.</summary>
        UnionPayQr = 3,
    }

    /// <summary>Tells payment codes apart by length and prefix, as the wallets publish them.</summary>
    public static class PaymentCode
    {
        /// <summary>Classifies ASCII bytes as scanned; anything but the published shapes is Unknown.</summary>
        public static PaymentCodeKind Classify(byte[] code, int offset, int count)
        {
            if (count < 2)
            {
                return PaymentCodeKind.Unknown;
            }

            for (int i = 0; i < count; i++)
            {
                byte b = code[offset + i];
                if (b < (byte)'0' || b > (byte)'9')
                {
                    return PaymentCodeKind.Unknown;
                }
            }

            int prefix = ((code[offset] - '0') * 10) + (code[offset + 1] - '0');
            if (count == 18 && prefix >= 10 && prefix <= 15)
            {
                return PaymentCodeKind.WeChatPay;
            }

            if (count >= 16 && count <= 24 && prefix >= 25 && prefix <= 30)
            {
                return PaymentCodeKind.Alipay;
            }

            if (count == 19 && prefix == 62)
            {
                return PaymentCodeKind.UnionPayQr;
            }

            return PaymentCodeKind.Unknown;
        }

        /// <summary>Display name of a kind.</summary>
        public static string Name(PaymentCodeKind kind)
        {
            switch (kind)
            {
                case PaymentCodeKind.WeChatPay: return "WeChat Pay";
                case PaymentCodeKind.Alipay: return "Alipay";
                case PaymentCodeKind.UnionPayQr: return "UnionPay QR";
                default: return "Unknown code";
            }
        }
    }
}
