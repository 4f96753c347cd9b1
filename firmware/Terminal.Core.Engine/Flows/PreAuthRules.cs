using Terminal.Core.Payments;
using Terminal.Core.Ui;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// What the terminal checks before it sends a request of the pre-authorization family (docs/pre-authorization.md):
    /// a pre-auth takes a bank card; a pre-auth void needs an approved pre-auth of the batch that no completion has used (or, for one of an earlier batch,
    /// an auth code of 6, a date and an amount);
    /// a completion (request or advice) an auth code of 6 and a date, and when its pre-auth is in the batch, one still
    /// standing and an amount within the completion limit; a completion void an approved completion of the batch.
    /// </summary>
    public static class PreAuthRules
    {
        /// <summary>Why <paramref name="r"/> (a request of the family, its original filled in) cannot go, or empty.</summary>
        public static string Problem(PaymentStore store, TxnEntry r)
        {
            int lang = store.Language;
            switch (r.Kind)
            {
                case TxnKind.PreAuth:
                    return r.Channel != TxnChannel.Card ? Texts.Get(lang, Texts.PreAuthCardOnly)
                        : r.Amount <= 0 ? Texts.Get(lang, Texts.EnterAmount) : string.Empty;
                case TxnKind.PreAuthVoid:
                    // One of an earlier batch (no STAN here) is known by its auth code and date: the host checks it.
                    return r.OriginalStan == 0 ? CompletionProblem(store, r) : PreAuthProblem(store, store.FindStan(r.OriginalBatch, r.OriginalStan));
                case TxnKind.Completion:
                case TxnKind.CompletionAdvice:
                    return CompletionProblem(store, r);
                case TxnKind.CompletionVoid:
                    return CompletionVoidProblem(store, store.FindStan(r.OriginalBatch, r.OriginalStan));
                default:
                    return string.Empty;
            }
        }

        /// <summary>Why <paramref name="preAuth"/> can be neither voided nor completed, or empty: approved, not voided, no completion standing.</summary>
        public static string PreAuthProblem(PaymentStore store, TxnEntry? preAuth)
        {
            int lang = store.Language;
            if (preAuth == null)
            {
                return Texts.Get(lang, Texts.NoSuchTransaction);
            }

            if (preAuth.Kind != TxnKind.PreAuth)
            {
                return Texts.Get(lang, Texts.NotAPreAuth);
            }

            if (preAuth.State != TxnState.Approved || preAuth.Voided)
            {
                return Texts.Format(lang, Texts.PreAuthIs, preAuth.Voided ? Texts.Get(lang, Texts.StateVoided) : TxnState.Text(preAuth.State, lang));
            }

            return StandingCompletion(store, preAuth) != null ? Texts.Format(lang, Texts.PreAuthIs, Texts.Get(lang, Texts.StateCompleted)) : string.Empty;
        }

        /// <summary>Why <paramref name="completion"/> cannot be voided, or empty: an approved completion (request, or advice the host has answered) not voided.</summary>
        public static string CompletionVoidProblem(PaymentStore store, TxnEntry? completion)
        {
            int lang = store.Language;
            if (completion == null)
            {
                return Texts.Get(lang, Texts.NoSuchTransaction);
            }

            if (completion.Kind != TxnKind.Completion && completion.Kind != TxnKind.CompletionAdvice)
            {
                return Texts.Get(lang, Texts.NotACompletion);
            }

            if (completion.Voided)
            {
                return Texts.Get(lang, Texts.AlreadyVoided);
            }

            if (completion.Kind == TxnKind.CompletionAdvice && !completion.AdviceSent && completion.State == TxnState.Approved)
            {
                return Texts.Get(lang, Texts.AdviceNotAnsweredYet); // no RRN of the host's to name in F37 yet
            }

            return completion.State != TxnState.Approved ? Texts.Format(lang, Texts.SaleNotApproved, TxnState.Text(completion.State, lang)) : string.Empty;
        }

        /// <summary>
        /// A completion (request or advice) of the batch that uses <paramref name="preAuth"/> and still stands: approved or
        /// not yet answered (an advice approved offline, a request in flight or being reversed), and not voided.
        /// </summary>
        public static TxnEntry? StandingCompletion(PaymentStore store, TxnEntry preAuth)
        {
            for (int i = 0; i < store.Count; i++)
            {
                TxnEntry t = store.At(i);
                if ((t.Kind == TxnKind.Completion || t.Kind == TxnKind.CompletionAdvice) && t.OriginalStan == preAuth.Stan
                    && t.OriginalBatch == preAuth.Batch && !t.Voided
                    && (t.State == TxnState.Approved || t.State == TxnState.Pending || t.State == TxnState.ReversalPending))
                {
                    return t;
                }
            }

            return null;
        }

        private static string CompletionProblem(PaymentStore store, TxnEntry r)
        {
            int lang = store.Language;
            if (r.OriginalAuthCode.Length != 6)
            {
                return Texts.Get(lang, Texts.AuthCodeDigits);
            }

            int month = r.OriginalDateMmdd / 100;
            int day = r.OriginalDateMmdd % 100;
            if (month < 1 || month > 12 || day < 1 || day > 31)
            {
                return Texts.Get(lang, Texts.DateIsMmdd);
            }

            if (r.Amount <= 0)
            {
                return Texts.Get(lang, Texts.EnterAmount);
            }

            if (r.OriginalStan == 0)
            {
                return string.Empty; // a pre-auth of an earlier batch: the host checks it
            }

            TxnEntry? preAuth = store.FindStan(r.OriginalBatch, r.OriginalStan);
            string problem = PreAuthProblem(store, preAuth);
            if (problem.Length > 0)
            {
                return problem;
            }

            long limit = TxnKind.CompletionLimit(preAuth!.Amount);
            return r.Amount > limit ? Texts.Format(lang, Texts.AboveCompletionLimit, Money.FormatCny(limit)) : string.Empty;
        }
    }
}
