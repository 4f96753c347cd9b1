using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// The advices a chip sale owes the host after the card has finished, as the CUP profile sends them
    /// (docs/emv-contact.md): the script-result notification (0620, 60.3 = 951, DF31 in field 55) when the issuer
    /// sent scripts, and the TC upload (0320, 60.3 = 203, the TC in field 55) of an approved sale. Each refers to its
    /// sale by F37 (RRN) and F61 (batch, STAN, date), takes a STAN of its own, and is built from the journal's
    /// <see cref="ChipData"/>, so one resent after a reboot is the same advice. <see cref="ReversalFlow"/> sends them.
    /// </summary>
    internal sealed class ChipAdvice
    {
        /// <summary>The script-result notification (the kind's journal bit).</summary>
        internal const int ScriptResult = PaymentStore.ChipAdviceScriptResult;

        /// <summary>The TC upload (the kind's journal bit).</summary>
        internal const int TcUpload = PaymentStore.ChipAdviceTcUpload;

        /// <summary>F60.3 of the script-result notification.</summary>
        internal const int ScriptResultCode = 951;

        /// <summary>F60.3 of an IC card online transaction's detail: the TC upload.</summary>
        internal const int TcUploadCode = 203;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly byte[] _icc = new byte[ChipField55.Capacity];

        /// <summary>The kind of the advice waiting for its answer, 0 when none.</summary>
        internal int Kind;

        /// <summary>An advice builder over the session and the store.</summary>
        internal ChipAdvice(HostSession session, PaymentStore store)
        {
            _session = session;
            _store = store;
        }

        /// <summary>
        /// Builds and sends the advice of <paramref name="kind"/> for <paramref name="e"/> (a new STAN from the block
        /// reserved on flash); false when it cannot be sent (nothing went).
        /// </summary>
        internal bool Send(IHostExchangeHandler handler, TxnEntry e, int kind, int timeoutMs)
        {
            TerminalIdentity? identity = _store.Identity;
            if (identity == null || !_store.ReserveStans())
            {
                return false;
            }

            int stan = identity.NextStan();
            Iso8583Message m = _session.NewRequest(kind == TcUpload ? 320 : 620);
            m.Set(Field.ProcessingCode, e.ProcessingCode);
            m.SetNumber(Field.Amount, e.Amount);
            m.SetNumber(Field.Stan, stan);
            m.Set(Field.EntryMode, EntryMode.Field22(e.Mode));
            m.Set(Field.ConditionCode, "00");
            if (e.Rrn.Length == 12)
            {
                m.Set(Field.Rrn, e.Rrn);
            }

            m.Set(Field.TerminalId, identity.TerminalId);
            m.Set(Field.MerchantId, identity.MerchantId);
            m.Set(Field.Currency, FinancialRequest.Cny);
            AddChipData(m, e, kind == TcUpload ? ChipField55.TcUpload : ChipField55.ScriptResult);
            HostSession.SetField60(m, 0, e.Batch, kind == TcUpload ? TcUploadCode : ScriptResultCode);
            m.BeginField(Field.OriginalData);
            m.AppendDigits(e.Batch, 6);
            m.AppendDigits(e.Stan, 6);
            m.AppendDigits(e.DateMmdd, 4);
            m.EndField();
            Kind = kind;
            if (!_session.Send(handler, timeoutMs, true))
            {
                Kind = 0;
                return false;
            }

            return true;
        }

        /// <summary>F23 (the card sequence number) and field 55 of <paramref name="list"/> (<see cref="ChipField55"/>) for a chip sale; nothing for another.</summary>
        internal void AddChipData(Iso8583Message m, TxnEntry e, int list)
        {
            if (e.Chip == null)
            {
                return;
            }

            if (e.Chip.PanSequence >= 0)
            {
                m.SetNumber(Field.CardSequence, e.Chip.PanSequence, 3);
            }

            TerminalIdentity? identity = _store.Identity;
            int n = ChipField55.Build(list, e, identity != null ? identity.TerminalId : string.Empty, _icc);
            if (n > 0)
            {
                m.Set(Field.IccData, _icc, 0, n);
            }
        }
    }
}
