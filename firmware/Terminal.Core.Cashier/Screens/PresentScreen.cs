using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Emv;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// "Insert, tap, swipe or scan" with the amount: the RF field on and the scanner armed. An inserted card starts
    /// the contact kernel (<see cref="ChipSale"/>); a swipe's track, a tap's EMV read or a scanned code is read into
    /// the engine's card buffers and handed to the sale; a bad read says why and waits for another. Chip first: the
    /// stripe of a chip card (service code 2xx or 6xx) is refused with "insert it" unless its chip failed in this sale,
    /// when the swipe goes as a fallback. CANCEL or the timeout abandons the sale.
    /// </summary>
    public sealed class PresentScreen : Screen
    {
        private readonly SaleFlow _sale;
        private readonly ContactlessEmvReader? _emv;
        private readonly EmvTerminalData _emvData = new EmvTerminalData();

        /// <summary>The card screen of <paramref name="sale"/>.</summary>
        public PresentScreen(Cashier cashier, SaleFlow sale)
            : base(cashier)
        {
            _sale = sale;
            if (cashier.Devices.Contactless != null && cashier.Devices.Random != null)
            {
                _emv = new ContactlessEmvReader(cashier.Devices.Contactless, cashier.Devices.Random);
            }
        }

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.PresentTimeoutMs;

        /// <inheritdoc />
        public override void Draw()
        {
            Title(_sale.Title);
            D.Write(3, 1, C.Amount.Display, TextStyle.Large);
            D.Write(6, 1, C.T(Texts.PresentHint1), TextStyle.Normal);
            D.Write(7, 1, C.T(Texts.PresentHint2), TextStyle.Normal);
            D.Write(9, 1, C.T(Texts.PresentHint3), TextStyle.Normal);
            Footer(C.T(Texts.FooterBack));
            D.Flush();
            C.Devices.Scanner?.Trigger();
            C.Field(true);
        }

        /// <inheritdoc />
        public override void Timeout()
        {
            C.GoIdle();
            C.Status(C.T(Texts.TimedOutNoCard));
        }

        /// <inheritdoc />
        public override bool Device(DeviceEvent e)
        {
            switch (e.Kind)
            {
                case EventKind.CardSwiped:
                    Swiped(e.Arg == 1);
                    return true;
                case EventKind.CardPresent:
                    Tapped();
                    return true;
                case EventKind.CardInserted:
                    _sale.Chip.Inserted();
                    return true;
                case EventKind.ScanComplete:
                    Scanned(e.Arg);
                    return true;
                default:
                    return false;
            }
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                C.GoIdle();
                C.Status(C.T(Texts.Cancelled));
            }
            else if (key >= KeyCode.Digit0 + TxnChannel.WeChat && key <= KeyCode.Digit0 + TxnChannel.UnionPayQr)
            {
                // 1 WeChat Pay, 2 Alipay, 3 UnionPay: show that wallet's code for the customer to scan (merchant-presented).
                C.Field(false);
                _sale.QrOrder(key - KeyCode.Digit0);
            }
        }

        private void Swiped(bool good)
        {
            IMagstripeReader? reader = C.Devices.Magstripe;
            if (reader == null)
            {
                return;
            }

            CardData data = C.Engine.Card;
            if (!good)
            {
                Refuse(Texts.CardNotRead);
                return;
            }

            data.Wipe();
            int n = reader.TakeTrack2(data.Track2, 0);
            data.Track2Length = n > 0 ? n : 0;
            string masked = data.MaskedPan();
            if (masked.Length == 0)
            {
                data.Wipe();
                Refuse(Texts.CardNotReadable);
                return;
            }

            int mode = EntryMode.Swipe;
            if (ChipStripe(data))
            {
                if (!_sale.Chip.FallbackAllowed)
                {
                    data.Wipe();
                    Refuse(Texts.InsertChipCard);
                    return;
                }

                mode = EntryMode.Fallback;
            }

            _sale.Card(mode, masked, data.TrackExpiry(), data.TrackRequiresPin());
        }

        // A stripe whose service code starts with 2 or 6 (ISO/IEC 7813: international or national card with a chip).
        private static bool ChipStripe(CardData data)
        {
            for (int i = 0; i < data.Track2Length; i++)
            {
                if (data.Track2[i] == (byte)'=' || data.Track2[i] == (byte)'D')
                {
                    int at = i + 5; // the separator, YYMM, then the service code
                    return at < data.Track2Length && (data.Track2[at] == (byte)'2' || data.Track2[at] == (byte)'6');
                }
            }

            return false;
        }

        private void Tapped()
        {
            if (_emv == null)
            {
                return;
            }

            _emvData.Date = C.Loop.Clock.WallTime;
            _emvData.Amount = C.Amount.Amount;
            _emvData.TransactionType = _sale.TransactionType;
            EmvReadResult read = _emv.Read(_emvData);
            if (!read.Succeeded)
            {
                read.Wipe();
                C.Beep(BuzzerTone.Decline);
                C.Status(C.F(Texts.CardReadFailed, read.Reason));
                return;
            }

            if (!TappedCard.Take(read, C.Engine.Card, out string masked, out int expiry))
            {
                Refuse(Texts.CardDataIncomplete);
                return;
            }

            _sale.Card(EntryMode.Contactless, masked, expiry, C.Amount.Amount > Cashier.ContactlessCvmLimit);
        }

        private void Scanned(int length)
        {
            IQrScanner? scanner = C.Devices.Scanner;
            if (scanner == null)
            {
                return;
            }

            CardData data = C.Engine.Card;
            data.Wipe();
            int n = length >= 0 ? scanner.TakeCode(data.Code, 0, data.Code.Length) : -1;
            scanner.Trigger();
            PaymentCodeKind kind = n > 0 ? PaymentCode.Classify(data.Code, 0, n) : PaymentCodeKind.Unknown;
            if (kind == PaymentCodeKind.Unknown)
            {
                data.Wipe();
                Refuse(n < 0 ? Texts.ScanFailed : Texts.NotAcceptedCode);
                return;
            }

            data.CodeLength = n;
            _sale.Code((int)kind, data.MaskedCode());
        }

        private void Refuse(int text)
        {
            C.Beep(BuzzerTone.Decline);
            C.Status(C.T(text));
        }
    }
}
