using Terminal.Core.App;
using Terminal.Core.Screens;
using Terminal.Core.Ui;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Set-up (MENU 0, behind the manager's password): the set-up menu (terminal IDs and key, language, training
    /// mode, passwords, software update) and the language menu, whose choice is journaled before it shows.
    /// </summary>
    public sealed class SetUpFlow : Flow
    {
        /// <summary>Step: the set-up menu.</summary>
        public const int Menu = 0;

        /// <summary>Step: the language menu.</summary>
        public const int Languages = 1;

        /// <summary>Step: English chosen.</summary>
        public const int English = 2;

        /// <summary>Step: Simplified Chinese chosen.</summary>
        public const int Chinese = 3;

        private readonly MenuRow[] _menu;
        private readonly MenuRow[] _languages;

        /// <summary>The set-up of <paramref name="cashier"/>'s terminal on its two tables.</summary>
        public SetUpFlow(Cashier cashier, MenuRow[] menu, MenuRow[] languages)
            : base(cashier)
        {
            _menu = menu;
            _languages = languages;
        }

        /// <inheritdoc />
        public override void Start(int step)
        {
            if (step == Menu)
            {
                C.Menu.Open(Texts.TitleSetUp, _menu, 3);
                return;
            }

            if (step == Languages)
            {
                C.Menu.Open(Texts.TitleLanguage, _languages, 3);
                return;
            }

            int language = step == Chinese ? Language.Chinese : Language.English;

            // Journaled before it shows: the next screen and receipt, and every one after a reboot, are in it.
            if (language != C.Lang && !C.Live.Store.SetLanguage(language))
            {
                C.ShowMessage(C.T(Texts.TitleLanguage), C.Live.Store.Problem);
                return;
            }

            if (C.Training)
            {
                C.Store.SetLanguage(language); // the training engine's messages follow (its RAM journal)
            }

            C.Nav.Language = language;
            C.GoIdle();
            C.Status(C.T(Texts.LanguageChanged));
        }
    }
}
