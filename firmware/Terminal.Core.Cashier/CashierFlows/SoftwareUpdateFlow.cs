using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Software update on demand (MENU F1 or set-up 5, behind the technician's password, never in training mode): the
    /// check and download run in the background while the terminal is idle; the result shows when they end.
    /// </summary>
    public sealed class SoftwareUpdateFlow : Flow, IUpdateObserver
    {
        private UpdateFlow? _updates;

        /// <summary>The software update of <paramref name="cashier"/>'s terminal.</summary>
        public SoftwareUpdateFlow(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>The update flow over the host link (set when the board has update slots).</summary>
        public UpdateFlow? Updates
        {
            get => _updates;
            set => _updates = value;
        }

        /// <inheritdoc />
        public override string Problem(int step) => C.Training ? C.T(Texts.LeaveTrainingFirst) : string.Empty;

        /// <inheritdoc />
        public override void Start(int step)
        {
            C.GoIdle();
            C.Status(C.T(Texts.UpdateChecking));
            _updates?.Check(this);
        }

        /// <inheritdoc />
        public void OnUpdateDone(int result, string message)
        {
            if (result == UpdateResult.Installed)
            {
                C.Beep(BuzzerTone.Approve);
            }

            string text = C.F(Texts.UpdateResult, message);
            if (C.Nav.AtHome)
            {
                C.Status(text);
            }
            else
            {
                C.Nav.LastMessage = text;
            }
        }
    }
}
