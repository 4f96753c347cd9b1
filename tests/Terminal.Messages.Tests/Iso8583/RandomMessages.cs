using Terminal.Core.Messages.Iso8583;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>Random valid messages of a profile, each field's value drawn to fit its spec.</summary>
internal static class RandomMessages
{
    public static (Iso8583Message Message, Dictionary<int, byte[]> Values) Create(Iso8583Profile profile, Random rnd, int maxVariableLength = 999)
    {
        var m = new Iso8583Message(profile) { Mti = rnd.Next(0, 10000) };
        if (profile.PreambleLength > 0)
        {
            var pre = new byte[profile.PreambleLength];
            rnd.NextBytes(pre);
            m.SetPreamble(pre, 0);
        }

        var values = new Dictionary<int, byte[]>();
        for (int f = 2; f <= profile.HighestField; f++)
        {
            if (!profile.IsDefined(f) || rnd.Next(3) != 0)
            {
                continue;
            }

            byte[] v = Value(profile.GetSpec(f), profile, rnd, maxVariableLength);
            values[f] = v;
            if (rnd.Next(2) == 0 || profile.GetSpec(f).Type == FieldType.Binary)
            {
                m.Set(f, v, 0, v.Length);
            }
            else
            {
                m.Set(f, new string(v.Select(b => (char)b).ToArray()));
            }
        }

        return (m, values);
    }

    public static byte[] Value(FieldSpec spec, Iso8583Profile profile, Random rnd, int maxVariableLength)
    {
        int len = spec.LengthKind == LengthKind.Fixed ? spec.Length : rnd.Next(0, Math.Min(spec.Length, maxVariableLength) + 1);
        var v = new byte[len];
        for (int i = 0; i < len; i++)
        {
            v[i] = spec.Type switch
            {
                FieldType.Numeric => (byte)('0' + rnd.Next(10)),
                FieldType.Track => rnd.Next(8) == 0 ? (byte)(profile.Name == "cup" || rnd.Next(2) == 0 ? 'D' : '=') : (byte)('0' + rnd.Next(10)),
                FieldType.Alpha => (byte)rnd.Next(0x20, 0x7F),
                _ => (byte)rnd.Next(256),
            };
        }

        return v;
    }
}
