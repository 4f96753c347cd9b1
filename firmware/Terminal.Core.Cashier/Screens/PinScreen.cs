using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>The cardholder's online PIN: the amount and the masked card, the digits as stars; ENTER seals it for the sale.</summary>
    public sealed class PinScreen : Screen
    {
        private readonly SaleFlow _sale;
        private readonly PinEntry _pin = new PinEntry();
        private string _masked = string.Empty;

        /// <summary>The PIN screen of <paramref name="sale"/>.</summary>
        public PinScreen(Cashier cashier, SaleFlow sale)
            : base(cashier)
        {
            _sale = sale;
        }

        /// <summary>The PIN being keyed.</summary>
        public PinEntry Pin => _pin;

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.PinTimeoutMs;

        /// <summary>Asks the PIN for the card <paramref name="masked"/>.</summary>
        public void Ask(string masked)
        {
            _masked = masked;
            _pin.Wipe();
            C.Beep(BuzzerTone.Attention);
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(C.T(Texts.TitleEnterPin));
            D.Write(2, 1, C.Amount.Display, TextStyle.Large);
            D.Write(5, 1, _masked, TextStyle.Normal);
            D.Write(7, 1, C.T(Texts.PinPrompt), TextStyle.Normal);
            D.Write(8, 1, _pin.Masked, TextStyle.Large);
            Footer(C.T(Texts.FooterPin));
            D.Flush();
        }

        /// <inheritdoc />
        public override void Timeout() => _sale.AbandonPin(C.T(Texts.TimedOutNoPin));

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            switch (_pin.Key(key))
            {
                case PinEntryResult.Changed:
                    C.Nav.Redraw();
                    return;
                case PinEntryResult.Refused:
                    C.Beep(BuzzerTone.Attention);
                    C.Status(C.T(_pin.Length < PinBlock.MinPinLength ? Texts.PinTooShort : Texts.PinTooLong));
                    return;
                case PinEntryResult.Cancelled:
                    _sale.AbandonPin(C.T(Texts.PinCancelled));
                    return;
                case PinEntryResult.Confirmed:
                    _sale.OnPinEntered();
                    return;
                default:
                    return;
            }
        }
    }
}
