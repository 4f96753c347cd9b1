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
        m.Set(2, Pan, 0, Pan.Length);
        m.Set(3, "000000");
        m.SetNumber(4, 12_345);
        m.SetNumber(11, stan);
        m.Set(14, "2812");
        m.Set(22, "051");
        m.Set(25, "00");
        m.Set(35, Track2, 0, Track2.Length);
        m.Set(41, "12345678");
        m.Set(42, "123456789012345");
        m.Set(49, "156");
        m.Set(55, Icc, 0, Icc.Length);
        m.BeginField(60);
        m.AppendDigits(22, 2);
        m.AppendDigits(5, 6);
        m.EndField();
    }

    /// <summary>Per-message time and allocation of build, pack, unpack, and the three together.</summary>
    public static IEnumerable<BenchResult> Run()
    {
        Iso8583Profile profile = CupProfile.Create();
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
        int length = message.Pack(buffer, 0);
        yield return Measure.Run("iso8583: pack", "msg", Units, n =>
        {
            for (int i = 0; i < n; i++)
            {
                message.Pack(buffer, 0);
            }
        });

        yield return Measure.Run("iso8583: unpack", "msg", Units, n =>
        {
            for (int i = 0; i < n; i++)
            {
                received.Unpack(buffer, 0, length);
            }
        });

        yield return Measure.Run("iso8583: build + pack + unpack", "msg", Units, n =>
        {
            for (int i = 0; i < n; i++)
            {
                BuildSale(message, i % 1_000_000);
                int len = message.Pack(buffer, 0);
                received.Unpack(buffer, 0, len);
            }
        });
    }
}
