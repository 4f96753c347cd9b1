using CsCheck;
using Terminal.Core.Messages.Iso8583;
using Xunit;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>Pack then unpack gives back every field; repacking gives the same bytes. Seeds replay a failure.</summary>
public class RoundTripPropertyTests
{
    [Theory]
    [InlineData("cup")]
    [InlineData("ascii87")]
    public void Any_valid_message_survives_pack_and_unpack_unchanged(string profileName)
    {
        Iso8583Profile profile = profileName == "cup" ? CupProfile.Create() : Ascii87Profile.Create();
        var codec = new Iso8583Codec(profile);
        Gen.Int.Sample(seed =>
        {
            // CsCheck samples on several threads: buffers per sample.
            var buffer = new byte[65536];
            var again = new byte[65536];
            var (message, values) = RandomMessages.Create(profile, new Random(seed));
            int n = codec.Pack(message, buffer, 0);
            if (n <= 0)
            {
                return false;
            }

            var back = new Iso8583Message(profile);
            if (codec.Unpack(back, buffer, 0, n).IsError || back.Mti != message.Mti)
            {
                return false;
            }

            foreach (var (field, value) in values)
            {
                var read = new byte[value.Length];
                if (back.GetBytes(field, read, 0) != value.Length || !read.SequenceEqual(Canonical(profile, field, value)))
                {
                    return false;
                }
            }

            return back.NextField(1) == (values.Count == 0 ? -1 : values.Keys.Min())
                && codec.Pack(back, again, 0) == n && buffer.AsSpan(0, n).SequenceEqual(again.AsSpan(0, n));
        }, iter: 1000);
    }

    // BCD keeps no difference between '=' and 'D': both are the separator nibble, read back as 'D'.
    private static byte[] Canonical(Iso8583Profile profile, int field, byte[] value) =>
        profile.GetSpec(field).Encoding == FieldEncoding.Bcd ? value.Select(b => b == '=' ? (byte)'D' : b).ToArray() : value;
}
