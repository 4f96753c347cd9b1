using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class PaymentCodeTests
{
    [Theory]
    [InlineData("134567890123456789", PaymentCodeKind.WeChatPay)]
    [InlineData("101234567890123456", PaymentCodeKind.WeChatPay)]
    [InlineData("2812345678901234", PaymentCodeKind.Alipay)]
    [InlineData("301234567890123456789012", PaymentCodeKind.Alipay)]
    [InlineData("6212345678901234567", PaymentCodeKind.UnionPayQr)]
    [InlineData("16123456789012345", PaymentCodeKind.Unknown)]   // 17 digits, WeChat prefix
    [InlineData("1612345678901234567", PaymentCodeKind.Unknown)] // 19 digits, WeChat prefix
    [InlineData("3112345678901234", PaymentCodeKind.Unknown)]    // 31 is no wallet
    [InlineData("621234567890123456", PaymentCodeKind.Unknown)]  // UnionPay needs 19
    [InlineData("13456789012345678X", PaymentCodeKind.Unknown)]
    [InlineData("https://example.com/pay", PaymentCodeKind.Unknown)]
    [InlineData("", PaymentCodeKind.Unknown)]
    public void Codes_are_told_apart_by_length_and_prefix(string code, PaymentCodeKind expected)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(code);

        Assert.Equal(expected, PaymentCode.Classify(bytes, 0, bytes.Length));
    }

    [Theory]
    [InlineData(0, "0.00")]
    [InlineData(5, "0.05")]
    [InlineData(123456, "1234.56")]
    [InlineData(-100, "-1.00")]
    public void Money_formats_fen_as_yuan(long fen, string expected)
    {
        Assert.Equal(expected, Money.Format(fen));
    }
}
