namespace Terminal.Hal
{
    /// <summary>Result codes of reader operations (negative: failure).</summary>
    public static class ReaderStatus
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;
        /// <summary>No card answered.</summary>
        public const int NoCard = -1;
        /// <summary>The card did not answer in time.</summary>
        public const int Timeout = -2;
        /// <summary>CRC, parity or framing error that retries did not cure.</summary>
        public const int TransmissionError = -3;
        /// <summary>More than one card in the field.</summary>
        public const int Collision = -4;
        /// <summary>The card answered something the protocol does not allow.</summary>
        public const int ProtocolError = -5;
        /// <summary>The response does not fit the caller's buffer.</summary>
        public const int BufferTooSmall = -6;
        /// <summary>The reader chip itself is not answering.</summary>
        public const int ReaderFault = -7;
    }

    /// <summary>A magnetic stripe reader: posts CardSwiped; the decoded track is copied out once.</summary>
    public interface IMagstripeReader : System.IDisposable
    {
        /// <summary>Starts posting swipe events.</summary>
        void Start(IEventSink sink);

        /// <summary>
        /// Copies the last good track 2 (ASCII digits with '=' separator, no sentinels) and wipes it from the
        /// driver; returns its length or a negative <see cref="ReaderStatus"/>.
        /// </summary>
        int TakeTrack2(byte[] buffer, int offset);
    }

    /// <summary>An ISO 14443-4 contactless reader: the runtime sends APDUs, the driver does the rest.</summary>
    public interface IContactlessReader : IPolledDevice, System.IDisposable
    {
        /// <summary>Starts polling for cards; posts CardPresent/CardRemoved.</summary>
        void Start(IEventSink sink);

        /// <summary>Turns the RF field on or off.</summary>
        void SetField(bool on);

        /// <summary>Activates the card in the field up to ISO-DEP; returns a <see cref="ReaderStatus"/>.</summary>
        int Activate();

        /// <summary>Sends a command APDU and receives the response APDU (with SW1 SW2); returns its length or a negative <see cref="ReaderStatus"/>.</summary>
        int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity);

        /// <summary>Ends the session with the card (DESELECT) and waits for removal.</summary>
        void Deactivate();

        /// <summary>True when the reader chip answers its version register.</summary>
        bool SelfCheck();
    }

    /// <summary>
    /// An ISO 7816 contact chip-card slot: the runtime sends APDUs, the driver does the rest (card-presence switch,
    /// activation and deactivation sequences, ATR, the T=0 or T=1 transmission protocol). Posts
    /// <see cref="EventKind.CardInserted"/> and <see cref="EventKind.CardWithdrawn"/>.
    /// </summary>
    public interface IContactReader : IPolledDevice, System.IDisposable
    {
        /// <summary>Starts watching the presence switch; posts CardInserted/CardWithdrawn.</summary>
        void Start(IEventSink sink);

        /// <summary>True while a card sits in the slot (the presence switch as last debounced).</summary>
        bool CardPresent { get; }

        /// <summary>
        /// Powers the card and runs the activation sequence (cold reset, warm reset if the first ATR is refused);
        /// copies the ATR into <paramref name="atr"/> and returns its length, or a negative <see cref="ReaderStatus"/>.
        /// </summary>
        int PowerOn(byte[] atr, int offset, int capacity);

        /// <summary>
        /// Sends a command APDU (any ISO 7816-4 case) and receives the response APDU with SW1 SW2, after the
        /// protocol's own exchanges (T=0 GET RESPONSE on 61xx, resend on 6Cxx; T=1 chaining); returns its length
        /// or a negative <see cref="ReaderStatus"/> (<see cref="ReaderStatus.NoCard"/> when the card was pulled).
        /// </summary>
        int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity);

        /// <summary>Runs the deactivation sequence (RST low, clock stop, I/O low, VCC off); safe to call twice.</summary>
        void PowerOff();

        /// <summary>True when the interface chip answers (no fault reported on its status line).</summary>
        bool SelfCheck();
    }

    /// <summary>A QR/barcode scanner on a UART: posts ScanComplete when a whole code has arrived.</summary>
    public interface IQrScanner : IPolledDevice, System.IDisposable
    {
        /// <summary>Starts posting scan events.</summary>
        void Start(IEventSink sink);

        /// <summary>Starts a scan (command mode) or arms continuous mode.</summary>
        void Trigger();

        /// <summary>Whether the scanner answered its configuration (false: nothing on the UART).</summary>
        bool Attached { get; }

        /// <summary>Stops scanning.</summary>
        void StopScan();

        /// <summary>Copies the last complete code (ASCII) and clears it; returns its length, or a negative <see cref="ReaderStatus"/>.</summary>
        int TakeCode(byte[] buffer, int offset, int capacity);
    }
}
