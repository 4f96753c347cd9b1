using Terminal.Core.App;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>"Processing" while the host is asked: no timeout of its own (the engine's is the wait), keys only ask for patience.</summary>
    public sealed class BusyScreen : Screen
    {
        /// <summary>The busy screen of <paramref name="cashier"/>'s terminal.</summary>
        public BusyScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>What is being done ("621234*********4569 CNY 128.00").</summary>
        public string Text { get; set; } = string.Empty;

        /// <inheritdoc />
        public override int TimeoutMs => 0;

        /// <inheritdoc />
        public override void Draw()
        {
            Title(C.T(Texts.TitleProcessing));
            // To the right edge: a 19-digit masked card and its amount (29 cells) stay on one row, unwrapped and
            // unallocated.
            int rows = TextBlock.Write(D, 4, 1, Text, 2, 0, TextStyle.Normal);
            D.Write(5 + rows, 1, C.T(Texts.ConnectingHost), TextStyle.Normal);
            Footer(C.T(Texts.FooterWait));
            D.Flush();
        }

        /// <inheritdoc />
        public override void Timeout()
        {
        }

        /// <inheritdoc />
        protected override void OnKey(int key) => C.Status(C.T(Texts.PleaseWait));
    }
}
