using Terminal.Core.App;
using Terminal.Core.CashierFlows;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The password entry, the manager's and the technician's alike: digits shown as stars. In check mode the
    /// password is checked against its guard (with the guard's lockout) and, when right, the flow goes on at the
    /// step it asked for; a wrong one says so on the status line and asks again. In collect mode (a new password)
    /// the digits go to the flow. CANCEL tells the flow. The digits are wiped as soon as they are used.
    /// </summary>
    public sealed class PasswordScreen : Screen
    {
        private readonly byte[] _typed = new byte[16];
        private int _length;
        private IFlow? _owner;
        private PasswordGuard? _guard;
        private int _step;
        private int _title;
        private int _prompt;
        private string _note = string.Empty;

        /// <summary>The password entry of <paramref name="cashier"/>'s terminal.</summary>
        public PasswordScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>
        /// Asks for <paramref name="guard"/>'s password; right, <paramref name="owner"/> starts at <paramref name="step"/>.
        /// <paramref name="note"/> (may be empty) says why it is asked.
        /// </summary>
        public void Check(PasswordGuard guard, IFlow owner, int step, string note)
        {
            _guard = guard;
            Open(owner, step, guard == C.Technician ? Texts.TechnicianPassword : Texts.ManagerPassword, guard == C.Technician, note);
        }

        /// <summary>Asks for a new password (<paramref name="prompt"/>: the text id) of the technician or the manager, for <paramref name="owner"/>'s <see cref="IFlow.OnTyped"/>.</summary>
        public void Collect(IFlow owner, int prompt, bool technician)
        {
            _guard = null;
            Open(owner, 0, prompt, technician, string.Empty);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(C.T(_title));
            Line(3, C.T(_prompt), TextStyle.Normal);
            if (_note.Length > 0)
            {
                Lines(8, _note, 3, TextStyle.Bold);
            }

            Footer(C.T(Texts.FooterOkBack));
            DrawStars();
        }

        /// <inheritdoc />
        public override void Timeout()
        {
            Wipe.Bytes(_typed, 0, _typed.Length);
            _length = 0;
            base.Timeout();
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                Wipe.Bytes(_typed, 0, _typed.Length);
                _length = 0;
                _owner?.OnCancelled();
                return;
            }

            if (KeyCode.IsDigit(key) && _length < _typed.Length)
            {
                _typed[_length++] = (byte)key;
            }
            else if (key == KeyCode.Clear && _length > 0)
            {
                _typed[--_length] = 0;
            }
            else if (key == KeyCode.Enter)
            {
                Enter();
                return;
            }

            DrawStars();
        }

        private void Open(IFlow owner, int step, int prompt, bool technician, string note)
        {
            _owner = owner;
            _step = step;
            _prompt = prompt;
            _title = technician ? Texts.TitleTechnician : Texts.TitleManager;
            _note = note;
            _length = 0;
            C.Nav.Show(this);
        }

        private void Enter()
        {
            int length = _length;
            _length = 0;
            PasswordGuard? guard = _guard;
            if (guard == null)
            {
                _owner?.OnTyped(_typed, length);
                Wipe.Bytes(_typed, 0, _typed.Length);
                return;
            }

            bool locked = guard.LockedOut;
            bool ok = !locked && guard.Check(_typed, 0, length);
            Wipe.Bytes(_typed, 0, _typed.Length);
            if (ok)
            {
                _owner?.Start(_step);
                return;
            }

            C.Beep(BuzzerTone.Decline);
            DrawStars();
            C.Status(locked ? C.F(Texts.LockedOut, guard.LockoutRemainingMinutes.ToString())
                : guard.LockedOut ? C.F(Texts.WrongPasswordLocked, guard.LockoutRemainingMinutes.ToString())
                : C.F(Texts.WrongPassword, guard.Failures.ToString(), PasswordGuard.MaxFailures.ToString()));
        }

        private void DrawStars()
        {
            D.ClearRow(5);
            D.ClearRow(6);
            D.Write(5, 1, new string('*', _length), TextStyle.Large);
            D.Flush();
        }
    }
}
