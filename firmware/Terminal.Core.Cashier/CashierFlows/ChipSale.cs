using Terminal.Core.App;
using Terminal.Core.Emv;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Core.Screens;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// The inserted card of a sale, a pre-authorization or a balance inquiry (9C 00, 03 or 31), on the contact EMV kernel: application selection (the cardholder chooses when
    /// several match), the card's processing up to its first GENERATE AC, then the sale with the online PIN when the
    /// card's CVM asks for it; once the host has answered, the engine completes the card through this object
    /// (<see cref="IChipCompletion"/>). A chip that cannot be used (no ATR, no common application, a read error)
    /// allows a fallback swipe for the rest of this sale (chip-first rule, docs/emv-contact.md). A card pulled before
    /// the request went ends the sale with nothing sent; pulled while the host answers, the engine reverses an
    /// approval. At the end the card is powered off and the cashier asked to remove it.
    /// </summary>
    public sealed class ChipSale : IChipCompletion
    {
        private readonly Cashier C;
        private readonly SaleFlow _sale;
        private readonly ContactEmvKernel? _kernel;
        private readonly EmvTerminalData _data = new EmvTerminalData();
        private readonly ChipData _chip = new ChipData();
        private readonly ApplicationScreen _choose;
        private bool _active;
        private bool _online;
        private bool _withdrawn;
        private bool _fallbackAllowed;

        /// <summary>The inserted card of <paramref name="sale"/>; without a contact reader (or random source) it stays inactive.</summary>
        public ChipSale(Cashier cashier, SaleFlow sale)
        {
            C = cashier;
            _sale = sale;
            _choose = new ApplicationScreen(cashier, this);
            if (cashier.Devices.Contact != null && cashier.Devices.Random != null)
            {
                _kernel = new ContactEmvKernel(cashier.Devices.Contact, cashier.Devices.Random);
            }
        }

        /// <summary>Whether this sale may take a chip card's stripe: its chip failed in this sale.</summary>
        public bool FallbackAllowed => _fallbackAllowed;

        /// <summary>Whether a card is being worked on (from its insertion until the sale's end).</summary>
        public bool Active => _active;

        /// <summary>The candidates' names while the cardholder chooses.</summary>
        public ContactKernelResult? Result => _kernel?.Result;

        /// <summary>A new sale: no card, no fallback.</summary>
        public void Reset()
        {
            End();
            _fallbackAllowed = false;
        }

        /// <summary>A card went into the slot on the present-card screen: the kernel starts.</summary>
        public void Inserted()
        {
            if (_kernel == null || _active)
            {
                return;
            }

            _active = true;
            _online = false;
            _withdrawn = false;
            C.ShowBusy(C.T(Texts.ChipReading));
            TerminalIdentity? identity = C.Store.Identity;
            _data.Date = C.Loop.Clock.WallTime;
            _data.Amount = C.Amount.Amount;
            _data.TransactionType = _sale.TransactionType;
            _data.TransactionSequenceCounter = C.Store.NextInvoice;
            string serial = identity != null ? identity.TerminalId : string.Empty;
            for (int i = 0; i < 8; i++)
            {
                _data.IfdSerialNumber[i] = (byte)(i < serial.Length ? serial[i] : '0');
            }

            Handle(_kernel.Begin(_data));
        }

        /// <summary>The cardholder chose candidate <paramref name="index"/>.</summary>
        public void Chosen(int index)
        {
            if (_kernel != null && _active)
            {
                C.ShowBusy(C.T(Texts.ChipReading));
                Handle(_kernel.Select(index));
            }
        }

        /// <summary>The cardholder cancelled the choice: nothing sent, the card is powered off.</summary>
        public void Abandon(string why)
        {
            End();
            C.Beep(BuzzerTone.Decline);
            C.GoIdle();
            C.Status(why);
        }

        /// <summary>
        /// The slot reported the card gone. Before the request: the sale ends, nothing sent. While the host answers:
        /// remembered, and the engine's completion finds the card gone (an approval is then reversed). After the end:
        /// the "remove card" notice is done.
        /// </summary>
        public bool Withdrawn()
        {
            if (_kernel == null)
            {
                return false;
            }

            if (!_active)
            {
                return true; // the card taken out at the end, as asked
            }

            _kernel.CardWithdrawn();
            _withdrawn = true;
            if (_online)
            {
                return true;
            }

            C.Engine.Card.Wipe();
            _sale.DropPin();
            Abandon(C.T(Texts.CardRemovedCancelled));
            return true;
        }

        /// <inheritdoc />
        public int Complete(int answer, string responseCode, byte[] field55, int offset, int length, ChipData result)
        {
            _online = false;
            if (_kernel == null || _withdrawn)
            {
                return ChipCompletion.CardRemoved;
            }

            HostDecision decision = answer == HostAnswer.Approved ? HostDecision.Approved
                : answer == HostAnswer.Declined ? HostDecision.Declined
                : answer == HostAnswer.Inquiry ? HostDecision.Inquiry : HostDecision.Unreachable;
            ContactKernelResult r = _kernel.Complete(decision, responseCode, field55, offset, length);
            InsertedCard.TakeCompletion(_kernel.Card.Data, result);
            switch (r.Outcome)
            {
                case ContactOutcome.Approved:
                    return ChipCompletion.Approved;
                case ContactOutcome.Declined:
                    return ChipCompletion.Declined;
                case ContactOutcome.DeclinedAfterApproval:
                    return ChipCompletion.DeclinedAfterApproval;
                case ContactOutcome.CardRemoved:
                    _withdrawn = true;
                    return ChipCompletion.CardRemoved;
                default:
                    return ChipCompletion.Failed;
            }
        }

        /// <summary>The sale ended (whatever its outcome): the card is powered off and, if still in, the cashier asked to remove it.</summary>
        public void Finish()
        {
            if (!_active)
            {
                return;
            }

            bool stillIn = !_withdrawn && C.Devices.Contact != null && C.Devices.Contact.CardPresent;
            End();
            if (stillIn)
            {
                C.Beep(BuzzerTone.Attention);
                C.Nav.Notice(C.T(Texts.RemoveCard));
            }
        }

        /// <summary>The sale went to the engine with the card's request: from now on a withdrawal waits for the completion.</summary>
        public void WentOnline() => _online = true;

        private void End()
        {
            _active = false;
            _online = false;
            _kernel?.End();
        }

        private void Handle(ContactKernelResult r)
        {
            switch (r.Outcome)
            {
                case ContactOutcome.ChooseApplication:
                    _choose.Ask(r);
                    return;
                case ContactOutcome.GoOnline:
                    GoOnline(r);
                    return;
                case ContactOutcome.DeclinedOffline:
                    Abandon(C.T(Texts.ChipDeclinedOffline));
                    return;
                case ContactOutcome.CardRemoved:
                    _withdrawn = true;
                    Abandon(C.T(Texts.CardRemovedCancelled));
                    return;
                default:
                    Failed(r);
                    return;
            }
        }

        // The chip could not be used: with CUP's fallback allowed, back to the present-card screen for a swipe.
        private void Failed(ContactKernelResult r)
        {
            End();
            C.Beep(BuzzerTone.Decline);
            if (r.FallbackAllowed)
            {
                _fallbackAllowed = true;
                _sale.PresentAgain(C.T(Texts.ChipFailedSwipe));
                return;
            }

            C.GoIdle();
            C.Status(C.F(Texts.ChipFailed, r.Reason));
        }

        private void GoOnline(ContactKernelResult r)
        {
            EmvReadResult card = _kernel!.Card;
            CardData data = C.Engine.Card;
            data.Wipe();
            int pan = card.CopyPan(data.Pan, 0);
            data.PanLength = pan > 0 ? pan : 0;
            int icc = _kernel.BuildField55(CupIccMessage.Request, data.Icc, 0, data.Icc.Length);
            data.IccLength = icc > 0 ? icc : 0;
            string masked = card.MaskedPan();
            if (data.PanLength == 0 || data.IccLength == 0 || masked.Length == 0)
            {
                data.Wipe();
                Failed(r);
                return;
            }

            _chip.Label = string.Empty;
            InsertedCard.TakeOnline(card.Data, _chip);
            int expiry = card.ExpiryYymm;
            _sale.ChipCard(_chip, masked, expiry > 0 ? expiry : 0, r.OnlinePinRequired);
        }
    }
}
