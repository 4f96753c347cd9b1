using Terminal.Core.Ui;
using Terminal.Core.Util;
using System;
using Terminal.Hal;

namespace Terminal.Core.Payments
{
    /// <summary>Who the terminal is, as printed at the top of every receipt and report.</summary>
    public sealed class ReceiptHeader
    {
        /// <summary>Creates the header; the IDs are printed as given (F42 merchant ID, F41 terminal ID).</summary>
        public ReceiptHeader(string merchantName, string merchantId, string terminalId)
        {
            MerchantName = merchantName ?? string.Empty;
            MerchantId = merchantId ?? string.Empty;
            TerminalId = terminalId ?? string.Empty;
        }

        /// <summary>Merchant name (may be Chinese; wrapped to the paper).</summary>
        public string MerchantName { get; }

        /// <summary>Merchant ID (F42, 15 characters).</summary>
        public string MerchantId { get; }

        /// <summary>Terminal ID (F41, 8 characters).</summary>
        public string TerminalId { get; }

        /// <summary>Logo stored in the printer's NV memory printed above every document; 0 for none.</summary>
        public int LogoId { get; set; }

        /// <summary>Training mode: every document says so at its top and bottom.</summary>
        public bool Training { get; set; }
    }

    /// <summary>
    /// Lays out the terminal's paper documents on an <see cref="IPrinter"/>: the transaction slip (签购单,
    /// merchant and customer copies), the transaction detail report, the totals (X) report and the settlement
    /// (Z) report. Each document ends with a feed and a cut, so one document is one piece of paper. Every
    /// line fits <see cref="IPrinter.Columns"/> (a CJK character takes two columns, the Large style halves
    /// them): longer text wraps at a space, or anywhere when it has none. Card data only ever appears as the
    /// masked number the transaction carries.
    /// </summary>
    public sealed partial class ReceiptPrinter
    {
        /// <summary>Copy number of the merchant copy (商户存根).</summary>
        public const int MerchantCopy = 1;

        /// <summary>Copy number of the customer copy (持卡人存根).</summary>
        public const int CustomerCopy = 2;

        /// <summary>Lines fed before the cut, so the last line clears the cutter.</summary>
        public const int FeedBeforeCut = 4;

        /// <summary>Transactions per page of the detail report (two lines, about 100 bytes, each).</summary>
        public const int DetailPageSize = 20;

        private readonly IPrinter _printer;
        private string _rule = string.Empty;
        private ReceiptHeader _header;
        private int _broken;

        /// <summary>Prints on <paramref name="printer"/> under <paramref name="header"/>.</summary>
        public ReceiptPrinter(IPrinter printer, ReceiptHeader header)
        {
            _printer = printer;
            _header = header;
        }

        /// <summary>
        /// Lines that did not fit the paper and were broken since this printer was made: wrapped, or a label and its value
        /// put on two lines. None on any document the terminal makes, on either paper and in either language (a merchant
        /// name too long for a line excepted); ReceiptPrinterTests holds every document to it.
        /// </summary>
        public int LinesBroken => _broken;

        /// <summary>The <see cref="Ui.Language"/> of every document printed from now on (English by default).</summary>
        public int Language { get; set; }

        /// <summary>Signs the e-invoice link of a customer copy that asks for one; null: no e-invoice code is printed.</summary>
        public EInvoice? Invoices { get; set; }

        /// <summary>The header printed on every document (replace it after provisioning).</summary>
        public ReceiptHeader Header
        {
            get => _header;
            set => _header = value;
        }

        /// <summary>
        /// Prints one copy (<see cref="MerchantCopy"/> or <see cref="CustomerCopy"/>) of the slip of an approved
        /// transaction, with a REPRINT banner when <paramref name="reprint"/>; the year of the date comes from
        /// <paramref name="printedAt"/>. A card read by its chip adds the card's lines (AID, label, TC or ARQC, TVR,
        /// TSI, ATC, card sequence number); a sale the card declined after the host approved gets a slip that says it
        /// was not completed and where its reversal stands, with no signature. Returns false and prints nothing for
        /// any other transaction that is not approved: a declined or reversed one gets no slip.
        /// </summary>
        public bool PrintTransaction(TxnEntry e, int copy, bool reprint, DateTime printedAt) => PrintTransaction(e, copy, reprint, printedAt, false);

        /// <summary>
        /// As <see cref="PrintTransaction(TxnEntry, int, bool, DateTime)"/>; with <paramref name="eInvoice"/> a customer
        /// copy of a sale or a pre-auth completion also carries the e-invoice link as a QR code (<see cref="EInvoice.Carries"/>),
        /// when <see cref="Invoices"/> can sign it.
        /// </summary>
        public bool PrintTransaction(TxnEntry e, int copy, bool reprint, DateTime printedAt, bool eInvoice)
        {
            if (copy != MerchantCopy && copy != CustomerCopy)
            {
                throw new ArgumentException("copy must be 1 (merchant) or 2 (customer)", nameof(copy));
            }

            bool notCompleted = e.CardDeclined && e.Kind == TxnKind.Sale;
            if (e.State != TxnState.Approved && !notCompleted)
            {
                return false;
            }

            Logo();
            Text(T(Texts.SlipTitle), TextStyle.Bold, TextAlign.Center);
            Text(T(copy == MerchantCopy ? Texts.MerchantCopy : Texts.CustomerCopy), TextStyle.Normal, TextAlign.Center);
            if (reprint)
            {
                ReprintBanner();
            }

            if (notCompleted)
            {
                Text(T(Texts.SlipNotCompleted), TextStyle.Bold | TextStyle.Inverse, TextAlign.Center);
            }

            Rule();
            Merchant();
            Pair(T(Texts.OperatorLabel), DigitText.Fixed(e.Operator, 2), TextStyle.Normal);
            Rule();
            Text(T(Texts.TypeLabel), TextStyle.Normal, TextAlign.Left);
            Text(TxnKind.Text(e.Kind, Language), TextStyle.Large | TextStyle.Bold, TextAlign.Left);
            Text(TxnChannel.Text(e.Channel, Language) + " / " + EntryMode.Text(e.Mode, Language), TextStyle.Normal, TextAlign.Left);
            if (e.MaskedPan.Length > 0)
            {
                Text(T(e.Channel == TxnChannel.Card ? Texts.CardNoLabel : Texts.PayCodeLabel), TextStyle.Normal, TextAlign.Left);
                Text(ShownNumber(e.MaskedPan) + EntryMark(e), TextStyle.Bold, TextAlign.Left);
            }

            CardLines(e);
            WalletLines(e);

            Pair(T(Texts.BatchLabel), DigitText.Fixed(e.Batch, 6), TextStyle.Normal);
            Pair(T(Texts.InvoiceLabel), DigitText.Fixed(e.Invoice, 6), TextStyle.Normal);
            Pair(T(Texts.TraceLabel), DigitText.Fixed(e.Stan, 6), TextStyle.Normal);
            if (e.Rrn.Length > 0)
            {
                Pair(T(Texts.RrnLabel), e.Rrn, TextStyle.Normal);
            }

            if (e.AuthCode.Length > 0)
            {
                Pair(T(Texts.AuthLabel), e.AuthCode, TextStyle.Normal);
            }

            Pair(T(Texts.DateLabel), TransactionDate(e.DateMmdd, e.TimeHhmmss, printedAt), TextStyle.Normal);
            if ((e.Kind != TxnKind.Sale && e.Kind != TxnKind.PreAuth) || e.Mode == EntryMode.Fallback)
            {
                // Above the original's numbers; a sale or a pre-auth refers to nothing before it.
                Remarks(e);
            }

            if (e.Kind != TxnKind.Sale)
            {
                if (e.OriginalInvoice > 0)
                {
                    Pair(T(Texts.OrigInvoiceLabel), DigitText.Fixed(e.OriginalInvoice, 6), TextStyle.Normal);
                }

                if (e.OriginalRrn.Length > 0)
                {
                    Pair(T(Texts.OrigRrnLabel), e.OriginalRrn, TextStyle.Normal);
                }

                if (e.OriginalDateMmdd > 0)
                {
                    Pair(T(Texts.OrigDateLabel), DigitText.Fixed(e.OriginalDateMmdd / 100, 2) + "/" + DigitText.Fixed(e.OriginalDateMmdd % 100, 2), TextStyle.Normal);
                }
            }

            PreAuthLines(e);
            if (e.Items != null && e.Kind == TxnKind.Sale)
            {
                ItemLines(e.Items);
            }

            Rule();
            Text(T(Texts.AmountLabel), TextStyle.Normal, TextAlign.Left);
            Text(T(Texts.Currency) + " " + Money.Format(Signed(e)), TextStyle.Large | TextStyle.Bold, TextAlign.Right);
            Rule();
            if (e.Chip != null)
            {
                ChipLines(e.Chip);
                Rule();
            }

            if (notCompleted)
            {
                // No signature and no e-invoice: nothing was bought. Where the reversal stands, as the journal knows it.
                Text(T(Texts.SlipCardDeclined), TextStyle.Bold, TextAlign.Left);
                Text(T(e.State == TxnState.Reversed ? Texts.SlipReversed : Texts.SlipReversalPending), TextStyle.Bold, TextAlign.Left);
            }
            else if (copy == MerchantCopy && (e.Kind == TxnKind.Sale || e.Kind == TxnKind.Refund || e.Kind == TxnKind.PreAuth || e.Kind == TxnKind.Completion || e.Kind == TxnKind.CompletionAdvice) && e.Channel == TxnChannel.Card)
            {
                // The cardholder signs the merchant copy of a card sale or refund (the credit is theirs), pre-auth or completion.
                Text(T(Texts.SignatureLabel), TextStyle.Normal, TextAlign.Left);
                _printer.Feed(3);
                Text(new string('_', _printer.Columns), TextStyle.Normal, TextAlign.Left);
                if (e.Kind == TxnKind.Refund)
                {
                    Text(T(Texts.RefundAcknowledge), TextStyle.Normal, TextAlign.Left);
                }
                else
                {
                    Text(T(Texts.Acknowledge1), TextStyle.Normal, TextAlign.Left);
                    Text(T(Texts.Acknowledge2), TextStyle.Normal, TextAlign.Left);
                }
            }

            string? invoiceUrl = eInvoice && copy == CustomerCopy && EInvoice.Carries(e) && Invoices != null
                ? Invoices.Url(e, _header.MerchantId, _header.TerminalId, printedAt.Year) : null;
            if (invoiceUrl != null)
            {
                Text(T(Texts.EInvoiceLabel), TextStyle.Bold, TextAlign.Center);
                _printer.PrintQr(invoiceUrl, 4);
            }

            if (reprint)
            {
                Pair(T(Texts.PrintedLabel), DateText(printedAt), TextStyle.Normal);
            }

            End();
            return true;
        }

        // Under the card number, as UnionPay slips print them: issuer (发卡行) and acquirer (收单行) from the answer's
        // F44, code and name where known, and the expiry date, masked: the slip says the card had one, never which.
        private void CardLines(TxnEntry e)
        {
            if (e.IssuerId.Length > 0)
            {
                Pair(T(Texts.IssuerLabel), Institution.Text(e.IssuerId, Language), TextStyle.Normal);
            }

            if (e.AcquirerId.Length > 0)
            {
                Pair(T(Texts.AcquirerLabel), Institution.Text(e.AcquirerId, Language), TextStyle.Normal);
            }

            if (e.Channel == TxnChannel.Card && e.ExpiryYymm > 0)
            {
                Pair(T(Texts.ExpiryLabel), "**/**", TextStyle.Normal);
            }
        }

        // 备注: what the transaction refers to, above the original's numbers that follow it: the invoice a void cancels,
        // the amount a refund gives back; a fallback swipe says the chip was not read.
        private void Remarks(TxnEntry e)
        {
            Text(T(Texts.RemarksLabel), TextStyle.Normal, TextAlign.Left);
            if (e.Kind == TxnKind.Void && e.OriginalInvoice > 0)
            {
                Text(Texts.Format(Language, Texts.VoidRemark, DigitText.Fixed(e.OriginalInvoice, 6)), TextStyle.Normal, TextAlign.Left);
            }
            else if (e.Kind == TxnKind.Refund)
            {
                Text(Texts.Format(Language, Texts.RefundRemark, Money.Format(e.Amount)), TextStyle.Normal, TextAlign.Left);
            }

            if (e.Mode == EntryMode.Fallback)
            {
                Text(T(Texts.FallbackRemark), TextStyle.Normal, TextAlign.Left);
            }
        }

        // The chip's lines, as CUP slips print them under the amount: AID, application label, the cryptogram (TC once
        // the card completed, else the ARQC, or the AAC of a card that declined), TVR, TSI, ATC and card sequence number.
        private void ChipLines(ChipData chip)
        {
            Pair("AID:", chip.AidHex(), TextStyle.Normal);
            if (chip.Label.Length > 0)
            {
                Pair(T(Texts.ChipAppLabel), chip.Label, TextStyle.Normal);
            }

            Pair(chip.CryptogramName() + ":", chip.CryptogramHex(), TextStyle.Normal);
            Pair("TVR:", chip.TvrHex(), TextStyle.Normal);
            Pair("TSI:", chip.TsiHex(), TextStyle.Normal);
            Pair("ATC:", chip.AtcHex(), TextStyle.Normal);
            if (chip.PanSequence >= 0)
            {
                Pair(T(Texts.ChipSequenceLabel), DigitText.Fixed(chip.PanSequence, 3), TextStyle.Normal);
            }
        }

        /// <summary>
        /// The mark CUP slips print after the card number for how the card was read: " /I" inserted (IC), " /C"
        /// contactless, " /S" swiped, a fallback swipe too (its mode line says FALLBACK); none for a payment code or a
        /// transaction by reference.
        /// </summary>
        public static string EntryMark(TxnEntry e)
        {
            if (e.Channel != TxnChannel.Card)
            {
                return string.Empty;
            }

            switch (e.Mode)
            {
                case EntryMode.Inserted: return " /I";
                case EntryMode.Contactless: return " /C";
                case EntryMode.Swipe:
                case EntryMode.Fallback: return " /S";
                default: return string.Empty;
            }
        }

        // A block with no rows says so, rather than leaving its heading over nothing.
        // A QR payment (a merchant-presented order or a scanned code): the wallet by name, the host's order number and the
        // wallet's own order number, each when known (the customer finds the payment in the wallet app by the last).
        private void WalletLines(TxnEntry e)
        {
            if (!TxnChannel.IsQr(e.Channel) || (e.OrderNumber.Length == 0 && e.WalletOrder.Length == 0))
            {
                return;
            }

            Pair(T(Texts.WalletLabel), TxnChannel.Text(e.Channel, Language), TextStyle.Normal);
            if (e.OrderNumber.Length > 0)
            {
                Text(T(Texts.OrderNoLabel), TextStyle.Normal, TextAlign.Left);
                Text(e.OrderNumber, TextStyle.Normal, TextAlign.Left);
            }

            if (e.WalletOrder.Length > 0)
            {
                Text(T(Texts.WalletOrderLabel), TextStyle.Normal, TextAlign.Left);
                Text(e.WalletOrder, TextStyle.Bold, TextAlign.Left);
            }
        }

        private void NoneWhen(bool none, int text)
        {
            if (none)
            {
                Text(T(text), TextStyle.Normal, TextAlign.Left);
            }
        }

        // The item lines of a sale: the name, then quantity x unit price and the line's amount.
        private void ItemLines(SaleItems items)
        {
            Rule();
            Text(T(Texts.ItemHeading), TextStyle.Bold, TextAlign.Left);
            for (int i = 0; i < items.Count; i++)
            {
                Text(ItemName(items.Code(i)), TextStyle.Normal, TextAlign.Left);
                Pair("  " + items.Quantity(i).ToString() + " x " + Money.Format(items.UnitPrice(i)), Money.Format(items.LineAmount(i)), TextStyle.Normal);
            }
        }

        private string ItemName(int code)
        {
            int i = Catalog != null ? Catalog.IndexOf(code) : -1;
            return ItemText.Name(Catalog, i, code, Language);
        }

        /// <summary>Columns <paramref name="text"/> takes on paper: two per CJK (non-ASCII) character, one otherwise.</summary>
        public static int TextWidth(string text)
        {
            int width = 0;
            for (int i = 0; i < text.Length; i++)
            {
                width += CellWidth(text[i]);
            }

            return width;
        }

        /// <summary>
        /// <paramref name="label"/> at the left and <paramref name="value"/> at the right of a line of
        /// <paramref name="columns"/>; null when both do not fit on one line.
        /// </summary>
        public static string? AlignPair(string label, string value, int columns)
        {
            int gap = columns - TextWidth(label) - TextWidth(value);
            if (gap < 1)
            {
                return null;
            }

            return label + new string(' ', gap) + value;
        }

        /// <summary>The amount as the customer sees it: a sale positive, a void or refund negative.</summary>
        public static long Signed(TxnEntry e) => e.Kind == TxnKind.Sale || e.Kind == TxnKind.PreAuth || e.Kind == TxnKind.Completion || e.Kind == TxnKind.CompletionAdvice ? e.Amount : -e.Amount;

        /// <summary>
        /// The number as printed: the stored masked number unchanged; should a value with more than ten digits
        /// ever arrive (a full PAN or payment code by mistake), every digit but the first 6 and last 4 becomes '*'.
        /// </summary>
        public static string ShownNumber(string masked)
        {
            int digits = 0;
            for (int i = 0; i < masked.Length; i++)
            {
                if (masked[i] >= '0' && masked[i] <= '9')
                {
                    digits++;
                }
            }

            if (digits <= 10)
            {
                return masked;
            }

            char[] shown = new char[masked.Length];
            int seen = 0;
            for (int i = 0; i < masked.Length; i++)
            {
                char c = masked[i];
                if (c >= '0' && c <= '9')
                {
                    seen++;
                    shown[i] = seen <= 6 || seen > digits - 4 ? c : '*';
                }
                else
                {
                    shown[i] = c;
                }
            }

            return new string(shown);
        }

        /// <summary>"YYYY/MM/DD HH:MM:SS" of a host MMDD and HHMMSS; the year is the printing year, or the one before when the month is later than now (a slip of 31 Dec reprinted on 1 Jan).</summary>
        public static string TransactionDate(int mmdd, int hhmmss, DateTime printedAt)
        {
            int month = mmdd / 100;
            int year = printedAt.Year;
            if (month > printedAt.Month)
            {
                year--;
            }

            return DigitText.Fixed(year, 4) + "/" + DigitText.Fixed(month, 2) + "/" + DigitText.Fixed(mmdd % 100, 2) + " "
                + DigitText.Fixed(hhmmss / 10000, 2) + ":" + DigitText.Fixed(hhmmss / 100 % 100, 2) + ":" + DigitText.Fixed(hhmmss % 100, 2);
        }

        private static string DateText(DateTime t) =>
            DigitText.Fixed(t.Year, 4) + "/" + DigitText.Fixed(t.Month, 2) + "/" + DigitText.Fixed(t.Day, 2) + " "
            + DigitText.Fixed(t.Hour, 2) + ":" + DigitText.Fixed(t.Minute, 2) + ":" + DigitText.Fixed(t.Second, 2);

        // The pre-authorization family's own lines: the pre-auth's auth code a void, completion or advice refers to, and
        // on a pre-auth the most its completion may charge.
        private void PreAuthLines(TxnEntry e)
        {
            if (e.OriginalAuthCode.Length > 0)
            {
                Pair(T(Texts.OrigAuthLabel), e.OriginalAuthCode, TextStyle.Normal);
            }

            if (e.Kind == TxnKind.PreAuth)
            {
                Pair(T(Texts.CompletionLimitLabel), Money.Format(TxnKind.CompletionLimit(e.Amount)), TextStyle.Normal);
            }
        }

        private string StateName(TxnEntry e)
        {
            if (e.State == TxnState.Approved && e.Kind == TxnKind.PreAuth && e.Completed && !e.Voided)
            {
                return T(Texts.StateCompleted);
            }

            if (e.State == TxnState.Approved && e.Voided)
            {
                return T(Texts.StateVoided);
            }

            return TxnState.Text(e.State, Language);
        }

        private string T(int id) => Texts.Get(Language, id);

        private static int CellWidth(char c) => c < 0x80 ? 1 : 2;

        private void Logo()
        {
            if (_header.LogoId > 0)
            {
                _printer.PrintStoredLogo(_header.LogoId);
            }

            TrainingBanner();
        }

        private void TrainingBanner()
        {
            if (_header.Training)
            {
                Text("*** 培训模式 TRAINING ***", TextStyle.Bold | TextStyle.Inverse, TextAlign.Center);
                Text("非真实交易", TextStyle.Bold, TextAlign.Center);
                Text("NOT A REAL TRANSACTION", TextStyle.Bold, TextAlign.Center);
            }
        }

        private void ReprintBanner() => Text(T(Texts.ReprintBanner), TextStyle.Bold | TextStyle.Inverse, TextAlign.Center);

        private void Merchant()
        {
            Text(T(Texts.MerchantNameLabel), TextStyle.Normal, TextAlign.Left);
            Text(_header.MerchantName, TextStyle.Bold, TextAlign.Left);
            Pair(T(Texts.MidLabel), _header.MerchantId, TextStyle.Normal);
            Pair(T(Texts.TidLabel), _header.TerminalId, TextStyle.Normal);
        }

        private void DebitCredit(BatchTotals totals)
        {
            Text(T(Texts.HostTotalsNote), TextStyle.Normal, TextAlign.Left);
            Row(T(Texts.DebitLabel), totals.DebitCount, totals.DebitAmount);
            Row(T(Texts.CreditLabel), totals.CreditCount, totals.CreditAmount);
            Pair(T(Texts.NetLabel), Money.Format(totals.Net), TextStyle.Bold);
        }

        private void End()
        {
            TrainingBanner();
            _printer.Feed(FeedBeforeCut);
            _printer.Cut();
        }

        // The rule across the paper, made once per paper width rather than for every line of every receipt.
        private void Rule()
        {
            if (_rule.Length != _printer.Columns)
            {
                _rule = new string('-', _printer.Columns);
            }

            _printer.PrintLine(_rule, TextStyle.Normal, TextAlign.Left);
        }

        private void Row(string label, int count, long amount) => Row(label, count.ToString(), Money.Format(amount));

        private void Row(string label, string count, string amount)
        {
            // Amount right-aligned in the last 13 columns, count in the 6 before it, label in the rest.
            const int AmountColumns = 13;
            const int CountColumns = 6;
            string right = Spaces(CountColumns - count.Length) + count + Spaces(AmountColumns - amount.Length) + amount;
            string? line = AlignPair(label, right, _printer.Columns);
            if (line != null)
            {
                Text(line, TextStyle.Normal, TextAlign.Left);
                return;
            }

            Pair(label, count + " " + amount, TextStyle.Normal);
        }

        private static string Spaces(int n) => n > 0 ? new string(' ', n) : string.Empty;

        private void Pair(string label, string value, TextStyle style)
        {
            string? line = AlignPair(label, value, Columns(style));
            if (line != null)
            {
                Text(line, style, TextAlign.Left);
                return;
            }

            _broken++;
            Text(label, style, TextAlign.Left);
            Text(value, style, TextAlign.Right);
        }

        private int Columns(TextStyle style) => (style & TextStyle.Large) != 0 ? _printer.Columns / 2 : _printer.Columns;

        /// <summary>Prints <paramref name="text"/> wrapped to the line: at the last space that fits, or mid-word when there is none.</summary>
        private void Text(string text, TextStyle style, TextAlign align)
        {
            int columns = Columns(style);
            int start = 0;
            while (true)
            {
                int used = 0;
                int i = start;
                int lastSpace = -1;
                while (i < text.Length)
                {
                    int w = CellWidth(text[i]);
                    if (used + w > columns)
                    {
                        break;
                    }

                    if (text[i] == ' ')
                    {
                        lastSpace = i;
                    }

                    used += w;
                    i++;
                }

                if (i >= text.Length)
                {
                    _printer.PrintLine(start == 0 ? text : text.Substring(start), style, align);
                    return;
                }

                _broken++;
                int end = text[i] == ' ' ? i : lastSpace > start ? lastSpace : i;
                if (end == start)
                {
                    end = start + 1; // a character wider than the whole line: print it alone rather than loop
                }

                int trimmed = end;
                while (trimmed > start && text[trimmed - 1] == ' ')
                {
                    trimmed--;
                }

                _printer.PrintLine(text.Substring(start, trimmed - start), style, align);
                start = end;
                while (start < text.Length && text[start] == ' ')
                {
                    start++;
                }

                if (start >= text.Length)
                {
                    return;
                }
            }
        }
    }
}
