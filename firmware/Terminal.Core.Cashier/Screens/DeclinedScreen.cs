using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>A declined transaction: what was asked (kind, amount, masked card) and why the host said no; any key continues.</summary>
    public sealed class DeclinedScreen : Screen
    {
        private TxnEntry? _entry;
        private string _message = string.Empty;

        /// <summary>The decline screen of <paramref name="cashier"/>'s terminal.</summary>
        public DeclinedScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.MessageTimeoutMs;

        /// <summary>Shows <paramref name="e"/> declined with the host's <paramref name="message"/>.</summary>
        public void Show(TxnEntry e, string message)
        {
            C.Beep(BuzzerTone.Decline);
            _entry = e;
            _message = message;
            C.Nav.LastMessage = message;
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            TxnEntry? e = _entry;
            if (e == null)
            {
                return;
            }

            Title(C.T(Texts.TitleDeclined));
            D.Write(3, 1, C.T(Texts.Declined), TextStyle.Large);
            D.Write(6, 1, TxnKind.Text(e.Kind, C.Lang) + "  " + Money.FormatCny(e.Amount), TextStyle.Bold);
            Line(7, e.MaskedPan.Length > 0 ? e.MaskedPan : TxnChannel.Text(e.Channel, C.Lang), TextStyle.Normal);
            Lines(9, _message, 3, TextStyle.Normal);
            Footer(C.T(Texts.FooterContinue));
            D.Flush();
        }

        /// <inheritdoc />
        public override void Timeout()
        {
            _entry = null;
            C.GoIdle();
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            _entry = null;
            C.GoIdle();
        }
    }
}
