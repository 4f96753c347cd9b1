using Terminal.Core.App;
using Terminal.Core.Emv;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Screens;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// A sale: the amount (or an item sale's total), then an inserted chip card (<see cref="ChipSale"/>), a swipe, a
    /// tap or a scanned code, the online PIN when the card asks for one (a PIN-required track, a tap above the
    /// contactless CVM limit, a chip whose CVM list says online PIN), the host's answer, and the approved screen with
    /// the receipts or the declined screen. The card stays in the engine's buffers until the request is packed.
    /// </summary>
    public sealed class SaleFlow : Flow
    {
        /// <summary>Step: a sale (the idle screen's amount).</summary>
        public const int SaleStep = 0;

        /// <summary>Step: a pre-authorization (预授权): the same card entry, PIN and chip path; the host holds instead of charging.</summary>
        public const int PreAuthStep = 1;

        /// <summary>Step: a balance inquiry (余额查询): no amount, a bank card and always its PIN; the balance is shown, never printed.</summary>
        public const int BalanceStep = 2;

        private readonly AmountScreen _amount;
        private readonly PresentScreen _present;
        private readonly PinScreen _pin;
        private readonly ChipSale _chip;
        private readonly QrOrderScreen _qrOrder;
        private readonly PikCipher _pikCipher;
        private readonly DukptCipher _dukptCipher;
        private readonly TxnEntry _template = new TxnEntry();
        private readonly byte[] _pinPan = new byte[19];
        private SaleItems? _items;
        private int _pinMode;
        private string _pinMasked = string.Empty;
        private int _pinExpiry;
        private ChipData? _pinChip;
        private int _step;

        /// <summary>The sale of <paramref name="cashier"/>'s terminal, on the shared amount screen.</summary>
        public SaleFlow(Cashier cashier, AmountScreen amount)
            : base(cashier)
        {
            _amount = amount;
            _present = new PresentScreen(cashier, this);
            _pin = new PinScreen(cashier, this);
            _chip = new ChipSale(cashier, this);
            _qrOrder = new QrOrderScreen(cashier);
            _pikCipher = new PikCipher(cashier.Keys, cashier.Crypto);
            _dukptCipher = new DukptCipher(cashier.Keys, cashier.Crypto);
        }

        /// <summary>The inserted card of this sale.</summary>
        public ChipSale Chip => _chip;

        /// <summary>Whether the PIN screen is waiting for the cardholder.</summary>
        public bool AwaitingPin => C.Nav.Current == _pin;

        /// <summary>The title of the card screen: SALE, PRE-AUTH or BALANCE.</summary>
        public string Title => C.T(_step == PreAuthStep ? Texts.KindPreAuth : _step == BalanceStep ? Texts.KindBalance : Texts.KindSale);

        /// <summary>What the card is told this is (9C, the first two digits of the request's F3): goods, a pre-authorization or a balance inquiry.</summary>
        public int TransactionType => _step == PreAuthStep ? EmvTerminalData.PreAuthorization : _step == BalanceStep ? EmvTerminalData.BalanceInquiry : EmvTerminalData.Goods;

        /// <inheritdoc />
        public override void Start(int step)
        {
            _items = null;
            _step = step;
            NewCard();
            if (step == BalanceStep)
            {
                C.Amount.Set(0);
                C.Nav.Show(_present);
                return;
            }

            _amount.Ask(this, step == PreAuthStep ? TxnKind.PreAuth : TxnKind.Sale);
        }

        /// <summary>A digit at the idle screen: the amount screen, with that digit keyed.</summary>
        public void StartWithDigit(int key)
        {
            Start(SaleStep);
            _amount.Press(key);
        }

        /// <summary>An item sale's lines: their total is the amount, and the card is asked.</summary>
        public void Present(SaleItems items)
        {
            _step = SaleStep;
            _items = items;
            NewCard();
            C.Amount.Set(items.Total);
            C.Nav.Show(_present);
        }

        /// <inheritdoc />
        public override void OnConfirmed() => C.Nav.Show(_present);

        /// <summary>Back to the present-card screen, saying <paramref name="why"/> (a chip that failed: swipe now).</summary>
        public void PresentAgain(string why)
        {
            C.Nav.Show(_present);
            C.Status(why);
        }

        /// <summary>
        /// The inserted card asked to go online: the engine's buffers hold its PAN and request field 55,
        /// <paramref name="chip"/> the first GENERATE AC's data; the PIN first when the card's CVM says online PIN.
        /// </summary>
        public void ChipCard(ChipData chip, string masked, int expiry, bool needsPin)
        {
            _pinChip = chip;
            Card(EntryMode.Inserted, masked, expiry, needsPin);
        }

        /// <summary>The card left the slot while its PIN was keyed: the digits are wiped.</summary>
        public void DropPin() => _pin.Pin.Wipe();

        /// <summary>A card was read into the engine's buffers: the PIN first when <paramref name="needsPin"/>, else the sale.</summary>
        public void Card(int mode, string masked, int expiry, bool needsPin)
        {
            if (mode != EntryMode.Inserted)
            {
                _pinChip = null;
            }

            if (!needsPin && _step != BalanceStep)
            {
                Send(TxnChannel.Card, mode, masked, expiry);
                return;
            }

            if (!_dukptCipher.HasKey && !_pikCipher.HasKey)
            {
                C.Engine.Card.Wipe();
                _chip.Finish();
                C.Beep(BuzzerTone.Decline);
                C.ShowMessage(C.T(Texts.TitlePinNeeded), C.T(Texts.NoPinKey));
                return;
            }

            _pinMode = mode;
            _pinMasked = masked;
            _pinExpiry = expiry;
            _pin.Ask(masked);
        }

        /// <summary>A payment code was scanned into the engine's buffers.</summary>
        public void Code(int channel, string masked) => Send(channel, EntryMode.Qr, masked, 0);

        /// <summary>The screen that shows a QR order's code.</summary>
        public QrOrderScreen QrOrderScreen => _qrOrder;

        /// <summary>
        /// A merchant-presented QR order for <paramref name="channel"/>'s wallet (keys 1-3 on the present screen): the
        /// engine asks the host for the order, then <see cref="QrOrderScreen"/> shows its code until it is paid or closed.
        /// </summary>
        public void QrOrder(int channel)
        {
            _template.Clear();
            _template.Kind = TxnKind.Sale;
            _template.Channel = channel;
            _template.Mode = EntryMode.QrOrder;
            _template.Amount = C.Amount.Amount;
            _template.Items = _items;
            C.Beep(BuzzerTone.Click);
            C.ShowBusy(TxnChannel.Text(channel, C.Lang) + " " + C.Amount.Display);
            C.Engine.QrOrder(_template, _qrOrder, Observer);
        }

        /// <summary>ENTER on the PIN screen: the PIN block sealed under the DUKPT or PIK key, then the sale.</summary>
        public void OnPinEntered()
        {
            CardData data = C.Engine.Card;
            int panLength = data.CopyPan(_pinPan, 0);
            if (panLength < 13)
            {
                // Another swipe or scan while the PIN was keyed drained the card buffers.
                Wipe.Bytes(_pinPan, 0, _pinPan.Length);
                AbandonPin(C.T(Texts.CardDataLost));
                return;
            }

            IPinBlockCipher cipher = _dukptCipher.HasKey ? _dukptCipher : _pikCipher;
            int ksn = _pin.Pin.Seal(_pinPan, 0, panLength, cipher, data.PinBlock, 0, data.Ksn, 0);
            Wipe.Bytes(_pinPan, 0, _pinPan.Length);
            if (ksn < 0)
            {
                AbandonPin(C.T(Texts.PinNotEncrypted));
                return;
            }

            data.PinBlockLength = 8;
            data.KsnLength = ksn;
            Send(TxnChannel.Card, _pinMode, _pinMasked, _pinExpiry);
        }

        /// <summary>The PIN was not given: nothing is sent, the card is wiped.</summary>
        public void AbandonPin(string why)
        {
            _pin.Pin.Wipe();
            C.Engine.Card.Wipe();
            C.Beep(BuzzerTone.Decline);
            C.GoIdle();
            C.Status(why);
            _chip.Finish();
        }

        /// <inheritdoc />
        public override void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            _items = null;
            _pinChip = null;
            if (_step == BalanceStep && result == Terminal.Core.Flows.PaymentResult.Approved)
            {
                // Shown only: a balance is never printed (and the slip would carry the card).
                C.Beep(BuzzerTone.Approve);
                C.ShowMessage(C.T(Texts.BalanceTitle), message);
            }
            else
            {
                base.OnPaymentDone(result, message, entry);
            }

            _chip.Finish();
        }

        // A new sale: no card in hand, no fallback allowed yet; the slot's withdrawals come to this sale's card.
        private void NewCard()
        {
            _chip.Reset();
            _pinChip = null;
            C.Nav.Slot = _chip;
        }

        private void Send(int channel, int mode, string masked, int expiry)
        {
            _template.Clear();
            _template.Kind = _step == PreAuthStep ? TxnKind.PreAuth : TxnKind.Sale;
            _template.Channel = channel;
            _template.Mode = mode;
            _template.Amount = C.Amount.Amount;
            _template.MaskedPan = masked;
            _template.ExpiryYymm = expiry;
            _template.Items = _items;
            _template.Chip = mode == EntryMode.Inserted ? _pinChip : null;
            C.Beep(BuzzerTone.Click);
            C.ShowBusy((channel == TxnChannel.Card ? masked : TxnChannel.Text(channel, C.Lang)) + " " + C.Amount.Display);
            IChipCompletion? chip = null;
            if (_template.Chip != null)
            {
                _chip.WentOnline();
                chip = _chip;
            }

            if (_step == BalanceStep)
            {
                // An inserted card is completed after the answer (an AAC: an inquiry charges nothing), then powered off.
                C.Engine.Balance(_template, chip, Observer);
                return;
            }

            if (_step == PreAuthStep)
            {
                C.Engine.PreAuth(_template, chip, Observer);
                return;
            }

            C.Engine.Sale(_template, chip, Observer);
        }
    }
}
