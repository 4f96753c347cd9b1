using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Hal;

namespace Terminal.Core.Printing
{
    /// <summary>
    /// The receipt print queue: receipts, reports and the settlement's Z report go to the printer through one
    /// <see cref="ReceiptPrinter"/> per terminal identity. A receipt (and the Z report) is journaled as printed only
    /// once the printer has taken every byte of it and reports no fault; receipts a power cut left unprinted are
    /// printed again at power-up. The transaction detail goes a page at a time as the printer takes it.
    /// </summary>
    public sealed class ReceiptSpooler : ITimerHandler
    {
        /// <summary>Milliseconds between looks at the printer while something is on its way to paper.</summary>
        public const int WatchMs = 200;

        private readonly Cashier _c;
        private readonly TxnEntry?[] _printing = new TxnEntry?[8];
        private readonly int[] _printingCopies = new int[8];
        private readonly BatchTotals _totals = new BatchTotals();
        private ReceiptPrinter? _receipts;
        private Host.TerminalIdentity? _receiptsFor;
        private int _timer = -1;
        private bool _settleReportOwed;
        private int _detailNext = -1;

        /// <summary>The spooler of <paramref name="cashier"/>'s terminal.</summary>
        public ReceiptSpooler(Cashier cashier)
        {
            _c = cashier;
        }

        /// <summary>Whether there is a printer and an identity to head the paper with.</summary>
        public bool HasPrinter => Receipts() != null;

        /// <summary>Whether a document is still on its way to paper, or printed but not yet journaled as printed.</summary>
        public bool Printing
        {
            get
            {
                for (int i = 0; i < _printing.Length; i++)
                {
                    if (_printing[i] != null)
                    {
                        return true;
                    }
                }

                IPrinter? printer = _c.Devices.Printer;
                return _settleReportOwed || (_detailNext >= 0 && _detailNext < _c.Store.Count) || (printer != null && printer.Busy);
            }
        }

        /// <summary>Prints copy <paramref name="copy"/> (1 merchant, 2 customer) of <paramref name="e"/>; it is journaled as printed once on paper.</summary>
        public void PrintReceipt(TxnEntry e, int copy, bool reprint, bool eInvoice)
        {
            ReceiptPrinter? printer = Receipts();
            if (printer == null)
            {
                return;
            }

            printer.PrintTransaction(e, copy, reprint, _c.Loop.Clock.WallTime, eInvoice);
            if (reprint || (e.Printed & copy) != 0)
            {
                return;
            }

            for (int i = 0; i < _printing.Length; i++)
            {
                if (_printing[i] == null || _printing[i] == e)
                {
                    _printing[i] = e;
                    _printingCopies[i] |= copy;
                    break;
                }
            }

            Watch();
        }

        /// <summary>The last settlement's Z report (<paramref name="reprint"/>: marked as a copy, not owed).</summary>
        public void PrintSettlementReport(bool reprint)
        {
            ReceiptPrinter? printer = Receipts();
            if (printer == null)
            {
                return;
            }

            PaymentStore store = _c.Store;
            printer.PrintSettlementReport(store.LastSettled, store.LastSettledAnalysis, store.LastSettledSides, store.LastSettledBalanced, store.LastSettledUploads, _c.Loop.Clock.WallTime, reprint);
            if (!reprint && !store.SettlementReportPrinted)
            {
                _settleReportOwed = true;
                Watch();
            }
        }

        /// <summary>The transaction detail report: the first page now, the rest as the printer takes it.</summary>
        public void PrintDetailReport()
        {
            ReceiptPrinter? printer = Receipts();
            if (printer == null)
            {
                return;
            }

            _detailNext = printer.PrintDetailReport(_c.Store, _c.Loop.Clock.WallTime);
            if (_detailNext < _c.Store.Count)
            {
                // The rest goes a page at a time as the printer takes it (its queue holds about 70 lines' worth).
                Watch();
            }
        }

        /// <summary>The totals (X) report of the batch.</summary>
        public void PrintTotalsReport()
        {
            ReceiptPrinter? printer = Receipts();
            if (printer != null)
            {
                _c.Store.Totals(_totals);
                printer.PrintTotalsReport(_totals, _c.Loop.Clock.WallTime);
            }
        }

        /// <summary>The sales analysis <paramref name="analysis"/>, with the last settled batch's.</summary>
        public void PrintSalesAnalysis(SalesAnalysis analysis)
        {
            ReceiptPrinter? printer = Receipts();
            PaymentStore store = _c.Store;
            printer?.PrintSalesAnalysis(analysis, store.LastSettled, store.LastSettledAnalysis, _c.Loop.Clock.WallTime);
        }

        /// <summary>
        /// Receipts owed after a power cut (approved, merchant copy never finished) and an unprinted Z report; not
        /// <paramref name="except"/> (on the screen now, its copy already queued).
        /// </summary>
        public void PrintOwed(TxnEntry? except)
        {
            PaymentStore store = _c.Store;
            if (!store.SettlementReportPrinted && !_settleReportOwed && store.LastSettled.Batch > 0)
            {
                PrintSettlementReport(false);
            }

            for (int i = 0; i < store.Count; i++)
            {
                TxnEntry t = store.At(i);
                if (t.State == TxnState.Approved && (t.Printed & 1) == 0 && !Queued(t) && t != except)
                {
                    PrintReceipt(t, 1, false, false);
                }
            }
        }

        /// <inheritdoc />
        public void OnTimer(int timerId, long nowMs)
        {
            if (timerId != _timer)
            {
                return;
            }

            _timer = -1;
            IPrinter? printer = _c.Devices.Printer;
            if (printer == null)
            {
                return;
            }

            if (printer.Busy || (printer.Status & (PrinterStatus.PaperOut | PrinterStatus.CoverOpen | PrinterStatus.Offline)) != 0)
            {
                Watch();
                return;
            }

            PaymentStore store = _c.Store;
            if (_detailNext >= 0 && _detailNext < store.Count)
            {
                ReceiptPrinter? receipts = Receipts();
                _detailNext = receipts == null ? -1 : receipts.ContinueDetailReport(store, _detailNext);
                Watch();
                return;
            }

            for (int i = 0; i < _printing.Length; i++)
            {
                TxnEntry? e = _printing[i];
                if (e != null)
                {
                    store.RecordPrinted(e, _printingCopies[i]);
                    _printing[i] = null;
                    _printingCopies[i] = 0;
                }
            }

            if (_settleReportOwed)
            {
                _settleReportOwed = false;
                store.RecordSettlementPrinted();
            }
        }

        private ReceiptPrinter? Receipts()
        {
            IPrinter? printer = _c.Devices.Printer;
            PaymentStore store = _c.Store;
            if (printer == null || store.Identity == null)
            {
                return null;
            }

            // One layout per identity and name (set-up replaces them), not two objects per receipt.
            if (_receipts == null || _receiptsFor != store.Identity || !ReferenceEquals(_receipts.Header.MerchantName, _c.MerchantName))
            {
                _receiptsFor = store.Identity;
                var header = new ReceiptHeader(_c.MerchantName, _receiptsFor.MerchantId, _receiptsFor.TerminalId);
                header.Training = _c.Training;
                _receipts = new ReceiptPrinter(printer, header) { Catalog = store.Catalog, Invoices = new EInvoice(_c.Keys, _c.Crypto, _c.EInvoiceUrl) };
            }

            _receipts.Language = _c.Lang;
            return _receipts;
        }

        private bool Queued(TxnEntry e)
        {
            for (int i = 0; i < _printing.Length; i++)
            {
                if (_printing[i] == e)
                {
                    return true;
                }
            }

            return false;
        }

        private void Watch()
        {
            if (_timer < 0)
            {
                _timer = _c.Loop.Timers.Start(this, _c.Loop.Clock.NowMs + WatchMs, 0);
            }
        }
    }
}
