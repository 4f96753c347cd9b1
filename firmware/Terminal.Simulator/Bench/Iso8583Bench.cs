using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;
using Terminal.Firmware;

namespace Terminal.Simulator.Bench;

/// <summary>Outcome of a fuzz run: inputs tried per target and exceptions that escaped (must be 0).</summary>
public sealed record FuzzResult(long Unpacked, long TcpChunks, long SerialChunks, long Escapes, TimeSpan Elapsed, string? FirstEscape);

/// <summary>
/// Benchmarks of the ISO 8583 hot path (a CUP 0200 sale with F55, as a flow builds it), and a fuzz run of
/// the unpacker and both framers.
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

    /// <summary>
    /// Feeds <paramref name="count"/> random and mutated inputs to the unpacker (both profiles) and random
    /// chunks to both framers; counts exceptions that escaped. The seed replays a run exactly.
    /// </summary>
    public static FuzzResult Fuzz(int count, int seed)
    {
        var rnd = new Random(seed);
        Iso8583Profile cup = CupProfile.Create();
        Iso8583Profile text = Ascii87Profile.Create();
        var cupMessage = new Iso8583Message(cup);
        var textMessage = new Iso8583Message(text);
        var tcp = new TcpFramer(1024, 200);
        var serial = new SerialFramer(new DiscardWriter(), 1024, 1000, 200);

        // Valid seeds for mutation: the sale in both profiles.
        var saleBytes = new byte[512];
        BuildSale(cupMessage, 1);
        byte[] cupSale = saleBytes[..cupMessage.Pack(saleBytes, 0)];
        cupMessage.Unpack(cupSale, 0, cupSale.Length);
        for (int f = cupMessage.NextField(1); f > 0; f = cupMessage.NextField(f))
        {
            textMessage.CopyField(cupMessage, f);
        }

        textMessage.Mti = 200;
        byte[] textSale = saleBytes[..textMessage.Pack(saleBytes, 0)];

        long unpacked = 0;
        long tcpChunks = 0;
        long serialChunks = 0;
        long escapes = 0;
        string? first = null;
        long now = 0;
        var input = new byte[1024];
        var start = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            int n;
            bool useText = (i & 1) == 1;
            if (i % 4 < 2)
            {
                n = rnd.Next(0, 200);
                rnd.NextBytes(input.AsSpan(0, n));
            }
            else
            {
                byte[] valid = useText ? textSale : cupSale;
                n = Mutate(valid, input, rnd);
            }

            now += rnd.Next(0, 300);
            try
            {
                (useText ? textMessage : cupMessage).Unpack(input, 0, n);
                unpacked++;
                Drain(tcp, input, n, now);
                tcpChunks++;
                Drain(serial, input, n, now);
                serialChunks++;
                tcp.Poll(now);
                serial.Poll(now);
                if (rnd.Next(8) == 0)
                {
                    serial.ClearSendOutcome();
                    serial.Send(input, 0, Math.Max(1, n), now);
                }
            }
#pragma warning disable CA1031 // counting every escape is the point of a fuzz run
            catch (Exception e)
#pragma warning restore CA1031
            {
                escapes++;
                first ??= $"input {i} (seed {seed}): {e.GetType().Name}: {e.Message}";
            }
        }

        return new FuzzResult(unpacked, tcpChunks, serialChunks, escapes, start.Elapsed, first);
    }

    private static int Mutate(byte[] valid, byte[] into, Random rnd)
    {
        valid.CopyTo(into, 0);
        int n = valid.Length;
        int edits = rnd.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            switch (rnd.Next(4))
            {
                case 0:
                    into[rnd.Next(n)] = (byte)rnd.Next(256);
                    break;
                case 1:
                    into[rnd.Next(n)] ^= (byte)(1 << rnd.Next(8));
                    break;
                case 2:
                    n = rnd.Next(n + 1);
                    break;
                default:
                    int extra = Math.Min(rnd.Next(1, 16), into.Length - n);
                    rnd.NextBytes(into.AsSpan(n, extra));
                    n += extra;
                    break;
            }

            if (n == 0)
            {
                break;
            }
        }

        return n;
    }

    private static void Drain(TcpFramer framer, byte[] data, int count, long now)
    {
        int used = 0;
        while (used < count)
        {
            used += framer.Feed(data, used, count - used, now);
            if (framer.FrameReady)
            {
                framer.Release();
            }
        }
    }

    private static void Drain(SerialFramer framer, byte[] data, int count, long now)
    {
        int used = 0;
        while (used < count)
        {
            used += framer.Feed(data, used, count - used, now);
            if (framer.FrameReady)
            {
                framer.Release();
            }
        }
    }

    private sealed class DiscardWriter : ILinkWriter
    {
        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }
}
