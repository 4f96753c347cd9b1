using Terminal.Core.Payments;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// One business operation of the cashier's terminal (sale, void, refund, settlement...): started from a menu row
    /// or another flow at one of its steps, told what its screens collected and how the payment engine's job ended.
    /// </summary>
    public interface IFlow
    {
        /// <summary>Why the flow cannot start now (training mode, an unsettled batch...); empty when it can.</summary>
        string Problem(int step);

        /// <summary>Starts (or goes on) at <paramref name="step"/>, the flow's own numbering.</summary>
        void Start(int step);

        /// <summary>The number screen's digits, and their value when they fit an int (else 0).</summary>
        void OnEntered(string text, int value);

        /// <summary>The password screen's digits in collect mode (new passwords); wiped by the screen after.</summary>
        void OnTyped(byte[] digits, int length);

        /// <summary>ENTER on the flow's confirm or amount screen.</summary>
        void OnConfirmed();

        /// <summary>CANCEL on one of the flow's screens.</summary>
        void OnCancelled();

        /// <summary>Draws what the confirm screen asks about, between its title and its question.</summary>
        void DrawConfirmation();

        /// <summary>The payment engine's job ended (see <see cref="Flows.PaymentResult"/>).</summary>
        void OnPaymentDone(int result, string message, TxnEntry? entry);
    }
}
