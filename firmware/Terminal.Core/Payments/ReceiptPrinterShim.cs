// TEMPORARY: replaced by the receipts branch at merge (same API). Deleted then.
using Terminal.Hal;

namespace Terminal.Core.Payments
{
    /// <summary>Merchant details printed at the top of every document.</summary>
    public sealed class ReceiptHeader
    {
        /// <summary>Creates a header.</summary>
        public ReceiptHeader(string merchantName, string merchantId, string terminalId)
        {
            MerchantName = merchantName;
            MerchantId = merchantId;
            TerminalId = terminalId;
        }

        /// <summary>Merchant name.</summary>
        public string MerchantName { get; }

        /// <summary>MID.</summary>
        public string MerchantId { get; }

        /// <summary>TID.</summary>
        public string TerminalId { get; }
    }

    /// <summary>Shim.</summary>
    public sealed class ReceiptPrinter
    {
        private readonly IPrinter _p;

        /// <summary>Shim.</summary>
        public ReceiptPrinter(IPrinter printer, ReceiptHeader header)
        {
            _p = printer;
            _ = header;
        }

        /// <summary>Shim.</summary>
        public void PrintTransaction(TxnEntry e, int copy, bool reprint, System.DateTime printedAt)
        {
            _p.PrintLine(TxnKind.Name(e.Kind) + " " + Money.FormatCny(e.Amount) + (reprint ? " REPRINT" : string.Empty) + " copy " + copy.ToString() + " " + printedAt.Year.ToString(), TextStyle.Normal, TextAlign.Left);
            _p.Cut();
        }

        /// <summary>Shim.</summary>
        public void PrintDetailReport(PaymentStore store, System.DateTime at)
        {
            _p.PrintLine("DETAIL " + store.Count.ToString() + " " + at.Year.ToString(), TextStyle.Normal, TextAlign.Left);
            _p.Cut();
        }

        /// <summary>Shim.</summary>
        public void PrintTotalsReport(BatchTotals totals, System.DateTime at)
        {
            _p.PrintLine("TOTALS " + totals.Net.ToString() + " " + at.Year.ToString(), TextStyle.Normal, TextAlign.Left);
            _p.Cut();
        }

        /// <summary>Shim.</summary>
        public void PrintSettlementReport(BatchTotals totals, bool balanced, int uploads, System.DateTime at, bool reprint)
        {
            _p.PrintLine("SETTLEMENT " + totals.Net.ToString() + (balanced ? " BALANCED" : " UPLOADED " + uploads.ToString()) + (reprint ? " REPRINT" : string.Empty) + at.Year.ToString(), TextStyle.Normal, TextAlign.Left);
            _p.Cut();
        }
    }
}
