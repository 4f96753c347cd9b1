using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// Which part of settlement's F48 (domestic 内卡, foreign 外卡) each kind lands in: a completion counts with its
/// pre-auth's card, as the host counts it (its card is the pre-auth's), so a foreign card's deposit settles as foreign.
/// </summary>
public sealed class BatchTotalsPartsTests
{
    private static TxnEntry Entry(int kind, string maskedPan, long amount, bool voided = false) => new()
    {
        Kind = kind, Channel = TxnChannel.Card, State = TxnState.Approved, MaskedPan = maskedPan, Amount = amount, Voided = voided,
    };

    [Fact]
    public void Completions_count_in_the_part_of_their_card_and_pre_auths_in_none()
    {
        var totals = new BatchTotals();
        totals.Add(Entry(TxnKind.Sale, "622848******0019", 1_000));              // domestic debit
        totals.Add(Entry(TxnKind.PreAuth, "545454******5454", 50_000));          // a hold: not counted
        totals.Add(Entry(TxnKind.Completion, "545454******5454", 38_000));       // foreign debit
        totals.Add(Entry(TxnKind.CompletionAdvice, "476173******0119", 9_000));  // foreign debit
        totals.Add(Entry(TxnKind.CompletionAdvice, "622848******0019", 7_000, voided: true)); // removed by its void
        totals.Add(Entry(TxnKind.Refund, "476173******0119", 500));              // foreign credit

        Assert.Equal((4 - 1, 1_000 + 38_000 + 9_000L), (totals.DebitCount, totals.DebitAmount));
        Assert.Equal((2, 47_000L), (totals.ForeignDebitCount, totals.ForeignDebitAmount));
        Assert.Equal((1, 500L, 1, 500L), (totals.CreditCount, totals.CreditAmount, totals.ForeignCreditCount, totals.ForeignCreditAmount));
    }
}
