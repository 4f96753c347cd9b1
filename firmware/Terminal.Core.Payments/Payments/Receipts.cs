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
        private string _rule = string.Empty;
        private ReceiptHeader _header;

        /// <summary>Prints on <paramref name="printer"/> under <paramref name="header"/>.</summary>
        public ReceiptPrinter(IPrinter printer, ReceiptHeader header)
        {
            _printer = printer;
            _header = header;
        }

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
        /// copy of a sale also carries the e-invoice link as a QR code (<see cref="EInvoice"/>), when <see cref="Invoices"/> can sign it.
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

            string? invoiceUrl = eInvoice && copy == CustomerCopy && e.Kind == TxnKind.Sale && !notCompleted && Invoices != null
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
            ReportHeader(T(Texts.DetailTitle), store.Batch, at, false);
            Pair(T(Texts.DetailHeader1), T(Texts.RowAmount), TextStyle.Normal);
            Pair(T(Texts.DetailHeader2), T(Texts.DetailNumberHeader), TextStyle.Normal);
            Rule();
            if (store.Count == 0)
            {
                Text(T(Texts.NoTransactions), TextStyle.Normal, TextAlign.Center);
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
                Pair(DigitText.Fixed(e.Invoice, 6) + " " + TxnKind.Text(e.Kind, Language) + " " + StateName(e), Money.Format(Signed(e)), TextStyle.Normal);
                Pair(TxnChannel.Text(e.Channel, Language) + EntryMark(e), ShownNumber(e.MaskedPan), TextStyle.Normal);
                if (e.CardDeclined)
                {
                    Text("  " + T(Texts.SlipCardDeclined), TextStyle.Normal, TextAlign.Left);
                }
            }

            if (end < count)
            {
                return end;
            }

            Rule();
            BatchTotals totals = new BatchTotals();
            store.Totals(totals);
            Pair(T(Texts.TransactionsLabel), count.ToString(), TextStyle.Normal);
            Pair(T(Texts.NetLabel), Money.Format(totals.Net), TextStyle.Bold);
            Rule();
            CardModes(totals.Modes);
            End();
            return count;
        }

        /// <summary>
        /// Prints the totals (X) report of the open batch: count and amount per kind (voids and refunds
        /// negative), sales per channel, debits, credits and the net. The batch stays open.
        /// </summary>
        public void PrintTotalsReport(BatchTotals totals, DateTime at)
        {
            ReportHeader(T(Texts.TotalsTitle), totals.Batch, at, false);
            KindsAndChannels(totals);
            CardModes(totals.Modes);
            Rule();
            DebitCredit(totals);
            Rule();
            Text(T(Texts.XReportNote), TextStyle.Bold, TextAlign.Center);
            End();
        }

        /// <summary>
        /// Prints the settlement (Z) report of a closed batch: debit and credit counts and amounts, the net, and
        /// whether the host found it balanced or the batch had to be uploaded (<paramref name="uploads"/>
        /// transactions).
        /// </summary>
        public void PrintSettlementReport(BatchTotals totals, bool balanced, int uploads, DateTime at, bool reprint) => PrintSettlementReport(totals, null, balanced, uploads, at, reprint);

        /// <summary>
        /// As <see cref="PrintSettlementReport(BatchTotals, bool, int, DateTime, bool)"/>, with the card sales by entry
        /// mode from <paramref name="analysis"/> (the batch's analysis, journaled at settlement) when it is of this batch.
        /// </summary>
        public void PrintSettlementReport(BatchTotals totals, SalesAnalysis? analysis, bool balanced, int uploads, DateTime at, bool reprint) =>
            PrintSettlementReport(totals, analysis, null, balanced, uploads, at, reprint);

        /// <summary>
        /// As <see cref="PrintSettlementReport(BatchTotals, SalesAnalysis, bool, int, DateTime, bool)"/>, with the terminal's
        /// and the host's figures side by side for domestic and foreign cards from <paramref name="sides"/> (when the host's
        /// are known): each part marked balanced or not and, when not, what differed; then, after an upload, what it sent.
        /// </summary>
        public void PrintSettlementReport(BatchTotals totals, SalesAnalysis? analysis, SettlementSides? sides, bool balanced, int uploads, DateTime at, bool reprint)
        {
            ReportHeader(T(Texts.SettlementTitle), totals.Batch, at, reprint);
            KindsAndChannels(totals);
            if (analysis != null && analysis.Batch == totals.Batch)
            {
                CardModes(analysis.Modes);
                Rule();
            }

            DebitCredit(totals);
            Rule();
            if (sides != null)
            {
                Sides(sides);
                Rule();
            }

            if (balanced)
            {
                Text(T(Texts.Balanced), TextStyle.Bold, TextAlign.Center);
            }
            else
            {
                Text(Texts.Format(Language, Texts.Unbalanced, uploads.ToString()), TextStyle.Bold, TextAlign.Center);
                if (sides != null)
                {
                    // What the batch upload sent: every transaction that settles, then the end message with the count.
                    Text(Texts.Format(Language, Texts.UploadSent, uploads.ToString()), TextStyle.Normal, TextAlign.Left);
                    Row(T(Texts.DebitLabel), totals.DebitCount, totals.DebitAmount);
                    Row(T(Texts.CreditLabel), totals.CreditCount, totals.CreditAmount);
                    Text(T(Texts.AfterUpload), TextStyle.Bold, TextAlign.Left);
                }
            }

            Rule();
            Text(T(Texts.ZReportNote), TextStyle.Bold, TextAlign.Center);
            End();
        }

        // Terminal and host side by side per part (domestic, foreign): the part's mark, then debit and credit as count/amount
        // under TERMINAL and HOST, and for a part that did not balance, which figures differ.
        private void Sides(SettlementSides sides)
        {
            Text(T(Texts.SidesTitle), TextStyle.Bold, TextAlign.Left);
            if (!sides.HostKnown)
            {
                Text(T(Texts.HostSideUnknown), TextStyle.Normal, TextAlign.Left);
                return;
            }

            SideRow(string.Empty, T(Texts.SideTerminal), T(Texts.SideHost));
            for (int part = SettlementSides.Domestic; part <= SettlementSides.Foreign; part++)
            {
                string name = T(part == SettlementSides.Domestic ? Texts.PartDomestic : Texts.PartForeign);
                int result = sides.Result(part);
                Text(Texts.Format(Language, result == 1 ? Texts.PartBalanced : result == 2 ? Texts.PartUnbalanced : Texts.PartError, name), TextStyle.Bold, TextAlign.Left);
                SideRow(T(Texts.DebitLabel), Figure(sides, false, part, false), Figure(sides, true, part, false));
                SideRow(T(Texts.CreditLabel), Figure(sides, false, part, true), Figure(sides, true, part, true));
                if (result != 1 && !sides.Agree(part))
                {
                    Text(Texts.Format(Language, Texts.Differs, Differences(sides, part)), TextStyle.Normal, TextAlign.Left);
                }
            }
        }

        private static string Figure(SettlementSides sides, bool host, int part, bool credit) =>
            sides.Count(host, part, credit).ToString() + "/" + Money.Format(sides.Amount(host, part, credit));

        // "DEBIT COUNT, DEBIT AMOUNT": the figures of a part on which terminal and host differ.
        private string Differences(SettlementSides sides, int part)
        {
            string list = string.Empty;
            for (int i = 0; i < 2; i++)
            {
                bool credit = i == 1;
                string kind = T(credit ? Texts.CreditLabel : Texts.DebitLabel) + " ";
                if (sides.Count(false, part, credit) != sides.Count(true, part, credit))
                {
                    list += (list.Length > 0 ? ", " : string.Empty) + kind + T(Texts.RowCount);
                }

                if (sides.Amount(false, part, credit) != sides.Amount(true, part, credit))
                {
                    list += (list.Length > 0 ? ", " : string.Empty) + kind + T(Texts.RowAmount);
                }
            }

            return list;
        }

        // A label and two values right-aligned in 12 columns each (TERMINAL, HOST); label and both values as a pair when
        // they do not fit.
        private void SideRow(string label, string terminal, string host)
        {
            const int ValueColumns = 12;
            string right = Spaces(ValueColumns - TextWidth(terminal)) + terminal + Spaces(ValueColumns - TextWidth(host)) + host;
            string? line = label.Length == 0 && TextWidth(right) <= _printer.Columns ? Spaces(_printer.Columns - TextWidth(right)) + right : AlignPair(label, right, _printer.Columns);
            if (line != null)
            {
                Text(line, TextStyle.Normal, TextAlign.Left);
                return;
            }

            Pair(label, terminal + " | " + host, TextStyle.Normal);
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
            Pair(T(Texts.BatchLabel), DigitText.Fixed(batch, 6), TextStyle.Normal);
            Pair(T(Texts.DateLabel), DateText(at), TextStyle.Normal);
            Rule();
        }

        // Every line says what it counts: the sales rung up (a voided one too), the voided ones taken off, the sales
        // kept, the refunds; then the sales kept per channel (card, each QR wallet).
        private void KindsAndChannels(BatchTotals totals)
        {
            Row(T(Texts.RowType), T(Texts.RowCount), T(Texts.RowAmount));
            Row(T(Texts.TotalsSales), totals.Count(TxnKind.Sale), totals.Amount(TxnKind.Sale));
            Row(T(Texts.TotalsVoided), totals.Count(TxnKind.Void), -totals.Amount(TxnKind.Void));
            CompletionsRow(totals);
            Row(T(Texts.SalesRow), totals.DebitCount, totals.DebitAmount);
            Row(T(Texts.TotalsRefunds), totals.Count(TxnKind.Refund), -totals.Amount(TxnKind.Refund));
            Rule();
            KeptByChannel(totals);
            Rule();
        }

        // The pre-auth completions (request and advice) standing, which the debits count beside the sales kept: what the
        // debits hold beyond the sales less their voids (the journal's totals keep no cell of their own for them).
        private void CompletionsRow(BatchTotals totals)
        {
            int count = totals.DebitCount - (totals.Count(TxnKind.Sale) - totals.Count(TxnKind.Void));
            long amount = totals.DebitAmount - (totals.Amount(TxnKind.Sale) - totals.Amount(TxnKind.Void));
            if (count != 0 || amount != 0)
            {
                Row(T(Texts.TotalsCompletions), count, amount);
            }
        }

        // The sales kept per channel: each channel's sales less the voids of them (a void carries its sale's channel).
        private void KeptByChannel(BatchTotals totals)
        {
            Text(T(Texts.SalesByChannel), TextStyle.Normal, TextAlign.Left);
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                Row(TxnChannel.Text(c, Language), totals.Count(TxnKind.Sale, c) - totals.Count(TxnKind.Void, c), totals.Amount(TxnKind.Sale, c) - totals.Amount(TxnKind.Void, c));
            }
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
            ReportHeader(T(Texts.TitleSalesAnalysis), analysis.Batch, at, false);
            Text(Texts.Format(Language, Texts.OpenBatch, DigitText.Fixed(analysis.Batch, 6)), TextStyle.Bold, TextAlign.Left);
            AnalysisBody(analysis);
            if (lastSettled.Batch > 0)
            {
                Rule();
                Text(Texts.Format(Language, Texts.LastSettledBatch, DigitText.Fixed(lastSettled.Batch, 6)), TextStyle.Bold, TextAlign.Left);
                if (lastAnalysis != null && lastAnalysis.Batch == lastSettled.Batch)
                {
                    AnalysisBody(lastAnalysis);
                }
                else
                {
                    // A batch settled before the analysis was journaled with it: its totals are all there is.
                    KeptByChannel(lastSettled);
                    Rule();
                    Row(T(Texts.SalesRow), lastSettled.DebitCount, lastSettled.DebitAmount);
                }
            }

            End();
        }

        /// <summary>The item catalog, for the names of the items on an item sale's receipt and in the top items; null for none.</summary>
        public ItemCatalog? Catalog { get; set; }

        // By hour, by channel, by operator, top items (when any were sold by code), then the sales count and amount.
        private void AnalysisBody(SalesAnalysis analysis)
        {
            Text(T(Texts.ByHour), TextStyle.Bold, TextAlign.Left);
            Row(T(Texts.RowHour), T(Texts.RowCount), T(Texts.RowAmount));
            for (int h = 0; h < 24; h++)
            {
                if (analysis.HourCount(h) > 0)
                {
                    Row(DigitText.Fixed(h, 2) + ":00-" + DigitText.Fixed(h, 2) + ":59", analysis.HourCount(h), analysis.HourAmount(h));
                }
            }

            NoneWhen(analysis.Count == 0, Texts.NoSales);

            Rule();
            Text(T(Texts.ByChannel), TextStyle.Bold, TextAlign.Left);
            for (int c = 0; c < TxnChannel.Count; c++)
            {
                Row(TxnChannel.Text(c, Language), analysis.ChannelCount(c), analysis.ChannelAmount(c));
            }

            Rule();
            CardModes(analysis.Modes);
            Rule();
            Text(T(Texts.ByOperator), TextStyle.Bold, TextAlign.Left);
            for (int op = 1; op <= SalesAnalysis.MaxOperator; op++)
            {
                if (analysis.OperatorCount(op) > 0)
                {
                    Row(Texts.Format(Language, Texts.OperatorRow, DigitText.Fixed(op, 2)), analysis.OperatorCount(op), analysis.OperatorAmount(op));
                }
            }

            NoneWhen(analysis.Count == 0, Texts.NoSales);
            Rule();
            Text(T(Texts.ItemTopByQuantity), TextStyle.Bold, TextAlign.Left);
            NoneWhen(analysis.ItemRows == 0, Texts.NoItemSales);
            if (analysis.ItemRows > 0)
            {
                for (int r = 0; r < SalesAnalysis.TopCount && analysis.TopByQuantity(r) >= 0; r++)
                {
                    int row = analysis.TopByQuantity(r);
                    Row(ItemName(analysis.ItemCode(row)), analysis.ItemQuantity(row), analysis.ItemAmount(row));
                }

                Text(T(Texts.ItemTopByAmount), TextStyle.Bold, TextAlign.Left);
                for (int r = 0; r < SalesAnalysis.TopCount && analysis.TopByAmount(r) >= 0; r++)
                {
                    int row = analysis.TopByAmount(r);
                    Row(ItemName(analysis.ItemCode(row)), analysis.ItemQuantity(row), analysis.ItemAmount(row));
                }
            }

            Rule();
            Row(T(Texts.SalesRow), analysis.Count, analysis.Amount);
        }

        // Card sales kept by how the card was read, as CUP reports count them; then the sales the card declined after
        // the host approved, which are reversed and in no total.
        private void CardModes(CardModeTotals modes)
        {
            Text(T(Texts.CardSalesByEntry), TextStyle.Normal, TextAlign.Left);
            Row(EntryMode.Text(EntryMode.Inserted, Language), modes.Count(EntryMode.Inserted), modes.Amount(EntryMode.Inserted));
            Row(EntryMode.Text(EntryMode.Contactless, Language), modes.Count(EntryMode.Contactless), modes.Amount(EntryMode.Contactless));
            Row(EntryMode.Text(EntryMode.Swipe, Language), modes.Count(EntryMode.Swipe), modes.Amount(EntryMode.Swipe));
            Row(EntryMode.Text(EntryMode.Fallback, Language), modes.Count(EntryMode.Fallback), modes.Amount(EntryMode.Fallback));
            if (modes.DeclinedCount > 0)
            {
                Row(T(Texts.CardDeclinedRow), modes.DeclinedCount, modes.DeclinedAmount);
            }
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
