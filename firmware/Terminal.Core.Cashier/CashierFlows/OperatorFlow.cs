using Terminal.Core.App;
using Terminal.Core.Ui;
using Terminal.Core.Util;

namespace Terminal.Core.CashierFlows
{
    /// <summary>Operator log-on (MENU 9): the operator's number, 1 to 99, journaled and printed on every receipt after.</summary>
    public sealed class OperatorFlow : Flow
    {
        /// <summary>The operator log-on of <paramref name="cashier"/>'s terminal.</summary>
        public OperatorFlow(Cashier cashier)
            : base(cashier)
        {
        }

        /// <inheritdoc />
        public override void Start(int step) => C.Number.Ask(this, C.T(Texts.TitleOperator), C.T(Texts.OperatorPrompt), 1, 2, false);

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            if (value < 1 || value > 99)
            {
                C.ShowMessage(C.T(Texts.TitleOperator), C.T(Texts.OperatorRange));
                return;
            }

            if (!C.Store.SetOperator(value))
            {
                C.ShowMessage(C.T(Texts.TitleOperator), C.Store.Problem);
                return;
            }

            C.GoIdle();
            C.Status(C.F(Texts.OperatorLoggedOn, DigitText.Fixed(value, 2)));
        }
    }
}
