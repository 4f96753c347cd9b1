using Terminal.Core.App;
using Terminal.Core.Screens;
using Terminal.Core.SelfTest;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// The way into the technician's self-test: MENU 1 (or F1 held at power-up) behind the technician's password, or
    /// the debug console (whose cable is its authorisation). The self-test's screen has every event while it runs.
    /// </summary>
    public sealed class SelfTestFlow : Flow, ISelfTestObserver
    {
        /// <summary>Step: ask the technician's password, then run.</summary>
        public const int Ask = 0;

        /// <summary>Step: run now (the password was right).</summary>
        public const int Run = 1;

        private readonly SelfTestRun _run;
        private readonly SelfTestScreen _screen;

        /// <summary>The self-test entry of <paramref name="cashier"/>'s terminal for <paramref name="run"/>.</summary>
        public SelfTestFlow(Cashier cashier, SelfTestRun run)
            : base(cashier)
        {
            _run = run;
            _screen = new SelfTestScreen(cashier, run);
        }

        /// <summary>Also told how the self-test went (the debug console prints it).</summary>
        public ISelfTestObserver? Listener { get; set; }

        /// <inheritdoc />
        public override void Start(int step)
        {
            if (step == Ask && C.Technician != null)
            {
                C.Password.Check(C.Technician, this, Run, string.Empty);
                return;
            }

            StartNow();
        }

        /// <summary>Starts the self-test now, without a password; false when it is already running.</summary>
        public bool StartNow()
        {
            if (_run.Running)
            {
                return false;
            }

            C.Nav.Show(_screen);
            _run.Start(this);
            return true;
        }

        /// <inheritdoc />
        public void OnCheckDone(int index, bool passed, string reason) => Listener?.OnCheckDone(index, passed, reason);

        /// <inheritdoc />
        public void OnSelfTestDone(int passed, int failed) => Listener?.OnSelfTestDone(passed, failed);
    }
}
