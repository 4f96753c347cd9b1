using System.Globalization;
using AcquirerHost.Store;

namespace AcquirerHost.Processing;

/// <summary>
/// The host's side of a settlement (0500): its own totals of the batch, split into domestic (内卡) and foreign (外卡)
/// cards by <see cref="CardInstitutions"/>' rule (in SQL: <see cref="AcquirerStore.ForeignCardSql"/>), compared part
/// by part with the terminal's F48, and the 0510's F48: per part the host's debit amount n12, debit count n3, credit
/// amount n12, credit count n3 and its result (1 balanced, 2 unbalanced); the same digits as the terminal's where they
/// agree. A host told to be unbalanced (<see cref="Rules.RuleAction.Unbalanced"/>) leaves the batch's last approved
/// sale out of its books, as when it lost one, so the report can say which part differs and by what.
/// </summary>
public static class SettlementTotals
{
    /// <summary>Digits of a settlement F48 with both parts.</summary>
    public const int Field48Digits = 62;

    /// <summary>What the host answers and records of one 0500.</summary>
    public sealed record Answer(string Field48, BatchTotals TerminalAll, BatchTotals HostAll, bool Balanced, string Note);

    /// <summary>The answer to a 62-digit F48 of the terminal's.</summary>
    public static Answer Settle(Books books, string terminalF48, bool dropOne)
    {
        var terminalDomestic = Parse(terminalF48, 0);
        var terminalForeign = Parse(terminalF48, 31);
        var all = books.All;
        var foreign = books.Foreign;
        var domestic = Minus(all, foreign);
        string dropped = string.Empty;
        if (dropOne && books.LastSale is AuthorizationRecord sale)
        {
            var one = new BatchTotals(1, sale.Amount, 0, 0);
            bool isForeign = sale.MaskedPan != null && CardInstitutions.IsForeign(sale.MaskedPan);
            if (isForeign)
            {
                foreign = Minus(foreign, one);
            }
            else
            {
                domestic = Minus(domestic, one);
            }

            all = Minus(all, one);
            dropped = $", sale {sale.Rrn} left out of the host's books";
        }

        bool domesticOk = domestic == terminalDomestic;
        bool foreignOk = foreign == terminalForeign;
        string f48 = Part(domestic, domesticOk) + Part(foreign, foreignOk);
        var terminalAll = new BatchTotals(
            terminalDomestic.DebitCount + terminalForeign.DebitCount, terminalDomestic.DebitAmount + terminalForeign.DebitAmount,
            terminalDomestic.CreditCount + terminalForeign.CreditCount, terminalDomestic.CreditAmount + terminalForeign.CreditAmount);
        string note = domesticOk && foreignOk ? " (balanced)"
            : $" (unbalanced:{(domesticOk ? string.Empty : " domestic host " + Text(domestic) + " terminal " + Text(terminalDomestic))}"
              + $"{(foreignOk ? string.Empty : " foreign host " + Text(foreign) + " terminal " + Text(terminalForeign))}{dropped})";
        return new Answer(f48, terminalAll, all, domesticOk && foreignOk, note);
    }

    /// <summary>One part's totals as F48 digits (31), with the result digit.</summary>
    public static string Part(BatchTotals t, bool balanced) =>
        t.DebitAmount.ToString("D12", CultureInfo.InvariantCulture) + t.DebitCount.ToString("D3", CultureInfo.InvariantCulture)
        + t.CreditAmount.ToString("D12", CultureInfo.InvariantCulture) + t.CreditCount.ToString("D3", CultureInfo.InvariantCulture)
        + (balanced ? "1" : "2");

    /// <summary>One part of F48 from digit <paramref name="at"/>.</summary>
    public static BatchTotals Parse(string digits, int at) => new(
        int.Parse(digits.AsSpan(at + 12, 3), CultureInfo.InvariantCulture),
        long.Parse(digits.AsSpan(at, 12), CultureInfo.InvariantCulture),
        int.Parse(digits.AsSpan(at + 27, 3), CultureInfo.InvariantCulture),
        long.Parse(digits.AsSpan(at + 15, 12), CultureInfo.InvariantCulture));

    private static BatchTotals Minus(BatchTotals a, BatchTotals b) =>
        new(a.DebitCount - b.DebitCount, a.DebitAmount - b.DebitAmount, a.CreditCount - b.CreditCount, a.CreditAmount - b.CreditAmount);

    private static string Text(BatchTotals t) => $"{t.DebitCount} debits {t.DebitAmount}, {t.CreditCount} credits {t.CreditAmount}";

    /// <summary>The host's books of one batch, as the settlement reads them.</summary>
    public sealed record Books(BatchTotals All, BatchTotals Foreign, AuthorizationRecord? LastSale);
}
