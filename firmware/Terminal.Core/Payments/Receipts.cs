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
    public sealed class ReceiptPrinter
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
        private ReceiptHeader _header;

        /// <summary>Prints on <paramref name="printer"/> under <paramref name="header"/>.</summary>
        public ReceiptPrinter(IPrinter printer, ReceiptHeader header)
        {
            _printer = printer;
            _header = header;
        }

        /// <summary>The header printed on every document (replace it after provisioning).</summary>
        public ReceiptHeader Header
        {
            get => _header;
            set => _header = value;
        }

        /// <summary>
        /// Prints one copy (<see cref="MerchantCopy"/> or <see cref="CustomerCopy"/>) of the slip of an approved
        /// transaction, with a REPRINT banner when <paramref name="reprint"/>; the year of the date comes from
        /// <paramref name="printedAt"/>. Returns false and prints nothing for a transaction that is not
        /// approved: a declined or reversed one gets no slip.
        /// </summary>
        public bool PrintTransaction(TxnEntry e, int copy, bool reprint, DateTime printedAt) => PrintTransaction(e, copy, reprint, printedAt, false);

        /// <summary>
        /// As <see cref="PrintTransaction(TxnEntry, int, bool, DateTime)"/>; with <paramref name="eInvoice"/> a customer
        /// copy of a sale also carries the e-invoice claim QR code (<see cref="EInvoice"/>).
        /// </summary>
        public bool PrintTransaction(TxnEntry e, int copy, bool reprint, DateTime printedAt, bool eInvoice)
        {
            if (copy != MerchantCopy && copy != CustomerCopy)
            {
                throw new ArgumentException("copy must be 1 (merchant) or 2 (customer)", nameof(copy));
            }

            if (e.State != TxnState.Approved)
            {
                return false;
            }

            Logo();
            Text("签购单 POS SALES SLIP", TextStyle.Bold, TextAlign.Center);
            Text(copy == MerchantCopy ? "商户存根 MERCHANT COPY" : "持卡人存根 CUSTOMER COPY", TextStyle.Normal, TextAlign.Center);
            if (reprint)
            {
                ReprintBanner();
            }

            Rule();
            Merchant();
            Pair("操作员号 OPERATOR:", DigitText.Fixed(e.Operator, 2), TextStyle.Normal);
            Rule();
            Text("交易类型 TYPE:", TextStyle.Normal, TextAlign.Left);
            Text(KindLabel(e.Kind), TextStyle.Large | TextStyle.Bold, TextAlign.Left);
            Text(TxnChannel.Name(e.Channel) + " / " + EntryMode.Name(e.Mode), TextStyle.Normal, TextAlign.Left);
            if (e.MaskedPan.Length > 0)
            {
                Text(e.Channel == TxnChannel.Card ? "卡号 CARD NO:" : "付款码 PAY CODE:", TextStyle.Normal, TextAlign.Left);
                Text(ShownNumber(e.MaskedPan), TextStyle.Bold, TextAlign.Left);
            }

            Pair("批次号 BATCH:", DigitText.Fixed(e.Batch, 6), TextStyle.Normal);
            Pair("票据号 INVOICE:", DigitText.Fixed(e.Invoice, 6), TextStyle.Normal);
            Pair("流水号 TRACE:", DigitText.Fixed(e.Stan, 6), TextStyle.Normal);
            if (e.Rrn.Length > 0)
            {
                Pair("参考号 RRN:", e.Rrn, TextStyle.Normal);
            }

            if (e.AuthCode.Length > 0)
            {
                Pair("授权码 AUTH:", e.AuthCode, TextStyle.Normal);
            }

            Pair("日期 DATE:", TransactionDate(e.DateMmdd, e.TimeHhmmss, printedAt), TextStyle.Normal);
            if (e.Kind != TxnKind.Sale)
            {
                if (e.OriginalInvoice > 0)
                {
                    Pair("原票据号 ORIG INVOICE:", DigitText.Fixed(e.OriginalInvoice, 6), TextStyle.Normal);
                }

                if (e.OriginalRrn.Length > 0)
                {
                    Pair("原参考号 ORIG RRN:", e.OriginalRrn, TextStyle.Normal);
                }

                if (e.OriginalDateMmdd > 0)
                {
                    Pair("原交易日期 ORIG DATE:", DigitText.Fixed(e.OriginalDateMmdd / 100, 2) + "/" + DigitText.Fixed(e.OriginalDateMmdd % 100, 2), TextStyle.Normal);
                }
            }

            if (e.Items != null && e.Kind == TxnKind.Sale)
            {
                ItemLines(e.Items);
            }

            Rule();
            Text("金额 AMOUNT:", TextStyle.Normal, TextAlign.Left);
            Text(Money.FormatCny(Signed(e)), TextStyle.Large | TextStyle.Bold, TextAlign.Right);
            Rule();
            if (copy == MerchantCopy && e.Kind == TxnKind.Sale && e.Channel == TxnChannel.Card)
            {
                Text("持卡人签名 CARDHOLDER SIGNATURE:", TextStyle.Normal, TextAlign.Left);
                _printer.Feed(3);
                Text(new string('_', _printer.Columns), TextStyle.Normal, TextAlign.Left);
                Text("本人确认以上交易", TextStyle.Normal, TextAlign.Left);
                Text("同意将其记入本卡账户", TextStyle.Normal, TextAlign.Left);
                Text("I ACKNOWLEDGE SATISFACTORY RECEIPT OF RELATIVE GOODS/SERVICES", TextStyle.Normal, TextAlign.Left);
            }

            if (eInvoice && copy == CustomerCopy && e.Kind == TxnKind.Sale)
            {
                Text("扫码开票 SCAN FOR E-INVOICE", TextStyle.Bold, TextAlign.Center);
                _printer.PrintQr(EInvoice.Payload(e, _header.MerchantId, _header.TerminalId, printedAt.Year), 4);
            }

            if (reprint)
            {
                Pair("打印时间 PRINTED:", DateText(printedAt), TextStyle.Normal);
            }

            End();
            return true;
        }

        /// <summary>
        /// Starts the transaction detail report of the open batch: the header and the first
        /// <see cref="DetailPageSize"/> transactions, oldest first (invoice, kind, state: APPROVED, VOIDED,
        /// DECLINED, REVERSED..., signed amount, channel, masked number). Returns the index of the next
        /// transaction to print; when it equals the batch's count the report is complete (count, net and the
        /// cut printed). Otherwise call <see cref="ContinueDetailReport"/> with it once the printer is no longer
        /// <see cref="IPrinter.Busy"/>: the driver's queue holds a few pages, not a whole batch of hundreds.
        /// </summary>
        public int PrintDetailReport(PaymentStore store, DateTime at)
        {
            ReportHeader("交易明细 DETAIL REPORT", store.Batch, at, false);
            Pair("INVOICE TYPE STATE", "AMOUNT", TextStyle.Normal);
            Pair("CHANNEL", "CARD/CODE NO", TextStyle.Normal);
            Rule();
            if (store.Count == 0)
            {
                Text("NO TRANSACTIONS", TextStyle.Normal, TextAlign.Center);
            }

            return ContinueDetailReport(store, 0);
        }

        /// <summary>
        /// Prints the next page of the detail report from transaction <paramref name="next"/>; returns the index
        /// after it (the batch's count once the report is complete and cut).
        /// </summary>
        public int ContinueDetailReport(PaymentStore store, int next)
        {
            int count = store.Count;
            int end = next + DetailPageSize < count ? next + DetailPageSize : count;
            for (int i = next; i < end; i++)
            {
                TxnEntry e = store.At(i);
                Pair(DigitText.Fixed(e.Invoice, 6) + " " + TxnKind.Name(e.Kind) + " " + StateName(e), Money.Format(Signed(e)), TextStyle.Normal);
                Pair(TxnChannel.Name(e.Channel), ShownNumber(e.MaskedPan), TextStyle.Normal);
            }

            if (end < count)
            {
                return end;
            }

            Rule();
            BatchTotals totals = new BatchTotals();
            store.Totals(totals);
            Pair("TRANSACTIONS:", count.ToString(), TextStyle.Normal);
            Pair("净额 NET:", Money.Format(totals.Net), TextStyle.Bold);
            End();
            return count;
        }

        /// <summary>
        /// Prints the totals (X) report of the open batch: count and amount per kind (voids and refunds
        /// negative), sales per channel, debits, credits and the net. The batch stays open.
        /// </summary>
        public void PrintTotalsReport(BatchTotals totals, DateTime at)
        {
            ReportHeader("交易汇总 TOTALS REPORT", totals.Batch, at, false);
            KindsAndChannels(totals);
            DebitCredit(totals);
            Rule();
            Text("X REPORT - batch stays open", TextStyle.Bold, TextAlign.Center);
            End();
        }

        /// <summary>
        /// Prints the settlement (Z) report of a closed batch: debit and credit counts and amounts, the net, and
        /// whether the host found it balanced or the batch had to be uploaded (<paramref name="uploads"/>
        /// transactions).
        /// </summary>
        public void PrintSettlementReport(BatchTotals totals, bool balanced, int uploads, DateTime at, bool reprint)
        {
            ReportHeader("结算单 SETTLEMENT REPORT", totals.Batch, at, reprint);
            KindsAndChannels(totals);
            DebitCredit(totals);
            Rule();
            if (balanced)
            {
                Text("对账平 BALANCED", TextStyle.Bold, TextAlign.Center);
            }
            else
            {
                Text("对账不平", TextStyle.Bold, TextAlign.Center);
                Text("UNBALANCED - batch uploaded (" + uploads.ToString() + ")", TextStyle.Bold, TextAlign.Center);
            }

            Rule();
            Text("Z REPORT - batch closed", TextStyle.Bold, TextAlign.Center);
            End();
        }

        // The top of every report: logo, title (a reprint banner under it), merchant, batch and date.
        private void ReportHeader(string title, int batch, DateTime at, bool reprint)
        {
            Logo();
            Text(title, TextStyle.Bold, TextAlign.Center);
            if (reprint)
            {
                ReprintBanner();
            }

            Rule();
            Merchant();
            Pair("批次号 BATCH:", DigitText.Fixed(batch, 6), TextStyle.Normal);
            Pair("日期 DATE:", DateText(at), TextStyle.Normal);
            Rule();
        }

        // Count and amount per kind (voids and refunds negative), then sales per channel (card, each QR wallet).
        private void KindsAndChannels(BatchTotals totals)
        {
            Row("TYPE", "COUNT", "AMOUNT");
            Row("消费 SALE", totals.Count(TxnKind.Sale), totals.Amount(TxnKind.Sale));
            Row("撤销 VOID", totals.Count(TxnKind.Void), -totals.Amount(TxnKind.Void));
            Row("退货 REFUND", totals.Count(TxnKind.Refund), -totals.Amount(TxnKind.Refund));
            Rule();
            Text("SALES BY CHANNEL", TextStyle.Normal, TextAlign.Left);
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                Row(TxnChannel.Name(c), totals.Count(TxnKind.Sale, c), totals.Amount(TxnKind.Sale, c));
            }

            Rule();
        }

        /// <summary>
        /// Prints the sales analysis of the open batch (<paramref name="analysis"/>): sales by hour (the hours
        /// with sales), by channel and by operator; then the last settled batch by channel, from its totals.
        /// </summary>
        public void PrintSalesAnalysis(SalesAnalysis analysis, BatchTotals lastSettled, DateTime at) => PrintSalesAnalysis(analysis, lastSettled, null, at);

        /// <summary>
        /// As <see cref="PrintSalesAnalysis(SalesAnalysis, BatchTotals, DateTime)"/>, with the top items of the open
        /// batch and, from <paramref name="lastAnalysis"/> (journaled at settlement), the last settled batch's sales
        /// by hour, by operator and its top items.
        /// </summary>
        public void PrintSalesAnalysis(SalesAnalysis analysis, BatchTotals lastSettled, SalesAnalysis? lastAnalysis, DateTime at)
        {
            ReportHeader("销售分析 SALES ANALYSIS", analysis.Batch, at, false);
            AnalysisBody(analysis);
            if (lastSettled.Batch > 0)
            {
                Rule();
                Text("LAST SETTLED BATCH " + DigitText.Fixed(lastSettled.Batch, 6), TextStyle.Bold, TextAlign.Left);
                for (int c = 0; c < TxnChannel.Count; c++)
                {
                    Row(TxnChannel.Name(c), lastSettled.Count(TxnKind.Sale, c), lastSettled.Amount(TxnKind.Sale, c));
                }

                if (lastAnalysis != null && lastAnalysis.Batch == lastSettled.Batch && lastAnalysis.Count > 0)
                {
                    Rule();
                    AnalysisBody(lastAnalysis);
                }
            }

            End();
        }

        /// <summary>The item catalog, for the names of the items on an item sale's receipt and in the top items; null for none.</summary>
        public ItemCatalog? Catalog { get; set; }

        // By hour, by channel, by operator, top items (when any were sold by code), then the sales count and amount.
        private void AnalysisBody(SalesAnalysis analysis)
        {
            Text("BY HOUR", TextStyle.Bold, TextAlign.Left);
            Row("HOUR", "COUNT", "AMOUNT");
            for (int h = 0; h < 24; h++)
            {
                if (analysis.HourCount(h) > 0)
                {
                    Row(DigitText.Fixed(h, 2) + ":00-" + DigitText.Fixed(h, 2) + ":59", analysis.HourCount(h), analysis.HourAmount(h));
                }
            }

            Rule();
            Text("BY CHANNEL", TextStyle.Bold, TextAlign.Left);
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                Row(TxnChannel.Name(c), analysis.ChannelCount(c), analysis.ChannelAmount(c));
            }

            Rule();
            Text("BY OPERATOR", TextStyle.Bold, TextAlign.Left);
            for (int op = 1; op <= SalesAnalysis.MaxOperator; op++)
            {
                if (analysis.OperatorCount(op) > 0)
                {
                    Row("OPERATOR " + DigitText.Fixed(op, 2), analysis.OperatorCount(op), analysis.OperatorAmount(op));
                }
            }

            if (analysis.ItemRows > 0)
            {
                Rule();
                Text(ItemText.TopByQuantity, TextStyle.Bold, TextAlign.Left);
                for (int r = 0; r < SalesAnalysis.TopCount && analysis.TopByQuantity(r) >= 0; r++)
                {
                    int row = analysis.TopByQuantity(r);
                    Row(ItemName(analysis.ItemCode(row)), analysis.ItemQuantity(row), analysis.ItemAmount(row));
                }

                Text(ItemText.TopByAmount, TextStyle.Bold, TextAlign.Left);
                for (int r = 0; r < SalesAnalysis.TopCount && analysis.TopByAmount(r) >= 0; r++)
                {
                    int row = analysis.TopByAmount(r);
                    Row(ItemName(analysis.ItemCode(row)), analysis.ItemQuantity(row), analysis.ItemAmount(row));
                }
            }

            Rule();
            Row("SALES", analysis.Count, analysis.Amount);
        }

        // The item lines of a sale: the name, then quantity x unit price and the line's amount.
        private void ItemLines(SaleItems items)
        {
            Rule();
            Text(ItemText.ReceiptHeading, TextStyle.Bold, TextAlign.Left);
            for (int i = 0; i < items.Count; i++)
            {
                Text(ItemName(items.Code(i)), TextStyle.Normal, TextAlign.Left);
                Pair("  " + items.Quantity(i).ToString() + " x " + Money.Format(items.UnitPrice(i)), Money.Format(items.LineAmount(i)), TextStyle.Normal);
            }
        }

        private string ItemName(int code)
        {
            int i = Catalog != null ? Catalog.IndexOf(code) : -1;
            return i >= 0 ? Catalog!.NameEn(i) : ItemText.Unknown(code);
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

        /// <summary>The slip label of a kind: 消费/SALE, 撤销/VOID, 退货/REFUND.</summary>
        public static string KindLabel(int kind)
        {
            switch (kind)
            {
                case TxnKind.Sale: return "消费/SALE";
                case TxnKind.Void: return "撤销/VOID";
                case TxnKind.Refund: return "退货/REFUND";
                default: return "?";
            }
        }

        /// <summary>The amount as the customer sees it: a sale positive, a void or refund negative.</summary>
        public static long Signed(TxnEntry e) => e.Kind == TxnKind.Sale ? e.Amount : -e.Amount;

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

        private static string StateName(TxnEntry e)
        {
            if (e.State == TxnState.Approved && e.Kind == TxnKind.Sale && e.Voided)
            {
                return "VOIDED";
            }

            return TxnState.Name(e.State);
        }

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

        private void ReprintBanner() => Text("REPRINT / 重打印", TextStyle.Bold | TextStyle.Inverse, TextAlign.Center);

        private void Merchant()
        {
            Text("商户名称 MERCHANT NAME:", TextStyle.Normal, TextAlign.Left);
            Text(_header.MerchantName, TextStyle.Bold, TextAlign.Left);
            Pair("商户编号 MID:", _header.MerchantId, TextStyle.Normal);
            Pair("终端编号 TID:", _header.TerminalId, TextStyle.Normal);
        }

        private void DebitCredit(BatchTotals totals)
        {
            Row("借记 DEBIT", totals.DebitCount, totals.DebitAmount);
            Row("贷记 CREDIT", totals.CreditCount, totals.CreditAmount);
            Pair("净额 NET:", Money.Format(totals.Net), TextStyle.Bold);
        }

        private void End()
        {
            TrainingBanner();
            _printer.Feed(FeedBeforeCut);
            _printer.Cut();
        }

        private void Rule() => _printer.PrintLine(new string('-', _printer.Columns), TextStyle.Normal, TextAlign.Left);

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
