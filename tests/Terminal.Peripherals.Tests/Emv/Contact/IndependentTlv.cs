namespace Terminal.Peripherals.Tests.Emv.Contact;

/// <summary>
/// A host-side EMV BER-TLV decoder written for the tests from EMV Book 3 annex B, sharing nothing with the
/// firmware's BerTlv: it reads one level of objects and throws on anything malformed.
/// </summary>
internal static class IndependentTlv
{
    public static List<(string Tag, byte[] Value)> Decode(ReadOnlySpan<byte> data)
    {
        var objects = new List<(string, byte[])>();
        int i = 0;
        while (i < data.Length)
        {
            int start = i;
            bool multiByte = (data[i++] & 0x1F) == 0x1F;
            while (multiByte)
            {
                if (i >= data.Length)
                {
                    throw new FormatException("tag runs past the end");
                }

                multiByte = (data[i++] & 0x80) != 0;
            }

            string tag = Convert.ToHexString(data[start..i]);
            if (i >= data.Length)
            {
                throw new FormatException("no length after tag " + tag);
            }

            int length = data[i++];
            if (length == 0x81)
            {
                length = data[i++];
            }
            else if (length == 0x82)
            {
                length = (data[i] << 8) | data[i + 1];
                i += 2;
            }
            else if (length > 0x7F)
            {
                throw new FormatException("length form " + length.ToString("X2") + " after tag " + tag);
            }

            if (i + length > data.Length)
            {
                throw new FormatException("value of " + tag + " runs past the end");
            }

            objects.Add((tag, data.Slice(i, length).ToArray()));
            i += length;
        }

        return objects;
    }
}
