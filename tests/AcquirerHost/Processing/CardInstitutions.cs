namespace AcquirerHost.Processing;

/// <summary>
/// Which institution issued a card and which acquires for the host, as the answer's F44 says (44.1 issuer, 44.2
/// acquirer, 11 characters each), and whether a card is domestic (内卡) or foreign (外卡) for settlement. The rule is
/// the card number's prefix alone, decided here independently of the terminal's own classification: 62 (UnionPay) and
/// the older domestic 60/9 prefixes are domestic; 4 (Visa), 51-55 and 2221-2720 (Mastercard), 35 (JCB), 34/37 (Amex)
/// are foreign, and so is any other prefix. The issuer codes of the simulator's test BINs are the big banks' PBOC
/// four-digit codes padded to eight; a foreign card's issuer is its scheme's name (no public CUP code for foreign
/// issuers was found). The host answers as acquirer 48020000.
/// </summary>
public static class CardInstitutions
{
    /// <summary>The acquirer institution code this host answers as.</summary>
    public const string Acquirer = "48020000";

    /// <summary>Whether the card is foreign (外卡) by its number's prefix.</summary>
    public static bool IsForeign(string pan) => !IsDomestic(pan);

    /// <summary>Whether the card is domestic (内卡): 62, 60 or 9 first.</summary>
    public static bool IsDomestic(string pan) =>
        pan.StartsWith("62", StringComparison.Ordinal) || pan.StartsWith("60", StringComparison.Ordinal) || pan.StartsWith('9');

    /// <summary>The issuer id of a card number: the test BINs' banks, the scheme's name for a foreign card, empty for an unknown domestic BIN.</summary>
    public static string Issuer(string pan)
    {
        if (pan.StartsWith("622588", StringComparison.Ordinal))
        {
            return "03080000"; // China Merchants Bank
        }

        if (pan.StartsWith("6212", StringComparison.Ordinal))
        {
            return "01020000"; // ICBC
        }

        if (pan.StartsWith("6250", StringComparison.Ordinal))
        {
            return "01040000"; // Bank of China
        }

        if (IsDomestic(pan))
        {
            return "01050000"; // CCB answers for the simulator's other domestic BINs
        }

        if (pan.StartsWith('4'))
        {
            return "VISA";
        }

        int two = pan.Length >= 2 && char.IsAsciiDigit(pan[0]) && char.IsAsciiDigit(pan[1]) ? (pan[0] - '0') * 10 + pan[1] - '0' : 0;
        int four = pan.Length >= 4 && int.TryParse(pan.AsSpan(0, 4), out int f) ? f : 0;
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720))
        {
            return "MASTERCARD";
        }

        return two switch
        {
            35 => "JCB",
            34 or 37 => "AMEX",
            _ => string.Empty,
        };
    }

    /// <summary>F44 for a card (null for none: the acquirer part alone).</summary>
    public static string Field44(string? pan) => (pan == null ? string.Empty : Issuer(pan)).PadRight(11) + Acquirer.PadRight(11);
}
