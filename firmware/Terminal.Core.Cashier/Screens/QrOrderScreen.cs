using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.QrCode;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The merchant-presented QR order on the display: the amount, the order's code URL as a QR code (4 x 4 pixel
    /// modules, 4 modules of quiet zone), which wallet to scan it with and the seconds left. The engine's order flow
    /// ticks the countdown once a second (nothing allocated per tick); CANCEL closes the order.
    /// </summary>
    public sealed class QrOrderScreen : Screen, IQrOrderDisplay
    {
        /// <summary>First row of the code.</summary>
        public const int CodeRow = 2;

        /// <summary>Rows the code may take (rows 2 to 12).</summary>
        public const int CodeRows = 11;

        private const int HintRow = CodeRow + CodeRows;
        private const int CountdownRow = HintRow + 1;

        private readonly QrCodeView _code = new QrCodeView();
        private readonly string[] _digits = new string[10];
        private readonly byte[] _url = new byte[QrEncoder.Capacity(QrEncoder.MaxVersion, QrEccLevel.L)];
        private TxnEntry? _order;
        private int _secondsLeft;
        private int _countdownColumn;

        /// <summary>The QR order screen of <paramref name="cashier"/>'s terminal.</summary>
        public QrOrderScreen(Cashier cashier)
            : base(cashier)
        {
            for (int i = 0; i < 10; i++)
            {
                _digits[i] = ((char)('0' + i)).ToString();
            }
        }

        /// <summary>The code drawn (its version and mask: the last order's).</summary>
        public QrCodeView Code => _code;

        /// <inheritdoc />
        public override int TimeoutMs => 0;

        /// <inheritdoc />
        public void ShowOrder(TxnEntry order, string codeUrl, int secondsLeft)
        {
            _order = order;
            _secondsLeft = secondsLeft;
            int n = codeUrl.Length < _url.Length ? codeUrl.Length : _url.Length;
            for (int i = 0; i < n; i++)
            {
                _url[i] = (byte)codeUrl[i];
            }

            if (!_code.Set(_url, 0, n, CodeRows))
            {
                C.Status(C.T(Texts.QrOrderStillOpen));
            }

            C.Beep(BuzzerTone.Click);
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public void Tick(int secondsLeft)
        {
            if (C.Nav.Current != this)
            {
                return;
            }

            _secondsLeft = secondsLeft;
            DrawCountdown();
            D.Flush();
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(C.T(Texts.TitleScanToPay));
            TxnEntry? e = _order;
            if (e != null)
            {
                D.Write(1, 1, Money.FormatCny(e.Amount), TextStyle.Bold);
                _code.Draw(D, CodeRow, (D.Columns - _code.Columns) / 2);
                Line(HintRow, C.F(Texts.QrScanWith, TxnChannel.Text(e.Channel, C.Lang)), TextStyle.Normal);
            }

            string label = C.T(Texts.QrTimeLeft);
            D.Write(CountdownRow, 1, label, TextStyle.Normal);
            _countdownColumn = 2 + Texts.Width(label);
            DrawCountdown();
            Footer(C.T(Texts.QrFooterCancel));
            D.Flush();
        }

        /// <inheritdoc />
        public override void Timeout()
        {
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (key == KeyCode.Cancel && C.Engine.CancelQrOrder())
            {
                C.Status(C.T(Texts.QrClosingOrder));
            }
        }

        // Three digits, blank-padded, from the cached digit strings: no allocation per tick.
        private void DrawCountdown()
        {
            int s = _secondsLeft > 999 ? 999 : _secondsLeft < 0 ? 0 : _secondsLeft;
            int col = _countdownColumn;
            D.Write(CountdownRow, col, s >= 100 ? _digits[s / 100] : " ", TextStyle.Bold);
            D.Write(CountdownRow, col + 1, s >= 10 ? _digits[(s / 10) % 10] : " ", TextStyle.Bold);
            D.Write(CountdownRow, col + 2, _digits[s % 10], TextStyle.Bold);
        }
    }
}
