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
        internal static Iso8583Message Start(HostSession session, TerminalIdentity identity, int mti, TxnEntry e) =>
            Start(session, identity, mti, e, e.ProcessingCode, e.MessageType, Operator(e.Operator));

        /// <summary>As <see cref="Start(HostSession, TerminalIdentity, int, TxnEntry)"/> with another F3 and F60.1, and F63 given (the QR order's messages).</summary>
        internal static Iso8583Message Start(HostSession session, TerminalIdentity identity, int mti, TxnEntry e, string processingCode, int type, string operatorField)
        {
            Iso8583Message m = session.NewRequest(mti);
            m.Set(Field.ProcessingCode, processingCode);
            m.SetNumber(Field.Amount, e.Amount);
            m.SetNumber(Field.Stan, e.Stan);
            m.Set(Field.EntryMode, EntryMode.Field22(e.Mode));
            m.Set(Field.ConditionCode, e.ConditionCode);
            m.Set(Field.TerminalId, identity.TerminalId);
            m.Set(Field.MerchantId, identity.MerchantId);
            m.Set(Field.Currency, Cny);
            SetField60(m, type, e.Batch, 0, e.Mode);
            m.Set(Field.OperatorData, operatorField);
            return m;
        }

        /// <summary>F60.4 of a card read by the chip reader or its fallback: the terminal reads contact and contactless chips and stripes (6).</summary>
        internal const int ReadCapability = 6;

        /// <summary>
        /// F60: 60.1 type, 60.2 batch, 60.3 network code; for an inserted chip card or a fallback swipe also 60.4 the
        /// terminal's read capability and 60.5 the IC condition code (2 after a chip failure), as CUP asks of a
        /// chip-capable terminal (docs/emv-contact.md). Other entries keep the three sub-fields they always had.
        /// </summary>
        internal static void SetField60(Iso8583Message m, int type, int batch, int networkCode, int mode)
        {
            if (mode != EntryMode.Inserted && mode != EntryMode.Fallback)
            {
                HostSession.SetField60(m, type, batch, networkCode);
                return;
            }

            m.BeginField(Field.MessageInfo);
            m.AppendDigits(type, 2);
            m.AppendDigits(batch, 6);
            m.AppendDigits(networkCode, 3);
            m.AppendDigits(ReadCapability, 1);
            m.AppendDigits(EntryMode.IcCondition(mode), 1);
            m.EndField();
        }

        /// <summary>
        /// The original a request refers to: a void's or refund's F37 (its RRN) and F61 (a void's batch and STAN, a
        /// refund's zeros and MMDD); for the pre-authorization family see <see cref="AddPreAuthOriginal"/>.
        /// </summary>
        internal static void AddOriginal(Iso8583Message m, TxnEntry e)
        {
            if (e.Kind == TxnKind.Sale || e.Kind == TxnKind.PreAuth)
            {
                return;
            }

            if (TxnKind.IsPreAuthFamily(e.Kind))
            {
                AddPreAuthOriginal(m, e);
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

        /// <summary>
        /// A pre-auth void's, completion's, completion void's or advice's original (docs/pre-authorization.md): F38 its
        /// authorization code, F61 its batch, STAN and date (61.1, 61.2, 61.3; batch and STAN zeros for a pre-auth of an
        /// earlier batch, known only by its auth code and date), and F37 its RRN when the terminal has it (a void's).
        /// </summary>
        internal static void AddPreAuthOriginal(Iso8583Message m, TxnEntry e)
        {
            if (e.OriginalRrn.Length == 12)
            {
                m.Set(Field.Rrn, e.OriginalRrn);
            }

            if (e.OriginalAuthCode.Length > 0)
            {
                m.Set(Field.AuthCode, e.OriginalAuthCode);
            }

            m.BeginField(Field.OriginalData);
            m.AppendDigits(e.OriginalBatch, 6);
            m.AppendDigits(e.OriginalStan, 6);
            m.AppendDigits(e.OriginalDateMmdd, 4);
            m.EndField();
        }

        /// <summary>F63.1: the operator number, two digits and a space.</summary>
        internal static string Operator(int op) => (op < 10 ? "0" : string.Empty) + op.ToString() + " ";
    }
}
