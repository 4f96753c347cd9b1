using Terminal.Core.Payments;
using Terminal.Simulator.Board;

namespace Terminal.Simulator.Demo;

/// <summary>The demo day's pre-authorization scene (docs/pre-authorization.md).</summary>
public sealed partial class DemoDay
{
    // A hotel deposit held (a balance inquiry shows the hold) and completed below it, a rental deposit released, an
    // offline completion (advice) sent before the next transaction, a completion voided and its deposit released.
    private void PreAuthorizations()
    {
        At(15, 8);
        TxnEntry hotel = PreAuth("preauth-hotel-deposit", "Hotel deposit: pre-authorization", 80_000, "insert:unionpay-debit");
        At(15, 10);
        Step("Balance inquiry by swipe unionpay, the same card (PIN keyed): the hotel's hold is off the balance; shown, never printed");
        Done(rig.Balance("swipe:unionpay"));
        Frame("balance");
        At(15, 12);
        Completion("completion-hotel", $"Guest checks out: completion CNY 652.00 against auth {hotel.AuthCode}", hotel, 65_200, advice: false);

        At(15, 14);
        TxnEntry rental = PreAuth("preauth-rental", "Bicycle rental deposit: pre-authorization", 30_000, "swipe:visa");
        At(15, 16);
        Step($"Bicycle back undamaged: manager voids the pre-auth, invoice {rental.Invoice:D6}");
        Done(rig.PreAuthVoid(rental.Invoice));
        Save("preauth-void");

        At(15, 18);
        TxnEntry minibar = PreAuth("preauth-room-2", "Second room deposit: pre-authorization", 20_000, "tap:unionpay");
        At(15, 20);
        Completion("completion-advice", $"Host line down for a moment: manager completes CNY 215.00 offline (completion advice) against auth {minibar.AuthCode}", minibar, 21_500, advice: true);

        At(15, 22);
        TxnEntry parking = PreAuth("preauth-parking", "Parking deposit: pre-authorization", 10_000, "swipe:mastercard");
        At(15, 23);
        TxnEntry parked = Completion("completion-parking", $"Parking charged: completion CNY 100.00 against auth {parking.AuthCode}", parking, 10_000, advice: false);
        At(15, 24);
        Step($"The guest had a free parking voucher: manager voids the completion, invoice {parked.Invoice:D6} (the deposit holds again)");
        Done(rig.CompletionVoid(parked.Invoice));
        Save("completion-void");
        Step($"Manager voids the parking pre-auth, invoice {parking.Invoice:D6}");
        Done(rig.PreAuthVoid(parking.Invoice));
        Save("preauth-void-parking");

    }

    private TxnEntry PreAuth(string name, string what, long fen, string payment)
    {
        Step($"{what} {Money.FormatCny(fen)} by {PaymentTextMask.Mask(payment.Replace(':', ' '))}");
        string message = rig.PreAuth(fen, payment);
        rig.FinishPrinting();
        TxnEntry e = rig.Store.At(rig.Store.Count - 1);
        if (e.Kind != TxnKind.PreAuth || e.State != TxnState.Approved)
        {
            throw new InvalidOperationException("the demo's pre-auth was not approved: " + message);
        }

        Done($"{message}: invoice {e.Invoice:D6}, auth {e.AuthCode}, RRN {e.Rrn}, {e.MaskedPan}, held up to {Money.FormatCny(TxnKind.CompletionLimit(e.Amount))}");
        Save(name);
        return e;
    }

    private TxnEntry Completion(string name, string what, TxnEntry preAuth, long fen, bool advice)
    {
        Step(what);
        string message = rig.Complete(preAuth.AuthCode, preAuth.DateMmdd, fen, advice);
        rig.FinishPrinting();
        TxnEntry e = rig.Store.At(rig.Store.Count - 1);
        Done($"{message}: invoice {e.Invoice:D6}, {TxnKind.Name(e.Kind).ToLowerInvariant()} {Money.FormatCny(e.Amount)}");
        Save(name);
        return e;
    }
}
