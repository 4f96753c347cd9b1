using System.Security.Cryptography;

namespace AcquirerHost.Security;

/// <summary>
/// The host's side of track data encryption (CUP rule, docs/keys-and-pin.md): the 16 characters of F35/F36 that end
/// before the last two (even count) or the last one (odd count), i.e. the 8 BCD bytes before the last byte, are
/// TDES-ECB under the TDK. Written apart from the terminal's <c>TrackCipher</c>, on .NET's TripleDES and the
/// characters, so a test of one against the other is a test of two readings of the rule. Also checks that a clear
/// track 2 is one: its format, Luhn, service code, and that its PAN is F2's.
/// </summary>
public static class TrackData
{
    /// <summary>Fewest characters a track needs for the rule (9 BCD bytes).</summary>
    public const int MinLength = 17;

    /// <summary>Encrypts a clear track (digits and 'D' or '=') under <paramref name="tdk"/>; null when too short or not a track.</summary>
    public static string? Encrypt(byte[] tdk, string track) => Transform(true, tdk, track);

    /// <summary>Decrypts a track sent encrypted; null when too short or not hex. The separator comes back as 'D'.</summary>
    public static string? Decrypt(byte[] tdk, string track) => Transform(false, tdk, track);

    /// <summary>
    /// Why a clear track 2 is not a card's track, with the response code for it: "30" when it is not a track 2 (PAN of
    /// 13 to 19 digits, 'D' or '=', YYMM, a three-digit service code starting 1, 2, 5, 6, 7 or 9, digits), "14" when its
    /// PAN fails Luhn or is not <paramref name="pan"/> (F2, when sent). Null when it is fine. The reason names no digit.
    /// </summary>
    public static (string Code, string Why)? Problem(string track, string? pan)
    {
        int separator = track.IndexOfAny(['D', '=']);
        if (separator < 13 || separator > 19 || track.Length < separator + 8)
        {
            return ("30", "not a track 2: no separator after a PAN of 13 to 19 digits, or no expiry and service code");
        }

        for (int i = 0; i < track.Length; i++)
        {
            if (i != separator && !char.IsAsciiDigit(track[i]))
            {
                return ("30", "not a track 2: a character other than a digit");
            }
        }

        if (track[separator + 5] is not ('1' or '2' or '5' or '6' or '7' or '9'))
        {
            return ("30", "service code of no interchange (first digit not 1, 2, 5, 6, 7 or 9)");
        }

        string trackPan = track[..separator];
        if (!Luhn(trackPan))
        {
            return ("14", "card number fails its check digit");
        }

        return pan != null && pan != trackPan ? ("14", "card number is not F2's") : null;
    }

    /// <summary>Whether a digit string passes the Luhn (mod 10) check.</summary>
    public static bool Luhn(string digits)
    {
        int sum = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    private static string? Transform(bool encrypt, byte[] tdk, string track)
    {
        if (track.Length < MinLength || tdk.Length != 16)
        {
            return null;
        }

        int start = track.Length - (track.Length % 2 == 0 ? 18 : 17);
        string block = track.Substring(start, 16).Replace('=', 'D');
        if (!block.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        using var tdes = TripleDES.Create();
        tdes.Key = [.. tdk, .. tdk.AsSpan(0, 8)]; // two-key TDES as K1 K2 K1 (OpenSSL takes 24-byte keys only)
        byte[] input = Convert.FromHexString(block);
        byte[] output = encrypt ? tdes.EncryptEcb(input, PaddingMode.None) : tdes.DecryptEcb(input, PaddingMode.None);
        string result = string.Concat(track.AsSpan(0, start), Convert.ToHexString(output), track.AsSpan(start + 16));
        Array.Clear(input);
        Array.Clear(output);
        return result;
    }
}
