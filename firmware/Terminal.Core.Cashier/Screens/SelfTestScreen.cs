using Terminal.Core.App;
using Terminal.Core.SelfTest;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The self-test's screen: while it runs, every event is the self-test's (it draws its own prompts and results);
    /// once done, any key goes back to the idle screen. Keys do not click: the buzzer is under test.
    /// </summary>
    public sealed class SelfTestScreen : IScreen
    {
        private readonly Cashier _c;
        private readonly SelfTestRun _run;

        /// <summary>The screen of <paramref name="run"/>.</summary>
        public SelfTestScreen(Cashier cashier, SelfTestRun run)
        {
            _c = cashier;
            _run = run;
        }

        /// <inheritdoc />
        public int TimeoutMs => 0;

        /// <inheritdoc />
        public void Draw()
        {
        }

        /// <inheritdoc />
        public void Key(int key)
        {
            if (_run.Running)
            {
                _run.OnEvent(new DeviceEvent { Kind = EventKind.KeyDown, Code = key });
                return;
            }

            _c.GoIdle();
        }

        /// <inheritdoc />
        public bool Device(DeviceEvent e)
        {
            if (_run.Running)
            {
                _run.OnEvent(e);
            }

            return true;
        }

        /// <inheritdoc />
        public void Timeout()
        {
        }
    }
}
