using Terminal.Core.App;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The common part of the cashier's screens: a key clicks, a card or code where none is expected is taken and
    /// wiped, and the helpers that draw the title bar, the footer bar and lines that never cut a word.
    /// </summary>
    public abstract class Screen : IScreen
    {
        /// <summary>The shared parts.</summary>
        protected readonly Cashier C;

        /// <summary>A screen of <paramref name="cashier"/>'s terminal.</summary>
        protected Screen(Cashier cashier)
        {
            C = cashier;
        }

        /// <inheritdoc />
        public virtual int TimeoutMs => Cashier.EntryTimeoutMs;

        /// <inheritdoc />
        public abstract void Draw();

        /// <inheritdoc />
        public void Key(int key)
        {
            C.Beep(BuzzerTone.Click);
            OnKey(key);
        }

        /// <inheritdoc />
        public virtual bool Device(DeviceEvent e)
        {
            if (e.Kind == EventKind.CardSwiped || e.Kind == EventKind.CardPresent || e.Kind == EventKind.ScanComplete)
            {
                C.RefuseCard(e, false);
                return true;
            }

            return false;
        }

        /// <inheritdoc />
        public virtual void Timeout() => C.GoIdle();

        /// <summary>A key on this screen (after its click).</summary>
        protected abstract void OnKey(int key);

        /// <summary>The display.</summary>
        protected IDisplay D => C.Display;

        /// <summary>Clears the display and draws <paramref name="title"/> in the inverse bar at the top.</summary>
        protected void Title(string title)
        {
            C.Display.Clear();
            Bar(0, 1, title);
        }

        /// <summary>Draws <paramref name="text"/> in the inverse bar at the bottom.</summary>
        protected void Footer(string text) => Bar(C.Display.Rows - 1, 0, text);

        /// <summary>
        /// An inverse bar across <paramref name="row"/> with <paramref name="text"/> from <paramref name="column"/>:
        /// the panel's blank row first, then the text over it, so drawing a bar allocates nothing.
        /// </summary>
        protected void Bar(int row, int column, string text)
        {
            C.Display.Write(row, 0, C.Display.BlankRow, TextStyle.Inverse);
            C.Display.Write(row, column, text, TextStyle.Inverse);
        }

        /// <summary>One line from column 1: shortened at a word when it is too wide, never cut in one.</summary>
        protected void Line(int row, string text, TextStyle style)
        {
            C.Display.Write(row, 1, TextBlock.Shorten(text, C.Display.Columns - 2), style);
        }

        /// <summary>Text from column 1 wrapped over at most <paramref name="maxRows"/> rows; returns the rows used.</summary>
        protected int Lines(int row, string text, int maxRows, TextStyle style) => TextBlock.Write(C.Display, row, 1, text, maxRows, 1, style);
    }
}
