namespace AcquirerHost.Processing;

/// <summary>
/// A customer's wallet app (WeChat Pay, Alipay or UnionPay's) as the host simulator plays it: given the text of a QR
/// code the customer scanned from the terminal's screen, it pays the order the URL names, as the wallet the URL names.
/// </summary>
public sealed class SimulatedWallet
{
    private readonly QrOrders _orders;

    /// <summary>A wallet paying the orders of <paramref name="orders"/>.</summary>
    public SimulatedWallet(QrOrders orders)
    {
        _orders = orders;
    }

    /// <summary>The wallet's name for its number (1 WeChat Pay, 2 Alipay, 3 UnionPay).</summary>
    public static string Name(int wallet) => wallet switch { 1 => "WeChat Pay", 2 => "Alipay", 3 => "UnionPay", _ => "unknown wallet" };

    /// <summary>Pays the order of the scanned <paramref name="codeText"/>; <see cref="WalletPayment.Unknown"/> when it is no order URL of this host.</summary>
    public WalletPayment Pay(string codeText) =>
        QrOrders.ParseUrl(codeText, out int wallet, out string order) ? _orders.Pay(order, wallet) : WalletPayment.Unknown;
}
