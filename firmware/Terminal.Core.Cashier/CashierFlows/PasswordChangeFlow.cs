using Terminal.Core.App;
using Terminal.Core.Security;
using Terminal.Core.Ui;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// A new password typed twice: the manager's (set-up 4) or, behind the technician's own, the technician's (set-up 6).
    /// Stored as salt and hash only when both agree; the digits are wiped as soon as they are compared.
    /// </summary>
    public sealed class PasswordChangeFlow : Flow
    {
        private readonly byte[] _first = new byte[PasswordGuard.MaxLength];
        private readonly bool _technician;
        private int _firstLength = -1;

        /// <summary>The change of the manager's (or <paramref name="technician"/>'s) password.</summary>
        public PasswordChangeFlow(Cashier cashier, bool technician)
            : base(cashier)
        {
            _technician = technician;
        }

        private PasswordGuard Guard => _technician && C.Technician != null ? C.Technician : C.Manager;

        private int Title => _technician ? Texts.TitleTechnician : Texts.TitleManager;

        /// <inheritdoc />
        public override void Start(int step)
        {
            _firstLength = -1;
            C.Password.Collect(this, Texts.NewPassword, _technician);
        }

        /// <inheritdoc />
        public override void OnTyped(byte[] digits, int length)
        {
            if (_firstLength < 0)
            {
                if (length < PasswordGuard.MinLength || length > PasswordGuard.MaxLength)
                {
                    C.ShowMessage(C.T(Title), C.T(Texts.PasswordLength));
                    return;
                }

                System.Array.Copy(digits, 0, _first, 0, length);
                _firstLength = length;
                C.Password.Collect(this, Texts.NewPasswordAgain, _technician);
                return;
            }

            bool same = length == _firstLength;
            for (int i = 0; i < length && same; i++)
            {
                same = digits[i] == _first[i];
            }

            bool changed = same && Guard.Change(_first, 0, _firstLength);
            Forget();
            C.ShowMessage(C.T(Title), C.T(!changed ? Texts.PasswordsDiffer : _technician ? Texts.TechnicianPasswordChanged : Texts.PasswordChanged));
        }

        /// <inheritdoc />
        public override void OnCancelled()
        {
            Forget();
            C.GoIdle();
        }

        private void Forget()
        {
            Wipe.Bytes(_first, 0, _first.Length);
            _firstLength = -1;
        }
    }
}
