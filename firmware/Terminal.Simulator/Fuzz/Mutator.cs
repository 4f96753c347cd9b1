using Terminal.Drivers.Simulated.Random;

namespace Terminal.Simulator.Fuzz;

/// <summary>
/// Makes a hostile input from a target's real seeds: one to four stacked edits among bit flips, byte changes
/// (random and boundary values), length-field lies (at the target's length fields when it names them),
/// inserted and deleted bytes, truncation, splices of two seeds and repeated chunks; now and then plain
/// random bytes.
/// </summary>
internal static class Mutator
{
    private static readonly byte[] Boundary = [0x00, 0x01, 0x02, 0x7E, 0x7F, 0x80, 0x81, 0x82, 0x83, 0xFE, 0xFF];

    /// <summary>Writes a mutated input into <paramref name="into"/> (at least <see cref="FuzzTarget.MaxInput"/> long); returns its length.</summary>
    public static int Mutate(FuzzTarget target, SeededRandom rnd, byte[] into)
    {
        IReadOnlyList<byte[]> seeds = target.Seeds;
        int max = target.MaxInput;
        if (rnd.Next(32) == 0)
        {
            int n = rnd.Next(max < 256 ? max : 256);
            rnd.NextBytes(into, 0, n);
            return n;
        }

        int s = rnd.Next(seeds.Count);
        byte[] seed = seeds[s];
        int length = Math.Min(seed.Length, max);
        Array.Copy(seed, into, length);

        // Length lies first, while the seed's length fields are where the target said.
        IReadOnlyList<int> fields = target.LengthFields(s);
        if (rnd.Next(3) == 0 && length > 0)
        {
            int at = fields.Count > 0 ? fields[rnd.Next(fields.Count)] : rnd.Next(length);
            if (at < length)
            {
                into[at] = Lie(into[at], rnd);
            }
        }

        int edits = 1 + rnd.Next(4);
        for (int e = 0; e < edits; e++)
        {
            length = Edit(into, length, max, seeds, fields, rnd);
        }

        return length;
    }

    private static int Edit(byte[] b, int length, int max, IReadOnlyList<byte[]> seeds, IReadOnlyList<int> fields, SeededRandom rnd)
    {
        switch (rnd.Next(10))
        {
            case 0 when length > 0:
                b[Position(length, fields, rnd)] ^= (byte)(1 << rnd.Next(8));
                return length;
            case 1 when length > 0:
                b[Position(length, fields, rnd)] = (byte)rnd.Next(256);
                return length;
            case 2 when length > 0:
                b[Position(length, fields, rnd)] = Boundary[rnd.Next(Boundary.Length)];
                return length;
            case 3 when length > 0:
            {
                int at = Position(length, fields, rnd);
                b[at] = Lie(b[at], rnd);
                return length;
            }

            case 4:
            {
                int at = length == 0 ? 0 : rnd.Next(length + 1);
                int n = Math.Min(1 + rnd.Next(8), max - length);
                Array.Copy(b, at, b, at + n, length - at);
                rnd.NextBytes(b, at, n);
                return length + n;
            }

            case 5 when length > 0:
            {
                int at = rnd.Next(length);
                int n = Math.Min(1 + rnd.Next(8), length - at);
                Array.Copy(b, at + n, b, at, length - at - n);
                return length - n;
            }

            case 6 when length > 0:
                return rnd.Next(length);
            case 7:
            {
                // Splice: this input up to a point, then another seed from a point.
                byte[] other = seeds[rnd.Next(seeds.Count)];
                int cut = length == 0 ? 0 : rnd.Next(length + 1);
                int from = other.Length == 0 ? 0 : rnd.Next(other.Length);
                int n = Math.Min(other.Length - from, max - cut);
                Array.Copy(other, from, b, cut, n);
                return cut + n;
            }

            case 8 when length > 1:
            {
                // A chunk repeated in place (a record or an entry twice).
                int at = rnd.Next(length);
                int n = Math.Min(Math.Min(1 + rnd.Next(32), length - at), max - length);
                Array.Copy(b, at, b, at + n, length - at);
                return length + n;
            }

            default:
                return length;
        }
    }

    // Half the time near a length field (the interesting places), else anywhere.
    private static int Position(int length, IReadOnlyList<int> fields, SeededRandom rnd)
    {
        if (fields.Count > 0 && rnd.Next(2) == 0)
        {
            int at = fields[rnd.Next(fields.Count)] + rnd.Next(-4, 17);
            if (at >= 0 && at < length)
            {
                return at;
            }
        }

        return rnd.Next(length);
    }

    // A length that lies: off by one either way, doubled, halved, zero, all ones, a BER long-form marker.
    private static byte Lie(byte value, SeededRandom rnd) => rnd.Next(8) switch
    {
        0 => (byte)(value + 1),
        1 => (byte)(value - 1),
        2 => (byte)(value * 2),
        3 => (byte)(value / 2),
        4 => 0x00,
        5 => 0xFF,
        6 => (byte)(0x80 | rnd.Next(5)),
        _ => (byte)rnd.Next(256),
    };
}
