using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// An approved sale, void or refund: APPROVED once, the amount, auth code, invoice and masked card, and the
    /// customer-copy question (the merchant copy is already printing). ENTER prints the customer copy, F1 prints it
    /// with the e-invoice QR code (a sale or a pre-auth completion), CANCEL or the timeout prints none.
    /// </summary>
    public sealed class ApprovedScreen : Screen
    {
        private TxnEntry? _entry;

        /// <summary>The approval screen of <paramref name="cashier"/>'s terminal.</summary>
        public ApprovedScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>The transaction on the screen (null when none).</summary>
        public TxnEntry? Entry => _entry;

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.CustomerCopyTimeoutMs;

        /// <summary>Shows <paramref name="e"/> approved and prints its merchant copy.</summary>
        public void Show(TxnEntry e)
        {
            C.Beep(BuzzerTone.Approve);
            _entry = e;
            C.Nav.Show(this);
            C.Spooler.PrintReceipt(e, 1, false, false);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            TxnEntry? e = _entry;
            if (e == null)
            {
                return;
            }

            Title(TxnKind.Text(e.Kind, C.Lang));
            D.Write(3, 1, C.T(Texts.Approved), TextStyle.Large);
            D.Write(6, 1, Money.FormatCny(e.Amount), TextStyle.Bold);
            D.Write(7, 1, C.F(Texts.AuthInvoice, e.AuthCode, DigitText.Fixed(e.Invoice, 6)), TextStyle.Normal);
            D.Write(8, 1, e.MaskedPan, TextStyle.Normal);
            D.Write(12, 1, C.T(Texts.CustomerCopyQuestion), TextStyle.Bold);
            if (EInvoice.Carries(e))
            {
                D.Write(13, 1, C.T(Texts.F1EInvoice), TextStyle.Normal);
            }

            Footer(C.T(Texts.FooterYesNo));
            D.Flush();
        }

        /// <inheritdoc />
        public override void Timeout()
        {
            // No answer: no customer copy.
            _entry = null;
            C.GoIdle();
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            TxnEntry? e = _entry;
            _entry = null;
            if ((key == KeyCode.Enter || key == KeyCode.F1) && e != null)
            {
                // F1: the customer copy also carries the e-invoice claim QR code.
                C.Spooler.PrintReceipt(e, 2, false, key == KeyCode.F1);
            }

            C.GoIdle();
        }
    }
}
