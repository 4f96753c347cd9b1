using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>The peripherals a board gives the app; a board without one leaves it null.</summary>
    public sealed class TerminalDevices
    {
        /// <summary>Keypad (for keys held at boot and the self-test).</summary>
        public IKeypad? Keypad { get; set; }

        /// <summary>Magnetic stripe reader.</summary>
        public IMagstripeReader? Magstripe { get; set; }

        /// <summary>Contactless reader.</summary>
        public IContactlessReader? Contactless { get; set; }

        /// <summary>Contact chip-card slot (ISO 7816).</summary>
        public IContactReader? Contact { get; set; }

        /// <summary>QR scanner.</summary>
        public IQrScanner? Scanner { get; set; }

        /// <summary>Receipt printer.</summary>
        public IPrinter? Printer { get; set; }

        /// <summary>Buzzer.</summary>
        public IBuzzer? Buzzer { get; set; }

        /// <summary>
        /// The glyphs and GB18030 codes the board's display and printer drivers take beyond their own tables (the
        /// merchant's name in Chinese); the store fills it. Null: the drivers have only their own tables.
        /// </summary>
        public GlyphSupplement? Glyphs { get; set; }

        /// <summary>Random source (EMV unpredictable numbers).</summary>
        public IRandomSource? Random { get; set; }
    }
}
