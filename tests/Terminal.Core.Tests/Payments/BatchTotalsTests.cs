using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class BatchTotalsTests
{
    private static TxnEntry Txn(int kind, long amount, int state = TxnState.Approved, int channel = TxnChannel.Card, bool voided = false) =>
        new() { Kind = kind, Amount = amount, State = state, Channel = channel, Voided = voided };

    [Fact]
    public void Debits_are_approved_sales_not_voided()
    {
        var totals = new BatchTotals();
        totals.Add(Txn(TxnKind.Sale, 1_000));
        totals.Add(Txn(TxnKind.Sale, 2_000, voided: true));
        totals.Add(Txn(TxnKind.Void, 2_000));

        Assert.Equal((1, 1_000L), (totals.DebitCount, totals.DebitAmount));
        Assert.Equal((2, 3_000L), (totals.Count(TxnKind.Sale), totals.Amount(TxnKind.Sale)));
        Assert.Equal((1, 2_000L), (totals.Count(TxnKind.Void), totals.Amount(TxnKind.Void)));
    }

    [Fact]
    public void Credits_are_approved_refunds_and_net_is_debits_minus_credits()
    {
        var totals = new BatchTotals();
        totals.Add(Txn(TxnKind.Sale, 5_000));
        totals.Add(Txn(TxnKind.Refund, 1_200, channel: TxnChannel.WeChat));
        totals.Add(Txn(TxnKind.Refund, 300));

        Assert.Equal((2, 1_500L), (totals.CreditCount, totals.CreditAmount));
        Assert.Equal((1, 1_200L), (totals.Count(TxnKind.Refund, TxnChannel.WeChat), totals.Amount(TxnKind.Refund, TxnChannel.WeChat)));
        Assert.Equal(3_500, totals.Net);
    }

    [Theory]
    [InlineData(TxnState.Declined)]
    [InlineData(TxnState.Reversed)]
    [InlineData(TxnState.ReversalPending)]
    [InlineData(TxnState.Pending)]
    public void Transactions_not_approved_count_nowhere(int state)
    {
        var totals = new BatchTotals();
        totals.Add(Txn(TxnKind.Sale, 1_000, state));
        totals.Add(Txn(TxnKind.Refund, 1_000, state));
        totals.Add(Txn(TxnKind.Void, 1_000, state));

        Assert.Equal((0, 0L, 0, 0L), (totals.DebitCount, totals.DebitAmount, totals.CreditCount, totals.CreditAmount));
        Assert.Equal(0, totals.Count(TxnKind.Sale) + totals.Count(TxnKind.Refund) + totals.Count(TxnKind.Void));
    }

    [Fact]
    public void Field48_is_62_digits_debit_amount_count_credit_amount_count_then_zeros()
    {
        var totals = new BatchTotals();
        totals.Add(Txn(TxnKind.Sale, 123_456));
        totals.Add(Txn(TxnKind.Sale, 44));
        totals.Add(Txn(TxnKind.Refund, 789));

        string f48 = totals.Field48();

        Assert.Equal(62, f48.Length);
        Assert.Equal("000000123500", f48[..12]);
        Assert.Equal("002", f48[12..15]);
        Assert.Equal("000000000789", f48[15..27]);
        Assert.Equal("001", f48[27..30]);
        Assert.Equal("0", f48[30..31]);
        Assert.Equal(new string('0', 31), f48[31..]);
    }

    [Fact]
    public void Field48_of_an_empty_batch_is_all_zeros()
    {
        Assert.Equal(new string('0', 62), new BatchTotals().Field48());
    }
}
