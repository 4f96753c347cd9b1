using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The first moments after power-up on a board with a keypad and a self-test: the keypad gets a few scans to see
    /// F1 held since power-up (the technician's way in, before sign-in or set-up take the screen); then power-up
    /// goes on. Events before that are ignored.
    /// </summary>
    public sealed class StartingScreen : IScreen
    {
        /// <summary>Milliseconds the keypad is given to report a key held at power-up.</summary>
        public const int HeldKeyMs = 300;

        /// <summary>Key that, held at power-up, takes the technician straight to the self-test.</summary>
        public const int SelfTestBootKey = KeyCode.F1;

        private readonly Cashier _c;
        private readonly IScreen _idle;
        private readonly IFlow _boot;
        private readonly IFlow _selfTest;
        private readonly int _selfTestStep;

        /// <summary>Power-up goes on with <paramref name="boot"/>, or <paramref name="selfTest"/> at <paramref name="selfTestStep"/> when F1 is held.</summary>
        public StartingScreen(Cashier cashier, IScreen idle, IFlow boot, IFlow selfTest, int selfTestStep)
        {
            _c = cashier;
            _idle = idle;
            _boot = boot;
            _selfTest = selfTest;
            _selfTestStep = selfTestStep;
        }

        /// <inheritdoc />
        public int TimeoutMs => HeldKeyMs;

        /// <inheritdoc />
        public void Draw() => _idle.Draw();

        /// <inheritdoc />
        public void Key(int key)
        {
        }

        /// <inheritdoc />
        public bool Device(DeviceEvent e) => true;

        /// <inheritdoc />
        public void Timeout()
        {
            IKeypad? keypad = _c.Devices.Keypad;
            if (keypad != null && keypad.IsDown(SelfTestBootKey))
            {
                // After the self-test (or its password's CANCEL) the idle screen's first showing still owes the boot.
                _c.Nav.Home = new BootOwed(_c, _idle, _boot);
                _selfTest.Start(_selfTestStep);
                return;
            }

            _boot.Start(BootFlow.PowerUp);
        }

        // The idle screen that, the first time it is shown, runs the boot the held F1 put off, and then steps aside.
        private sealed class BootOwed : IScreen
        {
            private readonly Cashier _c;
            private readonly IScreen _idle;
            private readonly IFlow _boot;

            public BootOwed(Cashier c, IScreen idle, IFlow boot)
            {
                _c = c;
                _idle = idle;
                _boot = boot;
            }

            public int TimeoutMs => 0;

            public void Draw()
            {
                _c.Nav.Home = _idle;
                _idle.Draw();
                _boot.Start(BootFlow.PowerUp);
            }

            public void Key(int key)
            {
            }

            public bool Device(DeviceEvent e) => true;

            public void Timeout()
            {
            }
        }
    }
}
