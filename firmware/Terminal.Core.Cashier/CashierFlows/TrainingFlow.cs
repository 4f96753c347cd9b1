using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Training mode (set-up 3): on, the screens use training's own engine, RAM batch and host inside the terminal
    /// (and a copy of the catalog at today's stock), under the TRAINING banner; off, the real ones again. Refused
    /// while anything real is unfinished; a terminal left in training comes back in it after a power cut.
    /// </summary>
    public sealed class TrainingFlow : Flow
    {
        private Training.TrainingMode? _training;

        /// <summary>The training mode of <paramref name="cashier"/>'s terminal.</summary>
        public TrainingFlow(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>The training session's parts, once training mode has been used.</summary>
        public Training.TrainingMode? Session => _training;

        // Why training mode cannot be switched now (empty: it can).
        private string Refusal()
        {
            PaymentStore live = C.Live.Store;
            if (live.Identity == null)
            {
                return C.T(Texts.SetUpFirst);
            }

            if (!C.Training && live.SettlementStage != SettleStage.None)
            {
                return C.T(Texts.FinishSettlementFirst);
            }

            return C.Spooler.Printing ? C.T(Texts.PrintingTryAgain) : string.Empty;
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            string problem = Refusal();
            if (problem.Length > 0)
            {
                C.ShowMessage(C.T(Texts.TitleTraining), problem);
                return;
            }

            bool on = !C.Training;
            if (!C.Live.Store.SetTraining(on))
            {
                C.ShowMessage(C.T(Texts.TitleTraining), C.Live.Store.Problem);
                return;
            }

            if (on && !Enter(out problem))
            {
                C.Live.Store.SetTraining(false);
                C.ShowMessage(C.T(Texts.TitleTraining), problem);
                return;
            }

            if (!on)
            {
                _training?.Stop();
                C.Use(C.Live);
            }

            C.ShowMessage(C.T(Texts.TitleTraining), C.T(on ? Texts.TrainingOn : Texts.TrainingOff));
        }

        /// <summary>At power-up, after the real batch's recovery: a terminal left in training mode comes back in it (with an empty training batch), never silently live.</summary>
        public void Resume()
        {
            if (C.Live.Store.Training && !C.Training && C.Devices.Random != null)
            {
                string problem;
                if (!Enter(out problem))
                {
                    C.Nav.LastMessage = problem;
                }
            }
        }

        // Training's own engine on a fresh RAM batch; the real batch, journal and host stay as they are.
        private bool Enter(out string problem)
        {
            PaymentStore live = C.Live.Store;
            if (_training == null)
            {
                _training = new Training.TrainingMode(C.Loop, C.Live.Session.Profile, C.Crypto, C.Devices.Random!);
            }

            if (!_training.Start(live.Identity!, live.Batch, live.Operator, out problem))
            {
                return false;
            }

            C.Use(_training.Engine!);
            C.Store.SetLanguage(C.Lang); // the training engine's messages in the terminal's language
            CopyCatalog(live);
            return true;
        }

        // Training sells from a copy of the real catalog at today's stock, kept in the training batch's RAM journal:
        // staff practise item sales and the real stock never moves.
        private void CopyCatalog(PaymentStore live)
        {
            ItemCatalog real = live.Catalog;
            if (real.Count == 0)
            {
                return;
            }

            ItemCatalog copy = new ItemCatalog();
            copy.CopyFrom(real);
            for (int i = 0; i < copy.Count; i++)
            {
                copy.SetStock(i, live.Stock(i));
            }

            C.Store.ReplaceCatalog(copy);
        }
    }
}
