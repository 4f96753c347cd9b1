using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>Why a merchant-presented QR order ended unpaid (<see cref="TxnEntry.OrderEnd"/>).</summary>
    public static class QrOrderEnd
    {
        /// <summary>The cashier cancelled it; the host closed it.</summary>
        public const int Cancelled = 1;
        /// <summary>Not paid within the terminal's wait; the host closed it.</summary>
        public const int TimedOut = 2;
        /// <summary>The host had closed it already (expired there) or never made it.</summary>
        public const int ClosedByHost = 3;
    }

    /// <summary>
    /// QrOrder (0x18): the host made the order for the request with batch (u24) and STAN (u24): its order number
    /// (length-prefixed ASCII, at most <see cref="MaxOrderNumber"/>). Written when the order's answer arrives.
    /// </summary>
    public sealed class QrOrderRecord : StoreRecord
    {
        /// <summary>Longest order number kept.</summary>
        public const int MaxOrderNumber = 32;

        /// <summary>Batch of the order's request.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>The host's order number.</summary>
        public string OrderNumber = string.Empty;

        /// <summary>An empty record.</summary>
        public QrOrderRecord()
            : base(PaymentRecord.QrOrder)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Codec.PutText(b, Codec.Put24(b, Codec.Put24(b, at, Batch), Stan), OrderNumber, MaxOrderNumber);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 6 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            int p = Codec.GetText(b, at + 6, end, out OrderNumber);
            return p == end && OrderNumber.Length <= MaxOrderNumber;
        }

        /// <summary>Gives <paramref name="e"/> its order number.</summary>
        public void ApplyTo(TxnEntry? e)
        {
            if (e != null)
            {
                e.QrPart().OrderNumber = OrderNumber;
            }
        }
    }

    /// <summary>
    /// Wallet (0x19): the wallet that paid the QR payment with batch (u24) and STAN (u24): its channel (u8,
    /// <see cref="TxnChannel"/>) and its own order number (length-prefixed ASCII, at most
    /// <see cref="QrOrderRecord.MaxOrderNumber"/>). Written just before the approved outcome, for a merchant-presented
    /// order and for a scanned payment code alike, so a slip reprinted after a power cut still names them.
    /// </summary>
    public sealed class WalletRecord : StoreRecord
    {
        /// <summary>Batch of the payment's request.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>The wallet (<see cref="TxnChannel"/>, never Card).</summary>
        public int Channel;

        /// <summary>The wallet's order number.</summary>
        public string WalletOrder = string.Empty;

        /// <summary>An empty record.</summary>
        public WalletRecord()
            : base(PaymentRecord.Wallet)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);
            b[p++] = (byte)Channel;
            return Codec.PutText(b, p, WalletOrder, QrOrderRecord.MaxOrderNumber);
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 7 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            Channel = b[at + 6];
            int p = Codec.GetText(b, at + 7, end, out WalletOrder);
            return p == end && WalletOrder.Length <= QrOrderRecord.MaxOrderNumber && TxnChannel.IsQr(Channel) && Channel < TxnChannel.Count;
        }

        /// <summary>Gives <paramref name="e"/> its wallet and the wallet's order number.</summary>
        public void ApplyTo(TxnEntry? e)
        {
            if (e != null)
            {
                e.Channel = Channel;
                e.QrPart().WalletOrder = WalletOrder;
            }
        }
    }

    /// <summary>
    /// QrOrderClosed (0x1A): the host closed the order with batch (u24) and STAN (u24) unpaid, or said it had none; why
    /// (u8, <see cref="QrOrderEnd"/>). The order's sale is then declined: nothing was charged.
    /// </summary>
    public sealed class QrOrderClosedRecord : StoreRecord
    {
        /// <summary>Batch of the order's request.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary><see cref="QrOrderEnd"/>.</summary>
        public int Reason;

        /// <summary>An empty record.</summary>
        public QrOrderClosedRecord()
            : base(PaymentRecord.QrOrderClosed)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);
            b[p] = (byte)Reason;
            return p + 1;
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 7 != end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            Reason = b[at + 6];
            return Reason >= QrOrderEnd.Cancelled && Reason <= QrOrderEnd.ClosedByHost;
        }

        /// <summary>An open order of <paramref name="e"/> becomes declined, with why it ended.</summary>
        public void ApplyTo(TxnEntry? e)
        {
            if (e != null && e.OpenOrder)
            {
                e.State = TxnState.Declined;
                e.QrPart().OrderEnd = Reason;
            }
        }
    }
}
