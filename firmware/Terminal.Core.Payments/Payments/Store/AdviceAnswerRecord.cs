using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// AdviceAnswer (0x16): the host answered the completion advice with batch (u24) and STAN (u24): its F39 (text, 2) and
    /// F37 (text, 12). The advice stood approved at the terminal since it was journaled; 00 leaves it so with the host's
    /// RRN, and so does 94 (a duplicate: the host booked it already); any other code declines it (the host does not hold it,
    /// so neither do the books).
    /// </summary>
    public sealed class AdviceAnswerRecord : StoreRecord
    {
        /// <summary>Batch of the advice.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>F39 of the host's answer.</summary>
        public string ResponseCode = string.Empty;

        /// <summary>F37 of the host's answer (empty when none).</summary>
        public string Rrn = string.Empty;

        /// <summary>An empty record.</summary>
        public AdviceAnswerRecord()
            : base(PaymentRecord.AdviceAnswer)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);
            p = Codec.PutText(b, p, ResponseCode, 2);
            return Codec.PutText(b, p, Rrn, 12);
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 6 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            int p = Codec.GetText(b, at + 6, end, out ResponseCode);
            p = p < 0 ? -1 : Codec.GetText(b, p, end, out Rrn);
            return p >= 0 && ResponseCode.Length == 2 && Rrn.Length <= 12;
        }
    }

    /// <summary>
    /// AdviceUnanswered (0x1F): a run of sends of the completion advice with batch (u24) and STAN (u24) ended without a
    /// usable answer (none in time, a bad MAC, an undecodable one). After <see cref="PaymentStore.AdviceRuns"/> of them
    /// the advice is no longer sent: it stays in the books as approved at the terminal, for the merchant to follow up.
    /// </summary>
    public sealed class AdviceUnansweredRecord : StoreRecord
    {
        /// <summary>Batch of the advice.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>An empty record.</summary>
        public AdviceUnansweredRecord()
            : base(PaymentRecord.AdviceUnanswered)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 6 != end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            return true;
        }
    }
}
