using Terminal.Core.App;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>A title and a message, wrapped; any key or its timeout goes back to the idle screen.</summary>
    public sealed class MessageScreen : Screen
    {
        private string _title = string.Empty;
        private string _message = string.Empty;

        /// <summary>The message screen of <paramref name="cashier"/>'s terminal.</summary>
        public MessageScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <inheritdoc />
        public override int TimeoutMs => Cashier.MessageTimeoutMs;

        /// <summary>What to show next (the message is also the cashier's last message).</summary>
        public void Set(string title, string message)
        {
            _title = title;
            _message = message;
            C.Nav.LastMessage = message;
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(_title);
            Lines(3, _message, D.Rows - 6, TextStyle.Normal);
            Footer(C.T(Texts.FooterContinue));
            D.Flush();
        }

        /// <inheritdoc />
        protected override void OnKey(int key) => C.GoIdle();
    }
}
