using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>Request (0x10): the request part of a transaction (<see cref="TxnEntry.EncodeRequest"/>), journaled before its first byte is sent.</summary>
    public sealed class RequestRecord : StoreRecord
    {
        /// <summary>The transaction; decoding gives a new pending one, which applying adds to the batch.</summary>
        public TxnEntry Entry = new TxnEntry();

        /// <summary>An empty record.</summary>
        public RequestRecord()
            : base(PaymentRecord.Request)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => at + Entry.EncodeRequest(b, at);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            Entry = new TxnEntry();
            return Entry.DecodeRequest(b, at, end - at);
        }
    }

    /// <summary>
    /// Outcome (0x11): the host's answer to the request with <see cref="Batch"/> and <see cref="Stan"/>: state (u8,
    /// approved or declined), F39, F37 RRN and F38 auth code (length-prefixed ASCII), host date MMDD (u16) and time
    /// HHMMSS (u24).
    /// </summary>
    public sealed class OutcomeRecord : StoreRecord
    {
        /// <summary>Batch of the request answered.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary><see cref="TxnState.Approved"/> or <see cref="TxnState.Declined"/>.</summary>
        public int State;

        /// <summary>F39.</summary>
        public string ResponseCode = string.Empty;

        /// <summary>F37.</summary>
        public string Rrn = string.Empty;

        /// <summary>F38.</summary>
        public string AuthCode = string.Empty;

        /// <summary>Host date MMDD (F13); 0 when the host sent none (the request's own date stands).</summary>
        public int DateMmdd;

        /// <summary>Host time HHMMSS (F12).</summary>
        public int TimeHhmmss;

        /// <summary>Issuer institution id (F44.1, up to 11 characters); empty when the host sent none.</summary>
        public string IssuerId = string.Empty;

        /// <summary>Acquirer institution id (F44.2, up to 11 characters); empty when the host sent none.</summary>
        public string AcquirerId = string.Empty;

        /// <summary>An empty record.</summary>
        public OutcomeRecord()
            : base(PaymentRecord.Outcome)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, at, Batch);
            p = Codec.Put24(b, p, Stan);
            b[p++] = (byte)State;
            p = Codec.PutText(b, p, ResponseCode, 2);
            p = Codec.PutText(b, p, Rrn, 12);
            p = Codec.PutText(b, p, AuthCode, 6);
            p = Codec.Put16(b, p, DateMmdd);
            p = Codec.Put24(b, p, TimeHhmmss);
            if (IssuerId.Length == 0 && AcquirerId.Length == 0)
            {
                return p; // the layout records had before F44 was kept
            }

            p = Codec.PutText(b, p, IssuerId, 11);
            return Codec.PutText(b, p, AcquirerId, 11);
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
            State = b[at + 6];
            int p = Codec.GetText(b, at + 7, end, out ResponseCode);
            p = p < 0 ? -1 : Codec.GetText(b, p, end, out Rrn);
            p = p < 0 ? -1 : Codec.GetText(b, p, end, out AuthCode);
            if (p < 0 || p + 5 > end || (State != TxnState.Approved && State != TxnState.Declined)
                || ResponseCode.Length > 2 || Rrn.Length > 12 || AuthCode.Length > 6)
            {
                return false;
            }

            DateMmdd = Codec.Get16(b, p);
            TimeHhmmss = Codec.Get24(b, p + 2);
            p += 5;
            IssuerId = string.Empty;
            AcquirerId = string.Empty;
            if (p == end)
            {
                return true; // written before F44 was kept, or the host sent none
            }

            p = Codec.GetText(b, p, end, out IssuerId);
            p = p < 0 ? -1 : Codec.GetText(b, p, end, out AcquirerId);
            return p >= 0 && IssuerId.Length <= 11 && AcquirerId.Length <= 11;
        }
    }

    /// <summary>Reversed (0x12): the host acknowledged the reversal of the request with batch (u24) and STAN (u24).</summary>
    public sealed class ReversedRecord : StoreRecord
    {
        /// <summary>Batch of the request reversed.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>An empty record.</summary>
        public ReversedRecord()
            : base(PaymentRecord.Reversed)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 6 > end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            return true;
        }
    }

    /// <summary>Printed (0x13): receipt copies printed (u8: bit 0 merchant, bit 1 customer) of the transaction with batch (u24) and STAN (u24).</summary>
    public sealed class PrintedRecord : StoreRecord
    {
        /// <summary>Batch of the transaction.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>Copies printed: bit 0 merchant, bit 1 customer.</summary>
        public int Copies;

        /// <summary>An empty record.</summary>
        public PrintedRecord()
            : base(PaymentRecord.Printed)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);
            b[p] = (byte)Copies;
            return p + 1;
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
            Copies = b[at + 6];
            return true;
        }
    }

    /// <summary>
    /// SaleItems (0x24): the item lines (<see cref="SaleItems.Encode"/>) of the sale with batch (u24) and STAN (u24),
    /// written just before its request; lines no request claims are ignored.
    /// </summary>
    public sealed class SaleItemsRecord : StoreRecord
    {
        /// <summary>Batch of the sale.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>The lines (kept here until the request claims a copy).</summary>
        public readonly SaleItems Items = new SaleItems();

        /// <summary>An empty record.</summary>
        public SaleItemsRecord()
            : base(PaymentRecord.SaleItems)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at) => Items.Encode(b, Codec.Put24(b, Codec.Put24(b, at, Batch), Stan));

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + 7 > end || !Items.Decode(b, at + 6, end))
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            return true;
        }
    }

    /// <summary>
    /// ChipResult (0x14): the card's completion of the chip transaction with batch (u24) and STAN (u24), after the
    /// host's answer: 9F27 of the second GENERATE AC (u8), its cryptogram (8, the TC or the AAC), TVR (5) and TSI (u16)
    /// as at completion, issuer script results (DF31, length-prefixed). An AAC after the host approved means the card
    /// declined: the sale is to be reversed.
    /// </summary>
    public sealed class ChipResultRecord : StoreRecord
    {
        /// <summary>Largest payload in bytes.</summary>
        public const int MaxEncoded = 6 + 1 + 8 + 5 + 2 + 1 + ChipData.MaxScriptResults;

        /// <summary>Batch of the transaction.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>What the card answered: <see cref="ChipData.FinalCid"/>, <see cref="ChipData.FinalCryptogram"/>, TVR, TSI and script results.</summary>
        public readonly ChipData Result = new ChipData();

        /// <summary>An empty record.</summary>
        public ChipResultRecord()
            : base(PaymentRecord.ChipResult)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);
            b[p++] = (byte)Result.FinalCid;
            System.Array.Copy(Result.FinalCryptogram, 0, b, p, 8);
            System.Array.Copy(Result.Tvr, 0, b, p + 8, 5);
            p = Codec.Put16(b, p + 13, Result.Tsi);
            b[p++] = (byte)Result.ScriptResultsLength;
            System.Array.Copy(Result.ScriptResults, 0, b, p, Result.ScriptResultsLength);
            return p + Result.ScriptResultsLength;
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            const int Fixed = 6 + 1 + 8 + 5 + 2 + 1;
            if (at + Fixed > end || b[at + Fixed - 1] > ChipData.MaxScriptResults || at + Fixed + b[at + Fixed - 1] != end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            Stan = Codec.Get24(b, at + 3);
            Result.FinalCid = b[at + 6];
            System.Array.Copy(b, at + 7, Result.FinalCryptogram, 0, 8);
            System.Array.Copy(b, at + 15, Result.Tvr, 0, 5);
            Result.Tsi = Codec.Get16(b, at + 20);
            Result.SetScriptResults(b, at + Fixed, b[at + Fixed - 1]);
            return true;
        }
    }

    /// <summary>
    /// ChipAdviceSent (0x15): the host answered a chip advice of the sale with batch (u24) and STAN (u24): the
    /// advice's bit (u8: 1 the script-result notification, 2 the TC upload). Until then the advice is owed.
    /// </summary>
    public sealed class ChipAdviceSentRecord : StoreRecord
    {
        /// <summary>Batch of the sale.</summary>
        public int Batch;

        /// <summary>Its STAN.</summary>
        public int Stan;

        /// <summary>The advice answered (<see cref="PaymentStore.ChipAdviceScriptResult"/> or <see cref="PaymentStore.ChipAdviceTcUpload"/>).</summary>
        public int Advice;

        /// <summary>An empty record.</summary>
        public ChipAdviceSentRecord()
            : base(PaymentRecord.ChipAdviceSent)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put24(b, Codec.Put24(b, at, Batch), Stan);
            b[p] = (byte)Advice;
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
            Advice = b[at + 6];
            return Advice == PaymentStore.ChipAdviceScriptResult || Advice == PaymentStore.ChipAdviceTcUpload;
        }
    }
}
