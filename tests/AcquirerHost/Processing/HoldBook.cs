namespace AcquirerHost.Processing;

/// <summary>
/// The issuer's arithmetic of pre-authorization holds (docs/pre-authorization.md): a pre-auth of A fen may be completed
/// for up to 115% of A (rounded down), and the hold placed on the card's account is that limit, so a completion up to
/// it is always covered; the available balance is the account's balance less its holds.
/// </summary>
public static class HoldBook
{
    /// <summary>Percent of the pre-authorized amount a completion may reach (CUP: up to 115%).</summary>
    public const int CompletionPercent = 115;

    /// <summary>The most a completion of a pre-auth of <paramref name="preAuthAmount"/> fen may charge.</summary>
    public static long CompletionLimit(long preAuthAmount) => preAuthAmount * CompletionPercent / 100;

    /// <summary>The hold a pre-auth of <paramref name="preAuthAmount"/> fen places: its completion limit.</summary>
    public static long Hold(long preAuthAmount) => CompletionLimit(preAuthAmount);

    /// <summary>The available balance of an account of <paramref name="balance"/> fen with pre-auths of <paramref name="preAuthAmounts"/> standing.</summary>
    public static long Available(long balance, IEnumerable<long> preAuthAmounts)
    {
        long available = balance;
        foreach (long a in preAuthAmounts)
        {
            available -= Hold(a);
        }

        return available;
    }
}
