using Terminal.Core.App;
using Terminal.Core.Printing;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Help (F1 at the idle screen, or ENTER on a keypad without F1): the service hotline and the terminal's identity
    /// on the screen, so a merchant can report a problem; ENTER prints them on the help slip with how to report it.
    /// </summary>
    public sealed class HelpFlow : Flow
    {
        private readonly ServiceIdentity _identity;

        /// <summary>The help of <paramref name="cashier"/>'s terminal, showing <paramref name="identity"/>.</summary>
        public HelpFlow(Cashier cashier, ServiceIdentity identity)
            : base(cashier)
        {
            _identity = identity;
        }

        /// <inheritdoc />
        public override void Start(int step) => C.Confirm.Ask(this, C.T(Texts.TitleHelp), C.T(Texts.HelpFooter));

        /// <inheritdoc />
        public override void DrawConfirmation()
        {
            IDisplay d = C.Display;
            int n = _identity.Fill();
            for (int i = 0; i < n; i++)
            {
                string line = _identity.Line(i);
                d.Write(2 + i, 1, Screens.TextBlock.Shorten(line, d.Columns - 1), i > 0 && line == C.MerchantName ? TextStyle.Bold : TextStyle.Normal);
            }
        }

        /// <inheritdoc />
        public override void OnConfirmed()
        {
            if (C.Spooler.Printing)
            {
                C.Status(C.T(Texts.PrintingTryAgain));
                return;
            }

            if (_identity.PrintHelpSlip())
            {
                C.Status(C.T(Texts.HelpPrinting));
            }
        }

        /// <inheritdoc />
        public override void OnCancelled() => C.GoIdle();
    }
}
