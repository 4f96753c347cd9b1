namespace Terminal.Drivers.Printer
{
    /// <summary>ESC/POS control bytes and real-time status bits (Epson ESC/POS command reference).</summary>
    public static class EscPos
    {
        /// <summary>Line feed: prints the line buffer and feeds one line.</summary>
        public const byte LF = 0x0A;
        /// <summary>DLE, first byte of real-time commands.</summary>
        public const byte DLE = 0x10;
        /// <summary>EOT, second byte of DLE EOT (real-time status).</summary>
        public const byte EOT = 0x04;
        /// <summary>ESC, first byte of ESC commands.</summary>
        public const byte ESC = 0x1B;
        /// <summary>FS, first byte of FS (Kanji/Chinese) commands.</summary>
        public const byte FS = 0x1C;
        /// <summary>GS, first byte of GS commands.</summary>
        public const byte GS = 0x1D;
        /// <summary>XON: the printer can take data again.</summary>
        public const byte XON = 0x11;
        /// <summary>XOFF: the printer's buffer is nearly full.</summary>
        public const byte XOFF = 0x13;

        /// <summary>DLE EOT n = 1: printer status.</summary>
        public const byte StatusPrinter = 1;
        /// <summary>DLE EOT n = 2: offline cause status.</summary>
        public const byte StatusOffline = 2;
        /// <summary>DLE EOT n = 4: roll paper sensor status.</summary>
        public const byte StatusPaper = 4;

        /// <summary>Bits that are always 1 (bit 1) and 0 (bit 0, bit 7) in every status byte: 0b0001_0010.</summary>
        public const byte StatusFixedBits = 0x12;
        /// <summary>DLE EOT 2: the cover is open.</summary>
        public const byte OfflineCoverOpen = 0x04;
        /// <summary>DLE EOT 2: printing stopped because the paper ran out.</summary>
        public const byte OfflinePaperEndStop = 0x20;
        /// <summary>DLE EOT 2: an error occurred (a line could not be printed, e.g. with the cover open).</summary>
        public const byte OfflineError = 0x40;
        /// <summary>DLE EOT 4: paper near end (bits 2 and 3).</summary>
        public const byte PaperNearEnd = 0x0C;
        /// <summary>DLE EOT 4: paper end (bits 5 and 6).</summary>
        public const byte PaperEnd = 0x60;

        /// <summary>GS ( k: cn of the QR code functions.</summary>
        public const byte QrCn = 0x31;
        /// <summary>GS ( k fn 65: select the model.</summary>
        public const byte QrSelectModel = 0x41;
        /// <summary>GS ( k fn 67: module size in dots.</summary>
        public const byte QrModuleSize = 0x43;
        /// <summary>GS ( k fn 69: error correction level (48 L, 49 M, 50 Q, 51 H).</summary>
        public const byte QrErrorCorrection = 0x45;
        /// <summary>GS ( k fn 80: store the data in the symbol storage area.</summary>
        public const byte QrStore = 0x50;
        /// <summary>GS ( k fn 81: print the stored symbol.</summary>
        public const byte QrPrint = 0x51;
    }
}
