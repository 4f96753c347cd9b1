namespace Terminal.Core.Emv
{
    /// <summary>
    /// The answer of one <see cref="ContactEmvKernel"/> step: an outcome, and on failure an error with a reason
    /// (never card data). The kernel reuses one instance; read it before the next step.
    /// </summary>
    public sealed class ContactKernelResult
    {
        /// <summary>Most applications one choice offers (a PSE directory or the terminal's AID list).</summary>
        public const int MaxCandidates = 8;

        private readonly string[] _labels = new string[MaxCandidates];

        internal ContactKernelResult()
        {
            Reason = string.Empty;
        }

        /// <summary>What the caller does next.</summary>
        public ContactOutcome Outcome { get; private set; }

        /// <summary>An <see cref="EmvReadError"/> code when <see cref="Outcome"/> is Failed or CardRemoved; else <see cref="EmvReadError.None"/>.</summary>
        public int Error { get; private set; }

        /// <summary>Why the step ended as it did, for the display and the log (never card data).</summary>
        public string Reason { get; private set; }

        /// <summary>The last status word the card answered (0 when no APDU was answered).</summary>
        public int StatusWord { get; private set; }

        /// <summary>The <see cref="Terminal.Hal.ReaderStatus"/> when the reader failed, else 0.</summary>
        public int ReaderStatus { get; private set; }

        /// <summary>
        /// True when the chip could not be used before any cryptogram was made (no ATR, unreadable card, no
        /// application in common): CUP then allows a fallback swipe, marked in F22 and F60.
        /// </summary>
        public bool FallbackAllowed { get; private set; }

        /// <summary>Applications the cardholder chooses among (when <see cref="Outcome"/> is ChooseApplication).</summary>
        public int CandidateCount { get; private set; }

        /// <summary>
        /// The name of candidate <paramref name="index"/> for the chooser: the application preferred name (9F12)
        /// when the terminal can show its code table, else the application label (50), else the AID in hex.
        /// </summary>
        public string CandidateLabel(int index) => index >= 0 && index < CandidateCount ? _labels[index] : string.Empty;

        /// <summary>The cardholder verification the CVM list chose (after Select).</summary>
        public CardholderVerification Cvm { get; private set; }

        /// <summary>True when the caller must take the PIN and send it enciphered in F52 (online PIN).</summary>
        public bool OnlinePinRequired => Cvm == CardholderVerification.OnlinePin;

        /// <summary>True when the receipt carries a signature line.</summary>
        public bool SignatureRequired => Cvm == CardholderVerification.Signature;

        /// <summary>How the card judged the issuer's ARPC (after Complete).</summary>
        public IssuerAuthentication IssuerAuthentication { get; private set; }

        /// <summary>Issuer scripts (71 and 72) the card was given (after Complete); their results go out in DF31.</summary>
        public int ScriptCount { get; private set; }

        /// <summary>True when the host approved this transaction (set by Complete).</summary>
        public bool HostApproved { get; private set; }

        /// <summary>
        /// True when the host approved but the card did not end with a TC (declined after approval, removed, or broke
        /// the rules during Complete): the caller reverses the authorization.
        /// </summary>
        public bool ReversalRequired { get; private set; }

        /// <summary>True when the outcome ends the transaction at the card: the caller calls End.</summary>
        public bool Finished =>
            Outcome != ContactOutcome.ChooseApplication && Outcome != ContactOutcome.GoOnline;

        internal void Reset()
        {
            Outcome = ContactOutcome.Failed;
            Error = EmvReadError.None;
            Reason = string.Empty;
            StatusWord = 0;
            ReaderStatus = 0;
            FallbackAllowed = false;
            ClearCandidates();
            Cvm = CardholderVerification.NotPerformed;
            IssuerAuthentication = IssuerAuthentication.NotPerformed;
            ScriptCount = 0;
            HostApproved = false;
            ReversalRequired = false;
        }

        internal void ClearCandidates()
        {
            for (int i = 0; i < MaxCandidates; i++)
            {
                _labels[i] = string.Empty;
            }

            CandidateCount = 0;
        }

        internal void AddCandidate(string label)
        {
            if (CandidateCount < MaxCandidates)
            {
                _labels[CandidateCount++] = label;
            }
        }

        internal void RemoveCandidate(int index)
        {
            if (index < 0 || index >= CandidateCount)
            {
                return;
            }

            for (int i = index; i < CandidateCount - 1; i++)
            {
                _labels[i] = _labels[i + 1];
            }

            _labels[--CandidateCount] = string.Empty;
        }

        internal ContactKernelResult Set(ContactOutcome outcome)
        {
            Outcome = outcome;
            Error = EmvReadError.None;
            Reason = string.Empty;
            return this;
        }

        internal ContactKernelResult Fail(int error, string reason, bool fallbackAllowed)
        {
            Outcome = error == EmvReadError.CardRemoved ? ContactOutcome.CardRemoved : ContactOutcome.Failed;
            Error = error;
            Reason = reason;
            FallbackAllowed = fallbackAllowed;
            return this;
        }

        internal void SetStatusWord(int sw) => StatusWord = sw;

        internal void SetReason(string reason) => Reason = reason;

        internal void SetHostApproved(bool approved) => HostApproved = approved;

        internal void SetReversalRequired(bool required) => ReversalRequired = required;

        internal void SetReaderStatus(int status) => ReaderStatus = status;

        internal void SetCvm(CardholderVerification cvm) => Cvm = cvm;

        internal void SetIssuerAuthentication(IssuerAuthentication value) => IssuerAuthentication = value;

        internal void SetScriptCount(int count) => ScriptCount = count;
    }
}
