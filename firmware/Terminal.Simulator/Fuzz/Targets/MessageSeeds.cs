using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>The golden frames in each form the terminal meets them: cup, ascii87, and framed for TCP and serial.</summary>
internal static class MessageSeeds
{
    private static readonly Lazy<List<byte[]>> CupFrames = new(() => [.. GoldenFrames.Cup.Select(f => Convert.FromHexString(f.Hex))]);
    private static readonly Lazy<List<byte[]>> TextFrames = new(ToAscii87);

    /// <summary>The CUP golden frames, TPDU and header first.</summary>
    public static IReadOnlyList<byte[]> Cup => CupFrames.Value;

    /// <summary>The ascii87 golden sale, and every CUP golden frame's fields packed as ascii87.</summary>
    public static IReadOnlyList<byte[]> Ascii87 => TextFrames.Value;

    /// <summary>Where a frame's length prefixes, bitmap and MTI are (the fields a lie goes into), for <paramref name="profile"/>.</summary>
    public static int[] LengthFields(byte[] frame, Iso8583Profile profile, int shift)
    {
        var m = new Iso8583Message(profile);
        new Iso8583Codec(profile).Unpack(m, frame, 0, frame.Length);
        var fields = new List<int>();
        if (m.MtiOffset >= 0)
        {
            fields.Add(m.MtiOffset + shift);
            for (int i = 0; i < 8; i++)
            {
                fields.Add(m.MtiOffset + (profile == Profiles.Cup ? 2 : 4) + i + shift);
            }
        }

        for (int f = m.NextField(1); f > 0; f = m.NextField(f))
        {
            int at = m.GetWireOffset(f);
            if (at >= 0)
            {
                fields.Add(at + shift);
                fields.Add(at + 1 + shift);
            }
        }

        return [.. fields];
    }

    /// <summary>The frame with its 2-byte big-endian TCP length prefix.</summary>
    public static byte[] TcpFramed(byte[] frame)
    {
        var b = new byte[frame.Length + TcpFramer.PrefixLength];
        TcpFramer.WritePrefix(b, 0, frame.Length);
        frame.CopyTo(b, TcpFramer.PrefixLength);
        return b;
    }

    /// <summary>The frame as the serial link sends it: STX, 4-digit BCD length, data, ETX, LRC.</summary>
    public static byte[] SerialFramed(byte[] frame)
    {
        var b = new byte[frame.Length + SerialFramer.Overhead];
        b[0] = SerialFramer.Stx;
        b[1] = (byte)((((frame.Length / 1000) % 10) << 4) | ((frame.Length / 100) % 10));
        b[2] = (byte)((((frame.Length / 10) % 10) << 4) | (frame.Length % 10));
        frame.CopyTo(b, 3);
        b[^2] = SerialFramer.Etx;
        b[^1] = SerialLrc(b, 1, frame.Length + 3);
        return b;
    }

    /// <summary>XOR of <paramref name="count"/> bytes from <paramref name="offset"/> (length through ETX).</summary>
    public static byte SerialLrc(byte[] b, int offset, int count)
    {
        int lrc = 0;
        for (int i = 0; i < count; i++)
        {
            lrc ^= b[offset + i];
        }

        return (byte)lrc;
    }

    private static List<byte[]> ToAscii87()
    {
        var frames = new List<byte[]> { System.Text.Encoding.ASCII.GetBytes(GoldenFrames.Ascii87Sale) };
        var cup = new Iso8583Message(Profiles.Cup);
        var text = new Iso8583Message(Profiles.Ascii87);
        var buffer = new byte[2048];
        foreach (byte[] frame in Cup)
        {
            if (Profiles.CupCodec.Unpack(cup, frame, 0, frame.Length).IsError)
            {
                continue;
            }

            text.Clear();
            text.Mti = cup.Mti;
            for (int f = cup.NextField(1); f > 0; f = cup.NextField(f))
            {
                text.CopyField(cup, f);
            }

            int n = Profiles.Ascii87Codec.Pack(text, buffer, 0);
            if (n > 0)
            {
                frames.Add(buffer[..n]);
            }
        }

        return frames;
    }
}

/// <summary>One instance of each profile and its codec, shared by the message targets (both are immutable).</summary>
internal static class Profiles
{
    public static readonly Iso8583Profile Cup = CupProfile.Create();
    public static readonly Iso8583Profile Ascii87 = Ascii87Profile.Create();
    public static readonly Iso8583Codec CupCodec = new(Cup);
    public static readonly Iso8583Codec Ascii87Codec = new(Ascii87);
}
