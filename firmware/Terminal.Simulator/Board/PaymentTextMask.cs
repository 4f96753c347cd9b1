using System.Text.RegularExpressions;

namespace Terminal.Simulator.Board;

/// <summary>
/// Console text about a payment, masked as receipts mask it: any run of 12 or more digits (a card number, a
/// payment code, the digits of a track) keeps its first 6 and last 4, the rest as *.
/// </summary>
public static partial class PaymentTextMask
{
    /// <summary><paramref name="text"/> with every long digit run masked.</summary>
    public static string Mask(string text) => LongDigitRun().Replace(text, m => m.Value[..6] + new string('*', m.Length - 10) + m.Value[^4..]);

    [GeneratedRegex("[0-9]{12,}")]
    private static partial Regex LongDigitRun();
}
