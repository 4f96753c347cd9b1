using Terminal.Hal;

namespace Terminal.Core.Emv
{
    /// <summary>
    /// The contact (ISO 7816) EMV kernel of an online-only attended terminal, in steps the event loop and the
    /// cashier can stand between: <see cref="Begin"/> (ATR, candidate list), <see cref="Select"/> (final
    /// selection through the first GENERATE AC), <see cref="Complete"/> (issuer authentication, scripts, second
    /// GENERATE AC) and <see cref="End"/> (power off, wipe). Each step is synchronous, returns the one reused
    /// <see cref="ContactKernelResult"/> and never throws on card input. Not an EMVCo-certified kernel: what it
    /// does and does not do is in docs/emv-contact.md.
    /// </summary>
    public sealed class ContactEmvKernel
    {
        private readonly IContactReader _reader;
        private readonly IRandomSource _random;
        private readonly ContactKernelResult _result = new ContactKernelResult();
        private readonly EmvReadResult _card;
        private byte[][] _supportedAids;

        /// <summary>Creates the kernel over <paramref name="reader"/>; the unpredictable number (9F37) comes from <paramref name="random"/>.</summary>
        public ContactEmvKernel(IContactReader reader, IRandomSource random)
        {
            _reader = reader;
            _random = random;
            _card = new EmvReadResult(new EmvDataStore(2048, 96));
            _supportedAids = new byte[][]
            {
                new byte[] { 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01 }, // UnionPay (debit, credit, quasi-credit)
                new byte[] { 0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10 }, // Visa
                new byte[] { 0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10 }, // Mastercard
            };
        }

        /// <summary>AIDs this terminal accepts; each also matches a longer card AID that starts with it (partial selection).</summary>
        public byte[][] SupportedAids
        {
            get => _supportedAids;
            set => _supportedAids = value;
        }

        /// <summary>The result of the last step.</summary>
        public ContactKernelResult Result => _result;

        /// <summary>
        /// The card's and terminal's data objects of this transaction, read through the same methods as a tap
        /// (CopyPan, CopyTrack2, MaskedPan, ExpiryYymm); its own Error stays <see cref="EmvReadError.None"/>:
        /// the kernel's verdict is <see cref="Result"/>.
        /// </summary>
        public EmvReadResult Card => _card;

        /// <summary>
        /// Powers the card (ATR) and builds the candidate list from the PSE (1PAY.SYS.DDF01) or, without one, from
        /// <see cref="SupportedAids"/>. Outcome: ChooseApplication (call <see cref="Select"/>, with index 0 when
        /// <see cref="ContactKernelResult.CandidateCount"/> is 1 and no confirmation is needed the caller may go
        /// straight on), or Failed / CardRemoved.
        /// </summary>
        public ContactKernelResult Begin(EmvTerminalData terminal)
        {
            _result.Reset();
            return _result.Fail(EmvReadError.OutOfOrder, "contact kernel: not built yet", false);
        }

        /// <summary>
        /// Selects candidate <paramref name="index"/> and runs the transaction up to the first GENERATE AC:
        /// GPO, READ RECORD, processing restrictions, offline data authentication (not performed, as an online-only
        /// terminal), cardholder verification, terminal risk management and terminal action analysis. Outcome:
        /// GoOnline, DeclinedOffline, ChooseApplication (the candidate failed and was removed), Failed or CardRemoved.
        /// </summary>
        public ContactKernelResult Select(int index)
        {
            return _result.Fail(EmvReadError.OutOfOrder, "contact kernel: not built yet", false);
        }

        /// <summary>
        /// Finishes an online transaction: <paramref name="decision"/> and the response code (F39, two characters;
        /// null or empty when the host was unreachable) and the answer's field 55 (issuer authentication data 91,
        /// scripts 71 and 72, 8A). Runs scripts 71, EXTERNAL AUTHENTICATE, the second GENERATE AC (TC when approved,
        /// AAC otherwise) and scripts 72. Outcome: Approved, Declined, DeclinedAfterApproval (reverse), Failed or
        /// CardRemoved.
        /// </summary>
        public ContactKernelResult Complete(HostDecision decision, string? responseCode, byte[]? field55, int offset, int length)
        {
            return _result.Fail(EmvReadError.OutOfOrder, "contact kernel: not built yet", false);
        }

        /// <summary>
        /// Writes field 55 of <paramref name="message"/> from this transaction's data (the CUP tag list for a
        /// contact card, see <see cref="CupField55"/>); returns its length or -1 when it does not fit or the data
        /// is not there yet.
        /// </summary>
        public int BuildField55(CupIccMessage message, byte[] destination, int offset, int capacity) =>
            CupField55.Build(message, _card.Data, false, destination, offset, capacity);

        /// <summary>The slot reported the card gone: wipes everything and answers CardRemoved.</summary>
        public ContactKernelResult CardWithdrawn()
        {
            Wipe();
            return _result.Fail(EmvReadError.CardRemoved, "card removed", false);
        }

        /// <summary>Powers the card off and wipes every buffer; safe to call twice. The result keeps its outcome.</summary>
        public void End()
        {
            _reader.PowerOff();
            Wipe();
        }

        private void Wipe()
        {
            _card.Wipe();
        }
    }
}
