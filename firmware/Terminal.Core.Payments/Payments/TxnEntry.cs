using Terminal.Core.Ui;
using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>Kinds of financial transaction the terminal keeps in its batch.</summary>
    public static class TxnKind
    {
        /// <summary>Sale (消费), 0200 000000, 60.1 = 22.</summary>
        public const int Sale = 1;
        /// <summary>Void (撤销) of a sale in the current batch, 0200 200000, 60.1 = 23.</summary>
        public const int Void = 2;
        /// <summary>Refund (退货) of an earlier sale, 0220 200000, 60.1 = 25.</summary>
        public const int Refund = 3;
        /// <summary>Pre-authorization (预授权): a hold on the card's account, 0100 030000, F25 06, 60.1 = 10. Not in the totals.</summary>
        public const int PreAuth = 4;
        /// <summary>Pre-authorization void (预授权撤销): releases the hold, 0100 200000, F25 06, 60.1 = 11.</summary>
        public const int PreAuthVoid = 5;
        /// <summary>Pre-authorization completion request (预授权完成请求): charges against the hold, 0200 000000, F25 06, 60.1 = 20.</summary>
        public const int Completion = 6;
        /// <summary>Completion void (预授权完成撤销) of a completion in the current batch, 0200 200000, F25 06, 60.1 = 21.</summary>
        public const int CompletionVoid = 7;
        /// <summary>Completion advice (预授权完成通知, offline completion): approved at the terminal, sent later, 0220 000000, F25 06, 60.1 = 24.</summary>
        public const int CompletionAdvice = 8;
        /// <summary>The highest kind the journal holds.</summary>
        public const int Last = CompletionAdvice;

        /// <summary>Percent of the pre-authorized amount a completion may reach (CUP: up to 115%).</summary>
        public const int CompletionPercent = 115;

        /// <summary>The most a completion of a pre-auth of <paramref name="preAuthAmount"/> fen may charge (rounded down).</summary>
        public static long CompletionLimit(long preAuthAmount) => preAuthAmount * CompletionPercent / 100;

        /// <summary>Whether <paramref name="kind"/> is of the pre-authorization family (F25 = 06).</summary>
        public static bool IsPreAuthFamily(int kind) => kind >= PreAuth && kind <= CompletionAdvice;

        /// <summary>Whether an approved, standing <paramref name="kind"/> is a debit in the settlement totals: sales and completions (request and advice).</summary>
        public static bool IsDebit(int kind) => kind == Sale || kind == Completion || kind == CompletionAdvice;

        /// <summary>Whether <paramref name="kind"/> cancels another transaction of the batch (void, pre-auth void, completion void).</summary>
        public static bool IsVoid(int kind) => kind == Void || kind == PreAuthVoid || kind == CompletionVoid;

        /// <summary>The kind a void of <paramref name="kind"/> is: VOID of a sale, PRE-AUTH VOID of a pre-auth, COMPLETION VOID of a completion; 0 when it cannot be voided.</summary>
        public static int VoidOf(int kind) => kind == Sale ? Void : kind == PreAuth ? PreAuthVoid : kind == Completion || kind == CompletionAdvice ? CompletionVoid : 0;

        /// <summary>Name for screens and receipts.</summary>
        public static string Name(int kind)
        {
            switch (kind)
            {
                case Sale: return "SALE";
                case Void: return "VOID";
                case Refund: return "REFUND";
                case PreAuth: return "PRE-AUTH";
                case PreAuthVoid: return "PRE-AUTH VOID";
                case Completion: return "COMPLETION";
                case CompletionVoid: return "COMPLETION VOID";
                case CompletionAdvice: return "COMPLETION ADVICE";
                default: return "?";
            }
        }

        /// <summary>Name for screens and receipts in <paramref name="language"/>: SALE/消费, VOID/撤销, REFUND/退货.</summary>
        public static string Text(int kind, int language)
        {
            switch (kind)
            {
                case Sale: return Texts.Get(language, Texts.KindSale);
                case Void: return Texts.Get(language, Texts.KindVoid);
                case Refund: return Texts.Get(language, Texts.KindRefund);
                case PreAuth: return Texts.Get(language, Texts.KindPreAuth);
                case PreAuthVoid: return Texts.Get(language, Texts.KindPreAuthVoid);
                case Completion: return Texts.Get(language, Texts.KindCompletion);
                case CompletionVoid: return Texts.Get(language, Texts.KindCompletionVoid);
                case CompletionAdvice: return Texts.Get(language, Texts.KindCompletionAdvice);
                default: return "?";
            }
        }
    }

    /// <summary>How the payment reached the terminal; the channel values match <see cref="PaymentCodeKind"/>.</summary>
    public static class TxnChannel
    {
        /// <summary>A bank card (swiped or tapped).</summary>
        public const int Card = 0;
        /// <summary>WeChat Pay payment code.</summary>
        public const int WeChat = 1;
        /// <summary>Alipay payment code.</summary>
        public const int Alipay = 2;
        /// <summary>UnionPay QR payment code.</summary>
        public const int UnionPayQr = 3;
        /// <summary>Number of channels.</summary>
        public const int Count = 4;

        /// <summary>Name for screens and reports.</summary>
        public static string Name(int channel)
        {
            switch (channel)
            {
                case Card: return "Card";
                case WeChat: return "WeChat Pay";
                case Alipay: return "Alipay";
                case UnionPayQr: return "UnionPay QR";
                default: return "?";
            }
        }

        /// <summary>Name for screens and receipts in <paramref name="language"/>.</summary>
        public static string Text(int channel, int language)
        {
            switch (channel)
            {
                case Card: return Texts.Get(language, Texts.ChannelCard);
                case WeChat: return Texts.Get(language, Texts.ChannelWeChat);
                case Alipay: return Texts.Get(language, Texts.ChannelAlipay);
                case UnionPayQr: return Texts.Get(language, Texts.ChannelUnionPayQr);
                default: return "?";
            }
        }

        /// <summary>Whether the channel is a QR payment code.</summary>
        public static bool IsQr(int channel) => channel != Card;
    }

    /// <summary>POS entry modes (F22), and the IC condition code (F60.5) that goes with them.</summary>
    public static class EntryMode
    {
        /// <summary>No card read: a void or refund by reference.</summary>
        public const int Reference = 0;
        /// <summary>Magnetic stripe.</summary>
        public const int Swipe = 1;
        /// <summary>Contactless chip (EMV).</summary>
        public const int Contactless = 2;
        /// <summary>QR payment code scanned from the customer's phone.</summary>
        public const int Qr = 3;
        /// <summary>Contact chip card inserted (IC card, ISO 7816).</summary>
        public const int Inserted = 4;
        /// <summary>Magnetic stripe of a chip card, swiped after the chip failed (fallback).</summary>
        public const int Fallback = 5;
        /// <summary>Number of entry modes a card sale has (the rows of <see cref="CardModeTotals"/>).</summary>
        public const int Count = 6;
        /// <summary>
        /// A merchant-presented QR order (the customer scans the terminal's screen): a sale journaled before the order is
        /// asked for, left pending while it is open, then booked or closed (docs/qr-orders.md). Never a card's mode.
        /// </summary>
        public const int QrOrder = 6;

        /// <summary>
        /// The F22 digits: 021 swipe, 071 contactless, 032 QR, 012 manual/reference, 051 chip inserted, 801 a fallback
        /// swipe after a chip failure (ISO 8583's 80x), which F60.5 = 2 (<see cref="IcCondition"/>) marks as well.
        /// </summary>
        public static string Field22(int mode)
        {
            switch (mode)
            {
                case Swipe: return "021";
                case Fallback: return "801";
                case Contactless: return "071";
                case Qr: return "032";
                case QrOrder: return "032";
                case Inserted: return "051";
                default: return "012";
            }
        }

        /// <summary>
        /// F60.5, the IC card condition code (基于PBOC借贷记标准的IC卡条件代码): 2 for a fallback swipe ("the previous
        /// transaction was an IC card transaction but failed"), 0 otherwise (not used, or later sub-fields follow).
        /// </summary>
        public static int IcCondition(int mode) => mode == Fallback ? 2 : 0;

        /// <summary>Whether the card's chip took part (inserted or tapped): the entry may carry <see cref="ChipData"/>.</summary>
        public static bool IsChip(int mode) => mode == Inserted || mode == Contactless;

        /// <summary>Whether the card's magnetic stripe was read (a swipe, fallback included).</summary>
        public static bool IsStripe(int mode) => mode == Swipe || mode == Fallback;

        /// <summary>Short name for receipts.</summary>
        public static string Name(int mode)
        {
            switch (mode)
            {
                case Swipe: return "SWIPE";
                case Contactless: return "CONTACTLESS";
                case Qr: return "QR CODE";
                case QrOrder: return "QR ORDER";
                case Inserted: return "INSERT";
                case Fallback: return "FALLBACK";
                default: return "REFERENCE";
            }
        }

        /// <summary>Name for receipts in <paramref name="language"/>.</summary>
        public static string Text(int mode, int language)
        {
            switch (mode)
            {
                case Swipe: return Texts.Get(language, Texts.ModeSwipe);
                case Contactless: return Texts.Get(language, Texts.ModeContactless);
                case Qr: return Texts.Get(language, Texts.ModeQr);
                case QrOrder: return Texts.Get(language, Texts.ModeQrOrder);
                case Inserted: return Texts.Get(language, Texts.ModeInserted);
                case Fallback: return Texts.Get(language, Texts.ModeFallback);
                default: return Texts.Get(language, Texts.ModeReference);
            }
        }
    }

    /// <summary>Where a transaction stands.</summary>
    public static class TxnState
    {
        /// <summary>Journaled and sent (or about to be); no answer yet. A reversible one is reversed if none comes.</summary>
        public const int Pending = 1;
        /// <summary>The host approved it.</summary>
        public const int Approved = 2;
        /// <summary>The host declined it (nothing to settle or reverse).</summary>
        public const int Declined = 3;
        /// <summary>No valid answer: a reversal is queued and not yet acknowledged.</summary>
        public const int ReversalPending = 4;
        /// <summary>The host acknowledged the reversal: as if it never happened.</summary>
        public const int Reversed = 5;

        /// <summary>Name for reports.</summary>
        public static string Name(int state)
        {
            switch (state)
            {
                case Pending: return "PENDING";
                case Approved: return "APPROVED";
                case Declined: return "DECLINED";
                case ReversalPending: return "REVERSAL PENDING";
                case Reversed: return "REVERSED";
                default: return "?";
            }
        }

        /// <summary>Name for reports in <paramref name="language"/>.</summary>
        public static string Text(int state, int language)
        {
            switch (state)
            {
                case Pending: return Texts.Get(language, Texts.StatePending);
                case Approved: return Texts.Get(language, Texts.StateApproved);
                case Declined: return Texts.Get(language, Texts.StateDeclined);
                case ReversalPending: return Texts.Get(language, Texts.StateReversalPending);
                case Reversed: return Texts.Get(language, Texts.StateReversed);
                default: return "?";
            }
        }
    }

    /// <summary>What a QR payment adds to its entry: the host's order number, the wallet's, and why an order ended unpaid.</summary>
    public sealed class QrPayment
    {
        /// <summary>The host's order number (merchant-presented orders).</summary>
        public string OrderNumber = string.Empty;
        /// <summary>The wallet's own order number.</summary>
        public string WalletOrder = string.Empty;
        /// <summary><see cref="Store.QrOrderEnd"/>, 0 while open or once paid.</summary>
        public int OrderEnd;
    }

    /// <summary>
    /// One transaction of the batch as the terminal keeps it: what the receipt, the reports, a void, a
    /// reversal and the settlement need, and nothing more. Card data only as the masked PAN (first 6 and
    /// last 4 digits): no track data, no PIN block, no full payment code.
    /// </summary>
    public sealed class TxnEntry
    {
        /// <summary>Largest encoded size in bytes: the request fields (69), then the chip section and the original's auth code section (tag, length, data).</summary>
        public const int MaxEncoded = 69 + 2 + ChipData.MaxEncodedRequestPart + 2 + 7;

        // Sections after the request fields, each tag (u8), length (u8), data: a decoder passes over tags it does not
        // know, and a record written before sections existed simply has none.
        private const int ChipSection = 0x01;

        // The pre-authorization family's reference to its pre-auth: the original's auth code (F38), as text.
        private const int OriginalAuthSection = 0x02;

        /// <summary><see cref="TxnKind"/>.</summary>
        public int Kind;
        /// <summary><see cref="TxnChannel"/>.</summary>
        public int Channel;
        /// <summary><see cref="EntryMode"/>.</summary>
        public int Mode;
        /// <summary><see cref="TxnState"/>.</summary>
        public int State;
        /// <summary>Invoice (receipt) number, 1..999999.</summary>
        public int Invoice;
        /// <summary>F11 of the request.</summary>
        public int Stan;
        /// <summary>Batch (F60.2) it belongs to.</summary>
        public int Batch;
        /// <summary>Cashier operator number.</summary>
        public int Operator;
        /// <summary>Amount in fen.</summary>
        public long Amount;
        /// <summary>Masked card number or payment code (first 6, last 4); empty for none.</summary>
        public string MaskedPan = string.Empty;
        /// <summary>Host reference number (F37), 12 characters once answered.</summary>
        public string Rrn = string.Empty;
        /// <summary>Authorization code (F38).</summary>
        public string AuthCode = string.Empty;
        /// <summary>Response code (F39).</summary>
        public string ResponseCode = string.Empty;
        /// <summary>Issuer institution id from the answer's F44 (发卡行), empty when none.</summary>
        public string IssuerId = string.Empty;
        /// <summary>Acquirer institution id from the answer's F44 (收单行), empty when none.</summary>
        public string AcquirerId = string.Empty;
        /// <summary>Host date MMDD (F13) of the answer, or the terminal's date when there was none.</summary>
        public int DateMmdd;
        /// <summary>Host time HHMMSS (F12).</summary>
        public int TimeHhmmss;
        /// <summary>Card expiry YYMM (F14), 0 when none.</summary>
        public int ExpiryYymm;
        /// <summary>For a void: the sale's STAN; for a refund: 0.</summary>
        public int OriginalStan;
        /// <summary>For a void: the sale's batch.</summary>
        public int OriginalBatch;
        /// <summary>For a void or refund: the sale's RRN.</summary>
        public string OriginalRrn = string.Empty;
        /// <summary>For a refund: the sale's date MMDD.</summary>
        public int OriginalDateMmdd;
        /// <summary>For a void: the sale's invoice number.</summary>
        public int OriginalInvoice;
        /// <summary>For a pre-auth void, completion, completion void or advice: the pre-auth's authorization code (F38), journaled with the request.</summary>
        public string OriginalAuthCode = string.Empty;
        /// <summary>A sale, pre-auth or completion that an approved void has cancelled.</summary>
        public bool Voided;
        /// <summary>A pre-auth that an approved completion (request or advice) of this batch has used (derived at replay, not journaled).</summary>
        public bool Completed;
        /// <summary>
        /// A completion advice's progress, one byte (an entry per sale: no bigger than it was): the runs of sends that
        /// ended unanswered (records 0x1F), or <see cref="AdviceAnswered"/> once the host answered (record 0x16).
        /// </summary>
        public byte AdviceProgress;
        /// <summary><see cref="AdviceProgress"/> of an advice the host answered.</summary>
        public const byte AdviceAnswered = 0xFF;
        /// <summary>A completion advice the host has answered (record 0x16); until then it is owed, sent before anything new.</summary>
        public bool AdviceSent => AdviceProgress == AdviceAnswered;
        /// <summary>Runs of sends of a completion advice that ended unanswered; at <see cref="PaymentStore.AdviceRuns"/> it is no longer sent.</summary>
        public int AdviceMisses => AdviceSent ? 0 : AdviceProgress;
        /// <summary>
        /// For a completion advice the merchant must follow up, what the detail report says of it: ADVICE REFUSED and the
        /// host's code (not in the totals: the host does not hold it) or ADVICE UNANSWERED (given up, still in the totals);
        /// empty otherwise.
        /// </summary>
        public string AdviceFollowUp(int language) => Kind != TxnKind.CompletionAdvice ? string.Empty
            : State == TxnState.Declined && AdviceSent ? Texts.Format(language, Texts.AdviceRefused, ResponseCode)
            : !AdviceSent && AdviceMisses >= PaymentStore.AdviceRuns ? Texts.Get(language, Texts.AdviceUnsent) : string.Empty;

        /// <summary>Fen refunded against this sale by refunds of this terminal.</summary>
        public long Refunded;
        /// <summary>Receipt copies printed (bit 0 merchant, bit 1 customer).</summary>
        public int Printed;
        /// <summary>For a sale rung up by item code: its lines (journaled as record 0x24); null for a typed amount.</summary>
        public SaleItems? Items;
        /// <summary>For a card read by its chip (inserted or tapped): what the card said; null otherwise.</summary>
        public ChipData? Chip;
        /// <summary>
        /// The host approved but the card declined at completion (AAC at the second GENERATE AC), or never completed:
        /// the sale did not happen and is reversed (state ReversalPending, then Reversed).
        /// </summary>
        public bool CardDeclined;
        /// <summary>Chip advices the host has answered for this sale (bits of <see cref="PaymentStore.ChipAdviceScriptResult"/> and <see cref="PaymentStore.ChipAdviceTcUpload"/>).</summary>
        public int ChipAdvicesSent;

        /// <summary>
        /// A QR payment's order numbers and end (records 0x18, 0x19, 0x1A); null for the rest, so a card sale's entry
        /// grows by one reference only (a batch holds up to 600).
        /// </summary>
        public QrPayment? Qr;

        /// <summary>A merchant-presented QR order: the host's order number (record 0x18); empty until the host made the order.</summary>
        public string OrderNumber => Qr == null ? string.Empty : Qr.OrderNumber;
        /// <summary>A QR payment (an order or a scanned code): the wallet's own order number (record 0x19); empty when none came.</summary>
        public string WalletOrder => Qr == null ? string.Empty : Qr.WalletOrder;
        /// <summary>A QR order closed unpaid: why (<see cref="Store.QrOrderEnd"/>, record 0x1A); 0 while open or once paid.</summary>
        public int OrderEnd => Qr == null ? 0 : Qr.OrderEnd;

        /// <summary>The entry's <see cref="Qr"/>, made when first needed.</summary>
        public QrPayment QrPart()
        {
            if (Qr == null)
            {
                Qr = new QrPayment();
            }

            return Qr;
        }

        /// <summary>A merchant-presented QR order still open: neither paid nor closed (queried, then booked or closed).</summary>
        public bool OpenOrder => Mode == EntryMode.QrOrder && State == TxnState.Pending;

        /// <summary>
        /// Whether it counts in the settlement totals (and goes up in a batch upload): approved debits (sales, completions)
        /// not voided, and refunds. Voids remove their original instead; pre-auths and their voids are not financial.
        /// </summary>
        public bool Settles => State == TxnState.Approved && ((TxnKind.IsDebit(Kind) && !Voided) || Kind == TxnKind.Refund);

        /// <summary>
        /// Whether a reversal can undo it: sales, voids and the online pre-authorization family (pre-auth, its void,
        /// completion request, completion void). A refund and a completion advice are resent instead.
        /// </summary>
        public bool Reversible => Kind != TxnKind.Refund && Kind != TxnKind.CompletionAdvice;

        /// <summary>The request's MTI: 0100 for a pre-auth and its void, 0220 for a refund or a completion advice, else 0200.</summary>
        public int Mti => Kind == TxnKind.PreAuth || Kind == TxnKind.PreAuthVoid ? 100
            : Kind == TxnKind.Refund || Kind == TxnKind.CompletionAdvice ? 220 : 200;

        /// <summary>F3: 000000 sale and completions, 030000 pre-auth, 200000 the voids and the refund.</summary>
        public string ProcessingCode => Kind == TxnKind.Sale || Kind == TxnKind.Completion || Kind == TxnKind.CompletionAdvice ? "000000"
            : Kind == TxnKind.PreAuth ? "030000" : "200000";

        /// <summary>F25: 06 for the pre-authorization family (预授权类), 00 for the rest.</summary>
        public string ConditionCode => TxnKind.IsPreAuthFamily(Kind) ? "06" : "00";

        /// <summary>F60.1: 22 sale, 23 void, 25 refund, 10 pre-auth, 11 its void, 20 completion, 21 its void, 24 advice.</summary>
        public int MessageType
        {
            get
            {
                switch (Kind)
                {
                    case TxnKind.Sale: return 22;
                    case TxnKind.Void: return 23;
                    case TxnKind.PreAuth: return 10;
                    case TxnKind.PreAuthVoid: return 11;
                    case TxnKind.Completion: return 20;
                    case TxnKind.CompletionVoid: return 21;
                    case TxnKind.CompletionAdvice: return 24;
                    default: return 25;
                }
            }
        }

        /// <summary>Copies every field from <paramref name="other"/>.</summary>
        public void CopyFrom(TxnEntry other)
        {
            Kind = other.Kind;
            Channel = other.Channel;
            Mode = other.Mode;
            State = other.State;
            Invoice = other.Invoice;
            Stan = other.Stan;
            Batch = other.Batch;
            Operator = other.Operator;
            Amount = other.Amount;
            MaskedPan = other.MaskedPan;
            Rrn = other.Rrn;
            AuthCode = other.AuthCode;
            ResponseCode = other.ResponseCode;
            IssuerId = other.IssuerId;
            AcquirerId = other.AcquirerId;
            DateMmdd = other.DateMmdd;
            TimeHhmmss = other.TimeHhmmss;
            ExpiryYymm = other.ExpiryYymm;
            OriginalStan = other.OriginalStan;
            OriginalBatch = other.OriginalBatch;
            OriginalRrn = other.OriginalRrn;
            OriginalDateMmdd = other.OriginalDateMmdd;
            OriginalInvoice = other.OriginalInvoice;
            OriginalAuthCode = other.OriginalAuthCode;
            Voided = other.Voided;
            Completed = other.Completed;
            AdviceProgress = other.AdviceProgress;
            Refunded = other.Refunded;
            Printed = other.Printed;
            Items = other.Items; // shared: PaymentStore.Begin keeps its own copy
            Chip = other.Chip; // shared: PaymentStore.Begin keeps its own copy
            CardDeclined = other.CardDeclined;
            ChipAdvicesSent = other.ChipAdvicesSent;
            Qr = other.Qr; // shared, as Items and Chip
        }

        /// <summary>Writes the request part (journaled before the request is sent); returns the length.</summary>
        public int EncodeRequest(byte[] b, int at)
        {
            int p = at;
            b[p++] = (byte)Kind;
            b[p++] = (byte)Channel;
            b[p++] = (byte)Mode;
            b[p++] = (byte)Operator;
            p = Codec.Put24(b, p, Invoice);
            p = Codec.Put24(b, p, Stan);
            p = Codec.Put24(b, p, Batch);
            p = Codec.Put40(b, p, Amount);
            p = Codec.PutText(b, p, MaskedPan, 19);
            p = Codec.Put16(b, p, ExpiryYymm);
            p = Codec.Put16(b, p, DateMmdd);
            p = Codec.Put24(b, p, TimeHhmmss);
            p = Codec.Put24(b, p, OriginalStan);
            p = Codec.Put24(b, p, OriginalBatch);
            p = Codec.Put24(b, p, OriginalInvoice);
            p = Codec.PutText(b, p, OriginalRrn, 12);
            p = Codec.Put16(b, p, OriginalDateMmdd);
            if (Chip != null)
            {
                b[p] = ChipSection;
                int end = Chip.EncodeRequestPart(b, p + 2);
                b[p + 1] = (byte)(end - p - 2);
                p = end;
            }

            if (OriginalAuthCode.Length > 0)
            {
                b[p] = OriginalAuthSection;
                int end = Codec.PutText(b, p + 2, OriginalAuthCode, 6);
                b[p + 1] = (byte)(end - p - 2);
                p = end;
            }

            return p - at;
        }

        /// <summary>Reads what <see cref="EncodeRequest"/> wrote; the entry becomes Pending. False when malformed.</summary>
        public bool DecodeRequest(byte[] b, int at, int length)
        {
            Clear();
            int end = at + length;
            int p = at;
            if (length < 4 + 9 + 5 + 1)
            {
                return false;
            }

            Kind = b[p++];
            Channel = b[p++];
            Mode = b[p++];
            Operator = b[p++];
            Invoice = Codec.Get24(b, p); p += 3;
            Stan = Codec.Get24(b, p); p += 3;
            Batch = Codec.Get24(b, p); p += 3;
            Amount = Codec.Get40(b, p); p += 5;
            p = Codec.GetText(b, p, end, out MaskedPan);
            if (p < 0 || p + 2 + 2 + 3 + 9 > end || MaskedPan.Length > 19)
            {
                return false;
            }

            ExpiryYymm = Codec.Get16(b, p); p += 2;
            DateMmdd = Codec.Get16(b, p); p += 2;
            TimeHhmmss = Codec.Get24(b, p); p += 3;
            OriginalStan = Codec.Get24(b, p); p += 3;
            OriginalBatch = Codec.Get24(b, p); p += 3;
            OriginalInvoice = Codec.Get24(b, p); p += 3;
            p = Codec.GetText(b, p, end, out OriginalRrn);
            if (p < 0 || p + 2 > end || OriginalRrn.Length > 12)
            {
                return false;
            }

            OriginalDateMmdd = Codec.Get16(b, p);
            p += 2;
            while (p < end)
            {
                if (p + 2 > end || p + 2 + b[p + 1] > end)
                {
                    return false;
                }

                int next = p + 2 + b[p + 1];
                if (b[p] == ChipSection)
                {
                    Chip = new ChipData();
                    if (!Chip.DecodeRequestPart(b, p + 2, next))
                    {
                        return false;
                    }
                }
                else if (b[p] == OriginalAuthSection)
                {
                    if (Codec.GetText(b, p + 2, next, out OriginalAuthCode) < 0 || OriginalAuthCode.Length > 6)
                    {
                        return false;
                    }
                }

                p = next;
            }

            State = TxnState.Pending;
            return Kind >= TxnKind.Sale && Kind <= TxnKind.Last && Channel < TxnChannel.Count && Amount > 0;
        }

        /// <summary>Forgets everything.</summary>
        public void Clear()
        {
            Kind = 0;
            Channel = 0;
            Mode = 0;
            State = 0;
            Invoice = 0;
            Stan = 0;
            Batch = 0;
            Operator = 0;
            Amount = 0;
            MaskedPan = string.Empty;
            Rrn = string.Empty;
            AuthCode = string.Empty;
            ResponseCode = string.Empty;
            IssuerId = string.Empty;
            AcquirerId = string.Empty;
            DateMmdd = 0;
            TimeHhmmss = 0;
            ExpiryYymm = 0;
            OriginalStan = 0;
            OriginalBatch = 0;
            OriginalRrn = string.Empty;
            OriginalDateMmdd = 0;
            OriginalInvoice = 0;
            OriginalAuthCode = string.Empty;
            Voided = false;
            Completed = false;
            AdviceProgress = 0;
            Refunded = 0;
            Printed = 0;
            Items = null;
            Chip = null;
            CardDeclined = false;
            ChipAdvicesSent = 0;
            Qr = null;
        }
    }
}
