using AcquirerHost.Processing;
using AcquirerHost.Store;
using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;
using Terminal.Core.Ui;
using Terminal.Drivers.Simulated.Imaging;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// The merchant-presented QR order end to end: the terminal asks the host for an order, draws its code URL on the
/// simulated ST7789, and the customer's wallet pays by decoding the panel's image with ZXing, as a phone's camera
/// would; or nobody pays, or the cashier cancels, or the wallet comes too late. The host's order and the terminal's
/// books must agree each time, and the batch settle balanced.
/// </summary>
public sealed class QrOrderTests
{
    /// <summary>The order's wait in these tests (virtual time): long enough for a few polls, short enough to run out.</summary>
    internal const int WaitMs = 20000;

    internal static async Task<TerminalRig> ReadyRig(string link = "tcp")
    {
        TerminalRig rig = await SaleFlowTests.ReadyRig(link);
        rig.Pos.Engine.QrOrders.WaitMs = WaitMs;
        rig.Pos.Engine.QrOrders.PollMs = 2000;
        return rig;
    }

    /// <summary>Keys the amount, asks for <paramref name="wallet"/>'s order (key 1-3) and returns the code the panel shows (null: none).</summary>
    internal static string? ShowOrder(TerminalRig rig, long fen, int wallet)
    {
        rig.KeyAmount(fen);
        rig.Press(KeyCode.Digit0 + wallet);
        rig.RunUntil(() => rig.Pos.Engine.QrOrders.AwaitingPayment || !rig.Pos.Engine.Busy);
        rig.Board.RunFor(200);
        return ShownCode(rig);
    }

    /// <summary>What a phone reads from the panel: the QR code in the ST7789's frame, decoded by ZXing.</summary>
    internal static string? ShownCode(TerminalRig rig) => QrImage.Decode(rig.Board.Panel.RenderPng());

    /// <summary>The order runs to its end (paid, closed); the customer copy is declined; returns the terminal's message.</summary>
    internal static string Finish(TerminalRig rig)
    {
        rig.RunUntil(() => !rig.Pos.Engine.Busy);
        string message = rig.Pos.LastMessage;
        rig.Press(KeyCode.Cancel);
        rig.Board.RunFor(500);
        return message;
    }

    /// <summary>A whole paid order: shown, decoded from the panel, paid by the wallet, booked.</summary>
    internal static string PaidOrder(TerminalRig rig, long fen, int wallet)
    {
        string? code = ShowOrder(rig, fen, wallet);
        Assert.NotNull(code);
        Assert.Equal(WalletPayment.Paid, new SimulatedWallet(rig.Host.Processor.QrOrders).Pay(code!));
        return Finish(rig);
    }

    /// <summary>A whole unpaid order: shown, never paid, closed when its wait runs out.</summary>
    internal static string UnpaidOrder(TerminalRig rig, long fen, int wallet)
    {
        Assert.NotNull(ShowOrder(rig, fen, wallet));
        return Finish(rig);
    }

    private static HostQrOrder OnlyOrder(TerminalRig rig) => Assert.Single(rig.Host.Processor.QrOrders.Orders(TerminalRig.TerminalId));

    [Theory]
    [InlineData("tcp", 1, TxnChannel.WeChat, "wx", "4200")]
    [InlineData("serial", 2, TxnChannel.Alipay, "ali", "")]
    [InlineData("tcp", 3, TxnChannel.UnionPayQr, "up", "62")]
    public async Task A_wallet_that_scans_the_screen_pays_the_order_and_the_terminal_books_it(string link, int key, int channel, string path, string walletPrefix)
    {
        await using var rig = await ReadyRig(link);
        string? code = ShowOrder(rig, 12800, key);

        Assert.NotNull(code);
        Assert.StartsWith(QrOrders.UrlBase + path + "/", code, StringComparison.Ordinal);
        Assert.Equal(TxnState.Pending, rig.Store.At(0).State);
        Assert.Equal(WalletPayment.Paid, new SimulatedWallet(rig.Host.Processor.QrOrders).Pay(code!));
        Assert.Equal("Approved", Finish(rig));

        TxnEntry sale = rig.Store.At(0);
        HostQrOrder order = OnlyOrder(rig);
        Assert.Equal(TxnState.Approved, sale.State);
        Assert.Equal(EntryMode.QrOrder, sale.Mode);
        Assert.Equal(channel, sale.Channel);
        Assert.Equal(order.OrderNumber, sale.OrderNumber);
        Assert.Equal(order.WalletOrder, sale.WalletOrder);
        Assert.StartsWith(walletPrefix, sale.WalletOrder, StringComparison.Ordinal);
        Assert.Equal("paid", order.Status);
        var auth = Assert.Single(rig.Host.Store.Authorizations(TerminalRig.TerminalId), a => a.Kind == "sale");
        Assert.Equal(sale.Rrn, auth.Rrn);
        Assert.Equal(sale.Stan, auth.Stan);
        Assert.Equal(12800, auth.Amount);
        Assert.Equal(1, sale.Printed & 1);
        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_nobody_pays_is_closed_when_its_wait_runs_out()
    {
        await using var rig = await ReadyRig();
        Assert.NotNull(ShowOrder(rig, 500, 1));
        long shown = rig.Board.Clock.NowMs;

        string message = Finish(rig);

        Assert.Equal("Order closed: not paid", message);
        Assert.InRange(rig.Board.Clock.NowMs - shown, WaitMs - 2000, WaitMs + 5000);
        TxnEntry e = rig.Store.At(0);
        Assert.Equal(TxnState.Declined, e.State);
        Assert.Equal(QrOrderEnd.TimedOut, e.OrderEnd);
        Assert.Equal("closed", OnlyOrder(rig).Status);
        Assert.DoesNotContain(rig.Host.Store.Authorizations(TerminalRig.TerminalId), a => a.Kind == "sale");
        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cashier_cancels_and_the_order_is_closed_at_once()
    {
        await using var rig = await ReadyRig();
        Assert.NotNull(ShowOrder(rig, 600, 2));

        rig.Press(KeyCode.Cancel);
        string message = Finish(rig);

        Assert.Equal("Order closed: cancelled", message);
        Assert.Equal(QrOrderEnd.Cancelled, rig.Store.At(0).OrderEnd);
        Assert.Equal("closed", OnlyOrder(rig).Status);
    }

    [Fact]
    public async Task A_wallet_that_pays_after_the_terminal_gave_up_is_refused()
    {
        await using var rig = await ReadyRig();
        string? code = ShowOrder(rig, 700, 3);
        Assert.Equal("Order closed: not paid", Finish(rig));

        Assert.Equal(WalletPayment.Refused, new SimulatedWallet(rig.Host.Processor.QrOrders).Pay(code!));

        Assert.Equal("closed", OnlyOrder(rig).Status);
        Assert.DoesNotContain(rig.Host.Store.Authorizations(TerminalRig.TerminalId), a => a.Kind == "sale");
        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_paid_after_the_last_poll_is_booked_when_the_close_says_paid()
    {
        await using var rig = await ReadyRig();
        rig.Pos.Engine.QrOrders.PollMs = WaitMs * 2; // no poll before the wait runs out: only the close can tell
        string? code = ShowOrder(rig, 800, 1);
        Assert.Equal(WalletPayment.Paid, new SimulatedWallet(rig.Host.Processor.QrOrders).Pay(code!));

        string message = Finish(rig);

        Assert.Equal("Paid as it closed: booked", message);
        Assert.Equal(TxnState.Approved, rig.Store.At(0).State);
        Assert.Equal("paid", OnlyOrder(rig).Status);
        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_left_open_by_a_power_cut_is_queried_at_boot_and_booked_once_paid()
    {
        await using var rig = await ReadyRig();
        string? code = ShowOrder(rig, 900, 2);
        Assert.Equal(WalletPayment.Paid, new SimulatedWallet(rig.Host.Processor.QrOrders).Pay(code!));

        rig.Reboot(); // the power goes while the code is on the screen: the order is open in the journal
        rig.Board.RunWhileHostBusy();

        TxnEntry e = rig.Store.At(0);
        Assert.Equal(TxnState.Approved, e.State);
        Assert.Equal(OnlyOrder(rig).WalletOrder, e.WalletOrder);
        Assert.Equal(1, e.Printed & 1);
        Assert.Contains("balanced", rig.Settle(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpaid_order_left_open_by_a_power_cut_is_closed_at_boot()
    {
        await using var rig = await ReadyRig();
        string? code = ShowOrder(rig, 950, 1);

        rig.Reboot();
        rig.Board.RunWhileHostBusy();

        Assert.Equal(TxnState.Declined, rig.Store.At(0).State);
        Assert.Equal("closed", OnlyOrder(rig).Status);
        Assert.Equal(WalletPayment.Refused, new SimulatedWallet(rig.Host.Processor.QrOrders).Pay(code!));
    }

    [Fact]
    public async Task A_declined_order_request_makes_no_order()
    {
        await using var rig = await ReadyRig();
        rig.Host.Rules.Add(new AcquirerHost.Rules.ResponseRule { Mti = "0200", ProcessingCode = "000000", Action = AcquirerHost.Rules.RuleAction.Decline, ResponseCode = "51" });
        Assert.Null(ShowOrder(rig, 1000, 1));

        string message = Finish(rig);

        Assert.StartsWith("No order: ", message, StringComparison.Ordinal);
        Assert.Equal(TxnState.Declined, rig.Store.At(0).State);
        Assert.Empty(rig.Host.Processor.QrOrders.Orders(TerminalRig.TerminalId));
    }
}

/// <summary>The slips of QR payments: the wallet by name, the host's order number and the wallet's own, line by line, in both languages.</summary>
public sealed class QrSlipTests
{
    // The slip's lines from the wallet's line on, as many as expected.
    private static List<string> WalletBlock(TerminalRig rig, string walletLabel, int count)
    {
        var lines = rig.Board.PrinterMechanism.TextLines.ToList();
        int at = lines.FindIndex(l => l.StartsWith(walletLabel, StringComparison.Ordinal));
        Assert.True(at >= 0, "the slip names the wallet: " + string.Join(" | ", lines));
        return lines.Skip(at).Take(count).ToList();
    }

    [Theory]
    [InlineData(Language.English, "WALLET:", "WeChat Pay", "ORDER NO:", "WALLET ORDER NO:")]
    [InlineData(Language.Chinese, "支付钱包：", "微信支付", "订单号：", "钱包订单号：")]
    public async Task A_qr_order_slip_names_the_wallet_and_both_order_numbers(int language, string walletLabel, string wallet, string orderLabel, string walletOrderLabel)
    {
        await using var rig = await QrOrderTests.ReadyRig();
        Assert.True(rig.Store.SetLanguage(language));
        QrOrderTests.PaidOrder(rig, 12800, 1);
        TxnEntry e = rig.Store.At(0);

        Assert.Equal(
            [ReceiptPrinter.AlignPair(walletLabel, wallet, 32)!, orderLabel, e.OrderNumber, walletOrderLabel, e.WalletOrder],
            WalletBlock(rig, walletLabel, 5));
        Assert.Equal(22, e.OrderNumber.Length);
        Assert.Equal(28, e.WalletOrder.Length);
    }

    [Theory]
    [InlineData("scan:134567890123456789", "WeChat Pay", "4200")]
    [InlineData("scan:284567890123456789", "Alipay", "")]
    [InlineData("scan:6212345678901234567", "UnionPay QR", "62")]
    public async Task A_scanned_code_slip_names_the_wallet_and_its_order_number(string code, string wallet, string prefix)
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        Assert.Equal("Approved", rig.Sale(500, code));
        TxnEntry e = rig.Store.At(0);

        Assert.StartsWith(prefix, e.WalletOrder, StringComparison.Ordinal);
        Assert.Equal([ReceiptPrinter.AlignPair("WALLET:", wallet, 32)!, "WALLET ORDER NO:", e.WalletOrder], WalletBlock(rig, "WALLET:", 3));
        Assert.Empty(e.OrderNumber);
    }
}
