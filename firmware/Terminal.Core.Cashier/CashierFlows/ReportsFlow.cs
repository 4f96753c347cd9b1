using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Printing;
using Terminal.Core.Screens;
using Terminal.Core.Ui;
using Terminal.Core.Util;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Reports and reprints: the reports menu (MENU 7: transaction detail, totals X, last settlement Z, sales analysis,
    /// which is shown as well as printed), the last receipt again (MENU 5, FEED) and a receipt by invoice (MENU 6).
    /// </summary>
    public sealed class ReportsFlow : Flow
    {
        /// <summary>Step: the reports menu.</summary>
        public const int Menu = 0;
        /// <summary>Step: print the transaction detail.</summary>
        public const int Detail = 1;
        /// <summary>Step: print the totals (X).</summary>
        public const int Totals = 2;
        /// <summary>Step: print the last settlement (Z) again.</summary>
        public const int Settlement = 3;
        /// <summary>Step: show and print the sales analysis.</summary>
        public const int Analysis = 4;
        /// <summary>Step: reprint the last receipt.</summary>
        public const int Last = 5;
        /// <summary>Step: reprint a receipt by invoice number.</summary>
        public const int ByInvoice = 6;

        private readonly MenuRow[] _menu;
        private readonly AnalysisScreen _analysis;

        /// <summary>The reports of <paramref name="cashier"/>'s terminal; <paramref name="menu"/> is the reports table.</summary>
        public ReportsFlow(Cashier cashier, MenuRow[] menu)
            : base(cashier)
        {
            _menu = menu;
            _analysis = new AnalysisScreen(cashier);
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            ReceiptSpooler spooler = C.Spooler;
            switch (step)
            {
                case Menu:
                    C.Menu.Open(Texts.TitleReports, _menu, 2);
                    return;
                case Last:
                    C.GoIdle();
                    ReprintLast();
                    return;
                case ByInvoice:
                    C.Number.Ask(this, C.T(Texts.TitleReprint), C.T(Texts.InvoicePrompt), 1, 6, false);
                    return;
                default:
                    break;
            }

            if (!spooler.HasPrinter)
            {
                C.GoIdle();
                C.Status(C.T(Texts.NoPrinter));
                return;
            }

            if (step == Detail)
            {
                spooler.PrintDetailReport();
                C.GoIdle();
                C.Status(C.T(Texts.PrintingDetail));
            }
            else if (step == Totals)
            {
                spooler.PrintTotalsReport();
                C.GoIdle();
                C.Status(C.T(Texts.PrintingTotals));
            }
            else if (step == Analysis)
            {
                _analysis.Analysis.Compute(C.Store);
                spooler.PrintSalesAnalysis(_analysis.Analysis);
                C.Nav.Show(_analysis);
                C.Status(C.T(Texts.PrintingAnalysis));
            }
            else if (C.Store.LastSettled.Batch == 0)
            {
                C.GoIdle();
                C.Status(C.T(Texts.NoSettlementYet));
            }
            else
            {
                spooler.PrintSettlementReport(true);
                C.GoIdle();
                C.Status(C.T(Texts.ReprintingSettlement));
            }
        }

        /// <summary>The last approved receipt again, marked as a reprint; the status line says so, or that there is none.</summary>
        public void ReprintLast()
        {
            TxnEntry? last = C.Store.LastApproved();
            if (last == null)
            {
                C.Status(C.T(Texts.NothingToReprint));
                return;
            }

            C.Status(C.T(Texts.ReprintingLast));
            C.Spooler.PrintReceipt(last, 1, true, false);
        }

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            TxnEntry? e = C.Store.FindInvoice(value);
            if (e == null || e.State != TxnState.Approved)
            {
                C.ShowMessage(C.T(Texts.TitleReprint), C.F(e == null ? Texts.NoInvoice : Texts.InvoiceNotApproved, DigitText.Fixed(value, 6)));
                return;
            }

            C.Spooler.PrintReceipt(e, 1, true, false);
            C.GoIdle();
            C.Status(C.F(Texts.ReprintingInvoice, DigitText.Fixed(value, 6)));
        }
    }
}
