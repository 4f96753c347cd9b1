namespace Terminal.Firmware
{
    /// <summary>
    /// What the terminal is composed with: the factory defaults (<see cref="FactoryDefaults"/>), which a board may
    /// change from its board file or its options before composing.
    /// </summary>
    public sealed class FirmwareSettings
    {
        /// <summary>Merchant name on the idle screen.</summary>
        public string MerchantName { get; set; } = FactoryDefaults.MerchantName;

        /// <summary>The manager's factory password (kept as salt and hash in the key store from the first boot).</summary>
        public string ManagerPassword { get; set; } = FactoryDefaults.ManagerPassword;

        /// <summary>The technician's factory password.</summary>
        public string TechnicianPassword { get; set; } = FactoryDefaults.TechnicianPassword;

        /// <summary>The bytes sent before every message (CUP TPDU and header).</summary>
        public byte[] HostPreamble { get; set; } = FactoryDefaults.CupPreamble();

        /// <summary>Largest ISO 8583 message.</summary>
        public int MaxMessage { get; set; } = FactoryDefaults.MaxMessage;

        /// <summary>Largest journal record.</summary>
        public int JournalMaxPayload { get; set; } = FactoryDefaults.JournalMaxPayload;

        /// <summary>How long the self-test waits at each check.</summary>
        public int SelfTestWaitMs { get; set; } = FactoryDefaults.SelfTestWaitMs;

        /// <summary>Whether sign-in is followed by the item catalog download (0800, 60.3 = 380).</summary>
        public bool DownloadsCatalog { get; set; } = true;

        /// <summary>Whether the update flow checks the host for software by itself (after sign-in, daily).</summary>
        public bool AutomaticUpdateChecks { get; set; } = true;

        /// <summary>The merchant's invoicing page the e-invoice link on the customer copy opens (its provider's URL; a placeholder by default).</summary>
        public string EInvoiceUrl { get; set; } = FactoryDefaults.EInvoiceUrl;
    }
}
