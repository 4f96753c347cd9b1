using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>Provision (0x01): terminal ID (8 characters) and merchant ID (15), each length-prefixed ASCII.</summary>
    public sealed class ProvisionRecord : StoreRecord
    {
        /// <summary>Terminal ID (F41).</summary>
        public string TerminalId = string.Empty;

        /// <summary>Merchant ID (F42).</summary>
        public string MerchantId = string.Empty;

        /// <summary>An empty record.</summary>
        public ProvisionRecord()
            : base(PaymentRecord.Provision)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => EncodeIds(b, at, TerminalId, MerchantId);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end) => DecodeIds(b, at, end, out TerminalId, out MerchantId) > 0;

        // TID then MID, as the provisioning record and the snapshot both begin.
        internal static int EncodeIds(byte[] b, int at, string terminalId, string merchantId)
        {
            int p = Codec.PutText(b, at, terminalId, 8);
            return Codec.PutText(b, p, merchantId, 15);
        }

        // Reads TID and MID; the offset after them, or -1 when cut short or of the wrong length.
        internal static int DecodeIds(byte[] b, int at, int end, out string terminalId, out string merchantId)
        {
            merchantId = string.Empty;
            int p = Codec.GetText(b, at, end, out terminalId);
            p = p < 0 ? -1 : Codec.GetText(b, p, end, out merchantId);
            return p < 0 || terminalId.Length != 8 || merchantId.Length != 15 ? -1 : p;
        }
    }

    /// <summary>
    /// A counter's new value: StanReserve (0x02, the STAN reserved up to, u24), Batch (0x03, the batch number from
    /// sign-in, u24) or Operator (0x05, the operator logged on, u8).
    /// </summary>
    public sealed class CounterRecord : StoreRecord
    {
        /// <summary>The value.</summary>
        public int Value;

        /// <summary>An empty record of <paramref name="type"/>: <see cref="PaymentRecord.StanReserve"/>, <see cref="PaymentRecord.Batch"/> or <see cref="PaymentRecord.Operator"/>.</summary>
        public CounterRecord(int type)
            : base(type)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            if (Type == PaymentRecord.Operator)
            {
                b[at] = (byte)Value;
                return at + 1;
            }

            return Codec.Put24(b, at, Value);
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            bool one = Type == PaymentRecord.Operator;
            if (at + (one ? 1 : 3) > end)
            {
                return false;
            }

            Value = one ? b[at] : Codec.Get24(b, at);
            return true;
        }
    }
}
