using System.Text.Json.Serialization;

namespace AcquirerHost.Rules;

/// <summary>What the host does with a request a rule matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleAction>))]
public enum RuleAction
{
    /// <summary>Process normally (approve when the business checks pass).</summary>
    Approve,
    /// <summary>Record the request as declined and answer with the rule's response code.</summary>
    Decline,
    /// <summary>Process and record the request but send nothing (the terminal times out and reverses).</summary>
    NoAnswer,
    /// <summary>Process, then answer after <see cref="ResponseRule.DelayMs"/>.</summary>
    Late,
    /// <summary>Process and answer with a corrupted F64.</summary>
    BadMac,
    /// <summary>Process, then close the connection without answering.</summary>
    DropConnection,
    /// <summary>Process and send the response twice.</summary>
    Duplicate,
    /// <summary>Settlement (0500): answer "unbalanced", the batch's last approved sale left out of the host's books (as if it had lost it), so the terminal must upload its batch.</summary>
    Unbalanced,
}

/// <summary>
/// One response rule: match conditions (all optional; an absent one matches anything) and an action.
/// Patterns are globs over the whole value: '*' any run of characters, '?' one character. The amount is
/// matched as the 12 digits of F4 (so "*51" means "amount ending in 51 fen"), the MTI as 4 digits.
/// </summary>
public sealed class ResponseRule
{
    /// <summary>Request MTI, e.g. "0200".</summary>
    public string? Mti { get; set; }

    /// <summary>Processing code F3 pattern, e.g. "000000".</summary>
    public string? ProcessingCode { get; set; }

    /// <summary>Amount pattern over the 12 digits of F4, e.g. "*51".</summary>
    public string? Amount { get; set; }

    /// <summary>Terminal id (F41) pattern.</summary>
    public string? Terminal { get; set; }

    /// <summary>Card number pattern (F2, or the PAN of F35), e.g. "625094*" for the UnionPay credit test card.</summary>
    public string? Pan { get; set; }

    /// <summary>
    /// For an approved chip request: the issuer script template to add to the answer's field 55, "71" (run before
    /// the second GENERATE AC) or "72" (after); null for none. Any other action ignores it.
    /// </summary>
    public string? IssuerScript { get; set; }

    /// <summary>What to do.</summary>
    public RuleAction Action { get; set; } = RuleAction.Approve;

    /// <summary>Response code for <see cref="RuleAction.Decline"/> (default 05, do not honour).</summary>
    public string ResponseCode { get; set; } = "05";

    /// <summary>Delay before answering, for <see cref="RuleAction.Late"/>.</summary>
    public int DelayMs { get; set; }

    /// <summary>How many more requests the rule applies to; null means without limit.</summary>
    public int? Times { get; set; }

    /// <summary>Whether the rule matches a request with these values (absent request values match only an absent condition).</summary>
    public bool Matches(int mti, string? processingCode, string? amount12, string? terminal, string? pan = null) =>
        Glob(Mti, mti.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))
        && Glob(ProcessingCode, processingCode)
        && Glob(Amount, amount12)
        && Glob(Terminal, terminal)
        && Glob(Pan, pan);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Action}{(Action == RuleAction.Decline ? " " + ResponseCode : string.Empty)}{(Action == RuleAction.Late ? $" {DelayMs} ms" : string.Empty)}{(IssuerScript != null ? " script " + IssuerScript : string.Empty)}";

    /// <summary>Whether <paramref name="value"/> matches the glob <paramref name="pattern"/> ('*', '?'); a null pattern matches anything.</summary>
    public static bool Glob(string? pattern, string? value)
    {
        if (pattern == null)
        {
            return true;
        }

        if (value == null)
        {
            return false;
        }

        return Match(pattern, 0, value, 0);
    }

    private static bool Match(string p, int pi, string v, int vi)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            if (c == '*')
            {
                for (int k = vi; k <= v.Length; k++)
                {
                    if (Match(p, pi + 1, v, k))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (vi >= v.Length || (c != '?' && c != v[vi]))
            {
                return false;
            }

            pi++;
            vi++;
        }

        return vi == v.Length;
    }
}
