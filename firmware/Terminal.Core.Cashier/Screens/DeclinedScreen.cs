using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// A transaction that did not go through: declined by the host, or reversed when the host did not answer. Either
    /// way the cashier sees what was asked (kind, amount, masked card) and why; any key continues.
    /// </summary>
    public sealed class DeclinedScreen : Screen
    {
        private TxnEntry? _entry;
        private string _message = string.Empty;
        private int _title = Texts.TitleDeclined;

        /// <summary>The decline screen of <paramref name="cashier"/>'s terminal.</summary>
        public DeclinedScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.MessageTimeoutMs;

        /// <summary>Shows <paramref name="e"/> declined with the host's <paramref name="message"/>.</summary>
        public void Show(TxnEntry e, string message) => Show(e, message, Texts.TitleDeclined);

        /// <summary>
        /// Shows <paramref name="e"/> under <paramref name="title"/> (<see cref="Texts.TitleDeclined"/> or
        /// <see cref="Texts.TitleNotCompleted"/>) with <paramref name="message"/>.
        /// </summary>
        public void Show(TxnEntry e, string message, int title)
        {
            C.Beep(BuzzerTone.Decline);
            _entry = e;
            _title = title;
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

            Title(C.T(_title));
            if (_title == Texts.TitleDeclined)
            {
                D.Write(3, 1, C.T(Texts.Declined), TextStyle.Large);
            }

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
