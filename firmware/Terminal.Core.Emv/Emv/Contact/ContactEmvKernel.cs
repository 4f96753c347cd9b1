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
    public sealed partial class ContactEmvKernel
    {
        private const int Sw9000 = 0x9000;

        // Bytes of the TVR and TSI the kernel keeps while it works (written to the store before each GENERATE AC).
        private const int TvrLength = 5;

        private readonly IContactReader _reader;
        private readonly IRandomSource _random;
        private readonly ContactKernelResult _result = new ContactKernelResult();
        private readonly EmvReadResult _card;
        private readonly byte[] _command = new byte[261];
        private readonly byte[] _response = new byte[300];
        private readonly byte[] _atr = new byte[33];
        private readonly byte[] _scratch = new byte[16];
        private readonly byte[] _unpredictable = new byte[4];
        private readonly byte[] _tvr = new byte[TvrLength];
        private readonly byte[] _tsi = new byte[2];
        private readonly byte[] _cvmResults = new byte[3];
        private byte[][] _supportedAids;
        private EmvTerminalData? _terminal;
        private Stage _stage;
        private int _responseLength;

        /// <summary>Creates the kernel over <paramref name="reader"/>; the unpredictable number (9F37) comes from <paramref name="random"/>.</summary>
        public ContactEmvKernel(IContactReader reader, IRandomSource random)
        {
            _reader = reader;
            _random = random;
            _card = new EmvReadResult(new EmvDataStore(2048, 96));
            _supportedAids = AcceptedAids.Default();
        }

        // Where the transaction stands, so that a step called out of order answers OutOfOrder instead of talking to the card.
        private enum Stage
        {
            Idle,
            Choosing,
            Online,
            Done,
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
        /// <see cref="SupportedAids"/> (EMV Book 1, 12.3). Outcome ChooseApplication when the cardholder must choose
        /// (several candidates, or one whose priority indicator 87 asks for confirmation); a lone candidate that
        /// needs no confirmation is selected at once and the outcome is that of <see cref="Select"/>. Else Failed
        /// (FallbackAllowed) or CardRemoved.
        /// </summary>
        public ContactKernelResult Begin(EmvTerminalData terminal)
        {
            WipeTransaction();
            _result.Reset();
            _terminal = terminal;
            int atr = _reader.PowerOn(_atr, 0, _atr.Length);
            if (atr < 0)
            {
                return FailReader(atr, "power on (ATR)", true);
            }

            _random.NextBytes(_unpredictable, 0, 4);
            if (!BuildCandidates())
            {
                return _result;
            }

            if (_candidateCount == 0)
            {
                return FailCard(EmvReadError.NoSupportedApplication, "no application on the card that this terminal accepts", true);
            }

            _stage = Stage.Choosing;
            return OfferCandidates();
        }

        /// <summary>
        /// Selects candidate <paramref name="index"/> and runs the transaction up to the first GENERATE AC:
        /// GPO, READ RECORD, processing restrictions, offline data authentication (not performed, as an online-only
        /// terminal), cardholder verification, terminal risk management and terminal action analysis. Outcome:
        /// GoOnline, DeclinedOffline, ChooseApplication (the candidate failed and was removed), Failed or CardRemoved.
        /// </summary>
        public ContactKernelResult Select(int index)
        {
            if (_stage != Stage.Choosing || _terminal == null)
            {
                return _result.Fail(EmvReadError.OutOfOrder, "Select before Begin, or after the application was chosen", false);
            }

            if (index < 0 || index >= _candidateCount)
            {
                return _result.Fail(EmvReadError.OutOfOrder, "no such candidate", false);
            }

            _result.ClearCandidates();
            return Process(index, _terminal);
        }

        /// <summary>
        /// Finishes an online transaction: <paramref name="decision"/> and the response code (F39, two characters;
        /// null or empty when the host was unreachable) and the answer's field 55 (issuer authentication data 91,
        /// scripts 71 and 72, 8A). Runs EXTERNAL AUTHENTICATE, scripts 71, the second GENERATE AC (TC when approved,
        /// AAC otherwise, an inquiry's answer included: <see cref="HostDecision.Inquiry"/>) and scripts 72. Outcome: Approved, Declined, DeclinedAfterApproval (reverse), Failed or
        /// CardRemoved (see <see cref="ContactKernelResult.ReversalRequired"/>).
        /// </summary>
        public ContactKernelResult Complete(HostDecision decision, string? responseCode, byte[]? field55, int offset, int length)
        {
            if (_stage != Stage.Online)
            {
                return _result.Fail(EmvReadError.OutOfOrder, "Complete without a card waiting for the host's answer", false);
            }

            return CompleteOnline(decision, responseCode, field55, offset, length);
        }

        /// <summary>
        /// Writes field 55 of <paramref name="message"/> from this transaction's data (the CUP tag list for a
        /// contact card, see <see cref="CupField55"/>); returns its length or -1 when it does not fit or the data
        /// is not there yet.
        /// </summary>
        public int BuildField55(CupIccMessage message, byte[] destination, int offset, int capacity) =>
            CupField55.Build(message, _card.Data, false, destination, offset, capacity);

        /// <summary>
        /// The slot reported the card gone: wipes everything. While a transaction is under way (after Begin asked for
        /// a choice, or while the card waits for the host's answer) the outcome becomes CardRemoved; a card taken out
        /// after the transaction ended (a final outcome, or after End) leaves the outcome as it was.
        /// </summary>
        public ContactKernelResult CardWithdrawn()
        {
            if (_stage != Stage.Choosing && _stage != Stage.Online)
            {
                WipeTransaction();
                return _result;
            }

            return Removed();
        }

        /// <summary>Powers the card off and wipes every buffer; safe to call twice. The result keeps its outcome.</summary>
        public void End()
        {
            _reader.PowerOff();
            WipeTransaction();
        }

        private void WipeTransaction()
        {
            _card.Wipe();
            Security.Wipe.Bytes(_response, 0, _response.Length);
            Security.Wipe.Bytes(_command, 0, _command.Length);
            Security.Wipe.Bytes(_atr, 0, _atr.Length);
            Security.Wipe.Bytes(_scratch, 0, _scratch.Length);
            Security.Wipe.Bytes(_candidateAids, 0, _candidateAids.Length);
            Security.Wipe.Bytes(_scriptResults, 0, _scriptResults.Length);
            _candidateCount = 0;
            _scriptCount = 0;
            _responseLength = 0;
            _stage = Stage.Idle;
        }

        // Sends _command[0..length) and checks the answer's size; false (result set) when the reader failed.
        private bool Exchange(int length, string step)
        {
            int n = _reader.Transceive(_command, 0, length, _response, 0, _response.Length);
            if (n < 0)
            {
                FailReader(n, step, _stage == Stage.Choosing || _stage == Stage.Idle);
                return false;
            }

            if (n < 2 || n > _response.Length)
            {
                FailCard(EmvReadError.MalformedData, step + ": answer shorter than a status word or longer than the buffer", _stage != Stage.Online && _stage != Stage.Done);
                return false;
            }

            _responseLength = n;
            _result.SetStatusWord(StatusWord);
            return true;
        }

        private int StatusWord => (_response[_responseLength - 2] << 8) | _response[_responseLength - 1];

        private ContactKernelResult FailReader(int status, string step, bool fallback)
        {
            _result.SetReaderStatus(status);
            if (status == ReaderStatus.NoCard)
            {
                return Removed();
            }

            return FailCard(EmvReadError.CardCommunication, step + ": " + ReaderStatusName(status), fallback);
        }

        // The card left mid-transaction: everything is wiped; a host approval already given must be reversed.
        private ContactKernelResult Removed()
        {
            bool approved = _result.HostApproved;
            WipeTransaction();
            _result.Fail(EmvReadError.CardRemoved, "card removed", false);
            _result.SetReversalRequired(approved);
            return _result;
        }

        // Ends the transaction at the card: card data is wiped, the result keeps the reason.
        private ContactKernelResult FailCard(int error, string reason, bool fallback)
        {
            bool approved = _result.HostApproved;
            WipeTransaction();
            _result.Fail(error, reason, fallback);
            _result.SetReversalRequired(approved);
            return _result;
        }

        private void PutTerminalData(EmvTerminalData terminal)
        {
            terminal.PutInto(_card.Data, _unpredictable);
            long floor = terminal.FloorLimit;
            for (int i = 3; i >= 0; i--)
            {
                _scratch[i] = (byte)floor;
                floor >>= 8;
            }

            _card.Data.Put(EmvTag.FloorLimit, _scratch, 0, 4);
            PutStatus();
        }

        // Writes the TVR, TSI and CVM results as they stand (same lengths each time: rewritten in place).
        private void PutStatus()
        {
            EmvDataStore store = _card.Data;
            store.Put(EmvTag.Tvr, _tvr, 0, TvrLength);
            store.Put(EmvTag.Tsi, _tsi, 0, 2);
            store.Put(EmvTag.CvmResults, _cvmResults, 0, 3);
        }

        private static string ReaderStatusName(int status)
        {
            switch (status)
            {
                case ReaderStatus.Timeout: return "card did not answer";
                case ReaderStatus.TransmissionError: return "transmission error";
                case ReaderStatus.ProtocolError: return "protocol error";
                case ReaderStatus.BufferTooSmall: return "answer too long";
                case ReaderStatus.ReaderFault: return "reader fault";
                default: return "reader status " + status.ToString();
            }
        }
    }
}
