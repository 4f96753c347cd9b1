using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;

namespace Terminal.Core.Flows
{
    /// <summary>
    /// The fields a sale, void or refund shares with its reversal and its resend (F3, F4, F11, F22, F25, F41, F42,
    /// F49, F60 type and batch, F63 operator), and the reference to the original sale a void or refund carries.
    /// </summary>
    internal static class FinancialRequest
    {
        /// <summary>F49 of every request: CNY (ISO 4217 numeric).</summary>
        internal const string Cny = "156";

        /// <summary>A request of <paramref name="mti"/> for <paramref name="e"/>, as its first send built it (no card data).</summary>
        internal static Iso8583Message Start(HostSession session, TerminalIdentity identity, int mti, TxnEntry e)
        {
            Iso8583Message m = session.NewRequest(mti);
            m.Set(Field.ProcessingCode, e.ProcessingCode);
            m.SetNumber(Field.Amount, e.Amount);
            m.SetNumber(Field.Stan, e.Stan);
            m.Set(Field.EntryMode, EntryMode.Field22(e.Mode));
            m.Set(Field.ConditionCode, "00");
            m.Set(Field.TerminalId, identity.TerminalId);
            m.Set(Field.MerchantId, identity.MerchantId);
            m.Set(Field.Currency, Cny);
            HostSession.SetField60(m, e.MessageType, e.Batch, 0);
            m.Set(Field.OperatorData, Operator(e.Operator));
            return m;
        }

        /// <summary>A void's or refund's original: F37 its RRN; F61 a void's batch and STAN, a refund's zeros and MMDD.</summary>
        internal static void AddOriginal(Iso8583Message m, TxnEntry e)
        {
            if (e.Kind == TxnKind.Sale)
            {
                return;
            }

            m.Set(Field.Rrn, e.OriginalRrn);
            m.BeginField(Field.OriginalData);
            if (e.Kind == TxnKind.Void)
            {
                m.AppendDigits(e.OriginalBatch, 6);
                m.AppendDigits(e.OriginalStan, 6);
            }
            else
            {
                m.AppendDigits(0, 12);
                m.AppendDigits(e.OriginalDateMmdd, 4);
            }

            m.EndField();
        }

        /// <summary>F63.1: the operator number, two digits and a space.</summary>
        internal static string Operator(int op) => (op < 10 ? "0" : string.Empty) + op.ToString() + " ";
    }
}
