using System.Collections;

namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// The transactions of the open batch, oldest first, and what a void, a refund or a reversal does to the sale
    /// it concerns. Records: Request, Outcome, Reversed, Printed, ChipResult, and SaleItems (the lines its request claims).
    /// </summary>
    internal sealed class TransactionLog
    {
        /// <summary>Request (0x10).</summary>
        public readonly RequestRecord RequestRecord = new RequestRecord();

        /// <summary>Outcome (0x11).</summary>
        public readonly OutcomeRecord OutcomeRecord = new OutcomeRecord();

        /// <summary>Reversed (0x12).</summary>
        public readonly ReversedRecord ReversedRecord = new ReversedRecord();

        /// <summary>Printed (0x13).</summary>
        public readonly PrintedRecord PrintedRecord = new PrintedRecord();

        /// <summary>ChipResult (0x14).</summary>
        public readonly ChipResultRecord ChipResultRecord = new ChipResultRecord();

        /// <summary>ChipAdviceSent (0x15).</summary>
        public readonly ChipAdviceSentRecord ChipAdviceSentRecord = new ChipAdviceSentRecord();

        /// <summary>AdviceAnswer (0x16).</summary>
        public readonly AdviceAnswerRecord AdviceAnswerRecord = new AdviceAnswerRecord();

        /// <summary>AdviceUnanswered (0x1F).</summary>
        public readonly AdviceUnansweredRecord AdviceUnansweredRecord = new AdviceUnansweredRecord();

        /// <summary>SaleItems (0x24).</summary>
        public readonly SaleItemsRecord SaleItemsRecord = new SaleItemsRecord();

        private readonly ArrayList _txns = new ArrayList();

        // The batch and STAN of the last SaleItems record, until the request they belong to claims them (-1: none).
        private int _stagedBatch = -1;
        private int _stagedStan;

        /// <summary>Transactions in the batch.</summary>
        public int Count => _txns.Count;

        /// <summary>The i-th transaction, oldest first.</summary>
        public TxnEntry At(int i) => (TxnEntry)_txns[i]!;

        /// <summary>As before the first record.</summary>
        public void Reset()
        {
            _txns.Clear();
            _stagedBatch = -1;
        }

        /// <summary>The batch is closed (settled, or restated by a snapshot).</summary>
        public void Clear() => _txns.Clear();

        /// <summary>Lines wait for the request with their batch and STAN.</summary>
        public void Apply(SaleItemsRecord r)
        {
            _stagedBatch = r.Batch;
            _stagedStan = r.Stan;
        }

        /// <summary>Adds the request (pending), with the lines staged for it; null when its batch and STAN are already there.</summary>
        public TxnEntry? Apply(RequestRecord r)
        {
            TxnEntry e = r.Entry;
            if (FindStan(e.Batch, e.Stan) != null)
            {
                return null;
            }

            e.Items = _stagedBatch == e.Batch && _stagedStan == e.Stan && e.Kind == TxnKind.Sale ? SaleItemsRecord.Items.Clone() : null;
            _stagedBatch = -1;
            _txns.Add(e);
            return e;
        }

        /// <summary>The host's answer: an approved void marks its sale, an approved refund counts against its sale.</summary>
        public void Apply(OutcomeRecord r)
        {
            TxnEntry? e = FindStan(r.Batch, r.Stan);
            if (e == null)
            {
                return;
            }

            e.State = r.State;
            e.ResponseCode = r.ResponseCode;
            e.Rrn = r.Rrn;
            e.AuthCode = r.AuthCode;
            e.IssuerId = r.IssuerId;
            e.AcquirerId = r.AcquirerId;
            if (r.DateMmdd > 0)
            {
                e.DateMmdd = r.DateMmdd;
                e.TimeHhmmss = r.TimeHhmmss;
            }

            if (r.State != TxnState.Approved)
            {
                return;
            }

            if (TxnKind.IsVoid(e.Kind) || e.Kind == TxnKind.Completion || e.Kind == TxnKind.CompletionAdvice)
            {
                ApplyToOriginal(e, true);
            }
            else if (e.Kind == TxnKind.Refund)
            {
                TxnEntry? sale = FindSaleByRrn(e.OriginalRrn);
                if (sale != null)
                {
                    sale.Refunded += e.Amount;
                }
            }
        }

        /// <summary>A reversal was acknowledged: as if the request never happened (a reversed approved void un-voids its sale).</summary>
        public void Apply(ReversedRecord r)
        {
            TxnEntry? e = FindStan(r.Batch, r.Stan);
            if (e == null)
            {
                return;
            }

            bool wasApproved = e.State == TxnState.Approved;
            e.State = TxnState.Reversed;
            if (wasApproved && (TxnKind.IsVoid(e.Kind) || e.Kind == TxnKind.Completion))
            {
                ApplyToOriginal(e, false);
            }
        }

        // What an approved void or completion does to the transaction it refers to (when that is in this batch), and a
        // reversal undoes: a void cancels its sale, pre-auth or completion; a completion uses its pre-auth; a completion
        // void gives the pre-auth back (the host places the hold again), so it may be completed anew.
        private void ApplyToOriginal(TxnEntry e, bool approved)
        {
            TxnEntry? original = e.OriginalStan > 0 ? FindStan(e.OriginalBatch, e.OriginalStan) : null;
            if (original == null)
            {
                return;
            }

            if (TxnKind.IsVoid(e.Kind))
            {
                original.Voided = approved;
                if (e.Kind == TxnKind.CompletionVoid)
                {
                    TxnEntry? preAuth = original.OriginalStan > 0 ? FindStan(original.OriginalBatch, original.OriginalStan) : null;
                    if (preAuth != null && preAuth.Kind == TxnKind.PreAuth)
                    {
                        preAuth.Completed = !approved;
                    }
                }
            }
            else if (original.Kind == TxnKind.PreAuth)
            {
                original.Completed = approved;
            }
        }

        /// <summary>
        /// The host answered a completion advice: 00 keeps it approved (with the host's RRN); another code declines it and
        /// gives its pre-auth back. A Pending advice (cut before its local approval was journaled) takes the host's word.
        /// </summary>
        public void Apply(AdviceAnswerRecord r)
        {
            TxnEntry? e = FindStan(r.Batch, r.Stan);
            if (e == null || e.Kind != TxnKind.CompletionAdvice)
            {
                return;
            }

            bool wasApproved = e.State == TxnState.Approved;
            bool approved = r.ResponseCode == "00" || r.ResponseCode == "94"; // 94: a duplicate, the host has it
            e.AdviceProgress = TxnEntry.AdviceAnswered;
            e.ResponseCode = r.ResponseCode;
            e.State = approved ? TxnState.Approved : TxnState.Declined;
            if (r.Rrn.Length > 0)
            {
                e.Rrn = r.Rrn;
            }

            if (e.AuthCode.Length == 0)
            {
                e.AuthCode = e.OriginalAuthCode;
            }

            if (approved != wasApproved)
            {
                ApplyToOriginal(e, approved);
            }
        }

        /// <summary>A run of sends of a completion advice went unanswered: one more miss.</summary>
        public void Apply(AdviceUnansweredRecord r)
        {
            TxnEntry? e = FindStan(r.Batch, r.Stan);
            if (e != null && e.Kind == TxnKind.CompletionAdvice && !e.AdviceSent)
            {
                e.AdviceProgress++;
            }
        }

        /// <summary>Receipt copies printed.</summary>
        public void Apply(PrintedRecord r)
        {
            TxnEntry? e = FindStan(r.Batch, r.Stan);
            if (e != null)
            {
                e.Printed |= r.Copies;
            }
        }

        /// <summary>
        /// The card's completion: its TC, or its AAC after the host approved, which marks the sale card-declined and to be
        /// reversed (an AAC after a decline changes nothing: there is nothing to undo).
        /// </summary>
        public void Apply(ChipResultRecord r)
        {
            TxnEntry? e = FindStan(r.Batch, r.Stan);
            if (e == null || e.Chip == null)
            {
                return;
            }

            ChipData c = e.Chip;
            c.FinalCid = r.Result.FinalCid;
            System.Array.Copy(r.Result.FinalCryptogram, c.FinalCryptogram, 8);
            System.Array.Copy(r.Result.Tvr, c.Tvr, 5);
            c.Tsi = r.Result.Tsi;
            c.SetScriptResults(r.Result.ScriptResults, 0, r.Result.ScriptResultsLength);
            if (CryptogramKind.Of(c.FinalCid) != CryptogramKind.Tc && e.State == TxnState.Approved)
            {
                e.CardDeclined = true;
                e.State = TxnState.ReversalPending;
            }
        }

        /// <summary>
        /// After replay: a reversible request the host never answered is to be reversed; so is an inserted chip sale the
        /// host approved but whose card never completed (power cut or card pulled before the second GENERATE AC).
        /// </summary>
        public void ResolveInFlight()
        {
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.State == TxnState.Pending && t.Reversible && t.Mode != EntryMode.QrOrder)
                {
                    t.State = TxnState.ReversalPending;
                }
                else if (t.State == TxnState.Approved && t.Mode == EntryMode.Inserted && t.Chip != null && !t.Chip.Completed)
                {
                    t.CardDeclined = true;
                    t.State = TxnState.ReversalPending;
                }
            }
        }

        /// <summary>Items of <paramref name="code"/> the batch's standing sales (approved, not voided, not wholly refunded) took from stock.</summary>
        public int SoldInBatch(int code)
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.Items != null && t.Kind == TxnKind.Sale && t.State == TxnState.Approved && !t.Voided && t.Refunded < t.Amount)
                {
                    n += t.Items.QuantityOf(code);
                }
            }

            return n;
        }

        /// <summary>A chip advice of the sale was answered.</summary>
        public void Apply(ChipAdviceSentRecord r)
        {
            TxnEntry? e = FindStan(r.Batch, r.Stan);
            if (e != null)
            {
                e.ChipAdvicesSent |= r.Advice;
            }
        }

        /// <summary>
        /// The oldest chip advice owed, its bit (0 when none) and its sale: a script-result notification for every
        /// chip sale whose card ran issuer scripts, a TC upload for every approved sale whose card gave a TC.
        /// </summary>
        public int NextChipAdvice(out TxnEntry? sale)
        {
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                ChipData? c = t.Chip;
                if (c == null || !c.Completed || t.Kind != TxnKind.Sale)
                {
                    continue;
                }

                if (c.ScriptResultsLength > 0 && (t.ChipAdvicesSent & PaymentStore.ChipAdviceScriptResult) == 0)
                {
                    sale = t;
                    return PaymentStore.ChipAdviceScriptResult;
                }

                if (t.State == TxnState.Approved && CryptogramKind.Of(c.FinalCid) == CryptogramKind.Tc
                    && (t.ChipAdvicesSent & PaymentStore.ChipAdviceTcUpload) == 0)
                {
                    sale = t;
                    return PaymentStore.ChipAdviceTcUpload;
                }
            }

            sale = null;
            return 0;
        }

        /// <summary>A merchant-presented QR order still open (to query, then book or close), or null.</summary>
        public TxnEntry? OpenOrder()
        {
            for (int i = 0; i < _txns.Count; i++)
            {
                if (At(i).OpenOrder)
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>The next reversal, refund resend or completion advice to send before anything new, or null.</summary>
        public TxnEntry? NextUnresolved()
        {
            for (int i = 0; i < _txns.Count; i++)
            {
                if (Unresolved(At(i)))
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>Unresolved requests (reversals and refund resends) waiting.</summary>
        public int UnresolvedCount()
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                n += Unresolved(At(i)) ? 1 : 0;
            }

            return n;
        }

        /// <summary>An approved transaction whose merchant copy is not printed yet, or null.</summary>
        public TxnEntry? NextUnprinted()
        {
            for (int i = 0; i < _txns.Count; i++)
            {
                TxnEntry t = At(i);
                if (t.State == TxnState.Approved && (t.Printed & 1) == 0)
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>The transaction with invoice number <paramref name="invoice"/>, or null.</summary>
        public TxnEntry? FindInvoice(int invoice)
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                if (At(i).Invoice == invoice)
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>The transaction with STAN <paramref name="stan"/> in batch <paramref name="batch"/>, or null.</summary>
        public TxnEntry? FindStan(int batch, int stan)
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                TxnEntry t = At(i);
                if (t.Stan == stan && t.Batch == batch)
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>The sale with reference number <paramref name="rrn"/>, or null.</summary>
        public TxnEntry? FindSaleByRrn(string rrn)
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                TxnEntry t = At(i);
                if (t.Kind == TxnKind.Sale && t.Rrn == rrn)
                {
                    return t;
                }
            }

            return null;
        }

        /// <summary>The last approved transaction, or null.</summary>
        public TxnEntry? LastApproved()
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                if (At(i).State == TxnState.Approved)
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>Approved transactions that settlement would upload (sales not voided, refunds).</summary>
        public int SettlingCount()
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                n += At(i).Settles ? 1 : 0;
            }

            return n;
        }

        /// <summary>The <paramref name="index"/>-th settling transaction (0-based), or null.</summary>
        public TxnEntry? SettlingAt(int index)
        {
            int n = 0;
            for (int i = 0; i < _txns.Count; i++)
            {
                if (At(i).Settles && n++ == index)
                {
                    return At(i);
                }
            }

            return null;
        }

        /// <summary>The pre-auth of this batch with authorization code <paramref name="authCode"/>, or null.</summary>
        public TxnEntry? FindPreAuth(string authCode)
        {
            for (int i = _txns.Count - 1; i >= 0; i--)
            {
                TxnEntry t = At(i);
                if (t.Kind == TxnKind.PreAuth && t.AuthCode == authCode && t.State == TxnState.Approved)
                {
                    return t;
                }
            }

            return null;
        }

        // A reversal owed, or a refund or completion advice to (re)send (neither is reversible); an advice unanswered in
        // PaymentStore.AdviceRuns runs is given up (no longer sent).
        private static bool Unresolved(TxnEntry t) => t.State == TxnState.ReversalPending
            || (t.Kind == TxnKind.CompletionAdvice ? t.AdviceMisses < PaymentStore.AdviceRuns && !t.AdviceSent && (t.State == TxnState.Approved || t.State == TxnState.Pending)
                : t.State == TxnState.Pending && !t.Reversible);
    }
}
