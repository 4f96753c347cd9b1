using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Emv;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The cardholder's choice among the card's applications the terminal accepts (EMV Book 1, 12.4): one numbered
    /// line per candidate, by its preferred name or label; a digit chooses, CANCEL or the timeout ends the sale with
    /// nothing sent.
    /// </summary>
    public sealed class ApplicationScreen : Screen
    {
        private readonly ChipSale _chip;
        private ContactKernelResult? _candidates;

        /// <summary>The choice screen of <paramref name="chip"/>.</summary>
        public ApplicationScreen(Cashier cashier, ChipSale chip)
            : base(cashier)
        {
            _chip = chip;
        }

        /// <summary>Asks the cardholder to choose among <paramref name="candidates"/>.</summary>
        public void Ask(ContactKernelResult candidates)
        {
            _candidates = candidates;
            C.Beep(BuzzerTone.Attention);
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(C.T(Texts.TitleChooseApp));
            int count = Count;
            for (int i = 0; i < count; i++)
            {
                Line(2 + i, (i + 1).ToString() + " " + _candidates!.CandidateLabel(i), TextStyle.Normal);
            }

            Footer(C.T(Texts.FooterChoose));
            D.Flush();
        }

        /// <inheritdoc />
        public override bool Device(DeviceEvent e) => e.Kind != EventKind.CardWithdrawn && base.Device(e);

        /// <inheritdoc />
        public override void Timeout() => _chip.Abandon(C.T(Texts.Cancelled));

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                _chip.Abandon(C.T(Texts.Cancelled));
                return;
            }

            int index = key - KeyCode.Digit0 - 1;
            if (index >= 0 && index < Count)
            {
                _chip.Chosen(index);
            }
        }

        // Candidates shown: at most as many as the screen has lines between its bars.
        private int Count
        {
            get
            {
                int n = _candidates != null ? _candidates.CandidateCount : 0;
                int room = C.Display.Rows - 3;
                return n < room ? n : room;
            }
        }
    }
}
