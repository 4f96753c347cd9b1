using System.Text;
using Terminal.Drivers.Simulated.Contactless;
using EmvTlv = Terminal.Core.Emv.BerTlv;

namespace Terminal.Simulator.Board;

/// <summary>
/// Finds card data shown whole in an output: the test PANs, every track 2 of the test cards (swiped, and the
/// track 2 equivalent data tapped cards send), and the payment codes a run scanned. Each is looked for as
/// ASCII text, as the hex of that text (a wire or link dump of ASCII), and packed as BCD two digits a byte at
/// either nibble alignment, separator as D (how the wire and the journal hold digits; the hex dump of BCD is
/// the text itself). Masked forms (first 6, last 4) never match.
/// </summary>
public sealed class CardDataLeaks
{
    private readonly List<(string What, byte[] Pattern)> _patterns = [];

    /// <summary>Looks for the test cards' PANs and tracks, and <paramref name="codes"/> (payment codes used).</summary>
    public CardDataLeaks(IEnumerable<string> codes)
    {
        foreach (string pan in Pans)
        {
            Add("full card number " + pan[..6] + "...", pan);
        }

        foreach (string track in Tracks())
        {
            Add("track 2 data of " + track[..6] + "...", track);
        }

        foreach (string code in codes)
        {
            if (code.Length >= 12 && code.All(char.IsAsciiDigit))
            {
                Add("whole payment code " + code[..6] + "...", code);
            }
        }
    }

    /// <summary>The test PANs (contactless, contact and swipe cards share them; the UnionPay credit chip card has its own).</summary>
    public static IReadOnlyList<string> Pans { get; } = [EmvTestCards.VisaPan, EmvTestCards.MastercardPan, EmvTestCards.UnionPayPan, Terminal.Drivers.Simulated.ChipCards.ContactEmvTestCards.UnionPayCreditPan];

    /// <summary>What of the card data <paramref name="output"/> holds whole, one line each.</summary>
    public IEnumerable<string> Find(ReadOnlySpan<byte> output)
    {
        var found = new List<string>();
        foreach (var (what, pattern) in _patterns)
        {
            if (output.IndexOf(pattern) >= 0 && !found.Contains(what))
            {
                found.Add(what);
            }
        }

        return found;
    }

    /// <summary>As <see cref="Find(ReadOnlySpan{byte})"/> for text (taken as Latin-1 bytes, as a file's bytes would be).</summary>
    public IEnumerable<string> Find(string text) => Find(Encoding.Latin1.GetBytes(text));

    // Swipe tracks (digits and '=') and the tracks inside every test card's records (tag 57), with D.
    private static IEnumerable<string> Tracks()
    {
        foreach (string card in new[] { "visa", "mastercard", "unionpay", "unionpay-pin" })
        {
            yield return TestCards.Track2(card);
        }

        foreach (string name in EmvTestCards.Names)
        {
            foreach (EmvCardApplication app in EmvTestCards.Create(name).Applications)
            {
                foreach (byte[] bytes in app.Records.Values.Append(app.GpoExtra))
                {
                    int n = EmvTlv.Find(bytes, 0, bytes.Length, 0x57, out int at);
                    if (n > 0)
                    {
                        yield return Convert.ToHexString(bytes, at, n).TrimEnd('F');
                    }
                }
            }
        }
    }

    private void Add(string what, string digits)
    {
        string text = digits.Replace('D', '=');
        _patterns.Add((what + " as text", Encoding.ASCII.GetBytes(text)));
        if (text.Contains('=', StringComparison.Ordinal))
        {
            _patterns.Add((what + " as text", Encoding.ASCII.GetBytes(digits.Replace('=', 'D'))));
        }

        _patterns.Add((what + " as hex of its text", Encoding.ASCII.GetBytes(Convert.ToHexString(Encoding.ASCII.GetBytes(text)))));
        string nibbles = digits.Replace('=', 'D');
        _patterns.Add((what + " as BCD", Pack(nibbles)));
        _patterns.Add((what + " as BCD", Pack(nibbles[1..])));
    }

    // Two nibbles a byte, an odd last one dropped: the whole-byte part of the digits as BCD.
    private static byte[] Pack(string nibbles) => Convert.FromHexString(nibbles[..(nibbles.Length & ~1)]);
}
