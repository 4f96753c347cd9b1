using Terminal.Core.Messages.Iso8583;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>Values shared by the CUP golden messages, and hex helpers.</summary>
internal static class CupSamples
{
    // TPDU 60 0003 0000 and header 60 31 00 31 10 03, as in FACTS.md.
    public const string Preamble = "6000030000" + "603100311003";

    public const string TerminalId = "12345678";            // F41 ans8
    public const string TerminalIdHex = "3132333435363738";
    public const string MerchantId = "123456789012345";     // F42 ans15
    public const string MerchantIdHex = "313233343536373839303132333435";
    public const string CurrencyHex = "313536";              // F49 "156" (CNY)
    public const string Pan = "6225880123456789";
    public const string Track2 = "6225880123456789D2812101123456789"; // 33 characters: odd, so one pad nibble
    public const string Rrn = "123456789012";
    public const string RrnHex = "313233343536373839303132";
    public const string NoMac = "0000000000000000";         // F64 placeholder where the layout is under test

    // F55: 42 bytes of BER-TLV: 9F26 cryptogram, 9F27 CID, 9F37 unpredictable number, 9F36 ATC, 95 TVR, 9A date, 9C type.
    public const string Icc = "9F2608" + "1122334455667788" + "9F2701" + "80" + "9F3704" + "12345678" + "9F3602" + "0001"
        + "9505" + "0000000000" + "9A03" + "251125" + "9C01" + "00";

    public static readonly Iso8583Profile Profile = CupProfile.Create();

    /// <summary>The codec of <see cref="Profile"/>.</summary>
    public static readonly Iso8583Codec Codec = new(Profile);

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Hex(byte[] bytes, int count) => Convert.ToHexString(bytes, 0, count);

    public static Iso8583Message NewMessage(int mti)
    {
        var m = new Iso8583Message(Profile);
        m.SetPreamble(Bytes(Preamble), 0);
        m.Mti = mti;
        return m;
    }

    public static string Pack(Iso8583Message m)
    {
        var buffer = new byte[1024];
        int n = Codec.Pack(m, buffer, 0);
        Xunit.Assert.True(n > 0, m.LastError.Message);
        return Hex(buffer, n);
    }
}
