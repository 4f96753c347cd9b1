using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Payments;
using Terminal.Core.Ui;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Power-up and sign-in: a new terminal goes to provisioning; a set-up one prints what a power cut left owed, signs
    /// in, sends what is owed to the host (reversals, refund resends, an unfinished settlement), comes back in training
    /// mode if it was left in it, and shows the idle screen. MENU 8 signs in again on its own.
    /// </summary>
    public sealed class BootFlow : Flow
    {
        /// <summary>Step: power-up.</summary>
        public const int PowerUp = 0;

        /// <summary>Step: sign in (MENU 8).</summary>
        public const int SignIn = 1;

        private IFlow? _provisioning;
        private TrainingFlow? _training;
        private bool _recovering;

        /// <summary>The power-up of <paramref name="cashier"/>'s terminal.</summary>
        public BootFlow(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>Attaches the flows power-up may go on to.</summary>
        public void Attach(IFlow provisioning, TrainingFlow training)
        {
            _provisioning = provisioning;
            _training = training;
        }

        /// <inheritdoc />
        public override string Problem(int step) => step == SignIn && C.Training ? C.T(Texts.TrainingNoSignIn) : string.Empty;

        /// <inheritdoc />
        public override void Start(int step)
        {
            if (step == SignIn)
            {
                _recovering = false;
                C.ShowBusy(C.T(Texts.SigningIn));
                C.Engine.SignIn(Observer);
                return;
            }

            PaymentStore store = C.Store;
            if (!store.Provisioned)
            {
                _provisioning?.Start(0);
                return;
            }

            C.Spooler.PrintOwed(null);
            _recovering = true;

            // After flash damage the journal may have lost the batch number: signing in again takes the host's.
            if (!C.Engine.SignedIn || (C.Store.JournalDamaged && C.Store.SettlementStage == SettleStage.None))
            {
                C.ShowBusy(C.T(Texts.SigningIn));
                C.Engine.SignIn(Observer);
                return;
            }

            if (Owed(store))
            {
                C.ShowBusy(C.T(Texts.Recovering));
                C.Engine.Resolve(Observer);
                return;
            }

            _recovering = false;
            _training?.Resume();
            C.GoIdle();
        }

        /// <summary>Provisioning stored the IDs and key: sign in as at power-up.</summary>
        public void SignInAfterSetUp()
        {
            _recovering = true;
            C.ShowBusy(C.T(Texts.SetUpSigningIn));
            C.Engine.SignIn(Observer);
        }

        /// <inheritdoc />
        public override void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            if (!_recovering)
            {
                base.OnPaymentDone(result, message, entry);
                return;
            }

            if (result == PaymentResult.SignedIn && Owed(C.Store))
            {
                C.Status(C.T(Texts.Recovering));
                C.Engine.Resolve(Observer);
                return;
            }

            _recovering = false;
            if (result == PaymentResult.Settled)
            {
                C.Spooler.PrintSettlementReport(false);
            }

            C.Spooler.PrintOwed(null);
            _training?.Resume();
            C.GoIdle();
            C.Status(message);
        }

        // Reversals, refund resends and chip advices (script results, TC uploads) the journal owes, a settlement in progress,
        // or a QR order left open (queried, then booked or closed).
        private static bool Owed(PaymentStore store) =>
            store.UnresolvedCount() > 0 || store.NextChipAdvice(out _) != 0 || store.SettlementStage != SettleStage.None
            || store.OpenQrOrder() != null;
    }
}
