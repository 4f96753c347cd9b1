using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Security;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Provisioning (a new terminal's first boot, or set-up 1): the merchant ID (15 digits), the terminal ID (8) and
    /// the master key (32 hex digits, never shown), the key's check value to compare with the acquirer's, then the
    /// IDs and key are stored and the terminal signs in. The same checks serve a technician's configuration file.
    /// </summary>
    public sealed class ProvisioningFlow : Flow
    {
        private enum Ask
        {
            MerchantId,
            TerminalId,
            MasterKey,
        }

        private readonly BootFlow _boot;
        private readonly byte[] _tmk = new byte[16];
        private readonly byte[] _kcv = new byte[4];
        private Ask _asking;
        private string _mid = string.Empty;
        private string _tid = string.Empty;

        /// <summary>The provisioning of <paramref name="cashier"/>'s terminal; <paramref name="boot"/> signs in after it.</summary>
        public ProvisioningFlow(Cashier cashier, BootFlow boot)
            : base(cashier)
        {
            _boot = boot;
        }

        /// <inheritdoc />
        public override string Problem(int step)
        {
            if (C.Training)
            {
                return C.T(Texts.LeaveTrainingFirst);
            }

            return C.Store.Count > 0 ? C.T(Texts.SettleBeforeSetUp) : string.Empty;
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            _asking = Ask.MerchantId;
            C.Number.Ask(this, C.T(Texts.TitleSetUp1), C.T(Texts.MidPrompt), 15, 15, false);
        }

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            switch (_asking)
            {
                case Ask.MerchantId:
                    _mid = text;
                    _asking = Ask.TerminalId;
                    C.Number.Ask(this, C.T(Texts.TitleSetUp2), C.T(Texts.TidPrompt), 8, 8, false);
                    return;
                case Ask.TerminalId:
                    _tid = text;
                    AskKey();
                    return;
                default:
                    TakeKey();
                    return;
            }
        }

        /// <inheritdoc />
        public override void OnCancelled()
        {
            Wipe.Bytes(_tmk, 0, _tmk.Length);
            if (_asking == Ask.MasterKey && C.Nav.Current == C.Confirm)
            {
                AskKey(); // "redo": the key again
                return;
            }

            if (!C.Store.Provisioned)
            {
                Start(0);
                return;
            }

            C.GoIdle();
        }

        /// <inheritdoc />
        public override void DrawConfirmation()
        {
            IDisplay d = C.Display;
            d.Write(3, 1, C.F(Texts.SetUpMid, _mid), TextStyle.Normal);
            d.Write(4, 1, C.F(Texts.SetUpTid, _tid), TextStyle.Normal);
            d.Write(6, 1, C.T(Texts.KeyCheckValue), TextStyle.Normal);
            d.Write(7, 1, Util.HexText.Encode(_kcv, 0, 4), TextStyle.Large);
            d.Write(10, 1, C.T(Texts.KeyCheckMatches), TextStyle.Bold);
        }

        /// <inheritdoc />
        public override void OnConfirmed()
        {
            string problem;
            bool ok = Provision(_tid, _mid, _tmk, 0, 16, out problem);
            Wipe.Bytes(_tmk, 0, _tmk.Length);
            if (!ok)
            {
                C.ShowMessage(C.T(Texts.TitleSetUp), problem);
                return;
            }

            _boot.SignInAfterSetUp();
        }

        /// <summary>
        /// Stores TID, MID and TMK (a technician's configuration, or the keypad's); the session keys are erased for
        /// the next sign-in. False with a reason when the values are not valid.
        /// </summary>
        public bool Provision(string terminalId, string merchantId, byte[] tmk, int offset, int length, out string problem)
        {
            problem = CheckIds(terminalId, merchantId);
            if (problem.Length == 0 && length != 16)
            {
                problem = "TMK must be 16 bytes (32 hex digits)";
            }
            else if (problem.Length == 0 && HalvesEqual(tmk, offset))
            {
                problem = "TMK halves are equal: not a double-length key";
            }

            if (problem.Length > 0)
            {
                return false;
            }

            PaymentStore store = C.Live.Store;
            C.Keys.Store(KeySlot.Tmk, tmk, offset, length);
            if (!store.Provision(terminalId, merchantId))
            {
                problem = store.Problem;
                return false;
            }

            C.Keys.Erase(KeySlot.Mak);
            C.Keys.Erase(KeySlot.Pik);
            C.Keys.Erase(KeySlot.Tdk);
            return true;
        }

        private void AskKey()
        {
            _asking = Ask.MasterKey;
            C.Number.Ask(this, C.T(Texts.TitleSetUp3), C.T(Texts.TmkPrompt), 32, 32, true);
        }

        private void TakeKey()
        {
            char[] digits = C.Number.Digits;
            for (int i = 0; i < 16; i++)
            {
                _tmk[i] = (byte)((Hex(digits[2 * i]) << 4) | Hex(digits[(2 * i) + 1]));
            }

            C.Number.Wipe();
            if (HalvesEqual(_tmk, 0))
            {
                Wipe.Bytes(_tmk, 0, _tmk.Length);
                C.Beep(BuzzerTone.Decline);
                AskKey();
                C.Status(C.T(Texts.TmkHalvesEqual));
                return;
            }

            new KeyCheck(C.Crypto).Compute(_tmk, 0, 16, _kcv, 0);
            C.Confirm.Ask(this, C.T(Texts.TitleSetUp), C.T(Texts.FooterSaveRedo));
        }

        private static string CheckIds(string tid, string mid)
        {
            if (tid == null || tid.Length != 8 || !Digits(tid))
            {
                return "Terminal ID is 8 digits";
            }

            if (mid == null || mid.Length != 15 || !Digits(mid))
            {
                return "Merchant ID is 15 digits";
            }

            return string.Empty;
        }

        private static bool Digits(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < '0' || s[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        // A double-length key whose halves are equal is single DES in disguise.
        private static bool HalvesEqual(byte[] key, int offset)
        {
            for (int i = 0; i < 8; i++)
            {
                if (key[offset + i] != key[offset + 8 + i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int Hex(char c) => c <= '9' ? c - '0' : c - 'A' + 10;
    }
}
