using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// The terminal's menus as tables: each row its key, text, who may use it and action. The menu screen draws and
    /// dispatches from them, and docs/merchant-guide.md lists them (a test holds the two together).
    /// </summary>
    public static class MenuTable
    {
        /// <summary>MENU at the idle screen.</summary>
        public static MenuRow[] Main() => new MenuRow[]
        {
            new MenuRow(KeyCode.Digit0 + 1, Texts.Menu1, Access.Technician, MenuAction.SelfTest),
            new MenuRow(KeyCode.Digit0 + 2, Texts.Menu2, Access.Manager, MenuAction.Void),
            new MenuRow(KeyCode.Digit0 + 3, Texts.Menu3, Access.Manager, MenuAction.Refund),
            new MenuRow(KeyCode.Digit0 + 4, Texts.Menu4, Access.Manager, MenuAction.Settlement),
            new MenuRow(KeyCode.Digit0 + 5, Texts.Menu5, Access.Anyone, MenuAction.ReprintLast),
            new MenuRow(KeyCode.Digit0 + 6, Texts.Menu6, Access.Anyone, MenuAction.ReprintInvoice),
            new MenuRow(KeyCode.Digit0 + 7, Texts.Menu7, Access.Anyone, MenuAction.Reports),
            new MenuRow(KeyCode.Digit0 + 8, Texts.Menu8, Access.Anyone, MenuAction.SignIn),
            new MenuRow(KeyCode.Digit0 + 9, Texts.Menu9, Access.Anyone, MenuAction.Operator),
            new MenuRow(KeyCode.Digit0, Texts.Menu0, Access.Manager, MenuAction.SetUp),
            new MenuRow(KeyCode.F1, Texts.MenuF1, Access.Technician, MenuAction.Update),
        };

        /// <summary>Set-up (MENU 0, behind the manager's password).</summary>
        public static MenuRow[] SetUp() => new MenuRow[]
        {
            new MenuRow(KeyCode.Digit0 + 1, Texts.SetUpMenu1, Access.Anyone, MenuAction.TerminalIds),
            new MenuRow(KeyCode.Digit0 + 2, Texts.SetUpMenu2, Access.Anyone, MenuAction.Language),
            new MenuRow(KeyCode.Digit0 + 3, Texts.SetUpMenu3Training, Access.Anyone, MenuAction.Training) { TrainingText = Texts.SetUpMenu3LeaveTraining },
            new MenuRow(KeyCode.Digit0 + 4, Texts.SetUpMenu4, Access.Anyone, MenuAction.ManagerPassword),
            new MenuRow(KeyCode.Digit0 + 5, Texts.SetUpMenu5, Access.Technician, MenuAction.Update),
            new MenuRow(KeyCode.Digit0 + 6, Texts.SetUpMenu6, Access.Technician, MenuAction.TechnicianPassword),
            new MenuRow(KeyCode.Digit0 + 7, Texts.SetUpMenu7, Access.Anyone, MenuAction.MerchantProfile),
        };

        /// <summary>Reports (MENU 7).</summary>
        public static MenuRow[] Reports() => new MenuRow[]
        {
            new MenuRow(KeyCode.Digit0 + 1, Texts.Reports1, Access.Anyone, MenuAction.DetailReport),
            new MenuRow(KeyCode.Digit0 + 2, Texts.Reports2, Access.Anyone, MenuAction.TotalsReport),
            new MenuRow(KeyCode.Digit0 + 3, Texts.Reports3, Access.Anyone, MenuAction.SettlementReprint),
            new MenuRow(KeyCode.Digit0 + 4, Texts.Reports4, Access.Anyone, MenuAction.SalesAnalysis),
        };

        /// <summary>Language (set-up 2).</summary>
        public static MenuRow[] Languages() => new MenuRow[]
        {
            new MenuRow(KeyCode.Digit0 + 1, Texts.LanguageEnglish, Access.Anyone, MenuAction.English),
            new MenuRow(KeyCode.Digit0 + 2, Texts.LanguageChinese, Access.Anyone, MenuAction.Chinese),
        };
    }
}
