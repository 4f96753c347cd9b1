using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;
using Terminal.Firmware;

namespace Terminal.Simulator.Bench;

/// <summary>
/// Benchmarks of the ISO 8583 hot path (a CUP 0200 sale with F55, as a flow builds it). Hostile input goes to
/// `terminal fuzz` (Fuzz/).
/// </summary>
public static class Iso8583Bench
{
    private static readonly byte[] Preamble = FactoryDefaults.CupPreamble();

    // F55: 42 bytes of BER-TLV, the size of a typical contactless sale's minimum.
    private static readonly byte[] Icc = Convert.FromHexString(
        "9F260811223344556677889F2701809F3704123456789F36020001950500000000009A032511259C0100");

    private static readonly byte[] Pan = "6225880123456789"u8.ToArray();
    private static readonly byte[] Track2 = "6225880123456789D2812101123456789"u8.ToArray();

    /// <summary>Builds the sale into <paramref name="m"/>: fields 2, 3, 4, 11, 14, 22, 25, 35, 41, 42, 49, 55 and 60.</summary>
    public static void BuildSale(Iso8583Message m, int stan)
    {
        m.Clear();
        m.SetPreamble(Preamble, 0);
        m.Mti = 200;
        m.Set(Field.Pan, Pan, 0, Pan.Length);
        m.Set(Field.ProcessingCode, "000000");
        m.SetNumber(Field.Amount, 12_345);
        m.SetNumber(Field.Stan, stan);
        m.Set(Field.Expiry, "2812");
        m.Set(Field.EntryMode, "051");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.Track2, Track2, 0, Track2.Length);
        m.Set(Field.TerminalId, "12345678");
        m.Set(Field.MerchantId, "123456789012345");
        m.Set(Field.Currency, "156");
        m.Set(Field.IccData, Icc, 0, Icc.Length);
        m.BeginField(Field.MessageInfo);
        m.AppendDigits(22, 2);
        m.AppendDigits(5, 6);
        m.EndField();
    }

    /// <summary>Per-message time and allocation of build, pack, unpack, and the three together.</summary>
    public static IEnumerable<BenchResult> Run()
    {
        Iso8583Profile profile = CupProfile.Create();
        var codec = new Iso8583Codec(profile);
        var message = new Iso8583Message(profile);
        var received = new Iso8583Message(profile);
        var buffer = new byte[512];
        const int Units = 200_000;

        yield return Measure.Run("iso8583: build cup 0200 sale", "msg", Units, n =>
        {
            for (int i = 0; i < n; i++)
            {
                BuildSale(message, i % 1_000_000);
            }
        });

        BuildSale(message, 1);
        int length = codec.Pack(message, buffer, 0);
        yield return Measure.Run("iso8583: pack", "msg", Units, n =>
        {
            for (int i = 0; i < n; i++)
            {
                codec.Pack(message, buffer, 0);
            }
        });

        yield return Measure.Run("iso8583: unpack", "msg", Units, n =>
        {
            for (int i = 0; i < n; i++)
            {
                codec.Unpack(received, buffer, 0, length);
            }
        });

        yield return Measure.Run("iso8583: build + pack + unpack", "msg", Units, n =>
        {
            for (int i = 0; i < n; i++)
            {
                BuildSale(message, i % 1_000_000);
                int len = codec.Pack(message, buffer, 0);
                codec.Unpack(received, buffer, 0, len);
            }
        });
    }
}
