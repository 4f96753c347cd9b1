using System;
using Terminal.Core.Ui;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// The receipt printer's reports: the transaction detail report, the totals (X) report, the settlement (Z) report
    /// with terminal and host side by side, and the sales analysis. The transaction slip and the shared layout helpers
    /// are in Receipts.cs.
    /// </summary>
    public sealed partial class ReceiptPrinter
    {
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
            Pair(T(Texts.DetailHeaderKind), T(Texts.RowAmount), TextStyle.Normal);
            Pair(T(Texts.DetailHeader2), T(Texts.DetailNumberHeader), TextStyle.Normal);
            Text(T(Texts.DetailHeaderState), TextStyle.Normal, TextAlign.Left);
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
                // Invoice, kind and amount; channel and number; the state under them unless approved (on 58 mm paper the
                // state beside the longest kind and amount would break the line).
                TxnEntry e = store.At(i);
                Pair(DigitText.Fixed(e.Invoice, 6) + " " + DetailKind(e.Kind), Money.Format(Signed(e)), TextStyle.Normal);
                Pair(TxnChannel.Text(e.Channel, Language) + EntryMark(e), ShownNumber(e.MaskedPan), TextStyle.Normal);
                string state = StateName(e);
                if (state != TxnState.Text(TxnState.Approved, Language))
                {
                    Text("  " + state, TextStyle.Normal, TextAlign.Left);
                }

                if (e.CardDeclined)
                {
                    Text("  " + T(Texts.SlipCardDeclined), TextStyle.Normal, TextAlign.Left);
                }

                string advice = e.AdviceFollowUp(Language); // ADVICE REFUSED 25, ADVICE UNANSWERED: for the merchant to follow up
                if (advice.Length > 0)
                {
                    Text("  " + advice, TextStyle.Normal, TextAlign.Left);
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

        // The kind's name as the detail report prints it: the completion's void and advice by their short names, which
        // leave the amount room on the invoice's line.
        private string DetailKind(int kind) =>
            kind == TxnKind.CompletionVoid ? T(Texts.DetailCompletionVoid)
            : kind == TxnKind.CompletionAdvice ? T(Texts.DetailCompletionAdvice)
            : TxnKind.Text(kind, Language);

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
                    Differences(sides, part);
                }
            }
        }

        private static string Figure(SettlementSides sides, bool host, int part, bool credit) =>
            sides.Count(host, part, credit).ToString() + "/" + Money.Format(sides.Amount(host, part, credit));

        // The figures of a part on which terminal and host differ, one a line ("DIFFERS: DEBIT COUNT", "DIFFERS: DEBIT
        // AMOUNT"): all four on one line would not fit 58 mm paper.
        private void Differences(SettlementSides sides, int part)
        {
            for (int i = 0; i < 2; i++)
            {
                bool credit = i == 1;
                string kind = T(credit ? Texts.CreditLabel : Texts.DebitLabel) + " ";
                if (sides.Count(false, part, credit) != sides.Count(true, part, credit))
                {
                    Text(Texts.Format(Language, Texts.Differs, kind + T(Texts.RowCount)), TextStyle.Normal, TextAlign.Left);
                }

                if (sides.Amount(false, part, credit) != sides.Amount(true, part, credit))
                {
                    Text(Texts.Format(Language, Texts.Differs, kind + T(Texts.RowAmount)), TextStyle.Normal, TextAlign.Left);
                }
            }
        }

        // A label and two values right-aligned in 12 columns each (TERMINAL, HOST); when they do not fit (a batch's totals
        // in the hundreds of millions), the label alone, then each side's value on a line of its own.
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

            Text(label, TextStyle.Normal, TextAlign.Left);
            Pair("  " + T(Texts.SideTerminal), terminal, TextStyle.Normal);
            Pair("  " + T(Texts.SideHost), host, TextStyle.Normal);
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
    }
}
