namespace Terminal.Drivers.Simulated.Contactless;

/// <summary>Builds BER-TLV bytes for simulated cards (host side; the firmware has its own reader).</summary>
public static class BerTlv
{
    /// <summary>Tag (1 to 3 bytes as written, e.g. 0x9F26) + BER length + the concatenated values.</summary>
    public static byte[] Tlv(int tag, params byte[][] values)
    {
        byte[] value = [.. values.SelectMany(v => v)];
        var bytes = new List<byte>();
        if (tag > 0xFFFF)
        {
            bytes.Add((byte)(tag >> 16));
        }

        if (tag > 0xFF)
        {
            bytes.Add((byte)(tag >> 8));
        }

        bytes.Add((byte)tag);
        if (value.Length < 0x80)
        {
            bytes.Add((byte)value.Length);
        }
        else if (value.Length < 0x100)
        {
            bytes.Add(0x81);
            bytes.Add((byte)value.Length);
        }
        else
        {
            bytes.Add(0x82);
            bytes.Add((byte)(value.Length >> 8));
            bytes.Add((byte)value.Length);
        }

        bytes.AddRange(value);
        return [.. bytes];
    }

    /// <summary>Hex string to bytes (spaces allowed).</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>ASCII text to bytes.</summary>
    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    /// <summary>Digits packed two per byte, padded with F nibbles to whole bytes (PAN, track 2).</summary>
    public static byte[] PackedDigits(string digits)
    {
        string padded = digits.Length % 2 == 1 ? digits + "F" : digits;
        return Hex(padded);
    }

    /// <summary>The Luhn check digit for <paramref name="digits"/>.</summary>
    public static char LuhnDigit(string digits)
    {
        int sum = 0;
        bool dbl = true;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i] - '0';
            if (dbl)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            dbl = !dbl;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
