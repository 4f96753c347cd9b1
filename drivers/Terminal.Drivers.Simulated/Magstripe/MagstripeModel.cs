using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Gpio;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Magstripe;

/// <summary>How a card goes through the slot.</summary>
public sealed record SwipeOptions
{
    /// <summary>Card speed past the head; readers handle roughly 75 to 1500 mm/s.</summary>
    public int SpeedMmPerS { get; init; } = 500;

    /// <summary>Swiped the other way: the head meets the end of the track first.</summary>
    public bool Reverse { get; init; }

    /// <summary>Random bits flipped between the start sentinel and the LRC (dirt, scratches, a worn stripe).</summary>
    public int NoiseBits { get; init; }

    /// <summary>Bits flipped at these positions, counted from the first bit of the start sentinel.</summary>
    public IReadOnlyList<int> FlipBitsAt { get; init; } = [];

    /// <summary>Writes a wrong LRC character (with correct parity): a badly encoded card.</summary>
    public bool CorruptLrc { get; init; }

    /// <summary>Clocking zeros before the start sentinel and after the LRC.</summary>
    public int PaddingZeros { get; init; } = 25;
}

/// <summary>
/// A TTL magnetic stripe reader head with its bit recovery chip, MagTek-style, reading track 2 (75 bits per
/// inch): on a swipe it drives /CLS low, strobes every recovered bit on /RCP (falling edge, strobe width
/// about 40% of the bit time) with the bit on /RDP (low = 1), and releases /CLS 150 ms after the last bit.
/// The bit stream is built from a track 2 string as the card would carry it: leading zeros, ';', the
/// characters (4 data bits LSB first plus odd parity), '?', the LRC, trailing zeros.
/// </summary>
public sealed class MagstripeModel
{
    private const double BitsPerMm = 75 / 25.4;

    private readonly SimulatedGpio _gpio;
    private readonly SimulationScheduler _time;
    private readonly int _cardPresentPin;
    private readonly int _strobePin;
    private readonly int _dataPin;
    private readonly SeededRandom _random;

    /// <summary>Puts the reader's outputs (idle high) on the three lines.</summary>
    public MagstripeModel(SimulatedGpio gpio, SimulationScheduler time, int cardPresentPin, int strobePin, int dataPin, SeededRandom random)
    {
        _gpio = gpio;
        _time = time;
        _cardPresentPin = cardPresentPin;
        _strobePin = strobePin;
        _dataPin = dataPin;
        _random = random;
        gpio.Drive(cardPresentPin, PinValue.High);
        gpio.Drive(strobePin, PinValue.High);
        gpio.Drive(dataPin, PinValue.High);
    }

    /// <summary>Bits strobed out since start.</summary>
    public int BitsSent { get; private set; }

    /// <summary>The bits a swipe of <paramref name="track2"/> (digits and '=', no sentinels) produces, in the order the head meets them.</summary>
    public static byte[] Encode(string track2, SwipeOptions options, SeededRandom? random = null)
    {
        var chars = new List<int> { 0x0B };
        foreach (char c in track2)
        {
            chars.Add(c switch
            {
                >= '0' and <= '9' => c - '0',
                '=' => 0x0D,
                _ => throw new ArgumentException($"'{c}' cannot be written on track 2", nameof(track2)),
            });
        }

        chars.Add(0x0F);
        int lrc = chars.Aggregate(0, (a, c) => a ^ c);
        chars.Add(options.CorruptLrc ? lrc ^ 0x05 : lrc);

        var bits = new List<byte>();
        bits.AddRange(new byte[options.PaddingZeros]);
        foreach (int c in chars)
        {
            int ones = 0;
            for (int b = 0; b < 4; b++)
            {
                int bit = (c >> b) & 1;
                ones += bit;
                bits.Add((byte)bit);
            }

            bits.Add((byte)((ones & 1) == 0 ? 1 : 0)); // odd parity
        }

        int dataBits = chars.Count * 5;
        foreach (int at in options.FlipBitsAt)
        {
            bits[options.PaddingZeros + at] ^= 1;
        }

        if (options.NoiseBits > 0)
        {
            var rnd = random ?? throw new ArgumentException("noise needs a random source", nameof(random));
            var flipped = new HashSet<int>();
            while (flipped.Count < options.NoiseBits)
            {
                flipped.Add(rnd.Next(dataBits));
            }

            foreach (int at in flipped)
            {
                bits[options.PaddingZeros + at] ^= 1;
            }
        }

        bits.AddRange(new byte[options.PaddingZeros]);
        if (options.Reverse)
        {
            bits.Reverse();
        }

        return [.. bits];
    }

    /// <summary>Swipes a card carrying <paramref name="track2"/> starting now; returns when /CLS will be released (ms).</summary>
    public long Swipe(string track2, SwipeOptions? options = null)
    {
        options ??= new SwipeOptions();
        byte[] bits = Encode(track2, options, _random);
        double bitUs = 1_000_000.0 / (BitsPerMm * options.SpeedMmPerS);
        double t = _time.NowUs;

        // /CLS falls after the head has seen 15 flux reversals, i.e. some leading zeros go by unreported.
        for (int i = 0; i < bits.Length; i++)
        {
            if (i == 8)
            {
                long at = (long)t;
                _time.At(at, () => _gpio.Drive(_cardPresentPin, PinValue.Low));
            }

            // A hand does not move at a constant speed: a few percent of jitter per bit.
            double period = bitUs * (0.95 + (_random.Next(100) / 1000.0));
            long dataAt = (long)t;
            long strobeAt = dataAt + 2;
            long strobeEnd = dataAt + (long)(period * 0.4);
            byte bit = bits[i];
            int index = i;
            _time.At(dataAt, () => _gpio.Drive(_dataPin, bit == 1 ? PinValue.Low : PinValue.High));
            _time.At(strobeAt, () =>
            {
                if (index >= 8)
                {
                    BitsSent++;
                }

                _gpio.Drive(_strobePin, PinValue.Low);
            });
            _time.At(strobeEnd, () => _gpio.Drive(_strobePin, PinValue.High));
            t += period;
        }

        long lastUs = (long)t;
        _time.At(lastUs, () => _gpio.Drive(_dataPin, PinValue.High));
        long releaseUs = lastUs + 150_000;
        _time.At(releaseUs, () => _gpio.Drive(_cardPresentPin, PinValue.High));
        return releaseUs / 1000;
    }
}
