using System.Text;
using CsCheck;
using QRCoder;
using Terminal.Core.QrCode;
using Xunit;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Terminal.Core.Tests.Cashier;

/// <summary>
/// The portable QR encoder against two independent implementations: ZXing.Net decodes what it draws at every version,
/// level and mask, and QRCoder draws the same modules for the same text, version, level and mask.
/// </summary>
public sealed class QrEncoderTests
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789:/?&=.-_%ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // Characters outside QR's numeric and alphanumeric sets: QRCoder (which splits text into segments of the
    // cheapest mode) then keeps the whole text in one byte-mode segment, as ours always does.
    private const string ByteOnly = "abcdefghijklmnopqrstuvwxyz?&=_";

    public static TheoryData<int, QrEccLevel, int> EveryVersionLevelAndMask()
    {
        var data = new TheoryData<int, QrEccLevel, int>();
        for (int version = 1; version <= QrEncoder.MaxVersion; version++)
        {
            foreach (QrEccLevel level in Enum.GetValues<QrEccLevel>())
            {
                for (int mask = 0; mask < 8; mask++)
                {
                    data.Add(version, level, mask);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVersionLevelAndMask))]
    public void ZxingDecodesAFullSymbolOfEveryVersionLevelAndMask(int version, QrEccLevel level, int mask)
    {
        var random = new Random((version * 100) + ((int)level * 10) + mask);
        string text = RandomText(random, QrEncoder.Capacity(version, level));
        var encoder = new QrEncoder();

        int got = encoder.Encode(Encoding.ASCII.GetBytes(text), 0, text.Length, level, 1, mask);

        Assert.Equal(version, got);
        Assert.Equal(mask, encoder.Mask);
        Assert.Equal(17 + (4 * version), encoder.Size);
        Assert.Equal(text, Decode(encoder, pure: true));

        // With the mask the penalty rules choose, the reader finds the symbol in the image as a phone's would.
        encoder.Encode(Encoding.ASCII.GetBytes(text), 0, text.Length, level, 1, QrEncoder.AnyMask);
        Assert.Equal(text, Decode(encoder, pure: false));
    }

    public static TheoryData<int, QrEccLevel> EveryVersionAndLevel()
    {
        var data = new TheoryData<int, QrEccLevel>();
        for (int version = 1; version <= QrEncoder.MaxVersion; version++)
        {
            foreach (QrEccLevel level in Enum.GetValues<QrEccLevel>())
            {
                data.Add(version, level);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryVersionAndLevel))]
    public void QrcoderDrawsTheSameModulesForTheSameVersionLevelAndMask(int version, QrEccLevel level)
    {
        var random = new Random((version * 1000) + (int)level);
        var encoder = new QrEncoder();
        for (int i = 0; i < 12; i++)
        {
            string text = RandomText(random, 1 + random.Next(QrEncoder.Capacity(version, level)), ByteOnly);
            bool[,] theirs = Qrcoder(text, level, version, out int theirMask);

            // QRCoder picks its mask; ours pinned to it must give its matrix, module for module.
            encoder.Encode(Encoding.ASCII.GetBytes(text), 0, text.Length, level, version, theirMask);

            Assert.Equal(version, encoder.Version);
            Assert.Equal(theirs.GetLength(0), encoder.Size);
            for (int y = 0; y < encoder.Size; y++)
            {
                for (int x = 0; x < encoder.Size; x++)
                {
                    Assert.True(theirs[x, y] == encoder.IsDark(x, y), $"module ({x}, {y}) differs, mask {theirMask}, text {text}");
                }
            }
        }
    }

    [Fact]
    public void TheChosenMaskHasTheLowestPenaltyOfTheEight()
    {
        var encoder = new QrEncoder();
        var random = new Random(18);
        for (int i = 0; i < 40; i++)
        {
            byte[] url = Encoding.ASCII.GetBytes("https://qr.acquirer.test/o/" + RandomText(random, 10 + random.Next(60)));
            int[] penalty = new int[8];
            for (int mask = 0; mask < 8; mask++)
            {
                encoder.Encode(url, 0, url.Length, QrEccLevel.M, 1, mask);
                penalty[mask] = Penalty(encoder);
            }

            encoder.Encode(url, 0, url.Length, QrEccLevel.M, 1, QrEncoder.AnyMask);

            Assert.Equal(Array.IndexOf(penalty, penalty.Min()), encoder.Mask);
            Assert.Equal(Encoding.ASCII.GetString(url), Decode(encoder, pure: false));
        }
    }

    [Fact]
    public void TheSmallestVersionThatHoldsTheDataIsChosen()
    {
        var encoder = new QrEncoder();
        byte[] data = new byte[QrEncoder.Capacity(10, QrEccLevel.M) + 1];

        for (int version = 1; version <= QrEncoder.MaxVersion; version++)
        {
            int capacity = QrEncoder.Capacity(version, QrEccLevel.M);
            Assert.Equal(version, encoder.Encode(data, 0, capacity, QrEccLevel.M, 1, QrEncoder.AnyMask));
            if (version < QrEncoder.MaxVersion)
            {
                Assert.Equal(version + 1, encoder.Encode(data, 0, capacity + 1, QrEccLevel.M, 1, QrEncoder.AnyMask));
            }
        }

        Assert.Equal(QrEncoder.TooLong, encoder.Encode(data, 0, data.Length, QrEccLevel.M, 1, QrEncoder.AnyMask));
        Assert.Equal(14, QrEncoder.Capacity(1, QrEccLevel.M));
        Assert.Equal(271, QrEncoder.Capacity(10, QrEccLevel.L));
        Assert.Equal(213, QrEncoder.Capacity(10, QrEccLevel.M));
    }

    [Fact]
    public void EncodingAllocatesNothing()
    {
        var encoder = new QrEncoder();
        byte[] url = Encoding.ASCII.GetBytes("https://qr.acquirer.test/o/20261206094100000123?w=wx");
        encoder.Encode(url, 0, url.Length, QrEccLevel.M, 1, QrEncoder.AnyMask);

        long before = GC.GetAllocatedBytesForCurrentThread();
        encoder.Encode(url, 0, url.Length, QrEccLevel.M, 1, QrEncoder.AnyMask);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
    }

    [Fact]
    public void AnyBytesAtAnyLevelDecodeToThemselves()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Byte.Array[1, QrEncoder.Capacity(QrEncoder.MaxVersion, QrEccLevel.H)], Gen.Int[-1, 7])
            .Sample((level, bytes, mask) =>
            {
                var encoder = new QrEncoder(); // samples run in parallel
                int version = encoder.Encode(bytes, 0, bytes.Length, (QrEccLevel)level, 1, mask);
                Assert.InRange(version, 1, QrEncoder.MaxVersion);
                Assert.True(QrEncoder.Capacity(version, (QrEccLevel)level) >= bytes.Length);
                Assert.True(version == 1 || QrEncoder.Capacity(version - 1, (QrEccLevel)level) < bytes.Length);
                // Read module by module (ZXing's pure mode: format, version, data and error correction all checked): random
                // bytes can draw runs that ZXing's finder detector takes for another symbol (seed 8lgmS0C_Xr91: 114 bytes at
                // level H read as "A"), while the symbol itself is right. The detector's path is covered on texts above.
                string? text = Decode(encoder, "ISO-8859-1", pure: true);
                Assert.Equal(bytes, Encoding.Latin1.GetBytes(text ?? "\u0100"));
            }, iter: 300);
    }

    private static string RandomText(Random random, int length, string alphabet = Alphabet)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    // The symbol drawn with a 4-module quiet zone and decoded by ZXing: as a phone's reader would (finding the finder
    // patterns), or with the hint that the image holds nothing but the symbol (every module still read: format,
    // version, data and error correction), which a symbol with a forced mask may need: a forced mask can leave
    // finder-like patterns that mislead the detector, which is what the penalty rules avoid.
    internal static string? Decode(QrEncoder encoder, string? characterSet = null, bool pure = false)
    {
        int scale = 3;
        int side = (encoder.Size + 8) * scale;
        byte[] gray = new byte[side * side];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                gray[(y * side) + x] = encoder.IsDark((x / scale) - 4, (y / scale) - 4) ? (byte)0 : (byte)255;
            }
        }

        var matrix = new HybridBinarizer(new RGBLuminanceSource(gray, side, side, RGBLuminanceSource.BitmapFormat.Gray8));

        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        if (pure)
        {
            hints[DecodeHintType.PURE_BARCODE] = true;
        }

        if (characterSet != null)
        {
            hints[DecodeHintType.CHARACTER_SET] = characterSet;
        }

        try
        {
            return new QRCodeReader().decode(new BinaryBitmap(matrix), hints)?.Text;
        }
        catch (ReaderException)
        {
            return null;
        }
    }

    // ISO/IEC 18004 7.8.3, written from the standard's text apart from the encoder: N1 = 3 (+1 per module past 5) per
    // run of five or more of one colour in a row or column, N2 = 3 per 2 x 2 block of one colour, N3 = 40 per
    // 1011101 with four light modules before or after it in a row or column (outside the symbol is light), N4 = 10 per
    // whole 5% the dark share is away from 50%.
    private static int Penalty(QrEncoder e)
    {
        int n = e.Size;
        int total = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int a = 0; a < n; a++)
            {
                // Runs of one colour along the line, the quiet zone a light run at each end (as long as the line).
                var runs = new List<(bool Dark, int Length)> { (false, n) };
                int run = 0;
                for (int b = 0; b < n; b++)
                {
                    bool d = pass == 0 ? e.IsDark(b, a) : e.IsDark(a, b);
                    run = b > 0 && d == (pass == 0 ? e.IsDark(b - 1, a) : e.IsDark(a, b - 1)) ? run + 1 : 1;
                    total += run == 5 ? 3 : run > 5 ? 1 : 0;
                    if (runs[^1].Dark == d)
                    {
                        runs[^1] = (d, runs[^1].Length + 1);
                    }
                    else
                    {
                        runs.Add((d, 1));
                    }
                }

                if (runs[^1].Dark)
                {
                    runs.Add((false, n));
                }
                else
                {
                    runs[^1] = (false, runs[^1].Length + n);
                }

                // Dark, light, dark, light, dark as 1:1:3:1:1 with light four times the unit before it, and after it.
                for (int i = 1; i + 5 < runs.Count; i++)
                {
                    int u = runs[i].Length;
                    if (runs[i].Dark && runs[i + 1].Length == u && runs[i + 2].Length == 3 * u && runs[i + 3].Length == u && runs[i + 4].Length == u)
                    {
                        total += (runs[i - 1].Length >= 4 * u ? 40 : 0) + (runs[i + 5].Length >= 4 * u ? 40 : 0);
                    }
                }
            }
        }

        int dark = 0;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                dark += e.IsDark(x, y) ? 1 : 0;
                if (x + 1 < n && y + 1 < n && e.IsDark(x, y) == e.IsDark(x + 1, y) && e.IsDark(x, y) == e.IsDark(x, y + 1) && e.IsDark(x, y) == e.IsDark(x + 1, y + 1))
                {
                    total += 3;
                }
            }
        }

        int k = (int)Math.Floor(Math.Abs((dark * 100.0 / (n * n)) - 50) / 5);
        return total + (k * 10);
    }

    // QRCoder's modules without its quiet zone, [x, y], and the mask its format information names.
    private static bool[,] Qrcoder(string text, QrEccLevel level, int version, out int mask)
    {
        using var generator = new QRCodeGenerator();
        var ecc = level switch
        {
            QrEccLevel.L => QRCodeGenerator.ECCLevel.L,
            QrEccLevel.M => QRCodeGenerator.ECCLevel.M,
            QrEccLevel.Q => QRCodeGenerator.ECCLevel.Q,
            _ => QRCodeGenerator.ECCLevel.H,
        };
        using QRCodeData data = generator.CreateQrCode(text, ecc, false, false, QRCodeGenerator.EciMode.Default, version == 0 ? -1 : version);
        int size = data.ModuleMatrix.Count - 8;
        var modules = new bool[size, size];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                modules[x, y] = data.ModuleMatrix[y + 4][x + 4];
            }
        }

        // The mask is format bits 10, 11, 12 (unmasked with 0x5412), at (14 - i, 8): x = 4, 3, 2.
        mask = 0;
        for (int i = 0; i < 3; i++)
        {
            int bit = (modules[14 - (10 + i), 8] ? 1 : 0) ^ ((0x5412 >> (10 + i)) & 1);
            mask |= bit << i;
        }

        return modules;
    }
}
