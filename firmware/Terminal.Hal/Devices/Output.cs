namespace Terminal.Hal
{
    /// <summary>How a line of text is drawn or printed.</summary>
    [System.Flags]
    public enum TextStyle
    {
        /// <summary>Plain.</summary>
        Normal = 0,
        /// <summary>Bold / emphasized.</summary>
        Bold = 1,
        /// <summary>Light on dark.</summary>
        Inverse = 2,
        /// <summary>Double width and height.</summary>
        Large = 4,
    }

    /// <summary>Horizontal alignment.</summary>
    public enum TextAlign
    {
        /// <summary>Left.</summary>
        Left = 0,
        /// <summary>Centre.</summary>
        Center = 1,
        /// <summary>Right.</summary>
        Right = 2,
    }

    /// <summary>
    /// The display as a grid of character cells (Core decides what each cell says; the driver decides
    /// the pixels). Wide characters (CJK) take two cells. Nothing reaches the panel until <see cref="Flush"/>.
    /// </summary>
    public interface IDisplay : System.IDisposable
    {
        /// <summary>Cells per row.</summary>
        int Columns { get; }

        /// <summary>Rows of cells.</summary>
        int Rows { get; }

        /// <summary>Blanks every cell.</summary>
        void Clear();

        /// <summary>Writes text at a cell, clipped at the row's end.</summary>
        void Write(int row, int column, string text, TextStyle style);

        /// <summary>Blanks one row.</summary>
        void ClearRow(int row);

        /// <summary>Sends the changed cells to the panel (a partial update).</summary>
        void Flush();

        /// <summary>Backlight level 0..100.</summary>
        void SetBacklight(int percent);
    }

    /// <summary>Printer state bits (from ESC/POS DLE EOT on a real printer).</summary>
    [System.Flags]
    public enum PrinterStatus
    {
        /// <summary>Ready.</summary>
        Ready = 0,
        /// <summary>No paper.</summary>
        PaperOut = 1,
        /// <summary>Cover open.</summary>
        CoverOpen = 2,
        /// <summary>Paper nearly out.</summary>
        PaperLow = 4,
        /// <summary>Printer not answering.</summary>
        Offline = 8,
        /// <summary>Cutter or head fault.</summary>
        Fault = 16,
    }

    /// <summary>
    /// A receipt printer taking a document line by line; the driver turns it into printer bytes and
    /// sends them as flow control allows when polled. Printing pauses on paper-out and resumes.
    /// </summary>
    public interface IPrinter : IPolledDevice, System.IDisposable
    {
        /// <summary>Characters per line in the normal font.</summary>
        int Columns { get; }

        /// <summary>Printable width in dots (384 for 58 mm, 576 for 80 mm).</summary>
        int WidthDots { get; }

        /// <summary>Last known status.</summary>
        PrinterStatus Status { get; }

        /// <summary>True while queued bytes remain unsent.</summary>
        bool Busy { get; }

        /// <summary>Starts posting PrinterStatus events.</summary>
        void Start(IEventSink sink);

        /// <summary>Queues one line of text.</summary>
        void PrintLine(string text, TextStyle style, TextAlign align);

        /// <summary>Queues a QR code of <paramref name="data"/> with modules of <paramref name="moduleSize"/> dots.</summary>
        void PrintQr(string data, int moduleSize);

        /// <summary>Queues the logo stored in the printer under <paramref name="logoId"/>.</summary>
        void PrintStoredLogo(int logoId);

        /// <summary>Feeds blank lines.</summary>
        void Feed(int lines);

        /// <summary>Queues a partial cut.</summary>
        void Cut();
    }

    /// <summary>Tones the buzzer plays.</summary>
    public enum BuzzerTone
    {
        /// <summary>Short key click.</summary>
        Click = 0,
        /// <summary>Approval: one long high tone.</summary>
        Approve = 1,
        /// <summary>Decline or error: three low tones.</summary>
        Decline = 2,
        /// <summary>Attention: two short tones.</summary>
        Attention = 3,
    }

    /// <summary>A piezo buzzer.</summary>
    public interface IBuzzer : IPolledDevice, System.IDisposable
    {
        /// <summary>Starts a tone; returns at once, the driver times it when polled.</summary>
        void Play(BuzzerTone tone);
    }

    /// <summary>
    /// The display's cell rule, part of the <see cref="IDisplay"/> contract: CJK ideographs and punctuation,
    /// full-width forms and Hangul take two cells, everything else one. The drivers draw by it, the screens lay
    /// text out by it, and tools/FontGen picks glyph widths by it.
    /// </summary>
    public static class DisplayCells
    {
        /// <summary>Whether <paramref name="ch"/> takes two cells.</summary>
        public static bool IsWide(char ch) =>
            (ch >= '\u1100' && ch <= '\u115F') || (ch >= '\u2E80' && ch <= '\uA4CF') ||
            (ch >= '\uAC00' && ch <= '\uD7A3') || (ch >= '\uF900' && ch <= '\uFAFF') ||
            (ch >= '\uFE30' && ch <= '\uFE4F') || (ch >= '\uFF00' && ch <= '\uFF60') || (ch >= '\uFFE0' && ch <= '\uFFE6');
    }
}
