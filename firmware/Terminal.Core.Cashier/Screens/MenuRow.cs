using Terminal.Core.CashierFlows;

namespace Terminal.Core.Screens
{
    /// <summary>Who may use a menu row: its password is asked before the row's flow starts.</summary>
    public enum Access
    {
        /// <summary>Any cashier.</summary>
        Anyone = 0,

        /// <summary>Behind the manager's password.</summary>
        Manager = 1,

        /// <summary>Behind the technician's password.</summary>
        Technician = 2,
    }

    /// <summary>What a menu row does; bound to a flow and its step by <see cref="App.TerminalApp"/>.</summary>
    public enum MenuAction
    {
        /// <summary>The technician's self-test.</summary>
        SelfTest = 0,
        /// <summary>Void a sale of this batch.</summary>
        Void,
        /// <summary>Refund a sale by its reference number.</summary>
        Refund,
        /// <summary>Settle the batch.</summary>
        Settlement,
        /// <summary>Reprint the last receipt.</summary>
        ReprintLast,
        /// <summary>Reprint a receipt by invoice number.</summary>
        ReprintInvoice,
        /// <summary>The reports menu.</summary>
        Reports,
        /// <summary>Sign in to the host.</summary>
        SignIn,
        /// <summary>Log an operator on.</summary>
        Operator,
        /// <summary>The set-up menu.</summary>
        SetUp,
        /// <summary>Check for a software update.</summary>
        Update,
        /// <summary>The terminal's IDs and master key.</summary>
        TerminalIds,
        /// <summary>The language menu.</summary>
        Language,
        /// <summary>Training mode on or off.</summary>
        Training,
        /// <summary>A new manager password.</summary>
        ManagerPassword,
        /// <summary>A new technician password.</summary>
        TechnicianPassword,
        /// <summary>The transaction detail report.</summary>
        DetailReport,
        /// <summary>The totals (X) report.</summary>
        TotalsReport,
        /// <summary>The last settlement report (Z) again.</summary>
        SettlementReprint,
        /// <summary>The sales analysis.</summary>
        SalesAnalysis,
        /// <summary>English.</summary>
        English,
        /// <summary>Simplified Chinese.</summary>
        Chinese,
        /// <summary>The merchant's name, service hotline and contact (the last: the routing table in <see cref="App.TerminalApp"/> ends here).</summary>
        MerchantProfile,
    }

    /// <summary>One row of a menu: its key, its text, who may use it and what it does.</summary>
    public sealed class MenuRow
    {
        /// <summary>A row of a menu table.</summary>
        public MenuRow(int key, int text, Access who, MenuAction action)
        {
            Key = key;
            Text = text;
            TrainingText = -1;
            Who = who;
            Action = action;
        }

        /// <summary>The key that chooses it (a <see cref="Hal.KeyCode"/>).</summary>
        public int Key { get; }

        /// <summary>Its text id (the key is in the text).</summary>
        public int Text { get; }

        /// <summary>Its text id in training mode (-1: the same).</summary>
        public int TrainingText { get; set; }

        /// <summary>Who may use it.</summary>
        public Access Who { get; }

        /// <summary>What it does.</summary>
        public MenuAction Action { get; }

        /// <summary>The flow it starts; null hides the row (the board lacks the part).</summary>
        public IFlow? Flow { get; set; }

        /// <summary>The step the flow starts at.</summary>
        public int Step { get; set; }
    }
}
