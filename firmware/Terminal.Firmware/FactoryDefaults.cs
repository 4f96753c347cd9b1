namespace Terminal.Firmware
{
    /// <summary>
    /// The terminal's factory defaults, in one place: what a new terminal starts with until set-up, the board
    /// file or the manager changes it. Every board composes the terminal from these (through <see cref="FirmwareSettings"/>).
    /// </summary>
    public static class FactoryDefaults
    {
        /// <summary>Merchant name on the idle screen until the board or sign-in gives the real one.</summary>
        public const string MerchantName = "TERMINAL";

        /// <summary>The manager's password (void, refund, settlement, set-up) until changed in set-up 4.</summary>
        public const string ManagerPassword = "8888";

        /// <summary>The technician's password (self-test, software update).</summary>
        public const string TechnicianPassword = "2468";

        /// <summary>The invoicing page of the e-invoice link until the merchant's provider is set (a placeholder).</summary>
        public const string EInvoiceUrl = Terminal.Core.Payments.EInvoice.DefaultBaseUrl;

        /// <summary>CUP TPDU: ID 60, destination NII 0003, source NII 0000 (FACTS.md example).</summary>
        public const string CupTpduHex = "6000030000";

        /// <summary>CUP message header: application 60, version 31, terminal status 0, processing 0, software 311003.</summary>
        public const string CupHeaderHex = "603100311003";

        /// <summary>Largest ISO 8583 message either way, preamble and MAC included.</summary>
        public const int MaxMessage = 2048;

        /// <summary>Largest journal record (a request with its EMV data).</summary>
        public const int JournalMaxPayload = 1024;

        /// <summary>Serial host link: wait this long for the host's ACK before resending.</summary>
        public const int SerialAckTimeoutMs = 2000;

        /// <summary>Serial host link: a frame whose next byte is this late is dropped.</summary>
        public const int SerialInterByteTimeoutMs = 500;

        /// <summary>TCP host link: give up a connection attempt after this long.</summary>
        public const int TcpConnectTimeoutMs = 10000;

        /// <summary>How long the self-test waits for a card, a key or the host at each check.</summary>
        public const int SelfTestWaitMs = 15000;

        /// <summary>The event ring's slots, the timer table's and the polled drivers' (the loop allocates them once).</summary>
        public const int EventCapacity = 64;

        /// <summary>Timer slots.</summary>
        public const int TimerCapacity = 32;

        /// <summary>Polled devices.</summary>
        public const int PolledCapacity = 16;

        /// <summary>The CUP TPDU and header as the bytes sent before every message.</summary>
        public static byte[] CupPreamble()
        {
            string hex = CupTpduHex + CupHeaderHex;
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Core.Util.HexText.Value(hex[2 * i]) << 4) | Core.Util.HexText.Value(hex[(2 * i) + 1]));
            }

            return bytes;
        }

        /// <summary>ASCII digits of a password, as the guards take them.</summary>
        public static byte[] Digits(string password)
        {
            var bytes = new byte[password.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)password[i];
            }

            return bytes;
        }
    }
}
